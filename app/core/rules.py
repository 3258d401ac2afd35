"""Rule packs: loading and validating `resources/rules/*.toml` into a `RuleBook`."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from app.paths import resource

EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
# Markets that take the rules of a wider pack too.
PARENT_MARKETS = {m: ("EU",) for m in EU_MEMBERS}
KNOWN_MARKETS = ("US", "EU", "UK", "JP", "CA", "AU", *sorted(EU_MEMBERS))


class RulePackError(ValueError):
    """A pack that fails validation; the message names the file and the place."""


def _text(d: dict[str, str] | None) -> dict[str, str]:
    if not d:
        return {}
    return {"en": d["en"], "zh_CN": d["zh"]}


def _terms(d: dict[str, list[str]] | None) -> tuple[str, ...]:
    if not d:
        return ()
    return tuple(t for lang in ("en", "zh", "ja", "de", "fr") for t in d.get(lang, ()))


@dataclass(slots=True, frozen=True)
class Conditions:
    products_any: tuple[str, ...] = ()
    products_none: tuple[str, ...] = ()
    text_any: tuple[str, ...] = ()
    text_none: tuple[str, ...] = ()
    fields_missing: tuple[str, ...] = ()
    fields_present: tuple[str, ...] = ()
    price_below: float | None = None
    price_above: float | None = None
    declared_any: tuple[str, ...] = ()
    declared_value_ratio_below: float | None = None
    has_mark: bool | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Conditions:
        d = d or {}
        return cls(
            products_any=tuple(d.get("products_any", ())),
            products_none=tuple(d.get("products_none", ())),
            text_any=tuple(d.get("text_any", ())),
            text_none=tuple(d.get("text_none", ())),
            fields_missing=tuple(d.get("fields_missing", ())),
            fields_present=tuple(d.get("fields_present", ())),
            price_below=d.get("price_below"),
            price_above=d.get("price_above"),
            declared_any=tuple(d.get("declared_any", ())),
            declared_value_ratio_below=d.get("declared_value_ratio_below"),
            has_mark=d.get("has_mark"),
        )


@dataclass(slots=True, frozen=True)
class Rule:
    id: str
    pack: str
    markets: tuple[str, ...]
    channels: tuple[str, ...]
    topic: str
    severity: str
    fields: tuple[str, ...]
    terms: tuple[str, ...]
    exceptions: tuple[str, ...]
    when: Conditions
    message: dict[str, str]
    suggestion: dict[str, str]
    source_name: str
    source_url: str
    as_of: date
    effective_from: date | None = None
    effective_until: date | None = None
    examples: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return f"{self.source_name} <{self.source_url}>"


@dataclass(slots=True, frozen=True)
class Requirement:
    id: str
    pack: str
    markets: tuple[str, ...]
    channels: tuple[str, ...]
    item: dict[str, str]
    detail: dict[str, str]
    when: Conditions
    source_name: str
    source_url: str
    as_of: date
    effective_from: date | None = None
    effective_until: date | None = None
    examples: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return f"{self.source_name} <{self.source_url}>"


@dataclass(slots=True, frozen=True)
class ProductClass:
    id: str
    title: dict[str, str]
    terms: tuple[str, ...]


@dataclass(slots=True)
class RuleBook:
    rules: list[Rule]
    requirements: list[Requirement]
    products: list[ProductClass]
    packs: dict[str, str]  # pack id -> version
    version: str


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resource("schemas", "rule-pack.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def read_pack(path: Path) -> dict[str, Any]:
    """Parse and validate one pack file; raises RulePackError naming the file and the place."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RulePackError(f"{path.name}: {exc}") from exc
    errors = sorted(_validator().iter_errors(_jsonable(data)), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        raise RulePackError(f"{path.name}: {where}: {err.message}")
    if "rule" in data or "requirement" in data:
        if "pack" not in data:
            raise RulePackError(f"{path.name}: a [pack] table is required")
    return data


def _date(value: Any) -> date | None:
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def load_rulebook(folder: Path | None = None) -> RuleBook:
    folder = folder or resource("rules")
    rules: list[Rule] = []
    requirements: list[Requirement] = []
    products: list[ProductClass] = []
    packs: dict[str, str] = {}
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        data = read_pack(path)
        pack = data.get("pack", {"id": path.stem, "version": ""})
        packs[pack["id"]] = pack.get("version", "")
        for r in data.get("rule", ()):
            if r["id"] in seen:
                raise RulePackError(f"{path.name}: rule id {r['id']} is also in {seen[r['id']]}")
            seen[r["id"]] = path.name
            rules.append(Rule(
                id=r["id"], pack=pack["id"], markets=tuple(r["markets"]), channels=tuple(r.get("channels", ())),
                topic=r["topic"], severity=r["severity"], fields=_expand_fields(r.get("fields")),
                terms=_terms(r.get("terms")), exceptions=tuple(r.get("exceptions", ())),
                when=Conditions.from_dict(r.get("when")), message=_text(r["message"]),
                suggestion=_text(r["suggestion"]), source_name=r["source"]["name"], source_url=r["source"]["url"],
                as_of=_date(r["as_of"]) or date.min, effective_from=_date(r.get("effective_from")),
                effective_until=_date(r.get("effective_until")), examples=r.get("examples", {}),
            ))
        for q in data.get("requirement", ()):
            if q["id"] in seen:
                raise RulePackError(f"{path.name}: requirement id {q['id']} is also in {seen[q['id']]}")
            seen[q["id"]] = path.name
            requirements.append(Requirement(
                id=q["id"], pack=pack["id"], markets=tuple(q["markets"]), channels=tuple(q.get("channels", ())),
                item=_text(q["item"]), detail=_text(q.get("detail")), when=Conditions.from_dict(q.get("when")),
                source_name=q["source"]["name"], source_url=q["source"]["url"], as_of=_date(q["as_of"]) or date.min,
                effective_from=_date(q.get("effective_from")), effective_until=_date(q.get("effective_until")),
                examples=q.get("examples", {}),
            ))
        for p in data.get("product", ()):
            products.append(ProductClass(id=p["id"], title=_text(p["title"]), terms=_terms(p["terms"])))
    known = {p.id for p in products}
    for item in (*rules, *requirements):
        unknown = set(item.when.products_any + item.when.products_none) - known
        if unknown:
            raise RulePackError(f"{item.pack}: {item.id}: unknown product class {', '.join(sorted(unknown))}")
    version = "+".join(f"{k}@{v}" for k, v in sorted(packs.items()) if v)
    return RuleBook(rules, requirements, products, packs, version)


@lru_cache(maxsize=1)
def bundled_rulebook() -> RuleBook:
    """The packs shipped with the app, read once: they do not change while it runs. Do not modify it."""
    return load_rulebook(resource("rules"))


def _expand_fields(fields: list[str] | None) -> tuple[str, ...]:
    from app.core.models import BULLET_FIELDS, TEXT_FIELDS

    if not fields:
        return TEXT_FIELDS
    out: list[str] = []
    for f in fields:
        out.extend(BULLET_FIELDS if f == "bullets" else (f,))
    return tuple(out)


def markets_covering(market: str) -> tuple[str, ...]:
    """A listing market and the wider markets whose rules also apply to it (DE -> DE, EU)."""
    return (market, *PARENT_MARKETS.get(market, ()))
