"""Reports from the sample catalogue in every format and both languages, read back the way their users read them."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from app.core.i18n import translator
from app.core.models import ListingResult
from app.core.report import build_report
from app.io.columns import field_for_header
from app.io.importer import import_catalogue
from app.io.reports import FORMATS, ExportCancelled, write_report
from app.io.reports.labels import CATALOGUE_HEADERS
from tests.conftest import ROOT, SAMPLE
from tests.report_samples import GENERATED, VERSIONS, sample_results

SCHEMA = json.loads((ROOT / "resources" / "schemas" / "compliance-report-1.schema.json").read_text(encoding="utf-8"))


def validate(report: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(
        report)


@pytest.fixture(scope="module")
def results(checker) -> list[ListingResult]:
    return sample_results(checker)


def report_for(results: list[ListingResult], lang: str = "en", **kw: Any) -> dict[str, Any]:
    return build_report(results, markets=("US", "EU"), versions=VERSIONS, lang=lang, generated_at=GENERATED, **kw)


@pytest.fixture(scope="module")
def report(results) -> dict[str, Any]:
    return report_for(results)


def by_sku(report: dict[str, Any], sku: str) -> dict[str, Any]:
    return next(item for item in report["listings"] if item["sku"] == sku)


# -- the report dict -----------------------------------------------------------------------------------------

def test_report_carries_fields_decisions_and_breakdowns(results, report) -> None:
    validate(report)
    assert report["summary"]["listings"] == report["summary"]["included"] == 45
    for result, item in zip(results, report["listings"], strict=True):
        assert item["fields"] == result.listing.fields
        for f in item["findings"]:  # offsets point into the imported field text
            if f["end"] > f["start"]:
                assert item["fields"][f["field"]][f["start"]:f["end"]] == f["matched"]
    nike = by_sku(report, "SS-1002")
    assert nike["findings"][0]["decision"] == {"state": "false_alarm", "by": "Li Wei",
                                               "at": "2026-11-20T10:15:00+08:00", "note": "our own brand"}
    assert nike["findings"][1]["decision"] is None and nike["open_risk"] == "high"
    findings = report["summary"]["findings"]
    total = sum(len(item["findings"]) for item in report["listings"])
    assert findings["total"] == total and findings["reviewed"] == 1 and findings["open"] == total - 1
    for key in ("by_topic", "by_market", "by_severity"):
        assert sum(findings[key].values()) == total, key
    assert findings["by_mark"]["Labubu"] >= 2 and list(findings["by_mark"].values()) == sorted(
        findings["by_mark"].values(), reverse=True)
    assert report["summary"]["checklist"]["done"] == 1


def test_only_open_keeps_what_nobody_reviewed(results, report) -> None:
    only = report_for(results, only_open=True)
    validate(only)
    assert only["only_open"] is True and only["summary"]["listings"] == 45
    kept = only["listings"]
    assert 0 < len(kept) == only["summary"]["included"] < 45
    assert all(item["findings"] or item["checklist"] for item in kept)
    assert not any(f["decision"] for item in kept for f in item["findings"])
    assert not any(c["decision"] for item in kept for c in item["checklist"])
    assert len(by_sku(only, "SS-1002")["findings"]) == len(by_sku(report, "SS-1002")["findings"]) - 1
    assert only["summary"]["findings"]["total"] == report["summary"]["findings"]["total"]
    assert sum(only["summary"]["findings"]["by_topic"].values()) == report["summary"]["findings"]["open"]


def test_catalogue_headers_are_ones_the_importer_knows() -> None:
    for lang in ("en", "zh_CN"):
        t = translator(lang)
        for name, text in CATALOGUE_HEADERS.items():
            assert field_for_header(t(text)) == name, (lang, t(text))


# -- JSON -----------------------------------------------------------------------------------------------------

def test_json_is_the_contract(tmp_path: Path, report) -> None:
    out = tmp_path / "r.json"
    assert write_report(report, out) == "json"
    assert json.loads(out.read_text(encoding="utf-8")) == report
    empty = report_for([])
    write_report(empty, tmp_path / "e.json")
    assert json.loads((tmp_path / "e.json").read_text(encoding="utf-8")) == empty


# -- CSV ------------------------------------------------------------------------------------------------------

def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(keepends=True)))


def test_csv_rows_findings_checklist_and_clean_listings(tmp_path: Path, report) -> None:
    write_report(report, tmp_path / "r.csv")
    header, *rows = read_csv(tmp_path / "r.csv")
    assert header[:6] == ["File", "Sheet", "Row", "SKU", "Title", "Listing risk"]
    col = {name: i for i, name in enumerate(header)}
    findings = [r for r in rows if r[col["Severity"]]]
    checklist = [r for r in rows if r[col["Topic"]] == "Checklist"]
    assert len(findings) == report["summary"]["findings"]["total"]
    assert len(checklist) == report["summary"]["checklist"]["total"]
    assert {r[col["SKU"]] for r in rows} == {item["sku"] for item in report["listings"]}
    nike = [r for r in findings if r[col["SKU"]] == "SS-1002"]
    assert nike[0][col["Review"]] == "False alarm, marked by Li Wei on 2026-11-20: our own brand"
    assert nike[0][col["Evidence"]] == "«Nike» Air Style Running Shoes Men Breathable Sneakers"
    assert nike[1][col["Review"]] == "Open"
    assert any(r[col["Review"]] == "Done, marked by Wang Fang on 2026-11-21" for r in checklist)


def test_csv_in_chinese(tmp_path: Path, results) -> None:
    write_report(report_for(results, "zh_CN"), tmp_path / "r.csv")
    header, *rows = read_csv(tmp_path / "r.csv")
    assert header[:4] == ["文件", "工作表", "行", "SKU"] and "原文证据" in header
    row = next(r for r in rows if r[3] == "SS-1003" and r[header.index("严重程度")])
    assert row[header.index("原文证据")] == "2024新款«耐克»同款运动鞋男透气跑步鞋"
    assert row[header.index("审核")] == "待处理"


# -- Excel ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def xlsx_path(tmp_path_factory: pytest.TempPathFactory, report) -> Path:
    out = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    assert write_report(report, out) == "xlsx"
    return out


def test_xlsx_sheets_and_summary(xlsx_path: Path, report) -> None:
    wb = load_workbook(xlsx_path, rich_text=True)
    assert wb.sheetnames == ["Summary", "Findings", "Checklist", "Catalogue"]
    summary = {row[0]: row[1:] for row in wb["Summary"].iter_rows(values_only=True) if row and row[0]}
    assert summary["High risk"][0] == report["summary"]["high"]
    assert summary["Listings checked"][0] == 45
    assert summary["Markets"][0] == "US, EU" and summary["Rule data"][0] == "rules-test-1"
    assert summary["Generated"][0] == "2026-11-23 09:30 UTC" and summary["App version"][0] == report["app_version"]
    assert summary["Trademark"][0] == "Findings" and summary["Labubu"][0] >= 2
    assert summary["Reviewed findings"][0] == 1
    with zipfile.ZipFile(xlsx_path) as z:
        names = z.namelist()
        chart = z.read("xl/charts/chart1.xml").decode()
    assert {"xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/drawings/drawing1.xml"} <= set(names)
    assert "Listings by risk" in chart and "'Summary'!$B$" in chart


def test_xlsx_findings_sheet(xlsx_path: Path, report) -> None:
    ws = load_workbook(xlsx_path, rich_text=True)["Findings"]
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    col = {name: i for i, name in enumerate(header)}
    assert len(rows) - 1 == report["summary"]["findings"]["total"]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:T{len(rows)}"
    assert ws.column_dimensions["I"].width == 50 and rows[0][0].font.b
    expected = [(item, f) for item in report["listings"] for f in item["findings"]]
    for row, (item, f) in zip(rows[1:], expected, strict=True):
        assert row[col["SKU"]].value == item["sku"] and (row[col["Matched text"]].value or "") == f["matched"]
        evidence = row[col["Evidence"]].value
        if f["end"] > f["start"]:  # the matched characters, in bold red, inside the field's own text
            assert isinstance(evidence, CellRichText)
            bold = [b.text for b in evidence if isinstance(b, TextBlock) and b.font.b]
            assert bold == [f["matched"]] and bold[0] in str(evidence)
            assert str(evidence) in item["fields"][f["field"]]
        severity = row[col["Severity"]]
        if f["severity"] == "high":
            assert severity.value == "High" and severity.fill.fgColor.rgb == "FFF8D7DA"
        source = row[col["Source"]]
        if source.hyperlink is not None:
            assert source.hyperlink.target.startswith(("https://", "http://"))
    links = [r[col["Source"]].hyperlink for r in rows[1:]]
    assert sum(link is not None for link in links) == len(expected)
    assert rows[1][col["Review"]].value == "False alarm, marked by Li Wei on 2026-11-20: our own brand"
    assert rows[1][col["Source"]].value == "nike.com"


def test_xlsx_checklist_sheet(xlsx_path: Path, report) -> None:
    rows = list(load_workbook(xlsx_path)["Checklist"].iter_rows(values_only=True))
    assert rows[0][:4] == ("SKU", "Title", "Market", "Requirement")
    assert len(rows) - 1 == report["summary"]["checklist"]["total"]
    assert ("Done, marked by Wang Fang on 2026-11-21") in [r[6] for r in rows[1:]]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_catalogue_sheet_fixes_in_place_and_reimports(tmp_path: Path, results, lang: str) -> None:
    report = report_for(results, lang)
    out = tmp_path / "report.xlsx"
    write_report(report, out)
    t = translator(lang)
    again = import_catalogue(out)  # the importer finds the catalogue sheet on its own
    assert again.sheet == t("Catalogue")
    assert [listing.fields for listing in again.listings] == [
        {name: value for name, value in item["fields"].items()} for item in report["listings"]]
    ws = load_workbook(out, rich_text=True)[t("Catalogue")]
    header = [c.value for c in ws[1]]
    assert header[:5] == [t("Risk"), t("Findings"), t("Open"), t("Top issue"), t("Suggestion")]
    row = next(r for r in ws.iter_rows(min_row=2) if r[header.index("SKU")].value == "SS-1004")
    item = by_sku(report, "SS-1004")
    assert row[0].value == t("High") and row[1].value == len(item["findings"])
    assert row[4].value == item["findings"][0]["suggestion"]
    title = row[header.index(t("Title"))].value
    assert isinstance(title, CellRichText) and str(title) == item["fields"]["title"]
    assert [b.text for b in title if isinstance(b, TextBlock) and b.font.b] == ["Labubu"]


def test_xlsx_continues_on_a_new_sheet_when_one_is_full(tmp_path: Path, report,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.io.reports import xlsx

    monkeypatch.setattr(xlsx, "ROWS_PER_SHEET", 10)
    write_report(report, tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    parts = [name for name in wb.sheetnames if name.startswith("Findings")]
    assert parts[:2] == ["Findings", "Findings (2)"]
    rows = [r for name in parts for r in wb[name].iter_rows(min_row=2, values_only=True)]
    assert len(rows) == report["summary"]["findings"]["total"]
    assert all(wb[name]["A1"].value == "SKU" for name in parts)


def test_xlsx_stops_linking_at_excels_limit(tmp_path: Path, report, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.io.reports import sheetml

    monkeypatch.setattr(sheetml, "MAX_LINKS_PER_SHEET", 5)
    write_report(report, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx")["Findings"]
    sources = [row[15] for row in ws.iter_rows(min_row=2)]
    assert [c.hyperlink is not None for c in sources] == [True] * 5 + [False] * (len(sources) - 5)
    assert all(c.value for c in sources)  # the source is still there, as text


def test_xlsx_survives_what_excel_refuses(tmp_path: Path, results) -> None:
    """Control characters, texts past Excel's cell limit and odd sheet names still give a valid workbook."""
    report = report_for(results[:2])
    item = report["listings"][0]
    item["fields"]["title"] = "bad\x00\x07\x1b text \ud800 end"
    item["fields"]["description"] = "x" * 40_000
    write_report(report, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx")["Catalogue"]
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("Title") + 1).value == "bad text  end"
    assert len(ws.cell(2, header.index("Description") + 1).value) == 32_767


# -- HTML -----------------------------------------------------------------------------------------------------

def test_html_highlights_inside_the_field_text(tmp_path: Path, results) -> None:
    report = report_for(results, "zh_CN")
    write_report(report, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    # two findings (the brand and the imitation cue) highlighted as one run inside the title
    assert '2024新款<span class="hit">耐克同款</span>运动鞋男透气跑步鞋' in page
    assert "卖家自查合规报告" in page and "误报（Li Wei 于 2026-11-20 标记）：our own brand" in page
    assert not re.search(r"""(?:src|href)=(?!"https?://)""", page)
    assert "<script" not in page and "@import" not in page
    for sku in ("SS-1002", "SS-1042", "SS-1001"):  # risky ones in sections, clean ones in the closing table
        assert sku in page


# -- every format -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_progress_reaches_the_end_and_cancel_leaves_nothing(tmp_path: Path, report, fmt: str) -> None:
    seen: list[tuple[int, int]] = []
    write_report(report, tmp_path / f"r.{fmt}", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] > 0 and [d for d, _ in seen] == sorted(d for d, _ in seen)
    target = tmp_path / f"keep.{fmt}"
    target.write_text("previous report")
    with pytest.raises(ExportCancelled):
        write_report(report, target, cancelled=lambda: True)
    assert target.read_text() == "previous report" and sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"r.{fmt}", f"keep.{fmt}"])


def test_unknown_format_is_refused(tmp_path: Path, report) -> None:
    with pytest.raises(ValueError):
        write_report(report, tmp_path / "r.docx")
    assert write_report(report, tmp_path / "r.htm") == "html"


# -- LibreOffice ------------------------------------------------------------------------------------------------

def libreoffice() -> str:
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui to run this check)")
    return exe


def convert(exe: str, source: Path, target: str, outdir: Path) -> subprocess.CompletedProcess[str]:
    profile = outdir / "lo-profile"
    return subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
                           "--outdir", str(outdir), str(source)], capture_output=True, text=True, timeout=300,
                          check=False)


def test_libreoffice_opens_the_workbook(tmp_path: Path, xlsx_path: Path, report) -> None:
    exe = libreoffice()
    proc = convert(exe, xlsx_path, "pdf", tmp_path)
    pdf = tmp_path / "report.pdf"
    assert proc.returncode == 0 and pdf.stat().st_size > 10_000, proc.stderr
    proc = convert(exe, xlsx_path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                   tmp_path)
    assert proc.returncode == 0, proc.stderr
    findings = list(csv.reader((tmp_path / "report-Findings.csv").read_text(encoding="utf-8").splitlines()))
    assert len(findings) - 1 == report["summary"]["findings"]["total"]
    assert findings[1][:4] == ["SS-1002", "Nike Air Style Running Shoes Men Breathable Sneakers", "High", "High"]
    catalogue = list(csv.reader((tmp_path / "report-Catalogue.csv").read_text(encoding="utf-8").splitlines()))
    assert len(catalogue) == 46
    summary = (tmp_path / "report-Summary.csv").read_text(encoding="utf-8")
    assert "Listings checked,45" in summary


# -- from the command line ----------------------------------------------------------------------------------------

def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})


def test_cli_sample_report_opens_everywhere(tmp_path: Path) -> None:
    """`python -m app check <sample> --out x.xlsx` with the bundled data: openpyxl and LibreOffice read it."""
    out = tmp_path / "sample.xlsx"
    proc = run_cli("check", SAMPLE, "--market", "US,EU", "--out", out, "--lang", "en")
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    wb = load_workbook(out, rich_text=True)
    assert wb.sheetnames == ["Summary", "Findings", "Checklist", "Catalogue"]
    catalogue = list(wb["Catalogue"].iter_rows(values_only=True))
    assert len(catalogue) == 46 and {row[catalogue[0].index("SKU")] for row in catalogue[1:]} >= {"SS-1001",
                                                                                                 "SS-1045"}
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui to run this check)")
    proc = convert(exe, out, "pdf", tmp_path)
    assert proc.returncode == 0 and (tmp_path / "sample.pdf").stat().st_size > 10_000, proc.stderr


def test_cli_only_open(tmp_path: Path) -> None:
    out = tmp_path / "open.json"
    proc = run_cli("check", SAMPLE, "--out", out, "--only-open", "--lang", "en")
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    validate(report)
    assert report["only_open"] is True and report["summary"]["listings"] == 45
    assert all(item["findings"] or item["checklist"] for item in report["listings"])
