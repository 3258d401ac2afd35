"""The seller's brand lists in and out of CSV / Excel: own brands, authorisations, watch-list marks.

One list per file. Columns are found by their header names in English or
Chinese (see SYNONYMS), in any order, so a seller can keep the sheet they
already have; an export writes the same headers back so it round-trips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from app.core.checker import Authorisation, SellerLists
from app.core.i18n import N_
from app.core.models import Mark
from app.io.errors import InputError
from app.io.small_tables import Record, read_records, write_table

ListKind = Literal["own", "authorisations", "watchlist"]
LIST_KINDS: tuple[ListKind, ...] = ("own", "authorisations", "watchlist")

SYNONYMS: dict[ListKind, dict[str, tuple[str, ...]]] = {
    "own": {
        "brand": ("brand", "own brand", "my brand", "brand name", "name", "品牌", "自有品牌", "我的品牌", "品牌名称",
                  "名称", "商标"),
    },
    "authorisations": {
        "mark": ("brand", "mark", "trademark", "authorised brand", "authorized brand", "品牌", "授权品牌", "商标",
                 "品牌名称"),
        "reference": ("licence reference", "license reference", "licence", "license", "reference", "licence no",
                      "authorisation no", "authorization no", "授权编号", "授权书编号", "授权号", "许可编号"),
        "expires": ("expires", "expiry", "expiry date", "expiration date", "valid until", "到期日", "到期日期",
                    "有效期至", "截止日期", "授权到期"),
    },
    "watchlist": {
        "name": ("brand", "name", "mark", "trademark", "brand to watch", "品牌", "商标", "商标名称", "名称"),
        "owner": ("owner", "holder", "rights holder", "applicant", "权利人", "所有人", "注册人", "商标持有人"),
        "classes": ("classes", "nice classes", "class", "nice class", "类别", "尼斯分类", "国际分类", "商标类别"),
        "keywords": ("keywords", "goods", "products", "关键词", "商品", "产品"),
        "aliases": ("aliases", "other spellings", "variants", "别名", "其他写法", "变体"),
    },
}
REQUIRED: dict[ListKind, tuple[str, ...]] = {"own": ("brand",), "authorisations": ("mark",), "watchlist": ("name",)}
# Headers an export writes (first synonym of each field, in English, then Chinese), so the file reads back.
EXPORT_HEADERS: dict[ListKind, tuple[str, ...]] = {
    "own": ("Brand / 品牌",),
    "authorisations": ("Brand / 品牌", "Licence reference / 授权编号", "Expires / 到期日"),
    "watchlist": ("Brand / 品牌", "Owner / 权利人", "Classes / 类别", "Keywords / 关键词", "Aliases / 别名"),
}
for _kind, _headers in EXPORT_HEADERS.items():  # an exported file reads back as it was written
    for _field, _header in zip(SYNONYMS[_kind], _headers):
        SYNONYMS[_kind][_field] += (_header,)
_SPLIT = re.compile(r"\s*[|;,，；、]\s*")
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


@dataclass(slots=True, frozen=True)
class ImportedList:
    """What a file held, ready to merge into the workspace."""

    kind: ListKind
    own_brands: list[str]
    authorisations: list[Authorisation]
    watchlist: list[Mark]

    def __len__(self) -> int:
        return len(self.own_brands) + len(self.authorisations) + len(self.watchlist)


def parse_date(text: str, *, file: str, sheet: str, row: int) -> date | None:
    """An expiry date as sellers write it: 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日; empty = none."""
    text = text.strip()
    if not text:
        return None
    m = _DATE.fullmatch(text.split(" ")[0])
    try:
        if m is None:
            raise ValueError(text)
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise InputError(N_("{file}, sheet {sheet}, row {row}: “{value}” is not a date; write it as 2026-12-31."),
                         file=file, sheet=sheet, row=row, value=text) from None


def parse_classes(text: str, *, file: str, sheet: str, row: int) -> tuple[int, ...]:
    """Nice classes written '9 25', '9,25', '第9类、第25类' -> (9, 25); a number outside 1-45 is an error."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    bad = [n for n in numbers if not 1 <= n <= 45]
    if bad:
        raise InputError(N_("{file}, sheet {sheet}, row {row}: class {value} is not a Nice class (1 to 45)."),
                         file=file, sheet=sheet, row=row, value=bad[0])
    return tuple(dict.fromkeys(numbers))


def split_names(text: str) -> tuple[str, ...]:
    return tuple(p for p in (s.strip() for s in _SPLIT.split(text)) if p)


def watch_mark(values: dict[str, str], classes: tuple[int, ...], *, origin: str = "watchlist") -> Mark:
    name = values["name"].strip()
    return Mark(name=name, owner=values.get("owner", "").strip() or name, category=origin, origin=origin,
                aliases=split_names(values.get("aliases", "")), nice_classes=classes,
                keywords=tuple(k.lower() for k in split_names(values.get("keywords", ""))), source=origin)


def _record_items(kind: ListKind, records: list[Record], file: str) -> ImportedList:
    own: list[str] = []
    auths: list[Authorisation] = []
    watch: list[Mark] = []
    for r in records:
        v = r.values
        if kind == "own":
            if v["brand"]:
                own.append(v["brand"])
        elif kind == "authorisations":
            if v["mark"]:
                expires = parse_date(v.get("expires", ""), file=file, sheet=r.sheet, row=r.row)
                auths.append(Authorisation(v["mark"], v.get("reference", ""), expires))
        elif v["name"]:
            classes = parse_classes(v.get("classes", ""), file=file, sheet=r.sheet, row=r.row)
            watch.append(watch_mark(v, classes))
    return ImportedList(kind, own, auths, watch)


def read_list(path: Path, kind: ListKind, mapping: dict[str, str] | None = None) -> ImportedList:
    """Read one list from a CSV / Excel file; InputError names the file, sheet and row of any problem."""
    records = read_records(path, SYNONYMS[kind], REQUIRED[kind], mapping)
    return _record_items(kind, records, path.name)


def list_rows(lists: SellerLists, kind: ListKind) -> list[list[object]]:
    if kind == "own":
        return [[b] for b in lists.own_brands]
    if kind == "authorisations":
        return [[a.mark, a.reference, a.expires.isoformat() if a.expires else ""] for a in lists.authorisations]
    return [[m.name, m.owner, " ".join(map(str, m.nice_classes)), "|".join(m.keywords), "|".join(m.aliases)]
            for m in lists.watchlist]


def write_list(path: Path, lists: SellerLists, kind: ListKind) -> int:
    """Write one list to .csv or .xlsx with headers `read_list` recognises; returns the rows written."""
    rows = list_rows(lists, kind)
    write_table(path, EXPORT_HEADERS[kind], rows, sheet=kind)
    return len(rows)


def merged(lists: SellerLists, imported: ImportedList) -> SellerLists:
    """The lists with the imported entries added; an entry already there (same name) is replaced by the file's."""
    def key(text: str) -> str:
        return text.strip().casefold()

    own = list(lists.own_brands)
    known = {key(b) for b in own}
    own += [b for b in dict.fromkeys(imported.own_brands) if key(b) not in known]
    new_auth = {key(a.mark) for a in imported.authorisations}
    auths = [a for a in lists.authorisations if key(a.mark) not in new_auth] + imported.authorisations
    new_watch = {key(m.name) for m in imported.watchlist}
    watch = [m for m in lists.watchlist if key(m.name) not in new_watch] + imported.watchlist
    return SellerLists(own, auths, watch)
