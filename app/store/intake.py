"""Reading a seller's file for the workspace: a preview to choose the sheet and columns, then the import.

The only module that calls the importer (app/io/importer.py), so a change of
the importer's API touches this file alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.i18n import N_
from app.io.errors import InputError
from app.io.importer import Catalogue, import_catalogue, preview_catalogue
from app.io.importer import Preview as SheetPreview
from app.io.readers import read_sheets

PREVIEW_ROWS = 30


@dataclass(slots=True)
class Preview:
    """The first rows of the chosen sheet and the columns recognised in its header."""

    path: Path
    sheets: list[str]
    sheet: str
    header_row: int  # 1-based
    headers: list[str]
    mapping: dict[str, int]  # field -> column, as recognised
    rows: list[list[str]]
    total_rows: int
    skus: list[str]  # every value of the recognised SKU column: tells which catalogue this file updates

    def header_mapping(self) -> dict[str, str]:
        """The recognised mapping as {field: header text}, the form the seller edits and we remember."""
        return {name: self.headers[col] for name, col in self.mapping.items() if col < len(self.headers)}


@dataclass(slots=True)
class ImportChoice:
    """What the seller chose in the import dialog; mapping None means 'as recognised'."""

    path: Path
    sheet: str | None = None
    mapping: dict[str, str] | None = None  # field -> header text
    name: str = ""  # the catalogue's name in the workspace; the file name when empty


def _preview(sheet: SheetPreview, all_rows: list[list[str]]) -> Preview:
    """Our preview of one sheet: the importer's suggestion, plus the row count and SKUs of the whole sheet."""
    data = [r for r in all_rows[sheet.header_row:] if any(r)]
    # Under named columns the seller confirms what was only guessed from content; without a header row
    # the guess is all there is.
    mapping = {f: c for f, c in sheet.mapping.items() if not sheet.header_row or f not in sheet.guessed}
    col = mapping.get("sku", -1)
    skus = [r[col].strip() for r in data if 0 <= col < len(r) and r[col].strip()]
    return Preview(sheet.path, sheet.sheets, sheet.sheet, sheet.header_row, list(sheet.headers), mapping,
                   sheet.rows, len(data), skus)


def preview_sheets(path: Path, rows: int = PREVIEW_ROWS) -> tuple[list[Preview], int]:
    """A preview of every sheet and which one looks like the listings."""
    best = preview_catalogue(path, rows=rows)
    whole = {s.name: s.rows for s in read_sheets(path)}
    previews = []
    for name in best.sheets:
        if not any(any(c for c in row) for row in whole.get(name, [])):
            continue
        sheet = best if name == best.sheet else preview_catalogue(path, sheet_name=name, rows=rows)
        previews.append(_preview(sheet, whole.get(name, [])))
    if not previews:
        raise InputError(N_("{file}: the file has no data (every sheet is empty)."), file=path.name)
    return previews, next((i for i, p in enumerate(previews) if p.sheet == best.sheet), 0)


def preview_file(path: Path, sheet: str | None = None, rows: int = PREVIEW_ROWS) -> Preview:
    """The preview of one sheet (by name), or of the sheet that looks like the listings."""
    previews, best = preview_sheets(path, rows)
    chosen = next((p for p in previews if p.sheet == sheet), None) if sheet else None
    return chosen or previews[best]


def read_catalogue(choice: ImportChoice, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> Catalogue:
    """Import with the seller's sheet and mapping; columns they set to 'not used' are left out."""
    catalogue = import_catalogue(choice.path, sheet_name=choice.sheet, mapping_option=choice.mapping or None,
                                 progress=progress, cancelled=cancelled)
    if choice.mapping is not None:
        unwanted = set(catalogue.mapping) - set(choice.mapping)
        for name in unwanted:
            del catalogue.mapping[name]
        if unwanted:
            for listing in catalogue.listings:
                for name in unwanted:
                    listing.fields.pop(name, None)
                    listing.plain.pop(name, None)
                if "market" in unwanted:
                    listing.markets = ()
    return catalogue


def file_digest(path: Path) -> tuple[str, int]:
    """sha256 and size of the file as it was imported: tells an unchanged re-import from an update."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size
