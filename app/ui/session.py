"""The window's link to the workspace: runs import, check, reload, export and data updates in the background.

Each background job opens its own workspace connection (a SQLite connection
belongs to one thread) and hands back plain data; the GUI thread only swaps
it in. One job at a time; `cancel()` stops it at the next row.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.bundle import load_bundle
from app.core.checker import Checker, SellerLists
from app.core.models import DataVersions
from app.core.report import build_report
from app.io.reports import write_report
from app.store import pipeline
from app.store.intake import ImportChoice, preview_sheets
from app.store.review import Review
from app.store.workspace import Workspace
from app.ui.pdf_report import write_pdf
from app.ui.row_facts import Prepared, prepare
from app.ui.tasks import Task, run_task

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
CheckerFactory = Callable[[SellerLists], Checker]
# A data updater (the rule-pack updater plugs in here): downloads and installs new data, returns a message.
Updater = Callable[[Progress, Cancelled], str]


def bundle_checker(seller: SellerLists) -> Checker:
    bundle = load_bundle()
    return Checker(bundle.marks, bundle.rulebook, seller=seller, fuzzy_ignore=bundle.fuzzy_ignore)


def bundle_versions() -> DataVersions:
    return load_bundle().versions


class _JobMode:
    """Keeps the GUI thread's share of the GIL while a Python-heavy job runs beside it.

    A full (generation 2) garbage collection walks every object in the process
    while holding the GIL: with 100,000 listings in memory that is 100-250 ms
    in which the GUI thread cannot run any Python. During a job only the cheap
    young collections run; when it ends, the objects it made are frozen (moved
    out of the collector's sight; reference counting still frees them) so later
    full collections stay small. The GIL switch interval drops from 5 ms to
    1 ms, so each call from Qt into Python waits less for the worker.
    """

    SWITCH_INTERVAL_S = 0.001

    def __init__(self) -> None:
        self._saved: tuple[tuple[int, int, int], float] | None = None

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold(), sys.getswitchinterval()
            gc.set_threshold(self._saved[0][0], self._saved[0][1], 1_000_000_000)
            sys.setswitchinterval(min(self._saved[1], self.SWITCH_INTERVAL_S))

    def stop(self) -> None:
        if self._saved is not None:
            gc.freeze()
            gc.set_threshold(*self._saved[0])
            sys.setswitchinterval(self._saved[1])
            self._saved = None


class _Retirer(QObject):
    """Frees a replaced catalogue on the GUI thread, a slice per timer tick.

    Dropping the last reference to 100,000 checked listings frees millions of
    objects in one C call (~200 ms without any event processing); a slice of
    a few hundred listings takes a couple of milliseconds, and freeing it in a
    background thread instead would hold the GIL against the GUI anyway.
    """

    SLICE = 300

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lists: list[list[Any]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def retire(self, prepared: Prepared) -> None:
        checked = prepared.checked
        self._lists += [prepared.facts, checked.results, checked.as_read, checked.keys, checked.status,
                        checked.listing_ids, prepared.order, *prepared.text_ranks.values()]
        self._timer.start()

    def _step(self) -> None:
        while self._lists and not self._lists[-1]:
            self._lists.pop()
        if not self._lists:
            self._timer.stop()
            return
        del self._lists[-1][-self.SLICE:]


class Session(QObject):
    loaded = Signal(object)  # Prepared
    preview_ready = Signal(object, int, object)  # previews, best index, matching catalogue id or None
    exported = Signal(object)  # Path
    updated = Signal(str)  # the updater's message
    failed = Signal(object)  # the exception
    progress = Signal(int, int)
    busy_changed = Signal(bool)
    task_finished = Signal()

    def __init__(self, ws: Workspace, *, checker_factory: CheckerFactory = bundle_checker,
                 versions: Callable[[], DataVersions] = bundle_versions, updater: Updater | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.checker_factory = checker_factory
        self.versions_source = versions
        self.updater = updater
        self.checker: Checker | None = None
        self.versions: DataVersions | None = None  # of the data last checked with
        self.review: Review | None = None
        self._task: Task | None = None
        self._alive: set[Task] = set()  # until each worker has fully returned
        self._collector = _JobMode()
        self._retirer = _Retirer(self)

    @property
    def busy(self) -> bool:
        return self._task is not None

    @property
    def checked(self) -> pipeline.CheckedCatalogue | None:
        return self.review.checked if self.review is not None else None

    def invalidate_checker(self) -> None:
        """The seller's brand lists or the data changed: the next check builds a new checker."""
        self.checker = None

    # -- running jobs ---------------------------------------------------------------------
    def _run(self, work: Callable[[Workspace, Progress, Cancelled], Any], on_done: Callable[[Any], None]) -> bool:
        if self._task is not None:
            return False
        path = self.ws.path

        def job(progress: Progress, cancelled: Cancelled) -> Any:
            with Workspace(path) as ws:
                return work(ws, progress, cancelled)

        self.busy_changed.emit(True)
        self._collector.start()
        task = run_task(job, lambda result: self._done(on_done, result), self._failed, self.progress.emit)
        self._alive.add(task)
        task.signals.finished.connect(lambda: self._alive.discard(task))
        self._task = task
        return True

    def _done(self, on_done: Callable[[Any], None], result: Any) -> None:
        self._task = None
        self.busy_changed.emit(False)
        try:
            on_done(result)
        finally:
            self._collector.stop()
            self.task_finished.emit()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self._collector.stop()
        self.busy_changed.emit(False)
        try:
            self.failed.emit(error)
        finally:
            self.task_finished.emit()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def retire(self, prepared: Prepared | None) -> None:
        """Free a catalogue the window no longer shows, a slice at a time."""
        if prepared is not None:
            self._retirer.retire(prepared)

    def _checker_for(self, ws: Workspace) -> Checker:
        return self.checker or self.checker_factory(ws.seller.load())

    def _loaded(self, outcome: tuple[Prepared, Checker | None]) -> None:
        prepared, checker = outcome
        if checker is not None:
            self.checker = checker
        self.review = Review(self.ws, prepared.checked)
        self.versions = prepared.checked.versions
        self.loaded.emit(prepared)

    # -- jobs ----------------------------------------------------------------------------
    def preview(self, path: Path) -> bool:
        def work(ws: Workspace, progress: Progress, cancelled: Cancelled) -> tuple[list[Any], int, int | None]:
            previews, best = preview_sheets(path)
            matched = ws.catalogues.match_file(path.resolve(), previews[best].skus)
            return previews, best, matched

        return self._run(work, lambda r: self.preview_ready.emit(*r))

    def import_file(self, choice: ImportChoice, catalogue_id: int | None, markets: tuple[str, ...]) -> bool:
        def work(ws: Workspace, progress: Progress, cancelled: Cancelled) -> tuple[Prepared, Checker]:
            versions = self.versions_source()
            checker = self._checker_for(ws)
            checked = pipeline.import_and_check(ws, choice, markets=markets, checker=checker, versions=versions,
                                                catalogue_id=catalogue_id, progress=progress, cancelled=cancelled)
            if choice.mapping is not None:
                catalogue_headers = ws.catalogues.latest_import(checked.catalogue_id)
                if catalogue_headers is not None:
                    ws.mappings.remember(catalogue_headers.headers, choice.mapping)
            return prepare(checked), checker

        return self._run(work, self._loaded)

    def open_catalogue(self, catalogue_id: int) -> bool:
        """Reopen as last checked; checked again when the data changed since."""
        def work(ws: Workspace, progress: Progress, cancelled: Cancelled) -> tuple[Prepared, Checker | None]:
            versions = self.versions_source()
            checked = pipeline.load(ws, catalogue_id, progress)
            if checked is not None and checked.versions == versions:
                return prepare(checked), None
            info = ws.catalogues.get(catalogue_id)
            checker = self._checker_for(ws)
            checked = pipeline.recheck(ws, catalogue_id, markets=info.markets or ("US",), checker=checker,
                                       versions=versions, progress=progress, cancelled=cancelled)
            return prepare(checked), checker

        return self._run(work, self._loaded)

    def recheck(self, markets: tuple[str, ...]) -> bool:
        """Check the open catalogue again (new markets, brand lists or data)."""
        if self.checked is None:
            return False
        catalogue_id = self.checked.catalogue_id

        def work(ws: Workspace, progress: Progress, cancelled: Cancelled) -> tuple[Prepared, Checker]:
            versions = self.versions_source()
            checker = self._checker_for(ws)
            checked = pipeline.recheck(ws, catalogue_id, markets=markets, checker=checker, versions=versions,
                                       progress=progress, cancelled=cancelled)
            return prepare(checked), checker

        return self._run(work, self._loaded)

    def export(self, path: Path, lang: str) -> bool:
        checked = self.checked
        if checked is None:
            return False
        results, markets, versions = list(checked.results), checked.markets, checked.versions

        def work(ws: Workspace, progress: Progress, cancelled: Cancelled) -> Path:
            report = build_report(results, markets=markets, versions=versions, lang=lang)
            if path.suffix.lower() == ".pdf":
                write_pdf(report, path, progress=progress, cancelled=cancelled)
            else:
                write_report(report, path, progress=progress, cancelled=cancelled)
            return path

        return self._run(work, self.exported.emit)

    def current_versions(self) -> DataVersions:
        """The data versions to show: those last checked with, else the bundle's (loads it once)."""
        if self.versions is None:
            self.versions = self.versions_source()
        return self.versions

    def update_data(self) -> bool:
        updater = self.updater
        if updater is None:
            return False

        def work(ws: Workspace, progress: Progress, cancelled: Cancelled) -> str:
            message = updater(progress, cancelled)
            load_bundle.cache_clear()  # the next check reads the new data
            return message

        def done(message: str) -> None:
            self.invalidate_checker()
            self.versions = None
            self.updated.emit(message)

        return self._run(work, done)
