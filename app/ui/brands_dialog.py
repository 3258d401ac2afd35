"""My brands: the seller's own brands, authorisations (licence reference, expiry) and marks to watch."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
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
from app.core.i18n import _
from app.core.models import Mark


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
    def __init__(self, lists: SellerLists, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.auths = _Rows(3, [[a.mark, a.reference, a.expires.isoformat() if a.expires else ""]
                               for a in lists.authorisations])
        self.watch = _Rows(3, [[m.name, m.owner, "|".join(m.aliases)] for m in lists.watchlist])
        self.tabs = QTabWidget()
        self.tabs.addTab(own_page, "")
        self.tabs.addTab(self.auths, "")
        self.tabs.addTab(self.watch, "")
        self.problem = QLabel()
        self.problem.setObjectName("brands_problem")
        self.problem.setStyleSheet("color:#c62828")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
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
        watch = [Mark(name=name, owner=owner or name, category="watchlist", origin="watchlist",
                      aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()))
                 for name, owner, aliases in self.watch.values()]
        return SellerLists(own, auths, watch)

    def _accept(self) -> None:
        try:
            self.result_lists = self.lists()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("My brands"))
        self.own_hint.setText(_("Your own brands, one per line. They are never flagged in your listings."))
        self.tabs.setTabText(0, _("Own brands"))
        self.tabs.setTabText(1, _("Authorisations"))
        self.tabs.setTabText(2, _("Watch list"))
        self.auths.table.setHorizontalHeaderLabels([_("Brand"), _("Licence reference"), _("Expires (YYYY-MM-DD)")])
        self.watch.table.setHorizontalHeaderLabels([_("Brand to watch"), _("Owner"), _("Other spellings (a|b)")])
        for rows in (self.auths, self.watch):
            rows.add_button.setText(_("Add"))
            rows.remove_button.setText(_("Remove"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save and re-check"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
