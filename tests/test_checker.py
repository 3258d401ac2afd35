"""The checker on the small fixture mark list and rule pack (tests/fixtures)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.bundle import load_bundle
from app.core.checker import Authorisation, Checker, SellerLists
from app.core.models import Listing
from app.core.textnorm import normalize


def tm(result):
    return {(f.mark, f.match) for f in result.findings if f.kind == "trademark"}


@pytest.mark.parametrize(
    ("title", "mark", "match"),
    [
        ("Nike running shoes", "Nike", "exact"),
        ("N1ke running shoes", "Nike", "fuzzy"),
        ("N I K E hoodie", "Nike", "fuzzy"),
        ("Nikee sneakers", "Nike", "fuzzy"),
        ("Ｎｉｋｅ 运动鞋", "Nike", "fuzzy"),
        ("N\u0456ke sneakers", "Nike", "fuzzy"),
        ("Ni\u200bke sneakers", "Nike", "fuzzy"),
        ("Addidas running shoes", "Adidas", "fuzzy"),
        ("耐克运动鞋", "Nike", "alias"),
        ("LV monogram tote", "Louis Vuitton", "alias"),
        ("耐克同款运动鞋", "Nike", "disguised"),
        ("Adidas 风格 T恤", "Adidas", "disguised"),
        ("Nike-inspired trainers", "Nike", "disguised"),
        ("1:1 replica Gucci belt", "Gucci", "disguised"),
        ("Case for iPhone 16 Pro", "iPhone", "nominative"),
        ("Compatible with Samsung Galaxy S24", "Samsung", "nominative"),
        ("Replacement band for Apple Watch", "Apple Watch", "nominative"),
        ("Fits Dyson V11 filter", "Dyson", "nominative"),
        ("拉布布毛绒公仔", "Labubu", "alias"),
        ("Air Jordan 1 retro", "Air Jordan", "exact"),
        # Cues before the mark, read backwards from it: with an article, and each kind of phrase.
        ("Strap for all Samsung Galaxy watches", "Samsung", "nominative"),
        ("Case for the iPhone 16", "iPhone", "nominative"),
        ("Inspired by Nike trainers", "Nike", "disguised"),
        ("Look-alike of Nike sneakers", "Nike", "disguised"),
        ("高仿耐克运动鞋", "Nike", "disguised"),
    ],
)
def test_finds_marks(checker, title: str, mark: str, match: str) -> None:
    result = checker.check(Listing({"title": title}), ["US"])
    assert (mark, match) in tm(result)


@pytest.mark.parametrize(
    "title",
    ["Stainless apple slicer corer", "Men's polo shirt cotton", "10 inch ring light with tripod",
     "Monike summer dress", "lg size hoodie"],
)
def test_quiet_on_ordinary_words(checker, title: str) -> None:
    result = checker.check(Listing({"title": title}), ["US"])
    assert not [f for f in result.findings if f.kind == "trademark"], result.findings


def test_generic_mark_with_context_is_reported(checker) -> None:
    result = checker.check(Listing({"title": "Ring video doorbell camera"}), ["US"])
    assert ("Ring", "exact") in tm(result)


def test_nominative_is_never_high(checker) -> None:
    result = checker.check(Listing({"title": "Case for iPhone 16 Pro"}), ["US"])
    assert all(f.severity != "high" for f in result.findings if f.match == "nominative")


def test_disguise_adds_counterfeit_signal(checker) -> None:
    result = checker.check(Listing({"title": "Nike style running shoes"}), ["US"])
    signal = [f for f in result.findings if f.topic == "counterfeit_signal"]
    assert signal and signal[0].matched == "style" and signal[0].severity == "high"
    assert result.risk == "high"


def test_cue_before_the_mark_is_the_counterfeit_signal(checker) -> None:
    result = checker.check(Listing({"title": "Trainers inspired by Nike"}), ["US"])
    assert [f.matched for f in result.findings if f.topic == "counterfeit_signal"] == ["inspired by"]


def test_kana_written_plainly_is_an_alias_not_a_misspelling() -> None:
    # Katakana with (han)dakuten ("ポ", "ピ") decompose under NFD; that is not an altered spelling.
    bundle = load_bundle()
    checker = Checker(bundle.marks, bundle.rulebook, fuzzy_ignore=bundle.fuzzy_ignore)
    result = checker.check(Listing({"title": "ポケモン ピカチュウ ぬいぐるみ"}), ["JP"])
    assert {("Pokémon", "alias"), ("Pikachu", "alias")} <= tm(result)


def test_the_longest_misspelling_is_located() -> None:
    # "philip's" and "philip" are both a letter from "philips": the finding covers the whole word.
    bundle = load_bundle()
    matcher = Checker(bundle.marks, bundle.rulebook, fuzzy_ignore=bundle.fuzzy_ignore).matcher
    hits = matcher.scan([("title", normalize("Prince Philip Blue / Prince Philip's Horse"))])
    spans = {(h.start, h.end) for h in hits if matcher.marks[h.mark].name == "Philips"}
    assert (28, 36) in spans and (28, 34) not in spans


def test_offsets_point_at_the_sellers_characters(checker) -> None:
    listing = Listing({"title": "Soft Ｎｉｋｅ hoodie", "search_terms": "hoodie n.i.k.e warm"})
    result = checker.check(listing, ["US"])
    for f in result.findings:
        assert listing.get(f.field)[f.start:f.end] == f.matched
    assert {f.matched for f in result.findings if f.kind == "trademark"} == {"Ｎｉｋｅ", "n.i.k.e"}


def test_brand_field_and_search_terms(checker) -> None:
    result = checker.check(Listing({"title": "Running shoes", "brand": "Nike", "search_terms": "adidas shoes"}), ["US"])
    fields = {(f.mark, f.field) for f in result.findings if f.kind == "trademark"}
    assert fields == {("Nike", "brand"), ("Adidas", "search_terms")}


def test_own_brand_and_authorisation(make_checker) -> None:
    listing = Listing({"title": "Nike running shoes and Adidas socks"})
    own = make_checker(SellerLists(own_brands=["NIKE"]))
    assert {m for m, _ in tm(own.check(listing, ["US"]))} == {"Adidas"}
    valid = make_checker(SellerLists(authorisations=[Authorisation("Adidas", "LIC-1", date(2099, 1, 1))]))
    assert {m for m, _ in tm(valid.check(listing, ["US"]))} == {"Nike"}
    expired = make_checker(SellerLists(authorisations=[Authorisation("Adidas", "LIC-1", date(2020, 1, 1))]))
    findings = [f for f in expired.check(listing, ["US"]).findings if f.mark == "Adidas"]
    assert findings and "2020-01-01" in findings[0].message["en"]


def test_per_market_findings_and_unprotected_market_is_lower(checker) -> None:
    result = checker.check(Listing({"title": "Ring video doorbell"}), ["US", "JP"])
    by_market = {f.market: f.severity for f in result.findings if f.mark == "Ring"}
    assert by_market == {"US": "high", "JP": "medium"}


def test_row_market_overrides_default(checker) -> None:
    listing = Listing({"title": "FDA approved thermometer"}, markets=("EU",))
    result = checker.check(listing, ["US"])
    assert not [f for f in result.findings if f.rule_id == "test_fda_approved"]


def test_messages_in_both_languages(checker) -> None:
    result = checker.check(Listing({"title": "Nike shoes"}), ["US"])
    f = result.findings[0]
    assert f.message["en"] and f.message["zh_CN"] and f.suggestion["en"] and f.suggestion["zh_CN"]


@pytest.mark.parametrize("title", ["LEGO Porsche 911 model 1:18 scale", "Samsung TV antenna amplifier 11:1 gain",
                                   "LEGO racing car 1:43 diecast"])
def test_scales_are_not_one_to_one_copies(checker, title: str) -> None:
    result = checker.check(Listing({"title": title}), ["US"])
    assert not [f for f in result.findings if f.rule_id == "tm_disguise_phrase" or f.match == "disguised"]


@pytest.mark.parametrize("wording", ["replica", "Replicas", "1:1", "1 : 1", "super copy", "supercopy", "AAA quality",
                                     "aaa+ grade", "高仿", "原单", "A货", "复刻版", "dupe", "dupes"])
def test_every_counterfeit_wording_has_its_hint(wording: str) -> None:
    # The field-wide search only runs where a hint occurs: a wording without one would never be seen.
    from app.core.matcher import _FIELD_TAINT, _TAINT_HINTS

    text = normalize(f"soft {wording} bag").text
    assert _FIELD_TAINT.search(text) and any(h in text for h in _TAINT_HINTS)
