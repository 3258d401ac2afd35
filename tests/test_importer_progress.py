"""Progress the GUI can show and a cancel button that works, also while a parser is inside one long call."""

from __future__ import annotations

import csv
import threading
from itertools import pairwise
from pathlib import Path

import pytest

from app.io.errors import ImportCancelled
from app.io.importer import import_catalogue
from app.io.progress import TOTAL, Progress
from tests.import_files import write_xlsx


def big_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["SKU", "Title", "Description"])
        writer.writerows(
            [f"P-{i}", f"Stainless steel water bottle {i}", "Keeps drinks cold " * 8] for i in range(rows)
        )
    return path


def test_progress_is_monotone_fine_grained_and_complete(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    cat = import_catalogue(big_csv(tmp_path / "big.csv", 20_000), progress=lambda d, t: calls.append((d, t)))
    assert len(cat.listings) == 20_000
    assert calls[-1] == (TOTAL, TOTAL) and all(t == TOTAL for _, t in calls)
    done = [0] + [d for d, _ in calls]
    assert all(b > a for a, b in pairwise(done))
    assert max(b - a for a, b in pairwise(done)) <= 0.02 * TOTAL


def test_workbook_progress_reaches_the_end(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "w.xlsx", {"S": [["SKU", "Title"]] + [[f"W-{i}", f"Mug {i}"] for i in range(3000)]}
    )
    calls: list[int] = []
    import_catalogue(path, progress=lambda d, t: calls.append(d))
    assert calls == sorted(calls) and calls[-1] == TOTAL


@pytest.mark.parametrize(("suffix", "rows"), [(".csv", 20_000), (".xlsx", 5_000)])
def test_cancel_from_the_progress_callback(tmp_path: Path, suffix: str, rows: int) -> None:
    path = big_csv(tmp_path / "big.csv", rows)
    if suffix == ".xlsx":
        with path.open(encoding="utf-8", newline="") as fh:
            path = write_xlsx(tmp_path / "big.xlsx", {"S": list(csv.reader(fh))})
    pressed = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done >= TOTAL // 2:
            pressed.set()

    with pytest.raises(ImportCancelled):
        import_catalogue(path, progress=progress, cancelled=pressed.is_set)
    assert seen and seen[-1] < TOTAL


def test_cancel_while_the_native_call_is_still_running() -> None:
    """calamine parses a sheet in one call; cancel must not wait for it to return."""
    release = threading.Event()
    cancel = threading.Event()
    reports: list[int] = []

    def progress(done: int, total: int) -> None:
        reports.append(done)
        cancel.set()  # the seller presses cancel as soon as the bar moves

    def native_call() -> str:
        release.wait()
        return "parsed"

    meter = Progress(progress, cancel.is_set)
    try:
        with pytest.raises(ImportCancelled):
            meter.wait_for(native_call, expected_seconds=0.05, until=0.8)
        assert not release.is_set() and reports and reports[-1] < 0.8 * TOTAL
    finally:
        release.set()  # let the helper thread end


def test_native_call_errors_reach_the_caller() -> None:
    def broken() -> None:
        raise ValueError("bad zip")

    with pytest.raises(ValueError, match="bad zip"):
        Progress(lambda d, t: None).wait_for(broken, 1.0, 0.5)
    assert Progress().wait_for(lambda: 42, 1.0, 0.5) == 42  # no progress wanted: called directly
