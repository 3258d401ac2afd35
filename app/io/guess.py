"""Reading a table without a header: is the first row a header, and which column holds what.

Sellers export title lists and scraped tables without a header row. The content
says a lot: titles are the longest short text, descriptions are longer still or
hold HTML, a category path has " > " in it, SKUs are unique codes without
spaces, prices are amounts with two decimals or a currency sign, and a brand is
a short value that reappears in its row's title. Every guess is reported as a
guess so the UI can ask the seller to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.io.columns import map_headers

_NUMBER = re.compile(r"^[-+]?\d[\d,. ]*$")
_PRICE = re.compile(
    r"^(?:[$€£¥₹]|US\$|RM|Rp|R\$|CHF|EUR|USD|GBP|CNY|RMB)?\s*\d[\d,]*(?:[.,]\d{2})\s*"
    r"(?:[$€£¥₹]|元|EUR|USD|GBP|CNY|RMB)?$|^(?:[$€£¥₹]|US\$)\s*\d[\d,.]*$|^\d[\d,.]*\s*[€£¥元]$"
)
_URL = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
_HEX_ID = re.compile(r"^[0-9a-fA-F]{16,}$")
_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_SKU = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9_\-./#]{2,39}$")
_CATEGORY = re.compile(r"\s>{1,2}\s|^\[\".*>>")
_HTML = re.compile(r"<(?:p|br|div|li|ul|b|strong|span|h\d|table)\b", re.IGNORECASE)

SAMPLE_ROWS = 200


def is_data_like(cell: str) -> bool:
    """A cell that looks like a value rather than a column name."""
    text = cell.strip()
    return bool(
        _NUMBER.match(text)
        or _PRICE.match(text)
        or _URL.match(text)
        or _HEX_ID.match(text)
        or _DATE.match(text)
        or len(text) > 60
        or "\n" in text
        or len(text.split()) >= 8
    )


def looks_like_header(row: Sequence[str], body: Sequence[Sequence[str]]) -> bool:
    """Whether `row` names columns (True) or is already data (False)."""
    cells = [c for c in row if c.strip()]
    if not cells:
        return False
    data_like = sum(1 for c in cells if is_data_like(c))
    if map_headers(row) and data_like < len(cells) / 2:
        return True
    if data_like / len(cells) >= 0.3:
        return False
    if len(set(cells)) < len(cells) / 2:
        return False  # column names are mostly distinct
    # A cell that is text over a column of numbers is a column name.
    for col, cell in enumerate(row):
        values = [r[col] for r in body[:50] if col < len(r) and r[col].strip()]
        if (
            cell.strip()
            and len(values) >= 3
            and sum(1 for v in values if is_data_like(v)) >= 0.8 * len(values)
        ):
            return True
    return len(cells) > 1 or len(cells[0].split()) <= 3


@dataclass(slots=True)
class _Profile:
    col: int
    filled: int
    avg_len: float
    avg_words: float
    distinct: float
    share: dict[str, float]


def _profile(rows: Sequence[Sequence[str]], col: int) -> _Profile | None:
    values = [r[col].strip() for r in rows if col < len(r) and r[col].strip()]
    if not values:
        return None
    n = len(values)
    tests = {
        "number": _NUMBER,
        "price": _PRICE,
        "url": _URL,
        "sku": _SKU,
        "category": _CATEGORY,
        "html": _HTML,
        "hex": _HEX_ID,
    }
    share = {
        name: sum(1 for v in values if (p.search(v) if name in ("category", "html") else p.match(v))) / n
        for name, p in tests.items()
    }
    share["multiline"] = sum(1 for v in values if "\n" in v) / n
    return _Profile(
        col,
        n,
        sum(map(len, values)) / n,
        sum(len(v.split()) for v in values) / n,
        len(set(values)) / n,
        share,
    )


def guess_columns(rows: Sequence[Sequence[str]]) -> dict[str, int]:
    """Field -> column for a table without usable headers, from up to SAMPLE_ROWS rows of content."""
    sample = [r for r in rows[:SAMPLE_ROWS] if any(c.strip() for c in r)]
    if not sample:
        return {}
    width = max(len(r) for r in sample)
    profiles = [p for col in range(width) if (p := _profile(sample, col)) is not None]
    enough = [p for p in profiles if p.filled >= 0.3 * len(sample)]
    mapping: dict[str, int] = {}

    def text_column(p: _Profile) -> bool:
        return (
            p.share["url"] < 0.5
            and p.share["number"] < 0.5
            and p.share["price"] < 0.5
            and p.share["hex"] < 0.5
        )

    descriptions = [
        p
        for p in enough
        if text_column(p) and (p.avg_len >= 300 or p.share["html"] >= 0.3 or p.share["multiline"] >= 0.3)
    ]
    categories = [p for p in enough if text_column(p) and p.share["category"] >= 0.5]
    if categories:
        mapping["category"] = max(categories, key=lambda p: p.share["category"]).col
    titles = [
        p
        for p in enough
        if text_column(p)
        and p not in descriptions
        and p.col not in mapping.values()
        and p.avg_words >= 2
        and p.avg_len >= 12
    ]
    if titles:
        mapping["title"] = max(titles, key=lambda p: (p.avg_len * min(1.0, p.distinct * 2), -p.col)).col
    elif descriptions:
        mapping["title"] = min(descriptions, key=lambda p: p.avg_len).col
        descriptions = [p for p in descriptions if p.col != mapping["title"]]
    if descriptions:
        mapping["description"] = max(descriptions, key=lambda p: p.avg_len).col
    skus = [
        p
        for p in enough
        if p.share["sku"] + p.share["hex"] >= 0.8 and p.distinct >= 0.9 and p.col not in mapping.values()
    ]
    if skus:
        mapping["sku"] = skus[0].col
    prices = [p for p in enough if p.share["price"] >= 0.6 and p.col not in mapping.values()]
    if prices:
        mapping["price"] = max(prices, key=lambda p: (p.share["price"], -p.col)).col
    if "title" in mapping:
        brand = _brand_column(sample, mapping["title"], [p for p in enough if p.col not in mapping.values()])
        if brand is not None:
            mapping["brand"] = brand
    return dict(sorted(mapping.items(), key=lambda item: item[1]))


def _brand_column(rows: Sequence[Sequence[str]], title_col: int, candidates: list[_Profile]) -> int | None:
    """A short text column whose value reappears in the same row's title (Hornby / "Hornby 2014 Catalogue")."""
    best, best_share = None, 0.3
    for p in candidates:
        if p.avg_len > 30 or p.avg_words > 4 or p.share["number"] > 0.3 or p.share["price"] > 0.3:
            continue
        hits = total = 0
        for r in rows:
            if p.col < len(r) and r[p.col].strip() and title_col < len(r):
                total += 1
                hits += r[p.col].strip().casefold() in r[title_col].casefold()
        if total and hits / total > best_share:
            best, best_share = p.col, hits / total
    return best
