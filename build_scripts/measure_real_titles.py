"""What the checker reports on real marketplace titles: a list for a person to read.

    python build_scripts/measure_real_titles.py [--files 6] [--top 40]

Reads the scraped Shein titles in ../shared/data (Shein's own house brands are
declared as the seller's own, as a Shein seller would), prints the share of
titles with a trademark finding and the most frequent findings with an example
title, so false alarms can be spotted and fixed in the data.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.bundle import load_bundle  # noqa: E402
from app.core.checker import Checker, SellerLists  # noqa: E402
from app.core.models import Listing  # noqa: E402

SHEIN = ROOT.parent / "shared" / "data" / "listings" / "listings-shein" / "raw"
HOUSE_BRANDS = ["SHEIN", "ROMWE", "SHEGLAM", "Manfinity", "EMERY ROSE", "DAZY", "MOTF", "Essnce"]


def titles(files: int) -> list[str]:
    out: list[str] = []
    for path in sorted(SHEIN.glob("*.csv"))[:files]:
        # Scraped pages: a row's title is in "goods-title-link" or, for some cards, "goods-title-link--jump".
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                title = row.get("goods-title-link") or row.get("goods-title-link--jump") or ""
                if title.strip():
                    out.append(title)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=6)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if not SHEIN.exists():
        sys.exit(f"{SHEIN} not found: run this where ../shared/data exists")
    bundle = load_bundle()
    checker = Checker(bundle.marks, bundle.rulebook, fuzzy_ignore=bundle.fuzzy_ignore,
                      seller=SellerLists(own_brands=HOUSE_BRANDS))
    found: Counter[tuple[str, str, str, str]] = Counter()
    example: dict[tuple[str, str, str, str], str] = {}
    flagged = 0
    all_titles = titles(args.files)
    for title in all_titles:
        hits = [f for f in checker.check(Listing({"title": title}), ["US"]).findings
                if f.kind == "trademark" and f.severity != "info"]
        flagged += bool(hits)
        for f in hits:
            key = (f.mark, f.matched.lower(), f.match, f.severity)
            found[key] += 1
            example.setdefault(key, title[:100])
    print(f"{flagged} of {len(all_titles)} real titles have a trademark finding ({flagged / len(all_titles):.2%})")
    for key, count in found.most_common(args.top):
        print(f"{count:5d}  {key[0]} / '{key[1]}' / {key[2]} / {key[3]}  |  {example[key]}")


if __name__ == "__main__":
    main()
