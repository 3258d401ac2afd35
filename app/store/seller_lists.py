"""The seller's brand lists: own brands, authorisations (licence reference, expiry), extra marks to watch.

`load()` is what the Checker needs: the hand-kept lists plus every imported mark
(app/store/imported_marks.py). `editable()` is what the My brands dialog edits
and `save()` writes back: the hand-kept lists only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from sqlite_utils import Database

from app.core.checker import Authorisation, SellerLists
from app.core.models import Mark
from app.store.db import now
from app.store.imported_marks import IMPORTED_ORIGINS, ImportedMarks


class SellerListsStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def load(self) -> SellerLists:
        """What the Checker needs to know about this seller: the lists and every imported mark."""
        lists = self.editable()
        lists.watchlist.extend(ImportedMarks(self.db).marks())
        return lists

    def editable(self) -> SellerLists:
        """The lists the seller keeps by hand (what the My brands dialog shows and `save` replaces)."""
        own = [str(r["name"]) for r in self.db.query("SELECT name FROM own_brands ORDER BY name")]
        auths = [Authorisation(str(r["mark"]), str(r["reference"]),
                               date.fromisoformat(r["expires"]) if r["expires"] else None)
                 for r in self.db.query("SELECT * FROM authorisations ORDER BY id")]
        watch = [Mark(name=str(r["name"]), owner=str(r["owner"]) or str(r["name"]), category="watchlist",
                      aliases=tuple(json.loads(r["aliases"])), origin="watchlist", source="watchlist",
                      nice_classes=tuple(int(c) for c in str(r["classes"]).split()),
                      keywords=tuple(json.loads(r["keywords"])))
                 for r in self.db.query("SELECT * FROM watchlist ORDER BY id")]
        return SellerLists(own, auths, watch)

    def save(self, lists: SellerLists) -> None:
        """Replace all three lists in one transaction (what the My brands dialog edits)."""
        stamp = now()
        with self.db.atomic():
            for table in ("own_brands", "authorisations", "watchlist"):
                self.db.execute(f"DELETE FROM {table}")
            seen: set[str] = set()
            for name in lists.own_brands:
                if name.strip() and name.strip().casefold() not in seen:
                    seen.add(name.strip().casefold())
                    self.db["own_brands"].insert({"name": name.strip(), "added_at": stamp})
            for auth in lists.authorisations:
                if auth.mark.strip():
                    self.db["authorisations"].insert({
                        "mark": auth.mark.strip(), "reference": auth.reference.strip(),
                        "expires": auth.expires.isoformat() if auth.expires else None, "added_at": stamp})
            for mark in lists.watchlist:
                if mark.name.strip() and mark.origin not in IMPORTED_ORIGINS:
                    self.db["watchlist"].insert(_watch_row(mark.name, mark.owner, mark.aliases, mark.nice_classes,
                                                           mark.keywords, stamp))

    def add_own_brand(self, name: str) -> None:
        with self.db.atomic():
            self.db.execute("INSERT OR IGNORE INTO own_brands (name, added_at) VALUES (?, ?)", [name.strip(), now()])

    def add_authorisation(self, mark: str, reference: str = "", expires: date | None = None) -> None:
        with self.db.atomic():
            self.db["authorisations"].insert({"mark": mark.strip(), "reference": reference.strip(),
                                              "expires": expires.isoformat() if expires else None,
                                              "added_at": now()})

    def add_watch(self, name: str, owner: str = "", aliases: Sequence[str] = (), classes: Sequence[int] = (),
                  keywords: Sequence[str] = ()) -> None:
        with self.db.atomic():
            self.db["watchlist"].insert(_watch_row(name, owner, aliases, classes, keywords, now()))


def _watch_row(name: str, owner: str, aliases: Sequence[str], classes: Sequence[int], keywords: Sequence[str],
               stamp: str) -> dict[str, object]:
    return {"name": name.strip(), "owner": owner.strip(), "aliases": json.dumps(list(aliases), ensure_ascii=False),
            "classes": " ".join(map(str, classes)), "keywords": json.dumps(list(keywords), ensure_ascii=False),
            "added_at": stamp}
