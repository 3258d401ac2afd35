"""Names of the report's codes (fields, severities, risks, topics), one vocabulary for the window and the reports.

They are N_() msgids: the window shows them in the UI language, a report in the report's language.
"""

from __future__ import annotations

from app.core.i18n import N_

FIELD_LABELS: dict[str, str] = {
    "sku": N_("SKU"), "title": N_("Title"), "bullet_1": N_("Bullet point 1"), "bullet_2": N_("Bullet point 2"),
    "bullet_3": N_("Bullet point 3"), "bullet_4": N_("Bullet point 4"), "bullet_5": N_("Bullet point 5"),
    "search_terms": N_("Search terms"), "description": N_("Description"), "brand": N_("Brand"),
    "category": N_("Category"), "declared_name": N_("Declared name"), "hs_code": N_("HS code"),
    "price": N_("Price"), "currency": N_("Currency"), "market": N_("Target market"),
    "manufacturer": N_("Manufacturer"), "eu_responsible_person": N_("EU responsible person"),
    "declared_value": N_("Declared value"),
}

SEVERITY_LABELS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low"), "info": N_("Info")}
RISK_LABELS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low"), "none": N_("None")}
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
