"""Table model of checked listings: one row per listing, filtered and sorted on precomputed facts.

Why not QSortFilterProxyModel: at 100,000 rows its sort calls back into Python
for every comparison (14.5 s measured) and each re-filter calls Python once per
row (~90 ms), so the window would stall. This model keeps a list of visible
listing indices instead, rebuilt from `RowFacts` in one pass, and Qt only ever
asks it for the rows on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.core.i18n import N_, _
from app.core.models import ListingResult
from app.store.runs import finding_key
from app.ui.labels import REVIEW_LABELS, RISK_LABELS, STATUS_LABELS, TOPIC_LABELS, label
from app.ui.row_facts import RANK_RISK, RISK_RANK, ListingFilter, Prepared, RowFacts, Summary, facts_for

ResultRole = Qt.ItemDataRole.UserRole + 1
IndexRole = Qt.ItemDataRole.UserRole + 2

COL_ROW, COL_SKU, COL_TITLE, COL_RISK, COL_FINDINGS, COL_TOP, COL_MARKETS, COL_STATUS = range(8)
HEADERS = (N_("Row"), N_("SKU"), N_("Title"), N_("Risk"), N_("Open / all"), N_("Top issue"), N_("Markets"),
           N_("Status"))
RISK_COLOURS = {"high": "#f8d7da", "medium": "#fff3cd", "low": "#d1ecf1"}

_Index = QModelIndex | QPersistentModelIndex
EditHandler = Callable[[int, str, str], bool]


class ListingsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.prepared: Prepared | None = None
        self._all: list[int] = []
        self._order: list[int] = []
        self._pos: dict[int, int] | None = None
        self.filter = ListingFilter()
        self.sort_column, self.sort_order = COL_RISK, Qt.SortOrder.DescendingOrder
        self.edit_handler: EditHandler | None = None
        self._risk_brushes = {k: QBrush(QColor(v)) for k, v in RISK_COLOURS.items()}

    # -- loading and filtering ---------------------------------------------------------
    def set_prepared(self, prepared: Prepared) -> None:
        """Show a freshly checked catalogue: one reset, with the order computed in the background."""
        self.beginResetModel()
        self.prepared = prepared
        self.filter = ListingFilter()
        self.sort_column, self.sort_order = COL_RISK, Qt.SortOrder.DescendingOrder
        self._all = prepared.order  # every listing in the current sort order
        self._order = list(self._all)
        self._pos = None
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.prepared = None
        self._all = []
        self._order = []
        self._pos = None
        self.endResetModel()

    @property
    def summary(self) -> Summary:
        return self.prepared.summary if self.prepared else Summary()

    @property
    def total(self) -> int:
        return len(self.prepared.facts) if self.prepared else 0

    def set_filter(self, spec: ListingFilter) -> None:
        self.filter = spec
        self.beginResetModel()
        self._order = self._filtered()
        self._pos = None
        self.endResetModel()

    def _filtered(self) -> list[int]:
        """The listings passing the filter, in the current sort order: one pass per active filter."""
        if self.prepared is None:
            return []
        facts, spec, rows = self.prepared.facts, self.filter, self._all
        if spec.risk:
            rank = RISK_RANK[spec.risk]
            rows = [i for i in rows if facts[i].open_rank == rank]
        for wanted, attr in ((spec.market, "markets"), (spec.topic, "topics"), (spec.brand, "brands")):
            if wanted:
                rows = [i for i in rows if wanted in getattr(facts[i], attr)]
        if spec.review:
            rows = [i for i in rows if spec.review_matches(facts[i])]
        text = spec.text.strip().casefold()
        if text:
            rows = [i for i in rows if text in facts[i].text]
        return rows if rows is not self._all else list(rows)

    def _sort_keys(self, column: int) -> list[Any]:
        """One key per listing, so the sort itself runs without calling Python per comparison."""
        assert self.prepared is not None
        facts, results = self.prepared.facts, self.prepared.checked.results
        if column == COL_FINDINGS:
            return [(f.open, f.findings, -i) for i, f in enumerate(facts)]
        if column == COL_SKU:  # ranked in the background: titles edited since keep their place until re-checked
            return self.prepared.text_ranks["sku"]
        if column == COL_TITLE:
            return self.prepared.text_ranks["title"]
        if column == COL_TOP:
            return [f.top.casefold() for f in facts]
        if column == COL_MARKETS:
            return [",".join(sorted(f.markets)) for f in facts]
        if column == COL_STATUS:
            return [(f.status, f.review) for f in facts]
        return [r.listing.row for r in results]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks land here: reorder, keeping selected rows selected (persistent indexes)."""
        self.sort_column, self.sort_order = column, order
        if self.prepared is None:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(p, self._order[p.row()]) if p.isValid() and p.row() < len(self._order) else (p, -1)
                for p in persistent]
        descending = order == Qt.SortOrder.DescendingOrder
        if column == COL_RISK:  # four levels: a bucket pass beats a comparison sort at 100k rows
            buckets: list[list[int]] = [[], [], [], []]
            for i, f in enumerate(self.prepared.facts):
                buckets[f.open_rank].append(i)
            self._all = [i for bucket in (buckets[::-1] if descending else buckets) for i in bucket]
        else:
            self._all.sort(key=self._sort_keys(column).__getitem__, reverse=descending)
        self._order = self._filtered()
        self._pos = None
        for p, listing in held:
            row = self.row_of(listing)
            self.changePersistentIndex(p, self.index(row, p.column()) if row >= 0 else QModelIndex())
        self.layoutChanged.emit()

    # -- rows ------------------------------------------------------------------------
    def listing_index(self, row: int) -> int:
        return self._order[row]

    def row_of(self, listing: int) -> int:
        """The visible row showing listing `listing`, or -1 when filtered out."""
        if self._pos is None:
            self._pos = {i: r for r, i in enumerate(self._order)}
        return self._pos.get(listing, -1)

    def result(self, row: int) -> ListingResult:
        assert self.prepared is not None
        return self.prepared.checked.results[self._order[row]]

    def facts(self, listing: int) -> RowFacts:
        assert self.prepared is not None
        return self.prepared.facts[listing]

    def refresh_listing(self, listing: int) -> None:
        """A decision or an edit changed one listing: redo its facts and counts, repaint its row.

        The row stays where it is even if it no longer matches the filter, so the
        seller's place in the list does not jump; the next filter change applies.
        """
        assert self.prepared is not None
        checked = self.prepared.checked
        key = checked.keys[listing]
        new = {fk for fk in map(finding_key, checked.results[listing].findings) if (key, fk) in checked.new_findings}
        old = self.prepared.facts[listing]
        fresh = facts_for(checked.results[listing], checked.status[listing], new)
        self.prepared.summary.remove(old)
        self.prepared.summary.add(fresh)
        self.prepared.facts[listing] = fresh
        row = self.row_of(listing)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    # -- Qt model API ----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._order:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._order) - 1, len(HEADERS) - 1))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == COL_TITLE and self.edit_handler is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.edit_handler is None:
            return False
        return self.edit_handler(self._order[index.row()], "title", str(value))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.prepared is None:
            return None
        i = self._order[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(i, col, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_RISK:
            return self._risk_brushes.get(RANK_RISK[self.prepared.facts[i].open_rank])
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_RISK:
            f = self.prepared.facts[i]
            if f.risk_rank != f.open_rank:
                return _("Before review: {risk}").format(risk=label(RISK_LABELS, RANK_RISK[f.risk_rank]))
        if role == ResultRole:
            return self.prepared.checked.results[i]
        if role == IndexRole:
            return i
        return None

    def _display(self, i: int, col: int, editing: bool) -> Any:
        assert self.prepared is not None
        listing = self.prepared.checked.results[i].listing
        f = self.prepared.facts[i]
        if col == COL_ROW:
            return listing.row
        if col == COL_SKU:
            return listing.sku
        if col == COL_TITLE:
            return listing.title
        if col == COL_RISK:
            return label(RISK_LABELS, RANK_RISK[f.open_rank])
        if col == COL_FINDINGS:
            return f"{f.open} / {f.findings}" if f.findings else ""
        if col == COL_TOP:
            return label(TOPIC_LABELS, f.top)
        if col == COL_MARKETS:
            return ", ".join(sorted(f.markets))
        if col == COL_STATUS:
            parts = [label(STATUS_LABELS, f.status)] if f.status else []
            if f.new_findings and not f.status:
                parts.append(_("New findings"))
            if f.review != "clean":
                parts.append(label(REVIEW_LABELS, f.review))
            return " · ".join(parts)
        return None
