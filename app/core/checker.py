"""The checker: turns listings into findings and checklist items.

It normalises each field once, runs the brand matcher and the rule engine on
the result, decides what each brand hit means for this seller (own brand,
authorised, context, severity) and says why in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from app.core.i18n import N_, both
from app.core.markets import DEFAULT_MARKETS
from app.core.matcher import BrandMatcher, Hit, drop_contained
from app.core.models import SEVERITY_RANK, TEXT_FIELDS, Finding, Listing, ListingResult, Mark
from app.core.ruleengine import RuleEngine
from app.core.rules import EU_MEMBERS, RuleBook
from app.core.textnorm import ExplicitLayer, NormText, fold, fold_mark, for_marks_fields, is_word_boundary, normalize

_SEVERITIES = ("info", "low", "medium", "high")
_PROMINENT_FIELDS = {"title", "brand", "search_terms", "bullet_1", "bullet_2", "bullet_3", "bullet_4", "bullet_5"}
_MAX_HITS_PER_FIELD = 3


@dataclass(slots=True, frozen=True)
class Authorisation:
    mark: str
    reference: str = ""
    expires: date | None = None


@dataclass(slots=True)
class SellerLists:
    """The seller's own brands, their authorisations, and their watch-list of extra marks."""

    own_brands: list[str] = field(default_factory=list)
    authorisations: list[Authorisation] = field(default_factory=list)
    watchlist: list[Mark] = field(default_factory=list)

    def own_keys(self) -> set[str]:
        return {fold(b) for b in self.own_brands if b.strip()}

    def authorisation_for(self, mark: Mark) -> Authorisation | None:
        keys = {fold(mark.name), fold(mark.parent)} - {""}
        for auth in self.authorisations:
            if fold(auth.mark) in keys:
                return auth
        return None


_Terms = tuple[frozenset[str], tuple[str, ...]]


@dataclass(slots=True, frozen=True)
class _MarkFacts:
    own: bool  # the seller's own brand (or its parent is)
    authorisation: Authorisation | None
    bare_name: str  # the name as `_bare` compares it
    context: _Terms  # words that make an ordinary-word mark the brand: one-word, and phrases/CJK
    goods: _Terms  # those and the words for its goods


def _split_terms(terms: set[str]) -> _Terms:
    single = frozenset(w for w in terms if w.isascii() and w.isalnum())
    return single, tuple(terms - single)


Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class CheckCancelled(Exception):
    """Raised inside `Checker.check_all` when the caller asked to stop."""


class Checker:
    def __init__(self, marks: Sequence[Mark], rulebook: RuleBook, *, seller: SellerLists | None = None,
                 fuzzy_ignore: Iterable[str] = ()) -> None:
        self.seller = seller or SellerLists()
        self.marks = [*marks, *self.seller.watchlist]
        self.matcher = BrandMatcher(self.marks, fuzzy_ignore=fuzzy_ignore)
        self.engine = RuleEngine(rulebook)
        self.rulebook = rulebook
        self._own = self.seller.own_keys()
        self._facts: dict[int, _MarkFacts] = {}

    # -- one listing ---------------------------------------------------------
    def check(self, listing: Listing, markets: Sequence[str] = DEFAULT_MARKETS, *, channel: str = "",
              on: date | None = None) -> ListingResult:
        on = on or date.today()
        markets = tuple(listing.markets or markets)
        norms = self._normalise(listing)
        findings = self._trademark_findings(listing, norms, self._hits(norms), markets, on)
        has_mark = any(f.kind == "trademark" and f.match != "nominative" for f in findings)
        rule_findings, checklist = self.engine.evaluate(
            listing, norms, markets, channel=channel, has_mark=has_mark, on=on)
        findings.extend(rule_findings)
        findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], TEXT_FIELDS.index(f.field)
                                     if f.field in TEXT_FIELDS else 99, f.start))
        return ListingResult(listing, findings, checklist)

    def check_trademarks(self, listing: Listing, markets: Sequence[str] = DEFAULT_MARKETS, *,
                         on: date | None = None) -> list[Finding]:
        """The trademark findings alone (with their counterfeit-wording findings), without the rule engine."""
        norms = self._normalise(listing)
        return self._trademark_findings(listing, norms, self._hits(norms), tuple(listing.markets or markets),
                                        on or date.today())

    def _hits(self, norms: dict[str, NormText]) -> list[Hit]:
        return self.matcher.scan(for_marks_fields((name, norm) for name, norm in norms.items() if name != "category"))

    def check_all(self, listings: Sequence[Listing], markets: Sequence[str] = DEFAULT_MARKETS, *, channel: str = "",
                  progress: Progress | None = None, cancelled: Cancelled | None = None,
                  on: date | None = None) -> Iterator[ListingResult]:
        total = len(listings)
        step = max(1, total // 100)
        for i, listing in enumerate(listings):
            if cancelled is not None and i % 64 == 0 and cancelled():
                raise CheckCancelled()
            yield self.check(listing, markets, channel=channel, on=on)
            if progress is not None and (i % step == 0 or i == total - 1):
                progress(i + 1, total)

    @staticmethod
    def _normalise(listing: Listing) -> dict[str, NormText]:
        norms: dict[str, NormText] = {}
        for name in TEXT_FIELDS:
            raw = listing.get(name)
            if not raw:
                continue
            plain = listing.plain.get(name)
            if plain is not None:
                text, starts, ends = plain
                norms[name] = normalize(text, source=raw, layer=ExplicitLayer(starts, ends))
            else:
                norms[name] = normalize(raw)
        return norms

    # -- trademarks ----------------------------------------------------------
    def _mark_facts(self, idx: int) -> _MarkFacts:
        """What the checker needs to know of a mark for every hit on it, worked out once."""
        facts = self._facts.get(idx)
        if facts is None:
            mark = self.matcher.marks[idx]
            own = fold(mark.name) in self._own or bool(mark.parent and fold(mark.parent) in self._own)
            context = {w for w in map(fold, mark.context) if w}
            goods = {w for w in map(fold, mark.keywords) if w} | context
            facts = _MarkFacts(own, self.seller.authorisation_for(mark), _bare(fold_mark(mark.name)),
                               _split_terms(context), _split_terms(goods))
            self._facts[idx] = facts
        return facts

    def _has_context(self, facts: _MarkFacts, norms: dict[str, NormText], hit: Hit, *, goods: bool,
                     words: _ListingWords) -> bool:
        """Whether the listing's other words make this hit the brand: its context words, or with
        `goods` also the words for its goods (a misspelling next to "sneakers" is the sneaker brand)."""
        if hit.field == "brand":
            return True
        single, other = facts.goods if goods else facts.context
        if not single and not other:
            return False
        own = _fold_hit(norms[hit.field].text[hit.norm_start:hit.norm_end]) if hit.field in norms else ""
        key = (hit.mark, goods, own)
        found = words.seen.get(key)
        if found is None:
            text = words.text(norms)
            found = any(w != own and _contains_term(text, w) for terms in (single, other) for w in terms)
            words.seen[key] = found
        return found

    def _counts(self, hit: Hit, norms: dict[str, NormText], listing: Listing, on: date,
                words: _ListingWords) -> bool:
        """Whether a matcher hit is a risk for this seller in this listing."""
        facts = self._mark_facts(hit.mark)
        if facts.own:
            return False
        auth = facts.authorisation
        if auth is not None and (auth.expires is None or auth.expires >= on):
            return False
        # An ordinary word ("apple", "polo") is the brand only in context; a longer alias
        # ("Samsung Galaxy", "Polo Ralph Lauren") says so by itself.
        mark = self.matcher.marks[hit.mark]
        written, bare = _fold_written(listing.get(hit.field)[hit.start:hit.end])
        ordinary = hit.weak or (mark.generic and (hit.edited or bare == facts.bare_name))
        if ordinary and not self._has_context(facts, norms, hit, goods=False, words=words):
            return False
        # A short misspelling ("cinco" ~ Cisco) or one across words ("play station", "happy mail") needs
        # the brand's goods nearby; a long one-word misspelling ("swarovsky") is deliberate.
        if (hit.edited and hit.match != "disguised" and (len(written) < 7 or " " in written)
                and not self._has_context(facts, norms, hit, goods=True, words=words)):
            return False
        return True

    def _trademark_findings(self, listing: Listing, norms: dict[str, NormText], hits: list[Hit],
                            markets: tuple[str, ...], on: date) -> list[Finding]:
        findings: list[Finding] = []
        per_field: dict[tuple[int, str], int] = {}
        words = _ListingWords()
        for hit in drop_contained([h for h in hits if self._counts(h, norms, listing, on, words)]):
            mark = self.matcher.marks[hit.mark]
            auth = self._mark_facts(hit.mark).authorisation  # still here: it has expired
            expired = auth is not None
            key = (hit.mark, hit.field)
            per_field[key] = per_field.get(key, 0) + 1
            if per_field[key] > _MAX_HITS_PER_FIELD:
                continue
            severity = _severity(mark, hit)
            matched = listing.get(hit.field)[hit.start:hit.end]
            message, suggestion = _explain(mark, hit, matched, expired, auth)
            for market, sev in _markets_for(mark, markets, severity):
                findings.append(Finding(
                    kind="trademark", topic="trademark", severity=sev, market=market, field=hit.field,
                    start=hit.start, end=hit.end, matched=matched, message=message, suggestion=suggestion,
                    source=mark.source, mark=mark.name, owner=mark.owner, match=hit.match,
                ))
                if hit.match == "disguised" and hit.cue_start >= 0:
                    cue = listing.get(hit.field)[hit.cue_start:hit.cue_end]
                    findings.append(Finding(
                        kind="rule", topic="counterfeit_signal", severity="high", market=market, field=hit.field,
                        start=hit.cue_start, end=hit.cue_end, matched=cue,
                        message=both(N_("“{cue}” next to the brand {mark} offers an imitation; customs and "
                                        "marketplaces treat such listings as counterfeits."), cue=cue, mark=mark.name),
                        suggestion=both(N_("Delete the imitation wording and the brand; describe your own design, "
                                           "material and size instead.")),
                        source="19 CFR Part 133; Regulation (EU) No 608/2013 <https://eur-lex.europa.eu/eli/reg/2013/608/oj>",
                        rule_id="tm_disguise_phrase",
                    ))
        return _dedupe(findings)


_NON_ALNUM = re.compile(r"[\W_]+")


# The same few words are hit in listing after listing ("office", "mini", "apple"): fold each once.
_fold_hit = lru_cache(maxsize=1 << 16)(fold)


@lru_cache(maxsize=1 << 16)
def _fold_written(written: str) -> tuple[str, str]:
    """A hit as the seller wrote it, folded for marks, and that without spacing or plural s (`_bare`)."""
    folded = fold_mark(written)
    return folded, _bare(folded)


def _bare(name: str) -> str:
    """A folded name without spacing, punctuation or plural s: "wi-fi", "wifi" and "wi fi" are one word."""
    return _NON_ALNUM.sub("", name).rstrip("s")


class _ListingWords:
    """A listing's folded text, joined only when a context check needs it, and the checks' answers."""

    def __init__(self) -> None:
        self._text: str | None = None
        self.seen: dict[tuple[int, bool, str], bool] = {}

    def text(self, norms: dict[str, NormText]) -> str:
        if self._text is None:
            self._text = "\n".join(n.text for n in norms.values())
        return self._text


def _contains_term(text: str, term: str) -> bool:
    """A multi-word or CJK term in folded text; Latin terms as whole words."""
    if not term.isascii():
        return term in text
    start = text.find(term)
    while start >= 0:
        if is_word_boundary(text, start, start + len(term)):
            return True
        start = text.find(term, start + 1)
    return False


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[object, ...]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.kind, f.rule_id, f.mark, f.market, f.field, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _markets_for(mark: Mark, markets: tuple[str, ...], severity: str) -> list[tuple[str, str]]:
    """The listing's markets where the mark is protected; elsewhere one step lower."""
    protected = set(mark.markets)
    out: list[tuple[str, str]] = []
    for market in markets:
        covered = "GLOBAL" in protected or market in protected or (market in EU_MEMBERS and "EU" in protected)
        out.append((market, severity if covered else _lower(severity)))
    return out


def _lower(severity: str) -> str:
    return _SEVERITIES[max(1, _SEVERITIES.index(severity) - 1)]


def _severity(mark: Mark, hit: Hit) -> str:
    famous = mark.tier == 1 or mark.plaintiff
    if hit.match == "disguised":
        return "high"
    if hit.match == "nominative":
        return "medium" if famous else "low"
    if hit.match == "fuzzy":
        return "high" if famous else "medium"
    if hit.field in _PROMINENT_FIELDS:
        return "high" if (mark.tier <= 2 or mark.plaintiff) else "medium"
    return "high" if mark.plaintiff else "medium"


def _explain(mark: Mark, hit: Hit, matched: str, expired: bool, auth: Authorisation | None) -> tuple[dict[str, str], dict[str, str]]:
    p = {"matched": matched, "mark": mark.name, "owner": mark.owner, "cue": hit.cue}
    if expired and auth is not None:
        p["date"] = auth.expires.isoformat() if auth.expires else ""
        return (both(N_("Your authorisation to use {mark} ({owner}) expired on {date}; “{matched}” is no longer "
                        "covered."), **p),
                both(N_("Renew the authorisation and update its expiry date in My brands, or remove {mark} from "
                        "the listing."), **p))
    if hit.match == "disguised":
        msg = N_("“{matched}” presents the product as an imitation of {mark} ({owner}); look-alike offers are "
                 "treated as counterfeits and get seized or sued.")
        sug = N_("Remove {mark} and the imitation wording; sell it under your own brand with your own description.")
    elif hit.match == "nominative":
        msg = N_("“{matched}” names {mark} ({owner}) to say what the product fits; this is allowed only as a "
                 "compatibility statement, never as the product's brand.")
        sug = N_("Keep it as “compatible with {mark}” after your own brand, without their logo or product photos, "
                 "and do not imply {owner} makes or endorses it.")
    elif hit.match == "fuzzy":
        msg = N_("“{matched}” looks like a misspelling of the trademark {mark} ({owner}); deliberate misspellings "
                 "are treated like the brand itself.")
        sug = N_("Remove it; do not use altered spellings of other companies' brands.")
    elif hit.field == "brand":
        msg = N_("The Brand field says “{matched}”, the trademark {mark} of {owner}; listing goods under someone "
                 "else's brand is trademark infringement unless they are genuine.")
        sug = N_("Enter your own brand (or “Generic”) unless you sell genuine {mark} goods and can prove it; if "
                 "{mark} is your brand, add it under My brands.")
    elif hit.field == "search_terms":
        msg = N_("The search terms contain “{matched}”, the trademark {mark} of {owner}; hidden brand keywords "
                 "are against marketplace policy and used as evidence in lawsuits.")
        sug = N_("Delete {mark} from the search terms; use words that describe your product.")
    else:
        msg = N_("“{matched}” is the trademark {mark} of {owner}; using another company's brand in a listing can "
                 "lead to takedown, frozen funds or a lawsuit.")
        sug = N_("Remove {mark} unless you sell genuine {mark} goods or hold an authorisation (add it under My "
                 "brands); describe the product with generic words.")
    message = both(msg, **p)
    if mark.plaintiff:
        extra = both(N_("{owner} is known for mass lawsuits against online sellers."), **p)
        message = {lang: f"{text} {extra[lang]}" for lang, text in message.items()}
    return message, both(sug, **p)
