"""A horizontal bar chart painted with QPainter (PySide6-Essentials has no QtCharts); bars are clickable."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

ROW_HEIGHT = 24
GAP = 6


@dataclass(slots=True, frozen=True)
class Bar:
    key: str
    label: str
    value: int
    colour: str = "#1e88e5"


class BarChart(QWidget):
    clicked = Signal(str)  # the bar's key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.empty_text = ""
        self.bars: list[Bar] = []
        self._focus = 0
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, title: str, bars: list[Bar], empty_text: str = "") -> None:
        self.title, self.bars, self.empty_text = title, bars, empty_text
        self._focus = min(self._focus, max(0, len(bars) - 1))
        self.setAccessibleName(title)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, self._title_height() + max(1, len(self.bars)) * ROW_HEIGHT + 2 * GAP)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self._title_height() + ROW_HEIGHT * min(3, max(1, len(self.bars))))

    def _title_height(self) -> int:
        return QFontMetrics(self.font()).height() + 2 * GAP

    def _label_width(self) -> int:
        fm = QFontMetrics(self.font())
        widest = max((fm.horizontalAdvance(b.label) for b in self.bars), default=0)
        return min(widest + 2 * GAP, self.width() // 2)

    def bar_rect(self, i: int) -> QRect:
        """The clickable row of bar `i` (label and bar)."""
        return QRect(0, self._title_height() + i * ROW_HEIGHT, self.width(), ROW_HEIGHT)

    def bar_at(self, y: int) -> int:
        i = (y - self._title_height()) // ROW_HEIGHT
        return i if 0 <= i < len(self.bars) and y >= self._title_height() else -1

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_colour = pal.color(QPalette.ColorRole.WindowText)
        bold = self.font()
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text_colour)
        p.drawText(QRect(GAP, 0, self.width() - 2 * GAP, self._title_height()),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self.font())
        if not self.bars:
            p.setPen(QColor("#777"))
            p.drawText(self.bar_rect(0).adjusted(GAP, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, self.empty_text)
            return
        label_w = self._label_width()
        fm = QFontMetrics(self.font())
        count_w = fm.horizontalAdvance(str(max(b.value for b in self.bars))) + 2 * GAP
        room = max(10, self.width() - label_w - count_w - GAP)
        top = max(1, max(b.value for b in self.bars))
        for i, bar in enumerate(self.bars):
            row = self.bar_rect(i)
            if self.hasFocus() and i == self._focus:
                p.fillRect(row, pal.color(QPalette.ColorRole.AlternateBase))
            p.setPen(text_colour)
            p.drawText(QRect(GAP, row.y(), label_w - GAP, ROW_HEIGHT),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w - GAP))
            width = room * bar.value / top
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(bar.colour))
            p.drawRoundedRect(QRectF(label_w + GAP, row.y() + 4, max(2.0, width), ROW_HEIGHT - 8), 3, 3)
            p.setPen(text_colour)
            p.drawText(QRect(int(label_w + GAP + width + GAP), row.y(), count_w, ROW_HEIGHT),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(bar.value))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self.bar_at(int(event.position().y()))
        self.setCursor(Qt.CursorShape.PointingHandCursor if i >= 0 else Qt.CursorShape.ArrowCursor)
        self.setToolTip(f"{self.bars[i].label}: {self.bars[i].value}" if i >= 0 else "")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        i = self.bar_at(int(event.position().y()))
        if i >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self._focus = i
            self.clicked.emit(self.bars[i].key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.bars:
            return super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._focus = (self._focus + (1 if event.key() == Qt.Key.Key_Down else -1)) % len(self.bars)
            self.update()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.bars[self._focus].key)
        else:
            super().keyPressEvent(event)
