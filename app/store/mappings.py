"""Column mappings the seller chose, remembered per header layout so the next file like it maps itself."""

from __future__ import annotations

import hashlib
import json

from sqlite_utils import Database

from app.io.columns import header_key
from app.store.db import now


def layout_key(headers: list[str]) -> str:
    """The same headers in the same order, compared the way the importer compares them."""
    joined = "\x1f".join(header_key(h) for h in headers).rstrip("\x1f")
    return hashlib.sha256(joined.encode()).hexdigest()[:20]


class Mappings:
    def __init__(self, db: Database) -> None:
        self.db = db

    def remember(self, headers: list[str], mapping: dict[str, str]) -> None:
        """Store {field: header text} for this layout (replacing an older choice)."""
        with self.db.atomic():
            self.db.execute("INSERT OR REPLACE INTO mappings (layout, headers, mapping, updated_at) VALUES (?, ?, ?, ?)",
                            [layout_key(headers), json.dumps(headers, ensure_ascii=False),
                             json.dumps(mapping, ensure_ascii=False), now()])

    def recall(self, headers: list[str]) -> dict[str, str] | None:
        rows = list(self.db.query("SELECT mapping FROM mappings WHERE layout = ?", [layout_key(headers)]))
        return json.loads(rows[0]["mapping"]) if rows else None
