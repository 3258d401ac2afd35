"""Progress and cancel for an import, including the steps a reader does in one opaque call.

Progress is reported as `(done, TOTAL)` in thousandths of the whole import and
never goes back. A reader that parses a sheet in one native call (calamine) runs
that call on a helper thread while the caller's thread keeps reporting an
estimate from the elapsed time and checking cancel every 20 ms; the estimate
slows down as it nears its share instead of jumping, and the next phase starts
from wherever the bar is, so the bar moves smoothly whatever the machine speed.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from app.io.errors import ImportCancelled

T = TypeVar("T")

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

TOTAL = 1000
POLL_SECONDS = 0.02


class Progress:
    """Monotone progress in thousandths plus the seller's cancel button."""

    def __init__(self, report: ProgressCallback | None = None, cancelled: CancelCheck | None = None) -> None:
        self._report = report
        self._cancelled = cancelled
        self.value = 0
        self.calls = 0

    @property
    def active(self) -> bool:
        return self._report is not None or self._cancelled is not None

    @property
    def fraction(self) -> float:
        return self.value / TOTAL

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ImportCancelled()

    def to(self, fraction: float) -> None:
        """Move the bar to `fraction` of the whole import (never backwards)."""
        value = min(TOTAL, int(fraction * TOTAL))
        if value > self.value:
            self.value = value
            if self._report is not None:
                self.calls += 1
                self._report(value, TOTAL)

    def finish(self) -> None:
        self.to(1.0)

    def wait_for(self, work: Callable[[], T], expected_seconds: float, until: float) -> T:
        """Run `work` (one long native call) while the bar creeps from here towards `until`.

        The helper thread cannot be interrupted; on cancel the caller gets
        ImportCancelled at once and the thread's result is dropped when it ends.
        """
        if not self.active:
            return work()
        box: dict[str, object] = {}
        done = threading.Event()

        def run() -> None:
            try:
                box["result"] = work()
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                box["error"] = exc
            finally:
                done.set()

        start_fraction = self.fraction
        span = max(0.0, until - start_fraction)
        expected = max(expected_seconds, 0.05)
        began = time.monotonic()
        threading.Thread(target=run, name="import-reader", daemon=True).start()
        while not done.wait(POLL_SECONDS):
            self.check()
            x = (time.monotonic() - began) / expected
            share = 0.8 * x if x <= 1 else 0.8 + 0.2 * (1 - math.exp(-(x - 1)))
            self.to(start_fraction + span * share)
        self.check()
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["result"]  # type: ignore[return-value]
