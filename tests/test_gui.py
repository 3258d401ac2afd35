"""The first main window, driven for real: open the sample, check it off the GUI thread, filter, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.ui.listings_model import ResultRole
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    return w


def test_open_sample_check_filter_and_export(qtbot, window: MainWindow, tmp_path: Path) -> None:
    assert window.stack.currentWidget() is window.welcome
    with qtbot.waitSignal(window.check_finished, timeout=60_000):
        qtbot.mouseClick(window.sample_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.results_page
    assert window.model.rowCount() == 45
    high_index = window.risk_filter.findData("high")
    window.risk_filter.setCurrentIndex(high_index)
    high_rows = window.proxy.rowCount()
    assert 0 < high_rows < 45
    for row in range(high_rows):
        assert window.proxy.index(row, 0).data(ResultRole).risk == "high"
    window.table.selectRow(0)
    assert window.detail.toPlainText().strip()
    window.search_edit.setText("SS-1004")
    assert window.proxy.rowCount() == 1
    out = tmp_path / "report.json"
    window.export_to(out)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]["listings"] == 45


def test_language_switch_retranslates(window: MainWindow) -> None:
    window.set_language("en")
    assert window.sample_button.text() == "Try the sample catalogue"
    window.set_language("zh_CN")
    assert window.sample_button.text() != "Try the sample catalogue"
    window.set_language("en")


def test_bad_file_shows_error_and_window_survives(qtbot, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        window.open_file(bad)
    boxes = [w for w in window.findChildren(object) if getattr(w, "objectName", lambda: "")() == "error_box"]
    assert boxes and "bad.xlsx" in boxes[-1].text()
    assert window.open_action.isEnabled()
