"""Benchmark the rule engine: market/channel scopes worked out per listing (as before) against once per engine.

    python build_scripts/bench_rules.py [--listings 5000] [--markets US,EU,DE,UK,JP]

Listings are the rule packs' own example texts (every hit and miss), repeated.
Both runs use the same engine and the same scans in the same process; the first
clears the scope cache before each listing, which is the work the engine did per
listing before scopes were cached. Printed: listings per second for each and the
ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.checker import Checker  # noqa: E402
from app.core.models import Listing  # noqa: E402
from app.core.ruleengine import RuleEngine  # noqa: E402
from app.core.rules import load_rulebook  # noqa: E402


def example_listings() -> list[Listing]:
    book = load_rulebook()
    out = []
    for item in (*book.rules, *book.requirements):
        for ex in (*item.examples.get("hit", ()), *item.examples.get("miss", ())):
            out.append(Listing({"title": ex} if isinstance(ex, str) else {k: str(v) for k, v in ex.items()}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=5000)
    parser.add_argument("--markets", default="US,EU,DE,UK,JP")
    parser.add_argument("--channel", default="amazon")
    args = parser.parse_args()
    markets = tuple(args.markets.split(","))
    examples = example_listings()
    listings = [examples[i % len(examples)] for i in range(args.listings)]
    engine = RuleEngine(load_rulebook())
    prepared = [(listing, norms, engine.scan(norms)) for listing in listings
                for norms in [Checker._normalise(listing)]]

    def run(fresh_scopes: bool) -> tuple[float, int]:
        found = 0
        start = time.perf_counter()
        for listing, norms, scan in prepared:
            if fresh_scopes:
                engine._scopes.clear()
            findings, checklist = engine.evaluate(listing, norms, markets, channel=args.channel, scan=scan)
            found += len(findings) + len(checklist)
        return time.perf_counter() - start, found

    per_listing, n1 = run(True)
    cached, n2 = run(False)
    assert n1 == n2, "both ways must give the same findings"
    print(f"rules {len(engine.book.rules)}, requirements {len(engine.book.requirements)}, markets {markets}, "
          f"channel {args.channel}, listings {len(prepared)}, findings+items {n1}")
    print(f"evaluate, scopes per listing: {len(prepared) / per_listing:10.0f} listings/s")
    print(f"evaluate, scopes cached:      {len(prepared) / cached:10.0f} listings/s")
    print(f"speed-up: {per_listing / cached:.2f}x")


if __name__ == "__main__":
    main()
