"""Rule packs: loading, validation, and the engine's conditions, exceptions and dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.core.models import Listing
from app.core.rules import RulePackError, load_rulebook, read_pack


def rule_ids(result):
    return {(f.rule_id, f.severity) for f in result.findings if f.kind == "rule"}


def test_term_rule_with_exception(checker) -> None:
    hit = checker.check(Listing({"title": "FDA Approved forehead thermometer"}), ["US"])
    assert ("test_fda_approved", "high") in rule_ids(hit)
    f = next(f for f in hit.findings if f.rule_id == "test_fda_approved")
    assert f.matched == "FDA Approved" and f.source.startswith("21 CFR 807.39")
    miss = checker.check(Listing({"title": "Thermometer, not FDA approved, hobby use"}), ["US"])
    assert not rule_ids(miss)


def test_future_rule_is_info_and_expired_rule_is_silent(checker) -> None:
    result = checker.check(Listing({"title": "eco-friendly bag best ever"}), ["EU", "US"])
    ids = rule_ids(result)
    assert ("test_eco_future", "info") in ids
    assert not any(r == "test_expired" for r, _ in ids)
    note = next(f for f in result.findings if f.rule_id == "test_eco_future").message["en"]
    assert "2099-01-01" in note


def test_condition_rule_and_checklist(checker) -> None:
    toy = Listing({"title": "Plush bunny toy", "category": "Toys"})
    result = checker.check(toy, ["EU"])
    assert ("test_eu_manufacturer_missing", "medium") in rule_ids(result)
    assert [c.requirement_id for c in result.checklist] == ["test_eu_toy_ce"]
    named = Listing({"title": "Plush bunny toy", "manufacturer": "Bunny Toys Ltd."})
    assert not rule_ids(checker.check(named, ["EU"]))
    mug = checker.check(Listing({"title": "Ceramic mug"}), ["EU"])
    assert not mug.checklist


def test_customs_mismatch_needs_a_mark(checker) -> None:
    branded = checker.check(Listing({"title": "Labubu plush keychain", "declared_name": "毛线球"}), ["US"])
    f = next(f for f in branded.findings if f.rule_id == "test_branded_misdeclared")
    assert f.field == "declared_name" and f.matched == "毛线球"
    plain = checker.check(Listing({"title": "Wool yarn ball", "declared_name": "毛线球"}), ["US"])
    assert not any(f.rule_id == "test_branded_misdeclared" for f in plain.findings)


def test_member_state_takes_eu_rules(checker) -> None:
    result = checker.check(Listing({"title": "Plush toy"}), ["DE"])
    assert any(f.rule_id == "test_eu_manufacturer_missing" and f.market == "DE" for f in result.findings)


def test_invalid_pack_is_refused_with_its_place(tmp_path: Path) -> None:
    bad = tmp_path / "BAD.toml"
    bad.write_text('[pack]\nid="BAD"\nkind="market"\ntitle={en="x",zh="x"}\nversion="1"\n'
                   '[[rule]]\nid="bad_rule"\nmarkets=["US"]\ntopic="not_a_topic"\nseverity="high"\n'
                   'message={en="m",zh="m"}\nsuggestion={en="s",zh="s"}\n'
                   'source={name="n",url="https://example.org"}\nas_of=2026-01-01\n', encoding="utf-8")
    with pytest.raises(RulePackError, match=r"BAD.toml: rule/0/topic"):
        read_pack(bad)


def test_regex_keys_are_not_accepted(tmp_path: Path) -> None:
    bad = tmp_path / "RX.toml"
    bad.write_text('[pack]\nid="RX"\nkind="market"\ntitle={en="x",zh="x"}\nversion="1"\n'
                   '[[rule]]\nid="rx"\nmarkets=["US"]\ntopic="medical_claim"\nseverity="high"\npattern="(a+)+$"\n'
                   'message={en="m",zh="m"}\nsuggestion={en="s",zh="s"}\n'
                   'source={name="n",url="https://example.org"}\nas_of=2026-01-01\n', encoding="utf-8")
    with pytest.raises(RulePackError, match="pattern"):
        load_rulebook(tmp_path)


def test_rule_dates_are_checked_against_the_given_day(checker) -> None:
    listing = Listing({"title": "eco-friendly bag"})
    later = checker.check(listing, ["EU"], on=date(2099, 6, 1))
    assert ("test_eco_future", "high") in rule_ids(later)
