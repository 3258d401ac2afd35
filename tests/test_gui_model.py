"""The listings model alone (no window): filters, sorting that keeps the selection, one-row refresh;
and the crash hook."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication

from app.core.i18n import set_ui_language
from app.core.models import DataVersions
from app.store import pipeline
from app.store.intake import ImportChoice
from app.store.review import Review
from app.store.workspace import Workspace
from app.ui.listings_model import COL_RISK, COL_SKU, COL_TITLE, ListingsModel
from app.ui.row_facts import ListingFilter, Summary, prepare

ROWS = [
    ["M-1", "Nike running shoes", "Acme"],
    ["M-2", "Plain cotton socks", "Acme"],
    ["M-3", "FDA approved thermometer", "Acme"],
    ["M-4", "LEGO compatible bricks set", "Acme"],
    ["M-5", "Adidas style T-shirt", "Acme"],
    ["M-6", "Ceramic mug", "Acme"],
]


@pytest.fixture
def loaded(tmp_path: Path, checker, qapp):
    set_ui_language("en")
    path = tmp_path / "m.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["SKU", "Title", "Brand"])
    for row in ROWS:
        wb.active.append(row)
    wb.save(path)
    ws = Workspace(tmp_path / "ws.sqlite3")
    checked = pipeline.import_and_check(ws, ImportChoice(path), markets=["US"], checker=checker,
                                        versions=DataVersions("a", "b"))
    model = ListingsModel()
    model.set_prepared(prepare(checked))
    yield model, ws, checked
    ws.close()


def skus(model: ListingsModel) -> list[str]:
    return [model.data(model.index(r, COL_SKU)) for r in range(model.rowCount())]


def test_riskiest_first_and_filters(loaded) -> None:
    model, _ws, _checked = loaded
    assert model.rowCount() == 6
    risks = [model.result(r).open_risk for r in range(6)]
    order = {"high": 3, "medium": 2, "low": 1, "none": 0}
    assert [order[r] for r in risks] == sorted((order[r] for r in risks), reverse=True)
    model.set_filter(ListingFilter(risk="none"))
    assert set(skus(model)) == {"M-2", "M-6"}
    model.set_filter(ListingFilter(brand="Nike"))
    assert skus(model) == ["M-1"]
    model.set_filter(ListingFilter(topic="regulatory_claim"))
    assert skus(model) == ["M-3"]
    model.set_filter(ListingFilter(text="MUG"))
    assert skus(model) == ["M-6"]
    model.set_filter(ListingFilter(review="clean"))
    assert set(skus(model)) == {"M-2", "M-6"}
    model.set_filter(ListingFilter(market="US", review="todo"))
    assert set(skus(model)) == {"M-1", "M-3", "M-4", "M-5"}


def test_sort_keeps_the_selected_listing(loaded) -> None:
    model, _ws, _checked = loaded
    held = QPersistentModelIndex(model.index(model.rowCount() - 1, COL_SKU))
    sku = held.data()
    model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.data(model.index(r, COL_TITLE)) for r in range(6)]
    assert titles == sorted(titles, key=str.casefold)
    assert held.isValid() and held.data() == sku
    model.sort(COL_SKU, Qt.SortOrder.DescendingOrder)
    assert skus(model) == ["M-6", "M-5", "M-4", "M-3", "M-2", "M-1"]
    assert held.data() == sku


def test_decision_refreshes_one_row_and_the_counts(loaded, qtbot) -> None:
    model, ws, checked = loaded
    listing = checked.keys.index("M-1")
    row = model.row_of(listing)
    assert model.data(model.index(row, COL_RISK)) == "High"
    review = Review(ws, checked)
    with qtbot.waitSignal(model.dataChanged):
        for f in list(checked.results[listing].findings):
            review.decide(listing, f, "authorised")
        model.refresh_listing(listing)
    assert model.data(model.index(row, COL_RISK)) == "None"
    assert model.row_of(listing) == row  # the row stays where the seller is working
    fresh = Summary()
    for f in prepare(checked).facts:
        fresh.add(f)
    assert model.summary == fresh
    assert model.summary.by_review["reviewed"] == 1


def test_title_is_editable_through_the_handler(loaded) -> None:
    model, _ws, _checked = loaded
    assert not model.flags(model.index(0, COL_TITLE)) & Qt.ItemFlag.ItemIsEditable
    calls: list[tuple[int, str, str]] = []
    model.edit_handler = lambda i, field, text: calls.append((i, field, text)) is None
    index = model.index(0, COL_TITLE)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "New title")
    assert calls == [(model.listing_index(0), "title", "New title")]


def test_unexpected_error_shows_a_dialog_with_the_log_path(qtbot) -> None:
    from app.ui import crash

    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        crash._excepthook(type(exc), exc, exc.__traceback__)
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "error_box" and w.isVisible()]
    assert boxes
    box = boxes[-1]
    assert "boom in a slot" in box.text()
    assert str(crash.log_path()) in box.informativeText()
    assert "RuntimeError" in box.detailedText()
    box.close()
