"""From a seller's file to listings: pick the sheet, find the table, know the layout, map columns.

`preview_catalogue` reads just enough to show the seller what was found (the
sheets, the header row, the first rows, the suggested mapping, the layout) so a
mapping dialog can ask before anything is imported; `import_catalogue` reads
every row, applying the seller's mapping when given one. Each listing remembers
its file, sheet and 1-based row so every finding can point back to the cell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.core.i18n import N_
from app.core.models import LISTING_FIELDS, Listing
from app.io.cells import cell_text
from app.io.columns import column_index, header_key
from app.io.errors import InputError
from app.io.progress import Progress
from app.io.readers import LoadedSheet, Workbook, check_file, open_text
from app.io.rows import read_listings
from app.io.tables import Table, Warning_, analyse

__all__ = ["Catalogue", "Preview", "Warning_", "import_catalogue", "preview_catalogue"]

READ_SHARE = 0.8  # of the progress bar for parsing a workbook; the rest is turning rows into listings
PREVIEW_ROWS = 20

MappingOption = Mapping[str, "str | int | None"]


@dataclass(slots=True)
class Catalogue:
    path: Path
    sheet: str
    header_row: int  # 1-based; 0 when the table has no header row
    headers: list[str]
    mapping: dict[str, int]  # field -> column index in `headers`
    listings: list[Listing]
    sheets: list[str] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    layout: str = "generic"  # a layout id: amazon_flat_file, shopify_csv, ..., generic, unknown, headerless
    layout_label: str = ""  # N_() text naming the layout, for the UI
    channel: str = ""  # amazon, shopify, woocommerce, ebay ... or "" when the file does not say
    guessed: tuple[str, ...] = ()  # fields whose column was guessed from content: ask the seller to confirm
    listing_sheets: list[str] = field(default_factory=list)  # sheets that look like they hold listings
    encoding: str = ""  # text files: the encoding read
    folded_rows: int = 0  # variant rows read as part of their product


@dataclass(slots=True)
class Preview:
    """What a mapping dialog shows before importing."""

    path: Path
    sheets: list[str]
    sheet: str
    listing_sheets: list[str]
    header_row: int  # 1-based; 0 when there is no header row
    headers: list[str]  # column names as in the file (column letters when there is no header)
    columns: list[str]  # column letters, A, B, C...
    rows: list[list[str]]  # the first data rows as text
    first_row: int  # 1-based row number of rows[0]
    mapping: dict[str, int]  # suggested field -> column
    guessed: tuple[str, ...]  # fields in `mapping` suggested from content rather than header names
    layout: str
    layout_label: str  # N_() text
    channel: str
    needs_mapping: bool  # no title column from the headers: the seller must choose
    warnings: list[Warning_]


def _analyse(sheet: LoadedSheet, header_row: int | None, file: str) -> Table:
    if header_row is not None and not 0 <= header_row <= len(sheet.head):
        raise InputError(
            N_(
                "{file}, sheet “{sheet}”: the header row must be one of the first {count} rows, not row {row}."
            ),
            file=file,
            sheet=sheet.name,
            count=len(sheet.head),
            row=header_row,
        )
    return analyse(sheet, header_row)


def _load(
    path: Path, sheet_name: str | None, header_row: int | None, progress: Progress
) -> tuple[list[str], list[Table], Table]:
    """Every candidate sheet analysed, and the one to read (its rows kept; the others' released)."""
    kind = check_file(path)
    if kind == "text":
        table = _analyse(open_text(path), header_row, path.name)
        if table.empty:
            raise InputError(N_("{file}: the file has no data (every sheet is empty)."), file=path.name)
        return [table.sheet.name], [table], table
    workbook = Workbook(path, kind)
    opening, parsing = workbook.open_seconds(), workbook.load_seconds()
    workbook.open(progress, READ_SHARE * opening / max(1e-6, opening + parsing))
    if sheet_name is not None:
        if sheet_name not in workbook.sheet_names:
            raise InputError(
                N_("{file}: there is no sheet named “{sheet}”."), file=path.name, sheet=sheet_name
            )
        names = [sheet_name]
    else:
        names = workbook.visible
    weights = [max(workbook.expected_seconds(n), 1e-6) for n in names]
    begin = progress.fraction
    total, done = sum(weights), 0.0
    tables: list[Table] = []
    best: Table | None = None
    for name, weight in zip(names, weights):
        done += weight
        sheet = workbook.load(name, progress, begin + (READ_SHARE - begin) * done / total)
        table = _analyse(sheet, header_row, path.name)
        tables.append(table)
        if best is None or (not table.empty, table.score()) > (not best.empty, best.score()):
            if best is not None:
                best.sheet.release()
            best = table
        else:
            table.sheet.release()
    assert best is not None
    if all(t.empty for t in tables):
        if sheet_name is not None:
            raise InputError(N_("{file}: sheet “{sheet}” is empty."), file=path.name, sheet=sheet_name)
        raise InputError(N_("{file}: the file has no data (every sheet is empty)."), file=path.name)
    workbook.close()
    return workbook.sheet_names, tables, best


def _resolve(table: Table, option: MappingOption, file: str) -> dict[str, int | None]:
    """The seller's mapping as field -> column (None removes a field)."""
    keys = [header_key(h) for h in table.headers]
    width = max(len(table.headers), max((len(r) for r in table.sheet.head), default=0))
    out: dict[str, int | None] = {}
    for name, header in option.items():
        if name not in LISTING_FIELDS:
            raise InputError(
                N_("{file}: unknown field “{field}” in the column mapping."), file=file, field=name
            )
        if header is None or header == "":
            out[name] = None
            continue
        if isinstance(header, int):
            if not 0 <= header < width:
                raise InputError(
                    N_("{file}: there is no column {header} for {field}."),
                    file=file,
                    header=header + 1,
                    field=name,
                )
            out[name] = header
            continue
        key = header_key(header)
        if key and key in keys:
            out[name] = keys.index(key)
            continue
        letter = column_index(header)
        if letter is not None and 0 <= letter - table.sheet.col_offset < width:
            out[name] = letter - table.sheet.col_offset
            continue
        raise InputError(
            N_("{file}: no column named “{header}” for {field}."), file=file, header=header, field=name
        )
    return out


def _no_title(table: Table, file: str) -> InputError:
    col = table.suggested.get("title")
    if col is not None:
        header = (
            table.headers[col] if col < len(table.headers) and table.headers[col] else table.sheet.letter(col)
        )
        return InputError(
            N_(
                "{file}, sheet “{sheet}”: no title column found among the column names. Column "
                "{column} (“{header}”) looks like product titles: choose it in the column mapping, or "
                "add --map title={header}."
            ),
            file=file,
            sheet=table.sheet.name,
            column=table.sheet.letter(col),
            header=header,
        )
    return InputError(
        N_(
            "{file}, sheet “{sheet}”: no title column found (looked for Title, 标题, 商品名称, "
            "Product Name, item_name...). Name the column with --map title=<header>."
        ),
        file=file,
        sheet=table.sheet.name,
    )


def _listing_sheets(tables: list[Table]) -> list[str]:
    return [t.sheet.name for t in tables if t.has_listings and not t.side_sheet]


def preview_catalogue(
    path: Path,
    *,
    sheet_name: str | None = None,
    header_row: int | None = None,
    rows: int = PREVIEW_ROWS,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Preview:
    """The sheet, header, first rows and suggested mapping, without importing the listings.

    `header_row` (1-based; 0 for a table without one) overrides the detected header row.
    """
    path = Path(path)
    prog = Progress(progress, cancelled)
    sheets, tables, table = _load(path, sheet_name, header_row, prog)
    data: list[list[str]] = []
    for i, row in enumerate(table.sheet.rows()):
        if i < table.first_data:
            continue
        if len(data) >= rows:
            break
        data.append([cell_text(v) for v in row])
    mapping = dict(table.mapping)
    mapping.update(table.suggested)
    guessed = tuple(table.guessed) + tuple(table.suggested)
    width = max([len(table.headers)] + [len(r) for r in data])
    prog.finish()
    return Preview(
        path=path,
        sheets=sheets,
        sheet=table.sheet.name,
        listing_sheets=_listing_sheets(tables),
        header_row=table.header_index + 1,
        headers=table.headers,
        columns=[table.sheet.letter(c) for c in range(width)],
        rows=data,
        first_row=table.first_data + 1,
        mapping=dict(sorted(mapping.items(), key=lambda item: item[1])),
        guessed=guessed,
        layout=table.layout.id,
        layout_label=table.layout.label,
        channel=table.layout.channel,
        needs_mapping="title" not in table.mapping,
        warnings=list(table.warnings),
    )


def import_catalogue(
    path: Path,
    *,
    sheet_name: str | None = None,
    mapping_option: MappingOption | None = None,
    header_row: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Catalogue:
    """Every listing of the file.

    `mapping_option`: field -> header name, column letter, or 0-based column index (None drops a field);
    it overrides what the headers say. `header_row` (1-based; 0 for none) overrides the detected header.
    `progress(done, total)` is in thousandths of the whole import; `cancelled()` is checked throughout.
    """
    path = Path(path)
    prog = Progress(progress, cancelled)
    sheets, tables, table = _load(path, sheet_name, header_row, prog)
    mapping = dict(table.mapping)
    guessed = set(table.guessed)
    if mapping_option:
        for name, col in _resolve(table, mapping_option, path.name).items():
            guessed.discard(name)
            if col is None:
                mapping.pop(name, None)
            else:
                mapping[name] = col
    if "title" not in mapping:
        raise _no_title(table, path.name)
    mapping = dict(sorted(mapping.items(), key=lambda item: item[1]))
    catalogue = Catalogue(
        path,
        table.sheet.name,
        table.header_index + 1,
        table.headers,
        mapping,
        [],
        sheets=sheets,
        warnings=list(table.warnings),
        layout=table.layout.id,
        layout_label=table.layout.label,
        channel=table.layout.channel,
        guessed=tuple(n for n in mapping if n in guessed),
        listing_sheets=_listing_sheets(tables),
    )
    if catalogue.guessed:
        catalogue.warnings.append(
            Warning_(
                N_(
                    "Sheet “{sheet}” has no header row; the columns were guessed from their content: {columns}. "
                    "If a guess is wrong, choose the columns yourself (for example --map title=B)."
                ),
                {
                    "sheet": table.sheet.name,
                    "columns": ", ".join(
                        f"{n} = {table.sheet.letter(mapping[n])}" for n in catalogue.guessed
                    ),
                },
            )
        )
    others = [s for s in catalogue.listing_sheets if s != table.sheet.name]
    if others and sheet_name is None:
        catalogue.warnings.append(
            Warning_(
                N_(
                    "Read sheet “{sheet}”. Other sheets that may hold listings: {others}. Choose one to read it "
                    "instead (--sheet NAME)."
                ),
                {"sheet": table.sheet.name, "others": ", ".join(f"“{s}”" for s in others)},
            )
        )
    read_listings(table, catalogue, prog)
    prog.finish()
    if not catalogue.listings:
        raise InputError(
            N_("{file}, sheet “{sheet}”: the sheet has a header but no listings below it."),
            file=path.name,
            sheet=table.sheet.name,
        )
    return catalogue
