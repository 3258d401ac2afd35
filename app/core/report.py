"""The `compliance-report/1` contract: check results as plain data, in one language."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from app import __version__
from app.core.i18n import normalize_language
from app.core.models import RISK_LEVELS, DataVersions, Finding, ListingResult

SCHEMA_ID = "compliance-report/1"


def _text(d: dict[str, str], lang: str) -> str:
    return d.get(lang) or d.get("en", "")


def finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "kind": f.kind, "topic": f.topic, "severity": f.severity, "market": f.market, "field": f.field,
        "start": f.start, "end": f.end, "matched": f.matched, "mark": f.mark or None, "owner": f.owner or None,
        "match": f.match or None, "rule_id": f.rule_id or None, "message": _text(f.message, lang),
        "suggestion": _text(f.suggestion, lang), "source": f.source,
    }


def listing_dict(result: ListingResult, lang: str) -> dict[str, Any]:
    listing = result.listing
    return {
        "source": listing.source, "sheet": listing.sheet, "row": listing.row, "sku": listing.sku,
        "title": listing.title, "risk": result.risk,
        "findings": [finding_dict(f, lang) for f in result.findings],
        "checklist": [
            {"id": c.requirement_id, "market": c.market, "item": _text(c.item, lang),
             "detail": _text(c.detail, lang) if c.detail else "", "source": c.source}
            for c in result.checklist
        ],
    }


def build_report(results: Iterable[ListingResult], *, markets: Sequence[str], versions: DataVersions,
                 lang: str = "zh_CN", generated_at: datetime | None = None) -> dict[str, Any]:
    lang = normalize_language(lang)
    listings = [listing_dict(r, lang) for r in results]
    summary: dict[str, int] = {"listings": len(listings), **{level: 0 for level in RISK_LEVELS}}
    for item in listings:
        summary[item["risk"]] += 1
    return {
        "schema": SCHEMA_ID,
        "app_version": __version__,
        "generated_at": (generated_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "language": lang,
        "markets": list(markets),
        "data_versions": {"trademarks": versions.trademarks, "rules": versions.rules},
        "summary": summary,
        "listings": listings,
    }
