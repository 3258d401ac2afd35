"""Table model of checked listings: one row per listing, never a widget per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.core.i18n import N_, _
from app.core.models import SEVERITY_RANK, ListingResult

SortRole = Qt.ItemDataRole.UserRole
ResultRole = Qt.ItemDataRole.UserRole + 1

RISK_COLOURS = {"high": "#f8d7da", "medium": "#fff3cd", "low": "#d1ecf1"}
RISK_LABELS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low"), "none": N_("None")}
_RISK_ORDER = {"high": 3, "medium": 2, "low": 1, "none": 0}

COL_ROW, COL_SKU, COL_TITLE, COL_RISK, COL_FINDINGS, COL_TOP = range(6)
HEADERS = (N_("Row"), N_("SKU"), N_("Title"), N_("Risk"), N_("Findings"), N_("Top issue"))

_Index = QModelIndex | QPersistentModelIndex


def top_issue(result: ListingResult) -> str:
    if not result.findings:
        return ""
    f = max(result.findings, key=lambda f: SEVERITY_RANK[f.severity])
    return f.mark or f.topic


class ListingsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._results: list[ListingResult] = []

    def set_results(self, results: list[ListingResult]) -> None:
        self.beginResetModel()
        self._results = results
        self.endResetModel()

    def result(self, row: int) -> ListingResult:
        return self._results[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._results)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._results:
            self.dataChanged.emit(self.index(0, COL_RISK), self.index(len(self._results) - 1, COL_RISK))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._results[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_ROW:
                return r.listing.row
            if col == COL_SKU:
                return r.listing.sku
            if col == COL_TITLE:
                return r.listing.title
            if col == COL_RISK:
                return _(RISK_LABELS[r.risk])
            if col == COL_FINDINGS:
                return len(r.findings)
            if col == COL_TOP:
                return top_issue(r)
        elif role == SortRole:
            if col == COL_RISK:
                return _RISK_ORDER[r.risk]
            if col in (COL_ROW, COL_FINDINGS):
                return r.listing.row if col == COL_ROW else len(r.findings)
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        elif role == Qt.ItemDataRole.BackgroundRole and col == COL_RISK and r.risk in RISK_COLOURS:
            return QBrush(QColor(RISK_COLOURS[r.risk]))
        elif role == ResultRole:
            return r
        return None
