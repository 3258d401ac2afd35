"""The real main window driven end to end on a real workspace file: open, check, filter, review, edit, export,
restart and find the decisions still there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.core.checker import Checker
from app.core.i18n import set_ui_language
from app.core.models import DataVersions
from app.store.runs import finding_key
from app.store.settings import REVIEWER
from app.store.workspace import Workspace
from app.ui.listings_model import COL_TITLE
from app.ui.main_window import MainWindow
from app.ui.row_facts import ListingFilter

VERSIONS = DataVersions("marks-fixture", "rules-fixture")


@pytest.fixture(autouse=True)
def english():
    set_ui_language("en")
    yield
    set_ui_language("en")


@pytest.fixture
def make_window(qtbot, tmp_path: Path, fixture_marks, fixture_rulebook):
    made: list[tuple[MainWindow, Workspace]] = []

    def make(path: Path | None = None) -> MainWindow:
        ws = Workspace(path or tmp_path / "workspace.sqlite3")
        window = MainWindow(ws, checker_factory=lambda seller: Checker(fixture_marks, fixture_rulebook,
                                                                       seller=seller),
                            versions=lambda: VERSIONS)
        qtbot.addWidget(window)
        window.show()
        made.append((window, ws))
        return window

    yield make
    for window, ws in made:
        window.close()
        ws.close()


def open_sample(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.check_finished, timeout=60_000):
        qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.results_page


def test_review_workflow_survives_a_restart(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    window.ws.settings.set(REVIEWER, "Lin")
    assert window.stack.currentWidget() is window.welcome
    open_sample(qtbot, window)
    model = window.model
    assert model.rowCount() == 45

    # filter to high risk through the filter bar
    risk = window.results_page.filters.risk
    risk.setCurrentIndex(risk.findData("high"))
    high_rows = model.rowCount()
    assert 0 < high_rows < 45
    assert all(model.result(r).open_risk == "high" for r in range(high_rows))

    # open the first finding of SS-1002 and mark it a false alarm with the keyboard shortcut
    window.results_page.filters.search.setText("SS-1002")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    window.results_page.select_row(0)
    detail = window.results_page.detail
    result = detail.result
    assert result is not None and result.listing.sku == "SS-1002"
    finding = detail.current_finding()
    assert finding is not None and finding.mark == "Nike"
    assert "Nike" in detail.fields_view.toHtml()
    detail.note_edit.setText("our own Air range")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert finding.decision is not None and finding.decision.state == "false_alarm"
    assert "False alarm" in detail.findings_list.item(0).text()
    decided_key = finding_key(finding)

    # edit the title of SS-1003 (a Chinese knock-off title) and see its trademark finding disappear
    window.results_page.filters.set_spec(ListingFilter(text="SS-1003"))
    assert model.rowCount() == 1
    window.results_page.select_row(0)
    before = [f.mark for f in detail.result.findings if f.kind == "trademark"]
    assert "Nike" in before
    detail.start_edit("title")
    assert detail.editor.isVisible()
    detail.editor.text.setPlainText("2024新款运动鞋男透气跑步鞋")
    qtbot.mouseClick(detail.editor.save_button, Qt.MouseButton.LeftButton)
    after = detail.result
    assert after.listing.title == "2024新款运动鞋男透气跑步鞋"
    assert "Nike" not in [f.mark for f in after.findings if f.kind == "trademark"]
    assert model.data(model.index(0, COL_TITLE)) == "2024新款运动鞋男透气跑步鞋"

    # export
    out = tmp_path / "report.json"
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        assert window.export_to(out)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]["listings"] == 45
    titles = {item["sku"]: item["title"] for item in report["listings"]}
    assert titles["SS-1003"] == "2024新款运动鞋男透气跑步鞋"
    window.close()

    # restart on the same workspace file: the decision and the edit are still there
    again = make_window(window.ws.path)
    assert again.welcome.recent_list.count() == 1
    with qtbot.waitSignal(again.check_finished, timeout=60_000):
        qtbot.mouseClick(again.welcome.reopen_button, Qt.MouseButton.LeftButton)
    assert again.model.rowCount() == 45
    again.results_page.filters.set_spec(ListingFilter(text="SS-1002"))
    again.results_page.select_row(0)
    restored = [f for f in again.results_page.detail.result.findings if finding_key(f) == decided_key]
    assert restored and restored[0].decision is not None
    assert (restored[0].decision.state, restored[0].decision.by, restored[0].decision.note) == \
        ("false_alarm", "Lin", "our own Air range")
    again.results_page.filters.set_spec(ListingFilter(text="SS-1003"))
    again.results_page.select_row(0)
    assert again.results_page.detail.result.listing.title == "2024新款运动鞋男透气跑步鞋"


def test_import_dialog_maps_columns_and_remembers_them(qtbot, make_window, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "odd.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Item", "Listing Text", "Maker"])
    sheet.append(["Z-1", "Nike style trainers", "Acme"])
    sheet.append(["Z-2", "Plain canvas tote", "Acme"])
    wb.save(path)
    window = make_window()
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        window.open_file(path)
    dialog = window.import_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no title column recognised yet
    assert "title" in dialog.info.text().lower()
    title = dialog.field_combos["title"]
    title.setCurrentIndex(title.findData("Listing Text"))
    dialog.field_combos["sku"].setCurrentIndex(dialog.field_combos["sku"].findData("Item"))
    assert ok.isEnabled()
    assert "Title" in str(dialog.preview_model.headerData(1, Qt.Orientation.Horizontal))
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 2
    assert {window.model.result(r).listing.sku for r in range(2)} == {"Z-1", "Z-2"}
    # the same layout again: the dialog maps itself and offers to update the same catalogue
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        window.open_file(path)
    dialog = window.import_dialog
    assert dialog is not None
    assert dialog.field_combos["title"].currentData() == "Listing Text"
    assert dialog.catalogue_id() == window.session.checked.catalogue_id
    dialog.reject()


def test_dashboard_bars_filter_the_list(qtbot, make_window) -> None:
    window = make_window()
    open_sample(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.dashboard
    chart = window.dashboard.topic_chart
    bars = {b.key: b.value for b in chart.bars}
    assert bars.get("trademark", 0) > 0
    index = [b.key for b in chart.bars].index("trademark")
    rect = chart.bar_rect(index)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.results_page
    assert window.model.filter.topic == "trademark"
    assert window.model.rowCount() == bars["trademark"]
    risk_chart = window.dashboard.risk_chart
    assert sum(b.value for b in risk_chart.bars) == 45


def test_next_finding_walks_across_listings(qtbot, make_window) -> None:
    window = make_window()
    open_sample(qtbot, window)
    page = window.results_page
    page.select_row(0)
    seen = []
    for _i in range(8):
        finding = page.detail.current_finding()
        seen.append((page.current_listing, id(finding)))
        qtbot.keyClick(window, Qt.Key.Key_F8)
    assert len(set(seen)) == 8
    assert len({listing for listing, _f in seen}) >= 3
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert (page.current_listing, id(page.detail.current_finding())) == seen[-1]


def test_language_switch_is_live_and_remembered(qtbot, make_window) -> None:
    window = make_window()
    open_sample(qtbot, window)
    window.set_language("zh_CN")
    assert window.welcome.sample_button.text() == "试用示例商品表"
    assert window.model.headerData(COL_TITLE, Qt.Orientation.Horizontal) != "Title"
    assert window.actions["open"].text() != "Open catalogue…"
    assert window.ws.settings.get(__import__("app.store.settings", fromlist=["UI_LANGUAGE"]).UI_LANGUAGE) == "zh_CN"
    window.set_language("en")
    assert window.welcome.sample_button.text() == "Try the sample catalogue"


def test_bad_file_shows_an_error_naming_it_and_the_window_survives(qtbot, make_window, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    window = make_window()
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        window.open_file(bad)
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "error_box" and w.isVisible()]
    assert boxes and "bad.xlsx" in boxes[-1].text()
    assert boxes[-1].informativeText()  # says what to do
    for box in boxes:
        box.close()
    assert window.actions["open"].isEnabled()


def test_settings_show_versions_and_save_markets(qtbot, make_window) -> None:
    window = make_window()
    dialog = window.open_settings()
    assert "marks-fixture" in dialog.versions_label.text()
    assert not dialog.update_button.isEnabled()  # no updater in this build
    dialog.market_boxes["US"].setChecked(False)
    dialog.market_boxes["JP"].setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.markets() == ("JP",)


def test_tab_order_walks_filters_then_table_then_review(qtbot, make_window) -> None:
    window = make_window()
    open_sample(qtbot, window)
    window.activateWindow()
    page = window.results_page
    page.filters.search.setFocus()
    qtbot.waitUntil(lambda: page.filters.search.hasFocus())
    order: list[str] = []
    for _i in range(60):  # the field view takes one Tab per [edit] link before moving on
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        name = QApplication.focusWidget().objectName()
        if not order or order[-1] != name:
            order.append(name)
        if name == "decide_authorised":
            break
    assert order == ["risk_filter", "market_filter", "topic_filter", "brand_filter", "review_filter",
                     "listings_table", "fields_view", "findings_list", "decide_false_alarm", "decide_authorised"]
