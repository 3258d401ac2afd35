"""Walk every text the main screens and dialogs show: in Chinese no English word is left, in English no Chinese.

The walker reads what a seller sees (window and dialog titles, menus, actions and their tooltips, labels,
buttons, placeholders, combo items, tab texts, table headers and cells, list items, rich-text views) from a
real window that has checked the sample catalogue. Text that comes from the seller's own data (titles,
SKUs, brands, matched words, file and sheet names) or names things (market codes, mark owners, legal
sources) is allowed in either language: the allowance is built from that data, not listed by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from app.core.checker import Checker
from app.core.i18n import set_ui_language
from app.core.models import DataVersions
from app.store.settings import REVIEWER
from app.store.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.settings_dialog import MARKET_CHOICES
from tests.conftest import SAMPLE

VERSIONS = DataVersions("marks-3-1a2b3c4d", "rules-4-5e6f7a8b")  # the form load_bundle() gives

# Words that are the same in both languages: formats, codes and names a Chinese seller reads as-is.
SHARED_WORDS = {
    "sku", "csv", "xml", "zip", "uspto", "tsv", "txt", "excel", "xlsx", "xlsm", "xls", "ods", "html", "json", "utf", "bom", "eu", "uk",
    "us", "jp", "url", "fda", "ctrl", "shift", "yyyy", "english", "amazon", "temu", "tiktok", "shop", "ebay",
    "shein", "iphone", "hs", "ce", "ukca", "fcc", "pse", "asin", "upc", "ean", "id", "ok",
}
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
LANGUAGE_MENU_NAMES = {"中文", "English"}


def plain(text: str) -> str:
    """Visible text of a label or tooltip that may be rich text."""
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def model_texts(model: QAbstractItemModel) -> Iterator[str]:
    for section in range(model.columnCount()):
        yield str(model.headerData(section, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(), 60)):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value


def menu_texts(menu: QMenu) -> Iterator[tuple[str, str]]:
    yield "menu", menu.title()
    for action in menu.actions():
        if action.menu() is not None:
            yield from menu_texts(action.menu())
        elif not action.isSeparator():
            yield "menu item", action.text()


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text `root` and its children show or show on hover."""
    yield "window title", root.windowTitle()
    for action in root.findChildren(QAction):
        yield f"action {action.objectName()}", action.text()
        yield f"action tooltip {action.objectName()}", action.toolTip()
    if hasattr(root, "menuBar"):
        for action in root.menuBar().actions():
            if action.menu() is not None:
                yield from menu_texts(action.menu())
    for w in [root, *root.findChildren(QWidget)]:
        where = f"{type(w).__name__} {w.objectName()}".strip()
        yield f"tooltip of {where}", w.toolTip()
        if isinstance(w, (QLabel, QAbstractButton)):
            yield where, w.text()
        elif isinstance(w, (QLineEdit, QPlainTextEdit)):
            yield f"placeholder of {where}", w.placeholderText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield f"item of {where}", w.itemText(i)
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"tab of {where}", w.tabText(i)
        elif isinstance(w, QTextBrowser):
            yield where, w.toPlainText()
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                yield f"item of {where}", w.item(i).text()
                yield f"item tooltip of {where}", w.item(i).toolTip()
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            for text in model_texts(w.model()):
                yield f"cell of {where}", text


def data_words(window: MainWindow) -> tuple[set[str], set[str]]:
    """ASCII words and CJK characters that come from the checked data, not from the program."""
    versions = window.session.current_versions()
    chunks: list[str] = [window.session.checked.name, window.ws.settings.reviewer(), versions.trademarks,
                         versions.rules, *(info.source_path for info in window.ws.catalogues.recent())]
    for result in window.session.checked.results:
        listing = result.listing
        chunks += [listing.source, listing.sheet, *listing.fields.values()]
        for f in result.findings:
            chunks += [f.market, f.mark or "", f.owner or "", f.matched, f.source or ""]
        for c in result.checklist:
            chunks += [c.market, c.source or ""]
    text = " ".join(chunks)
    return ({w.lower() for w in ASCII_WORD.findall(text)}, set(CJK.findall(text)))


def english_words(texts: Iterable[tuple[str, str]], allowed: set[str]) -> list[tuple[str, str]]:
    found = []
    for where, text in texts:
        words = [w for w in ASCII_WORD.findall(plain(text)) if w.lower() not in allowed]
        if words:
            found.append((where, text))
    return found


def chinese_texts(texts: Iterable[tuple[str, str]], allowed: set[str]) -> list[tuple[str, str]]:
    return [(where, text) for where, text in texts
            if text not in LANGUAGE_MENU_NAMES and set(CJK.findall(plain(text))) - allowed]


@pytest.fixture
def checked_window(qtbot, tmp_path: Path, fixture_marks, fixture_rulebook):
    set_ui_language("en")
    ws = Workspace(tmp_path / "workspace.sqlite3")
    ws.settings.set(REVIEWER, "Lin")
    window = MainWindow(ws, checker_factory=lambda seller: Checker(fixture_marks, fixture_rulebook, seller=seller),
                        versions=lambda: VERSIONS)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.check_finished, timeout=60_000):
        window.open_sample()
    page = window.results_page
    listing = next(i for i, r in enumerate(window.session.checked.results)
                   if any(f.kind == "trademark" for f in r.findings) and r.checklist)
    page.select_listing(listing)
    page.detail.decide("false_alarm")  # a decision line in the list and the explanation
    yield window
    window.close()
    ws.close()
    set_ui_language("en")


def every_screen(window: MainWindow, qtbot) -> tuple[list[tuple[str, str]], str]:
    """Texts of the three screens, the field editor, the import, settings and brands dialogs; and the text of
    the file preview the import dialog shows (the seller's data)."""
    texts: list[tuple[str, str]] = []
    for page in ("home", "results", "dashboard"):
        window.show_page(page)
        texts += [(f"{page}: {w}", t) for w, t in visible_texts(window)]
    window.show_page("results")
    window.results_page.detail.start_edit("title")
    texts += visible_texts(window.results_page.detail.editor)
    window.results_page.detail.editor.hide()
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        window.open_file(SAMPLE)
    importer = window.import_dialog
    assert importer is not None
    previews = " ".join(" ".join([p.sheet, p.path.name, *p.headers, *(str(c) for row in p.rows for c in row)])
                        for p in importer.previews)
    dialogs: list[QWidget] = [importer, window.open_settings(), window.open_brands()]
    for dialog in dialogs:
        qtbot.waitExposed(dialog)
        texts += [(f"{type(dialog).__name__}: {w}", t) for w, t in visible_texts(dialog)]
        dialog.reject()
    return texts, previews


def test_chinese_screens_have_no_english_left(qtbot, checked_window: MainWindow) -> None:
    window = checked_window
    window.set_language("zh_CN")
    words, _cjk = data_words(window)
    texts, previews = every_screen(window, qtbot)
    allowed = SHARED_WORDS | words | {w.lower() for w in ASCII_WORD.findall(previews)}
    allowed |= {m.lower() for m in MARKET_CHOICES}
    assert len(texts) > 300  # the walk really reached the screens
    assert any("商标" in t for _w, t in texts)
    assert english_words(texts, allowed) == []


def test_english_screens_have_no_chinese_after_switching_back(qtbot, checked_window: MainWindow) -> None:
    window = checked_window
    window.set_language("zh_CN")
    window.set_language("en")
    _words, cjk = data_words(window)
    texts, previews = every_screen(window, qtbot)
    cjk |= set(CJK.findall(previews))
    assert any("Trademark" in t for _w, t in texts)
    assert chinese_texts(texts, cjk) == []


def test_the_walker_catches_an_untranslated_label(qtbot, checked_window: MainWindow) -> None:
    window = checked_window
    window.set_language("zh_CN")
    window.welcome.drop_hint.setText("Drop files here")
    window.show_page("home")
    assert ("QLabel", "Drop files here") in english_words(visible_texts(window), SHARED_WORDS)
    window.set_language("en")
    window.welcome.drop_hint.setText("把文件拖到这里")
    assert ("QLabel", "把文件拖到这里") in chinese_texts(visible_texts(window), set())


def test_qt_own_strings_follow_the_language(qtbot, checked_window: MainWindow) -> None:
    """Qt's standard buttons and context menus come from qtbase_zh_CN.qm shipped with PySide6."""
    checked_window.set_language("zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    checked_window.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
