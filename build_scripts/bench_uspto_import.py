"""Memory and speed of the streamed USPTO XML import on a generated file (~200 MB by default).

    python build_scripts/bench_uspto_import.py [--mb 200] [--store]

Writes a `trademark-applications-daily` file of synthetic case files into a
temporary folder, then reads it with app/io/uspto.py (and with --store, imports
it into a temporary workspace). Prints the file size, cases per second and the
growth of peak resident memory, against the file size: streamed, it must stay
a small fraction of the file however large the file is.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.io.uspto import UsptoSummary, read_uspto_marks  # noqa: E402

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<trademark-applications-daily><version><version-no>2.1</version-no>'
        "</version><application-information><file-segments><file-segment>TRMK</file-segment><action-keys>"
        "<action-key>00</action-key>\n")
TAIL = "</action-keys></file-segments></application-information></trademark-applications-daily>\n"
GOODS = ("Clothing, namely, shirts, t-shirts, hooded sweatshirts, jackets, hats and caps; insulated drinking "
         "tumblers, water bottles sold empty, travel mugs; protective cases for mobile phones and tablets")


def case(i: int) -> str:
    status = ("630", "700", "602", "800", "710")[i % 5]
    return (f"<case-file><serial-number>{90000000 + i}</serial-number><registration-number>0</registration-number>"
            f"<transaction-date>20250102</transaction-date><case-file-header><filing-date>20240105</filing-date>"
            f"<status-code>{status}</status-code><status-date>20250102</status-date>"
            f"<mark-identification>BRANDO {i}</mark-identification><mark-drawing-code>4000</mark-drawing-code>"
            f"</case-file-header><case-file-statements><case-file-statement><type-code>GS0251</type-code>"
            f"<text>{GOODS}</text></case-file-statement></case-file-statements><case-file-owners>"
            f"<case-file-owner><entry-number>01</entry-number><party-type>10</party-type>"
            f"<party-name>Owner Number {i % 977} LLC</party-name><address-1>1 Main Street</address-1>"
            f"<city>Springfield</city><state>IL</state><country>US</country><postcode>62701</postcode>"
            f"</case-file-owner></case-file-owners><classifications><classification>"
            f"<international-code-total-no>2</international-code-total-no><international-code>025</international-code>"
            f"<international-code>021</international-code><us-code-total-no>1</us-code-total-no>"
            f"<us-code>039</us-code><status-code>6</status-code><status-date>20240105</status-date>"
            f"<first-use-anywhere-date>20230101</first-use-anywhere-date><primary-code>025</primary-code>"
            f"</classification></classifications></case-file>\n")


def write_file(path: Path, megabytes: int) -> int:
    target = megabytes * 1024 * 1024
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEAD)
        written = len(HEAD)
        while written < target:
            block = "".join(case(n + k) for k in range(1000))
            fh.write(block)
            written += len(block)
            n += 1000
        fh.write(TAIL)
    return n


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--store", action="store_true", help="also import into a temporary workspace")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "apc_bench.xml"
        with multiprocessing.Pool(1) as pool:  # written by a child process: this one's peak stays clean
            cases = pool.apply(write_file, (path, args.mb))
        size_mb = path.stat().st_size / 1024 / 1024
        before = peak_rss_mb()
        start = time.perf_counter()
        summary = UsptoSummary()
        if args.store:
            from app.store import mark_intake
            from app.store.workspace import Workspace

            with Workspace(Path(tmp) / "ws.sqlite3") as ws:
                batch, summary = mark_intake.import_uspto(ws, path)
                kept = batch.mark_count
        else:
            kept = sum(1 for _m in read_uspto_marks(path, summary=summary))
        seconds = time.perf_counter() - start
        growth = peak_rss_mb() - before
    print(f"file {size_mb:.0f} MB, {cases} case files, {kept} live marks kept ({summary.skipped_dead} dead skipped)")
    print(f"{'read + store' if args.store else 'read'}: {seconds:.1f} s, {cases / seconds:,.0f} cases/s, "
          f"{size_mb / seconds:.1f} MB/s")
    print(f"peak memory before {before:.0f} MB, growth while reading {growth:.1f} MB "
          f"= {growth / size_mb:.3f} x the file size")
    return 0


if __name__ == "__main__":
    sys.exit(main())
