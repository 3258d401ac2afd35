"""Workbooks: choosing the sheet, tables that do not start at A1, cells as the seller sees them, .ods and .xls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from app.io.importer import import_catalogue, preview_catalogue
from tests.conftest import FIXTURES, shared_file
from tests.import_files import set_cached_values, write_ods, write_xlsx


def test_real_multi_sheet_workbook() -> None:
    path = shared_file("listings", "listings-shopee", "train_title.xlsx")
    cat = import_catalogue(path)
    assert len(cat.sheets) == 5 and set(cat.listing_sheets) == set(cat.sheets)
    assert cat.sheet == "38 Aksesoris Fashion"  # all five hold listings; the largest is read
    assert cat.mapping.keys() >= {"title", "brand"} and cat.listings[0].row == 2
    note = [w for w in cat.warnings if w.text.startswith("Read sheet")]
    assert len(note) == 1 and "40 Handphone & Aksesoris" in str(note[0].params["others"])
    # The first sheet has no itemid columns (a ragged layout): read by name, it still maps.
    first = import_catalogue(path, sheet_name="40 Handphone & Aksesoris")
    assert first.headers[:3] == ["Product name", "Core terms", "Brand"]
    assert first.listings[0].title == "Adaptor micro sd" and first.listings[0].row == 2
    assert not [w for w in first.warnings if w.text.startswith("Read sheet")]
    labelled = [x for x in first.listings if x.get("brand")]
    assert labelled and all(x.sheet == "40 Handphone & Aksesoris" for x in labelled)


def test_real_headerless_single_column_sheet() -> None:
    cat = import_catalogue(shared_file("listings", "listings-shopee", "test_titles.xlsx"))
    assert cat.layout == "headerless" and cat.guessed == ("title",)
    assert cat.listings[0].row == 1 and cat.listings[0].title.startswith("Kogan Action Camera")
    assert len(cat.listings) == 200


def test_preview_for_a_mapping_dialog() -> None:
    path = shared_file("listings", "listings-shopee", "train_title.xlsx")
    preview = preview_catalogue(path, sheet_name="33 Pakaian Pria", rows=5)
    assert preview.sheet == "33 Pakaian Pria" and len(preview.sheets) == 5
    assert preview.header_row == 1 and preview.first_row == 2 and len(preview.rows) == 5
    assert preview.headers[2] == "Product name" and preview.mapping["title"] == 2
    assert preview.rows[0][0] == "45795775"  # an item id stored as a number, shown as Excel shows it
    assert (
        preview.layout == "generic" and not preview.needs_mapping and preview.columns[:3] == ["A", "B", "C"]
    )


def test_table_below_a_title_with_ragged_rows_and_trailing_blanks(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Export"
    ws["C2"] = "Product export 2026-11-01"
    for col, name in enumerate(["SKU", "Title", "Brand", "Price"], start=3):
        ws.cell(row=4, column=col, value=name)
    ws.append([None, None, "R-1", "Short row"])  # row 5: no brand or price cells at all
    ws.append([None, None, "R-2", "Full row", "Homely", 12.5, "extra cell beyond the header"])
    for row in range(7, 40):
        ws.cell(row=row, column=3, value=None)
    ws.cell(row=60, column=12).number_format = "0.00"  # formatting far away, no value
    wb.save(tmp_path / "ragged.xlsx")
    cat = import_catalogue(tmp_path / "ragged.xlsx")
    assert cat.header_row == 4 and [(x.row, x.sku) for x in cat.listings] == [(5, "R-1"), (6, "R-2")]
    assert cat.listings[0].get("brand") == "" and cat.listings[1].get("price") == "12.5"
    preview = preview_catalogue(tmp_path / "ragged.xlsx")
    assert preview.columns[0] == "C" and preview.headers[0] == "SKU"  # the table starts in column C
    assert (
        import_catalogue(tmp_path / "ragged.xlsx", mapping_option={"brand": "E"}).listings[1].get("brand")
        == "Homely"
    )


def test_cached_formula_values_numbers_and_dates(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "formulas.xlsx",
        {
            "Sheet1": [
                ["SKU", "Title", "Price", "Declared value", "HS code", "Listed on", "Market"],
                ["F-1", '="Ceramic mug "&"350 ml"', 12.5, "=C2*0.3", 6912001000, dt.date(2026, 3, 1), "US"],
                ["F-2", "Glass teapot", 0.1 + 0.2, 7, 7013370000, dt.datetime(2026, 3, 2, 14, 30), "DE"],
            ]
        },
    )
    set_cached_values(path, {"B2": "Ceramic mug 350 ml", "D2": "3.75"})
    cat = import_catalogue(path)
    one, two = cat.listings
    assert one.title == "Ceramic mug 350 ml" and one.get("declared_value") == "3.75"
    assert one.get("hs_code") == "6912001000" and one.get("price") == "12.5"
    assert two.get("price") == "0.3" and two.get("declared_value") == "7"
    assert one.markets == ("US",) and two.markets == ("DE",)


def test_hidden_sheets_are_not_chosen(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "hidden.xlsx",
        {
            "Old listings": [["SKU", "Title", "Brand", "Price", "Category"]]
            + [[f"O-{i}", "Old", "B", 1, "C"] for i in range(50)],
            "Listings": [["Title"], ["Current mug"]],
        },
        hidden=("Old listings",),
    )
    cat = import_catalogue(path)
    assert cat.sheet == "Listings" and cat.sheets == ["Old listings", "Listings"]
    assert import_catalogue(path, sheet_name="Old listings").listings[0].sku == "O-0"


def test_opendocument_spreadsheet(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "katalog.ods",
        "Produkte",
        [["SKU", "Title", "Brand", "Price"], ["K-1", "Kaffeebecher", "Homely", 9.5]],
    )
    cat = import_catalogue(path)
    assert cat.sheet == "Produkte" and cat.listings[0].title == "Kaffeebecher"
    assert cat.listings[0].get("price") == "9.5" and len(cat.listings) == 1


def test_legacy_xls() -> None:
    """tests/fixtures/legacy_catalogue.xls: our own three rows, saved as Excel 97-2003 by LibreOffice."""
    cat = import_catalogue(FIXTURES / "legacy_catalogue.xls")
    assert cat.sheet == "商品列表" and [x.sku for x in cat.listings] == ["X-1", "X-2"]
    assert cat.listings[0].title == "耐克同款跑步鞋 男款" and cat.listings[0].get("price") == "59.9"
    assert cat.listings[1].get("price") == "12" and cat.listings[1].row == 3


def test_tab_separated_text_named_xls(tmp_path: Path) -> None:
    """Many shop back-ends export tab-separated text with an .xls name."""
    path = tmp_path / "export.xls"
    path.write_text("SKU\tTitle\nT-1\tBamboo cutting board\n", encoding="utf-8")
    assert import_catalogue(path).listings[0].title == "Bamboo cutting board"


def test_workbook_named_csv(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "really_a_workbook.csv", {"S": [["Title"], ["Wool socks"]]})
    assert import_catalogue(path).listings[0].title == "Wool socks"
