"""The rule engine: evaluates a `RuleBook` against one listing for its markets.

Every term a rule book uses (rule triggers, exceptions, product-class words,
condition words) goes into one Aho-Corasick automaton over folded text, so a
listing's fields are scanned once however many rules there are. Rules are
data: there is no regular expression in a pack, so nothing can blow up.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import ahocorasick

from app.core.i18n import N_, both
from app.core.models import TEXT_FIELDS, ChecklistItem, Finding, Listing
from app.core.money import same_currency
from app.core.rules import Conditions, Rule, RuleBook, markets_covering
from app.core.textnorm import LATIN_WORD_CHARS, NormText, fold, join_fields, needs_word_boundary

PRODUCT_FIELDS = ("category", "title", "declared_name", "search_terms")
_PRODUCT_FIELDS = frozenset(PRODUCT_FIELDS)
_TEXT_FIELDS = frozenset(TEXT_FIELDS)
_MAX_PER_RULE_FIELD = 3


@dataclass(slots=True)
class Occurrence:
    field: str
    start: int  # folded-text offsets
    end: int


class _Scan:
    """What one listing contains: term occurrences by role, product classes."""

    def __init__(self) -> None:
        self.by_role: dict[tuple[str, int], list[tuple[str, Occurrence]]] = defaultdict(list)
        self.products: set[str] = set()


@dataclass(slots=True, frozen=True)
class _Scope:
    """Indexes into the rule book of what applies to one (market, channel), in book order."""

    term_rules: frozenset[int]
    condition_rules: tuple[int, ...]
    requirements: tuple[int, ...]


class RuleEngine:
    def __init__(self, book: RuleBook) -> None:
        self.book = book
        roles: dict[str, list[tuple[str, int]]] = defaultdict(list)

        def add(term: str, role: str, idx: int) -> None:
            folded = fold(term)
            if folded:
                roles[folded].append((role, idx))

        for i, rule in enumerate(book.rules):
            for t in rule.terms:
                add(t, "r", i)
            for t in rule.exceptions:
                add(t, "x", i)
            self._add_conditions(add, rule.when, "", i)
        for j, req in enumerate(book.requirements):
            self._add_conditions(add, req.when, "q", j)
        products: dict[str, set[str]] = defaultdict(set)
        for product in book.products:
            for t in product.terms:
                folded = fold(t)
                if folded:
                    products[folded].add(product.id)
        self._terms = _automaton(roles, products)
        self._condition_rules = [i for i, r in enumerate(book.rules) if not r.terms]
        self._scopes: dict[tuple[str, str], _Scope] = {}

    @staticmethod
    def _add_conditions(add, when: Conditions, prefix: str, idx: int) -> None:  # type: ignore[no-untyped-def]
        for t in when.text_any:
            add(t, prefix + "ta", idx)
        for t in when.text_none:
            add(t, prefix + "tn", idx)
        for t in when.declared_any:
            add(t, prefix + "da", idx)

    # -- scanning ------------------------------------------------------------
    def scan(self, norms: dict[str, NormText]) -> _Scan:
        """Occurrences of every term in the listing; product classes from the product fields only.

        The fields are joined with line breaks (which folded text never holds) and scanned once.
        """
        scan = _Scan()
        names = [f for f, norm in norms.items() if norm.text]
        if self._terms is None or not names:
            return scan
        joined, starts = join_fields(norms[f].text for f in names)
        last = len(joined)
        by_role = scan.by_role
        for end_idx, (length, whole_word, roles, products) in self._terms.iter(joined):
            start = end_idx - length + 1
            end = end_idx + 1
            # Inline `is_word_boundary`: this loop runs for every raw hit of the automaton.
            if whole_word and ((start and joined[start - 1] in LATIN_WORD_CHARS)
                               or (end < last and joined[end] in LATIN_WORD_CHARS)):
                continue
            i = bisect_right(starts, start) - 1
            field = names[i]
            if roles:
                occ = Occurrence(field, start - starts[i], end - starts[i])
                for key in roles:
                    by_role[key].append((field, occ))
            if products and field in _PRODUCT_FIELDS:
                scan.products.update(products)
        return scan

    # -- evaluation ----------------------------------------------------------
    def _scope(self, market: str, channel: str) -> _Scope:
        """The rules and requirements that apply to one market on one channel, worked out once."""
        key = (market, channel)
        scope = self._scopes.get(key)
        if scope is None:
            covering = markets_covering(market)
            rules, reqs = self.book.rules, self.book.requirements
            scope = _Scope(
                term_rules=frozenset(i for i, r in enumerate(rules)
                                     if r.terms and _applies(r.markets, r.channels, covering, channel)),
                condition_rules=tuple(i for i in self._condition_rules
                                      if _applies(rules[i].markets, rules[i].channels, covering, channel)),
                requirements=tuple(j for j, q in enumerate(reqs) if _applies(q.markets, q.channels, covering, channel)),
            )
            self._scopes[key] = scope  # a race only computes the same scope twice
        return scope

    def _holds(self, when: Conditions, prefix: str, idx: int, listing: Listing, scan: _Scan, has_mark: bool) -> bool:
        if when.products_any and not scan.products.intersection(when.products_any):
            return False
        if when.products_none and scan.products.intersection(when.products_none):
            return False
        if when.text_any and not any(f in _TEXT_FIELDS for f, _ in scan.by_role.get((prefix + "ta", idx), ())):
            return False
        if when.text_none and any(f in _TEXT_FIELDS for f, _ in scan.by_role.get((prefix + "tn", idx), ())):
            return False
        if any(listing.get(f).strip() for f in when.fields_missing):
            return False
        if not all(listing.get(f).strip() for f in when.fields_present):
            return False
        if when.price_below is not None or when.price_above is not None:
            price = listing.price()
            if price is None:
                return False
            if when.price_below is not None and not price < when.price_below:
                return False
            if when.price_above is not None and not price > when.price_above:
                return False
        if when.declared_any and not any(f == "declared_name" for f, _ in scan.by_role.get((prefix + "da", idx), ())):
            return False
        if when.declared_value_ratio_below is not None:
            price, declared = listing.price(), listing.declared_value()
            if not same_currency(listing.get("currency"), listing.get("price"), listing.get("declared_value")):
                return False  # no exchange rates offline: a value in another currency is not compared
            if price is None or declared is None or price <= 0 or declared / price >= when.declared_value_ratio_below:
                return False
        if when.has_mark is not None and when.has_mark != has_mark:
            return False
        return True

    def evaluate(
        self,
        listing: Listing,
        norms: dict[str, NormText],
        markets: tuple[str, ...],
        *,
        channel: str = "",
        has_mark: bool = False,
        on: date | None = None,
        scan: _Scan | None = None,
    ) -> tuple[list[Finding], list[ChecklistItem]]:
        on = on or date.today()
        scan = scan or self.scan(norms)
        findings: list[Finding] = []
        checklist: list[ChecklistItem] = []
        rules, requirements = self.book.rules, self.book.requirements
        fired = {idx for (role, idx) in scan.by_role if role == "r"}
        for market in markets:
            scope = self._scope(market, channel)
            for i in [*sorted(fired & scope.term_rules), *scope.condition_rules]:
                rule = rules[i]
                severity, note = _dated_severity(rule.severity, rule.effective_from, rule.effective_until, on)
                if severity is None or not self._holds(rule.when, "", i, listing, scan, has_mark):
                    continue
                if rule.terms:
                    findings.extend(self._term_findings(rule, i, listing, norms, scan, market, severity, note))
                else:
                    findings.append(self._listing_finding(rule, i, listing, norms, scan, market, severity, note))
            for j in scope.requirements:
                req = requirements[j]
                if req.effective_until and on > req.effective_until:
                    continue
                if self._holds(req.when, "q", j, listing, scan, has_mark):
                    checklist.append(ChecklistItem(req.id, market, req.item, req.detail, req.source))
        return findings, checklist

    def _term_findings(self, rule: Rule, i: int, listing: Listing, norms: dict[str, NormText], scan: _Scan,
                       market: str, severity: str, note: dict[str, str] | None) -> list[Finding]:
        exceptions = scan.by_role.get(("x", i), ())
        out: list[Finding] = []
        per_field: dict[str, int] = defaultdict(int)
        for field, occ in scan.by_role.get(("r", i), ()):
            if field not in rule.fields or per_field[field] >= _MAX_PER_RULE_FIELD:
                continue
            if any(f == field and e.start <= occ.start and occ.end <= e.end for f, e in exceptions):
                continue
            per_field[field] += 1
            start, end = norms[field].span(occ.start, occ.end)
            out.append(_finding(rule, listing, market, field, start, end, severity, note))
        return out

    def _listing_finding(self, rule: Rule, i: int, listing: Listing, norms: dict[str, NormText], scan: _Scan,
                         market: str, severity: str, note: dict[str, str] | None) -> Finding:
        declared = [occ for f, occ in scan.by_role.get(("da", i), ()) if f == "declared_name"]
        if declared:
            start, end = norms["declared_name"].span(declared[0].start, declared[0].end)
            return _finding(rule, listing, market, "declared_name", start, end, severity, note)
        if rule.when.fields_missing:
            return _finding(rule, listing, market, rule.when.fields_missing[0], 0, 0, severity, note)
        if rule.when.declared_value_ratio_below is not None:
            return _finding(rule, listing, market, "declared_value", 0, len(listing.get("declared_value")), severity, note)
        return _finding(rule, listing, market, "title", 0, 0, severity, note)


def _automaton(roles: dict[str, list[tuple[str, int]]], products: dict[str, set[str]]) -> ahocorasick.Automaton | None:
    """One automaton for every term: what each is for in the rules, and the product classes it names."""
    terms = roles.keys() | products.keys()
    if not terms:
        return None
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, (len(term), needs_word_boundary(term), tuple(roles.get(term, ())),
                                  tuple(sorted(products.get(term, ())))))
    automaton.make_automaton()
    return automaton


def _applies(markets: tuple[str, ...], channels: tuple[str, ...], covering: tuple[str, ...], channel: str) -> bool:
    if not any(m in markets for m in covering):
        return False
    # Marketplace policies apply where the seller sells there (a --channel, the file's layout, a column).
    return not channels or channel in channels


def _dated_severity(severity: str, start: date | None, until: date | None, on: date) -> tuple[str | None, dict[str, str] | None]:
    if until is not None and on > until:
        return None, None
    if start is not None and on < start:
        return "info", both(N_("Applies from {date}."), date=start.isoformat())
    return severity, None


def _finding(rule: Rule, listing: Listing, market: str, field: str, start: int, end: int, severity: str,
             note: dict[str, str] | None) -> Finding:
    message = dict(rule.message)
    if note:
        message = {lang: f"{note[lang]} {text}" for lang, text in message.items()}
    return Finding(
        kind="rule", topic=rule.topic, severity=severity,  # type: ignore[arg-type]
        market=market, field=field, start=start, end=end, matched=listing.get(field)[start:end],
        message=message, suggestion=dict(rule.suggestion), source=rule.source, rule_id=rule.id,
    )
