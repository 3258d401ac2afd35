"""My brands in the real window: import a list from Excel, save, and the re-check stops flagging; export; data import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtWidgets import QDialogButtonBox

from app.io.seller_lists import read_list
from tests.test_gui import english, make_window, open_sample  # noqa: F401  (fixtures; english is autouse)
from tests.test_seller_data import SAMPLE_CASES, _uspto_file


def _marks_flagged(window) -> set[str]:
    return {f.mark for r in window.session.checked.results for f in r.findings if f.kind == "trademark"}


def test_authorisation_imported_in_the_dialog_stops_the_flags(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    open_sample(qtbot, window)
    assert "Nike" in _marks_flagged(window)
    wb = Workbook()
    wb.active.append(["授权品牌", "授权编号", "到期日"])
    wb.active.append(["Nike", "NK-1", date.today().replace(year=date.today().year + 1)])
    wb.save(tmp_path / "auth.xlsx")

    dialog = window.open_brands()
    dialog.tabs.setCurrentIndex(1)
    assert dialog.import_from(tmp_path / "auth.xlsx")
    qtbot.waitUntil(lambda: dialog.auths.table.rowCount() == 1, timeout=10_000)
    assert dialog.auths.table.item(0, 1).text() == "NK-1"
    with qtbot.waitSignal(window.check_finished, timeout=60_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.ws.seller.load().authorisations[0].reference == "NK-1"
    assert "Nike" not in _marks_flagged(window)


def test_export_writes_the_open_list(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    window.ws.seller.add_watch("Zoomix", "Zoomix Ltd", ["Zoo-mix"], [9], ["headphones"])
    dialog = window.open_brands()
    dialog.tabs.setCurrentIndex(2)
    assert dialog.watch.table.item(0, 2).text() == "9"
    out = tmp_path / "watch.xlsx"
    assert dialog.export_to(out)
    qtbot.waitUntil(lambda: "watch.xlsx" in dialog.status.text(), timeout=10_000)
    assert [(m.name, m.nice_classes, m.keywords) for m in read_list(out, "watchlist").watchlist] == [
        ("Zoomix", (9,), ("headphones",))]
    dialog.reject()


def test_a_bad_file_shows_a_message_not_a_traceback(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    dialog = window.open_brands()
    bad = tmp_path / "broken.xml"
    bad.write_text("<trademark-applications-daily><case-file>", encoding="utf-8")
    assert dialog.import_data_from(bad)
    qtbot.waitUntil(lambda: "broken.xml" in dialog.problem.text(), timeout=10_000)
    assert not dialog.data_imported
    dialog.reject()


def test_uspto_data_imported_from_the_dialog_is_used_by_the_recheck(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    open_sample(qtbot, window)
    dialog = window.open_brands()
    assert dialog.import_data_from(_uspto_file(tmp_path / "apc.xml", SAMPLE_CASES))
    qtbot.waitUntil(lambda: dialog.data_imported, timeout=20_000)
    assert "2 marks imported" in dialog.status.text()
    with qtbot.waitSignal(window.check_finished, timeout=60_000):
        dialog.reject()  # even on Cancel: the marks are in the workspace and the listings are checked again
    assert {m.name for m in window.ws.seller.load().watchlist} == {"ZORBILUX", "HAPPY OCEAN"}
