"""Opening the workspace file: WAL, durable commits, foreign keys, migrations.

Durability: `journal_mode=WAL` with `synchronous=FULL`. In WAL mode NORMAL
already survives an application crash, but a commit can still be lost to a
power cut or an OS crash because the WAL is not fsynced at each commit. A
review decision must be on disk when the click returns, and a decision is one
small commit at human speed, so the one fsync per commit FULL costs is
invisible; bulk imports commit in chunks, so they pay it once per chunk.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from app.store.schema import migrate

BUSY_TIMEOUT_S = 10.0


def connect(path: Path) -> Database:
    """An open, migrated workspace database at `path` (created when missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn, str(path))
    except BaseException:
        conn.close()
        raise
    return Database(conn, execute_plugins=False)


def now() -> str:
    """Local time with its UTC offset, to the second: what the seller saw on the clock."""
    return datetime.now().astimezone().isoformat(timespec="seconds")
