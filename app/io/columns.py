"""Which spreadsheet column holds which listing field: header names in English and Chinese."""

from __future__ import annotations

import re

# Field -> header names (compared case- and space-insensitively, punctuation ignored).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "货号", "sku编码", "商品编码", "item_sku", "seller sku", "sellersku", "商品sku", "产品编码",
            "variant sku", "customlabel", "custom label", "商家编码", "item sku", "款号"),
    "title": ("title", "标题", "商品名称", "product name", "item_name", "商品标题", "产品名称", "name", "item name",
              "product title", "listing title", "产品标题", "英文标题", "商品名", "品名", "名称"),
    "bullet_1": ("bullet point", "bullet points", "bullet_point1", "bullet point 1", "五点描述", "五点描述1",
                 "卖点1", "key product features", "key features", "卖点"),
    "bullet_2": ("bullet_point2", "bullet point 2", "五点描述2", "卖点2"),
    "bullet_3": ("bullet_point3", "bullet point 3", "五点描述3", "卖点3"),
    "bullet_4": ("bullet_point4", "bullet point 4", "五点描述4", "卖点4"),
    "bullet_5": ("bullet_point5", "bullet point 5", "五点描述5", "卖点5"),
    "search_terms": ("search terms", "关键词", "generic_keywords", "keywords", "tags", "搜索词", "关键字",
                     "search keywords", "generic keywords", "后台关键词"),
    "description": ("description", "描述", "商品描述", "product_description", "body (html)", "body html",
                    "产品描述", "详细描述", "product description", "详情描述", "short description"),
    "brand": ("brand", "品牌", "brand_name", "vendor", "brand name", "品牌名称", "manufacturer brand"),
    "category": ("category", "类目", "分类", "product type", "product_type", "商品类目", "产品类目", "categories",
                 "feed_product_type", "item_type", "type"),
    "declared_name": ("declared name", "申报品名", "报关品名", "中文申报名", "英文申报名", "申报名称", "customs name",
                      "customs description", "申报中文名", "申报英文名"),
    "hs_code": ("hs code", "hs编码", "海关编码", "hscode", "hs_code", "税则号", "harmonized code"),
    "price": ("price", "价格", "standard_price", "售价", "sale price", "variant price", "regular price",
              "start price", "销售价格", "零售价", "your price"),
    "currency": ("currency", "币种", "货币", "currency code"),
    "market": ("market", "站点", "目标市场", "marketplace", "country", "国家", "销售国家", "site", "target market"),
    "manufacturer": ("manufacturer", "制造商", "生产商", "厂商", "manufacturer name"),
    "eu_responsible_person": ("eu responsible person", "欧代", "欧盟负责人", "eu rp", "欧盟代表",
                              "responsible person", "eu representative"),
    "declared_value": ("declared value", "申报价值", "申报金额", "customs value", "申报价格"),
}

_PUNCT = re.compile(r"[\s_\-:：()（）\[\]【】/*#.]+")


def header_key(text: str) -> str:
    """Header text reduced for comparison: case, spaces, underscores and brackets ignored."""
    return _PUNCT.sub("", text.strip().lower())


_LOOKUP: dict[str, str] = {}
for _field, _names in HEADER_SYNONYMS.items():
    for _name in (_field, *_names):
        _LOOKUP.setdefault(header_key(_name), _field)


def field_for_header(text: str) -> str | None:
    return _LOOKUP.get(header_key(text)) if text.strip() else None


def map_headers(headers: list[str]) -> dict[str, int]:
    """Field -> column index for the recognised headers; the first column wins on duplicates."""
    mapping: dict[str, int] = {}
    for col, text in enumerate(headers):
        name = field_for_header(text)
        if name and name not in mapping:
            mapping[name] = col
    return mapping


def parse_mapping_option(text: str) -> dict[str, str]:
    """`--map title=商品名称,brand=品牌` -> {field: header}."""
    out: dict[str, str] = {}
    for part in re.split(r"[,，]", text):
        if not part.strip():
            continue
        key, sep, header = part.partition("=")
        if not sep or not key.strip() or not header.strip():
            raise ValueError(part)
        out[key.strip()] = header.strip()
    return out
