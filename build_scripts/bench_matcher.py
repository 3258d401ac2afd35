"""Benchmark the whole check against a bare Aho-Corasick scan and a naive fuzzy baseline.

    python build_scripts/bench_matcher.py [--listings 100000] [--extra-marks 20000] [--naive 1000]

Listings are built from real marketplace titles in ../shared/data when present
(synthetic text otherwise): title, five bullets, search terms and a description,
about 1 KB each. Marks are the bundled list plus generated extra marks. Printed:
index build time; the trademark check (normalisation with offset maps, the
brand matcher, context, severity and the finding texts) and the full check
(that plus the rule engine's 186 rules and checklist) against a bare
pyahocorasick scan of the same text for the same mark names; the naive
baseline (rapidfuzz partial_ratio of every mark against every listing) on a
subset; and peak memory. All timings come from the same process, so the ratios
hold on a noisy machine: the listings are timed in blocks, and for each block
the bare scan runs before and after the checks and the faster run counts.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ahocorasick  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from app.core.bundle import load_bundle  # noqa: E402
from app.core.checker import Checker  # noqa: E402
from app.core.models import Listing, Mark  # noqa: E402

SHEIN = ROOT.parent / "shared" / "data" / "listings" / "listings-shein" / "raw"
WORDS = ("soft breathable cotton stretch women men summer casual loose fit lightweight durable premium stainless "
         "steel kitchen home office travel portable waterproof wireless charging fast gift set kids toy plush "
         "running shoes sneakers hoodie jacket bag wallet phone case cover watch band charger cable lamp").split()


def real_titles(limit: int) -> list[str]:
    titles: list[str] = []
    if SHEIN.exists():
        csv.field_size_limit(10**8)
        for path in sorted(SHEIN.glob("*.csv")):
            # Scraped pages: a row's title is in "goods-title-link" or, for some cards, "goods-title-link--jump".
            with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                for row in csv.DictReader(fh):
                    title = row.get("goods-title-link") or row.get("goods-title-link--jump") or ""
                    if title.strip():
                        titles.append(title)
            if len(titles) >= limit:
                break
    return titles


def make_listings(n: int, rng: random.Random) -> list[Listing]:
    titles = real_titles(80_000) or [" ".join(rng.choices(WORDS, k=12)) for _ in range(5000)]
    listings = []
    for i in range(n):
        def sentence(k: int) -> str:
            return " ".join(rng.choices(WORDS, k=k)).capitalize() + "."
        fields = {
            "sku": f"B-{i:06d}",
            "title": titles[i % len(titles)][:200],
            **{f"bullet_{j}": sentence(18) for j in range(1, 6)},
            "search_terms": " ".join(rng.choices(WORDS, k=25)),
            "description": " ".join(sentence(20) for _ in range(3)),
            "brand": "Generic",
            "category": "Home & Kitchen",
        }
        listings.append(Listing(fields, source="bench", sheet="s", row=i + 2))
    return listings


def extra_marks(n: int, rng: random.Random) -> list[Mark]:
    marks = []
    for i in range(n):
        name = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 11))).capitalize()
        marks.append(Mark(name=name, owner=f"Owner {i}", category="extra", nice_classes=(25,), tier=3))
    return marks


def text_of(listing: Listing) -> str:
    return "\n".join(v for k, v in listing.fields.items() if k != "sku")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--extra-marks", type=int, default=20_000)
    parser.add_argument("--naive", type=int, default=1000)
    parser.add_argument("--block", type=int, default=5000, help="listings timed together, checks and baseline in turn")
    args = parser.parse_args()
    rng = random.Random(7)
    bundle = load_bundle()
    marks = [*bundle.marks, *extra_marks(args.extra_marks, rng)]
    listings = make_listings(args.listings, rng)
    texts = [text_of(x) for x in listings]
    print(f"{len(listings)} listings, {sum(map(len, texts)) / len(texts):.0f} chars each on average; "
          f"{len(marks)} marks ({len(bundle.marks)} bundled)")

    t0 = time.perf_counter()
    checker = Checker(marks, bundle.rulebook, fuzzy_ignore=bundle.fuzzy_ignore)
    build = time.perf_counter() - t0
    print(f"index build (marks + rules): {build:.2f} s")

    names = {m.name.lower() for m in marks}
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    def bare_scan(block: list[str]) -> tuple[float, int]:
        t0 = time.perf_counter()
        hits = 0
        for text in block:
            for _ in automaton.iter(text.lower()):
                hits += 1
        return time.perf_counter() - t0, hits

    # Block by block, the bare scan runs before and after the checks and the faster run counts: a slow spell
    # of the machine then weighs on the baseline and the checks alike.
    bare = trademark = full = 0.0
    bare_hits = tm_findings = findings = flagged = 0
    for lo in range(0, len(listings), args.block):
        block, block_texts = listings[lo: lo + args.block], texts[lo: lo + args.block]
        before, hits = bare_scan(block_texts)
        bare_hits += hits

        t0 = time.perf_counter()
        for listing in block:
            tm_findings += len(checker.check_trademarks(listing, ("US",)))
        trademark += time.perf_counter() - t0

        t0 = time.perf_counter()
        for result in checker.check_all(block, ["US"]):
            findings += len(result.findings)
            flagged += result.risk != "none"
        full += time.perf_counter() - t0

        after, _ = bare_scan(block_texts)
        bare += min(before, after)
    print(f"bare pyahocorasick scan (baseline): {bare:.2f} s ({bare_hits} raw hits)")
    print(f"trademark check: {trademark:.2f} s ({tm_findings} trademark findings); "
          f"ratio to bare scan: {trademark / bare:.2f}x (bar: <= 4x)")
    print(f"full check with the rule engine: {full:.2f} s ({findings} findings, {flagged} listings flagged); "
          f"ratio to bare scan: {full / bare:.2f}x")

    subset = listings[: args.naive]
    sub_texts = [t.lower() for t in texts[: args.naive]]
    mark_names = [m.name.lower() for m in marks]
    t0 = time.perf_counter()
    naive_hits = 0
    for text in sub_texts:
        for name in mark_names:
            if fuzz.partial_ratio(name, text, score_cutoff=90):
                naive_hits += 1
    naive = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in checker.check_all(subset, ["US"]):
        pass
    ours_subset = time.perf_counter() - t0
    print(f"naive partial_ratio on {len(subset)} listings: {naive:.2f} s; our check on the same: {ours_subset:.3f} s; "
          f"speed-up {naive / ours_subset:.0f}x (bar: >= 50x)")
    print(f"peak memory (RSS): {peak_mb():.0f} MB (bar: < 800 MB)")


if __name__ == "__main__":
    main()
