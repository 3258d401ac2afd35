"""What data the app checks with: versions and counts, for `python -m app data info` and support questions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from app.core.bundle import Bundle, data_date
from app.core.models import Mark


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items()))


def data_info(bundle: Bundle, imported: Sequence[Mark] = ()) -> dict[str, Any]:
    """Versions and counts of the bundled marks and rules (and the workspace's imported marks, if given)."""
    marks = bundle.marks
    book = bundle.rulebook
    rules_per_market: Counter[str] = Counter(m for r in book.rules for m in r.markets)
    reqs_per_market: Counter[str] = Counter(m for r in book.requirements for m in r.markets)
    return {
        "versions": {"trademarks": bundle.versions.trademarks, "rules": bundle.versions.rules},
        "trademarks": {
            "date": data_date(),
            "marks": len(marks),
            "aliases": sum(len(m.aliases) + len(m.zh) + len(m.ja) for m in marks),
            "owners": len({m.owner for m in marks}),
            "per_category": _sorted(Counter(m.category for m in marks)),
            "per_tier": _sorted(Counter(str(m.tier) for m in marks)),
            "frequent_plaintiffs": sum(m.plaintiff for m in marks),
            "ordinary_word_names": sum(m.generic for m in marks),
        },
        "rules": {
            "packs": dict(sorted(book.packs.items())),
            "rules": len(book.rules),
            "per_market": _sorted(rules_per_market),
            "per_topic": _sorted(Counter(r.topic for r in book.rules)),
            "requirements": len(book.requirements),
            "requirements_per_market": _sorted(reqs_per_market),
            "product_classes": len(book.products),
        },
        "imported": {
            "marks": len(imported),
            "per_origin": _sorted(Counter(m.origin for m in imported)),
        },
    }
