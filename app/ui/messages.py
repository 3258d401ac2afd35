"""The one place user-facing error dialogs are made; logs and never blocks when headless."""

from __future__ import annotations

import logging
import os

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, text: str, *, detail: str = "") -> QMessageBox:
    """Show an error dialog (non-modal when SSC_NO_DIALOG_BLOCK is set, as in tests)."""
    log.warning("%s: %s", title, text)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error_box")
    if detail:
        box.setDetailedText(detail)
    if os.environ.get("SSC_NO_DIALOG_BLOCK"):
        box.show()
    else:
        box.exec()
    return box
