"""Import → store → check → store findings → apply the seller's decisions; and reopening a stored catalogue.

Plain functions meant to run in a background thread, each with its own
`Workspace` connection, reporting `(done, total)` progress and stopping when
`cancelled()` turns true (leaving nothing half-stored behind).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.core.checker import CheckCancelled, Checker
from app.core.models import DataVersions, Decision, Listing, ListingResult
from app.store.catalogues import StoredListing, listing_key
from app.store.intake import ImportChoice, file_digest, read_catalogue
from app.store.reviews import Edit
from app.store.runs import finding_key, item_key
from app.store.workspace import Workspace

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
TOTAL = 1000


def _never() -> bool:
    return False


def _phase(progress: Progress | None, start: int, span: int) -> Progress:
    """Map a step's own (done, total) into its slice of one 0..TOTAL progress bar."""
    def report(done: int, total: int) -> None:
        if progress is not None:
            progress(start + span * done // max(1, total), TOTAL)

    return report


@dataclass(slots=True)
class CheckedCatalogue:
    """A catalogue's latest import and check, with the seller's review applied; lists are aligned by index."""

    catalogue_id: int
    name: str
    import_id: int
    run_id: int
    markets: tuple[str, ...]
    versions: DataVersions
    checked_at: str
    results: list[ListingResult]
    listing_ids: list[int]
    keys: list[str]
    as_read: list[Listing]  # the listing as the file has it (results hold the edited copy)
    status: list[str]  # "new" | "changed" | "" since the previous import
    new_findings: set[tuple[str, str]] = field(default_factory=set)  # (listing key, finding key)
    edits: dict[str, dict[str, Edit]] = field(default_factory=dict)
    decisions: dict[tuple[str, str], Decision] = field(default_factory=dict)
    ticks: dict[tuple[str, str], Decision] = field(default_factory=dict)
    changes: dict[str, object] = field(default_factory=dict)  # previous_at, new, changed, removed
    carried_decisions: int = 0  # findings that came with a decision made before this check or load

    def is_new(self, index: int, key: str) -> bool:
        return (self.keys[index], key) in self.new_findings

    @property
    def new_finding_count(self) -> int:
        return len(self.new_findings)


def with_edits(listing: Listing, edits: dict[str, Edit] | None) -> Listing:
    """The listing with the seller's workspace edits laid over it.

    An edit applies only while the file still has the text it replaced: once the
    seller changes that field in their own file, the file wins.
    """
    if not edits:
        return listing
    fields = dict(listing.fields)
    plain = dict(listing.plain)
    changed = False
    for name, edit in edits.items():
        if fields.get(name, "") == edit.original:
            fields[name] = edit.value
            plain.pop(name, None)  # a plain-text view of the old HTML no longer matches
            changed = True
    if not changed:
        return listing
    return Listing(fields, source=listing.source, sheet=listing.sheet, row=listing.row, markets=listing.markets,
                   plain=plain)


def apply_reviews(results: Sequence[ListingResult], keys: Sequence[str], decisions: dict[tuple[str, str], Decision],
                  ticks: dict[tuple[str, str], Decision]) -> int:
    """Attach the decisions in force to the findings and checklist items; returns how many findings got one."""
    applied = 0
    for result, key in zip(results, keys):
        for f in result.findings:
            f.decision = decisions.get((key, finding_key(f)))
            applied += f.decision is not None
        for c in result.checklist:
            c.decision = ticks.get((key, item_key(c)))
    return applied


def _previous_finding_keys(ws: Workspace, catalogue_id: int, before_import: int) -> set[tuple[str, str]] | None:
    previous = ws.catalogues.latest_import(catalogue_id, before=before_import)
    run = ws.runs.latest(previous.id) if previous is not None else None
    return ws.runs.finding_keys(run.id) if run is not None else None


def _check_and_store(ws: Workspace, catalogue_id: int, name: str, import_id: int, stored: list[StoredListing],
                     markets: tuple[str, ...], checker: Checker, versions: DataVersions, changes: dict[str, object],
                     progress: Progress, cancelled: Cancelled) -> CheckedCatalogue:
    edits = ws.reviews.edits(catalogue_id)
    listings = [with_edits(s.listing, edits.get(s.key)) for s in stored]
    keys = [s.key for s in stored]
    run_id = ws.runs.start(import_id, markets, versions)
    try:
        results = list(checker.check_all(listings, markets, progress=_phase(progress, 350, 550), cancelled=cancelled))
        previous = _previous_finding_keys(ws, catalogue_id, import_id)
        new_findings: set[tuple[str, str]] = set()
        if previous is not None:
            for key, result in zip(keys, results):
                new_findings.update((key, fk) for fk in map(finding_key, result.findings) if (key, fk) not in previous)
        ids = [s.id for s in stored]
        save_progress = _phase(progress, 900, 100)

        def is_new(i: int, f: object) -> bool:
            if i % 2000 == 0:
                save_progress(i, len(results))
            return (keys[i], finding_key(f)) in new_findings  # type: ignore[arg-type]

        ws.runs.save_results(run_id, ids, results, is_new, cancelled)
        if cancelled():
            raise CheckCancelled()
        ws.runs.finish(run_id)
    except BaseException:
        ws.runs.drop(run_id)
        raise
    run = ws.runs.latest(import_id)
    assert run is not None and run.id == run_id
    decisions = ws.reviews.decisions(catalogue_id)
    ticks = ws.reviews.ticks(catalogue_id)
    carried = apply_reviews(results, keys, decisions, ticks)
    progress(TOTAL, TOTAL)
    return CheckedCatalogue(catalogue_id, name, import_id, run_id, markets, versions, run.started_at, results, ids, keys,
                            [s.listing for s in stored], [s.status for s in stored], new_findings, edits, decisions,
                            ticks, changes, carried)


def import_and_check(ws: Workspace, choice: ImportChoice, *, markets: Sequence[str], checker: Checker,
                     versions: DataVersions, catalogue_id: int | None = None, progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> CheckedCatalogue:
    """Read the file, store a copy as a new import of the catalogue (a new catalogue when None), check it."""
    cancelled = cancelled or _never
    report = progress or (lambda _d, _t: None)
    catalogue = read_catalogue(choice, progress=_phase(report, 0, 250), cancelled=cancelled)
    if cancelled():
        raise CheckCancelled()
    path = choice.path.resolve()
    name = choice.name or path.name
    if catalogue_id is None:
        catalogue_id = ws.catalogues.create(name, str(path), markets)
    else:
        name = ws.catalogues.get(catalogue_id).name
    changes = ws.catalogues.compare(catalogue_id, catalogue.listings)
    sha, size = file_digest(path)
    import_id = ws.catalogues.start_import(catalogue_id, path=path, sheet=catalogue.sheet,
                                           header_row=catalogue.header_row, headers=catalogue.headers,
                                           mapping=catalogue.mapping, sha256=sha, size=size)
    try:
        ids = ws.catalogues.add_listings(import_id, catalogue.listings, changes.status, cancelled)
        if cancelled():
            raise CheckCancelled()
        report(350, TOTAL)
        stored = [StoredListing(i, listing_key(listing), listing, changes.status.get(listing_key(listing), ""))
                  for i, listing in zip(ids, catalogue.listings)]
        checked = _check_and_store(ws, catalogue_id, name, import_id, stored, tuple(markets), checker, versions,
                                   changes.as_dict(), report, cancelled)
        ws.catalogues.finish_import(import_id, len(stored), changes)
    except BaseException:
        ws.catalogues.drop_import(import_id)
        raise
    ws.catalogues.touch(catalogue_id, markets=markets, source_path=str(path))
    return checked


def recheck(ws: Workspace, catalogue_id: int, *, markets: Sequence[str], checker: Checker, versions: DataVersions,
            progress: Progress | None = None, cancelled: Cancelled | None = None) -> CheckedCatalogue:
    """Check the catalogue's latest import again (new markets, new data, changed brand lists)."""
    latest = ws.catalogues.latest_import(catalogue_id)
    if latest is None:
        raise KeyError(catalogue_id)
    info = ws.catalogues.get(catalogue_id)
    stored = ws.catalogues.listings(latest.id, _source_name(latest.path))
    checked = _check_and_store(ws, catalogue_id, info.name, latest.id, stored, tuple(markets), checker, versions,
                               latest.changes, progress or (lambda _d, _t: None), cancelled or _never)
    ws.catalogues.touch(catalogue_id, markets=markets)
    return checked


def load(ws: Workspace, catalogue_id: int, progress: Progress | None = None) -> CheckedCatalogue | None:
    """The catalogue as last checked, from the workspace alone (no file is read); None if never checked."""
    latest = ws.catalogues.latest_import(catalogue_id)
    run = ws.runs.latest(latest.id) if latest is not None else None
    if latest is None or run is None:
        return None
    report = progress or (lambda _d, _t: None)
    info = ws.catalogues.get(catalogue_id)
    stored = ws.catalogues.listings(latest.id, _source_name(latest.path))
    report(400, TOTAL)
    found = ws.runs.findings(run.id)
    report(800, TOTAL)
    items = ws.runs.checklist(run.id)
    edits = ws.reviews.edits(catalogue_id)
    results: list[ListingResult] = []
    new_findings: set[tuple[str, str]] = set()
    for s in stored:
        pairs = found.get(s.id, [])
        results.append(ListingResult(with_edits(s.listing, edits.get(s.key)), [f for f, _new in pairs],
                                     items.get(s.id, [])))
        new_findings.update((s.key, finding_key(f)) for f, new in pairs if new)
    keys = [s.key for s in stored]
    decisions = ws.reviews.decisions(catalogue_id)
    ticks = ws.reviews.ticks(catalogue_id)
    carried = apply_reviews(results, keys, decisions, ticks)
    ws.catalogues.touch(catalogue_id)
    report(TOTAL, TOTAL)
    return CheckedCatalogue(catalogue_id, info.name, latest.id, run.id, run.markets, run.versions, run.started_at,
                            results, [s.id for s in stored], keys, [s.listing for s in stored],
                            [s.status for s in stored], new_findings, edits, decisions, ticks, latest.changes, carried)


def _source_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
