"""One way to run long work off the GUI thread.

`run_task(fn, on_done, on_error, on_progress)` runs `fn(progress, cancelled)` on
the global QThreadPool; progress `(done, total)`, the result and any error come
back to the GUI thread through queued signals. `Task.cancel()` asks the work to
stop; the work checks `cancelled()` once per row.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)
    finished = Signal()


class Task(QRunnable):
    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit, self._cancel.is_set)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            if not isinstance(exc, Exception):
                log.exception("background task aborted")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            self.signals.finished.emit()


def run_task(
    work: Work,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    task = Task(work)
    task.signals.done.connect(on_done)
    task.signals.failed.connect(on_error)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
