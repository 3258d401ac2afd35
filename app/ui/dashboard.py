"""The summary dashboard: listings by open risk, topic, market and the brands involved; click to filter."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.core.i18n import _
from app.ui.bar_chart import Bar, BarChart
from app.ui.labels import RISK_LABELS, SEVERITY_COLOURS, TOPIC_LABELS, label
from app.ui.row_facts import ListingFilter, Summary

TOP_BRANDS = 12


class DashboardPage(QWidget):
    filter_requested = Signal(object)  # ListingFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = Summary()
        self.headline = QLabel()
        self.headline.setObjectName("dashboard_headline")
        self.headline.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setStyleSheet("color:#666")
        self.risk_chart = BarChart()
        self.risk_chart.setObjectName("risk_chart")
        self.topic_chart = BarChart()
        self.topic_chart.setObjectName("topic_chart")
        self.market_chart = BarChart()
        self.market_chart.setObjectName("market_chart")
        self.brand_chart = BarChart()
        self.brand_chart.setObjectName("brand_chart")
        self.risk_chart.clicked.connect(lambda k: self.filter_requested.emit(ListingFilter(risk=k)))
        self.topic_chart.clicked.connect(lambda k: self.filter_requested.emit(ListingFilter(topic=k)))
        self.market_chart.clicked.connect(lambda k: self.filter_requested.emit(ListingFilter(market=k)))
        self.brand_chart.clicked.connect(lambda k: self.filter_requested.emit(ListingFilter(brand=k)))
        grid = QGridLayout()
        grid.addWidget(self.risk_chart, 0, 0)
        grid.addWidget(self.market_chart, 0, 1)
        grid.addWidget(self.topic_chart, 1, 0)
        grid.addWidget(self.brand_chart, 1, 1)
        grid.setRowStretch(2, 1)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.headline)
        inner_layout.addWidget(self.hint)
        inner_layout.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.retranslate()

    def set_summary(self, summary: Summary) -> None:
        self.summary = summary
        self.retranslate()

    def retranslate(self) -> None:
        s = self.summary
        self.headline.setText("<h2>" + _("{total} listings checked, {open} still need a look").format(
            total=s.total, open=s.by_review["todo"]) + "</h2>")
        self.hint.setText(_("Click a bar to see those listings."))
        none = _("Nothing found.")
        self.risk_chart.set_bars(_("Open risk"), [
            Bar(k, label(RISK_LABELS, k), s.by_risk[k], SEVERITY_COLOURS[k]) for k in ("high", "medium", "low", "none")
        ], none)
        self.topic_chart.set_bars(_("Listings by topic"), [
            Bar(k, label(TOPIC_LABELS, k), n, "#5e35b1") for k, n in s.by_topic.most_common()], none)
        self.market_chart.set_bars(_("Listings with findings, by market"), [
            Bar(k, k, n, "#00897b") for k, n in s.by_market.most_common()], none)
        self.brand_chart.set_bars(_("Top brands involved"), [
            Bar(k, k, n, "#c62828") for k, n in s.by_brand.most_common(TOP_BRANDS)], none)
