"""The log file in the user's log folder and the one crash hook: an unexpected error shows a dialog, not a crash."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from app.core.i18n import _
from app.paths import user_location
from app.ui.messages import show_error

log = logging.getLogger(__name__)


def log_path() -> Path:
    return user_location("SSC_LOG_FILE", "log", "seller-self-check.log")


def setup_logging() -> Path:
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def show_unexpected(parent: QWidget | None, error: BaseException) -> None:
    """Log an unexpected error with its traceback and tell the seller where the log is."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    log.critical("unexpected error\n%s", text)
    show_error(parent, _("Unexpected error"),
               _("Something went wrong: {error}").format(error=str(error) or type(error).__name__),
               todo=_("Your saved work is safe. Please send the log file to support:\n{path}").format(path=log_path()),
               detail=text)


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    exc.__traceback__ = tb
    app = QApplication.instance()
    parent = app.activeWindow() if isinstance(app, QApplication) else None
    show_unexpected(parent, exc)


def install_excepthook() -> None:
    """Errors raised in Qt slots reach sys.excepthook; show them instead of dying."""
    sys.excepthook = _excepthook
