"""Input problems the seller must be told about, in their language, naming the file."""

from __future__ import annotations

from app.core.i18n import TranslatableError


class InputError(TranslatableError):
    """A file we cannot use; the message names the file (and sheet, row or field)."""


class ImportCancelled(Exception):
    """The seller stopped the import."""
