"""Which spreadsheet column holds which listing field: header names in English and Chinese.

Header names are compared case- and space-insensitively with punctuation ignored
(`header_key`). When several columns name the same field, the one whose name is
listed earlier for that field wins (so "Regular price" beats "Sale price" and
"Description" beats "Short description"), then the leftmost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.core.models import BULLET_FIELDS

# Field -> header names, most specific first (the order decides between two columns for one field).
# fmt: off
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "item_sku", "seller sku", "sellersku", "variant sku", "custom label (sku)", "customlabel",
            "custom label", "contribution_sku", "货号", "sku编码", "商品编码", "商品sku", "产品编码", "商家编码", "商品货号",
            "卖家sku", "店铺sku", "产品sku", "item sku", "款号"),
    "title": ("title", "item_name", "标题", "商品名称", "product name", "商品标题", "产品名称", "产品标题", "英文标题",
              "listing title", "product title", "item name", "name", "商品名", "品名", "名称"),
    "bullet_1": ("bullet_point1", "bullet point 1", "五点描述1", "卖点1", "bullet point", "bullet points", "五点描述",
                 "key product features", "key features", "卖点"),
    "bullet_2": ("bullet_point2", "bullet point 2", "五点描述2", "卖点2"),
    "bullet_3": ("bullet_point3", "bullet point 3", "五点描述3", "卖点3"),
    "bullet_4": ("bullet_point4", "bullet point 4", "五点描述4", "卖点4"),
    "bullet_5": ("bullet_point5", "bullet point 5", "五点描述5", "卖点5"),
    "search_terms": ("search terms", "generic_keywords", "generic keywords", "search keywords", "后台关键词",
                     "关键词", "搜索词", "关键字", "keywords", "tags"),
    "description": ("description", "product_description", "product description", "body (html)", "body html",
                    "描述", "商品描述", "产品描述", "详细描述", "详情描述", "商品详情", "short description"),
    "brand": ("brand", "brand_name", "brand name", "c:brand", "品牌", "品牌名称", "品牌名", "manufacturer brand",
              "vendor"),
    "category": ("category", "categories", "product category", "类目", "分类", "商品类目", "产品类目",
                 "ebay category 1 name", "category name", "product type", "product_type", "feed_product_type",
                 "item_type", "type"),
    "declared_name": ("declared name", "申报品名", "报关品名", "中文申报名", "英文申报名", "申报名称", "申报中文名", "申报英文名",
                      "customs name", "customs description"),
    "hs_code": ("hs code", "hs_code", "hscode", "hs编码", "海关编码", "税则号", "harmonized code"),
    "price": ("price", "standard_price", "your price", "regular price", "variant price", "start price",
              "current price", "价格", "售价", "销售价格", "零售价", "sale price"),
    "currency": ("currency", "currency code", "币种", "货币", "币别"),
    "market": ("market", "target market", "marketplace", "站点", "目标市场", "销售国家", "country", "国家", "site"),
    "manufacturer": ("manufacturer", "manufacturer name", "c:manufacturer", "制造商", "生产商", "生产厂家", "厂商"),
    "eu_responsible_person": ("eu responsible person", "eu rp", "responsible person", "eu representative",
                              "欧代", "欧盟负责人", "欧盟代表", "欧盟责任人"),
    "declared_value": ("declared value", "customs value", "申报价值", "申报金额", "申报价格"),
}
# fmt: on

# Bullet headers without a number: repeated over several columns they mean bullet 1, 2, 3...
_GENERIC_BULLETS = (
    "bullet point",
    "bullet points",
    "五点描述",
    "key product features",
    "key features",
    "卖点",
)

_PUNCT = re.compile(r"[\s_\-:：()（）\[\]【】/*#.]+")


def header_key(text: str) -> str:
    """Header text reduced for comparison: case, spaces, underscores and brackets ignored."""
    return _PUNCT.sub("", text.strip().lower())


def _build_lookup() -> dict[str, tuple[str, int]]:
    lookup: dict[str, tuple[str, int]] = {}
    for name, synonyms in HEADER_SYNONYMS.items():
        for rank, synonym in enumerate((name, *synonyms)):
            lookup.setdefault(header_key(synonym), (name, rank))
    return lookup


_LOOKUP = _build_lookup()
_GENERIC_BULLET_KEYS = frozenset(header_key(h) for h in _GENERIC_BULLETS)


def field_for_header(text: str) -> str | None:
    found = _LOOKUP.get(header_key(text)) if text.strip() else None
    return found[0] if found else None


def map_headers(headers: Sequence[str], ignore: frozenset[str] = frozenset()) -> dict[str, int]:
    """Field -> column index for the recognised headers.

    A generic bullet header repeated over several columns ("五点描述" x 5, or a
    merged "Bullet Points" cell) fills bullet_1..bullet_5 in order. `ignore`
    holds header keys a layout knows to mean something else (WooCommerce "Type").
    """
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, column)
    bullet_repeat: dict[str, list[int]] = {}
    for col, text in enumerate(headers):
        key = header_key(text) if text else ""
        if not key or key in ignore:
            continue
        found = _LOOKUP.get(key)
        if found is None:
            continue
        name, rank = found
        if key in _GENERIC_BULLET_KEYS:
            bullet_repeat.setdefault(key, []).append(col)
        if name not in best or rank < best[name][0]:
            best[name] = (rank, col)
    mapping = {name: col for name, (_, col) in best.items()}
    for cols in bullet_repeat.values():
        if len(cols) > 1 and mapping.get("bullet_1") == cols[0]:
            for name, col in zip(BULLET_FIELDS[1:], cols[1:]):
                mapping.setdefault(name, col)
    return dict(sorted(mapping.items(), key=lambda item: item[1]))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column name the seller sees in Excel."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int | None:
    """'A' -> 0, 'AA' -> 26; None when `letters` is not a column name."""
    text = letters.strip().upper()
    if not re.fullmatch(r"[A-Z]{1,3}", text):
        return None
    index = 0
    for ch in text:
        index = index * 26 + ord(ch) - 64
    return index - 1


def parse_mapping_option(text: str) -> dict[str, str]:
    """`--map title=商品名称,brand=品牌` -> {field: header}. A header may also be a column letter (title=B)."""
    out: dict[str, str] = {}
    for part in re.split(r"[,，]", text):
        if not part.strip():
            continue
        key, sep, header = part.partition("=")
        if not sep or not key.strip() or not header.strip():
            raise ValueError(part)
        out[key.strip()] = header.strip()
    return out
