"""Opening a seller's file: checks first, then workbooks through python-calamine, text through `textfile`.

Before any parser sees a file we refuse what would hurt: missing, empty or
over-size files, files that are not spreadsheets whatever their name, encrypted
workbooks, zip bombs, and sheets whose used range would make the parser
allocate gigabytes (one stray value in cell XFD1048576). A reader hands out
sheets of rows; finding the header and mapping columns is `importer`'s job.
The seller's file is only ever opened for reading.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineSheet, CalamineWorkbook, SheetVisibleEnum

from app.core.i18n import N_
from app.io.cells import cell_text
from app.io.columns import column_letter
from app.io.errors import ImportCancelled, InputError
from app.io.progress import Progress
from app.io.textfile import TextTable

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
SUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES | TEXT_SUFFIXES
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNZIPPED_BYTES = 2 * 1024 * 1024 * 1024
# A part that inflates more than this many times and past BOMB_MIN_BYTES is a zip bomb, not a catalogue
# (real sheets compress 5-20 times; a sheet of identical empty styled cells perhaps 60).
BOMB_RATIO = 100
BOMB_MIN_BYTES = 100 * 1024 * 1024
# calamine allocates one 32-byte slot per cell of the used range: 20 million cells is 640 MB.
MAX_SHEET_CELLS = 20_000_000
HEAD_ROWS = 30
# Rough speed of calamine, for the progress estimate only.
XML_BYTES_PER_SECOND = 50 * 1024 * 1024
SHARED_STRINGS_BYTES_PER_SECOND = 160 * 1024 * 1024

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_ENCRYPTED = N_(
    "{file}: the workbook is password-protected or encrypted; open it in Excel, save an unprotected "
    "copy and import that."
)
_DAMAGED = N_("{file}: the file is damaged or is not really a spreadsheet ({detail}).")


@dataclass(slots=True)
class LoadedSheet:
    """One parsed sheet: a head of text rows for finding the table, and every row on demand."""

    name: str
    head: list[list[str]]
    source: CalamineSheet | TextTable | None  # None once released
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    col_offset: int = 0  # the sheet's first used column (rows start there); letters count from A
    height: int = 0  # rows, when known before reading them (workbooks)

    def rows(self) -> Iterator[list[object]]:
        """Every row from row 1; cells are calamine values (workbooks) or strings (text files)."""
        if isinstance(self.source, TextTable):
            return self.source.records()  # type: ignore[return-value]
        if self.source is None:
            raise RuntimeError(f"sheet {self.name} was released")
        return self.source.iter_rows()

    def release(self) -> None:
        """Drop the parsed rows (a sheet that was not chosen); the head stays for the sheet list."""
        self.source = None

    @property
    def text(self) -> TextTable | None:
        return self.source if isinstance(self.source, TextTable) else None

    def letter(self, col: int) -> str:
        return column_letter(col + self.col_offset)


def check_file(path: Path) -> str:
    """'zip', 'ole' or 'text': what the file really is, or InputError when it is nothing we read."""
    if not path.exists():
        raise InputError(N_("{file}: file not found."), file=str(path))
    if path.is_dir():
        raise InputError(N_("{file}: this is a folder, not a spreadsheet."), file=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputError(N_("{file}: the file is empty (0 bytes)."), file=path.name)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            N_("{file}: not a spreadsheet we can read (use .xlsx, .xlsm, .xls, .ods, .csv, .tsv or .txt)."),
            file=path.name,
        )
    if size > MAX_FILE_BYTES:
        raise InputError(
            N_("{file}: the file is {size} MB; files over 200 MB are not read. Split it into smaller files."),
            file=path.name,
            size=size // (1024 * 1024),
        )
    with path.open("rb") as fh:
        head = fh.read(512)
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if suffix in WORKBOOK_SUFFIXES:
        if suffix == ".xls" and not head.lstrip().startswith(b"<"):
            return "text"  # many shop systems export tab-separated text named .xls
        if head.lstrip()[:1] == b"<":
            raise InputError(
                N_(
                    "{file}: this is a web page or XML saved with a spreadsheet name; open it in Excel "
                    "and save it as .xlsx."
                ),
                file=path.name,
            )
        raise InputError(_DAMAGED, file=path.name, detail="not a workbook")
    return "text"


def _is_encrypted_ole(path: Path) -> bool:
    """An OLE compound file holding an `EncryptedPackage` stream is a password-protected .xlsx."""
    with path.open("rb") as fh:
        tail = b""
        while chunk := fh.read(1024 * 1024):
            if _ENCRYPTED_STREAM in tail + chunk:
                return True
            tail = chunk[-64:]
    return False


def _xlsx_sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet part inside an .xlsx/.xlsm."""
    try:
        book = zf.read("xl/workbook.xml")[: 4 * 1024 * 1024].decode("utf-8", errors="replace")
        rels = zf.read("xl/_rels/workbook.xml.rels")[: 4 * 1024 * 1024].decode("utf-8", errors="replace")
    except KeyError:
        return {}
    targets: dict[str, str] = {}
    for rel in re.finditer(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        rid = re.search(r'\bId="([^"]*)"', rel.group())
        target = re.search(r'\bTarget="([^"]*)"', rel.group())
        if rid and target:
            path = target.group(1)
            targets[rid.group(1)] = path.lstrip("/") if path.startswith("/") else "xl/" + path
    parts: dict[str, str] = {}
    for sheet in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", book):
        name = re.search(r'\bname="([^"]*)"', sheet.group())
        rid = re.search(r'\b\w+:id="([^"]*)"', sheet.group())
        if name and rid and rid.group(1) in targets:
            parts[html.unescape(name.group(1))] = targets[rid.group(1)]
    return parts


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
_VALUED_CELL = re.compile(rb'<(?:\w+:)?c\s+r="([A-Z]{1,3})(\d+)"(?:[^>/]|/(?!>))*>')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _used_extent(zf: zipfile.ZipFile, part: str) -> tuple[int, int, int, int] | None:
    """(first row, last row, first col, last col) of the cells that hold something, scanning the XML."""
    lo_r = lo_c = 1 << 30
    hi_r = hi_c = 0
    with zf.open(part) as fh:
        carry = b""
        while chunk := fh.read(4 * 1024 * 1024):
            buf = carry + chunk
            cut = buf.rfind(b"<")
            carry, buf = buf[cut:], buf[:cut]
            for m in _VALUED_CELL.finditer(buf):
                c, r = _col_number(m.group(1)), int(m.group(2))
                lo_r, hi_r, lo_c, hi_c = min(lo_r, r), max(hi_r, r), min(lo_c, c), max(hi_c, c)
    return (lo_r, hi_r, lo_c, hi_c) if hi_r else None


def _check_sheet_extent(zf: zipfile.ZipFile, part: str, sheet: str, file: str) -> None:
    """Refuse a sheet whose used range is so large that reading it would exhaust memory."""
    with zf.open(part) as fh:
        start = fh.read(64 * 1024)
    dim = _DIMENSION.search(start)
    if dim and dim.group(3):
        rows = int(dim.group(4)) - int(dim.group(2)) + 1
        cols = _col_number(dim.group(3)) - _col_number(dim.group(1)) + 1
        if rows * cols <= MAX_SHEET_CELLS:
            return
    # No dimension, a placeholder one, or a huge one (formatting alone can stretch it): look at the real cells.
    extent = _used_extent(zf, part)
    if extent is None:
        return
    lo_r, hi_r, lo_c, hi_c = extent
    if (hi_r - lo_r + 1) * (hi_c - lo_c + 1) > MAX_SHEET_CELLS:
        raise InputError(
            N_(
                "{file}, sheet “{sheet}”: the used area reaches cell {cell} ({rows} rows × {cols} "
                "columns), too large to read. Delete stray content far below or to the right of the "
                "table, save, and import again."
            ),
            file=file,
            sheet=sheet,
            cell=f"{column_letter(hi_c - 1)}{hi_r}",
            rows=hi_r - lo_r + 1,
            cols=hi_c - lo_c + 1,
        )


class Workbook:
    """A workbook checked (zip, size, encryption, used ranges) and then opened through calamine."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.parts: dict[str, str] = {}
        self.part_sizes: dict[str, int] = {}
        self.shared_strings = 0
        if kind == "ole" and (path.suffix.lower() in (".xlsx", ".xlsm", ".xlsb") or _is_encrypted_ole(path)):
            raise InputError(_ENCRYPTED, file=path.name)
        if kind == "zip":
            self._check_zip()
        self.sheet_names: list[str] = []
        self.visible: list[str] = []
        self._book: CalamineWorkbook | None = None

    def _check_zip(self) -> None:
        name = self.path.name
        try:
            with zipfile.ZipFile(self.path) as zf:
                infos = zf.infolist()
                total = sum(i.file_size for i in infos)
                for info in infos:
                    ratio = info.file_size / max(1, info.compress_size)
                    if info.file_size > BOMB_MIN_BYTES and ratio > BOMB_RATIO:
                        raise InputError(
                            N_(
                                "{file}: the workbook would unpack to {size} MB from a few MB (a “zip "
                                "bomb”); it was not opened."
                            ),
                            file=name,
                            size=total // (1024 * 1024),
                        )
                if total > MAX_UNZIPPED_BYTES:
                    raise InputError(
                        N_(
                            "{file}: the workbook would unpack to {size} MB, far more than a catalogue "
                            "needs; it was not opened."
                        ),
                        file=name,
                        size=total // (1024 * 1024),
                    )
                names = {i.filename for i in infos}
                if "EncryptedPackage" in names:
                    raise InputError(_ENCRYPTED, file=name)
                if "xl/workbook.xml" in names:
                    self.parts = _xlsx_sheet_parts(zf)
                    for sheet, part in self.parts.items():
                        if part in names:
                            self.part_sizes[sheet] = zf.getinfo(part).file_size
                            _check_sheet_extent(zf, part, sheet, name)
                    if "xl/sharedStrings.xml" in names:
                        self.shared_strings = zf.getinfo("xl/sharedStrings.xml").file_size
                elif not ({"content.xml", "xl/workbook.bin"} & names):
                    raise InputError(_DAMAGED, file=name, detail="no workbook inside the zip")
        except zipfile.BadZipFile as exc:
            raise InputError(_DAMAGED, file=name, detail=str(exc)) from None
        except (OSError, EOFError, zipfile.LargeZipFile, NotImplementedError) as exc:
            raise InputError(_DAMAGED, file=name, detail=str(exc)[:120]) from None

    def open_seconds(self) -> float:
        """Expected time to open: calamine reads the shared strings of an .xlsx, or all of an .xls/.ods."""
        if self.parts:
            return self.shared_strings / SHARED_STRINGS_BYTES_PER_SECOND
        return self.path.stat().st_size * 6 / XML_BYTES_PER_SECOND

    def load_seconds(self) -> float:
        """Expected time to parse every sheet (for sharing out the progress bar)."""
        if self.part_sizes:
            return sum(self.part_sizes.values()) / XML_BYTES_PER_SECOND
        return 0.01

    def open(self, progress: Progress, until: float) -> None:
        try:
            self._book = progress.wait_for(
                lambda: CalamineWorkbook.from_path(str(self.path)), self.open_seconds(), until
            )
            metadata = self._book.sheets_metadata
        except (InputError, ImportCancelled, KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - calamine errors; a Rust panic is a BaseException
            raise _translate(exc, self.path.name) from None
        self.sheet_names = [m.name for m in metadata]
        self.visible = [m.name for m in metadata if m.visible == SheetVisibleEnum.Visible] or self.sheet_names

    def expected_seconds(self, sheet: str) -> float:
        """Expected time to parse one sheet."""
        size = self.part_sizes.get(sheet)
        return (size if size is not None else 64 * 1024) / XML_BYTES_PER_SECOND

    def load(self, name: str, progress: Progress, until: float) -> LoadedSheet:
        """Parse one sheet (one native call, cancellable from `progress`)."""
        book = self._book
        assert book is not None, "open() first"
        try:
            sheet = progress.wait_for(
                lambda: book.get_sheet_by_name(name), self.expected_seconds(name), until
            )
            head: list[list[str]] = []
            for i, row in enumerate(sheet.iter_rows()):
                if i >= HEAD_ROWS:
                    break
                head.append([cell_text(v) for v in row])
            start = sheet.start
            merged = sheet.merged_cell_ranges or []
        except (InputError, ImportCancelled, KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - calamine errors; a Rust panic is a BaseException
            raise _translate(exc, self.path.name) from None
        col_offset = start[1] if start else 0
        return LoadedSheet(name, head, sheet, merged, col_offset, sheet.height + (start[0] if start else 0))

    def close(self) -> None:
        """Free the workbook (its shared strings); sheets already parsed keep their cells."""
        if self._book is not None:
            self._book.close()
            self._book = None


def _translate(exc: BaseException, file: str) -> InputError:
    text = str(exc)
    if "password" in text.lower() or "encrypt" in text.lower() or type(exc).__name__ == "PasswordError":
        return InputError(_ENCRYPTED, file=file)
    if isinstance(exc, MemoryError) or "cell limit" in text.lower():
        return InputError(
            N_(
                "{file}: a sheet is too large to read ({detail}). If it has stray content far below or "
                "to the right of the table, delete it, save, and import again."
            ),
            file=file,
            detail=text[:120] or type(exc).__name__,
        )
    return InputError(_DAMAGED, file=file, detail=(text or type(exc).__name__)[:120])


def open_text(path: Path) -> LoadedSheet:
    """A text file as a one-sheet table; the head is read now, the rest streams."""
    table = TextTable(path)
    head: list[list[str]] = []
    for record in table.records():
        head.append([c.strip() for c in record])
        if len(head) >= HEAD_ROWS:
            break
    table.restart()
    return LoadedSheet(path.stem, head, table)


@dataclass(slots=True)
class Sheet:
    """A small sheet read whole, as text."""

    name: str
    rows: list[list[str]]


def read_sheets(path: Path) -> list[Sheet]:
    """Every visible sheet of a small file (a seller's brand list, a list of marks) as rows of text.

    Catalogues go through `importer` instead, which streams; this reads everything at once.
    """
    kind = check_file(path)
    if kind == "text":
        text = open_text(path)
        return [Sheet(text.name, [[cell_text(v).strip() if not isinstance(v, str) else v.strip() for v in row]
                                  for row in text.rows()])]
    workbook = Workbook(path, kind)
    progress = Progress()
    try:
        workbook.open(progress, 0.5)
        sheets = []
        for name in workbook.visible:
            loaded = workbook.load(name, progress, 1.0)
            sheets.append(Sheet(name, [[cell_text(v) for v in row] for row in loaded.rows()]))
        return sheets
    finally:
        workbook.close()
