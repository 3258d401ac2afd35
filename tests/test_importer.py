"""Reading sellers' files: header detection, Chinese headers, encodings, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from app.io.errors import InputError
from app.io.importer import import_catalogue, preview_catalogue
from tests.conftest import SAMPLE, shared_file


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_sample_catalogue() -> None:
    cat = import_catalogue(SAMPLE)
    assert cat.sheet == "Listings" and cat.header_row == 1
    assert len(cat.listings) == 45
    first = cat.listings[0]
    assert first.row == 2 and first.sku == "SS-1001" and first.get("declared_name") == "运动鞋"
    assert {"title", "bullet_1", "search_terms", "brand", "declared_name", "market"} <= set(cat.mapping)


def test_chinese_erp_export_with_header_below_a_title_row(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "erp.xlsx",
        {
            "说明": [["本表由ERP导出"]],
            "商品": [
                ["商品导出 2026-11-01"],
                [],
                ["商品编码", "商品名称", "五点描述1", "关键词", "品牌", "类目", "申报品名", "价格", "站点"],
                ["A-1", "耐克同款运动鞋", "透气", "运动鞋", "无品牌", "鞋靴", "运动鞋", 99.5, "美国"],
                ["A-2", "陶瓷杯", "", "", "", "家居", "杯子", 12, "德国"],
            ],
        },
    )
    cat = import_catalogue(path)
    assert cat.sheet == "商品" and cat.header_row == 3
    a1, a2 = cat.listings
    assert (a1.sku, a1.title, a1.row, a1.get("price")) == ("A-1", "耐克同款运动鞋", 4, "99.5")
    assert a1.markets == ("US",) and a2.markets == ("DE",)


def test_gbk_csv(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("货号,标题,品牌\nB-1,阿迪达斯风格卫衣,无\n".encode("gbk"))
    cat = import_catalogue(path)
    assert cat.listings[0].title == "阿迪达斯风格卫衣"


def test_semicolon_csv_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "eu.csv"
    path.write_bytes("\ufeffSKU;Product Name;Brand\nC-1;Sac à main;Maison\n".encode("utf-8"))
    cat = import_catalogue(path)
    assert cat.listings[0].title == "Sac à main" and cat.listings[0].get("brand") == "Maison"


def test_mapping_option(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("code,what we sell\nX1,Nike shoes\n", encoding="utf-8")
    with pytest.raises(InputError, match="no title column"):
        import_catalogue(path)
    cat = import_catalogue(path, mapping_option={"title": "what we sell", "sku": "code"})
    assert cat.listings[0].title == "Nike shoes" and cat.listings[0].sku == "X1"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.xlsx", "file not found"),
        (lambda p: (p / "empty.csv").write_bytes(b"") and p / "empty.csv" or p / "empty.csv", "empty"),
        (
            lambda p: (p / "notes.xlsx").write_text("hello, I am not a workbook") and p / "notes.xlsx",
            "damaged or is not really",
        ),
        (lambda p: (p / "photo.png").write_bytes(b"\x89PNG\r\n") and p / "photo.png", "not a spreadsheet"),
        (lambda p: write_xlsx(p / "blank.xlsx", {"Sheet1": []}), "no data"),
        (lambda p: write_xlsx(p / "notitle.xlsx", {"S": [["SKU", "Price"], ["1", "2"]]}), "no title column"),
    ],
)
def test_bad_input_names_the_file(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        import_catalogue(path)
    assert message in str(info.value)
    assert path.name in str(info.value)
    assert info.value.message("zh_CN")


def test_seller_file_is_not_modified(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", {"S": [["Title"], ["Nike shoes"]]})
    before = path.read_bytes()
    import_catalogue(path)
    assert path.read_bytes() == before


def test_real_gbk_taobao_file() -> None:
    folder = shared_file("encodings", "listings-cn-encoding")
    csvs = sorted(folder.glob("*.csv"))
    assert csvs, folder
    cat = import_catalogue(csvs[0])
    assert cat.headers[:3] == ["名称", "网址", "时间"]  # decoded from GBK
    assert len([listing for listing in cat.listings if listing.title]) == 35


def test_real_shopify_template() -> None:
    path = shared_file("templates", "templates-shopify", "shopify_product_template_2023.csv")
    cat = import_catalogue(path)
    assert "description" in cat.mapping and "brand" in cat.mapping


def test_mapping_dialog_flow_preview_then_import_by_column_index(tmp_path: Path) -> None:
    """What the GUI does with a file whose headers it does not know: preview, let the seller choose, import."""
    path = tmp_path / "erp.csv"
    path.write_text(
        "编号,货品名字,厂牌,备注\nE-1,耐克风格运动鞋 男款 透气,无,\nE-2,北欧风陶瓷马克杯 350ml,Homely,热销\n",
        encoding="utf-8",
    )
    preview = preview_catalogue(path, rows=1)
    assert preview.needs_mapping and preview.layout == "unknown" and preview.header_row == 1
    assert preview.headers == ["编号", "货品名字", "厂牌", "备注"] and preview.rows == [
        ["E-1", "耐克风格运动鞋 男款 透气", "无", ""]
    ]
    assert preview.mapping["title"] == 1 and "title" in preview.guessed
    chosen = {"sku": 0, "title": preview.mapping["title"], "brand": 2}
    cat = import_catalogue(path, mapping_option=chosen)
    assert [(x.row, x.sku, x.title, x.get("brand")) for x in cat.listings] == [
        (2, "E-1", "耐克风格运动鞋 男款 透气", "无"),
        (3, "E-2", "北欧风陶瓷马克杯 350ml", "Homely"),
    ]
    assert cat.guessed == () and cat.layout == "unknown"


def test_mapping_option_can_drop_a_recognised_column(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("SKU,Title,Brand\nS-1,Mug,Generic\n", encoding="utf-8")
    cat = import_catalogue(path, mapping_option={"brand": None})
    assert "brand" not in cat.mapping and cat.listings[0].get("brand") == ""


def test_seller_chooses_the_header_row(tmp_path: Path) -> None:
    """A mapping dialog lets the seller say which row holds the column names, or that none does."""
    path = write_xlsx(
        tmp_path / "odd.xlsx",
        {
            "S": [
                ["Spring catalogue", "", ""],
                ["Code", "Product", "Maker"],
                ["C-1", "Bamboo toothbrush 4 pack", "Greeny"],
                ["C-2", "Reusable coffee cup 350 ml", "Greeny"],
            ]
        },
    )
    preview = preview_catalogue(path, header_row=2)
    assert (
        preview.header_row == 2 and preview.headers == ["Code", "Product", "Maker"] and preview.first_row == 3
    )
    cat = import_catalogue(path, header_row=2, mapping_option={"title": "Product", "sku": "Code"})
    assert [(x.row, x.sku) for x in cat.listings] == [(3, "C-1"), (4, "C-2")]
    none = import_catalogue(path, header_row=0, mapping_option={"title": "B", "sku": "A"})
    assert none.header_row == 0 and [x.row for x in none.listings] == [1, 2, 3, 4]
    with pytest.raises(InputError, match="header row must be one of the first 4 rows, not row 9"):
        preview_catalogue(path, header_row=9)
