"""The CSV report: one row per finding, per checklist item, and per listing without either.

UTF-8 with a byte-order mark so Excel shows Chinese correctly; any value a
spreadsheet would run as a formula starts with an apostrophe. The first
eighteen columns keep their original order; later versions add columns at the end.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.core.i18n import N_, Translate, translator
from app.io.reports.common import Cancelled, Progress, Ticker, atomic_write, evidence, safe_cell
from app.io.reports.labels import (
    FIELD_LABELS,
    MATCH_LABELS,
    RISK_LABELS,
    SEVERITY_LABELS,
    TOPIC_LABELS,
    decision_text,
    label,
)

COLUMNS: tuple[str, ...] = (
    N_("File"), N_("Sheet"), N_("Row"), N_("SKU"), N_("Title"), N_("Listing risk"), N_("Severity"), N_("Market"),
    N_("Topic"), N_("Field"), N_("Matched text"), N_("Trademark"), N_("Owner"), N_("Match"), N_("Rule"), N_("Why"),
    N_("What to do"), N_("Source"), N_("Evidence"), N_("Review"),
)
EVIDENCE_LIMIT = 300


def evidence_text(pieces: list[tuple[str, bool]]) -> str:
    """Plain text with the matched words between « and »."""
    return "".join(f"«{text}»" if hit else text for text, hit in pieces)


def csv_rows(report: dict[str, Any], t: Translate, ticker: Ticker) -> Iterator[list[Any]]:
    checklist_label = t("Checklist")
    for item in ticker.each(report["listings"]):
        base = [item["source"], item["sheet"], item["row"], item["sku"], item["title"],
                label(t, RISK_LABELS, item["risk"])]
        for f in item["findings"]:
            pieces = evidence(item, f, limit=EVIDENCE_LIMIT)
            yield [*base, label(t, SEVERITY_LABELS, f["severity"]), f["market"], label(t, TOPIC_LABELS, f["topic"]),
                   label(t, FIELD_LABELS, f["field"]), f["matched"], f["mark"] or "", f["owner"] or "",
                   label(t, MATCH_LABELS, f["match"]), f["rule_id"] or "", f["message"], f["suggestion"],
                   f["source"], evidence_text(pieces), decision_text(t, f.get("decision"))]
        for c in item.get("checklist") or ():
            yield [*base, "", c["market"], checklist_label, "", "", "", "", "", c["id"], c["item"],
                   c.get("detail", ""), c["source"], "", decision_text(t, c.get("decision"))]
        if not item["findings"] and not item.get("checklist"):
            yield base + [""] * (len(COLUMNS) - len(base))


def write_csv(report: dict[str, Any], path: Path, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> None:
    t = translator(report.get("language", "en"))
    ticker = Ticker(len(report["listings"]), progress, cancelled)

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([t(text) for text in COLUMNS])
            for row in csv_rows(report, t, ticker):
                writer.writerow([safe_cell(value) for value in row])

    atomic_write(path, write)
    ticker.finish()
