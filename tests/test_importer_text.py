"""Text tables: encodings, delimiters, quoted line breaks, headerless files, mixed and damaged bytes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.io.importer import import_catalogue
from app.io.textfile import TextTable
from tests.conftest import shared_file

ROWS = [
    ["SKU", "Title", "Brand"],
    ["A-1", "耐克同款运动鞋 男款", "无品牌"],
    ["A-2", "陶瓷马克杯 大容量", "家居"],
]


def write(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8"),
        ("gbk", "GB18030/GBK"),
        ("gb18030", "GB18030/GBK"),
        ("big5", "Big5"),
        ("utf-16", "UTF-16"),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, label: str) -> None:
    rows = (
        [
            [
                c.replace("耐克同款运动鞋 男款", "耐吉運動鞋 男款")
                .replace("陶瓷马克杯 大容量", "陶瓷馬克杯 大容量")
                .replace("无品牌", "無品牌")
                for c in r
            ]
            for r in ROWS
        ]
        if encoding == "big5"
        else ROWS
    )
    path = write(tmp_path / f"{encoding}.csv", rows, encoding)
    cat = import_catalogue(path)
    assert [x.title for x in cat.listings] == [rows[1][1], rows[2][1]]
    assert cat.headers[0] == "SKU" and cat.encoding == label and not cat.warnings


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path) -> None:
    """Excel's "Save as Unicode Text": UTF-16 LE with a BOM, tab-separated, CRLF, named .txt."""
    path = tmp_path / "listings.txt"
    path.write_bytes(
        ('\ufeffSKU\tTitle\tBrand\r\nU-1\t北欧风 台灯\tLumi\r\nU-2\t"Desk lamp, 2 pack"\tLumi\r\n').encode(
            "utf-16-le"
        )
    )
    cat = import_catalogue(path)
    assert [(x.row, x.sku, x.title) for x in cat.listings] == [
        (2, "U-1", "北欧风 台灯"),
        (3, "U-2", "Desk lamp, 2 pack"),
    ]


def test_utf16_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes("SKU\tTitle\nN-1\t无线耳机\n".encode("utf-16-le"))
    assert import_catalogue(path).listings[0].title == "无线耳机"


def test_cp1252_european_csv(tmp_path: Path) -> None:
    path = write(
        tmp_path / "fr.csv",
        [["SKU", "Titre", "Title", "Marque"], ["F-1", "x", "Sac à main été", "Maison"]],
        "cp1252",
        ";",
    )
    cat = import_catalogue(path)
    assert cat.listings[0].title == "Sac à main été" and cat.encoding == "Windows-1252"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_with_commas_in_titles(tmp_path: Path, delimiter: str) -> None:
    rows = [
        ["SKU", "Title", "Price"],
        ["D-1", "Mug, ceramic, 350 ml", "12,50"],
        ["D-2", "Lamp; LED", "9.99"],
        ["D-3", "Pen | blue", "1"],
    ]
    cat = import_catalogue(write(tmp_path / "d.csv", rows, "utf-8", delimiter))
    assert [x.title for x in cat.listings] == ["Mug, ceramic, 350 ml", "Lamp; LED", "Pen | blue"]


def test_multiline_quoted_cells_keep_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(
        'SKU,Title,Description\r\nM-1,Mug,"Line one\r\nLine two\r\nLine three"\r\nM-2,Lamp,Plain\r\n',
        encoding="utf-8",
    )
    cat = import_catalogue(path)
    assert [(x.row, x.sku) for x in cat.listings] == [(2, "M-1"), (3, "M-2")]
    assert cat.listings[0].get("description") == "Line one\r\nLine two\r\nLine three"


def test_old_mac_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b"SKU,Title\rC-1,Cup\rC-2,Plate\r")
    assert [(x.row, x.title) for x in import_catalogue(path).listings] == [(2, "Cup"), (3, "Plate")]


def test_mixed_encodings_keep_every_row_and_name_the_odd_ones(tmp_path: Path) -> None:
    """A UTF-8 file into which rows from a GBK export were pasted."""
    lines = [
        "SKU,Title,Brand",
        "M-1,无线蓝牙耳机 降噪,Soundy",
        "M-2,儿童保温杯 316不锈钢,Kido",
        "M-3,北欧风陶瓷马克杯,Homely",
        "M-4,瑜伽垫 加厚防滑,Flexa",
    ]
    data = b"".join((line + "\n").encode("gbk" if i in (2, 4) else "utf-8") for i, line in enumerate(lines))
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    cat = import_catalogue(path)
    assert [x.title for x in cat.listings] == [line.split(",")[1] for line in lines[1:]]
    texts = [w.text.format(**w.params) for w in cat.warnings]
    assert texts == [
        (
            "2 rows (3, 5) are not in this file's main encoding (UTF-8); they were read as GB18030/GBK. "
            "Check that their text looks right."
        )
    ]


def test_damaged_bytes_are_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "damaged.csv"
    path.write_bytes("SKU,Title\nB-1,Café crème mug\n".encode() + b"B-2,Caf\xe9 mug \xc3\xa9t\xc3\xa9 \xff\n")
    cat = import_catalogue(path)
    assert cat.listings[0].title == "Café crème mug" and "\ufffd" in cat.listings[1].title
    assert any(
        "1 rows (3) contain bytes that are not valid text" in w.text.format(**w.params) for w in cat.warnings
    )


def test_nul_bytes_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"SKU,Title\nN-1,Tea\x00pot\n" + b"N-2,Cup\n" * 3000)
    cat = import_catalogue(path)
    assert cat.listings[0].title == "Teapot" and len(cat.listings) == 3001
    assert any("NUL" in w.text for w in cat.warnings)


def test_unclosed_quote_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(
        'SKU,Title\nQ-1,"12" ruler\nQ-2,"Broken quote\n' + "".join(f"Q-{i},Item {i}\n" for i in range(600)),
        encoding="utf-8",
    )
    cat = import_catalogue(path)
    texts = [w.text.format(**w.params) for w in cat.warnings]
    assert any(t.startswith("Row 3: a quotation mark is not closed") for t in texts), texts


def test_real_gbk_taobao_file() -> None:
    path = shared_file("encodings", "listings-cn-encoding", "taobao_stats_2014_gbk.csv")
    cat = import_catalogue(path)
    assert cat.headers[:3] == ["名称", "网址", "时间"] and cat.encoding == "GB18030/GBK"
    assert len(cat.listings) == 35 and all(
        x.title for x in cat.listings
    )  # the 117 rows without a name are skipped


def test_real_semicolon_file() -> None:
    path = shared_file("listings", "listings-amazon-uk-toys", "amazon_uk_toys_10k_semicolon.csv")
    cat = import_catalogue(path)
    assert TextTable(path).format.delimiter == ";"
    assert len(cat.listings) == 10_000 and cat.listings[0].title == "Hornby 2014 Catalogue"
    assert cat.listings[0].row == 2 and cat.listings[-1].row == 10_001
    assert cat.listings[0].get("price") == "3.42"


def test_real_headerless_file_columns_guessed_from_content() -> None:
    path = shared_file("listings", "listings-amazon-uk-toys", "amazon_uk_toys_10k_comma_noheader.csv")
    cat = import_catalogue(path)
    assert cat.layout == "headerless" and cat.header_row == 0
    assert set(cat.guessed) >= {"title", "brand", "sku", "category", "price"}
    assert {name: cat.headers[col] for name, col in cat.mapping.items()} == {
        "sku": "A",
        "title": "B",
        "category": "C",
        "brand": "D",
        "price": "E",
    }
    first = cat.listings[0]
    assert (first.row, first.title, first.get("brand")) == (1, "Hornby 2014 Catalogue", "Hornby")
    assert len(cat.listings) == 10_000
    assert any("no header row" in w.text for w in cat.warnings)
    # The seller corrects a guess by column letter.
    fixed = import_catalogue(path, mapping_option={"brand": "D", "manufacturer": "D", "price": None})
    assert "price" not in fixed.mapping and fixed.listings[0].get("manufacturer") == "Hornby"
    assert "brand" not in fixed.guessed and "title" in fixed.guessed


def test_real_flipkart_headerless_and_multiline_files() -> None:
    cat = import_catalogue(
        shared_file("listings", "listings-flipkart", "flipkart_20k_title_category_noheader.csv")
    )
    assert cat.layout == "headerless" and cat.listings[0].title == "Alisha Solid Women's Cycling Shorts"
    assert cat.headers[cat.mapping["category"]] == "C"
    path = shared_file("listings", "listings-flipkart", "flipkart_5k_fullschema.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        records = list(csv.reader(fh))
    first_multiline = next(i for i, r in enumerate(records, start=1) if "\n" in r[10])
    full = import_catalogue(path)
    rows = {x.row: x for x in full.listings}
    assert "\n" in rows[first_multiline].get("description")
    assert rows[first_multiline + 1].title == records[first_multiline][3]


def test_real_file_with_two_damaged_rows() -> None:
    """Mostly UTF-8, with two rows holding bytes that are not: the rows are read, the damage is named."""
    path = shared_file("listings", "listings-flipkart", "amz_com-ecommerce_sample_flipkart_variant.csv")
    cat = import_catalogue(path)
    assert cat.encoding == "UTF-8" and len(cat.listings) == 19_999
    assert any(x.title.startswith("KuberBox Sortilège") for x in cat.listings)  # UTF-8 rows read as UTF-8
    damaged = [w for w in cat.warnings if "not valid text" in w.text]
    assert len(damaged) == 1 and damaged[0].params["count"] == 2


def test_real_cp1252_file() -> None:
    path = shared_file("listings", "listings-er-benchmarks", "abt-buy_abt.csv")
    cat = import_catalogue(path)
    assert cat.encoding == "Windows-1252" and len(cat.listings) == 1081 and not cat.warnings
    raw = path.read_bytes()
    assert all(x.title.encode("cp1252") in raw for x in cat.listings[:200])


def test_real_shein_files_with_differing_columns() -> None:
    """Each file names its columns differently; the preview suggests the title column of each."""
    from app.io.importer import preview_catalogue

    folder = shared_file("listings", "listings-shein", "raw")
    files = sorted(folder.glob("*.csv"))
    assert len(files) == 19
    total = 0
    for path in files:
        preview = preview_catalogue(path)
        assert preview.needs_mapping and "title" in preview.guessed, path.name
        title_header = preview.headers[preview.mapping["title"]]
        assert title_header in ("goods-title-link--jump", "goods-title-link"), (path.name, title_header)
        cat = import_catalogue(path, mapping_option={"title": title_header})
        assert cat.listings and all(x.title or x.get("price") for x in cat.listings)
        total += len(cat.listings)
    assert total > 60_000
