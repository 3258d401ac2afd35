"""Translatable names of fields, severities, risks, topics, decisions and review states, in one place."""

from __future__ import annotations

from app.core.i18n import N_, _, ui_language

FIELD_LABELS = {
    "sku": N_("SKU"), "title": N_("Title"), "bullet_1": N_("Bullet point 1"), "bullet_2": N_("Bullet point 2"),
    "bullet_3": N_("Bullet point 3"), "bullet_4": N_("Bullet point 4"), "bullet_5": N_("Bullet point 5"),
    "search_terms": N_("Search terms"), "description": N_("Description"), "brand": N_("Brand"),
    "category": N_("Category"), "declared_name": N_("Declared name"), "hs_code": N_("HS code"),
    "price": N_("Price"), "currency": N_("Currency"), "market": N_("Market"), "manufacturer": N_("Manufacturer"),
    "eu_responsible_person": N_("EU responsible person"), "declared_value": N_("Declared value"),
}
SEVERITY_LABELS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low"), "info": N_("Info")}
RISK_LABELS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low"), "none": N_("None")}
SEVERITY_COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#1565c0", "info": "#616161", "none": "#2e7d32"}
TOPIC_LABELS = {
    "trademark": N_("Trademark"), "counterfeit_signal": N_("Counterfeit wording"),
    "medical_claim": N_("Medical claim"), "pesticide_claim": N_("Pesticide claim"),
    "regulatory_claim": N_("Regulatory claim"), "environmental_claim": N_("Environmental claim"),
    "children_product": N_("Children's product"), "battery": N_("Battery"),
    "electrical_safety": N_("Electrical safety"), "radio_equipment": N_("Radio equipment"),
    "cosmetics": N_("Cosmetics"), "food_supplement": N_("Food supplement"),
    "restricted_product": N_("Restricted product"), "customs_mismatch": N_("Customs mismatch"),
    "listing_info": N_("Missing listing information"), "promotional_claim": N_("Promotional claim"),
    "protected_symbol": N_("Protected symbol"),
}
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
