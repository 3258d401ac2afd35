"""The PDF report: the HTML report laid out by Qt's rich-text engine and printed with QPdfWriter (no browser).

The report is laid out a few hundred listings at a time, each piece flowing on
from where the previous one stopped on the page, so memory stays flat however
long the catalogue is. Every page gets a footer with the report's date and
the page number. Safe to run off the GUI thread (Qt paints PDFs in any thread).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from app import APP_NAME
from app.core.i18n import Translate, translator
from app.io.reports.common import Cancelled, Progress, Ticker, atomic_write, readable_time
from app.io.reports.html import DOCUMENT_END, document_start, html_chunks
from app.paths import resource

CHUNK_CHARS = 250_000  # HTML laid out at once: about a hundred listings
RESOLUTION = 300
MARGINS_MM = QMarginsF(14, 12, 14, 10)
FOOTER_PT = 8


@lru_cache(maxsize=1)
def register_bundled_fonts() -> int:
    """Make fonts shipped in resources/fonts (e.g. a CJK font for machines without one) known to Qt."""
    folder = resource("fonts")
    if not folder.is_dir():
        return 0
    return sum(QFontDatabase.addApplicationFont(str(p)) >= 0
               for p in sorted(folder.iterdir()) if p.suffix.lower() in (".ttf", ".otf", ".ttc"))


class _Pages:
    """Draws documents one after another onto the writer's pages, continuing on the current page."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, footer: str) -> None:
        self.writer, self.painter, self.footer = writer, painter, footer
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        self.width = float(rect.width())
        self.footer_font = QFont()
        self.footer_font.setPointSizeF(FOOTER_PT)
        footer_height = FOOTER_PT / 72 * writer.resolution() * 2.2
        self.height = float(rect.height()) - footer_height
        self.gap = writer.resolution() / 6  # a sixth of an inch between pieces
        self.page = 1
        self.used = 0.0  # height already filled on the current page

    def add(self, html: str) -> None:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDocumentMargin(0)
        doc.setPageSize(QSizeF(self.width, self.height))
        doc.setHtml(html)
        if self.used:
            self._skip(doc, self.used)
        pages = doc.pageCount()
        for index in range(pages):
            if index:
                self._next_page()
            self.painter.save()
            self.painter.translate(0, -index * self.height)
            doc.drawContents(self.painter, QRectF(0, index * self.height, self.width, self.height))
            self.painter.restore()
        self.used = doc.documentLayout().documentSize().height() - (pages - 1) * self.height

    def _skip(self, doc: QTextDocument, height: float) -> None:
        """Start `doc` `height` device pixels down its first page, below what the previous piece drew.

        Qt ignores the top margin of a document's first block, so a tiny empty block goes first and its
        bottom margin (in 96-dpi pixels, which Qt scales to the device) makes the room.
        """
        cursor = QTextCursor(doc)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        cursor = QTextCursor(doc.firstBlock())
        tiny = QTextCharFormat()
        tiny.setFontPointSize(0.5)
        cursor.setBlockCharFormat(tiny)
        spacer = QTextBlockFormat()
        spacer.setBottomMargin((height + self.gap) * 96 / self.writer.logicalDpiY())
        cursor.setBlockFormat(spacer)

    def _next_page(self) -> None:
        self._draw_footer()
        self.writer.newPage()
        self.page += 1
        self.used = 0.0

    def _draw_footer(self) -> None:
        p = self.painter
        p.save()
        p.setFont(self.footer_font)
        p.setPen(QColor("#6e7781"))
        top = self.height + FOOTER_PT / 72 * self.writer.resolution() * 0.8
        box = QRectF(0, top, self.width, FOOTER_PT / 72 * self.writer.resolution() * 1.4)
        p.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.footer)
        p.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(self.page))
        p.restore()

    def finish(self) -> None:
        self._draw_footer()


def _pieces(report: dict[str, Any], t: Translate, ticker: Ticker) -> Iterator[str]:
    """Whole HTML documents of about CHUNK_CHARS each, cut only between listings."""
    start = document_start(report, t)
    buffer: list[str] = []
    size = 0
    for chunk in html_chunks(report, t, ticker):
        buffer.append(chunk)
        size += len(chunk)
        if size >= CHUNK_CHARS:
            yield start + "".join(buffer) + DOCUMENT_END
            buffer, size = [], 0
    if buffer:
        yield start + "".join(buffer) + DOCUMENT_END


def write_pdf(report: dict[str, Any], path: Path, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> None:
    """Write the report as an A4 PDF in the report's language; raises OSError when the file cannot be made."""
    register_bundled_fonts()
    t = translator(report.get("language", "en"))
    ticker = Ticker(len(report["listings"]), progress, cancelled)
    title = t("Seller Self-Check compliance report")

    def write(tmp: Path) -> None:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         MARGINS_MM, QPageLayout.Unit.Millimeter))
        writer.setTitle(title)
        writer.setCreator(f"{APP_NAME} {report['app_version']}")
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write {path}")
        try:
            pages = _Pages(writer, painter, f"{title} · {readable_time(report['generated_at'])}")
            for html in _pieces(report, t, ticker):
                pages.add(html)
            pages.finish()
        finally:
            painter.end()

    atomic_write(path, write)
    ticker.finish()
