"""A plain CSV / Excel list of marks (name, owner, classes, aliases, keywords, markets) read as Marks.

For marks a seller has from elsewhere (a lawyer's list, a register export).
Columns are found by header names in English or Chinese; `mapping`
({field: header}) names them when the headers are different.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from app.core.models import Mark
from app.io.seller_lists import parse_classes, split_names
from app.io.small_tables import read_records

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("mark", "trademark", "brand", "name", "mark name", "word mark", "商标", "商标名称", "品牌", "名称"),
    "owner": ("owner", "holder", "rights holder", "applicant", "registrant", "权利人", "所有人", "注册人", "申请人"),
    "classes": ("classes", "nice classes", "class", "nice class", "类别", "尼斯分类", "国际分类", "商标类别"),
    "aliases": ("aliases", "other spellings", "variants", "别名", "其他写法", "变体"),
    "keywords": ("keywords", "goods", "goods and services", "products", "关键词", "商品", "商品服务", "产品"),
    "zh": ("chinese name", "chinese", "中文名", "中文名称"),
    "markets": ("markets", "countries", "country", "jurisdiction", "市场", "国家", "地区"),
}
REQUIRED = ("name",)


def _markets(text: str) -> tuple[str, ...]:
    codes = tuple(c.upper() for c in re.findall(r"[A-Za-z]{2,6}", text))
    return codes or ("GLOBAL",)


def read_marks_table(path: Path, mapping: dict[str, str] | None = None) -> Iterator[Mark]:
    """Every named row of the file as a Mark (origin 'import'); InputError names file, sheet and row."""
    for r in read_records(path, SYNONYMS, REQUIRED, mapping):
        v = r.values
        name = v["name"].strip()
        if not name:
            continue
        classes = parse_classes(v.get("classes", ""), file=path.name, sheet=r.sheet, row=r.row)
        yield Mark(name=name, owner=v.get("owner", "").strip() or name, category="import",
                   aliases=split_names(v.get("aliases", "")), zh=split_names(v.get("zh", "")), nice_classes=classes,
                   keywords=tuple(k.lower() for k in split_names(v.get("keywords", ""))),
                   markets=_markets(v.get("markets", "")), tier=2, source=f"{path.name}, row {r.row}",
                   origin="import")
