"""`python -m app check` end to end, as a seller or a script runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import ROOT, SAMPLE

SCHEMA = json.loads((ROOT / "resources" / "schemas" / "compliance-report-1.schema.json").read_text(encoding="utf-8"))


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
                               "SSC_DATA_CACHE": os.environ.get("SSC_DATA_CACHE", "")})


def validate(report: dict) -> None:
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(report)


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict]:
    out = tmp_path_factory.mktemp("cli") / "r.json"
    proc = run("check", SAMPLE, "--market", "US,EU", "--out", out, "--lang", "en")
    return proc, json.loads(out.read_text(encoding="utf-8"))


def test_sample_report_validates_and_flags_the_risky_listings(sample_report) -> None:
    proc, report = sample_report
    assert proc.returncode == 1, proc.stderr
    validate(report)
    risk = {item["sku"]: item["risk"] for item in report["listings"]}
    for sku in ("SS-1002", "SS-1003", "SS-1004", "SS-1005", "SS-1006", "SS-1020", "SS-1022", "SS-1023", "SS-1024",
                "SS-1042"):
        assert risk[sku] == "high", sku
    for sku in ("SS-1001", "SS-1010", "SS-1011", "SS-1012", "SS-1013", "SS-1032", "SS-1041"):
        assert risk[sku] in ("none", "low"), (sku, risk[sku])
    assert report["summary"]["listings"] == 45 and report["markets"] == ["US", "EU"]


def test_findings_point_at_the_cells(sample_report) -> None:
    _, report = sample_report
    wb = load_workbook(SAMPLE, read_only=True)
    rows = list(wb["Listings"].iter_rows(values_only=True))
    headers = rows[0]
    column = {"title": "Title", "search_terms": "Search Terms", "brand": "Brand", "declared_name": "申报品名",
              "bullet_1": "Bullet Point 1", "bullet_2": "Bullet Point 2", "description": "Description",
              "category": "Category"}
    checked = 0
    for item in report["listings"]:
        for f in item["findings"]:
            if f["field"] in column and f["end"] > f["start"]:
                cell = rows[item["row"] - 1][headers.index(column[f["field"]])]
                assert str(cell)[f["start"]:f["end"]] == f["matched"]
                checked += 1
    assert checked >= 20


def test_every_format_and_both_languages(tmp_path: Path) -> None:
    for fmt in ("xlsx", "csv", "html", "json"):
        out = tmp_path / f"r.{fmt}"
        proc = run("check", SAMPLE, "--out", out, "--lang", "zh_CN")
        assert proc.returncode == 1 and out.stat().st_size > 500, proc.stderr
    assert "商标" in (tmp_path / "r.json").read_text(encoding="utf-8")
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_exit_zero_when_nothing_is_high(tmp_path: Path) -> None:
    path = tmp_path / "clean.xlsx"
    wb = Workbook()
    wb.active.append(["SKU", "Title"])
    wb.active.append(["M-1", "Ceramic coffee mug 12oz"])
    wb.save(path)
    proc = run("check", path, "--out", tmp_path / "r.json")
    assert proc.returncode == 0, proc.stderr
    validate(json.loads((tmp_path / "r.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("name", "content", "expect"),
    [
        ("nope.xlsx", None, "nope.xlsx: file not found"),
        ("x.xlsx", "not a workbook", "x.xlsx: the file is damaged"),
        ("e.csv", "", "e.csv: the file is empty"),
        ("h.csv", "SKU,Price\n1,2\n", "h.csv, sheet “h”: no title column"),
    ],
)
def test_input_errors_exit_2_with_one_line(tmp_path: Path, name: str, content: str | None, expect: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    proc = run("check", path, "--lang", "en")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and expect in lines[0] and "Traceback" not in proc.stderr


def test_empty_sheet_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    Workbook().save(path)
    proc = run("check", path, "--lang", "en")
    assert proc.returncode == 2 and "blank.xlsx" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    for args in (("check",), ("check", SAMPLE, "--market", "XX"), ("frobnicate",), ("check", SAMPLE, "--format", "pdf")):
        proc = run(*args)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, (args, proc.stderr)
