"""The checklist in the window: ticking an item in the detail pane is saved in the workspace and survives a
restart, with who ticked it; the items come from the bundled rule packs' requirements."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.core.checker import Checker
from app.core.i18n import set_ui_language
from app.core.models import DataVersions
from app.core.rules import bundled_rulebook
from app.store.settings import MARKETS, REVIEWER
from app.store.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.row_facts import ListingFilter

VERSIONS = DataVersions("marks-fixture", "rules-bundled")


def window_on(qtbot, path: Path, marks) -> MainWindow:
    ws = Workspace(path)
    window = MainWindow(ws, checker_factory=lambda seller: Checker(marks, bundled_rulebook(), seller=seller),
                        versions=lambda: VERSIONS)
    qtbot.addWidget(window)
    window.show()
    return window


def test_ticks_are_saved_and_shown_after_a_restart(qtbot, tmp_path: Path, fixture_marks) -> None:
    set_ui_language("en")
    path = tmp_path / "workspace.sqlite3"
    window = window_on(qtbot, path, fixture_marks)
    window.ws.settings.set(REVIEWER, "Lin")
    window.ws.settings.set(MARKETS, ["US", "EU"])
    with qtbot.waitSignal(window.check_finished, timeout=60_000):
        qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    model = window.model
    row = next(r for r in range(model.rowCount()) if len(model.result(r).checklist) >= 2)
    sku = model.result(row).listing.sku
    window.results_page.filters.set_spec(ListingFilter(text=sku))
    window.results_page.select_row(0)
    detail = window.results_page.detail
    items = detail.result.checklist
    assert detail.checklist.count() == len(items) and detail.checklist.isVisible()
    assert all(detail.checklist.item(i).checkState() == Qt.CheckState.Unchecked for i in range(len(items)))
    detail.checklist.item(1).setCheckState(Qt.CheckState.Checked)  # as a click on the box does
    ticked = items[1]
    assert ticked.decision is not None and ticked.decision.by == "Lin"
    assert items[0].decision is None
    window.close()
    window.ws.close()

    again = window_on(qtbot, path, fixture_marks)
    with qtbot.waitSignal(again.check_finished, timeout=60_000):
        qtbot.mouseClick(again.welcome.reopen_button, Qt.MouseButton.LeftButton)
    again.results_page.filters.set_spec(ListingFilter(text=sku))
    again.results_page.select_row(0)
    pane = again.results_page.detail
    restored = {(c.requirement_id, c.market): c.decision for c in pane.result.checklist}
    assert restored[(ticked.requirement_id, ticked.market)] is not None
    assert restored[(ticked.requirement_id, ticked.market)].state == "done"
    assert sum(d is not None for d in restored.values()) == 1
    index = next(i for i, c in enumerate(pane.result.checklist)
                 if (c.requirement_id, c.market) == (ticked.requirement_id, ticked.market))
    assert pane.checklist.item(index).checkState() == Qt.CheckState.Checked
    assert "Lin" in pane.checklist.item(index).toolTip()
    # unticking clears it
    pane.checklist.item(index).setCheckState(Qt.CheckState.Unchecked)
    assert pane.result.checklist[index].decision is None
    assert not again.ws.reviews.ticks(again.session.checked.catalogue_id)
    again.close()
    again.ws.close()
