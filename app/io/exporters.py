"""Writing a `compliance-report/1` dict as JSON, CSV, Excel or HTML.

Every exporter takes the report in the language it was built in. Text that
came from a seller's file is data, never code: cells that a spreadsheet would
run as a formula are neutralised in CSV and Excel, and HTML escapes everything.
"""

from __future__ import annotations

import csv
import html
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from app.core.i18n import N_, translator

FORMATS = ("json", "xlsx", "csv", "html")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

FINDING_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source", N_("File")), ("sheet", N_("Sheet")), ("row", N_("Row")), ("sku", N_("SKU")),
    ("title", N_("Title")), ("risk", N_("Listing risk")), ("severity", N_("Severity")), ("market", N_("Market")),
    ("topic", N_("Topic")), ("field", N_("Field")), ("matched", N_("Matched text")), ("mark", N_("Trademark")),
    ("owner", N_("Owner")), ("match", N_("Match")), ("rule_id", N_("Rule")), ("message", N_("Why")),
    ("suggestion", N_("What to do")), ("source_ref", N_("Source")),
)


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formula injection: text starting with = + - @ tab CR becomes inert text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def finding_rows(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One flat row per finding (and one per listing without findings)."""
    for item in report["listings"]:
        base = {k: item[k] for k in ("source", "sheet", "row", "sku", "title", "risk")}
        if not item["findings"]:
            yield {**base, "severity": "", "market": "", "topic": "", "field": "", "matched": "", "mark": "",
                   "owner": "", "match": "", "rule_id": "", "message": "", "suggestion": "", "source_ref": ""}
        for f in item["findings"]:
            yield {**base, "severity": f["severity"], "market": f["market"], "topic": f["topic"], "field": f["field"],
                   "matched": f["matched"], "mark": f["mark"] or "", "owner": f["owner"] or "",
                   "match": f["match"] or "", "rule_id": f["rule_id"] or "", "message": f["message"],
                   "suggestion": f["suggestion"], "source_ref": f["source"]}


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file beside `path`, then move it into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(report: dict[str, Any], path: Path) -> None:
    _atomic_write(path, lambda p: p.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"))


def write_csv(report: dict[str, Any], path: Path) -> None:
    t = translator(report.get("language", "en"))

    def write(p: Path) -> None:
        with p.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([t(label) for _, label in FINDING_COLUMNS])
            for row in finding_rows(report):
                writer.writerow([safe_cell(row[key]) for key, _ in FINDING_COLUMNS])

    _atomic_write(path, write)


def write_xlsx(report: dict[str, Any], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    t = translator(report.get("language", "en"))
    fills = {"high": "F8D7DA", "medium": "FFF3CD", "low": "D1ECF1", "info": "E2E3E5"}

    def write(p: Path) -> None:
        wb = Workbook(write_only=True)
        summary = wb.create_sheet(t("Summary"))
        summary.append([t("Seller Self-Check compliance report")])
        summary.append([t("Generated"), report["generated_at"]])
        summary.append([t("App version"), report["app_version"]])
        summary.append([t("Markets"), ", ".join(report["markets"])])
        summary.append([t("Trademark data"), report["data_versions"]["trademarks"]])
        summary.append([t("Rule data"), report["data_versions"]["rules"]])
        summary.append([])
        for key, label in (("listings", N_("Listings")), ("high", N_("High risk")), ("medium", N_("Medium risk")),
                           ("low", N_("Low risk")), ("none", N_("No risk found"))):
            summary.append([t(label), report["summary"][key]])
        sheet = wb.create_sheet(t("Findings"))
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        from openpyxl.cell import WriteOnlyCell

        header = []
        for _, label in FINDING_COLUMNS:
            cell = WriteOnlyCell(sheet, value=t(label))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in finding_rows(report):
            cells = []
            for key, _ in FINDING_COLUMNS:
                cell = WriteOnlyCell(sheet, value=safe_cell(row[key]))
                if key == "severity" and row[key] in fills:
                    cell.fill = PatternFill("solid", fgColor=fills[row[key]])
                cells.append(cell)
            sheet.append(cells)
        wb.save(p)

    _atomic_write(path, write)


def write_html(report: dict[str, Any], path: Path) -> None:
    _atomic_write(path, lambda p: p.write_text(render_html(report), encoding="utf-8"))


def render_html(report: dict[str, Any]) -> str:
    lang = report.get("language", "en")
    t = translator(lang)
    e = html.escape
    title = e(t("Seller Self-Check compliance report"))
    generated, markets_label = e(t("Generated")), e(t("Markets"))
    tm_label, rule_label, row_label = e(t("Trademark data")), e(t("Rule data")), e(t("Row"))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh_CN" else "en"}"><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #ccc;padding:4px;vertical-align:top;font-size:10pt}"
        ".high{background:#f8d7da}.medium{background:#fff3cd}.low{background:#d1ecf1}.info{background:#e2e3e5}"
        "mark{background:#ffd54f}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>{generated}: {e(report['generated_at'])} · {markets_label}: {e(', '.join(report['markets']))}"
        f" · {tm_label}: {e(report['data_versions']['trademarks'])}"
        f" · {rule_label}: {e(report['data_versions']['rules'])}</p>",
        "<table><tr>",
    ]
    s = report["summary"]
    for key, label in (("listings", N_("Listings")), ("high", N_("High risk")), ("medium", N_("Medium risk")),
                       ("low", N_("Low risk")), ("none", N_("No risk found"))):
        parts.append(f"<th>{e(t(label))}</th><td>{s[key]}</td>")
    parts.append("</tr></table>")
    for item in report["listings"]:
        if not item["findings"]:
            continue
        parts.append(f'<h2 class="{e(item["risk"])}">{e(item["sku"])} · {e(item["title"])}</h2>')
        parts.append(f"<p>{e(item['source'])} · {e(item['sheet'])} · {row_label} {item['row']}</p><table>")
        parts.append("".join(f"<th>{e(t(label))}</th>" for label in (
            N_("Severity"), N_("Market"), N_("Field"), N_("Matched text"), N_("Why"), N_("What to do"), N_("Source"))))
        for f in item["findings"]:
            parts.append(
                f'<tr class="{e(f["severity"])}"><td>{e(f["severity"])}</td><td>{e(f["market"])}</td>'
                f"<td>{e(f['field'])}</td><td><mark>{e(f['matched'])}</mark></td><td>{e(f['message'])}</td>"
                f"<td>{e(f['suggestion'])}</td><td>{e(f['source'])}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


WRITERS: dict[str, Callable[[dict[str, Any], Path], None]] = {
    "json": write_json, "csv": write_csv, "xlsx": write_xlsx, "html": write_html,
}


def write_report(report: dict[str, Any], path: Path, fmt: str | None = None) -> str:
    """Write in the format `fmt` or the one the file name says; returns the format used."""
    fmt = (fmt or Path(path).suffix.lstrip(".").lower() or "json").lower()
    if fmt == "htm":
        fmt = "html"
    if fmt not in WRITERS:
        raise ValueError(fmt)
    WRITERS[fmt](report, Path(path))
    return fmt
