"""Words a report shows for the report's codes (fields, topics, severities, decisions), in its own language."""

from __future__ import annotations

from typing import Any

from app.core.i18n import N_, Translate

FIELD_LABELS: dict[str, str] = {
    "sku": N_("SKU"), "title": N_("Title"), "bullet_1": N_("Bullet point 1"), "bullet_2": N_("Bullet point 2"),
    "bullet_3": N_("Bullet point 3"), "bullet_4": N_("Bullet point 4"), "bullet_5": N_("Bullet point 5"),
    "search_terms": N_("Search terms"), "description": N_("Description"), "brand": N_("Brand"),
    "category": N_("Category"), "declared_name": N_("Declared name"), "hs_code": N_("HS code"),
    "price": N_("Price"), "currency": N_("Currency"), "market": N_("Target market"),
    "manufacturer": N_("Manufacturer"), "eu_responsible_person": N_("EU responsible person"),
    "declared_value": N_("Declared value"),
}
# Catalogue-sheet headers must be headers the importer recognises, in both languages (a test checks).
CATALOGUE_HEADERS: dict[str, str] = {**FIELD_LABELS, "eu_responsible_person": N_("Responsible person")}

SEVERITY_LABELS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low"), "info": N_("Info")}
RISK_LABELS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low"), "none": N_("None")}
RISK_HEADINGS = {"high": N_("High risk"), "medium": N_("Medium risk"), "low": N_("Low risk"),
                 "none": N_("No risk found")}
MATCH_LABELS = {"exact": N_("Exact name"), "alias": N_("Other name"), "fuzzy": N_("Misspelling"),
                "disguised": N_("Disguised"), "nominative": N_("Compatibility use")}
TOPIC_LABELS = {
    "trademark": N_("Trademark"), "counterfeit_signal": N_("Counterfeit signal"),
    "medical_claim": N_("Medical claim"), "pesticide_claim": N_("Antimicrobial or pesticide claim"),
    "regulatory_claim": N_("Certification claim"), "environmental_claim": N_("Environmental claim"),
    "children_product": N_("Children's product"), "battery": N_("Battery"),
    "electrical_safety": N_("Electrical safety"), "radio_equipment": N_("Radio equipment"),
    "cosmetics": N_("Cosmetics"), "food_supplement": N_("Food supplement"),
    "restricted_product": N_("Restricted product"), "customs_mismatch": N_("Customs declaration"),
    "listing_info": N_("Missing listing information"), "promotional_claim": N_("Promotional claim"),
    "protected_symbol": N_("Protected symbol"),
}
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
