"""Which currency a price cell is in, as far as the cell says, so amounts are compared only like with like.

A catalogue has one Currency column (the listing price's) and a declared value
with no currency column of its own; sellers often type the currency into the
cell ("¥35", "35 RMB", "€4.50"). The app has no exchange rates (it works
offline), so a declared value in another currency than the price is not
compared at all. A symbol can stand for several currencies ("$" is US, Canadian,
Australian... dollars; "¥" is yen or yuan): two cells differ only when no
currency fits both.
"""

from __future__ import annotations

import re

_DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD"})
# Longest first, so "US$" is read before "$" and "CN¥" before "¥".
_SYMBOLS: tuple[tuple[str, frozenset[str]], ...] = (
    ("US$", frozenset({"USD"})), ("CA$", frozenset({"CAD"})), ("AU$", frozenset({"AUD"})),
    ("HK$", frozenset({"HKD"})), ("NZ$", frozenset({"NZD"})), ("CN¥", frozenset({"CNY"})),
    ("JP¥", frozenset({"JPY"})), ("C$", frozenset({"CAD"})), ("A$", frozenset({"AUD"})),
    ("人民币", frozenset({"CNY"})), ("美元", frozenset({"USD"})), ("欧元", frozenset({"EUR"})),
    ("英镑", frozenset({"GBP"})), ("日元", frozenset({"JPY"})), ("加元", frozenset({"CAD"})),
    ("澳元", frozenset({"AUD"})), ("元", frozenset({"CNY"})), ("円", frozenset({"JPY"})),
    ("€", frozenset({"EUR"})), ("£", frozenset({"GBP"})), ("¥", frozenset({"JPY", "CNY"})),
    ("￥", frozenset({"JPY", "CNY"})), ("$", _DOLLARS),
)
_CODES = frozenset({"USD", "EUR", "GBP", "JPY", "CNY", "RMB", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD",
                    "CHF", "SEK", "PLN", "DKK", "CZK", "HUF", "NOK"})
_CODE_RE = re.compile(r"(?<![A-Za-z])([A-Za-z]{3})(?![A-Za-z])")


def currencies_in(text: str) -> frozenset[str]:
    """The ISO codes a cell's currency can be: empty when the cell names none."""
    for match in _CODE_RE.finditer(text):
        code = match.group(1).upper()
        if code in _CODES:
            return frozenset({"CNY"}) if code == "RMB" else frozenset({code})
    for symbol, codes in _SYMBOLS:
        if symbol in text:
            return codes
    return frozenset()


def same_currency(price_currency: str, price: str, declared_value: str) -> bool:
    """Whether a declared value can be compared with the price: False only when both name a currency and
    no currency fits both. The price's currency is the Currency column, else what the price cell says."""
    listing = currencies_in(price_currency) or currencies_in(price)
    declared = currencies_in(declared_value)
    return not listing or not declared or bool(listing & declared)
