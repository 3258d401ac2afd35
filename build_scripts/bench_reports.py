"""Benchmark: writing reports for big catalogues, time and memory per format.

    python build_scripts/bench_reports.py                 # 10,000 and 100,000 listings, every format
    python build_scripts/bench_reports.py --sizes 100000 --formats xlsx --baseline
    python build_scripts/bench_reports.py --pdf 2000      # the Qt PDF too, for 2,000 listings

The listings are the sample catalogue checked for US and EU (with the bundled
data, or the test fixture data while the bundled data is not there yet),
repeated with new SKUs and rows: about a third of them have findings, as in a
real catalogue, and a few carry review decisions. Each format is written in a
fresh process, so "write peak" is the memory the writer added on top of the
report it was given: flat from 10k to 100k listings means constant memory.
`--baseline` also writes the same Findings and Catalogue cells with openpyxl's
write-only mode in the same process and prints the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.checker import Checker
from app.core.models import DataVersions, Decision, Listing, ListingResult

SAMPLE = ROOT / "resources" / "samples" / "sample_catalogue.xlsx"
FIXTURES = ROOT / "tests" / "fixtures"


def checker_and_versions() -> tuple[Checker, DataVersions, str]:
    from app.core.bundle import load_bundle

    bundle = load_bundle()
    if bundle.marks and bundle.rulebook.rules:
        return Checker(bundle.marks, bundle.rulebook, fuzzy_ignore=bundle.fuzzy_ignore), bundle.versions, "bundled"
    from app.core.marks import load_bundled_marks
    from app.core.rules import load_rulebook

    return (Checker(load_bundled_marks(FIXTURES / "marks"), load_rulebook(FIXTURES / "rules")),
            DataVersions("fixture-marks", "fixture-rules"), "test fixtures")


def synthetic_results(count: int) -> tuple[list[ListingResult], DataVersions, str]:
    """`count` listings made from the checked sample catalogue, each with its own SKU and row."""
    from app.io.importer import import_catalogue

    checker, versions, data = checker_and_versions()
    templates = list(checker.check_all(import_catalogue(SAMPLE).listings, ("US", "EU")))
    for n, template in enumerate(t for t in templates if t.findings):
        if n % 4 == 0:
            template.findings[-1].decision = Decision("false_alarm", "bench", "2026-11-20T10:00:00+08:00")
    results = []
    for i in range(count):
        t = templates[i % len(templates)]
        fields = dict(t.listing.fields, sku=f"{t.listing.sku}-{i:06d}")
        listing = Listing(fields, source="big_catalogue.xlsx", sheet="Listings", row=i + 2, markets=t.listing.markets)
        results.append(ListingResult(listing, t.findings, t.checklist))
    return results, versions, data


def memory_probe() -> tuple[str, Any, Any]:
    """(method, reset(), peak_bytes()): the process's peak RSS where Linux lets us reset it, else tracemalloc."""
    def status(key: str) -> int:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
        raise KeyError(key)

    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        def reset() -> int:
            tracemalloc.start()
            return 0

        def peak() -> int:
            return tracemalloc.get_traced_memory()[1]

        return "Python allocations (tracemalloc)", reset, peak

    def reset_rss() -> int:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return status("VmRSS")

    return "peak RSS", reset_rss, lambda: status("VmHWM")


def one(fmt: str, count: int, out_dir: Path) -> dict[str, Any]:
    """Build a report of `count` listings and write it as `fmt`; runs in its own process."""
    from app.core.report import build_report

    t0 = time.perf_counter()
    results, versions, data = synthetic_results(count)
    report = build_report(results, markets=("US", "EU"), versions=versions, lang="zh_CN")
    build = time.perf_counter() - t0
    method, reset, peak = memory_probe()
    base = reset()
    path = out_dir / f"bench-{count}.{fmt}"
    calls: list[tuple[int, int]] = []
    t0 = time.perf_counter()
    if fmt == "pdf":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication

        from app.ui.pdf_report import write_pdf

        app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts need an application
        write_pdf(report, path, progress=lambda d, t: calls.append((d, t)))
    else:
        from app.io.reports import write_report

        write_report(report, path, fmt, progress=lambda d, t: calls.append((d, t)))
    write = time.perf_counter() - t0
    extra = max(0, peak() - base)
    findings = report["summary"]["findings"]["total"]
    return {"format": fmt, "listings": count, "findings": findings, "build_s": build, "write_s": write,
            "write_peak_mb": extra / 2**20, "bytes": path.stat().st_size, "progress_calls": len(calls),
            "memory": method, "data": data}


def openpyxl_baseline(count: int, out_dir: Path) -> tuple[float, float]:
    """Seconds for openpyxl write-only vs this app's writer, for the same Findings + Catalogue cells."""
    from openpyxl import Workbook

    from app.core.report import build_report
    from app.io.reports.sheetml import WorkbookWriter
    from app.io.reports.xlsx import catalogue_fields

    results, versions, _ = synthetic_results(count)
    report = build_report(results, markets=("US", "EU"), versions=versions, lang="en")
    names = catalogue_fields(report["listings"])
    rows = [[item["sku"], item["title"], item["risk"], f["severity"], f["market"], f["topic"], f["field"],
             f["matched"], f["message"], f["suggestion"], f["mark"], f["owner"], f["match"], f["rule_id"],
             f["source"], item["source"], item["sheet"], item["row"]]
            for item in report["listings"] for f in item["findings"]]
    catalogue = [[item["risk"], len(item["findings"]), *(item["fields"].get(n, "") for n in names)]
                 for item in report["listings"]]
    t0 = time.perf_counter()
    wb = Workbook(write_only=True)
    for title, table in (("Findings", rows), ("Catalogue", catalogue)):
        ws = wb.create_sheet(title)
        for row in table:
            ws.append([v if v is not None else None for v in row])
    wb.save(out_dir / "baseline-openpyxl.xlsx")
    theirs = time.perf_counter() - t0
    t0 = time.perf_counter()
    with WorkbookWriter(out_dir / "baseline-ours.xlsx") as book:
        for title, table in (("Findings", rows), ("Catalogue", catalogue)):
            with book.sheet(title) as sheet:
                for row in table:
                    sheet.append(row)
    ours = time.perf_counter() - t0
    return theirs, ours


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="listing counts, comma-separated")
    parser.add_argument("--formats", default="json,csv,html,xlsx", help="formats, comma-separated")
    parser.add_argument("--pdf", type=int, default=0, help="also write the PDF for this many listings")
    parser.add_argument("--baseline", action="store_true", help="compare the Excel writer with openpyxl")
    parser.add_argument("--one", nargs=3, metavar=("FORMAT", "COUNT", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]), Path(args.one[2]))))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    jobs = [(fmt, n) for fmt in args.formats.split(",") if fmt for n in sizes]
    if args.pdf:
        jobs.append(("pdf", args.pdf))
    rows = []
    with TemporaryDirectory() as tmp:
        for fmt, n in jobs:
            proc = subprocess.run([sys.executable, __file__, "--one", fmt, str(n), tmp], capture_output=True,
                                  text=True, cwd=ROOT, check=False)
            if proc.returncode:
                print(proc.stderr, file=sys.stderr)
                return 1
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            r = rows[-1]
            print(f"{r['format']:5} {r['listings']:>7,} listings {r['findings']:>7,} findings  "
                  f"write {r['write_s']:6.1f} s  peak +{r['write_peak_mb']:6.1f} MB  "
                  f"file {r['bytes'] / 2**20:7.1f} MB  (report built in {r['build_s']:.1f} s)", flush=True)
        print(f"memory measured as {rows[0]['memory']}; data: {rows[0]['data']}")
        by = {(r["format"], r["listings"]): r for r in rows}
        if len(sizes) >= 2:
            small, big = min(sizes), max(sizes)
            for fmt in args.formats.split(","):
                if (fmt, small) in by and (fmt, big) in by:
                    a, b = by[(fmt, small)], by[(fmt, big)]
                    print(f"{fmt:5} {big // small}x the listings: {b['write_s'] / a['write_s']:.1f}x the time, "
                          f"{b['write_peak_mb'] / max(a['write_peak_mb'], 0.1):.1f}x the writer's peak memory")
        if args.baseline:
            theirs, ours = openpyxl_baseline(max(sizes), Path(tmp))
            print(f"Findings + Catalogue cells for {max(sizes):,} listings: openpyxl write-only {theirs:.1f} s, "
                  f"this writer {ours:.1f} s ({theirs / ours:.1f}x faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
