"""Translatable names of fields, severities, risks, topics, decisions and review states, in one place."""

from __future__ import annotations

from app.core.i18n import N_, _, ui_language
from app.core.labels import FIELD_LABELS, RISK_LABELS, SEVERITY_LABELS, TOPIC_LABELS

SEVERITY_COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#1565c0", "info": "#616161", "none": "#2e7d32"}
DECISION_LABELS = {"false_alarm": N_("False alarm"), "authorised": N_("Authorised"), "fixed": N_("Fixed"),
                   "accepted_risk": N_("Accepted risk")}
REVIEW_LABELS = {"todo": N_("To review"), "reviewed": N_("Reviewed"), "clean": N_("No findings")}
STATUS_LABELS = {"new": N_("New"), "changed": N_("Changed")}


def label(table: dict[str, str], key: str) -> str:
    """The translated label of `key`, or the key itself when it has none (e.g. a topic added by new rules)."""
    return _(table[key]) if key in table else key


def localized(d: dict[str, str]) -> str:
    """A both()-style message in the UI language."""
    return d.get(ui_language.lang) or d.get("en", "") or next(iter(d.values()), "")

__all__ = ["DECISION_LABELS", "FIELD_LABELS", "REVIEW_LABELS", "RISK_LABELS", "SEVERITY_COLOURS", "SEVERITY_LABELS",
           "STATUS_LABELS", "TOPIC_LABELS", "label", "localized"]
