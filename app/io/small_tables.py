"""Small header-mapped tables in and out of CSV / Excel: the seller's brand lists and lists of marks.

A table is recognised by its header names (English or Chinese, compared like
the catalogue importer does: case, spaces and punctuation ignored); the header
may sit in any of the first rows. `--map field=Header` style overrides win.
Writing gives CSV (UTF-8 with BOM, so Excel shows Chinese correctly) or .xlsx.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.i18n import N_
from app.io.columns import header_key
from app.io.errors import InputError
from app.io.readers import read_sheets

HEADER_SEARCH_ROWS = 10


@dataclass(slots=True, frozen=True)
class Record:
    """One data row: where it is (for messages) and its value per field."""

    sheet: str
    row: int  # 1-based, as the spreadsheet shows it
    values: dict[str, str]


def _lookup(synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for field, names in synonyms.items():
        for name in (field, *names):
            out.setdefault(header_key(name), field)
    return out


def map_columns(headers: Sequence[str], synonyms: dict[str, tuple[str, ...]],
                option: dict[str, str] | None = None, *, file: str = "") -> dict[str, int]:
    """Field -> column for a header row; `option` ({field: header text}) overrides what is recognised."""
    lookup = _lookup(synonyms)
    mapping: dict[str, int] = {}
    for col, text in enumerate(headers):
        field = lookup.get(header_key(text)) if text.strip() else None
        if field and field not in mapping:
            mapping[field] = col
    keys = [header_key(h) for h in headers]
    for field, header in (option or {}).items():
        if field not in synonyms:
            raise InputError(N_("{file}: unknown field “{field}” in the column mapping (known: {known})."),
                             file=file, field=field, known=", ".join(synonyms))
        if header_key(header) not in keys:
            raise InputError(N_("{file}: no column is headed “{header}” (mapped to {field})."),
                             file=file, header=header, field=field)
        mapping[field] = keys.index(header_key(header))
    return mapping


def read_records(path: Path, synonyms: dict[str, tuple[str, ...]], required: Sequence[str],
                 option: dict[str, str] | None = None) -> list[Record]:
    """The rows of the first sheet whose header names the required fields; raises InputError otherwise."""
    for field in option or {}:
        if field not in synonyms:
            raise InputError(N_("{file}: unknown field “{field}” in the column mapping (known: {known})."),
                             file=path.name, field=field, known=", ".join(synonyms))
    wanted = [header_key(h) for h in (option or {}).values()]
    for sheet in read_sheets(path):
        for idx, headers in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            keys = {header_key(h) for h in headers}
            if not all(k in keys for k in wanted):
                continue
            mapping = map_columns(headers, synonyms, option, file=path.name)
            if all(f in mapping for f in required):
                return _records(sheet.name, sheet.rows, idx, mapping)
    raise InputError(N_("{file}: no header row with the column(s) {columns} was found. Name the columns (for "
                        "example {example}) or give a column mapping."),
                     file=path.name, columns=", ".join(required),
                     example=" / ".join(f"“{synonyms[f][0]}”" for f in required))


def _records(sheet: str, rows: list[list[str]], header_idx: int, mapping: dict[str, int]) -> list[Record]:
    out: list[Record] = []
    for offset, row in enumerate(rows[header_idx + 1:], start=header_idx + 2):
        values = {f: (row[c].strip() if c < len(row) else "") for f, c in mapping.items()}
        if any(values.values()):
            out.append(Record(sheet, offset, values))
    return out


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], *, sheet: str = "") -> None:
    """A CSV (by suffix .csv/.txt) or .xlsx file with one header row."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import Workbook  # imported here: only Excel export needs it

        wb = Workbook()
        ws = wb.active
        ws.title = (sheet or path.stem)[:31]
        ws.append(list(headers))
        for row in rows:
            ws.append(list(row))
        wb.save(path)
        return
    if suffix not in (".csv", ".txt"):
        raise InputError(N_("{file}: choose a .xlsx or .csv file name to export to."), file=path.name)
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)
