"""Input problems the seller must be told about, in their language, naming the file."""

from __future__ import annotations

from app.core.i18n import translator


class InputError(Exception):
    """A file we cannot use. `text` is an English gettext msgid with {placeholders}."""

    def __init__(self, text: str, **params: object) -> None:
        super().__init__(text.format(**params))
        self.text = text
        self.params = params

    def message(self, lang: str) -> str:
        return translator(lang)(self.text).format(**self.params)


class ImportCancelled(Exception):
    """The seller stopped the import."""
