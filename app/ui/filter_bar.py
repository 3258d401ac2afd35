"""The row of filters above the listings table: search text, risk, market, topic, brand, review state."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from app.core.i18n import N_, _
from app.ui.labels import DECISION_LABELS, REVIEW_LABELS, RISK_LABELS, TOPIC_LABELS, label
from app.ui.row_facts import ListingFilter

SEARCH_DELAY_MS = 200
REVIEW_CHOICES = (("todo", REVIEW_LABELS["todo"]), ("reviewed", REVIEW_LABELS["reviewed"]),
                  ("new", N_("New since last import")), ("clean", REVIEW_LABELS["clean"]),
                  *((s, DECISION_LABELS[s]) for s in DECISION_LABELS))


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("search_edit")
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._apply_now)
        self.risk = self._combo("risk_filter")
        self.market = self._combo("market_filter")
        self.topic = self._combo("topic_filter")
        self.brand = self._combo("brand_filter")
        self.review = self._combo("review_filter")
        self._markets: list[str] = []
        self._topics: list[str] = []
        self._brands: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 2)
        for combo in (self.risk, self.market, self.topic, self.brand, self.review):
            layout.addWidget(combo, 1)
        previous: QWidget = self.search
        for combo in (self.risk, self.market, self.topic, self.brand, self.review):
            self.setTabOrder(previous, combo)
            previous = combo
        self.retranslate()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(self._apply_now)
        return combo

    def _apply_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    def spec(self) -> ListingFilter:
        return ListingFilter(self.risk.currentData() or "", self.market.currentData() or "",
                             self.topic.currentData() or "", self.brand.currentData() or "",
                             self.review.currentData() or "", self.search.text())

    def set_spec(self, spec: ListingFilter, *, emit: bool = True) -> None:
        """Set every filter at once (dashboard clicks), emitting `changed` once."""
        for combo, value in ((self.risk, spec.risk), (self.market, spec.market), (self.topic, spec.topic),
                             (self.brand, spec.brand), (self.review, spec.review)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(spec.text)
        self.search.blockSignals(False)
        if emit:
            self._apply_now()

    def set_options(self, markets: Iterable[str], topics: Iterable[str], brands: Iterable[str]) -> None:
        self._markets, self._topics, self._brands = sorted(markets), sorted(topics), sorted(brands, key=str.casefold)
        self._fill()

    def _fill(self) -> None:
        keep = self.spec()
        fills = (
            (self.risk, _("All risks"), [(k, label(RISK_LABELS, k)) for k in ("high", "medium", "low", "none")]),
            (self.market, _("All markets"), [(m, m) for m in self._markets]),
            (self.topic, _("All topics"), sorted(((t, label(TOPIC_LABELS, t)) for t in self._topics),
                                                 key=lambda p: p[1])),
            (self.brand, _("All brands"), [(b, b) for b in self._brands]),
            (self.review, _("Any review state"), [(k, _(text)) for k, text in REVIEW_CHOICES]),
        )
        for combo, everything, items in fills:
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for value, text in items:
                combo.addItem(text, value)
            combo.blockSignals(False)
        self.set_spec(keep, emit=False)
        if self.spec() != keep:  # a chosen market, topic or brand is gone from this catalogue
            self._apply_now()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search SKU, title, brand or matched words  (Ctrl+F)"))
        self.risk.setToolTip(_("Risk still open (findings not yet reviewed)"))
        self._fill()
