"""How long the bundled marks take to load at start-up: parsing the CSVs vs reading the SQLite cache.

    python build_scripts/bench_marks_load.py [--rounds 7]

Prints the median of each way (in one process, against each other), the
first-run cost (parse + build the cache) and the ratio. Uses a temporary
cache folder, never the user's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.bundle import files_digest  # noqa: E402
from app.core.markcache import cache_path, cached_marks, read_cache  # noqa: E402
from app.core.marks import load_bundled_marks, mark_files  # noqa: E402


def _time(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn()
    return (time.perf_counter() - start) * 1000, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        version = files_digest(mark_files())
        first_ms, marks = _time(lambda: cached_marks(version, load_bundled_marks, folder))
        csv_ms, sqlite_ms, digest_ms = [], [], []
        for _ in range(args.rounds):
            csv_ms.append(_time(load_bundled_marks)[0])
            digest_ms.append(_time(lambda: files_digest(mark_files()))[0])
            ms, cached = _time(lambda: read_cache(cache_path(folder), version))
            sqlite_ms.append(ms)
            assert cached == marks, "the cache must give back exactly the parsed marks"
        size = cache_path(folder).stat().st_size
    csv_med, sql_med, dig_med = (statistics.median(x) for x in (csv_ms, sqlite_ms, digest_ms))
    print(f"marks: {len(marks)}  (median of {args.rounds} rounds)")
    print(f"parse CSV files         {csv_med:8.1f} ms")
    print(f"read SQLite cache       {sql_med:8.1f} ms  (+ {dig_med:.1f} ms to digest the CSVs and check the version)")
    print(f"first run (parse+build) {first_ms:8.1f} ms  cache file {size / 1024:.0f} KiB")
    print(f"start-up with cache / without: {(sql_med + dig_med) / csv_med:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
