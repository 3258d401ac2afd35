"""What the listings table filters, sorts and counts on, computed once per listing (no Qt).

Computed in the background for a whole catalogue, so the GUI thread only
swaps in the finished lists; after a decision or an edit one row is redone
and the dashboard counts are adjusted by that row alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from app.core.models import SEVERITY_RANK, ListingResult, risk_of
from app.store.pipeline import CheckedCatalogue
from app.store.runs import finding_key

RISK_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}
RANK_RISK = {v: k for k, v in RISK_RANK.items()}
REVIEW_FILTERS = ("todo", "reviewed", "clean", "new", "false_alarm", "authorised", "fixed", "accepted_risk")


@dataclass(slots=True)
class RowFacts:
    open_rank: int  # risk of the findings not yet reviewed
    risk_rank: int  # risk of all findings
    findings: int
    open: int
    top: str
    markets: frozenset[str]
    topics: frozenset[str]
    brands: frozenset[str]
    states: frozenset[str]  # decision states on this listing's findings
    review: str  # todo | reviewed | clean
    status: str  # new | changed | "" (since the previous import)
    new_findings: int
    text: str  # casefolded SKU, title, brand and matched words, for the search box

    @property
    def is_new(self) -> bool:
        return bool(self.status) or self.new_findings > 0


def facts_for(result: ListingResult, status: str = "", new_keys: frozenset[str] | set[str] = frozenset()) -> RowFacts:
    findings = result.findings
    open_ = [f for f in findings if f.decision is None]
    top = max(open_ or findings, key=lambda f: SEVERITY_RANK[f.severity], default=None)
    listing = result.listing
    matched = " ".join(f.matched for f in findings)
    return RowFacts(
        open_rank=RISK_RANK[risk_of(open_)], risk_rank=RISK_RANK[risk_of(findings)], findings=len(findings),
        open=len(open_), top=(top.mark or top.topic) if top else "",
        markets=frozenset(f.market for f in findings), topics=frozenset(f.topic for f in findings),
        brands=frozenset(f.mark for f in findings if f.mark),
        states=frozenset(f.decision.state for f in findings if f.decision is not None),
        review="clean" if not findings else ("todo" if open_ else "reviewed"), status=status,
        new_findings=sum(1 for f in findings if finding_key(f) in new_keys),
        text=f"{listing.sku}\n{listing.title}\n{listing.get('brand')}\n{matched}".casefold(),
    )


@dataclass(slots=True)
class ListingFilter:
    """The seller's filter; empty strings mean 'any'."""

    risk: str = ""
    market: str = ""
    topic: str = ""
    brand: str = ""
    review: str = ""
    text: str = ""

    def active(self) -> bool:
        return any((self.risk, self.market, self.topic, self.brand, self.review, self.text.strip()))

    def accepts(self, f: RowFacts) -> bool:
        if self.risk and f.open_rank != RISK_RANK[self.risk]:
            return False
        if self.market and self.market not in f.markets:
            return False
        if self.topic and self.topic not in f.topics:
            return False
        if self.brand and self.brand not in f.brands:
            return False
        if self.review and not self.review_matches(f):
            return False
        text = self.text.strip().casefold()
        return not text or text in f.text


    def review_matches(self, f: RowFacts) -> bool:
        if self.review == "new":
            return f.is_new
        if self.review in ("todo", "reviewed", "clean"):
            return f.review == self.review
        return self.review in f.states


@dataclass(slots=True)
class Summary:
    """Listing counts behind the summary line and the dashboard; adjusted one row at a time."""

    total: int = 0
    by_risk: Counter[str] = field(default_factory=Counter)  # open risk
    by_topic: Counter[str] = field(default_factory=Counter)
    by_market: Counter[str] = field(default_factory=Counter)
    by_brand: Counter[str] = field(default_factory=Counter)
    by_review: Counter[str] = field(default_factory=Counter)
    new: int = 0

    def add(self, f: RowFacts, sign: int = 1) -> None:
        self.total += sign
        self.by_risk[RANK_RISK[f.open_rank]] += sign
        self.by_review[f.review] += sign
        self.new += sign if f.is_new else 0
        for counter, keys in ((self.by_topic, f.topics), (self.by_market, f.markets), (self.by_brand, f.brands)):
            for k in keys:
                counter[k] += sign
                if counter[k] <= 0:
                    del counter[k]

    def remove(self, f: RowFacts) -> None:
        self.add(f, -1)


@dataclass(slots=True)
class Prepared:
    """A checked catalogue made ready for the window: facts per listing, the counts, and the first order."""

    checked: CheckedCatalogue
    facts: list[RowFacts]
    summary: Summary
    order: list[int]  # listing indices, riskiest first
    text_ranks: dict[str, list[int]] = field(default_factory=dict)  # field -> each listing's place in A-Z order


def text_ranks(values: list[str]) -> list[int]:
    """Each value's position in sorted order: the GUI thread then sorts by small ints, not by strings."""
    ranks = [0] * len(values)
    for position, i in enumerate(sorted(range(len(values)), key=values.__getitem__)):
        ranks[i] = position
    return ranks


def new_keys_by_listing(checked: CheckedCatalogue) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for lkey, fkey in checked.new_findings:
        out.setdefault(lkey, set()).add(fkey)
    return out


def prepare(checked: CheckedCatalogue) -> Prepared:
    new = new_keys_by_listing(checked)
    empty: frozenset[str] = frozenset()
    facts = [facts_for(r, s, new.get(k, empty)) for r, s, k in zip(checked.results, checked.status, checked.keys)]
    summary = Summary()
    for f in facts:
        summary.add(f)
    n = len(facts)
    # one int per row, so the sort compares machine integers (short, predictable GIL hold)
    order = sorted(range(n), key=lambda i: (3 - facts[i].open_rank) * n + i)
    ranks = {name: text_ranks([r.listing.get(name).casefold() for r in checked.results]) for name in ("sku", "title")}
    return Prepared(checked, facts, summary, order, ranks)
