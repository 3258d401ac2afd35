"""The bundled rule packs (resources/rules/*.toml), checked through the real Checker with the bundled marks.

Every rule's and requirement's own `examples` run here: a `hit` must trigger that
rule or checklist item, a `miss` must not. Each rule is evaluated on a fixed day
(the packs' as-of date) or, for a rule that starts later, on the day it comes into
force, so the examples test the rule as it will apply; the date behaviour itself
has its own tests below.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

import pytest

from app.core.bundle import load_bundle
from app.core.checker import Checker
from app.core.models import TOPICS, Listing, ListingResult
from app.core.rules import Conditions, Requirement, Rule, RuleBook, load_rulebook
from app.paths import resource

PACK_DAY = date(2026, 11, 23)
BOOK = load_rulebook(resource("rules"))
RULES = {r.id: r for r in BOOK.rules}
REQUIREMENTS = {q.id: q for q in BOOK.requirements}


@lru_cache(maxsize=1)
def real_checker() -> Checker:
    bundle = load_bundle()
    return Checker(bundle.marks, BOOK, fuzzy_ignore=bundle.fuzzy_ignore)


def as_listing(example: str | dict[str, Any]) -> Listing:
    if isinstance(example, str):
        return Listing({"title": example})
    return Listing({k: str(v) for k, v in example.items()})


def in_force_day(item: Rule | Requirement) -> date:
    return max(PACK_DAY, item.effective_from or PACK_DAY)


def check(item: Rule | Requirement, example: str | dict[str, Any], on: date | None = None) -> ListingResult:
    """The example checked for the item's first market, on its marketplace when it is a channel rule."""
    channel = item.channels[0] if item.channels else ""
    return real_checker().check(as_listing(example), [item.markets[0]], channel=channel, on=on or in_force_day(item))


def describe(result: ListingResult) -> str:
    found = [f"{f.rule_id or f.mark}:{f.field}:{f.matched!r}" for f in result.findings]
    return f"findings {found}, checklist {[c.requirement_id for c in result.checklist]}"


def examples(items: dict[str, Rule] | dict[str, Requirement], kind: str) -> list[Any]:
    return [pytest.param(item_id, i, id=f"{item_id}-{kind}{i}")
            for item_id, item in items.items() for i, _ex in enumerate(item.examples.get(kind, ()))]


# -- every example -------------------------------------------------------------------------------
@pytest.mark.parametrize(("rule_id", "n"), examples(RULES, "hit"))
def test_rule_hit_example_triggers_it(rule_id: str, n: int) -> None:
    rule = RULES[rule_id]
    result = check(rule, rule.examples["hit"][n])
    mine = [f for f in result.findings if f.rule_id == rule_id]
    assert mine, f"{rule_id} did not fire on {rule.examples['hit'][n]!r}: {describe(result)}"
    assert all(f.severity == rule.severity and f.topic == rule.topic for f in mine)
    listing = as_listing(rule.examples["hit"][n])
    for f in mine:  # the evidence is the seller's own characters
        assert listing.get(f.field)[f.start:f.end] == f.matched


@pytest.mark.parametrize(("rule_id", "n"), examples(RULES, "miss"))
def test_rule_miss_example_does_not_trigger_it(rule_id: str, n: int) -> None:
    rule = RULES[rule_id]
    result = check(rule, rule.examples["miss"][n])
    assert not [f for f in result.findings if f.rule_id == rule_id], describe(result)


@pytest.mark.parametrize(("req_id", "n"), examples(REQUIREMENTS, "hit"))
def test_requirement_hit_example_lists_it(req_id: str, n: int) -> None:
    req = REQUIREMENTS[req_id]
    result = check(req, req.examples["hit"][n])
    items = [c for c in result.checklist if c.requirement_id == req_id]
    assert items, f"{req_id} not listed for {req.examples['hit'][n]!r}: {describe(result)}"
    assert items[0].market == req.markets[0] and items[0].source == req.source
    assert items[0].item["en"] and items[0].item["zh_CN"]


@pytest.mark.parametrize(("req_id", "n"), examples(REQUIREMENTS, "miss"))
def test_requirement_miss_example_does_not_list_it(req_id: str, n: int) -> None:
    req = REQUIREMENTS[req_id]
    result = check(req, req.examples["miss"][n])
    assert req_id not in {c.requirement_id for c in result.checklist}, describe(result)


# -- the packs as a whole -------------------------------------------------------------------------
def unconditional(item: Rule | Requirement) -> bool:
    return item.when == Conditions()


def test_every_rule_and_requirement_has_examples_both_ways() -> None:
    # an item every listing in its market needs has no near miss in that market: see the next test
    lacking = [i.id for i in (*BOOK.rules, *BOOK.requirements)
               if not i.examples.get("hit") or not (i.examples.get("miss") or unconditional(i))]
    assert not lacking


@pytest.mark.parametrize("req_id", [q.id for q in BOOK.requirements if unconditional(q)])
def test_a_requirement_for_every_listing_stays_in_its_market(req_id: str) -> None:
    req = REQUIREMENTS[req_id]
    example = req.examples["hit"][0]
    other = "US" if "JP" in req.markets else "JP"
    channel = req.channels[0] if req.channels else ""
    elsewhere = real_checker().check(as_listing(example), [other], channel=channel, on=in_force_day(req))
    assert req_id not in {c.requirement_id for c in elsewhere.checklist}
    if req.channels:  # a marketplace's requirement is not listed for a seller on another marketplace
        off_channel = real_checker().check(as_listing(example), [req.markets[0]], channel="shopify",
                                           on=in_force_day(req))
        assert req_id not in {c.requirement_id for c in off_channel.checklist}


def test_every_topic_has_rules_with_examples() -> None:
    by_topic = {t: [r for r in BOOK.rules if r.topic == t and r.examples.get("hit")] for t in TOPICS}
    # trademark findings come from the brand matcher; every other topic is the rule packs' job
    assert not [t for t, rules in by_topic.items() if t != "trademark" and not rules]
    assert len(BOOK.rules) >= 120


def test_every_pack_market_and_channel_is_covered() -> None:
    markets = {m for r in BOOK.rules for m in r.markets}
    channels = {c for r in BOOK.rules for c in r.channels}
    assert {"US", "EU", "DE", "FR", "UK", "JP", "CA", "AU"} <= markets
    assert {"amazon", "temu", "tiktok", "ebay"} <= channels


def test_every_rule_has_a_source_and_both_languages() -> None:
    for item in (*BOOK.rules, *BOOK.requirements):
        url = urlparse(item.source_url)
        assert url.scheme in ("http", "https") and "." in url.netloc, item.id
        assert item.source_name.strip(), item.id
        texts = (item.message, item.suggestion) if isinstance(item, Rule) else (item.item,)
        for text in texts:
            assert text["en"].strip() and text["zh_CN"].strip(), item.id
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text["zh_CN"]), f"{item.id}: Chinese text is not Chinese"
        assert item.as_of <= PACK_DAY, item.id


def test_ids_are_unique_across_packs() -> None:
    ids = [i.id for i in (*BOOK.rules, *BOOK.requirements)]
    assert len(ids) == len(set(ids))
    products = [p.id for p in BOOK.products]
    assert len(products) == len(set(products))


# -- real listing text per topic, and near misses ---------------------------------------------------
# (topic, title or fields, market, channel, rule, whether it must fire): each hit is followed by a near miss
# of the same rule
REAL_TEXT: list[tuple[str, dict[str, str] | str, str, str, str, bool]] = [
    ("counterfeit_signal", "AAA Quality 1:1 Replica Luxury Women Handbag Tote", "EU", "", "eu_counterfeit_terms", True),
    ("counterfeit_signal", "Real Madrid Official Replica Jersey 2026 Home Kit", "EU", "", "eu_counterfeit_terms", False),
    ("medical_claim", "Copper Compression Sleeve Cures Arthritis, Knee Brace for Men Women", "UK", "", "uk_disease_claims", True),
    ("medical_claim", "Waterproof Phone Pouch, Cures in 24h Silicone Seal", "UK", "", "uk_disease_claims", False),
    ("pesticide_claim", "Antibacterial Kitchen Spray Kills 99.9% of Germs 500ml", "US", "", "us_epa_pesticidal_claim", True),
    ("pesticide_claim", "Kitchen Cleaning Spray, Citrus Scent, EPA Reg. No. 1234-56, antibacterial 500ml", "US", "", "us_epa_pesticidal_claim", False),
    ("regulatory_claim", "FDA Approved Infrared Forehead Thermometer for Adults", "US", "", "us_fda_approved_claim", True),
    ("regulatory_claim", "Infrared forehead thermometer, not FDA approved, for hobby use", "US", "", "us_fda_approved_claim", False),
    ("environmental_claim", "Eco-Friendly Bamboo Toothbrush 10 Pack Soft Bristles", "EU", "", "eu_generic_green_claims", True),
    ("environmental_claim", "Bamboo Toothbrush 10 Pack, FSC certified handle, soft bristles", "EU", "", "eu_generic_green_claims", False),
    ("children_product", "Water Beads Sensory Toy for Kids 50000 pcs Rainbow", "AU", "", "au_water_beads", True),
    ("children_product", "Glass Beads for Vase Filler, Clear 1kg", "AU", "", "au_water_beads", False),
    ("battery", {"title": "LR44 Button Cell Battery 20 Pack 1.5V"}, "US", "", "us_button_battery_warning_missing", True),
    ("battery", {"title": "LR44 Button Cell Battery 20 Pack 1.5V",
                 "bullet_1": "WARNING: ingestion hazard, keep out of reach of children"}, "US", "", "us_button_battery_warning_missing", False),
    ("electrical_safety", "Hair Dryer 1800W Ionic Blow Dryer EU Plug", "AU", "", "au_foreign_plug", True),
    ("electrical_safety", "Hair Dryer 1800W Ionic Blow Dryer, AU plug, RCM approved", "AU", "", "au_foreign_plug", False),
    ("radio_equipment", "Mini Cell Phone Signal Jammer Portable 8 Bands", "EU", "", "eu_signal_jammer", True),
    ("radio_equipment", "Faraday Bag Phone Pouch, Blocks Car Key Relay Attacks", "EU", "", "eu_signal_jammer", False),
    ("cosmetics", {"title": "Whitening Face Cream with Hydroquinone 4% Dark Spot Corrector", "category": "Beauty"},
     "UK", "", "uk_cosmetic_banned_substances", True),
    ("cosmetics", {"title": "Dark Spot Corrector Face Cream, Hydroquinone-Free, Vitamin C", "category": "Beauty"},
     "UK", "", "uk_cosmetic_banned_substances", False),
    ("food_supplement", {"title": "Elderberry Gummies Immune Booster for Adults 60 ct", "category": "Dietary Supplements"},
     "UK", "", "uk_unauthorised_health_claims", True),
    ("food_supplement", {"title": "Elderberry Gummies for Adults 60 ct, vegan", "category": "Dietary Supplements"},
     "UK", "", "uk_unauthorised_health_claims", False),
    ("restricted_product", "Disposable Vape Pen 5000 Puffs Mixed Berry", "AU", "", "au_vapes_import_ban", True),
    ("restricted_product", "Vapour Rub Inhaler Stick for Blocked Nose", "AU", "", "au_vapes_import_ban", False),
    ("customs_mismatch", {"title": "LABUBU Macaron plush keychain blind box", "declared_name": "玩具零件"}, "EU", "",
     "eu_branded_goods_generic_declaration", True),
    ("customs_mismatch", {"title": "Handmade crochet bunny keychain, cotton yarn", "declared_name": "毛线钥匙扣"}, "EU",
     "", "eu_branded_goods_generic_declaration", False),
    ("listing_info", {"title": "Stainless Steel Garlic Press", "eu_responsible_person": "EU Rep GmbH, Berlin"}, "EU", "",
     "eu_gpsr_manufacturer_missing", True),
    ("listing_info", {"title": "Stainless Steel Garlic Press", "manufacturer": "Yiwu Kitchen Co., Ltd.",
                      "eu_responsible_person": "EU Rep GmbH, Berlin"}, "EU", "",
     "eu_gpsr_manufacturer_missing", False),
    ("promotional_claim", "Bluetooth Speaker Portable - TODAY ONLY 50% off", "EU", "", "eu_false_urgency", True),
    ("promotional_claim", "Bluetooth Speaker Portable 20W, 24h playtime", "EU", "", "eu_false_urgency", False),
    ("protected_symbol", "Olympic Rings Souvenir Keychain 2028", "CA", "", "ca_olympic_marks", True),
    ("protected_symbol", "Olympic Barbell 20kg 7ft Chrome", "CA", "", "ca_olympic_marks", False),
]


def fired(result: ListingResult, topic: str) -> set[str]:
    return {f.rule_id for f in result.findings if f.kind == "rule" and f.topic == topic}


@pytest.mark.parametrize(("topic", "example", "market", "channel", "rule_id", "fires"), REAL_TEXT)
def test_real_listing_text(topic: str, example: dict[str, str] | str, market: str, channel: str, rule_id: str,
                           fires: bool) -> None:
    result = real_checker().check(as_listing(example), [market], channel=channel, on=PACK_DAY)
    assert (rule_id in fired(result, topic)) is fires, describe(result)


def test_real_listing_text_covers_every_topic() -> None:
    hits = {topic for topic, *_rest, fires in REAL_TEXT if fires}
    misses = {topic for topic, *_rest, fires in REAL_TEXT if not fires}
    assert hits == misses == set(TOPICS) - {"trademark"}


# -- dates -------------------------------------------------------------------------------------------
def dated_rules() -> list[Rule]:
    return [r for r in BOOK.rules if r.effective_from is not None and r.examples.get("hit")]


def test_rules_not_yet_in_force_are_info_with_the_date() -> None:
    later = [r for r in dated_rules() if r.effective_from > PACK_DAY]
    assert later, "the packs have rules that start after their as-of date"
    for rule in later:
        result = check(rule, rule.examples["hit"][0], on=rule.effective_from.replace(day=1) if
                       rule.effective_from.day > 1 else date(rule.effective_from.year - 1, 12, 31))
        mine = [f for f in result.findings if f.rule_id == rule.id]
        assert mine and {f.severity for f in mine} == {"info"}, rule.id
        assert rule.effective_from.isoformat() in mine[0].message["en"]
        assert rule.effective_from.isoformat() in mine[0].message["zh_CN"]
        on_the_day = check(rule, rule.examples["hit"][0], on=rule.effective_from)
        assert {f.severity for f in on_the_day.findings if f.rule_id == rule.id} == {rule.severity}


def test_a_rule_past_its_end_is_not_reported() -> None:
    rule = next(r for r in dated_rules() if r.terms)
    ended = dataclasses.replace(rule, effective_until=PACK_DAY)
    book = RuleBook([ended if r.id == rule.id else r for r in BOOK.rules], BOOK.requirements, BOOK.products,
                    BOOK.packs, BOOK.version)
    bundle = load_bundle()
    checker = Checker(bundle.marks, book, fuzzy_ignore=bundle.fuzzy_ignore)
    example = as_listing(rule.examples["hit"][0])
    last_day = checker.check(example, [rule.markets[0]], on=PACK_DAY)
    assert rule.id in {f.rule_id for f in last_day.findings}
    after = checker.check(example, [rule.markets[0]], on=date(2026, 11, 24))
    assert rule.id not in {f.rule_id for f in after.findings}


# -- the engine's per-market scopes ----------------------------------------------------------------
def test_cached_scopes_give_the_same_answers_on_every_market_and_channel() -> None:
    """One engine used for every market and channel in turn answers as a fresh engine does each time."""
    from app.core.ruleengine import RuleEngine

    listings = [as_listing(ex) for item in (*BOOK.rules, *BOOK.requirements)
                for ex in item.examples.get("hit", ())[:1]]
    warm = RuleEngine(BOOK)
    markets = ("US", "DE", "EU", "FR", "UK", "JP", "CA", "AU")

    def answers(engine: RuleEngine, listing: Listing, channel: str) -> tuple[list[tuple[str, ...]], list[str]]:
        norms = Checker._normalise(listing)
        findings, checklist = engine.evaluate(listing, norms, markets, channel=channel, on=PACK_DAY)
        return ([(f.rule_id, f.market, f.field, str(f.start), f.severity) for f in findings],
                [f"{c.requirement_id}@{c.market}" for c in checklist])

    channels = ("amazon", "", "temu", "tiktok", "ebay", "amazon")
    seen_channel_rules: set[str] = set()
    for channel in channels:
        fresh = RuleEngine(BOOK)
        for listing in listings:
            got = answers(warm, listing, channel)
            assert got == answers(fresh, listing, channel)
            seen_channel_rules |= {rid for rid, *_ in got[0] if RULES[rid].channels}
            assert all(channel in RULES[rid].channels for rid, *_ in got[0] if RULES[rid].channels)
    assert seen_channel_rules  # the marketplace rules did fire on their own marketplace
