"""Marketplace file layouts we recognise, where their header is, and what their columns mean.

Each layout is plain data: the channel it implies (so the checker applies that
marketplace's rules), header names it uses for our fields, header names that
mean something else there, and how its variant rows are told apart from
products. `detect_layout` looks at the first rows of a sheet as text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.core.i18n import N_
from app.io.columns import header_key, map_headers


@dataclass(frozen=True, slots=True)
class Layout:
    id: str
    channel: str
    label: str  # N_() text for the UI
    prefer: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> this layout's header names
    ignore: frozenset[str] = frozenset()  # header keys that do not mean our field here
    group_column: str = ""  # header key whose repeated value, with an empty title, marks a variant row
    variant_marker: tuple[str, str] = (
        "",
        "",
    )  # (header key, value): a row so marked, without title, is a variant
    skip_prefixes: tuple[str, ...] = ()  # first-cell prefixes of instruction rows between the data


AMAZON = Layout(
    "amazon_flat_file",
    "amazon",
    N_("Amazon inventory file (flat file)"),
    prefer={
        "sku": ("item_sku", "contribution_sku"),
        "title": ("item_name",),
        "brand": ("brand_name", "brand"),
        "description": ("product_description",),
        "search_terms": ("generic_keywords", "generic_keyword"),
        "price": ("standard_price", "our_price", "list_price"),
        "category": ("item_type", "item_type_keyword", "feed_product_type", "product_type"),
        "currency": ("currency",),
        "manufacturer": ("manufacturer",),
    },
)
SHOPIFY = Layout(
    "shopify_csv",
    "shopify",
    N_("Shopify product CSV"),
    prefer={
        "sku": ("Variant SKU",),
        "description": ("Body (HTML)",),
        "brand": ("Vendor",),
        "category": ("Product Category", "Type"),
        "search_terms": ("Tags",),
        "price": ("Variant Price",),
    },
    group_column="handle",
)
WOOCOMMERCE = Layout(
    "woocommerce_csv",
    "woocommerce",
    N_("WooCommerce product CSV"),
    # The short description sits beside the price like bullet points; it is checked as bullet 1.
    prefer={
        "title": ("Name",),
        "description": ("Description",),
        "bullet_1": ("Short description",),
        "category": ("Categories",),
        "search_terms": ("Tags",),
        "price": ("Regular price",),
        "brand": ("Brands", "Brand"),
    },
    ignore=frozenset({"type", "taxclass", "shippingclass"}),
)
EBAY_FILE_EXCHANGE = Layout(
    "ebay_file_exchange",
    "ebay",
    N_("eBay File Exchange"),
    prefer={
        "sku": ("CustomLabel",),
        "title": ("*Title", "Title"),
        "description": ("*Description",),
        "brand": ("C:Brand",),
        "price": ("*StartPrice", "StartPrice", "BuyItNowPrice"),
        "category": ("*Category", "Category"),
        "manufacturer": ("C:Manufacturer", "Manufacturer Name"),
    },
    skip_prefixes=("#info", "info"),
    variant_marker=("relationship", "variation"),
)
AMAZON_REPORT = Layout(
    "amazon_listings_report",
    "amazon",
    N_("Amazon listings report"),
    prefer={"title": ("item-name",), "description": ("item-description",), "sku": ("seller-sku",)},
)
EBAY_SELLER_HUB = Layout(
    "ebay_seller_hub",
    "ebay",
    N_("eBay Seller Hub listings report"),
    prefer={
        "sku": ("Custom label (SKU)",),
        "title": ("Title",),
        "price": ("Current price", "Start price"),
        "category": ("eBay category 1 name",),
        "brand": ("C:Brand", "Brand"),
    },
    ignore=frozenset({"listingsite"}),
    group_column="itemnumber",
)
GENERIC = Layout("generic", "", N_("Spreadsheet with recognised column names"))
UNKNOWN = Layout("unknown", "", N_("Spreadsheet with unfamiliar column names"))
HEADERLESS = Layout("headerless", "", N_("Table without a header row"))

# Amazon marketplace ids (in new-style template headers) -> our market codes.
AMAZON_MARKETPLACES = {
    "ATVPDKIKX0DER": "US",
    "A2EUQ1WTGCTBG2": "CA",
    "A1AM78C64UM0Y8": "MX",
    "A1F83G8C2ARO7P": "UK",
    "A1PA6795UKMFR9": "DE",
    "A13V1IB3VIYZZH": "FR",
    "APJ6JRA9NG5V4": "IT",
    "A1RKKUPIHCS9HS": "ES",
    "A1805IZSGTT6HS": "NL",
    "A2NODRKZP88ZB9": "SE",
    "A1C3SOZRARQ6R3": "PL",
    "AMEN7PMS3EDWL": "BE",
    "A1VC38T7YXB528": "JP",
    "A39IBJ37TRP1C6": "AU",
}
# eBay SiteID values in a File Exchange action header -> our market codes.
EBAY_SITES = {
    "us": "US",
    "ebaymotors": "US",
    "uk": "UK",
    "germany": "DE",
    "france": "FR",
    "italy": "IT",
    "spain": "ES",
    "australia": "AU",
    "canada": "CA",
    "austria": "AT",
    "ireland": "IE",
    "netherlands": "NL",
    "belgium_french": "BE",
    "belgium_dutch": "BE",
    "poland": "PL",
}

_AMAZON_FIELDS = frozenset(
    {
        "feed_product_type",
        "item_sku",
        "item_name",
        "brand_name",
        "external_product_id",
        "standard_price",
        "bullet_point1",
        "generic_keywords",
        "product_description",
        "contribution_sku",
        "item_type_keyword",
        "update_delete",
        "parent_child",
    }
)
_EBAY_ACTION = re.compile(r"^\*?\s*Action\s*\(", re.IGNORECASE)


@dataclass(slots=True)
class LayoutMatch:
    layout: Layout
    header_index: int  # 0-based row of the header within the rows looked at
    markets: tuple[str, ...] = ()  # target market the file itself states (eBay site, Amazon marketplace)


def amazon_field_name(header: str) -> str:
    """New-style Amazon template names to the classic ones.

    `bullet_point[marketplace_id=ATVPDKIKX0DER][language_tag=en_US]#3.value` -> `bullet_point3`,
    `item_name[...]#1.value` -> `item_name`, `purchasable_offer[...]#1.our_price#1.schedule#1.value_with_tax`
    -> `our_price`.
    """
    text = re.sub(r"\[[^\]]*\]", "", header.strip())
    if "#" not in text:
        return text
    base, _, rest = text.partition("#")
    if base == "purchasable_offer" and "our_price" in rest:
        return "our_price"
    if base == "bullet_point":
        number = re.match(r"(\d+)", rest)
        return f"bullet_point{number.group(1) if number else 1}"
    if base == "generic_keyword":
        return "generic_keywords"
    return base


def _amazon_markets(*rows: Sequence[str]) -> tuple[str, ...]:
    """Markets named by marketplace id in the settings row or in new-style field names."""
    found: list[str] = []
    for cell in (c for row in rows for c in row):
        for market_id in re.findall(r"marketplace_?id=(?:amzn1\.mp\.o\.)?([A-Z0-9]+)", cell, re.IGNORECASE):
            code = AMAZON_MARKETPLACES.get(market_id)
            if code and code not in found:
                found.append(code)
    return tuple(found)


def _keys(row: Sequence[str]) -> set[str]:
    return {header_key(c) for c in row if c}


def detect_layout(rows: Sequence[Sequence[str]], scan: int = 15) -> LayoutMatch | None:
    """The marketplace layout of a sheet from its first rows (text), or None for anything else."""
    for i, row in enumerate(rows[:scan]):
        cells = [c for c in row if c]
        if not cells:
            continue
        if any(c.startswith("TemplateType=") for c in cells):  # Amazon row 1: template settings
            for j in range(i + 1, min(i + 4, len(rows))):
                names = {amazon_field_name(c) for c in rows[j] if c}
                if len(names & _AMAZON_FIELDS) >= 2:
                    return LayoutMatch(AMAZON, j, _amazon_markets(row, rows[j]))
        names = {amazon_field_name(c) for c in cells}
        if len(names & _AMAZON_FIELDS) >= 3:
            return LayoutMatch(AMAZON, i, _amazon_markets(row))
        if _EBAY_ACTION.match(row[0] if row else ""):
            site = re.search(r"SiteID\s*=\s*([A-Za-z_]+)", row[0], re.IGNORECASE)
            market = EBAY_SITES.get(site.group(1).lower()) if site else None
            return LayoutMatch(EBAY_FILE_EXCHANGE, i, (market,) if market else ())
        keys = _keys(row)
        if {"handle", "title"} <= keys and keys & {"bodyhtml", "variantsku", "variantprice", "vendor"}:
            return LayoutMatch(SHOPIFY, i)
        if {"type", "name"} <= keys and keys & {"regularprice", "visibilityincatalog", "isfeatured"}:
            return LayoutMatch(WOOCOMMERCE, i)
        if {"itemname", "sellersku", "listingid"} <= keys:  # Seller Central "All Listings Report"
            return LayoutMatch(AMAZON_REPORT, i)
        if "itemnumber" in keys and keys & {
            "customlabelsku",
            "ebaycategory1name",
            "availablequantity",
            "listingsite",
        }:
            return LayoutMatch(EBAY_SELLER_HUB, i)
    return None


def layout_headers(layout: Layout, headers: Sequence[str]) -> list[str]:
    """Header texts as the generic synonyms understand them (Amazon's new names made classic)."""
    if layout is AMAZON:
        return [amazon_field_name(h) for h in headers]
    return list(headers)


def layout_mapping(layout: Layout, headers: Sequence[str]) -> dict[str, int]:
    """Field -> column: the layout's own header names first, then the generic synonyms."""
    names = layout_headers(layout, headers)
    keys = [header_key(h) for h in names]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for name, candidates in layout.prefer.items():
        for candidate in candidates:
            key = header_key(candidate)
            if key in keys and keys.index(key) not in used:
                mapping[name] = keys.index(key)
                used.add(mapping[name])
                break
    for name, col in map_headers(names, layout.ignore).items():
        if name not in mapping and col not in used:
            mapping[name] = col
            used.add(col)
    return dict(sorted(mapping.items(), key=lambda item: item[1]))
