"""The one place user-facing error dialogs are made; logs, and never blocks when headless (tests)."""

from __future__ import annotations

import logging
import os

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)
# Non-blocking boxes without a parent would be deleted with their Python wrapper: keep them until closed.
_shown: set[QMessageBox] = set()


def show_error(parent: QWidget | None, title: str, text: str, *, todo: str = "", detail: str = "") -> QMessageBox:
    """What happened (`text`, naming the file/sheet/row), what to do (`todo`), and details for support.

    Non-modal when SSC_NO_DIALOG_BLOCK is set, as in tests and screenshot runs.
    """
    log.warning("%s: %s %s", title, text, todo)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error_box")
    if todo:
        box.setInformativeText(todo)
    if detail:
        box.setDetailedText(detail)
    if os.environ.get("SSC_NO_DIALOG_BLOCK"):
        _shown.add(box)
        box.finished.connect(lambda _r: _shown.discard(box))
        box.show()
    else:
        box.exec()
    return box
