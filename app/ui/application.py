"""Starting the desktop app: QApplication, translations, logging, crash hook, main window."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

from platformdirs import user_log_dir
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__
from app.core.i18n import _, set_ui_language, system_language

log = logging.getLogger(__name__)
_qt_translators: list[QTranslator] = []


def log_path() -> Path:
    return Path(user_log_dir("SellerSelfCheck", appauthor=False)) / "seller-self-check.log"


def setup_logging() -> Path:
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    return path


def install_qt_translations(lang: str) -> None:
    """Qt's own strings (dialog buttons, context menus) in the UI language."""
    app = QApplication.instance()
    if app is None:
        return
    for tr in _qt_translators:
        app.removeTranslator(tr)
    _qt_translators.clear()
    if lang == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    tr = QTranslator()
    if tr.load(QLocale(lang), "qtbase", "_", folder):
        app.installTranslator(tr)
        _qt_translators.append(tr)


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
    text = "".join(traceback.format_exception(exc_type, exc, tb))  # type: ignore[arg-type]
    log.critical("unexpected error\n%s", text)
    from app.ui.messages import show_error

    show_error(None, _("Unexpected error"),
               _("Something went wrong. Your saved work is safe. The details are in the log file:\n{path}")
               .format(path=log_path()), detail=text)


def main(argv: list[str] | None = None) -> int:
    setup_logging()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    lang = system_language()
    set_ui_language(lang)
    install_qt_translations(lang)
    sys.excepthook = _excepthook
    from app.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    return app.exec()
