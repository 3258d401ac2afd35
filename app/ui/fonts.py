"""Chinese text must render even where the system has no Chinese font.

Windows (Microsoft YaHei, SimSun) and macOS (PingFang SC) always have one and
Qt falls back to it by itself, so their builds ship no font. A bare Linux may
have none (Chinese then shows as boxes): Linux builds bundle WenQuanYi Micro Hei
(Apache-2.0, licence beside it) under `resources/fonts/`, and it is loaded only
when Qt knows no font that writes Simplified Chinese.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication

from app.paths import resource

log = logging.getLogger(__name__)
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


def has_chinese_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def ensure_chinese_font(folder: Path | None = None) -> str | None:
    """Load a bundled Chinese font when the system has none; the family loaded, or None when none was needed
    or none is bundled (then Chinese may show as boxes, which the log says)."""
    if has_chinese_font():
        return None
    folder = folder if folder is not None else resource("fonts")
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in FONT_SUFFIXES) if folder.is_dir() else []
    for path in files:
        families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(path)))
        if families:
            font = QGuiApplication.font()
            font.setFamilies([font.family(), *families])  # Latin stays in the system font, Chinese falls back
            QGuiApplication.setFont(font)
            log.info("no system font for Chinese; using %s from %s", families[0], path)
            return families[0]
    log.warning("no font for Chinese on this system and none bundled in %s: install e.g. fonts-noto-cjk", folder)
    return None
