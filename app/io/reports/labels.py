"""Words a report shows for the report's codes (fields, topics, severities, decisions), in its own language."""

from __future__ import annotations

from typing import Any

from app.core.i18n import N_, Translate
from app.core.labels import FIELD_LABELS, RISK_LABELS, SEVERITY_LABELS, TOPIC_LABELS

# Catalogue-sheet headers must be headers the importer recognises, in both languages (a test checks).
CATALOGUE_HEADERS: dict[str, str] = {**FIELD_LABELS, "eu_responsible_person": N_("Responsible person")}

RISK_HEADINGS = {"high": N_("High risk"), "medium": N_("Medium risk"), "low": N_("Low risk"),
                 "none": N_("No risk found")}
MATCH_LABELS = {"exact": N_("Exact name"), "alias": N_("Other name"), "fuzzy": N_("Misspelling"),
                "disguised": N_("Disguised"), "nominative": N_("Compatibility use")}
DECISION_LABELS = {"false_alarm": N_("False alarm"), "authorised": N_("Authorised"), "fixed": N_("Fixed"),
                   "accepted_risk": N_("Risk accepted"), "done": N_("Done")}

# Fill colours (RRGGBB) shared by the Excel and HTML reports.
SEVERITY_FILLS = {"high": "F8D7DA", "medium": "FFE5B4", "low": "D6E9F8", "info": "E9ECEF", "none": "D4EDDA"}
SEVERITY_INK = {"high": "A61B1B", "medium": "9A4A00", "low": "1B4F8A", "info": "4A4F55", "none": "1E6B34"}


def label(t: Translate, table: dict[str, str], code: str | None) -> str:
    """The translated label for `code`, or the code itself when it is not one we know."""
    if not code:
        return ""
    return t(table[code]) if code in table else code


def decision_text(t: Translate, decision: dict[str, Any] | None) -> str:
    """'False alarm, marked by Li on 2026-11-20: their own brand', or 'Open' while nobody has reviewed it."""
    if not decision:
        return t("Open")
    state = label(t, DECISION_LABELS, decision.get("state"))
    by = decision.get("by") or ""
    day = (decision.get("at") or "")[:10]
    if by and day:
        text = t("{state}, marked by {by} on {date}").format(state=state, by=by, date=day)
    elif by:
        text = t("{state}, marked by {by}").format(state=state, by=by)
    elif day:
        text = t("{state}, marked on {date}").format(state=state, date=day)
    else:
        text = state
    note = decision.get("note") or ""
    return t("{decision}: {note}").format(decision=text, note=note) if note else text

__all__ = ["CATALOGUE_HEADERS", "DECISION_LABELS", "FIELD_LABELS", "MATCH_LABELS", "RISK_HEADINGS", "RISK_LABELS",
           "SEVERITY_FILLS", "SEVERITY_INK", "SEVERITY_LABELS", "TOPIC_LABELS", "decision_text", "label"]
