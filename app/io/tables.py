"""Finding the table on a sheet: its layout, its header row (or none), and what each column holds.

Works on the first rows of a sheet as text. Merged header cells are spread over
the cells they cover; a two-row header ("五点描述" over "1".."5") is read as one.
When no header names are recognised the first row is judged: column names, or
already data? Headerless tables get their columns guessed from content and the
guess is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.i18n import N_
from app.io.columns import field_for_header, header_key, map_headers
from app.io.guess import guess_columns, is_data_like, looks_like_header
from app.io.layouts import GENERIC, HEADERLESS, UNKNOWN, Layout, detect_layout, layout_headers, layout_mapping
from app.io.readers import LoadedSheet

HEADER_SCAN_ROWS = 15

# Sheets that explain a template rather than hold the seller's listings, and sheets that usually hold them.
_SIDE_SHEETS = (
    "example",
    "示例",
    "样例",
    "instruction",
    "说明",
    "填写",
    "definition",
    "valid values",
    "dropdown",
    "下拉",
    "browse data",
    "images",
    "图片",
    "readme",
    "help",
    "帮助",
)
_LISTING_SHEETS = ("template", "listing", "product", "商品", "产品", "模板", "数据")


@dataclass(slots=True)
class Warning_:
    """Something the seller should know about the import: a gettext msgid and its parameters."""

    text: str
    params: dict[str, object]


@dataclass(slots=True)
class Table:
    """What was found on one sheet."""

    sheet: LoadedSheet
    layout: Layout
    header_index: int  # 0-based; -1 when the table has no header row
    first_data: int  # 0-based index of the first data row
    headers: list[str]
    mapping: dict[str, int]  # from header names (or the content guess for a headerless table)
    guessed: tuple[str, ...] = ()  # fields in `mapping` that were guessed from content
    suggested: dict[str, int] = field(default_factory=dict)  # content guesses for fields the headers lack
    markets: tuple[str, ...] = ()  # market the file itself states
    warnings: list[Warning_] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(any(c for c in row) for row in self.sheet.head)

    @property
    def has_listings(self) -> bool:
        return "title" in self.mapping

    @property
    def side_sheet(self) -> bool:
        """A template's example, instructions or value lists rather than the seller's listings."""
        name = self.sheet.name.lower()
        return any(s in name for s in _SIDE_SHEETS)

    def score(self) -> tuple[int, int, int, int, int]:
        """Higher is more likely the seller's listings (recognised titles, a listing-like name, more fields)."""
        name = self.sheet.name.lower()
        named = -1 if self.side_sheet else (1 if any(s in name for s in _LISTING_SHEETS) else 0)
        by_header = int("title" in self.mapping and self.layout is not HEADERLESS)
        return (
            by_header,
            int(self.has_listings),
            named,
            len(self.mapping),
            self.sheet.height or len(self.sheet.head),
        )


def _merged_head(sheet: LoadedSheet) -> list[list[str]]:
    """The head rows with each merged cell's value spread over the cells it covers."""
    rows = [list(r) for r in sheet.head]
    limit = len(rows)
    off = sheet.col_offset
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 >= limit or c0 - off < 0:
            continue
        top = rows[r0]
        value = top[c0 - off] if c0 - off < len(top) else ""
        if not value:
            continue
        for r in range(r0, min(r1, limit - 1) + 1):
            row = rows[r]
            if len(row) <= c1 - off:
                row.extend([""] * (c1 - off + 1 - len(row)))
            for c in range(c0 - off, c1 - off + 1):
                if not row[c]:
                    row[c] = value
    return rows


def _header_texts(rows: list[list[str]], index: int) -> list[str]:
    """The header row; a name that means nothing alone is read with the group label above it ("五点描述" + "1")."""
    row = rows[index]
    above = rows[index - 1] if index > 0 else []
    out = []
    for col, text in enumerate(row):
        parent = above[col] if col < len(above) else ""
        if text and parent and parent != text and field_for_header(text) is None:
            combined = parent + text
            if field_for_header(combined) is not None:
                text = combined
        out.append(text)
    return out


def _best_header(rows: list[list[str]]) -> tuple[int, int]:
    """(index, score) of the row whose cells name the most of our fields; (-1, 0) when none does."""
    best, best_score = -1, 0
    for i in range(min(HEADER_SCAN_ROWS, len(rows))):
        headers = _header_texts(rows, i)
        mapping = map_headers(headers)
        score = len(mapping) + (5 if "title" in mapping else 0)
        cells = [c for c in rows[i] if c]
        if score and sum(1 for c in cells if is_data_like(c)) * 2 > len(cells):
            continue  # a data row that happens to contain a word like "Brand"
        if score > best_score:
            best, best_score = i, score
    return best, best_score


def _duplicates(sheet: LoadedSheet, headers: list[str], mapping: dict[str, int]) -> list[Warning_]:
    """Columns sharing a name that we read as a field: say which one is used."""
    by_key: dict[str, list[int]] = {}
    for col, text in enumerate(headers):
        if text:
            by_key.setdefault(header_key(text), []).append(col)
    used = {col: name for name, col in mapping.items()}
    warnings = []
    for cols in by_key.values():
        if len(cols) < 2:
            continue
        read = [c for c in cols if c in used]
        if len(read) == 1:
            warnings.append(
                Warning_(
                    N_(
                        "Sheet “{sheet}”: several columns are named “{header}” ({columns}); "
                        "only column {used} is read."
                    ),
                    {
                        "sheet": sheet.name,
                        "header": headers[cols[0]],
                        "columns": ", ".join(sheet.letter(c) for c in cols),
                        "used": sheet.letter(read[0]),
                    },
                )
            )
    return warnings


def _find_header(rows: list[list[str]]) -> tuple[Layout, int, tuple[str, ...]]:
    """(layout, 0-based header row or -1, markets the file states) found from the head rows."""
    match = detect_layout(rows)
    if match is not None:
        return match.layout, match.header_index, match.markets
    index, score = _best_header(rows)
    if score:
        return GENERIC, index, ()
    first = next((i for i, r in enumerate(rows) if any(c for c in r)), 0)
    if rows and not looks_like_header(rows[first], rows[first + 1 :]):
        return HEADERLESS, -1, ()
    return UNKNOWN, first, ()


def _given_header(rows: list[list[str]], index: int) -> tuple[Layout, int, tuple[str, ...]]:
    """The layout when the seller says which row is the header (-1: none)."""
    if index < 0:
        return HEADERLESS, -1, ()
    match = detect_layout(rows)
    if match is not None and match.header_index == index:
        return match.layout, index, match.markets
    return (GENERIC if map_headers(_header_texts(rows, index)) else UNKNOWN), index, ()


def analyse(sheet: LoadedSheet, header_row: int | None = None) -> Table:
    """Find the table on a sheet from its head rows; `header_row` (1-based, 0 for none) overrides the search."""
    rows = _merged_head(sheet)
    if header_row is None:
        layout, index, markets = _find_header(rows)
    else:
        layout, index, markets = _given_header(rows, min(header_row, len(rows)) - 1)
    if layout is HEADERLESS:
        width = max((len(r) for r in rows), default=0)
        mapping = guess_columns(rows)
        return Table(
            sheet, layout, -1, 0, [sheet.letter(c) for c in range(width)], mapping, guessed=tuple(mapping)
        )
    headers = _header_texts(rows, index) if rows else []
    mapping = layout_mapping(layout, headers)
    table = Table(
        sheet,
        layout,
        index,
        index + 1,
        headers,
        mapping,
        markets=markets,
        warnings=_duplicates(sheet, layout_headers(layout, headers), mapping),
    )
    if "title" not in mapping:
        used = set(mapping.values())
        table.suggested = {
            name: col
            for name, col in guess_columns(rows[index + 1 :]).items()
            if name not in mapping and col not in used
        }
    return table
