"""The bundled trademark list (resources/marks/*.csv): complete rows, no ambiguity, every name findable."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from app.core.bundle import load_bundle
from app.core.marks import MARK_COLUMNS, mark_files
from app.core.matcher import BrandMatcher
from app.core.textnorm import fold, fold_mark, for_marks, normalize
from tests.conftest import shared_file



@pytest.fixture(scope="module")
def marks():
    return load_bundle().marks


def test_at_least_3000_marks_with_counts_per_category(marks) -> None:
    per_category = Counter(m.category for m in marks)
    print("\nmarks per category: " + ", ".join(f"{k} {v}" for k, v in sorted(per_category.items())))
    print(f"total {len(marks)}; frequent plaintiffs {sum(m.plaintiff for m in marks)}; "
          f"ordinary-word names {sum(m.generic for m in marks)}")
    assert len(marks) >= 3000
    assert len(per_category) >= 20 and min(per_category.values()) >= 30


def test_files_have_exactly_our_columns() -> None:
    for path in mark_files():
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert tuple(header.split(",")) == MARK_COLUMNS, path.name


def test_every_row_is_complete(marks) -> None:
    names = {m.name for m in marks}
    for m in marks:
        where = f"{m.category}: {m.name}"
        assert m.owner and m.source, where
        assert m.nice_classes and all(1 <= c <= 45 for c in m.nice_classes), where
        assert m.keywords, where
        assert all(re.fullmatch(r"GLOBAL|[A-Z]{2}", market) for market in m.markets), where
        assert m.tier in (1, 2, 3), where
        assert not m.parent or m.parent in names, f"{where}: parent {m.parent} is not a mark"
        assert not m.generic or m.context, f"{where}: an ordinary-word mark needs context words"
        assert re.match(r"https?://|Wikipedia: |USPTO|Interbrand|WIPO|EUIPO", m.source), f"{where}: {m.source}"


def test_no_name_points_at_two_owners_without_a_way_to_tell_them_apart(marks) -> None:
    owners: dict[str, list] = defaultdict(list)
    for m in marks:
        for name in {fold_mark(n.lstrip("~")) for n in (m.name, *m.aliases, *m.zh, *m.ja)}:
            owners[name].append(m)
    for name, group in owners.items():
        if len({fold(m.owner) for m in group}) > 1:
            # Told apart by context: every holder of the name needs context words.
            assert all(m.generic or m.context for m in group), (name, [(m.name, m.owner) for m in group])


def test_every_name_and_alias_is_found_by_the_matcher(marks) -> None:
    matcher = BrandMatcher(marks)
    missing = []
    for idx, m in enumerate(marks):
        for name in (m.name, *m.aliases, *m.zh, *m.ja):
            text = name.lstrip("~")
            hits = matcher.scan([("title", for_marks(normalize(text)))])
            owners = {fold(marks[h.mark].owner) for h in hits}
            if fold(m.owner) not in owners:
                missing.append((m.name, text))
    assert not missing, missing[:20]


def _interbrand_names() -> set[str]:
    names: set[str] = set()
    for year in ("Interbrand_BestGlobalBrands2021.js", "interbrand_BestGlobalBrands2022.js",
                 "interbrand_BestGlobalBrands2023.js", "interbrand_BestGlobalBrands2024.js"):
        text = shared_file("brands", "brands-interbrand", year).read_text(encoding="utf-8")
        names.update(re.findall(r'name:\s*"([^"]+)"', text))
    return names


# Interbrand names we do not bundle, each for a reason.
EXCLUDED = {}


def test_every_interbrand_best_global_brand_is_covered(marks) -> None:
    known = {fold(n.lstrip("~")) for m in marks for n in (m.name, *m.aliases)}
    names = _interbrand_names()
    assert len(names) >= 100
    missing = sorted(n for n in names if fold(n) not in known and n not in EXCLUDED)
    assert not missing, missing
