"""Check results to build reports from in the report tests: the sample catalogue run through the fixture data."""

from __future__ import annotations

from datetime import UTC, datetime

from app.core.checker import Checker
from app.core.models import DataVersions, Decision, ListingResult
from app.io.importer import import_catalogue
from tests.conftest import SAMPLE

VERSIONS = DataVersions(trademarks="marks-test-1", rules="rules-test-1")
GENERATED = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
FALSE_ALARM = Decision("false_alarm", by="Li Wei", at="2026-11-20T10:15:00+08:00", note="our own brand")
TICKED = Decision("done", by="Wang Fang", at="2026-11-21T16:00:00+08:00")


def sample_results(checker: Checker) -> list[ListingResult]:
    """The 45 sample listings checked for US and EU, with one finding marked a false alarm and one checklist
    item ticked off, as the workspace would hand them over."""
    catalogue = import_catalogue(SAMPLE)
    results = list(checker.check_all(catalogue.listings, ("US", "EU")))
    nike = next(r for r in results if r.listing.sku == "SS-1002")
    nike.findings[0].decision = FALSE_ALARM
    ticked = next(r for r in results if r.checklist)
    ticked.checklist[0].decision = TICKED
    return results
