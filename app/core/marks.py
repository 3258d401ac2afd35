"""Reading the bundled trademark list (`resources/marks/*.csv`) into `Mark` objects."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from app.core.models import Mark
from app.paths import resource

MARK_COLUMNS: tuple[str, ...] = (
    "name", "owner", "parent", "aliases", "zh", "ja", "nice_classes", "keywords",
    "markets", "tier", "plaintiff", "generic", "context", "source",
)


class MarkDataError(ValueError):
    """A row of a mark file that cannot be used; names the file and row."""


def split_list(value: str | None, sep: str = "|") -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(sep) if part.strip())


def mark_from_row(row: dict[str, str], category: str, *, where: str, origin: str = "bundled") -> Mark:
    name = (row.get("name") or "").strip()
    owner = (row.get("owner") or "").strip()
    if not name or not owner:
        raise MarkDataError(f"{where}: name and owner are required")
    try:
        classes = tuple(int(c) for c in split_list(row.get("nice_classes"), " "))
        tier = int((row.get("tier") or "2").strip())
    except ValueError as exc:
        raise MarkDataError(f"{where}: {exc}") from exc
    return Mark(
        name=name,
        owner=owner,
        category=category,
        parent=(row.get("parent") or "").strip(),
        aliases=split_list(row.get("aliases")),
        zh=split_list(row.get("zh")),
        ja=split_list(row.get("ja")),
        nice_classes=classes,
        keywords=tuple(k.lower() for k in split_list(row.get("keywords"))),
        markets=split_list(row.get("markets"), " ") or ("GLOBAL",),
        tier=tier,
        plaintiff=(row.get("plaintiff") or "0").strip() == "1",
        generic=(row.get("generic") or "0").strip() == "1",
        context=tuple(k.lower() for k in split_list(row.get("context"))),
        source=(row.get("source") or "").strip(),
        origin=origin,
    )


def mark_files(folder: Path | None = None) -> list[Path]:
    folder = folder or resource("marks")
    return sorted(folder.glob("*.csv"))


def read_mark_file(path: Path) -> Iterator[Mark]:
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.DictReader(fh), start=2):
            yield mark_from_row(row, path.stem, where=f"{path.name}:{lineno}")


def load_bundled_marks(folder: Path | None = None) -> list[Mark]:
    marks: list[Mark] = []
    for path in mark_files(folder):
        marks.extend(read_mark_file(path))
    return marks


