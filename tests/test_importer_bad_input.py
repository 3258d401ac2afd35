"""Files that must end in one clear message: never a traceback, never a hang, never a change to the file."""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli import main
from app.io.errors import InputError
from app.io.importer import import_catalogue, preview_catalogue
from tests.import_files import write_encrypted_xlsx, write_ods, write_xlsx, write_zip_bomb


def good_workbook(path: Path) -> Path:
    return write_xlsx(
        path, {"Listings": [["SKU", "Title"]] + [[f"S-{i}", f"Mug number {i}"] for i in range(200)]}
    )


def truncated(path: Path) -> Path:
    data = good_workbook(path.with_name("whole.xlsx")).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def far_stray_value(path: Path) -> Path:
    """A table in A1:B3 and one value typed into the last cell of the sheet, XFD1048576."""
    wb = Workbook()
    ws = wb.active
    ws.append(["SKU", "Title"])
    ws.append(["S-1", "Mug"])
    ws.cell(row=1_048_576, column=16_384, value="x")
    wb.save(path)
    return path


def far_stray_value_without_dimension(path: Path) -> Path:
    """The same, written by a tool that leaves out the <dimension> element, so the used range must be scanned."""
    far_stray_value(path.with_name("with_dimension.xlsx"))
    with zipfile.ZipFile(path.with_name("with_dimension.xlsx")) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = re.sub(rb"<dimension [^>]*/>", b"", sheet)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def far_stray_value_ods(path: Path) -> Path:
    """An OpenDocument sheet with a value 16,000 columns to the right of its table."""
    write_ods(path, "Produkte", [["SKU", "Title"], ["S-1", "Mug"]])
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    far = (
        b'<table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell '
        b'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>'
    )
    parts["content.xml"] = parts["content.xml"].replace(b"</table:table>", far)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


def with_bytes(data: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


CASES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("locked.xlsx", write_encrypted_xlsx, "password-protected"),
    ("locked.xls", write_encrypted_xlsx, "password-protected"),
    ("corrupt.xlsx", with_bytes(os.urandom(4096)), "damaged or is not really a spreadsheet"),
    ("corrupt.ods", with_bytes(b"PK\x03\x04" + os.urandom(4096)), "damaged or is not really a spreadsheet"),
    ("truncated.xlsx", truncated, "damaged or is not really a spreadsheet"),
    ("empty.csv", with_bytes(b""), "the file is empty (0 bytes)"),
    ("empty.xlsx", with_bytes(b""), "the file is empty (0 bytes)"),
    (
        "photo.csv",
        with_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(300)),
        "binary file, not a text spreadsheet",
    ),
    (
        "manual.xlsx",
        with_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n"),
        "damaged or is not really a spreadsheet",
    ),
    (
        "report.xls",
        with_bytes(b"<html><body><table><tr><td>Title</td></tr></table></body></html>"),
        "web page or XML saved with a spreadsheet name",
    ),
    ("huge.csv", lambda p: sparse(p, 201 * 1024 * 1024), "files over 200 MB are not read"),
    ("bomb.xlsx", write_zip_bomb, "zip bomb"),
    ("stray.xlsx", far_stray_value, "reaches cell XFD1048576"),
    ("stray_nodim.xlsx", far_stray_value_without_dimension, "reaches cell XFD1048576"),
    ("stray.ods", far_stray_value_ods, "a sheet is too large to read"),
    ("blank.xlsx", lambda p: write_xlsx(p, {"Sheet1": []}), "no data"),
    ("notitle.xlsx", lambda p: write_xlsx(p, {"S": [["SKU", "Price"], ["1", "2"]]}), "no title column"),
    ("header_only.csv", with_bytes(b"SKU,Title,Brand\r\n"), "has a header but no listings"),
]


def _fingerprint(path: Path) -> tuple[str, int, int]:
    """Content hash (of the first and last 8 MB for huge files), size and modification time."""
    size = path.stat().st_size
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        digest.update(fh.read(8 * 1024 * 1024))
        if size > 16 * 1024 * 1024:
            fh.seek(-8 * 1024 * 1024, os.SEEK_END)
        digest.update(fh.read())
    return digest.hexdigest(), size, path.stat().st_mtime_ns


@pytest.mark.parametrize(("name", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_ends_in_one_clear_message(
    tmp_path: Path, name: str, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path / name)
    before = _fingerprint(path)
    with pytest.raises(InputError) as info:
        import_catalogue(path)
    assert message in str(info.value) and path.name in str(info.value)
    assert info.value.message("zh_CN") != str(info.value)  # translated
    if message in ("no title column", "has a header but no listings"):
        assert preview_catalogue(path).sheet  # the file reads; a mapping dialog can show what is there
    else:
        with pytest.raises(InputError):
            preview_catalogue(path)
    assert _fingerprint(path) == before


@pytest.mark.parametrize("name", ["locked.xlsx", "truncated.xlsx", "bomb.xlsx", "stray.xlsx", "photo.csv"])
def test_cli_says_one_line_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    make = next(m for n, m, _ in CASES if n == name)
    path = make(tmp_path / name)
    assert main(["check", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: " + path.name), err


def test_good_file_is_not_modified(tmp_path: Path) -> None:
    path = good_workbook(tmp_path / "good.xlsx")
    before = _fingerprint(path)
    os.chmod(path, 0o444)  # the importer never needs write access
    assert len(import_catalogue(path).listings) == 200
    assert _fingerprint(path) == before


def test_unknown_sheet_and_bad_mapping_name_the_problem(tmp_path: Path) -> None:
    path = good_workbook(tmp_path / "good.xlsx")
    with pytest.raises(InputError, match="no sheet named “Nope”"):
        import_catalogue(path, sheet_name="Nope")
    with pytest.raises(InputError, match="unknown field “colour”"):
        import_catalogue(path, mapping_option={"colour": "Title"})
    with pytest.raises(InputError, match="no column named “Marke” for brand"):
        import_catalogue(path, mapping_option={"brand": "Marke"})
    with pytest.raises(InputError, match="no column 9 for brand"):
        import_catalogue(path, mapping_option={"brand": 8})
