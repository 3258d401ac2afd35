"""Catalogues, their imports and the copy of each imported listing (the seller's file is never written)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from app.core.models import Listing
from app.store.db import now

CHUNK = 2000


def listing_key(listing: Listing) -> str:
    """What ties a listing to its decisions across imports: the SKU, or the row when there is none."""
    sku = listing.sku.strip()
    return sku if sku else f"row:{listing.row}"


@dataclass(slots=True, frozen=True)
class CatalogueInfo:
    id: int
    name: str
    source_path: str
    created_at: str
    opened_at: str
    markets: tuple[str, ...]
    listing_count: int = 0
    imported_at: str = ""


@dataclass(slots=True, frozen=True)
class ImportInfo:
    id: int
    catalogue_id: int
    path: str
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[str, int]
    imported_at: str
    listing_count: int
    changes: dict[str, object]


@dataclass(slots=True)
class StoredListing:
    """One listing as read from the file, plus where it sits in the workspace."""

    id: int
    key: str
    listing: Listing
    status: str = ""  # "new" or "changed" since the previous import, else ""


@dataclass(slots=True)
class ImportChanges:
    """What differs from the previous import of the same catalogue."""

    previous_at: str = ""
    new: int = 0
    changed: int = 0
    removed: int = 0
    status: dict[str, str] = field(default_factory=dict)  # listing key -> "new" | "changed"

    def as_dict(self) -> dict[str, object]:
        return {"previous_at": self.previous_at, "new": self.new, "changed": self.changed, "removed": self.removed}


def _info(row: dict[str, object]) -> CatalogueInfo:
    return CatalogueInfo(int(row["id"]), str(row["name"]), str(row["source_path"]), str(row["created_at"]),  # type: ignore[arg-type]
                         str(row["opened_at"]), tuple(json.loads(str(row["markets"]))),
                         int(row.get("listing_count") or 0), str(row.get("imported_at") or ""))  # type: ignore[arg-type]


def _import_info(row: dict[str, object]) -> ImportInfo:
    return ImportInfo(int(row["id"]), int(row["catalogue_id"]), str(row["path"]), str(row["sheet"]),  # type: ignore[arg-type]
                      int(row["header_row"]), json.loads(str(row["headers"])), json.loads(str(row["mapping"])),  # type: ignore[arg-type]
                      str(row["imported_at"]), int(row["listing_count"]), json.loads(str(row["changes"])))  # type: ignore[arg-type]


class Catalogues:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- catalogues ----------------------------------------------------------------
    def create(self, name: str, source_path: str, markets: Sequence[str]) -> int:
        stamp = now()
        with self.db.atomic():
            table = self.db["catalogues"].insert({"name": name, "source_path": source_path, "created_at": stamp,
                                                  "opened_at": stamp, "markets": json.dumps(list(markets))})
        return int(table.last_pk)  # type: ignore[arg-type]

    _SELECT = """
        SELECT c.*, i.listing_count, i.imported_at FROM catalogues c
        LEFT JOIN imports i ON i.id = (SELECT max(id) FROM imports WHERE catalogue_id = c.id AND complete = 1)
    """

    def get(self, catalogue_id: int) -> CatalogueInfo:
        rows = list(self.db.query(self._SELECT + " WHERE c.id = ?", [catalogue_id]))
        if not rows:
            raise KeyError(catalogue_id)
        return _info(rows[0])

    def recent(self, limit: int = 10) -> list[CatalogueInfo]:
        """Catalogues with at least one finished import, most recently opened first."""
        sql = self._SELECT + " WHERE i.id IS NOT NULL ORDER BY c.opened_at DESC, c.id DESC LIMIT ?"
        return [_info(r) for r in self.db.query(sql, [limit])]

    def touch(self, catalogue_id: int, *, markets: Sequence[str] | None = None, source_path: str | None = None) -> None:
        values: dict[str, object] = {"opened_at": now()}
        if markets is not None:
            values["markets"] = json.dumps(list(markets))
        if source_path is not None:
            values["source_path"] = source_path
        with self.db.atomic():
            self.db["catalogues"].update(catalogue_id, values)

    def match_file(self, path: Path, keys: Iterable[str]) -> int | None:
        """The catalogue this file updates: the same file path, else the one sharing most of its SKUs (≥ half)."""
        same = list(self.db.query("SELECT id FROM catalogues WHERE source_path = ? ORDER BY opened_at DESC LIMIT 1",
                                  [str(path)]))
        if same:
            return int(same[0]["id"])
        wanted = {k for k in keys if not k.startswith("row:")}
        if not wanted:
            return None
        best: tuple[float, int | None] = (0.5, None)
        for info in self.recent(limit=50):
            latest = self.latest_import(info.id)
            if latest is None:
                continue
            theirs = {str(r["key"]) for r in self.db.query("SELECT key FROM listings WHERE import_id = ?", [latest.id])}
            overlap = len(wanted & theirs) / max(1, len(wanted))
            if overlap >= best[0]:
                best = (overlap, info.id)
        return best[1]

    # -- imports ---------------------------------------------------------------------
    def start_import(self, catalogue_id: int, *, path: Path, sheet: str, header_row: int, headers: list[str],
                     mapping: dict[str, int], sha256: str, size: int) -> int:
        with self.db.atomic():
            table = self.db["imports"].insert({
                "catalogue_id": catalogue_id, "path": str(path), "sheet": sheet, "header_row": header_row,
                "headers": json.dumps(headers, ensure_ascii=False), "mapping": json.dumps(mapping),
                "file_sha256": sha256, "file_size": size, "imported_at": now(), "complete": 0})
        return int(table.last_pk)  # type: ignore[arg-type]

    def add_listings(self, import_id: int, listings: Sequence[Listing], status: dict[str, str],
                     cancelled: Callable[[], bool] | None = None) -> list[int]:
        """Store the listings as read, in chunks (one commit each); returns their ids in order."""
        ids: list[int] = []
        for start in range(0, len(listings), CHUNK):
            if cancelled is not None and cancelled():
                break
            chunk = listings[start:start + CHUNK]
            with self.db.atomic():
                cur = self.db.conn.cursor()
                for listing in chunk:
                    key = listing_key(listing)
                    cur.execute(
                        "INSERT INTO listings (import_id, row, sheet, key, fields, markets, plain, status) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (import_id, listing.row, listing.sheet, key, json.dumps(listing.fields, ensure_ascii=False),
                         json.dumps(list(listing.markets)),
                         json.dumps(listing.plain, ensure_ascii=False) if listing.plain else None,
                         status.get(key, "")))
                    ids.append(int(cur.lastrowid))  # type: ignore[arg-type]
        return ids

    def finish_import(self, import_id: int, count: int, changes: ImportChanges) -> None:
        with self.db.atomic():
            self.db["imports"].update(import_id, {"complete": 1, "listing_count": count,
                                                  "changes": json.dumps(changes.as_dict())})

    def drop_import(self, import_id: int) -> None:
        """Forget an import that was cancelled or failed half-way, with its runs and findings."""
        with self.db.atomic():
            runs = [r["id"] for r in self.db.query("SELECT id FROM runs WHERE import_id = ?", [import_id])]
            for run_id in runs:
                self.db.execute("DELETE FROM findings WHERE run_id = ?", [run_id])
                self.db.execute("DELETE FROM checklist WHERE run_id = ?", [run_id])
            self.db.execute("DELETE FROM runs WHERE import_id = ?", [import_id])
            self.db.execute("DELETE FROM listings WHERE import_id = ?", [import_id])
            self.db.execute("DELETE FROM imports WHERE id = ?", [import_id])

    def latest_import(self, catalogue_id: int, *, before: int | None = None) -> ImportInfo | None:
        sql = "SELECT * FROM imports WHERE catalogue_id = ? AND complete = 1"
        params: list[object] = [catalogue_id]
        if before is not None:
            sql += " AND id < ?"
            params.append(before)
        rows = list(self.db.query(sql + " ORDER BY id DESC LIMIT 1", params))
        return _import_info(rows[0]) if rows else None

    def listings(self, import_id: int, source: str) -> list[StoredListing]:
        out: list[StoredListing] = []
        for r in self.db.query("SELECT * FROM listings WHERE import_id = ? ORDER BY id", [import_id]):
            plain = json.loads(r["plain"]) if r["plain"] else {}
            listing = Listing(json.loads(r["fields"]), source=source, sheet=r["sheet"], row=r["row"],
                              markets=tuple(json.loads(r["markets"])),
                              plain={k: tuple(v) for k, v in plain.items()})  # type: ignore[misc]
            out.append(StoredListing(int(r["id"]), str(r["key"]), listing, str(r["status"])))
        return out

    def compare(self, catalogue_id: int, listings: Sequence[Listing]) -> ImportChanges:
        """New, changed and removed listings against the catalogue's latest finished import."""
        previous = self.latest_import(catalogue_id)
        if previous is None:
            return ImportChanges()
        before = {str(r["key"]): str(r["fields"]) for r in
                  self.db.query("SELECT key, fields FROM listings WHERE import_id = ?", [previous.id])}
        changes = ImportChanges(previous_at=previous.imported_at)
        seen: set[str] = set()
        for listing in listings:
            key = listing_key(listing)
            seen.add(key)
            old = before.get(key)
            if old is None:
                changes.status[key] = "new"
                changes.new += 1
            elif json.loads(old) != listing.fields:
                changes.status[key] = "changed"
                changes.changed += 1
        changes.removed = len(set(before) - seen)
        return changes
