"""Raw tables out of files: workbooks through python-calamine, text files through csv.

A reader returns sheets of rows of cell text, nothing more; finding the header
and mapping columns is `importer`'s job. The seller's file is only ever opened
for reading.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes
from python_calamine import CalamineWorkbook

from app.core.i18n import N_
from app.io.cells import cell_text
from app.io.errors import InputError

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
SUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES | TEXT_SUFFIXES
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200


@dataclass(slots=True)
class Sheet:
    name: str
    rows: list[list[str]]


def check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(N_("{file}: file not found."), file=str(path))
    if path.is_dir():
        raise InputError(N_("{file}: this is a folder, not a spreadsheet."), file=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputError(N_("{file}: the file is empty (0 bytes)."), file=path.name)
    if size > MAX_FILE_BYTES:
        raise InputError(N_("{file}: the file is {size} MB; files over 200 MB are not read. Split it into smaller files."),
                         file=path.name, size=size // (1024 * 1024))
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(N_("{file}: not a spreadsheet we can read (use .xlsx, .xlsm, .xls, .ods, .csv, .tsv or .txt)."),
                         file=path.name)


def _check_zip(path: Path) -> None:
    """Refuse archives that inflate to absurd sizes (zip bombs) before any reader opens them."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
            packed = max(1, sum(info.compress_size for info in zf.infolist()))
    except zipfile.BadZipFile:
        with path.open("rb") as fh:
            head = fh.read(8)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError(N_("{file}: the workbook is password-protected or encrypted; save an unprotected copy "
                                "and import that."), file=path.name) from None
        raise InputError(N_("{file}: the file is damaged or is not really an Excel workbook."), file=path.name) from None
    if total > MAX_UNZIPPED_BYTES or total / packed > MAX_ZIP_RATIO:
        raise InputError(N_("{file}: the workbook would unpack to {size} MB, far more than a catalogue needs; it "
                            "was not opened."), file=path.name, size=total // (1024 * 1024))


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a file as rows of text."""
    check_file(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return [Sheet(path.stem, list(read_text_rows(path)))]
    if suffix in {".xlsx", ".xlsm", ".xlsb", ".ods"}:
        _check_zip(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in workbook.sheet_names:
            data = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheets.append(Sheet(name, [[cell_text(v) for v in row] for row in data]))
        return sheets
    except InputError:
        raise
    except Exception as exc:  # calamine raises several types for damaged files
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            raise InputError(N_("{file}: the workbook is password-protected or encrypted; save an unprotected copy "
                                "and import that."), file=path.name) from None
        raise InputError(N_("{file}: the file is damaged or is not really a spreadsheet ({detail})."),
                         file=path.name, detail=str(exc)[:120]) from None


def decode_text(data: bytes, name: str) -> str:
    """Text of a CSV whatever encoding Excel or an ERP saved it in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:2_000_000], cp_isolation=["gb18030", "big5", "cp1252", "utf_16", "shift_jis", "euc_kr",
                                                       "latin_1"]).best()
    if best is None:
        raise InputError(N_("{file}: the text encoding could not be recognised; save it as UTF-8 CSV."), file=name)
    encoding = "gb18030" if best.encoding in ("gbk", "gb2312") else best.encoding
    return data.decode(encoding, errors="replace")


def sniff_delimiter(sample: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in ",;\t|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def read_text_rows(path: Path) -> Iterator[list[str]]:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(N_("{file}: this is a binary file, not a text spreadsheet."), file=path.name)
    text = decode_text(data, path.name)
    delimiter = sniff_delimiter(text[:20000], path.suffix.lower())
    csv.field_size_limit(16 * 1024 * 1024)
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [cell.strip() for cell in row]
