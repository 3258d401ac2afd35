"""The main window: welcome, listings and dashboard screens, wired to the workspace session.

Screens, dialogs and the background work live in their own modules; this one
connects them and turns the seller's clicks into workspace calls.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressBar, QPushButton, QStackedWidget, QToolBar

from app.core.checker import CheckCancelled
from app.core.i18n import _, set_ui_language, ui_language
from app.core.markets import parse_markets
from app.core.models import ChecklistItem, DataVersions, Finding
from app.io.errors import ImportCancelled, InputError
from app.io.readers import SUPPORTED_SUFFIXES
from app.paths import resource
from app.store.intake import ImportChoice
from app.store.runs import finding_key
from app.store.settings import MARKETS, REPORT_LANGUAGE, UI_LANGUAGE
from app.store.workspace import Workspace
from app.ui.actions import Actions
from app.ui.brands_dialog import BrandsDialog
from app.ui.crash import show_unexpected
from app.ui.dashboard import DashboardPage
from app.ui.import_dialog import ImportDialog
from app.ui.listings_model import ListingsModel
from app.ui.messages import show_error
from app.ui.results_page import ResultsPage
from app.ui.row_facts import ListingFilter, Prepared
from app.ui.session import CheckerFactory, Session, Updater, bundle_checker, bundle_versions
from app.ui.settings_dialog import SettingsDialog
from app.ui.welcome_page import WelcomePage

log = logging.getLogger(__name__)

SAMPLE = resource("samples", "sample_catalogue.xlsx")


class MainWindow(QMainWindow):
    check_finished = Signal()  # any background job ended (tests and scripts wait on it)

    def __init__(self, workspace: Workspace, *, checker_factory: CheckerFactory = bundle_checker,
                 versions: Callable[[], DataVersions] = bundle_versions, updater: Updater | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self.ws = workspace
        self.session = Session(workspace, checker_factory=checker_factory, versions=versions, updater=updater,
                               parent=self)
        self.import_dialog: ImportDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.model = ListingsModel(self)
        self.model.edit_handler = self.edit_listing
        self.actions = Actions(self)
        self.welcome = WelcomePage()
        self.results_page = ResultsPage(self.model)
        self.dashboard = DashboardPage()
        self.stack = QStackedWidget()
        for page in (self.welcome, self.results_page, self.dashboard):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self._build_toolbar()
        self._build_status()
        self._connect()
        self.welcome.set_recent(self.ws.catalogues.recent())
        self.show_page("home")
        self.retranslate()

    # -- construction ---------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        a = self.actions
        self.toolbar.addActions([a["open"], a["export"]])
        self.toolbar.addSeparator()
        self.toolbar.addActions([a["home"], a["results"], a["dashboard"]])
        self.toolbar.addSeparator()
        self.toolbar.addActions([a["recheck"], a["brands"], a["settings"]])
        self.addToolBar(self.toolbar)

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setMaximumWidth(260)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.session.cancel)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def _connect(self) -> None:
        a, s = self.actions, self.session
        a["open"].triggered.connect(self.choose_file)
        a["sample"].triggered.connect(self.open_sample)
        a["export"].triggered.connect(self.choose_export)
        a["quit"].triggered.connect(self.close)
        a["home"].triggered.connect(lambda: self.show_page("home"))
        a["results"].triggered.connect(lambda: self.show_page("results"))
        a["dashboard"].triggered.connect(lambda: self.show_page("dashboard"))
        a["find"].triggered.connect(self.focus_search)
        a["next"].triggered.connect(lambda: self.results_page.step_finding(1))
        a["previous"].triggered.connect(lambda: self.results_page.step_finding(-1))
        a["reopen"].triggered.connect(lambda: self.results_page.detail.decide(None))
        a["edit_title"].triggered.connect(lambda: self.results_page.detail.start_edit("title"))
        a["recheck"].triggered.connect(self.recheck)
        a["cancel"].triggered.connect(s.cancel)
        a["settings"].triggered.connect(self.open_settings)
        a["brands"].triggered.connect(self.open_brands)
        for state, action in a.decide.items():
            action.triggered.connect(lambda _c=False, st=state: self.results_page.detail.decide(st))
        a.lang_zh.triggered.connect(lambda: self.set_language("zh_CN"))
        a.lang_en.triggered.connect(lambda: self.set_language("en"))
        self.welcome.open_requested.connect(self.choose_file)
        self.welcome.sample_requested.connect(self.open_sample)
        self.welcome.recent_requested.connect(self.open_recent)
        self.welcome.reimport_requested.connect(self.reimport)
        self.dashboard.filter_requested.connect(self.filter_from_dashboard)
        detail = self.results_page.detail
        detail.decision_requested.connect(self.decide)
        detail.edit_requested.connect(lambda field, text: self.edit_listing(self.results_page.current_listing,
                                                                            field, text))
        detail.tick_requested.connect(self.tick)
        detail.history_source = self._history
        self.results_page.listing_selected.connect(self._show_listing)
        s.loaded.connect(self._on_loaded)
        s.preview_ready.connect(self._on_preview)
        s.exported.connect(lambda path: self.statusBar().showMessage(
            _("Report written to {file}").format(file=path), 10000))
        s.updated.connect(self._on_updated)
        s.failed.connect(self._on_failed)
        s.progress.connect(self._on_progress)
        s.busy_changed.connect(self._on_busy)
        s.task_finished.connect(self.check_finished)

    # -- screens and language ---------------------------------------------------------------
    def show_page(self, name: str) -> None:
        loaded = self.session.checked is not None
        if name != "home" and not loaded:
            name = "home"
        page = {"home": self.welcome, "results": self.results_page, "dashboard": self.dashboard}[name]
        if name == "dashboard":
            self.dashboard.set_summary(self.model.summary)
        if name == "home":
            self.welcome.set_recent(self.ws.catalogues.recent())
        self.stack.setCurrentWidget(page)
        self.actions[name].setChecked(True)
        self._update_enabled()

    def _update_enabled(self) -> None:
        loaded, busy = self.session.checked is not None, self.session.busy
        a = self.actions
        for name in ("open", "sample", "settings", "brands"):
            a[name].setEnabled(not busy)
        for name in ("export", "recheck"):
            a[name].setEnabled(loaded and not busy)
        for name in ("results", "dashboard", "find", "next", "previous", "reopen", "edit_title"):
            a[name].setEnabled(loaded)
        for action in a.decide.values():
            action.setEnabled(loaded)

    def retranslate(self) -> None:
        name = self.session.checked.name if self.session.checked else ""
        self.setWindowTitle(_("Seller Self-Check") + (f" — {name}" if name else ""))
        self.actions.retranslate()
        self.cancel_button.setText(_("Cancel"))
        self.welcome.retranslate()
        self.results_page.retranslate()
        self.dashboard.retranslate()
        self._update_changes_text()
        if self.settings_dialog is not None:
            self.settings_dialog.retranslate()

    def set_language(self, lang: str) -> None:
        """Switch the interface language at once, everywhere, and remember it."""
        set_ui_language(lang)
        from app.ui.application import install_qt_translations

        install_qt_translations(ui_language.lang)
        self.ws.settings.set(UI_LANGUAGE, ui_language.lang)
        self.retranslate()

    def focus_search(self) -> None:
        self.show_page("results")
        self.results_page.filters.search.setFocus()
        self.results_page.filters.search.selectAll()

    def filter_from_dashboard(self, spec: ListingFilter) -> None:
        self.show_page("results")
        self.results_page.set_filter(spec)

    # -- opening catalogues -------------------------------------------------------------------
    def markets(self) -> tuple[str, ...]:
        codes, _unknown = parse_markets(",".join(self.ws.settings.get(MARKETS)))
        return codes or ("US",)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Open catalogue"), str(Path.home()),
            _("Spreadsheets") + " (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt)")
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """Read a preview in the background, then ask about sheet, columns and catalogue."""
        if self.session.preview(path):
            self.statusBar().showMessage(_("Reading {file}…").format(file=path.name))

    def _on_preview(self, previews: list, best: int, matched: int | None) -> None:
        self.statusBar().clearMessage()
        dialog = ImportDialog(previews, best, catalogues=self.ws.catalogues.recent(limit=50), matched=matched,
                              recall=self.ws.mappings.recall, markets=",".join(self.markets()), parent=self)
        dialog.accepted.connect(lambda: self._start_import(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()

    def _start_import(self, dialog: ImportDialog) -> None:
        self.import_dialog = None
        choice = dialog.choice()
        self.session.import_file(choice, dialog.catalogue_id(), dialog.markets() or self.markets())
        self.statusBar().showMessage(_("Checking {file}…").format(file=choice.path.name))

    def open_sample(self) -> None:
        path = SAMPLE.resolve()
        matched = self.ws.catalogues.match_file(path, [])
        if self.session.import_file(ImportChoice(path), matched, self.markets()):
            self.statusBar().showMessage(_("Checking {file}…").format(file=path.name))

    def open_recent(self, catalogue_id: int) -> None:
        if self.session.open_catalogue(catalogue_id):
            self.statusBar().showMessage(_("Opening…"))

    def reimport(self, catalogue_id: int) -> None:
        path = Path(self.ws.catalogues.get(catalogue_id).source_path)
        if not path.exists():
            show_error(self, _("File not found"), _("{file} is no longer there.").format(file=path),
                       todo=_("Open the updated catalogue with Open catalogue… and add it to the same catalogue."))
            return
        self.open_file(path)

    def recheck(self) -> None:
        if self.session.recheck(self.markets()):
            self.statusBar().showMessage(_("Checking again…"))

    def _on_loaded(self, prepared: Prepared) -> None:
        old = self.model.prepared
        self.model.set_prepared(prepared)
        if old is not None and old is not prepared:
            self.session.retire(old)
        del old
        s = prepared.summary
        self.results_page.filters.set_options(s.by_market, s.by_topic, s.by_brand)
        self.results_page.table.horizontalHeader().setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.results_page.update_summary()
        self.dashboard.set_summary(s)
        self.statusBar().showMessage(_("Checked {count} listings of {name}.").format(
            count=len(prepared.checked.results), name=prepared.checked.name), 10000)
        self.show_page("results")
        self.retranslate()

    def _update_changes_text(self) -> None:
        checked = self.session.checked
        text = ""
        if checked is not None and checked.changes.get("previous_at"):
            c = checked.changes
            text = _("Since the import of {when}: {new} new listings, {changed} changed, {removed} removed; "
                     "{findings} new findings; {carried} earlier decisions carried over.").format(
                when=str(c["previous_at"]).replace("T", " ")[:16], new=c["new"], changed=c["changed"],
                removed=c["removed"], findings=checked.new_finding_count, carried=checked.carried_decisions)
        self.results_page.set_changes_text(text)

    # -- background job feedback ---------------------------------------------------------------
    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        else:
            self.statusBar().clearMessage()
        self._update_enabled()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, (ImportCancelled, CheckCancelled)):
            self.statusBar().showMessage(_("Cancelled. Nothing was changed."), 8000)
        elif isinstance(error, InputError):
            show_error(self, _("Cannot read the file"), error.message(ui_language.lang),
                       todo=_("Check that the file opens in Excel, that it has a header row with a title column, "
                              "and try again; or save it as .xlsx or UTF-8 CSV."))
        elif isinstance(error, sqlite3.Error):
            log.error("workspace error", exc_info=error)
            show_error(self, _("Could not save to the workspace"), str(error),
                       todo=_("Check that the disk is not full and that no other copy of the app is busy, then "
                              "try again. Workspace: {path}").format(path=self.ws.path))
        elif isinstance(error, OSError):
            show_error(self, _("Could not write the file"), str(error),
                       todo=_("Choose another folder, or close the file if it is open in another program."))
        else:
            show_unexpected(self, error)

    def _on_updated(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        if self.settings_dialog is not None:
            self.settings_dialog.set_versions(self.session.current_versions())

    # -- review ------------------------------------------------------------------------------
    def _show_listing(self, listing: int) -> None:
        detail = self.results_page.detail
        checked = self.session.checked
        if listing < 0 or checked is None:
            detail.show_result(None)
            return
        result = checked.results[listing]
        key = checked.keys[listing]
        new = {i for i, f in enumerate(result.findings) if (key, finding_key(f)) in checked.new_findings}
        detail.show_result(result, edits=checked.edits.get(key, {}), new=new)

    def _history(self, finding: Finding) -> list:
        listing = self.results_page.current_listing
        review = self.session.review
        return review.history(listing, finding) if review is not None and listing >= 0 else []

    def _after_review(self, listing: int) -> None:
        self.model.refresh_listing(listing)
        self.results_page.update_summary()
        if self.stack.currentWidget() is self.dashboard:
            self.dashboard.set_summary(self.model.summary)

    def decide(self, finding: Finding, state: str | None, note: str) -> None:
        listing, review = self.results_page.current_listing, self.session.review
        if review is None or listing < 0:
            return
        try:
            review.decide(listing, finding, state, note)
        except sqlite3.Error as exc:
            self._on_failed(exc)
            return
        self._after_review(listing)
        self.results_page.detail.refresh_finding_lines()

    def tick(self, item: ChecklistItem, done: bool) -> None:
        listing, review = self.results_page.current_listing, self.session.review
        if review is None or listing < 0:
            return
        try:
            review.tick(listing, item, done)
        except sqlite3.Error as exc:
            self._on_failed(exc)

    def edit_listing(self, listing: int, field: str, text: str) -> bool:
        """Store the seller's text in the workspace copy and re-check that listing at once."""
        review, checker = self.session.review, self.session.checker
        if review is None or checker is None or listing < 0:
            return False
        try:
            review.edit(listing, field, text, checker)
        except sqlite3.Error as exc:
            self._on_failed(exc)
            return False
        self._after_review(listing)
        if listing == self.results_page.current_listing:
            self._show_listing(listing)
        self.statusBar().showMessage(_("Saved in the workspace and checked again; your file is unchanged."), 6000)
        return True

    # -- export, settings, brands -------------------------------------------------------------
    def report_language(self) -> str:
        return self.ws.settings.get(REPORT_LANGUAGE) or ui_language.lang

    def choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export report"), str(Path.home() / "compliance-report.xlsx"),
            "Excel (*.xlsx);;PDF (*.pdf);;CSV (*.csv);;HTML (*.html);;JSON (*.json)")
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        started = self.session.export(path, self.report_language())
        if started:
            self.statusBar().showMessage(_("Writing {file}…").format(file=path.name))
        return started

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.ws.settings, self.session.current_versions(),
                                can_update=self.session.updater is not None, parent=self)
        before = self.markets()
        dialog.language_changed.connect(self.set_language)
        dialog.update_requested.connect(self.session.update_data)

        def saved() -> None:
            dialog.save()
            if self.markets() != before and self.session.checked is not None:
                self.recheck()

        dialog.accepted.connect(saved)
        dialog.finished.connect(lambda _r: setattr(self, "settings_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def open_brands(self) -> BrandsDialog:
        dialog = BrandsDialog(self.ws.seller.editable(), parent=self, workspace_path=self.ws.path,
                              imported_marks=sum(b.mark_count for b in self.ws.imported_marks.batches()))

        def closed(result: int) -> None:  # `finished` comes before `accepted`: save here, then re-check
            if result == BrandsDialog.DialogCode.Accepted.value and dialog.result_lists is not None:
                self.ws.seller.save(dialog.result_lists)
            if result == BrandsDialog.DialogCode.Accepted.value or dialog.data_imported:
                self.session.invalidate_checker()
                if self.session.checked is not None:
                    self.recheck()

        dialog.finished.connect(closed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- drag and drop, closing ---------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and Path(urls[0].toLocalFile()).suffix.lower() in SUPPORTED_SUFFIXES:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.open_file(Path(urls[0].toLocalFile()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.cancel()
        super().closeEvent(event)
