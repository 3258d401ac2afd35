"""The seller's review work: decisions on findings, ticked checklist items, edits to the workspace copy.

Every change is appended (never updated in place), so the history says who
decided what and when; the newest row per key is the one in force, and a row
with no state (or no value) clears it. Each call commits before it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.core.models import DECISION_STATES, Decision
from app.store.db import now

TICK_DONE = "done"


@dataclass(slots=True, frozen=True)
class Edit:
    """The seller's own text for a field, kept in the workspace (their file is not touched)."""

    field: str
    value: str
    original: str
    by: str
    at: str


def _latest(rows: list[dict[str, object]], key_cols: tuple[str, ...]) -> dict[tuple[str, ...], dict[str, object]]:
    out: dict[tuple[str, ...], dict[str, object]] = {}
    for r in rows:  # ordered by id, so later rows win
        out[tuple(str(r[c]) for c in key_cols)] = r
    return out


class Reviews:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- decisions on findings -------------------------------------------------------
    def decide(self, catalogue_id: int, listing_key: str, finding_key: str, state: str | None, *, by: str,
               note: str = "") -> Decision | None:
        """Record (or with state None, clear) a decision; it is committed to disk when this returns."""
        if state is not None and state not in DECISION_STATES:
            raise ValueError(f"unknown decision state {state!r}")
        decision = Decision(state, by=by, at=now(), note=note) if state is not None else None
        with self.db.atomic():
            self.db["decisions"].insert({"catalogue_id": catalogue_id, "listing_key": listing_key,
                                         "finding_key": finding_key, "state": state, "by": by,
                                         "at": decision.at if decision else now(), "note": note})
        return decision

    def decisions(self, catalogue_id: int) -> dict[tuple[str, str], Decision]:
        """(listing key, finding key) -> the decision in force."""
        rows = list(self.db.query("SELECT * FROM decisions WHERE catalogue_id = ? ORDER BY id", [catalogue_id]))
        return {k: Decision(str(r["state"]), str(r["by"]), str(r["at"]), str(r["note"]))
                for k, r in _latest(rows, ("listing_key", "finding_key")).items() if r["state"] is not None}

    def history(self, catalogue_id: int, listing_key: str, finding_key: str) -> list[Decision]:
        """Every decision ever made on one finding, oldest first (a cleared one has state '')."""
        rows = self.db.query("SELECT * FROM decisions WHERE catalogue_id = ? AND listing_key = ? AND finding_key = ? "
                             "ORDER BY id", [catalogue_id, listing_key, finding_key])
        return [Decision(str(r["state"] or ""), str(r["by"]), str(r["at"]), str(r["note"])) for r in rows]

    # -- checklist ticks ------------------------------------------------------------------
    def tick(self, catalogue_id: int, listing_key: str, item_key: str, done: bool, *, by: str,
             note: str = "") -> Decision | None:
        state = TICK_DONE if done else None
        stamp = now()
        with self.db.atomic():
            self.db["ticks"].insert({"catalogue_id": catalogue_id, "listing_key": listing_key, "item_key": item_key,
                                     "state": state, "by": by, "at": stamp, "note": note})
        return Decision(TICK_DONE, by=by, at=stamp, note=note) if done else None

    def ticks(self, catalogue_id: int) -> dict[tuple[str, str], Decision]:
        rows = list(self.db.query("SELECT * FROM ticks WHERE catalogue_id = ? ORDER BY id", [catalogue_id]))
        return {k: Decision(str(r["state"]), str(r["by"]), str(r["at"]), str(r["note"]))
                for k, r in _latest(rows, ("listing_key", "item_key")).items() if r["state"] is not None}

    # -- edits to the workspace copy -----------------------------------------------------
    def edit(self, catalogue_id: int, listing_key: str, field: str, value: str | None, original: str, *,
             by: str) -> Edit | None:
        """Store the seller's text for a field (None reverts to the file's text)."""
        stamp = now()
        with self.db.atomic():
            self.db["edits"].insert({"catalogue_id": catalogue_id, "listing_key": listing_key, "field": field,
                                     "value": value, "original": original, "by": by, "at": stamp})
        return Edit(field, value, original, by, stamp) if value is not None else None

    def edits(self, catalogue_id: int) -> dict[str, dict[str, Edit]]:
        """listing key -> field -> the edit in force."""
        rows = list(self.db.query("SELECT * FROM edits WHERE catalogue_id = ? ORDER BY id", [catalogue_id]))
        out: dict[str, dict[str, Edit]] = {}
        for (lkey, fname), r in _latest(rows, ("listing_key", "field")).items():
            if r["value"] is not None:
                out.setdefault(lkey, {})[fname] = Edit(fname, str(r["value"]), str(r["original"]), str(r["by"]),
                                                       str(r["at"]))
        return out
