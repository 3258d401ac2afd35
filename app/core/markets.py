"""Market codes: what sellers write in a Market/站点 column, and what the app uses."""

from __future__ import annotations

import re

from app.core.rules import EU_MEMBERS

_NAMES = {
    "US": ("us", "usa", "united states", "america", "美国", "美國", "amazon.com", "アメリカ"),
    "EU": ("eu", "europe", "european union", "欧盟", "欧洲", "歐盟"),
    "UK": ("uk", "gb", "united kingdom", "great britain", "britain", "英国", "英國", "amazon.co.uk"),
    "JP": ("jp", "japan", "日本", "amazon.co.jp"),
    "CA": ("ca", "canada", "加拿大", "amazon.ca"),
    "AU": ("au", "australia", "澳大利亚", "澳洲", "amazon.com.au"),
    "DE": ("de", "germany", "deutschland", "德国", "amazon.de"),
    "FR": ("fr", "france", "法国", "amazon.fr"),
    "IT": ("it", "italy", "意大利", "amazon.it"),
    "ES": ("es", "spain", "西班牙", "amazon.es"),
    "NL": ("nl", "netherlands", "荷兰", "amazon.nl"),
    "PL": ("pl", "poland", "波兰", "amazon.pl"),
    "SE": ("se", "sweden", "瑞典", "amazon.se"),
    "BE": ("be", "belgium", "比利时", "amazon.com.be"),
}
_LOOKUP = {alias: code for code, aliases in _NAMES.items() for alias in aliases}
for _code in EU_MEMBERS:
    _LOOKUP.setdefault(_code.lower(), _code)

DEFAULT_MARKETS: tuple[str, ...] = ("US",)


def parse_market(text: str) -> str | None:
    """'美国' -> 'US', 'amazon.de' -> 'DE', 'gb' -> 'UK'; None when unknown."""
    return _LOOKUP.get(text.strip().lower())


def parse_markets(text: str) -> tuple[tuple[str, ...], list[str]]:
    """A list like 'US, EU；JP' or '美国/德国': (codes, unknown parts)."""
    whole = parse_market(text)
    if whole:
        return (whole,), []
    codes: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[,;，；、/|\s]+", text.strip()):
        if not part:
            continue
        code = parse_market(part)
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return tuple(codes), unknown
