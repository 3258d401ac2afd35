"""Plain data the whole app shares: listings, marks, rules, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Severity = Literal["high", "medium", "low", "info"]
Risk = Literal["high", "medium", "low", "none"]
MatchType = Literal["exact", "alias", "fuzzy", "disguised", "nominative"]

SEVERITY_RANK: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3}
RISK_LEVELS: tuple[str, ...] = ("high", "medium", "low", "none")

TOPICS: tuple[str, ...] = (
    "trademark",
    "counterfeit_signal",
    "medical_claim",
    "pesticide_claim",
    "regulatory_claim",
    "environmental_claim",
    "children_product",
    "battery",
    "electrical_safety",
    "radio_equipment",
    "cosmetics",
    "food_supplement",
    "restricted_product",
    "customs_mismatch",
    "listing_info",
    "promotional_claim",
    "protected_symbol",
)

BULLET_FIELDS: tuple[str, ...] = tuple(f"bullet_{i}" for i in range(1, 6))
# Fields whose text is checked, in the order findings are shown.
TEXT_FIELDS: tuple[str, ...] = (
    "title",
    *BULLET_FIELDS,
    "search_terms",
    "description",
    "brand",
    "category",
    "declared_name",
)
# Every field a listing can carry (the importer maps spreadsheet columns onto these).
LISTING_FIELDS: tuple[str, ...] = (
    "sku",
    *TEXT_FIELDS,
    "hs_code",
    "price",
    "currency",
    "market",
    "manufacturer",
    "eu_responsible_person",
    "declared_value",
)


@dataclass(slots=True)
class Listing:
    """One product listing as imported, with where it came from."""

    fields: dict[str, str]
    source: str = ""
    sheet: str = ""
    row: int = 0
    markets: tuple[str, ...] = ()
    # Plain-text form of a field checked in place of the raw value (HTML descriptions):
    # text, and for each of its characters the [start, end) span in the raw value.
    plain: dict[str, tuple[str, list[int], list[int]]] = field(default_factory=dict)

    def get(self, name: str) -> str:
        return self.fields.get(name, "") or ""

    @property
    def sku(self) -> str:
        return self.get("sku")

    @property
    def title(self) -> str:
        return self.get("title")

    def price(self) -> float | None:
        return parse_number(self.get("price"))

    def declared_value(self) -> float | None:
        return parse_number(self.get("declared_value"))


def parse_number(text: str) -> float | None:
    """A price as sellers type it: '12.99', '$12.99', '1,299.00', '12,99 €', '¥ 35'."""
    cleaned = "".join(ch for ch in text if ch.isdigit() or ch in ".,-")
    if not cleaned or not any(ch.isdigit() for ch in cleaned):
        return None
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        head, _, tail = cleaned.rpartition(",")
        cleaned = f"{head.replace(',', '')}.{tail}" if len(tail) != 3 else cleaned.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


@dataclass(slots=True, frozen=True)
class Mark:
    """A trademark we check for."""

    name: str
    owner: str
    category: str
    parent: str = ""
    aliases: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    ja: tuple[str, ...] = ()
    nice_classes: tuple[int, ...] = ()
    keywords: tuple[str, ...] = ()
    markets: tuple[str, ...] = ("GLOBAL",)
    tier: int = 2
    plaintiff: bool = False
    generic: bool = False
    context: tuple[str, ...] = ()
    source: str = ""
    origin: str = "bundled"  # bundled | watchlist | uspto | import

    @property
    def key(self) -> str:
        return f"{self.name}\x1f{self.owner}"


DecisionState = Literal["false_alarm", "authorised", "fixed", "accepted_risk"]
DECISION_STATES: tuple[str, ...] = ("false_alarm", "authorised", "fixed", "accepted_risk")


@dataclass(slots=True, frozen=True)
class Decision:
    """A seller's review decision on a finding or a ticked checklist item: who, when, why."""

    state: str  # one of DECISION_STATES, or "done" for a checklist item
    by: str = ""
    at: str = ""  # ISO timestamp
    note: str = ""


@dataclass(slots=True)
class Finding:
    """One risk found in one field of one listing."""

    kind: Literal["trademark", "rule"]
    topic: str
    severity: Severity
    market: str
    field: str
    start: int
    end: int
    matched: str
    message: dict[str, str]
    suggestion: dict[str, str]
    source: str = ""
    mark: str = ""
    owner: str = ""
    match: str = ""
    rule_id: str = ""
    decision: Decision | None = None  # set from the workspace when the seller has reviewed it

    def identity(self) -> tuple[str, str, str, str, str]:
        """What a review decision is attached to: survives re-imports and edits elsewhere."""
        what = self.mark or self.rule_id
        return (self.kind, what, self.market, self.field, self.matched.casefold())


@dataclass(slots=True)
class ChecklistItem:
    requirement_id: str
    market: str
    item: dict[str, str]
    detail: dict[str, str]
    source: str
    decision: Decision | None = None  # ticked off by the seller


@dataclass(slots=True)
class ListingResult:
    listing: Listing
    findings: list[Finding]
    checklist: list[ChecklistItem] = field(default_factory=list)

    @property
    def risk(self) -> Risk:
        return risk_of(self.findings)

    @property
    def open_findings(self) -> list[Finding]:
        """Findings the seller has not reviewed yet."""
        return [f for f in self.findings if f.decision is None]

    @property
    def open_risk(self) -> Risk:
        return risk_of(self.open_findings)


def risk_of(findings: list[Finding]) -> Risk:
    top = max((SEVERITY_RANK[f.severity] for f in findings), default=0)
    return ("none", "low", "medium", "high")[top]  # type: ignore[return-value]


@dataclass(slots=True, frozen=True)
class DataVersions:
    trademarks: str
    rules: str


def today() -> date:
    return date.today()
