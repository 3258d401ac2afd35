"""Draw the app icon with Qt and write it as PNG (window icon), ICO (Windows) and ICNS (macOS).

    python build_scripts/make_icon.py      # writes resources/icons/app.png, app.ico, app.icns

A blue rounded square with a white check mark over a list: "your listings, checked".
Drawn in code so it can be changed without an image editor; the files are committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageWriter, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1565c0"))
    p.drawRoundedRect(QRectF(12 * s, 12 * s, 232 * s, 232 * s), 48 * s, 48 * s)
    p.setBrush(QColor("#90caf9"))  # three list lines
    for i in range(3):
        p.drawRoundedRect(QRectF(52 * s, (64 + 44 * i) * s, 152 * s, 20 * s), 10 * s, 10 * s)
    pen = QPen(QColor("#ffffff"), 30 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    tick = QPainterPath(QPointF(92 * s, 170 * s))
    tick.lineTo(QPointF(124 * s, 202 * s))
    tick.lineTo(QPointF(196 * s, 124 * s))
    p.drawPath(tick)
    p.end()
    return image


def write(image: QImage, path: Path, fmt: bytes) -> None:
    writer = QImageWriter(str(path), fmt)
    if not writer.write(image):
        sys.exit(f"{path}: {writer.errorString()}")
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841  (image plugins need an application)
    OUT.mkdir(parents=True, exist_ok=True)
    write(draw(256), OUT / "app.png", b"png")
    write(draw(128), OUT / "app.ico", b"ico")  # BMP inside: 128 px keeps it small
    write(draw(512), OUT / "app.icns", b"icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
