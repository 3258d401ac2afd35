"""Marks imported from official data (USPTO XML) or a CSV/Excel list of marks, one batch per file.

Kept apart from the hand-kept watch-list: a batch can hold tens of thousands
of marks, is replaced as a whole when the same file is imported again, and is
removed as a whole. Every mark of every complete batch is checked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from app.core.models import Mark
from app.store.db import now

CHUNK = 5000
IMPORTED_ORIGINS = ("uspto", "import")  # Mark.origin of imported marks: `SellerListsStore.save` leaves them be


@dataclass(slots=True, frozen=True)
class MarkImport:
    id: int
    kind: str  # "uspto" | "import"
    path: str
    imported_at: str
    mark_count: int
    skipped: int


class ImportedMarks:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, kind: str, path: Path, marks: Iterable[Mark], *, skipped: int = 0,
            cancelled: Callable[[], bool] | None = None) -> MarkImport | None:
        """Store a file's marks as a new batch (replacing an earlier batch of the same file), committing in
        chunks; None, with nothing left behind, when cancelled."""
        with self.db.atomic():
            batch = int(self.db["mark_imports"].insert({"kind": kind, "path": str(path), "imported_at": now(),
                                                        "complete": 0}).last_pk)  # type: ignore[arg-type]
        count = 0
        chunk: list[tuple[object, ...]] = []
        try:
            for mark in marks:
                chunk.append((batch, mark.name, mark.owner, json.dumps([*mark.aliases, *mark.zh, *mark.ja], ensure_ascii=False),
                              " ".join(map(str, mark.nice_classes)), json.dumps(list(mark.keywords), ensure_ascii=False),
                              json.dumps(list(mark.markets)), int(mark.generic), mark.source))
                if len(chunk) >= CHUNK:
                    count += self._insert(chunk)
                    if cancelled is not None and cancelled():
                        raise _Stop
            count += self._insert(chunk)
            if cancelled is not None and cancelled():
                raise _Stop
        except BaseException as exc:
            self.remove(batch)
            if isinstance(exc, _Stop):
                return None
            raise
        with self.db.atomic():
            for old in self.db.query("SELECT id FROM mark_imports WHERE path = ? AND kind = ? AND id != ?",
                                     [str(path), kind, batch]):
                self._delete(int(old["id"]))
            self.db["mark_imports"].update(batch, {"complete": 1, "mark_count": count, "skipped": skipped})
        return self.get(batch)

    def _insert(self, chunk: list[tuple[object, ...]]) -> int:
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT INTO imported_marks (import_id, name, owner, aliases, classes, keywords, markets, generic, "
                "source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk)
        n = len(chunk)
        chunk.clear()
        return n

    def _delete(self, batch: int) -> None:
        self.db.execute("DELETE FROM imported_marks WHERE import_id = ?", [batch])
        self.db.execute("DELETE FROM mark_imports WHERE id = ?", [batch])

    def remove(self, batch: int) -> None:
        with self.db.atomic():
            self._delete(batch)

    def get(self, batch: int) -> MarkImport:
        r = next(iter(self.db.query("SELECT * FROM mark_imports WHERE id = ?", [batch])))
        return MarkImport(int(r["id"]), str(r["kind"]), str(r["path"]), str(r["imported_at"]), int(r["mark_count"]),
                          int(r["skipped"]))

    def batches(self) -> list[MarkImport]:
        return [self.get(int(r["id"])) for r in
                self.db.query("SELECT id FROM mark_imports WHERE complete = 1 ORDER BY id")]

    def marks(self) -> list[Mark]:
        """Every mark of every complete batch, as the Checker takes them (origin 'uspto' or 'import')."""
        out: list[Mark] = []
        sql = ("SELECT m.*, b.kind FROM imported_marks m JOIN mark_imports b ON b.id = m.import_id "
               "WHERE b.complete = 1 ORDER BY m.id")
        for r in self.db.query(sql):
            keywords = tuple(json.loads(r["keywords"]))
            generic = bool(r["generic"])
            out.append(Mark(name=str(r["name"]), owner=str(r["owner"]), category=str(r["kind"]),
                            aliases=tuple(json.loads(r["aliases"])),
                            nice_classes=tuple(int(c) for c in str(r["classes"]).split()), keywords=keywords,
                            markets=tuple(json.loads(r["markets"])), tier=3, generic=generic,
                            context=keywords if generic else (), source=str(r["source"]), origin=str(r["kind"])))
        return out


class _Stop(Exception):
    """Internal: the caller cancelled the import."""
