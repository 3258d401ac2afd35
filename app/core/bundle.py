"""The data the app ships with, loaded once: marks, rule book, their versions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.core.installed_rules import PackStore, book_version
from app.core.markcache import cached_marks
from app.core.marks import load_bundled_marks, mark_files
from app.core.models import DataVersions, Mark
from app.core.rules import RuleBook, bundled_rulebook
from app.paths import resource


@dataclass(slots=True, frozen=True)
class Bundle:
    marks: tuple[Mark, ...]
    rulebook: RuleBook
    fuzzy_ignore: tuple[str, ...]
    versions: DataVersions


def files_digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def read_word_list(path: Path) -> tuple[str, ...]:
    if not path.exists():
        return ()
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(w for w in words if w)


def data_date(path: Path | None = None) -> str:
    """The date the bundled mark list was last reviewed (`resources/marks/VERSION`, an ISO date)."""
    path = path or resource("marks", "VERSION")
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


def load_marks() -> tuple[Mark, ...]:
    """The bundled marks, read from the SQLite cache when it holds the current CSVs (see markcache)."""
    return tuple(cached_marks(files_digest(mark_files()), load_bundled_marks))


@lru_cache(maxsize=1)
def _marks() -> tuple[tuple[Mark, ...], tuple[str, ...], str]:
    """The bundled marks, fuzzy-ignore words and their version: read once (a rule update does not change them)."""
    marks = load_marks()
    ignore_paths = [resource("marks", "fuzzy_ignore.txt"), resource("marks", "common_words.txt")]
    ignore = tuple(w for path in ignore_paths for w in read_word_list(path))
    return marks, ignore, f"marks-{data_date()}-{len(marks)}-{files_digest([*mark_files(), *ignore_paths])}"


@lru_cache(maxsize=1)
def load_bundle() -> Bundle:
    marks, ignore, marks_version = _marks()
    rulebook, rules_folder = bundled_rulebook(), resource("rules")
    installed = PackStore().load_current(book_version(rulebook))  # a downloaded update newer than the bundle
    if installed is not None:
        rulebook, rules_folder = installed
    versions = DataVersions(
        trademarks=marks_version,
        rules=f"rules-{len(rulebook.rules)}-{files_digest(sorted(rules_folder.glob('*.toml')))}",
    )
    return Bundle(marks, rulebook, ignore, versions)
