"""The Excel report: Summary (counts and charts), Findings, Checklist, and the seller's own catalogue.

The Catalogue sheet has the listing's imported fields under headers the
importer recognises, with the risky words in red and five added columns (risk,
findings, open findings, top issue, suggestion), so a seller can fix the text
in place and import the file again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app import APP_NAME
from app.core.evidence import segments
from app.core.i18n import N_, Translate, translator
from app.core.models import LISTING_FIELDS
from app.io.reports.common import (
    Cancelled,
    Progress,
    Ticker,
    atomic_write,
    evidence,
    finding_spans,
    readable_time,
    source_name,
    split_source,
    top_finding,
)
from app.io.reports.labels import (
    CATALOGUE_HEADERS,
    FIELD_LABELS,
    MATCH_LABELS,
    RISK_HEADINGS,
    RISK_LABELS,
    SEVERITY_FILLS,
    SEVERITY_INK,
    SEVERITY_LABELS,
    TOPIC_LABELS,
    decision_text,
    label,
)
from app.io.reports.sheetml import (
    MAX_ROWS,
    BarChart,
    Cell,
    CellValue,
    Rich,
    SheetWriter,
    Style,
    WorkbookWriter,
)

HEADER = Style(bold=True, fill="DDE3EA")
TITLE = Style(bold=True, size=16)
BOLD = Style(bold=True)
WRAP = Style(wrap=True)
ADDED = Style(bold=True, fill="FFF2CC")  # headers of the columns the report adds to the seller's catalogue
FILLS = {level: Style(fill=colour, color=SEVERITY_INK[level]) for level, colour in SEVERITY_FILLS.items()}
ROWS_PER_SHEET = MAX_ROWS  # a table continues on a new sheet after this many rows
EVIDENCE_LIMIT = 300
TOP_MARKS = 30
LINE_HEIGHT = 15.0
_WIDE = re.compile("[\u2e80-\U0010ffff]")  # CJK and other wide characters take two columns
MAX_LINES = 10


def row_height(texts: Sequence[tuple[str, float]]) -> float | None:
    """Points a row needs so wrapped `(text, column width)` cells show whole (up to MAX_LINES lines).

    Spreadsheets do not grow rows for wrapped text on their own when opening a file, so the
    report sets the height; wide (CJK) characters count double, as they do in a column width.
    """
    lines = 1
    for text, width in texts:
        per_line = int(max(1.0, width * 1.1 - 1))
        count = 0
        for para in text.split("\n"):
            wide = 0 if para.isascii() else len(_WIDE.findall(para))
            count += max(1, -(-(len(para) + wide) // per_line))
        lines = max(lines, count)
    return LINE_HEIGHT * min(lines, MAX_LINES) if lines > 1 else None


def write_xlsx(report: dict[str, Any], path: Path, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> None:
    t = translator(report.get("language", "en"))
    listings = report["listings"]
    ticker = Ticker(3 * len(listings), progress, cancelled)

    def write(tmp: Path) -> None:
        with WorkbookWriter(tmp, title=t("Seller Self-Check compliance report"),
                            creator=f"{APP_NAME} {report['app_version']}") as book:
            _summary(book, report, t)
            _findings(book, report, t, ticker)
            _checklist(book, report, t, ticker)
            _catalogue(book, report, t, ticker)

    atomic_write(path, write)
    ticker.finish()


class _Table:
    """One logical table that continues on a new sheet ("Findings (2)") when a sheet is full."""

    def __init__(self, book: WorkbookWriter, name: str, header: Sequence[CellValue], widths: Sequence[float],
                 freeze: tuple[int, int]) -> None:
        self._book, self._name, self._header, self._widths, self._freeze = book, name, header, widths, freeze
        self._parts = 0
        self.sheet = self._open()

    def _open(self) -> SheetWriter:
        self._parts += 1
        name = self._name if self._parts == 1 else f"{self._name} ({self._parts})"
        sheet = self._book.sheet(name, widths=self._widths, freeze=self._freeze, autofilter=True, landscape=True)
        sheet.append(self._header)
        return sheet

    def append(self, row: Sequence[CellValue], height: float | None = None) -> None:
        if self.sheet.rows >= ROWS_PER_SHEET:
            self.sheet.close()
            self.sheet = self._open()
        self.sheet.append(row, height)

    def close(self) -> None:
        self.sheet.close()


def _header(t: Translate, labels: Sequence[str], style: Style = HEADER) -> list[CellValue]:
    return [Cell(t(text), style) for text in labels]


def _source_cell(source: str) -> Cell:
    name, url = split_source(source)
    return Cell(source_name(name, url) if url else source, url=url or None)


def _summary(book: WorkbookWriter, report: dict[str, Any], t: Translate) -> None:
    summary = report["summary"]
    findings = summary.get("findings") or {}
    with book.sheet(t("Summary"), widths=(38, 16, 18), fit=True) as sheet:
        sheet.append([Cell(t("Seller Self-Check compliance report"), TITLE)])
        sheet.append([])
        scope = (t("Only items nobody has reviewed yet") if report.get("only_open")
                 else t("All findings, with review decisions"))
        for text, value in ((N_("Generated"), readable_time(report["generated_at"])), (N_("App version"), report["app_version"]),
                            (N_("Markets"), ", ".join(report["markets"])),
                            (N_("Trademark data"), report["data_versions"]["trademarks"]),
                            (N_("Rule data"), report["data_versions"]["rules"]), (N_("Contents"), scope)):
            sheet.append([Cell(t(text), BOLD), value])
        sheet.append([])
        sheet.append(_header(t, (N_("Risk"), N_("Listings"), N_("Not yet reviewed"))))
        first = sheet.rows + 1
        open_risk = summary.get("open_risk") or {}
        for level in ("high", "medium", "low", "none"):
            sheet.append([Cell(t(RISK_HEADINGS[level]), FILLS[level]), summary[level], open_risk.get(level, "")])
        risk_rows = (first, sheet.rows)
        sheet.append([Cell(t("Listings checked"), BOLD), summary["listings"]])
        sheet.append([])
        sheet.append(_header(t, (N_("Review"), N_("Count"))))
        checklist = summary.get("checklist") or {}
        for text, value in ((N_("Findings"), findings.get("total")), (N_("Open findings"), findings.get("open")),
                            (N_("Reviewed findings"), findings.get("reviewed")),
                            (N_("Checklist items"), checklist.get("total")),
                            (N_("Checklist items done"), checklist.get("done"))):
            sheet.append([t(text), value])
        topic_rows = _counts(sheet, t, N_("Topic"), findings.get("by_topic") or {}, TOPIC_LABELS)
        _counts(sheet, t, N_("Market"), findings.get("by_market") or {}, {})
        _counts(sheet, t, N_("Trademark"), findings.get("by_mark") or {}, {}, limit=TOP_MARKS)
        sheet.append([])
        for note in (N_("Findings: one row per risk, with the words highlighted in your text and what to do."),
                     N_("Checklist: what each market requires for these products; tick them off in the app."),
                     N_("Catalogue: your listings with their risk; fix the text there and import this file "
                        "again to check it.")):
            sheet.append([t(note)])
        levels = ("high", "medium", "low", "none")
        sheet.add_chart(BarChart(
            title=t("Listings by risk"), sheet=sheet.title, first_row=risk_rows[0], last_row=risk_rows[1],
            category_col=1, value_col=2, categories=[t(RISK_HEADINGS[lv]) for lv in levels],
            values=[summary[lv] for lv in levels], colours=["C62828", "EF6C00", "1565C0", "2E7D32"],
            anchor=(4, 1), size=(7, 15), horizontal=False))
        if topic_rows is not None:
            first_row, last_row, names, values = topic_rows
            sheet.add_chart(BarChart(
                title=t("Findings by topic"), sheet=sheet.title, first_row=first_row, last_row=last_row,
                category_col=1, value_col=2, categories=names, values=values, colours=["5B6B7F"],
                anchor=(4, 17), size=(7, max(12, 2 * len(values) + 4))))


def _counts(sheet: SheetWriter, t: Translate, heading: str, counts: dict[str, int], labels: dict[str, str],
            limit: int = 0) -> tuple[int, int, list[str], list[int]] | None:
    """A two-column table of counts; returns its rows and values for a chart, or None when empty."""
    if not counts:
        return None
    sheet.append([])
    sheet.append(_header(t, (heading, N_("Findings"))))
    items = list(counts.items())
    shown = items[:limit] if limit else items
    first = sheet.rows + 1
    for code, count in shown:
        sheet.append([label(t, labels, code) if labels else code, count])
    last = sheet.rows
    if len(shown) < len(items):
        sheet.append([t("{count} others").format(count=len(items) - len(shown)),
                      sum(count for _, count in items[len(shown):])])
    return first, last, [label(t, labels, c) if labels else c for c, _ in shown], [n for _, n in shown]


FINDING_HEADERS = (N_("SKU"), N_("Title"), N_("Listing risk"), N_("Severity"), N_("Market"), N_("Topic"),
                   N_("Field"), N_("Matched text"), N_("Evidence"), N_("Why"), N_("What to do"), N_("Trademark"),
                   N_("Owner"), N_("Match"), N_("Rule"), N_("Source"), N_("Review"), N_("File"), N_("Sheet"),
                   N_("Row"))
FINDING_WIDTHS = (14, 36, 11, 10, 8, 18, 14, 18, 50, 55, 45, 14, 20, 14, 22, 30, 28, 18, 12, 7)


def _findings(book: WorkbookWriter, report: dict[str, Any], t: Translate, ticker: Ticker) -> None:
    table = _Table(book, t("Findings"), _header(t, FINDING_HEADERS), FINDING_WIDTHS, (1, 1))
    wrapped = [FINDING_WIDTHS[FINDING_HEADERS.index(h)] for h in (N_("Evidence"), N_("Why"), N_("What to do"))]
    risk_cells = {level: Cell(t(RISK_LABELS[level]), FILLS[level]) for level in RISK_LABELS}
    severity_cells = {level: Cell(t(SEVERITY_LABELS[level]), FILLS[level]) for level in SEVERITY_LABELS}
    field_names = {name: t(text) for name, text in FIELD_LABELS.items()}
    for item in ticker.each(report["listings"]):
        for f in item["findings"]:
            pieces = evidence(item, f, limit=EVIDENCE_LIMIT)
            shown: CellValue = Rich(pieces) if pieces else t("(empty)")
            plain = shown.plain() if isinstance(shown, Rich) else str(shown)
            height = row_height(list(zip((plain, f["message"], f["suggestion"]), wrapped)))
            table.append([
                item["sku"], item["title"], risk_cells.get(item["risk"], item["risk"]),
                severity_cells.get(f["severity"], f["severity"]), f["market"], label(t, TOPIC_LABELS, f["topic"]),
                field_names.get(f["field"], f["field"]), f["matched"], Cell(shown, WRAP),
                Cell(f["message"], WRAP), Cell(f["suggestion"], WRAP), f["mark"], f["owner"],
                label(t, MATCH_LABELS, f["match"]), f["rule_id"], _source_cell(f["source"]),
                decision_text(t, f.get("decision")), item["source"], item["sheet"], item["row"],
            ], height)
    table.close()


CHECKLIST_HEADERS = (N_("SKU"), N_("Title"), N_("Market"), N_("Requirement"), N_("Details"), N_("Source"),
                     N_("Status"), N_("File"), N_("Sheet"), N_("Row"))
CHECKLIST_WIDTHS = (14, 36, 8, 45, 55, 30, 28, 18, 12, 7)


def _checklist(book: WorkbookWriter, report: dict[str, Any], t: Translate, ticker: Ticker) -> None:
    table = _Table(book, t("Checklist"), _header(t, CHECKLIST_HEADERS), CHECKLIST_WIDTHS, (1, 1))
    for item in ticker.each(report["listings"]):
        for c in item.get("checklist") or ():
            table.append([item["sku"], item["title"], c["market"], Cell(c["item"], WRAP),
                          Cell(c.get("detail", ""), WRAP), _source_cell(c["source"]),
                          decision_text(t, c.get("decision")), item["source"], item["sheet"], item["row"]],
                         row_height([(c["item"], CHECKLIST_WIDTHS[3]), (c.get("detail", ""), CHECKLIST_WIDTHS[4])]))
    table.close()


ADDED_HEADERS = (N_("Risk"), N_("Findings"), N_("Open"), N_("Top issue"), N_("Suggestion"))
ADDED_WIDTHS = (10, 9, 8, 50, 45)
FIELD_WIDTHS = {"title": 50, "description": 50, "search_terms": 36, "sku": 14,
                **{f"bullet_{i}": 40 for i in range(1, 6)}}


def catalogue_fields(listings: list[dict[str, Any]]) -> list[str]:
    """The fields any listing has, in the app's field order; fields it does not know come last."""
    present: set[str] = set()
    for item in listings:
        present.update(item.get("fields") or ())
    known = [name for name in LISTING_FIELDS if name in present]
    return known + sorted(present - set(LISTING_FIELDS))


def _catalogue(book: WorkbookWriter, report: dict[str, Any], t: Translate, ticker: Ticker) -> None:
    listings = report["listings"]
    names = catalogue_fields(listings)
    header = (_header(t, ADDED_HEADERS, ADDED)
              + [Cell(label(t, CATALOGUE_HEADERS, name), HEADER) for name in names]
              + _header(t, (N_("File"), N_("Sheet"), N_("Row"))))
    widths = (*ADDED_WIDTHS, *(FIELD_WIDTHS.get(name, 16) for name in names), 18, 12, 7)
    table = _Table(book, t("Catalogue"), header, widths, (1, len(ADDED_HEADERS) + (1 if "sku" in names else 0)))
    risk_cells = {level: Cell(t(RISK_LABELS[level]), FILLS[level]) for level in RISK_LABELS}
    for item in ticker.each(listings):
        fields = item.get("fields") or {}
        top = top_finding(item)
        open_count = sum(1 for f in item["findings"] if not f.get("decision"))
        added: list[CellValue] = [
            risk_cells.get(item["risk"], item["risk"]), len(item["findings"]), open_count,
            _issue(t, top) if top else None, top["suggestion"] if top else None,
        ]
        values = [_marked(fields.get(name, ""), finding_spans(item, name)) for name in names]
        table.append([*added, *values, item["source"], item["sheet"], item["row"]])
    table.close()


def _marked(text: str, spans: list[tuple[int, int]]) -> CellValue:
    """A catalogue cell: the seller's whole text, the risky words in red."""
    return Rich(segments(text, spans)) if spans else text


def _issue(t: Translate, finding: dict[str, Any]) -> str:
    return t("{field}: {message}").format(field=label(t, FIELD_LABELS, finding["field"]), message=finding["message"])
