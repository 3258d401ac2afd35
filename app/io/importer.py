"""From a seller's file to listings: pick the sheet, find the header row, map columns.

Each listing remembers its file, sheet and 1-based row so every finding can
point back to the seller's exact cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.i18n import N_
from app.core.markets import parse_markets
from app.core.models import LISTING_FIELDS, Listing
from app.io.columns import header_key, map_headers
from app.io.errors import ImportCancelled, InputError
from app.io.readers import Sheet, read_sheets

HEADER_SCAN_ROWS = 15


@dataclass(slots=True)
class Warning_:
    text: str
    params: dict[str, object]


@dataclass(slots=True)
class Catalogue:
    path: Path
    sheet: str
    header_row: int  # 1-based
    headers: list[str]
    mapping: dict[str, int]
    listings: list[Listing]
    sheets: list[str] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)


def _header_score(row: list[str]) -> int:
    mapping = map_headers(row)
    return len(mapping) + (5 if "title" in mapping else 0)


def find_header(sheet: Sheet) -> tuple[int, dict[str, int]]:
    """(0-based header row index, mapping) of the best-looking header among the first rows."""
    best = (-1, {}, 0)
    for i, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        score = _header_score(row)
        if score > best[2]:
            best = (i, map_headers(row), score)
    return best[0], best[1]


def choose_sheet(sheets: list[Sheet]) -> Sheet:
    """The sheet that looks most like a listing table (title column, most fields, most rows)."""
    def score(sheet: Sheet) -> tuple[int, int]:
        idx, mapping = find_header(sheet)
        return (_header_score(sheet.rows[idx]) if idx >= 0 else 0, len(sheet.rows))

    return max(sheets, key=score)


def apply_mapping_option(headers: list[str], option: dict[str, str], file: str) -> dict[str, int]:
    keys = [header_key(h) for h in headers]
    mapping: dict[str, int] = {}
    for name, header in option.items():
        if name not in LISTING_FIELDS:
            raise InputError(N_("{file}: unknown field “{field}” in the column mapping."), file=file, field=name)
        try:
            mapping[name] = keys.index(header_key(header))
        except ValueError:
            raise InputError(N_("{file}: no column named “{header}” for {field}."), file=file, header=header,
                             field=name) from None
    return mapping


def import_catalogue(
    path: Path,
    *,
    sheet_name: str | None = None,
    mapping_option: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Catalogue:
    path = Path(path)
    sheets = read_sheets(path)
    non_empty = [s for s in sheets if any(any(c for c in row) for row in s.rows)]
    if not non_empty:
        raise InputError(N_("{file}: the file has no data (every sheet is empty)."), file=path.name)
    if sheet_name is not None:
        chosen = next((s for s in sheets if s.name == sheet_name), None)
        if chosen is None:
            raise InputError(N_("{file}: there is no sheet named “{sheet}”."), file=path.name, sheet=sheet_name)
    else:
        chosen = choose_sheet(non_empty)
    header_idx, mapping = find_header(chosen)
    if header_idx < 0:
        header_idx = 0
    headers = chosen.rows[header_idx] if chosen.rows else []
    if mapping_option:
        mapping.update(apply_mapping_option(headers, mapping_option, path.name))
    if "title" not in mapping:
        raise InputError(N_("{file}, sheet “{sheet}”: no title column found (looked for Title, 标题, 商品名称, "
                            "Product Name, item_name...). Name the column with --map title=<header>."),
                         file=path.name, sheet=chosen.name)
    catalogue = Catalogue(path, chosen.name, header_idx + 1, headers, mapping, [], [s.name for s in sheets])
    data_rows = chosen.rows[header_idx + 1:]
    total = len(data_rows)
    step = max(1, total // 50)
    for offset, row in enumerate(data_rows):
        if cancelled is not None and offset % 256 == 0 and cancelled():
            raise ImportCancelled()
        if progress is not None and offset % step == 0:
            progress(offset, total)
        if not any(row):
            continue
        row_number = header_idx + 2 + offset
        values = {name: (row[col] if col < len(row) else "") for name, col in mapping.items()}
        listing = Listing(values, source=path.name, sheet=chosen.name, row=row_number)
        if values.get("market"):
            codes, unknown = parse_markets(values["market"])
            listing.markets = codes
            if unknown:
                catalogue.warnings.append(Warning_(N_("Row {row}: unknown market “{market}”; the default markets "
                                                      "are used."), {"row": row_number, "market": values["market"]}))
        if not values.get("title", "").strip():
            catalogue.warnings.append(Warning_(N_("Row {row}: no title; the row is checked on its other fields."),
                                               {"row": row_number}))
        catalogue.listings.append(listing)
    if progress is not None:
        progress(total, total)
    if not catalogue.listings:
        raise InputError(N_("{file}, sheet “{sheet}”: the sheet has a header but no listings below it."),
                         file=path.name, sheet=chosen.name)
    return catalogue
