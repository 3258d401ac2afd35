"""SSC_SCREENSHOT=file.png: save the main window as drawn the first time, then quit.

A tiny hook for build scripts: build_scripts/bench_startup.py times cold start
to the first painted window with it, and build_scripts/smoke_frozen.py proves
the frozen GUI starts and draws (Chinese included). Not used otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "SSC_SCREENSHOT"


class ScreenshotOnFirstPaint(QObject):
    def __init__(self, window: QWidget, path: Path) -> None:
        super().__init__(window)
        self.window, self.path = window, path
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self._grab)  # after this paint has finished
        return False

    def _grab(self) -> None:
        self.window.grab().save(str(self.path), "PNG")
        QApplication.quit()


def install_if_asked(window: QWidget) -> None:
    path = os.environ.get(ENV)
    if path:
        ScreenshotOnFirstPaint(window, Path(path))
