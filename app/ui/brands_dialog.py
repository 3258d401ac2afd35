"""My brands: the seller's own brands, authorisations (licence reference, expiry) and marks to watch.

Import…/Export… read and write the list of the open tab as CSV / Excel
(app/io/seller_lists.py): an import merges into what the dialog shows, to be
saved with the rest. "Import trademark data…" streams a USPTO XML file or a
list of marks straight into the workspace (app/store/mark_intake.py), in the
background with progress and cancel, since such a file can hold many
thousands of marks; the next check uses them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.checker import Authorisation, SellerLists
from app.core.i18n import _, ui_language
from app.core.models import Mark
from app.io.errors import ImportCancelled, InputError
from app.io.seller_lists import LIST_KINDS, ImportedList, merged, read_list, split_names, write_list
from app.store import mark_intake
from app.store.workspace import Workspace
from app.ui.tasks import Task, run_task

MARK_FILE_SUFFIXES = (".xml", ".zip")  # USPTO bulk data; anything else is read as a list of marks


class _Rows(QWidget):
    """A small editable table (tens of rows at most) with add/remove buttons."""

    def __init__(self, columns: int, rows: list[list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, columns)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row in rows:
            self.add(row)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add([""] * columns))
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add(self, values: list[str]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, value in enumerate(values):
            self.table.setItem(row, col, QTableWidgetItem(value))

    def values(self) -> list[list[str]]:
        out = []
        for row in range(self.table.rowCount()):
            cells = [(self.table.item(row, c).text() if self.table.item(row, c) else "").strip()
                     for c in range(self.table.columnCount())]
            if cells[0]:
                out.append(cells)
        return out


class BrandsDialog(QDialog):
    def __init__(self, lists: SellerLists, parent: QWidget | None = None, *, workspace_path: Path | None = None,
                 imported_marks: int = 0) -> None:
        super().__init__(parent)
        self.workspace_path = workspace_path
        self.imported_marks = imported_marks
        self.data_imported = False  # marks went into the workspace: the window re-checks even on Cancel
        self.task: Task | None = None
        self.setObjectName("brands_dialog")
        self.resize(620, 440)
        self.own = QPlainTextEdit("\n".join(lists.own_brands))
        self.own.setObjectName("own_brands_edit")
        self.own_hint = QLabel()
        self.own_hint.setWordWrap(True)
        own_page = QWidget()
        own_layout = QVBoxLayout(own_page)
        own_layout.addWidget(self.own_hint)
        own_layout.addWidget(self.own)
        self.auths = _Rows(3, [])
        self.watch = _Rows(5, [])
        self._fill(lists)
        self.tabs = QTabWidget()
        self.tabs.addTab(own_page, "")
        self.tabs.addTab(self.auths, "")
        self.tabs.addTab(self.watch, "")
        self.import_button = QPushButton()
        self.import_button.setObjectName("brands_import")
        self.import_button.clicked.connect(self._choose_import)
        self.export_button = QPushButton()
        self.export_button.setObjectName("brands_export")
        self.export_button.clicked.connect(self._choose_export)
        self.data_button = QPushButton()
        self.data_button.setObjectName("brands_import_data")
        self.data_button.setEnabled(workspace_path is not None)
        self.data_button.clicked.connect(self._choose_data)
        self.status = QLabel()
        self.status.setObjectName("brands_status")
        self.status.setWordWrap(True)
        file_row = QHBoxLayout()
        file_row.addWidget(self.import_button)
        file_row.addWidget(self.export_button)
        file_row.addStretch(1)
        file_row.addWidget(self.data_button)
        self.problem = QLabel()
        self.problem.setObjectName("brands_problem")
        self.problem.setStyleSheet("color:#c62828")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(file_row)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.result_lists: SellerLists | None = None
        self.retranslate()

    def lists(self) -> SellerLists:
        """The lists as typed; raises ValueError naming the row whose expiry date is not a date."""
        own = [line.strip() for line in self.own.toPlainText().splitlines() if line.strip()]
        auths = []
        for n, (mark, ref, expires) in enumerate(self.auths.values(), start=1):
            try:
                when = date.fromisoformat(expires) if expires else None
            except ValueError:
                raise ValueError(_("Authorisation row {row}: “{value}” is not a date; write it as 2026-12-31.")
                                 .format(row=n, value=expires)) from None
            auths.append(Authorisation(mark, ref, when))
        watch = []
        for n, (name, owner, classes, keywords, aliases) in enumerate(self.watch.values(), start=1):
            numbers = [int(c) for c in classes.replace(",", " ").split() if c.isdigit()]
            if len(numbers) != len(classes.replace(",", " ").split()) or not all(1 <= c <= 45 for c in numbers):
                raise ValueError(_("Watch list row {row}: “{value}” are not Nice classes (numbers 1 to 45, "
                                   "e.g. 9 25).").format(row=n, value=classes))
            watch.append(Mark(name=name, owner=owner or name, category="watchlist", origin="watchlist",
                              aliases=split_names(aliases), nice_classes=tuple(numbers),
                              keywords=tuple(k.lower() for k in split_names(keywords))))
        return SellerLists(own, auths, watch)

    def _fill(self, lists: SellerLists) -> None:
        self.own.setPlainText("\n".join(lists.own_brands))
        for rows, values in ((self.auths, [[a.mark, a.reference, a.expires.isoformat() if a.expires else ""]
                                           for a in lists.authorisations]),
                             (self.watch, [[m.name, m.owner, " ".join(map(str, m.nice_classes)), "|".join(m.keywords),
                                            "|".join(m.aliases)] for m in lists.watchlist])):
            rows.table.setRowCount(0)
            for row in values:
                rows.add(row)

    # -- files -------------------------------------------------------------------------------
    def current_kind(self) -> str:
        return LIST_KINDS[self.tabs.currentIndex()]

    def _lists_or_problem(self) -> SellerLists | None:
        """The lists as the tables hold them, or None with the problem shown (a bad date, a blank name)."""
        try:
            return self.lists()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return None

    def _run(self, work: Any, done: Any) -> bool:
        if self.task is not None:
            return False
        self.problem.clear()
        for button in (self.import_button, self.export_button, self.data_button):
            button.setEnabled(False)

        def finish() -> None:
            self.task = None
            self.import_button.setEnabled(True)
            self.export_button.setEnabled(True)
            self.data_button.setEnabled(self.workspace_path is not None)

        def ok(result: Any) -> None:
            finish()
            done(result)

        def failed(exc: BaseException) -> None:
            finish()
            if isinstance(exc, ImportCancelled):
                self.status.setText(_("Import stopped; nothing was added."))
            elif isinstance(exc, InputError):
                self.problem.setText(exc.message(ui_language.lang))
            elif isinstance(exc, OSError):
                self.problem.setText(f"{exc.filename or ''}: {exc.strerror or exc}")
            else:
                raise exc

        def progress(done_: int, total: int) -> None:
            self.status.setText(_("Reading… {percent}%").format(percent=100 * done_ // max(1, total)))

        self.task = run_task(work, ok, failed, progress)
        return True

    def import_from(self, path: Path) -> bool:
        """Merge a CSV / Excel list into the open tab (saved with the dialog)."""
        kind = self.current_kind()
        current = self._lists_or_problem()
        if current is None:
            return False

        def done(imported: ImportedList) -> None:
            self._fill(merged(current, imported))
            self.status.setText(_("{count} entries read from {file}; press Save to keep them.").format(
                count=len(imported), file=path.name))

        return self._run(lambda _p, _c: read_list(path, kind), done)  # type: ignore[arg-type]

    def export_to(self, path: Path) -> bool:
        """Write the open tab's list as .csv or .xlsx."""
        kind = self.current_kind()
        current = self._lists_or_problem()
        if current is None:
            return False
        return self._run(lambda _p, _c: write_list(path, current, kind),  # type: ignore[arg-type]
                         lambda count: self.status.setText(_("{count} entries written to {file}.").format(
                             count=count, file=path.name)))

    def import_data_from(self, path: Path) -> bool:
        """Stream a USPTO XML/ZIP file or a list of marks into the workspace, in the background."""
        ws_path = self.workspace_path
        if ws_path is None:
            return False

        def work(progress: Any, cancelled: Any) -> int:
            with Workspace(ws_path) as ws:
                if path.suffix.lower() in MARK_FILE_SUFFIXES:
                    batch, _summary = mark_intake.import_uspto(ws, path, progress=progress, cancelled=cancelled)
                else:
                    batch = mark_intake.import_marks_table(ws, path, cancelled=cancelled)
                return batch.mark_count

        def done(count: int) -> None:
            self.data_imported = True
            self.imported_marks += count
            self.status.setText(_("{count} marks imported from {file}; the next check uses them.").format(
                count=count, file=path.name))

        return self._run(work, done)

    def _choose_import(self) -> None:
        name, _f = QFileDialog.getOpenFileName(self, _("Import a list"), str(Path.home()),
                                               "Excel / CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt)")
        if name:
            self.import_from(Path(name))

    def _choose_export(self) -> None:
        name, _f = QFileDialog.getSaveFileName(self, _("Export the list"),
                                               str(Path.home() / f"{self.current_kind()}.xlsx"),
                                               "Excel (*.xlsx);;CSV (*.csv)")
        if name:
            self.export_to(Path(name))

    def _choose_data(self) -> None:
        name, _f = QFileDialog.getOpenFileName(
            self, _("Import trademark data"), str(Path.home()),
            _("USPTO trademark XML or a list of marks") + " (*.xml *.zip *.xlsx *.xls *.ods *.csv *.tsv *.txt)")
        if name:
            self.import_data_from(Path(name))

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
        super().reject()

    def _accept(self) -> None:
        lists = self._lists_or_problem()
        if lists is None:
            return
        self.result_lists = lists
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("My brands"))
        self.own_hint.setText(_("Your own brands, one per line. They are never flagged in your listings."))
        self.tabs.setTabText(0, _("Own brands"))
        self.tabs.setTabText(1, _("Authorisations"))
        self.tabs.setTabText(2, _("Watch list"))
        self.auths.table.setHorizontalHeaderLabels([_("Brand"), _("Licence reference"), _("Expires (YYYY-MM-DD)")])
        self.watch.table.setHorizontalHeaderLabels([_("Brand to watch"), _("Owner"), _("Classes"),
                                                    _("Goods words (a|b)"), _("Other spellings (a|b)")])
        self.import_button.setText(_("Import…"))
        self.import_button.setToolTip(_("Add the entries of a CSV or Excel file to this list"))
        self.export_button.setText(_("Export…"))
        self.export_button.setToolTip(_("Save this list as an Excel or CSV file"))
        self.data_button.setText(_("Import trademark data…"))
        self.data_button.setToolTip(_("A USPTO trademark XML file (.xml or .zip) or a CSV/Excel list of marks; "
                                      "{count} imported marks are checked now.").format(count=self.imported_marks))
        for rows in (self.auths, self.watch):
            rows.add_button.setText(_("Add"))
            rows.remove_button.setText(_("Remove"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save and re-check"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
