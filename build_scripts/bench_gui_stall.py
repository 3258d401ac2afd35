"""How long does the GUI thread stall while 100,000 listings are imported, checked and shown?

    python build_scripts/bench_gui_stall.py [--rows 100000] [--bundle]

A QTimer ticks every 5 ms on the GUI thread and records the longest gap
between ticks. Baseline: the same timer on an idle window, in the same
process. Then the real window imports, checks and stores a synthetic catalogue
(the work runs in the background; the results reach the table in one reset),
followed by the seller's GUI-thread actions at that size: filter, search,
sort, a decision, an edit with re-check, and reopening the catalogue from the
workspace. Target: no stall of 100 ms or more. Uses the test fixture data
unless --bundle is given.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100.0

TITLES = (
    "Men's running shoes breathable mesh lightweight sneakers",
    "Nike Air style running shoes men",
    "Stainless steel insulated water bottle 32oz",
    "Building bricks set compatible with LEGO, 1200 pieces",
    "FDA approved digital forehead thermometer",
    "Labubu plush keychain doll pendant",
    "Silicone case for iPhone 16 Pro Max",
    "Eco-friendly reusable shopping bag",
    "Adidas look three stripes sports T-shirt",
    "Ceramic coffee mug 12oz matte finish",
    "Gucci style leather belt for women",
    "Cotton crew socks 6 pairs cushioned",
)
BULLETS = ("Soft and durable", "Fits most sizes", "Gift for family", "Easy to clean", "Ships in 2 days")


def write_catalogue(path: Path, rows: int) -> None:
    rnd = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["SKU", "Title", "Bullet Point 1", "Search Terms", "Brand", "Market"])
        for i in range(rows):
            out.writerow([f"BX-{i:06d}", f"{rnd.choice(TITLES)} {i % 97}", rnd.choice(BULLETS),
                          rnd.choice(("gift", "sport shoes", "nike shoes", "bottle", "")), "Acme",
                          rnd.choice(("US", "US", "EU", "UK"))])


class StallMeter:
    """Longest gap between ticks of a 5 ms QTimer on the GUI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> tuple[float, float, int]:
        """(max gap ms, 99th percentile ms, ticks)."""
        self.timer.stop()
        self._tick()
        gaps = sorted(self.gaps)
        p99 = gaps[int(len(gaps) * 0.99)] if gaps else 0.0
        return gaps[-1] * 1000 if gaps else 0.0, p99 * 1000, len(gaps)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--bundle", action="store_true", help="check with the bundled data, not tests/fixtures")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("SSC_NO_DIALOG_BLOCK", "1")
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.checker import Checker
    from app.core.i18n import set_ui_language
    from app.core.marks import load_bundled_marks
    from app.core.models import DataVersions
    from app.core.rules import load_rulebook
    from app.store.intake import ImportChoice
    from app.store.workspace import Workspace
    from app.ui.listings_model import COL_TITLE
    from app.ui.main_window import MainWindow
    from app.ui.row_facts import ListingFilter
    from app.ui.session import bundle_checker, bundle_versions

    app = QApplication(sys.argv)
    app.setApplicationName("Seller Self-Check")
    set_ui_language("en")
    meter = StallMeter()
    results: list[tuple[str, float, float, float]] = []

    def wait_ms(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def measured(name: str, action: Callable[[], object], wait_signal: object = None, tail_ms: int = 300) -> None:
        """Run `action` with the meter on; wait for `wait_signal` (a background job) then `tail_ms` more."""
        meter.start()
        started = time.perf_counter()
        if wait_signal is not None:
            loop = QEventLoop()
            wait_signal.connect(loop.quit)  # type: ignore[attr-defined]
            QTimer.singleShot(0, action)
            loop.exec()
            wait_signal.disconnect(loop.quit)  # type: ignore[attr-defined]
        else:
            QTimer.singleShot(0, action)
        elapsed = time.perf_counter() - started
        wait_ms(tail_ms)
        worst, p99, _ticks = meter.stop()
        results.append((name, elapsed, worst, p99))
        print(f"  {name:<46} took {elapsed * 1000:9.0f} ms   longest GUI stall {worst:6.1f} ms   p99 {p99:5.1f} ms",
              flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "synthetic.csv"
        t = time.perf_counter()
        write_catalogue(csv_path, args.rows)
        print(f"{args.rows} synthetic listings written in {time.perf_counter() - t:.1f} s "
              f"({csv_path.stat().st_size // 1024} KB)")
        ws = Workspace(Path(tmp) / "workspace.sqlite3")
        if args.bundle:
            window = MainWindow(ws, checker_factory=bundle_checker, versions=bundle_versions)
        else:
            marks = load_bundled_marks(ROOT / "tests" / "fixtures" / "marks")
            rulebook = load_rulebook(ROOT / "tests" / "fixtures" / "rules")
            window = MainWindow(ws, checker_factory=lambda seller: Checker(marks, rulebook, seller=seller),
                                versions=lambda: DataVersions("fixture", "fixture"))
        window.resize(1280, 800)
        window.show()
        wait_ms(300)
        print("GUI-thread stalls (5 ms timer):")
        measured("baseline: idle window, 2 s", lambda: None, tail_ms=2000)
        measured(f"import + check + store {args.rows} listings",
                 lambda: window.session.import_file(ImportChoice(csv_path), None, ("US",)), window.check_finished)
        assert window.model.total == args.rows, window.model.total
        page = window.results_page
        measured("filter: high risk", lambda: page.set_filter(ListingFilter(risk="high")))
        print(f"    ({window.model.rowCount()} rows match)")
        measured("search: 'lego'", lambda: page.set_filter(ListingFilter(text="lego")))
        measured("clear filters", lambda: page.set_filter(ListingFilter()))
        measured("sort by title", lambda: window.model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder))
        measured("sort by risk", lambda: window.model.sort(3, Qt.SortOrder.DescendingOrder))
        page.select_row(0)
        measured("decision: false alarm (commit to disk)", lambda: page.detail.decide("false_alarm"))
        measured("edit title + re-check one listing",
                 lambda: window.edit_listing(page.current_listing, "title", "Plain canvas tote bag"))
        catalogue_id = window.session.checked.catalogue_id
        measured("reopen the catalogue from the workspace", lambda: window.session.open_catalogue(catalogue_id),
                 window.check_finished)
        window.close()
        ws.close()

    baseline = results[0][2]
    worst_name, _e, worst, _p = max(results[1:], key=lambda r: r[2])
    print(f"\nlongest stall: {worst:.1f} ms ({worst_name}); idle baseline {baseline:.1f} ms; "
          f"ratio {worst / max(baseline, 0.1):.1f}x; target < {TARGET_MS:.0f} ms: "
          f"{'PASS' if worst < TARGET_MS else 'FAIL'}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
