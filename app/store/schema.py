"""The workspace schema and its migrations, numbered by `PRAGMA user_version`.

A migration is appended, never edited: a workspace made by an older version is
brought forward step by step; one made by a newer version is refused (opening
it could lose what that version stored).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from app.core.i18n import N_, translator

_TOO_NEW = N_("The workspace {path} was saved by a newer version of Seller Self-Check (schema {found}; this "
              "version reads up to {known}). Update the app, or move the file away to start a new workspace.")


class WorkspaceTooNew(Exception):
    """The file was written by a newer version of the app."""

    def __init__(self, path: str, found: int, known: int) -> None:
        self.params = {"path": path, "found": found, "known": known}
        super().__init__(_TOO_NEW.format(**self.params))

    def message(self, lang: str) -> str:
        return translator(lang)(_TOO_NEW).format(**self.params)


_V1 = """
CREATE TABLE catalogues (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    source_path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    markets TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    catalogue_id INTEGER NOT NULL REFERENCES catalogues(id),
    path TEXT NOT NULL,
    sheet TEXT NOT NULL,
    header_row INTEGER NOT NULL,
    headers TEXT NOT NULL,
    mapping TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    file_size INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    listing_count INTEGER NOT NULL DEFAULT 0,
    changes TEXT NOT NULL DEFAULT '{}',
    complete INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX imports_catalogue ON imports(catalogue_id, complete);
CREATE TABLE listings (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    row INTEGER NOT NULL,
    sheet TEXT NOT NULL,
    key TEXT NOT NULL,
    fields TEXT NOT NULL,
    markets TEXT NOT NULL DEFAULT '[]',
    plain TEXT,
    status TEXT NOT NULL DEFAULT ''
);
CREATE INDEX listings_import ON listings(import_id, row);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    markets TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT '',
    trademarks_version TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_import ON runs(import_id, complete);
CREATE TABLE findings (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    listing_id INTEGER NOT NULL REFERENCES listings(id),
    seq INTEGER NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    topic TEXT NOT NULL,
    severity TEXT NOT NULL,
    market TEXT NOT NULL,
    field TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    matched TEXT NOT NULL,
    mark TEXT NOT NULL,
    owner TEXT NOT NULL,
    match TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    source TEXT NOT NULL,
    message TEXT NOT NULL,
    suggestion TEXT NOT NULL,
    is_new INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX findings_listing ON findings(run_id, listing_id);
CREATE TABLE checklist (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    listing_id INTEGER NOT NULL REFERENCES listings(id),
    seq INTEGER NOT NULL,
    requirement_id TEXT NOT NULL,
    market TEXT NOT NULL,
    item TEXT NOT NULL,
    detail TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX checklist_listing ON checklist(run_id, listing_id);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    catalogue_id INTEGER NOT NULL REFERENCES catalogues(id),
    listing_key TEXT NOT NULL,
    finding_key TEXT NOT NULL,
    state TEXT,
    by TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX decisions_lookup ON decisions(catalogue_id, listing_key, finding_key);
CREATE TABLE ticks (
    id INTEGER PRIMARY KEY,
    catalogue_id INTEGER NOT NULL REFERENCES catalogues(id),
    listing_key TEXT NOT NULL,
    item_key TEXT NOT NULL,
    state TEXT,
    by TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ticks_lookup ON ticks(catalogue_id, listing_key, item_key);
CREATE TABLE edits (
    id INTEGER PRIMARY KEY,
    catalogue_id INTEGER NOT NULL REFERENCES catalogues(id),
    listing_key TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT,
    original TEXT NOT NULL,
    by TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX edits_lookup ON edits(catalogue_id, listing_key, field);
CREATE TABLE own_brands (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    added_at TEXT NOT NULL
);
CREATE TABLE authorisations (
    id INTEGER PRIMARY KEY,
    mark TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    expires TEXT,
    added_at TEXT NOT NULL
);
CREATE TABLE watchlist (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '[]',
    added_at TEXT NOT NULL
);
CREATE TABLE mappings (
    layout TEXT PRIMARY KEY,
    headers TEXT NOT NULL,
    mapping TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Version 2: watch-list marks get Nice classes and goods keywords; marks imported from official data
# (USPTO XML) or a seller's CSV/Excel list of marks live in their own table, one batch per file, so an
# import of 50,000 marks neither floods the hand-kept watch-list nor is lost when that list is edited.
_V2 = """
ALTER TABLE watchlist ADD COLUMN classes TEXT NOT NULL DEFAULT '';
ALTER TABLE watchlist ADD COLUMN keywords TEXT NOT NULL DEFAULT '[]';
CREATE TABLE mark_imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    mark_count INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE imported_marks (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES mark_imports(id),
    name TEXT NOT NULL,
    owner TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    classes TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '[]',
    markets TEXT NOT NULL DEFAULT '["US"]',
    generic INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX imported_marks_import ON imported_marks(import_id);
"""

Migration = Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Migration:
    def run(conn: sqlite3.Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)

    return run


# MIGRATIONS[i] brings a workspace from version i to version i + 1.
MIGRATIONS: tuple[Migration, ...] = (_script(_V1), _script(_V2))
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Bring the schema up to SCHEMA_VERSION, each step in its own transaction. Returns the version found."""
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise WorkspaceTooNew(path, found, SCHEMA_VERSION)
    for version in range(found, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return found
