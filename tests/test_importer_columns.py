"""Header names to fields, column letters, and reading a table's columns from its content."""

from __future__ import annotations

import pytest

from app.io.columns import column_index, column_letter, map_headers, parse_mapping_option
from app.io.guess import guess_columns, looks_like_header


def test_best_named_column_wins_not_the_leftmost() -> None:
    headers = [
        "Short description",
        "Sale price",
        "Description",
        "Regular price",
        "Name",
        "SEO Title",
        "Title",
    ]
    mapping = map_headers(headers)
    assert mapping["description"] == 2 and mapping["price"] == 3 and mapping["title"] == 6


def test_case_space_and_punctuation_do_not_matter() -> None:
    assert map_headers(["  item_SKU ", "Item Name", "BRAND（品牌）", "*Description"]) == {
        "sku": 0,
        "title": 1,
        "description": 3,
    }
    assert map_headers(["商品编码", "商品名称", "五点描述1", "申报品名", "海关编码", "欧代"]) == {
        "sku": 0,
        "title": 1,
        "bullet_1": 2,
        "declared_name": 3,
        "hs_code": 4,
        "eu_responsible_person": 5,
    }


def test_column_letters_round_trip() -> None:
    for index, letters in [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")]:
        assert column_letter(index) == letters and column_index(letters) == index
    assert column_index("title") is None and column_index("b") == 1


def test_mapping_option_parsing() -> None:
    assert parse_mapping_option("title=商品名称，brand=品牌, sku=B") == {
        "title": "商品名称",
        "brand": "品牌",
        "sku": "B",
    }
    with pytest.raises(ValueError):
        parse_mapping_option("title")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["SKU", "Title", "Price"], True),
        (["goods-title-link--jump", "goods-title-link--jump href", "price"], True),
        (["code", "what we sell"], True),
        (["eac7efa5dbd3d667f26eb3d3ab504464", "Hornby 2014 Catalogue", "Hornby", "3.42", "15", "4.9"], False),
        (["Kogan Action Camera / Sport Camera HD DV 12MP 1080p Water Ressistant"], False),
        (["https://shop.example.com/p/1", "Mug", "9.99"], False),
    ],
)
def test_first_row_header_or_data(row: list[str], expected: bool) -> None:
    body = [["x1", "Ceramic mug", "$12.99"], ["x2", "Glass teapot", "$8.50"], ["x3", "Bamboo tray", "$4.00"]]
    assert looks_like_header(row, body) is expected


def test_guess_columns_from_content() -> None:
    rows = [
        [
            "A-1001",
            "Hornby R1234 Train Set with Track",
            "Hobbies > Model Trains > Sets",
            "Hornby",
            "£49.99",
            "4.5",
            "<p>A complete <b>starter</b> set with oval track, locomotive and two coaches, ready to run.</p>",
        ],
        [
            "A-1002",
            "LEGO City Police Station 60316",
            "Toys > Building Sets",
            "LEGO",
            "£89.99",
            "4.8",
            "<p>Build a police station with a jail cell, a helicopter pad and three minifigures.</p>",
        ],
        [
            "A-1003",
            "Wooden Rainbow Stacker 7 Pieces",
            "Toys > Baby & Toddler > Stacking",
            "Mamamemo",
            "£19.50",
            "4.1",
            "<p>Seven arches of solid beech in water-based colours for open-ended play.</p>",
        ],
    ]
    assert guess_columns(rows) == {
        "sku": 0,
        "title": 1,
        "category": 2,
        "brand": 3,
        "price": 4,
        "description": 6,
    }
