"""The workspace on real SQLite files: schema, import and check, decisions, edits, re-imports, brand lists."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from app.core.checker import Authorisation, SellerLists
from app.core.models import DataVersions, Mark
from app.io.errors import InputError
from app.store import pipeline
from app.store.intake import ImportChoice, preview_file
from app.store.review import Review
from app.store.runs import finding_key
from app.store.schema import SCHEMA_VERSION, WorkspaceTooNew
from app.store.settings import MARKETS, REVIEWER
from app.store.workspace import Workspace
from tests.conftest import SAMPLE

VERSIONS = DataVersions("marks-test", "rules-test")
HEADERS = ["SKU", "Title", "Brand", "Bullet Point 1"]


def write_catalogue(path: Path, rows: list[list[str]], headers: list[str] = HEADERS) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Listings"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace(tmp_path / "ws.sqlite3") as workspace:
        yield workspace


def check(ws: Workspace, path: Path, checker, catalogue_id: int | None = None, **kw) -> pipeline.CheckedCatalogue:
    return pipeline.import_and_check(ws, ImportChoice(path, **kw), markets=["US"], checker=checker, versions=VERSIONS,
                                     catalogue_id=catalogue_id)


def test_new_workspace_has_schema_wal_and_full_sync(ws: Workspace) -> None:
    conn = ws.db.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert ws.integrity() == "ok"


def test_workspace_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(WorkspaceTooNew) as err:
        Workspace(path)
    assert "future.sqlite3" in err.value.message("en")


def test_env_var_chooses_the_workspace_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere" / "mine.sqlite3"
    monkeypatch.setenv("SSC_WORKSPACE", str(target))
    with Workspace() as workspace:
        assert workspace.path == target
    assert target.exists()


def test_import_check_and_reload_give_the_same_findings(ws: Workspace, checker) -> None:
    before = digest(SAMPLE)
    checked = check(ws, SAMPLE, checker)
    assert digest(SAMPLE) == before  # the seller's file is only read
    assert len(checked.results) == 45
    assert any(r.findings for r in checked.results)
    reloaded = pipeline.load(ws, checked.catalogue_id)
    assert reloaded is not None
    assert [r.listing.fields for r in reloaded.results] == [r.listing.fields for r in checked.results]
    assert [(r.listing.row, [(finding_key(f), f.start, f.end, f.severity, f.message) for f in r.findings])
            for r in reloaded.results] == \
        [(r.listing.row, [(finding_key(f), f.start, f.end, f.severity, f.message) for f in r.findings])
         for r in checked.results]
    assert [len(r.checklist) for r in reloaded.results] == [len(r.checklist) for r in checked.results]
    recent = ws.catalogues.recent()
    assert [c.name for c in recent] == ["sample_catalogue.xlsx"] and recent[0].listing_count == 45


def test_decision_is_on_disk_with_who_when_and_note(tmp_path: Path, checker) -> None:
    path = tmp_path / "ws.sqlite3"
    with Workspace(path) as ws:
        ws.settings.set(REVIEWER, "Lin")
        checked = check(ws, SAMPLE, checker)
        index = next(i for i, r in enumerate(checked.results) if r.findings)
        finding = checked.results[index].findings[0]
        Review(ws, checked).decide(index, finding, "false_alarm", note="our own design")
        assert checked.results[index].open_findings == checked.results[index].findings[1:] or \
            finding not in checked.results[index].open_findings
        catalogue_id, sku = checked.catalogue_id, checked.keys[index]
    with Workspace(path) as again:  # a fresh connection sees the committed decision
        reloaded = pipeline.load(again, catalogue_id)
        assert reloaded is not None
        result = reloaded.results[reloaded.keys.index(sku)]
        decided = [f for f in result.findings if finding_key(f) == finding_key(finding)]
        assert decided and all(f.decision is not None for f in decided)
        d = decided[0].decision
        assert (d.state, d.by, d.note) == ("false_alarm", "Lin", "our own design") and d.at
        review = Review(again, reloaded)
        review.decide(reloaded.keys.index(sku), decided[0], None)
        assert decided[0].decision is None
        assert [h.state for h in review.history(reloaded.keys.index(sku), decided[0])] == ["false_alarm", ""]
    with Workspace(path) as third:
        reloaded = pipeline.load(third, catalogue_id)
        assert reloaded is not None
        result = reloaded.results[reloaded.keys.index(sku)]
        assert all(f.decision is None for f in result.findings)


def test_unknown_decision_state_is_refused(ws: Workspace) -> None:
    with pytest.raises(ValueError):
        ws.reviews.decide(1, "A", "k", "ignored", by="x")


def test_reimport_carries_decisions_by_sku_and_shows_what_is_new(ws: Workspace, tmp_path: Path, checker) -> None:
    v1 = write_catalogue(tmp_path / "catalogue-v1.xlsx", [
        ["A-1", "Nike running shoes for men", "Acme", ""],
        ["A-2", "Plain cotton socks", "Acme", ""],
        ["A-3", "Gucci style belt", "Acme", ""],
    ])
    first = check(ws, v1, checker)
    a1 = first.keys.index("A-1")
    nike = next(f for f in first.results[a1].findings if f.mark == "Nike")
    Review(ws, first).decide(a1, nike, "authorised", note="licence 42")
    # next week: rows moved, A-2 gained a brand, A-3 dropped, A-4 added; a new file name
    v2 = write_catalogue(tmp_path / "catalogue-v2.xlsx", [
        ["A-4", "Adidas look sneakers", "Acme", ""],
        ["A-2", "Plain cotton socks, LEGO compatible", "Acme", ""],
        ["A-1", "Nike running shoes for men", "Acme", ""],
    ])
    target = ws.catalogues.match_file(v2.resolve(), ["A-4", "A-2", "A-1"])
    assert target == first.catalogue_id
    second = check(ws, v2, checker, catalogue_id=target)
    assert second.catalogue_id == first.catalogue_id
    by_key = dict(zip(second.keys, second.results))
    carried = [f for f in by_key["A-1"].findings if f.mark == "Nike"]
    assert carried and carried[0].decision is not None and carried[0].decision.note == "licence 42"
    status = dict(zip(second.keys, second.status))
    assert status == {"A-4": "new", "A-2": "changed", "A-1": ""}
    assert second.changes["new"] == 1 and second.changes["changed"] == 1 and second.changes["removed"] == 1
    assert second.changes["previous_at"]
    new_keys = {lk for lk, _fk in second.new_findings}
    assert "A-1" not in new_keys  # the same finding as last time
    assert {"A-4", "A-2"} <= new_keys
    assert second.carried_decisions >= 1
    reloaded = pipeline.load(ws, first.catalogue_id)
    assert reloaded is not None and reloaded.new_findings == second.new_findings
    assert reloaded.status == second.status


def test_edit_rechecks_the_listing_and_survives_reload_not_the_file(ws: Workspace, tmp_path: Path, checker) -> None:
    path = write_catalogue(tmp_path / "c.xlsx", [["B-1", "Nike Air running shoes", "Acme", "Breathable mesh"]])
    before = digest(path)
    checked = check(ws, path, checker)
    assert any(f.mark == "Nike" for f in checked.results[0].findings)
    result = Review(ws, checked).edit(0, "title", "Air-cushioned running shoes", checker)
    assert not any(f.mark == "Nike" for f in result.findings)
    assert checked.results[0] is result and result.listing.title == "Air-cushioned running shoes"
    assert checked.as_read[0].title == "Nike Air running shoes"
    assert digest(path) == before
    reloaded = pipeline.load(ws, checked.catalogue_id)
    assert reloaded is not None
    assert reloaded.results[0].listing.title == "Air-cushioned running shoes"
    assert not any(f.mark == "Nike" for f in reloaded.results[0].findings)
    # the same file imported again: the edit still applies
    again = check(ws, path, checker, catalogue_id=checked.catalogue_id)
    assert again.results[0].listing.title == "Air-cushioned running shoes"
    # the seller changed the title in their own file: the file wins
    write_catalogue(path, [["B-1", "Nike Air running shoes, new colours", "Acme", "Breathable mesh"]])
    updated = check(ws, path, checker, catalogue_id=checked.catalogue_id)
    assert updated.results[0].listing.title == "Nike Air running shoes, new colours"
    # typing the file's text back reverts the edit
    Review(ws, updated).edit(0, "title", "Nike Air running shoes, new colours", checker)
    assert ws.reviews.edits(checked.catalogue_id) == {}


def test_checklist_tick_is_stored(ws: Workspace, checker) -> None:
    checked = pipeline.import_and_check(ws, ImportChoice(SAMPLE), markets=["EU"], checker=checker, versions=VERSIONS)
    index = next(i for i, r in enumerate(checked.results) if r.checklist)
    item = checked.results[index].checklist[0]
    Review(ws, checked).tick(index, item, True, note="CE label photographed")
    reloaded = pipeline.load(ws, checked.catalogue_id)
    assert reloaded is not None
    ticked = reloaded.results[index].checklist[0]
    assert ticked.decision is not None and ticked.decision.state == "done"
    assert ticked.decision.note == "CE label photographed"


def test_cancelled_import_leaves_nothing_behind(ws: Workspace, checker) -> None:
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    with pytest.raises(Exception) as err:
        pipeline.import_and_check(ws, ImportChoice(SAMPLE), markets=["US"], checker=checker, versions=VERSIONS,
                                  cancelled=cancelled)
    assert type(err.value).__name__ in ("CheckCancelled", "ImportCancelled")
    assert ws.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    assert ws.db.execute("SELECT count(*) FROM listings").fetchone()[0] == 0
    assert ws.db.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    assert ws.catalogues.recent() == []


def test_unreadable_file_is_an_input_error(ws: Workspace, tmp_path: Path, checker) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(InputError) as err:
        check(ws, bad, checker)
    assert "bad.xlsx" in err.value.message("en")


def test_seller_lists_round_trip_and_feed_the_checker(ws: Workspace, make_checker) -> None:
    from datetime import date

    lists = SellerLists(["Nike", " nike ", "Acme"], [Authorisation("LEGO", "LIC-7", date(2030, 1, 1))],
                        [Mark(name="Zoomix", owner="Zoomix Ltd", category="watchlist", aliases=("Zoo-mix",))])
    ws.seller.save(lists)
    loaded = ws.seller.load()
    assert sorted(loaded.own_brands) == ["Acme", "Nike"]
    assert loaded.authorisations == [Authorisation("LEGO", "LIC-7", date(2030, 1, 1))]
    assert [(m.name, m.owner, m.aliases) for m in loaded.watchlist] == [("Zoomix", "Zoomix Ltd", ("Zoo-mix",))]
    from app.core.models import Listing

    checker = make_checker(loaded)
    result = checker.check(Listing({"title": "Nike LEGO Zoomix gift set"}), ["US"])
    marks = {f.mark for f in result.findings}
    assert "Nike" not in marks and "LEGO" not in marks and "Zoomix" in marks


def test_mapping_is_remembered_per_header_layout(ws: Workspace, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "odd.xlsx", [["C-1", "Steel bottle", "Acme", "Keeps cold"]],
                           headers=["Item", "Product Title Text", "Maker", "Feature"])
    preview = preview_file(path)
    assert "title" not in preview.mapping
    chosen = {"sku": "Item", "title": "Product Title Text", "brand": "Maker"}
    ws.mappings.remember(preview.headers, chosen)
    assert ws.mappings.recall(["item", " Product title text", "MAKER", "Feature"]) == chosen
    assert ws.mappings.recall(["Item", "Product Title Text"]) is None
    from app.store.intake import read_catalogue

    catalogue = read_catalogue(ImportChoice(path, mapping=chosen))
    assert catalogue.listings[0].fields == {"sku": "C-1", "title": "Steel bottle", "brand": "Acme"}


def test_unmapped_columns_are_left_out(tmp_path: Path) -> None:
    from app.store.intake import read_catalogue

    path = write_catalogue(tmp_path / "c.xlsx", [["D-1", "Mug", "Acme", "Holds tea"]])
    catalogue = read_catalogue(ImportChoice(path, mapping={"sku": "SKU", "title": "Title"}))
    assert catalogue.listings[0].fields == {"sku": "D-1", "title": "Mug"}


def test_settings_have_defaults_and_types(ws: Workspace) -> None:
    assert ws.settings.get(MARKETS) == ["US"]
    ws.settings.set(MARKETS, ["EU", "UK"])
    assert ws.settings.get(MARKETS) == ["EU", "UK"]
    with pytest.raises(TypeError):
        ws.settings.set(MARKETS, "EU")
    assert ws.settings.reviewer()
    ws.settings.set(REVIEWER, "Mei")
    assert ws.settings.reviewer() == "Mei"
