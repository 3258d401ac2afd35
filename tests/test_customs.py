"""Customs consistency with the bundled packs and marks: declared names that contradict the listing,
and declared values far below the price, compared only in one currency."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.bundle import load_bundle
from app.core.checker import Checker
from app.core.models import Listing
from app.core.money import currencies_in, same_currency
from app.core.rules import load_rulebook
from app.paths import resource

ON = date(2026, 11, 23)


@pytest.fixture(scope="module")
def checker() -> Checker:
    bundle = load_bundle()
    return Checker(bundle.marks, load_rulebook(resource("rules")), fuzzy_ignore=bundle.fuzzy_ignore)


def customs(checker: Checker, fields: dict[str, str], market: str) -> dict[str, tuple[str, str]]:
    result = checker.check(Listing(fields), [market], on=ON)
    return {f.rule_id: (f.field, f.matched) for f in result.findings if f.topic == "customs_mismatch"}


@pytest.mark.parametrize("market", ["US", "EU", "UK", "DE"])
@pytest.mark.parametrize("declared", ["毛线球", "玩具零件", "家居用品"])
def test_branded_doll_declared_as_yarn_parts_or_household(checker: Checker, market: str, declared: str) -> None:
    found = customs(checker, {"title": "Pop Mart LABUBU The Monsters Exciting Macaron vinyl plush doll",
                              "declared_name": declared}, market)
    rule = f"{'eu' if market == 'DE' else market.lower()}_branded_goods_generic_declaration"
    assert found.get(rule) == ("declared_name", declared)


@pytest.mark.parametrize("market", ["US", "EU", "UK"])
def test_an_unbranded_doll_or_true_declaration_is_not_flagged(checker: Checker, market: str) -> None:
    assert not customs(checker, {"title": "Handmade crochet amigurumi bunny doll, cotton yarn",
                                 "declared_name": "毛线球"}, market)
    assert not customs(checker, {"title": "Pop Mart LABUBU The Monsters vinyl plush doll",
                                 "declared_name": "搪胶毛绒玩偶 vinyl plush doll"}, market)


@pytest.mark.parametrize("market", ["US", "EU", "UK"])
def test_electronics_declared_as_accessories(checker: Checker, market: str) -> None:
    found = customs(checker, {"title": "Portable Power Bank 20000mAh USB C Fast Charging",
                              "declared_name": "配件"}, market)
    assert found.get(f"{market.lower()}_electronics_declared_as_accessories") == ("declared_name", "配件")
    cable = customs(checker, {"title": "Braided USB-C Charging Cable 2m", "declared_name": "配件"}, market)
    assert f"{market.lower()}_electronics_declared_as_accessories" not in cable


@pytest.mark.parametrize(("market", "price", "currency", "declared", "flagged"), [
    ("US", "59.99", "USD", "5", True),                # no currency in the cell: the price's
    ("US", "59.99", "USD", "$5.00", True),
    ("US", "59.99", "USD", "48", False),              # 80 % of the price
    ("US", "59.99", "USD", "¥35", False),             # yuan (or yen): not comparable offline
    ("US", "59.99", "USD", "35 RMB", False),
    ("EU", "€39,90", "", "3,50 €", True),             # the price cell says euro
    ("EU", "39,90", "EUR", "US$ 4", False),
    ("JP", "¥3,980", "JPY", "¥500", True),
    ("JP", "3980", "JPY", "500円", True),
    ("JP", "3980", "JPY", "500元", False),             # yuan against a yen price
    ("UK", "£24.99", "", "£2", True),
    ("UK", "£24.99", "", "2 EUR", False),
])
def test_declared_value_far_below_the_price(checker: Checker, market: str, price: str, currency: str,
                                            declared: str, flagged: bool) -> None:
    fields = {"title": "Smart Watch for Men Fitness Tracker", "price": price, "currency": currency,
              "declared_value": declared}
    found = customs(checker, fields, market)
    rule = f"{market.lower()}_declared_value_below_price"
    assert (found.get(rule) == ("declared_value", declared)) is flagged, found


def test_currency_of_a_cell() -> None:
    assert currencies_in("US$ 12") == {"USD"}
    assert currencies_in("12.99") == frozenset()
    assert currencies_in("¥35") == {"JPY", "CNY"}
    assert currencies_in("35 rmb") == {"CNY"}
    assert "USD" in currencies_in("$5") and "CAD" in currencies_in("$5")
    assert currencies_in("C$5") == {"CAD"}
    assert same_currency("CAD", "", "$5") and not same_currency("CAD", "", "€5")
    assert same_currency("", "", "€5")  # a price without a currency: nothing to tell them apart
