"""The `compliance-report/1` contract: check results as plain data, in one language.

Later versions only add fields. Added since the first release: the listing's
imported `fields` (so a report can rebuild the seller's catalogue), review
`decision`s on findings and checklist items, each listing's `open_risk`,
finding and checklist breakdowns in `summary`, and `only_open` (the report holds
only what nobody has reviewed yet).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from app import __version__
from app.core.i18n import normalize_language
from app.core.models import (
    RISK_LEVELS,
    SEVERITY_RANK,
    ChecklistItem,
    DataVersions,
    Decision,
    Finding,
    ListingResult,
)

SCHEMA_ID = "compliance-report/1"


def _text(d: dict[str, str], lang: str) -> str:
    return d.get(lang) or d.get("en", "")


def decision_dict(decision: Decision | None) -> dict[str, str] | None:
    if decision is None:
        return None
    return {"state": decision.state, "by": decision.by, "at": decision.at, "note": decision.note}


def finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "kind": f.kind, "topic": f.topic, "severity": f.severity, "market": f.market, "field": f.field,
        "start": f.start, "end": f.end, "matched": f.matched, "mark": f.mark or None, "owner": f.owner or None,
        "match": f.match or None, "rule_id": f.rule_id or None, "message": _text(f.message, lang),
        "suggestion": _text(f.suggestion, lang), "source": f.source, "decision": decision_dict(f.decision),
    }


def checklist_dict(c: ChecklistItem, lang: str) -> dict[str, Any]:
    return {"id": c.requirement_id, "market": c.market, "item": _text(c.item, lang),
            "detail": _text(c.detail, lang) if c.detail else "", "source": c.source,
            "decision": decision_dict(c.decision)}


def listing_dict(result: ListingResult, lang: str, *, only_open: bool = False) -> dict[str, Any]:
    """One listing; with `only_open`, only the findings and checklist items nobody has reviewed."""
    listing = result.listing
    findings = result.open_findings if only_open else result.findings
    checklist = [c for c in result.checklist if c.decision is None] if only_open else result.checklist
    return {
        "source": listing.source, "sheet": listing.sheet, "row": listing.row, "sku": listing.sku,
        "title": listing.title, "risk": result.risk, "open_risk": result.open_risk,
        "findings": [finding_dict(f, lang) for f in findings],
        "checklist": [checklist_dict(c, lang) for c in checklist],
        "fields": {name: str(value) for name, value in listing.fields.items() if value is not None},
    }


def _top(counter: Counter[str]) -> dict[str, int]:
    """Counts, largest first (ties by name), so readers can show them as they come."""
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def build_report(results: Iterable[ListingResult], *, markets: Sequence[str], versions: DataVersions,
                 lang: str = "zh_CN", generated_at: datetime | None = None,
                 only_open: bool = False) -> dict[str, Any]:
    """The report for `results` in `lang`.

    `summary` counts every checked listing by risk (and by open risk); its
    finding breakdowns count the findings the report holds. With `only_open`
    the report holds only listings that still have an unreviewed finding or
    checklist item, and only those items.
    """
    lang = normalize_language(lang)
    listings: list[dict[str, Any]] = []
    risk: Counter[str] = Counter({level: 0 for level in RISK_LEVELS})
    open_risk: Counter[str] = Counter({level: 0 for level in RISK_LEVELS})
    total = reviewed = checklist_total = checklist_done = 0
    severity: Counter[str] = Counter({s: 0 for s in sorted(SEVERITY_RANK, key=SEVERITY_RANK.__getitem__,
                                                            reverse=True)})
    topic: Counter[str] = Counter()
    market: Counter[str] = Counter()
    mark: Counter[str] = Counter()
    for result in results:
        risk[result.risk] += 1
        open_risk[result.open_risk] += 1
        total += len(result.findings)
        reviewed += sum(1 for f in result.findings if f.decision is not None)
        checklist_total += len(result.checklist)
        checklist_done += sum(1 for c in result.checklist if c.decision is not None)
        item = listing_dict(result, lang, only_open=only_open)
        if only_open and not item["findings"] and not item["checklist"]:
            continue
        listings.append(item)
        for f in item["findings"]:
            severity[f["severity"]] += 1
            topic[f["topic"]] += 1
            market[f["market"]] += 1
            if f["mark"]:
                mark[f["mark"]] += 1
    summary: dict[str, Any] = {
        "listings": sum(risk.values()), **{level: risk[level] for level in RISK_LEVELS},
        "included": len(listings),
        "open_risk": {level: open_risk[level] for level in RISK_LEVELS},
        "findings": {"total": total, "open": total - reviewed, "reviewed": reviewed,
                     "by_severity": dict(severity), "by_topic": _top(topic), "by_market": _top(market),
                     "by_mark": _top(mark)},
        "checklist": {"total": checklist_total, "open": checklist_total - checklist_done, "done": checklist_done},
    }
    return {
        "schema": SCHEMA_ID,
        "app_version": __version__,
        "generated_at": (generated_at or datetime.now(UTC)).isoformat(timespec="seconds"),
        "language": lang,
        "markets": list(markets),
        "data_versions": {"trademarks": versions.trademarks, "rules": versions.rules},
        "only_open": only_open,
        "summary": summary,
        "listings": listings,
    }
