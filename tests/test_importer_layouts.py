"""Marketplace layouts: Amazon flat files, Shopify, WooCommerce, eBay, Chinese ERP exports; HTML descriptions."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.io.errors import InputError
from app.io.importer import import_catalogue, preview_catalogue
from app.io.layouts import amazon_field_name
from tests.conftest import shared_file
from tests.import_files import write_amazon_flat_file, write_xlsx


def amazon_row(
    sku: str, title: str, *, parent: str = "", relation: str = "", brand: str = "Brightly"
) -> list[object]:
    return [
        "shoes",
        sku,
        brand,
        "0123456789012",
        "EAN",
        title,
        "Brightly Trading Co.",
        "Breathable mesh upper",
        "Cushioned sole",
        "",
        "",
        "",
        "running shoes men lightweight",
        "<p>Light <b>running</b> shoe</p>",
        39.99,
        12,
        relation,
        parent,
        "Update",
    ]


def test_amazon_flat_file_three_header_rows(tmp_path: Path) -> None:
    path = write_amazon_flat_file(
        tmp_path / "Flat.File.Shoes.xlsm",
        [
            amazon_row("BR-100", "Brightly Men's Running Shoe", relation="parent"),
            amazon_row(
                "BR-100-42", "Brightly Men's Running Shoe, Size 42", parent="BR-100", relation="child"
            ),
            [],
            amazon_row("BR-200", "Brightly Trail Shoe Nike Style"),
        ],
    )
    cat = import_catalogue(path)
    assert (cat.layout, cat.channel, cat.sheet, cat.header_row) == (
        "amazon_flat_file",
        "amazon",
        "Template",
        3,
    )
    assert cat.layout_label == "Amazon inventory file (flat file)"
    assert cat.listing_sheets == ["Template"]  # the Example sheet is part of the template, not listings
    assert [(x.row, x.sku) for x in cat.listings] == [(4, "BR-100"), (5, "BR-100-42"), (7, "BR-200")]
    first = cat.listings[0]
    assert first.get("bullet_1") == "Breathable mesh upper" and first.get("bullet_2") == "Cushioned sole"
    assert first.get("search_terms") == "running shoes men lightweight" and first.get("price") == "39.99"
    assert first.get("category") == "shoes" and first.get("manufacturer") == "Brightly Trading Co."
    assert first.markets == ("UK",)  # primaryMarketplaceId in the settings row is amazon.co.uk
    assert first.plain["description"][0] == "Light running shoe"
    assert cat.headers[cat.mapping["title"]] == "item_name"


def test_amazon_flat_file_chosen_by_sheet_name_option(tmp_path: Path) -> None:
    path = write_amazon_flat_file(tmp_path / "flat.xlsx", [amazon_row("BR-1", "Brightly Shoe")])
    cat = import_catalogue(path, sheet_name="Example")
    assert cat.sheet == "Example" and cat.listings[0].sku == "ABC123" and cat.listings[0].row == 4
    assert "Valid Values" in cat.sheets  # hidden sheets are listed but never chosen on their own


def test_amazon_new_style_field_names() -> None:
    us = "[marketplace_id=ATVPDKIKX0DER][language_tag=en_US]"
    assert amazon_field_name(f"bullet_point{us}#3.value") == "bullet_point3"
    assert amazon_field_name(f"item_name{us}#1.value") == "item_name"
    assert amazon_field_name(f"purchasable_offer{us}#1.our_price#1.schedule#1.value_with_tax") == "our_price"
    assert amazon_field_name("contribution_sku#1.value") == "contribution_sku"
    assert amazon_field_name(f"generic_keyword{us}#1.value") == "generic_keywords"


def test_amazon_new_style_template_maps_fields_and_market(tmp_path: Path) -> None:
    de = "[marketplace_id=A1PA6795UKMFR9][language_tag=de_DE]"
    names = [
        "contribution_sku#1.value",
        "product_type#1.value",
        f"item_name{de}#1.value",
        f"brand{de}#1.value",
        f"bullet_point{de}#1.value",
        f"bullet_point{de}#2.value",
        f"generic_keyword{de}#1.value",
        f"purchasable_offer{de}#1.our_price#1.schedule#1.value_with_tax",
    ]
    path = write_xlsx(
        tmp_path / "new.xlsm",
        {
            "Vorlage": [
                ["settings=contentLanguageTag=de_DE&marketplaceId=A1PA6795UKMFR9", "TemplateType=fptcustom"],
                [
                    "SKU",
                    "Produkttyp",
                    "Artikelname",
                    "Marke",
                    "Aufzählungspunkt",
                    "Aufzählungspunkt",
                    "Suchbegriffe",
                    "Preis",
                ],
                names,
                [
                    "DE-1",
                    "SHOES",
                    "Laufschuh Herren",
                    "Brightly",
                    "Atmungsaktiv",
                    "Leicht",
                    "laufschuhe",
                    49.9,
                ],
            ]
        },
    )
    cat = import_catalogue(path)
    listing = cat.listings[0]
    assert cat.layout == "amazon_flat_file" and cat.header_row == 3 and listing.row == 4
    assert (listing.sku, listing.title, listing.get("brand"), listing.get("bullet_2")) == (
        "DE-1",
        "Laufschuh Herren",
        "Brightly",
        "Leicht",
    )
    assert listing.get("search_terms") == "laufschuhe" and listing.get("price") == "49.9"
    assert listing.markets == ("DE",)


def test_real_shopify_template_folds_variants() -> None:
    path = shared_file("templates", "templates-shopify", "shopify_product_template_2023.csv")
    cat = import_catalogue(path)
    assert (cat.layout, cat.channel) == ("shopify_csv", "shopify")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    products = [(i + 2, r) for i, r in enumerate(rows) if r["Title"]]  # row 1 is the header
    assert [x.row for x in cat.listings] == [number for number, _ in products]
    assert [x.title for x in cat.listings] == [r["Title"] for _, r in products]
    assert cat.listings[0].sku == products[0][1]["Variant SKU"]
    # Variant rows are folded; the image-only row (no SKU, no price) carries nothing to check.
    assert cat.folded_rows == sum(1 for r in rows if not r["Title"] and r["Variant SKU"]) > 0
    assert cat.mapping["brand"] == cat.headers.index("Vendor")
    assert cat.mapping["category"] == cat.headers.index("Product Category")
    # Body (HTML) is checked as the shopper reads it.
    shirt = cat.listings[0]
    text, starts, ends = shirt.plain["description"]
    assert "<" not in text and text and len(starts) == len(ends) == len(text)


def test_real_older_shopify_template() -> None:
    cat = import_catalogue(
        shared_file("templates", "templates-shopify", "shopify_product_template_older.csv")
    )
    assert cat.layout == "shopify_csv" and [x.title for x in cat.listings] == ["Example T-Shirt"]
    assert cat.listings[0].row == 2 and cat.folded_rows == 2


def test_brand_in_shopify_html_points_into_the_raw_cell(tmp_path: Path, checker) -> None:
    body = (
        "<p>Running shoes &amp; more.</p>\n<ul><li>Looks like <b>Nike</b>&nbsp;Air, half the price</li>"
        '<li>Breathable</li></ul><script>var brand = "Adidas";</script>'
    )
    path = tmp_path / "products_export.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Variant SKU", "Variant Price"]
        )
        writer.writerow(
            ["runner", "Lightweight running shoe", body, "Brightly", "Shoes", "running", "R-1", "25"]
        )
        writer.writerow(["runner", "", "", "", "", "", "R-2", "25"])
    cat = import_catalogue(path)
    listing = cat.listings[0]
    assert listing.get("description") == body  # the seller's text is kept as written
    result = checker.check(listing, ("US",), channel=cat.channel)
    found = [f for f in result.findings if f.field == "description" and f.kind == "trademark"]
    assert [f.mark for f in found] == ["Nike"]  # Adidas sits in a script: shoppers never see it
    nike = found[0]
    assert body[nike.start : nike.end] == "Nike" and nike.start == body.index("<b>Nike</b>") + 3


def test_real_woocommerce_sample_with_bom_crlf_and_variations() -> None:
    path = shared_file("templates", "templates-woocommerce", "woocommerce_sample_products.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    cat = import_catalogue(path)
    assert (cat.layout, cat.channel, cat.encoding) == ("woocommerce_csv", "woocommerce", "UTF-8")
    assert cat.headers[0] == "ID"  # BOM gone from the first header
    by_name = {name: cat.headers[col] for name, col in cat.mapping.items()}
    assert by_name["title"] == "Name" and by_name["description"] == "Description"
    assert by_name["category"] == "Categories" and by_name["bullet_1"] == "Short description"
    assert by_name["price"] == "Regular price"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    variations = sum(1 for r in rows if "variation" in r["Type"] and r["Parent"])
    assert cat.folded_rows == variations > 0
    assert len(cat.listings) == len(rows) - variations
    assert not any(x.title.startswith("V-Neck T-Shirt - ") for x in cat.listings)
    hoodie = next(x for x in cat.listings if x.sku == "woo-hoodie-with-logo")
    assert hoodie.row == 1 + next(
        i for i, r in enumerate(rows, start=1) if r["SKU"] == "woo-hoodie-with-logo"
    )
    assert hoodie.get("category") == "Clothing > Hoodies"


def test_real_woocommerce_portuguese_export_needs_a_mapping() -> None:
    path = shared_file("templates", "templates-woocommerce", "woocommerce_export_ptBR_registrations.csv")
    with pytest.raises(InputError) as info:
        import_catalogue(path)
    assert "Nome" in str(info.value) and path.name in str(info.value)
    preview = preview_catalogue(path)
    assert preview.needs_mapping and preview.header_row == 1 and preview.headers[3] == "Nome"
    assert preview.mapping["title"] == 3 and "title" in preview.guessed
    cat = import_catalogue(
        path,
        mapping_option={
            "title": "Nome",
            "description": "Descrição",
            "sku": "REF",
            "category": "Categorias",
            "price": "Preço",
        },
    )
    titles = [x.title for x in cat.listings]
    assert titles[0] == "Single date registration" and cat.listings[0].row == 2
    assert cat.listings[0].get("description").startswith("<blockquote")
    assert "description" in cat.listings[0].plain and "<" not in cat.listings[0].plain["description"][0]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_ebay_file_exchange(tmp_path: Path) -> None:
    header = [
        "*Action(SiteID=UK|Country=GB|Currency=GBP|Version=1193|CC=UTF-8)",
        "CustomLabel",
        "*Category",
        "*Title",
        "Subtitle",
        "Relationship",
        "RelationshipDetails",
        "*ConditionID",
        "C:Brand",
        "C:Type",
        "*StartPrice",
        "*Quantity",
        "PicURL",
        "*Description",
        "*Format",
        "*Duration",
    ]
    path = write_csv(
        tmp_path / "ebay-fx.csv",
        [
            ["Info", "Version=1.0.0", "Template=fx_category_template_EBAY_GB"],
            header,
            ["#INFO", "Enter a unique label for each item", "", "Title shown in search results"],
            [
                "Add",
                "EB-1",
                "15709",
                "Mens running trainers Nike style",
                "",
                "",
                "",
                "1000",
                "Unbranded",
                "Trainer",
                "39.99",
                "5",
                "https://example.com/a.jpg",
                "<p>Light <b>trainers</b></p>",
                "FixedPrice",
                "GTC",
            ],
            [
                "",
                "",
                "",
                "",
                "",
                "Variation",
                "Size=9|Colour=Black",
                "",
                "",
                "",
                "41.99",
                "2",
                "",
                "",
                "",
                "",
            ],
            [
                "Add",
                "EB-2",
                "20625",
                "Ceramic coffee mug 350 ml",
                "",
                "",
                "",
                "1000",
                "Homely",
                "Mug",
                "8.50",
                "20",
                "",
                "Dishwasher safe",
                "FixedPrice",
                "GTC",
            ],
        ],
    )
    cat = import_catalogue(path)
    assert (cat.layout, cat.channel, cat.header_row) == ("ebay_file_exchange", "ebay", 2)
    assert [(x.row, x.sku, x.title) for x in cat.listings] == [
        (4, "EB-1", "Mens running trainers Nike style"),
        (6, "EB-2", "Ceramic coffee mug 350 ml"),
    ]
    first = cat.listings[0]
    assert (first.get("brand"), first.get("price"), first.get("category")) == ("Unbranded", "39.99", "15709")
    assert first.markets == ("UK",) and first.plain["description"][0] == "Light trainers"
    assert cat.folded_rows == 1


def test_ebay_seller_hub_report(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "eBay-all-active-listings-report.csv",
        [
            [
                "Item number",
                "Title",
                "Variation details",
                "Custom label (SKU)",
                "Available quantity",
                "Format",
                "Currency",
                "Start price",
                "Current price",
                "Sold quantity",
                "eBay category 1 name",
                "eBay category 1 number",
                "Condition",
                "Listing site",
            ],
            [
                "225123456789",
                "Wireless earbuds like AirPods Pro",
                "",
                "EAR-1",
                "12",
                "FIXED_PRICE",
                "USD",
                "19.99",
                "17.99",
                "3",
                "Headphones",
                "112529",
                "New",
                "US",
            ],
            [
                "225123456789",
                "",
                "Colour:White",
                "EAR-1-W",
                "6",
                "FIXED_PRICE",
                "USD",
                "19.99",
                "17.99",
                "1",
                "Headphones",
                "112529",
                "New",
                "US",
            ],
            [
                "225987654321",
                "Silicone baking mat set",
                "",
                "MAT-2",
                "40",
                "FIXED_PRICE",
                "USD",
                "9.99",
                "9.99",
                "0",
                "Baking Mats",
                "36026",
                "New",
                "US",
            ],
        ],
    )
    cat = import_catalogue(path)
    assert (cat.layout, cat.channel) == ("ebay_seller_hub", "ebay")
    assert [(x.row, x.sku) for x in cat.listings] == [(2, "EAR-1"), (4, "MAT-2")]
    assert cat.listings[0].get("price") == "17.99" and cat.listings[0].get("category") == "Headphones"
    assert "market" not in cat.mapping


def test_chinese_erp_export_with_merged_group_headers(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "erp.xlsx",
        {
            "商品资料": [
                ["商品编码", "基本信息", None, "五点描述", None, None, None, None, "报关信息", None],
                [None, "商品名称", "品牌", "1", "2", "3", "4", "5", "申报品名", "海关编码"],
                [
                    "ERP-1",
                    "耐克同款气垫运动鞋",
                    "无品牌",
                    "透气",
                    "减震",
                    "轻便",
                    "防滑",
                    "耐磨",
                    "运动鞋",
                    6404110000,
                ],
                ["ERP-2", "北欧风陶瓷马克杯", "Homely", "大容量", "", "", "", "", "陶瓷杯", 6912001000],
            ]
        },
        merged={"商品资料": ["A1:A2", "B1:C1", "D1:H1", "I1:J1"]},
    )
    cat = import_catalogue(path)
    assert cat.header_row == 2 and cat.layout == "generic" and cat.channel == ""
    one = cat.listings[0]
    assert (one.row, one.sku, one.title, one.get("brand")) == (3, "ERP-1", "耐克同款气垫运动鞋", "无品牌")
    assert [one.get(f"bullet_{i}") for i in range(1, 6)] == ["透气", "减震", "轻便", "防滑", "耐磨"]
    assert one.get("declared_name") == "运动鞋" and one.get("hs_code") == "6404110000"


def test_repeated_bullet_headers_fill_bullets_in_order(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "temu.csv",
        [
            ["货号", "商品标题", "卖点", "卖点", "卖点", "关键词"],
            ["T-1", "儿童保温杯", "304不锈钢", "12小时保温", "防漏", "保温杯"],
        ],
    )
    listing = import_catalogue(path).listings[0]
    assert [listing.get(f"bullet_{i}") for i in (1, 2, 3)] == ["304不锈钢", "12小时保温", "防漏"]


def test_duplicated_header_names_warn_which_column_is_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "dup.csv",
        [["SKU", "Title", "Brand", "Title"], ["D-1", "First title", "B", "Second title"]],
    )
    cat = import_catalogue(path)
    assert cat.listings[0].title == "First title"
    texts = [w.text.format(**w.params) for w in cat.warnings]
    assert any("“Title” (B, D); only column B is read" in t for t in texts), texts


def test_amazon_all_listings_report(tmp_path: Path) -> None:
    """Seller Central's "All Listings Report": tab-separated text, Windows-1252, hyphenated field names."""
    header = [
        "item-name",
        "item-description",
        "listing-id",
        "seller-sku",
        "price",
        "quantity",
        "open-date",
        "item-is-marketplace",
        "product-id-type",
        "item-note",
        "item-condition",
        "asin1",
        "product-id",
        "fulfillment-channel",
    ]
    rows = [
        header,
        [
            "Café table lamp, brass",
            "Warm light for bedside tables",
            "0412XYZ1",
            "LAMP-01",
            "24.99",
            "8",
            "2026-02-01 10:00:00 GMT",
            "y",
            "1",
            "",
            "11",
            "B0ABCDEF12",
            "B0ABCDEF12",
            "DEFAULT",
        ],
    ]
    path = tmp_path / "Active+Listings+Report.txt"
    path.write_bytes("\r\n".join("\t".join(r) for r in rows).encode("cp1252") + b"\r\n")
    cat = import_catalogue(path)
    assert (cat.layout, cat.channel, cat.encoding) == ("amazon_listings_report", "amazon", "Windows-1252")
    listing = cat.listings[0]
    assert (listing.row, listing.sku, listing.title) == (2, "LAMP-01", "Café table lamp, brass")
    assert listing.get("description") == "Warm light for bedside tables" and listing.get("price") == "24.99"
