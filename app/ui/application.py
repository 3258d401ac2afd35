"""Starting the desktop app: QApplication, workspace, translations, logging, crash hook, main window."""

from __future__ import annotations

import logging
import sqlite3
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__
from app.core.i18n import _, normalize_language, set_ui_language, system_language, ui_language
from app.paths import resource
from app.store.schema import WorkspaceTooNew
from app.store.settings import RULES_UPDATE_URL, UI_LANGUAGE
from app.store.workspace import Workspace
from app.ui.crash import install_excepthook, setup_logging
from app.ui.first_paint import install_if_asked
from app.ui.fonts import ensure_chinese_font
from app.ui.messages import show_error

log = logging.getLogger(__name__)
_qt_translators: list[QTranslator] = []


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


def main(argv: list[str] | None = None) -> int:
    setup_logging()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "app.png"))))
    set_ui_language(system_language())
    install_excepthook()
    try:
        workspace = Workspace()
    except (WorkspaceTooNew, sqlite3.DatabaseError, OSError) as exc:
        log.error("cannot open the workspace", exc_info=exc)
        text = exc.message(ui_language.lang) if isinstance(exc, WorkspaceTooNew) else str(exc)
        show_error(None, _("Cannot open your workspace"), text,
                   todo=_("Set SSC_WORKSPACE to another file to start with an empty workspace."))
        return 2
    chosen = workspace.settings.get(UI_LANGUAGE)
    if chosen:
        set_ui_language(normalize_language(chosen))
    install_qt_translations(ui_language.lang)
    ensure_chinese_font()
    from app.io.rule_updates import updater_for
    from app.ui.main_window import MainWindow

    window = MainWindow(workspace, updater=updater_for(workspace.settings.get(RULES_UPDATE_URL)))
    install_if_asked(window)
    window.show()
    try:
        return app.exec()
    finally:
        workspace.close()
