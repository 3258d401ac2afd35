"""The seller's review of an open catalogue: decide, tick, edit and re-check one listing.

Runs on the thread that owns the workspace connection (the GUI thread): each
call is one small commit, so the change is on disk when the call returns, and
it updates the in-memory `CheckedCatalogue` the window shows.
"""

from __future__ import annotations

from app.core.checker import Checker
from app.core.models import ChecklistItem, Decision, Finding, ListingResult
from app.store.pipeline import CheckedCatalogue, apply_reviews, with_edits
from app.store.runs import finding_key, item_key
from app.store.workspace import Workspace


class Review:
    def __init__(self, ws: Workspace, checked: CheckedCatalogue) -> None:
        self.ws = ws
        self.checked = checked

    @property
    def by(self) -> str:
        return self.ws.settings.reviewer()

    def decide(self, index: int, finding: Finding, state: str | None, note: str = "") -> Decision | None:
        """Record a decision on one finding (None clears it)."""
        c = self.checked
        key = (c.keys[index], finding_key(finding))
        decision = self.ws.reviews.decide(c.catalogue_id, key[0], key[1], state, by=self.by, note=note)
        if decision is None:
            c.decisions.pop(key, None)
        else:
            c.decisions[key] = decision
        # the same finding can appear twice in a listing (same words in two places): decide them together
        for f in c.results[index].findings:
            if finding_key(f) == key[1]:
                f.decision = decision
        return decision

    def tick(self, index: int, item: ChecklistItem, done: bool, note: str = "") -> Decision | None:
        c = self.checked
        key = (c.keys[index], item_key(item))
        decision = self.ws.reviews.tick(c.catalogue_id, key[0], key[1], done, by=self.by, note=note)
        if decision is None:
            c.ticks.pop(key, None)
        else:
            c.ticks[key] = decision
        item.decision = decision
        return decision

    def edit(self, index: int, field: str, value: str, checker: Checker) -> ListingResult:
        """Store the seller's text for a field in the workspace copy and re-check that listing at once.

        Typing the file's own text back reverts the edit.
        """
        c = self.checked
        key = c.keys[index]
        original = c.as_read[index].get(field)
        if value == original:
            self.ws.reviews.edit(c.catalogue_id, key, field, None, original, by=self.by)
            c.edits.get(key, {}).pop(field, None)
        else:
            edit = self.ws.reviews.edit(c.catalogue_id, key, field, value, original, by=self.by)
            assert edit is not None
            c.edits.setdefault(key, {})[field] = edit
        listing = with_edits(c.as_read[index], c.edits.get(key))
        result = checker.check(listing, c.markets)
        apply_reviews([result], [key], c.decisions, c.ticks)
        old_new = {fk for (lk, fk) in c.new_findings if lk == key}
        c.new_findings -= {(key, fk) for fk in old_new}
        still_new = {finding_key(f) for f in result.findings} & old_new
        c.new_findings |= {(key, fk) for fk in still_new}
        self.ws.runs.replace_listing(c.run_id, c.listing_ids[index], result, still_new)
        c.results[index] = result
        return result

    def history(self, index: int, finding: Finding) -> list[Decision]:
        c = self.checked
        return self.ws.reviews.history(c.catalogue_id, c.keys[index], finding_key(finding))
