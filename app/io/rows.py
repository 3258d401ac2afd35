"""Data rows to listings: one listing per product, variant rows folded in, row problems summed up.

This is the loop that runs once per row of a 100,000-row file, so it fetches
the mapped cells with one `itemgetter` call and converts only those.
"""

from __future__ import annotations

import gc
import time
from operator import itemgetter
from typing import TYPE_CHECKING

from app.core.i18n import N_
from app.core.markets import parse_markets
from app.core.models import TEXT_FIELDS, Listing
from app.io.cells import cell_text
from app.io.columns import header_key
from app.io.html_text import html_to_plain, looks_like_html
from app.io.layouts import WOOCOMMERCE
from app.io.progress import Progress
from app.io.tables import Table, Warning_
from app.io.textfile import encoding_label

if TYPE_CHECKING:
    from app.io.importer import Catalogue

MAX_LISTED_ROWS = 12  # row numbers quoted in one warning
CHECK_EVERY = 128  # rows between progress reports and cancel checks
SHARED_LENGTH = 40  # repeated values shorter than this (brand, currency, market...) are stored once


def rows_text(rows: list[int]) -> str:
    """[2, 3, 4, 9, 12] -> '2–4, 9, 12'; long lists end with '…'."""
    pieces: list[str] = []
    start = prev = rows[0]
    for row in rows[1:] + [-1]:
        if row == prev + 1:
            prev = row
            continue
        pieces.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = row
    return ", ".join(pieces[:MAX_LISTED_ROWS]) + (", …" if len(pieces) > MAX_LISTED_ROWS else "")


def _text(value: object) -> str:
    return value.strip() if value.__class__ is str else cell_text(value)  # type: ignore[attr-defined]


class _Folding:
    """Which rows are variants of the product above (Shopify Handle, eBay item number, WooCommerce parent)."""

    def __init__(self, table: Table, mapping: dict[str, int]) -> None:
        keys = [header_key(h) for h in table.headers]
        layout = table.layout
        self.group_col = keys.index(layout.group_column) if layout.group_column in keys else -1
        self.woo = layout is WOOCOMMERCE and "parent" in keys and "type" in keys
        self.type_col = keys.index("type") if self.woo else -1
        self.parent_col = keys.index("parent") if self.woo else -1
        self.id_col = keys.index("id") if "id" in keys else -1
        self.sku_col = mapping.get("sku", -1)
        marker, self.marker_value = layout.variant_marker
        self.marker_col = keys.index(marker) if marker and marker in keys else -1
        self.group = ""
        self.products: set[str] = set()
        self.active = self.group_col >= 0 or self.woo or self.marker_col >= 0

    @staticmethod
    def _cell(row: list[object], col: int) -> str:
        return _text(row[col]) if 0 <= col < len(row) else ""

    def is_variant(self, row: list[object], title: str) -> bool:
        if self.marker_col >= 0:
            return not title and self._cell(row, self.marker_col).lower() == self.marker_value
        if self.group_col >= 0:
            key = self._cell(row, self.group_col)
            if key and key == self.group and not title:
                return True
            self.group = key
            return False
        parent = self._cell(row, self.parent_col)
        if parent and parent in self.products and "variation" in self._cell(row, self.type_col).lower():
            return True
        if sku := self._cell(row, self.sku_col):
            self.products.add(sku)
        if self.id_col >= 0:
            self.products.add("id:" + self._cell(row, self.id_col))
        return False


def _repeating_columns(table: Table, columns: list[int]) -> list[int]:
    """Positions in `columns` whose values repeat in the first rows (brand, currency, market, category)."""
    sample = [r for r in table.sheet.head[table.first_data :] if any(r)]
    found = []
    for position, col in enumerate(columns):
        values = [r[col] for r in sample if col < len(r) and r[col]]
        if len(values) >= 4 and len(set(values)) * 2 <= len(values) and max(map(len, values)) < SHARED_LENGTH:
            found.append(position)
    return found


def read_listings(table: Table, catalogue: Catalogue, progress: Progress) -> None:
    """Append a Listing to `catalogue.listings` for every product row of the table."""
    sheet = table.sheet
    text = sheet.text
    names = list(catalogue.mapping)
    columns = list(catalogue.mapping.values())
    need = max(columns) + 1
    fetch = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    html_fields = [n for n in names if n in TEXT_FIELDS]
    folding = _Folding(table, catalogue.mapping)
    skip_prefixes = table.layout.skip_prefixes
    hint = table.markets
    source, sheet_name = catalogue.path.name, sheet.name
    market_cache: dict[str, tuple[tuple[str, ...], list[str]]] = {}
    unknown_markets: dict[str, list[int]] = {}
    no_title: list[int] = []
    folded = 0
    first = table.first_data
    height = max(1, sheet.height)
    start = progress.fraction
    span = 1.0 - start
    append = catalogue.listings.append
    padding = [""] * need
    repeating = _repeating_columns(table, columns)
    share = {}.setdefault  # one string object for a value repeated over 100,000 rows, not 100,000
    collecting = gc.isenabled()
    gc.disable()  # 100,000 new dicts would trigger many full collections for nothing
    try:
        for idx, row in enumerate(sheet.rows()):
            if not idx % CHECK_EVERY:
                time.sleep(0)  # hand the GIL to the GUI thread: a row loop alone may not let it go for 0.5 s
                progress.check()
                done = text.bytes_read / max(1, text.size) if text is not None else idx / height
                progress.to(start + span * min(1.0, done))
            if idx < first:
                continue
            if len(row) < need:
                row = list(row) + padding[: need - len(row)]
            values = [v.strip() if v.__class__ is str else cell_text(v) for v in fetch(row)]
            if not any(values):
                continue
            for position in repeating:
                values[position] = share(values[position], values[position])
            if skip_prefixes and _text(row[0]).lower().startswith(skip_prefixes):
                continue
            fields = dict(zip(names, values))
            title = fields.get("title", "")
            if folding.active and folding.is_variant(row, title):
                folded += 1
                continue
            number = idx + 1
            listing = Listing(fields, source=source, sheet=sheet_name, row=number)
            market = fields.get("market")
            if market:
                parsed = market_cache.get(market)
                if parsed is None:
                    parsed = market_cache[market] = parse_markets(market)
                listing.markets = parsed[0]
                if parsed[1]:
                    unknown_markets.setdefault(market, []).append(number)
            elif hint:
                listing.markets = hint
            if "<" in "".join(values):  # one search per row; most rows hold no markup at all
                for name in html_fields:
                    value = fields[name]
                    if "<" in value and looks_like_html(value):
                        listing.plain[name] = html_to_plain(value)
            if not title:
                no_title.append(number)
            append(listing)
    finally:
        if collecting:
            gc.enable()
    catalogue.folded_rows = folded
    _warnings(catalogue, table, no_title, unknown_markets)


def _warnings(
    catalogue: Catalogue, table: Table, no_title: list[int], unknown_markets: dict[str, list[int]]
) -> None:
    warn = catalogue.warnings.append
    if no_title:
        warn(
            Warning_(
                N_("{count} rows have no title ({rows}); they are checked on their other fields."),
                {"count": len(no_title), "rows": rows_text(no_title)},
            )
        )
    for market, rows in list(unknown_markets.items())[:20]:
        warn(
            Warning_(
                N_("{count} rows have an unknown market “{market}” ({rows}); the default markets are used."),
                {"count": len(rows), "market": market, "rows": rows_text(rows)},
            )
        )
    if catalogue.folded_rows:
        warn(
            Warning_(
                N_(
                    "{count} variant rows were read together with the product above them; findings point "
                    "at the product's first row."
                ),
                {"count": catalogue.folded_rows},
            )
        )
    text = table.sheet.text
    if text is None:
        return
    catalogue.encoding = encoding_label(text.format.encoding)
    report = text.report
    if report.other_encoding:
        warn(
            Warning_(
                N_(
                    "{count} rows ({rows}) are not in this file's main encoding ({encoding}); they were read as "
                    "{other}. Check that their text looks right."
                ),
                {
                    "count": len(report.other_encoding),
                    "rows": rows_text(report.other_encoding),
                    "encoding": catalogue.encoding,
                    "other": report.other_label,
                },
            )
        )
    if report.replaced:
        warn(
            Warning_(
                N_(
                    "{count} rows ({rows}) contain bytes that are not valid text; those characters were "
                    "replaced with “�”."
                ),
                {"count": len(report.replaced), "rows": rows_text(report.replaced)},
            )
        )
    if report.nul:
        warn(
            Warning_(
                N_("{count} rows ({rows}) contained NUL characters, which were removed."),
                {"count": len(report.nul), "rows": rows_text(report.nul)},
            )
        )
    if report.unclosed:
        row, lines = report.unclosed[0]
        warn(
            Warning_(
                N_(
                    "Row {row}: a quotation mark is not closed, so {lines} lines of the file were read into "
                    "one cell. Check the quotes in that row."
                ),
                {"row": row, "lines": lines},
            )
        )
