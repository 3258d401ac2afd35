"""Check runs and what they found, stored so a catalogue reopens without checking it again."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from app.core.models import ChecklistItem, DataVersions, Finding, ListingResult
from app.store.catalogues import CHUNK
from app.store.db import now


@dataclass(slots=True, frozen=True)
class RunInfo:
    id: int
    import_id: int
    started_at: str
    finished_at: str
    markets: tuple[str, ...]
    channel: str
    versions: DataVersions


def finding_key(finding: Finding) -> str:
    """Finding.identity() as one string: what a review decision is stored against."""
    return "\x1f".join(finding.identity())


def item_key(item: ChecklistItem) -> str:
    return f"{item.requirement_id}\x1f{item.market}"


def _finding_row(run_id: int, listing_id: int, seq: int, f: Finding, is_new: bool) -> tuple[object, ...]:
    return (run_id, listing_id, seq, finding_key(f), f.kind, f.topic, f.severity, f.market, f.field, f.start,
            f.end, f.matched, f.mark, f.owner, f.match, f.rule_id, f.source, json.dumps(f.message, ensure_ascii=False),
            json.dumps(f.suggestion, ensure_ascii=False), int(is_new))


_INSERT_FINDING = ("INSERT INTO findings (run_id, listing_id, seq, key, kind, topic, severity, market, field, start, \"end\", "
                   "matched, mark, owner, match, rule_id, source, message, suggestion, is_new) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_ITEM = ("INSERT INTO checklist (run_id, listing_id, seq, requirement_id, market, item, detail, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


class Runs:
    def __init__(self, db: Database) -> None:
        self.db = db

    def start(self, import_id: int, markets: Sequence[str], versions: DataVersions, channel: str = "") -> int:
        with self.db.atomic():
            table = self.db["runs"].insert({
                "import_id": import_id, "started_at": now(), "markets": json.dumps(list(markets)), "channel": channel,
                "trademarks_version": versions.trademarks, "rules_version": versions.rules, "complete": 0})
        return int(table.last_pk)  # type: ignore[arg-type]

    def save_results(self, run_id: int, listing_ids: Sequence[int], results: Sequence[ListingResult],
                     is_new: Callable[[int, Finding], bool], cancelled: Callable[[], bool] | None = None) -> None:
        """Store every finding and checklist item, one commit per chunk of listings."""
        for start in range(0, len(results), CHUNK):
            if cancelled is not None and cancelled():
                return
            with self.db.atomic():
                self._insert(run_id, listing_ids[start:start + CHUNK], results[start:start + CHUNK], is_new, start)

    def _insert(self, run_id: int, listing_ids: Sequence[int], results: Sequence[ListingResult],
                is_new: Callable[[int, Finding], bool], offset: int) -> None:
        findings: list[tuple[object, ...]] = []
        items: list[tuple[object, ...]] = []
        for i, (lid, result) in enumerate(zip(listing_ids, results)):
            findings.extend(_finding_row(run_id, lid, seq, f, is_new(offset + i, f))
                            for seq, f in enumerate(result.findings))
            items.extend((run_id, lid, seq, c.requirement_id, c.market, json.dumps(c.item, ensure_ascii=False),
                          json.dumps(c.detail, ensure_ascii=False), c.source)
                         for seq, c in enumerate(result.checklist))
        self.db.conn.executemany(_INSERT_FINDING, findings)
        self.db.conn.executemany(_INSERT_ITEM, items)

    def drop(self, run_id: int) -> None:
        """Forget a run that was cancelled or failed half-way."""
        with self.db.atomic():
            self.db.execute("DELETE FROM findings WHERE run_id = ?", [run_id])
            self.db.execute("DELETE FROM checklist WHERE run_id = ?", [run_id])
            self.db.execute("DELETE FROM runs WHERE id = ?", [run_id])

    def finish(self, run_id: int) -> None:
        with self.db.atomic():
            self.db["runs"].update(run_id, {"complete": 1, "finished_at": now()})

    def replace_listing(self, run_id: int, listing_id: int, result: ListingResult, new_keys: set[str]) -> None:
        """After an edit and re-check: the listing's findings in this run become the fresh ones (one commit)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM findings WHERE run_id = ? AND listing_id = ?", [run_id, listing_id])
            self.db.execute("DELETE FROM checklist WHERE run_id = ? AND listing_id = ?", [run_id, listing_id])
            self._insert(run_id, [listing_id], [result], lambda _i, f: finding_key(f) in new_keys, 0)

    def latest(self, import_id: int) -> RunInfo | None:
        rows = list(self.db.query("SELECT * FROM runs WHERE import_id = ? AND complete = 1 ORDER BY id DESC LIMIT 1",
                                  [import_id]))
        if not rows:
            return None
        r = rows[0]
        return RunInfo(int(r["id"]), int(r["import_id"]), str(r["started_at"]), str(r["finished_at"] or ""),
                       tuple(json.loads(r["markets"])), str(r["channel"]),
                       DataVersions(str(r["trademarks_version"]), str(r["rules_version"])))

    def findings(self, run_id: int) -> dict[int, list[tuple[Finding, bool]]]:
        """listing id -> [(finding, is_new)] in the order they were found."""
        out: dict[int, list[tuple[Finding, bool]]] = defaultdict(list)
        for r in self.db.query("SELECT * FROM findings WHERE run_id = ? ORDER BY listing_id, seq", [run_id]):
            out[int(r["listing_id"])].append((Finding(
                kind=r["kind"], topic=r["topic"], severity=r["severity"], market=r["market"], field=r["field"],
                start=r["start"], end=r["end"], matched=r["matched"], message=json.loads(r["message"]),
                suggestion=json.loads(r["suggestion"]), source=r["source"], mark=r["mark"], owner=r["owner"],
                match=r["match"], rule_id=r["rule_id"]), bool(r["is_new"])))
        return out

    def checklist(self, run_id: int) -> dict[int, list[ChecklistItem]]:
        out: dict[int, list[ChecklistItem]] = defaultdict(list)
        for r in self.db.query("SELECT * FROM checklist WHERE run_id = ? ORDER BY listing_id, seq", [run_id]):
            out[int(r["listing_id"])].append(ChecklistItem(r["requirement_id"], r["market"], json.loads(r["item"]),
                                                           json.loads(r["detail"]), r["source"]))
        return out

    def finding_keys(self, run_id: int) -> set[tuple[str, str]]:
        """(listing key, finding key) of every finding in a run: to tell what is new in the next one."""
        out: set[tuple[str, str]] = set()
        for r in self.db.query("SELECT l.key AS lkey, f.key AS fkey FROM findings f "
                               "JOIN listings l ON l.id = f.listing_id WHERE f.run_id = ?", [run_id]):
            out.add((str(r["lkey"]), str(r["fkey"])))
        return out
