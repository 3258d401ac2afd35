"""The results screen: filters, the listings table and the detail pane of the selected listing."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.ui.detail_pane import DetailPane
from app.ui.filter_bar import FilterBar
from app.ui.listings_model import (
    COL_FINDINGS,
    COL_MARKETS,
    COL_RISK,
    COL_ROW,
    COL_SKU,
    COL_STATUS,
    COL_TITLE,
    COL_TOP,
    ListingsModel,
)
from app.ui.row_facts import ListingFilter


class ResultsPage(QWidget):
    listing_selected = Signal(int)  # listing index, or -1

    def __init__(self, model: ListingsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.filters = FilterBar()
        self.filters.changed.connect(self.apply_filter)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.changes_label = QLabel()
        self.changes_label.setObjectName("changes_label")
        self.changes_label.setWordWrap(True)
        self.changes_label.setStyleSheet("color:#1565c0")
        self.table = QTableView()
        self.table.setObjectName("listings_table")
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_RISK, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # arrows move within the table; Tab moves on to the details
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((COL_ROW, 44), (COL_SKU, 80), (COL_RISK, 64), (COL_FINDINGS, 70), (COL_TOP, 100),
                           (COL_MARKETS, 64), (COL_STATUS, 90)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        model.modelReset.connect(self._after_reset)
        self.detail = DetailPane()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.changes_label)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.filters.review, self.table)
        self.setTabOrder(self.table, self.detail.fields_view)
        self._current = -1

    # -- filtering and selection -----------------------------------------------------------
    def apply_filter(self) -> None:
        self.model.set_filter(self.filters.spec())
        self.update_summary()

    def set_filter(self, spec: ListingFilter) -> None:
        self.filters.set_spec(spec)

    def _after_reset(self) -> None:
        row = self.model.row_of(self._current) if self._current >= 0 else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.select_row(row)
        else:
            self._current = -1
            self.listing_selected.emit(-1)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, COL_SKU)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def select_listing(self, listing: int) -> bool:
        row = self.model.row_of(listing)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    @property
    def current_listing(self) -> int:
        return self._current

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._current = self.model.listing_index(current.row()) if current.isValid() else -1
        self.listing_selected.emit(self._current)

    def step_finding(self, delta: int) -> None:
        """Next/previous finding: within the listing, then on to the neighbouring listing that has findings."""
        if self.detail.step_finding(delta):
            return
        row = self.model.row_of(self._current) if self._current >= 0 else -1
        row += delta
        while 0 <= row < self.model.rowCount():
            result = self.model.result(row)
            if result.findings:
                self.select_row(row)
                self.detail.findings_list.setCurrentRow(0 if delta > 0 else len(result.findings) - 1)
                return
            row += delta

    # -- text -----------------------------------------------------------------------------
    def update_summary(self) -> None:
        s = self.model.summary
        if not s.total:
            self.summary_label.setText("")
            return
        text = _("{total} listings: {high} high, {medium} medium, {low} low risk still open, {none} without open "
                 "risk; {reviewed} fully reviewed.").format(
            total=s.total, high=s.by_risk["high"], medium=s.by_risk["medium"], low=s.by_risk["low"],
            none=s.by_risk["none"], reviewed=s.by_review["reviewed"])
        if self.model.filter.active():
            text += " " + _("Showing {shown} that match the filters.").format(shown=self.model.rowCount())
        self.summary_label.setText(text)

    def set_changes_text(self, text: str) -> None:
        self.changes_label.setText(text)
        self.changes_label.setVisible(bool(text))

    def retranslate(self) -> None:
        self.filters.retranslate()
        self.model.retranslate()
        self.detail.retranslate()
        self.update_summary()
