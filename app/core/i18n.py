"""Translations for every layer, through gettext.

One mechanism serves the core, the importers, the reports, the CLI and the Qt
UI: catalogues are `locales/<lang>/LC_MESSAGES/app.po` compiled to `app.mo`.
Source strings are English. The report language is chosen per call
(`translator(lang)`), independently of the UI language (`set_ui_language`).
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Callable
from functools import lru_cache

from app.paths import locale_dir

DOMAIN = "app"
LANGUAGES: tuple[str, ...] = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

Translate = Callable[[str], str]


def N_(text: str) -> str:
    """Mark a string for extraction without translating it now."""
    return text


def normalize_language(lang: str | None) -> str:
    """Map 'zh', 'zh-CN', 'zh_Hans_CN', 'en_US'... onto a supported language."""
    if not lang:
        return DEFAULT_LANGUAGE
    low = lang.replace("-", "_").lower()
    if low.startswith("zh"):
        return "zh_CN"
    if low.startswith("en"):
        return "en"
    raise ValueError(lang)


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            try:
                return normalize_language(value.split(":")[0].split(".")[0])
            except ValueError:
                return "en"
    try:
        loc = locale.getlocale()[0]
    except ValueError:
        loc = None
    try:
        return normalize_language(loc) if loc else "en"
    except ValueError:
        return "en"


@lru_cache(maxsize=None)
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[lang], fallback=True)


def translator(lang: str) -> Translate:
    """The gettext function for one language ('en' or 'zh_CN')."""
    return _catalogue(normalize_language(lang)).gettext


def both(text: str, **params: object) -> dict[str, str]:
    """A message in every supported language, formatted with `params`."""
    return {lang: translator(lang)(text).format(**params) for lang in LANGUAGES}


class TranslatableError(Exception):
    """An error the seller reads: `text` is an English msgid with {placeholders}, shown in any language."""

    def __init__(self, text: str, **params: object) -> None:
        super().__init__(text.format(**params))
        self.text = text
        self.params = params

    def message(self, lang: str) -> str:
        return translator(lang)(self.text).format(**self.params)


class _UiLanguage:
    """The UI's current language; changed by the settings dialog."""

    def __init__(self) -> None:
        self.lang = DEFAULT_LANGUAGE
        self.gettext: Translate = translator(self.lang)

    def set(self, lang: str) -> None:
        self.lang = normalize_language(lang)
        self.gettext = translator(self.lang)


ui_language = _UiLanguage()


def _(text: str) -> str:
    """Translate into the current UI language."""
    return ui_language.gettext(text)


def set_ui_language(lang: str) -> None:
    ui_language.set(lang)
