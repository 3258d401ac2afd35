"""The main window: open or drop a catalogue, check it off the GUI thread, review, export."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow, QProgressBar, QPushButton,
    QSplitter, QStackedWidget, QTableView, QToolBar, QVBoxLayout, QWidget,
)

from app.core.bundle import load_bundle
from app.core.checker import CheckCancelled, Checker
from app.core.i18n import N_, _, set_ui_language, ui_language
from app.core.markets import parse_markets
from app.core.models import ListingResult
from app.core.report import build_report
from app.io.errors import ImportCancelled, InputError
from app.io.exporters import write_report
from app.io.importer import import_catalogue
from app.paths import resource
from app.ui.detail_pane import DetailPane
from app.ui.listings_model import COL_RISK, COL_TITLE, ListingsModel, ResultRole, SortRole
from app.ui.messages import show_error
from app.ui.pdf_report import write_pdf
from app.ui.tasks import Task, run_task

log = logging.getLogger(__name__)

SAMPLE = resource("samples", "sample_catalogue.xlsx")
RISK_FILTERS = (("", N_("All risks")), ("high", N_("High")), ("medium", N_("Medium")), ("low", N_("Low")),
                ("none", N_("None")))


class ResultsFilter(QSortFilterProxyModel):
    """Filters by risk and by text in SKU or title; sorts on native values."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.risk = ""
        self.text = ""
        self.setSortRole(SortRole)

    def set_filter(self, risk: str, text: str) -> None:
        self.risk, self.text = risk, text.casefold().strip()
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        result: ListingResult = self.sourceModel().index(source_row, 0, source_parent).data(ResultRole)
        if self.risk and result.risk != self.risk:
            return False
        if self.text:
            hay = f"{result.listing.sku} {result.listing.title}".casefold()
            if self.text not in hay:
                return False
        return True


class MainWindow(QMainWindow):
    check_finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.resize(1200, 760)
        self._task: Task | None = None
        self._checker: Checker | None = None
        self._results: list[ListingResult] = []
        self._current_file: Path | None = None
        self._markets: tuple[str, ...] = ("US",)

        self.model = ListingsModel(self)
        self.proxy = ResultsFilter(self)
        self.proxy.setSourceModel(self.model)

        self._build_actions()
        self._build_welcome()
        self._build_results()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.results_page)
        self.setCentralWidget(self.stack)
        self._build_status()
        self.retranslate()

    # -- construction ------------------------------------------------------------
    def _build_actions(self) -> None:
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_file)
        self.sample_action = QAction(self)
        self.sample_action.triggered.connect(self.open_sample)
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self.choose_export)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.lang_zh_action = QAction("中文", self)
        self.lang_zh_action.triggered.connect(lambda: self.set_language("zh_CN"))
        self.lang_en_action = QAction("English", self)
        self.lang_en_action.triggered.connect(lambda: self.set_language("en"))

        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addActions([self.open_action, self.sample_action, self.export_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.lang_menu = self.menuBar().addMenu("")
        self.lang_menu.addActions([self.lang_zh_action, self.lang_en_action])

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addActions([self.open_action, self.sample_action, self.export_action])
        self.toolbar.addSeparator()
        self.markets_label = QLabel()
        self.markets_edit = QLineEdit("US")
        self.markets_edit.setMaximumWidth(160)
        self.markets_edit.setObjectName("markets_edit")
        self.toolbar.addWidget(self.markets_label)
        self.toolbar.addWidget(self.markets_edit)
        self.addToolBar(self.toolbar)

    def _build_welcome(self) -> None:
        self.welcome = QWidget()
        layout = QVBoxLayout(self.welcome)
        layout.addStretch(1)
        self.welcome_title = QLabel()
        self.welcome_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome_text = QLabel()
        self.welcome_text.setWordWrap(True)
        self.welcome_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.choose_file)
        self.sample_button = QPushButton()
        self.sample_button.setObjectName("sample_button")
        self.sample_button.clicked.connect(self.open_sample)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        layout.addWidget(self.welcome_title)
        layout.addWidget(self.welcome_text)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def _build_results(self) -> None:
        self.results_page = QWidget()
        layout = QVBoxLayout(self.results_page)
        bar = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summary_label")
        self.risk_filter = QComboBox()
        self.risk_filter.setObjectName("risk_filter")
        self.risk_filter.currentIndexChanged.connect(self._apply_filter)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._apply_filter)
        bar.addWidget(self.summary_label, 1)
        bar.addWidget(self.risk_filter)
        bar.addWidget(self.search_edit)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.detail = DetailPane()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([700, 500])
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.risk_filter, self.search_edit)
        self.setTabOrder(self.search_edit, self.table)
        self.setTabOrder(self.table, self.detail)

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_task)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Seller Self-Check") + (f" — {self._current_file.name}" if self._current_file else ""))
        self.file_menu.setTitle(_("&File"))
        self.lang_menu.setTitle(_("&Language"))
        self.open_action.setText(_("Open catalogue…"))
        self.sample_action.setText(_("Try the sample"))
        self.export_action.setText(_("Export report…"))
        self.quit_action.setText(_("Quit"))
        self.markets_label.setText(_("Markets:") + " ")
        self.markets_edit.setToolTip(_("Target markets, e.g. US,EU,UK,JP"))
        self.welcome_title.setText("<h1>" + _("Seller Self-Check") + "</h1>")
        self.welcome_text.setText(_(
            "Check your catalogue for other companies' trademarks and for claims the target market does not allow, "
            "before you list. Open an Excel or CSV file, drop it here, or try the sample catalogue. "
            "Everything stays on this computer."))
        self.open_button.setText(_("Open catalogue…"))
        self.sample_button.setText(_("Try the sample catalogue"))
        current = self.risk_filter.currentIndex()
        self.risk_filter.blockSignals(True)
        self.risk_filter.clear()
        for value, label in RISK_FILTERS:
            self.risk_filter.addItem(_(label), value)
        self.risk_filter.setCurrentIndex(max(0, current))
        self.risk_filter.blockSignals(False)
        self.search_edit.setPlaceholderText(_("Search SKU or title"))
        self.cancel_button.setText(_("Cancel"))
        self.model.retranslate()
        self.detail.retranslate()
        self._update_summary()

    def set_language(self, lang: str) -> None:
        set_ui_language(lang)
        from app.ui.application import install_qt_translations

        install_qt_translations(lang)
        self.retranslate()

    # -- actions -------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Open catalogue"), str(Path.home()),
            _("Spreadsheets") + " (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt)")
        if name:
            self.open_file(Path(name))

    def open_sample(self) -> None:
        self.open_file(SAMPLE)

    def open_file(self, path: Path) -> None:
        """Import and check a catalogue in the background."""
        if self._task is not None:
            return
        markets, unknown = parse_markets(self.markets_edit.text())
        if unknown or not markets:
            show_error(self, _("Unknown market"), _("Unknown market: {market}. Use codes like US, EU, UK, JP.")
                       .format(market=", ".join(unknown) or self.markets_edit.text()))
            return
        self._markets = markets
        checker = self._checker

        def work(progress: Any, cancelled: Any) -> tuple[Path, list[ListingResult], Checker]:
            nonlocal checker
            catalogue = import_catalogue(path, cancelled=cancelled)
            if checker is None:
                bundle = load_bundle()
                checker = Checker(bundle.marks, bundle.rulebook, fuzzy_ignore=bundle.fuzzy_ignore)
            results = list(checker.check_all(catalogue.listings, markets, progress=progress, cancelled=cancelled))
            return path, results, checker

        self._start(work, self._on_checked, _("Checking {file}…").format(file=path.name))

    def _start(self, work: Any, on_done: Any, message: str) -> None:
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.statusBar().showMessage(message)
        self.open_action.setEnabled(False)
        self.sample_action.setEnabled(False)
        self._task = run_task(work, on_done, self._on_failed, self._on_progress)

    def _finish_task(self) -> None:
        self._task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.open_action.setEnabled(True)
        self.sample_action.setEnabled(True)

    def cancel_task(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_checked(self, outcome: tuple[Path, list[ListingResult], Checker]) -> None:
        self._finish_task()
        path, results, self._checker = outcome
        self._current_file = path
        self._results = results
        self.model.set_results(results)
        self.table.sortByColumn(COL_RISK, Qt.SortOrder.DescendingOrder)
        self.stack.setCurrentWidget(self.results_page)
        self.export_action.setEnabled(True)
        self.statusBar().showMessage(_("Checked {count} listings from {file}.").format(count=len(results),
                                                                                     file=path.name), 8000)
        self.retranslate()
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self.check_finished.emit()

    def _on_failed(self, error: BaseException) -> None:
        self._finish_task()
        if isinstance(error, (ImportCancelled, CheckCancelled)):
            self.statusBar().showMessage(_("Cancelled."), 5000)
            return
        if isinstance(error, InputError):
            show_error(self, _("Cannot read the file"), error.message(ui_language.lang))
        else:
            log.error("check failed", exc_info=error)
            show_error(self, _("Something went wrong"), str(error))
        self.check_finished.emit()

    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.risk_filter.currentData() or "", self.search_edit.text())

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_result(current.data(ResultRole) if current.isValid() else None)

    def _update_summary(self) -> None:
        if not self._results:
            self.summary_label.setText("")
            return
        counts = {k: 0 for k in ("high", "medium", "low", "none")}
        for r in self._results:
            counts[r.risk] += 1
        self.summary_label.setText(_("{total} listings: {high} high, {medium} medium, {low} low risk, {none} clean")
                                   .format(total=len(self._results), **counts))

    def choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export report"), str(Path.home() / "compliance-report.xlsx"),
            "Excel (*.xlsx);;PDF (*.pdf);;CSV (*.csv);;HTML (*.html);;JSON (*.json)")
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        bundle = load_bundle()
        report = build_report(self._results, markets=self._markets, versions=bundle.versions,
                              lang=ui_language.lang)
        try:
            if path.suffix.lower() == ".pdf":
                write_pdf(report, path)
            else:
                write_report(report, path)
        except (OSError, ValueError) as exc:
            show_error(self, _("Export failed"), _("Could not write {file}: {error}").format(file=path, error=exc))
            return
        self.statusBar().showMessage(_("Report written to {file}").format(file=path), 8000)

    # -- drag and drop -------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.open_file(Path(urls[0].toLocalFile()))
