"""The seller's lists and official trademark data: imported from real files, used by the next check."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.core.models import Listing
from app.io.errors import ImportCancelled, InputError
from app.io.seller_lists import merged, read_list, write_list
from app.io.uspto import is_live, iter_cases
from app.store.mark_intake import import_marks_table, import_uspto
from app.store.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace(tmp_path / "ws.sqlite3") as w:
        yield w


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _trademark_marks(make_checker, ws: Workspace, listing: Listing, on: date | None = None) -> set[str]:
    result = make_checker(ws.seller.load()).check(listing, ["US"], on=on)
    return {f.mark for f in result.findings if f.kind == "trademark"}


NIKE_LISTING = Listing({"title": "Nike running shoes for men", "brand": "Nike"})


# -- own brands and authorisations ---------------------------------------------------------------

def test_imported_own_brand_and_authorisation_stop_the_flags_until_it_expires(tmp_path, ws, make_checker) -> None:
    assert "Nike" in _trademark_marks(make_checker, ws, NIKE_LISTING)
    auth = _xlsx(tmp_path / "授权.xlsx", [["授权品牌", "授权编号", "到期日"], ["Nike", "NK-2026-001", date(2026, 12, 31)]])
    imported = read_list(auth, "authorisations")
    ws.seller.save(merged(ws.seller.editable(), imported))
    assert ws.seller.load().authorisations[0].reference == "NK-2026-001"
    assert "Nike" not in _trademark_marks(make_checker, ws, NIKE_LISTING, on=date(2026, 12, 31))
    expired = make_checker(ws.seller.load()).check(NIKE_LISTING, ["US"], on=date(2027, 1, 1))
    nike = [f for f in expired.findings if f.mark == "Nike"]
    assert nike and "2026-12-31" in nike[0].message["en"]


def test_an_own_brand_from_a_csv_is_never_flagged(tmp_path, ws, make_checker) -> None:
    listing = Listing({"title": "Zorbilux travel mug", "brand": "Zorbilux"})
    ws.seller.add_watch("Zorbilux", "Someone Else Ltd")
    assert "Zorbilux" in _trademark_marks(make_checker, ws, listing)
    own = tmp_path / "own.csv"
    own.write_text("自有品牌\nZorbilux\nAcme\n", encoding="utf-8")
    ws.seller.save(merged(ws.seller.editable(), read_list(own, "own")))
    assert ws.seller.editable().own_brands == ["Acme", "Zorbilux"]
    assert "Zorbilux" not in _trademark_marks(make_checker, ws, listing)


def test_lists_export_and_read_back_the_same(tmp_path, ws) -> None:
    ws.seller.add_own_brand("Acme")
    ws.seller.add_authorisation("LEGO", "LIC-7", date(2030, 1, 1))
    ws.seller.add_watch("Zoomix", "Zoomix Ltd", ["Zoo-mix"], [9, 25], ["headphones"])
    lists = ws.seller.editable()
    for suffix in (".xlsx", ".csv"):
        for kind in ("own", "authorisations", "watchlist"):
            path = tmp_path / f"{kind}{suffix}"
            assert write_list(path, lists, kind) == 1
            back = read_list(path, kind)
            assert back.own_brands == (lists.own_brands if kind == "own" else [])
            assert back.authorisations == (lists.authorisations if kind == "authorisations" else [])
            if kind == "watchlist":
                m = back.watchlist[0]
                assert (m.name, m.owner, m.aliases, m.nice_classes, m.keywords) == (
                    "Zoomix", "Zoomix Ltd", ("Zoo-mix",), (9, 25), ("headphones",))


def test_a_bad_expiry_date_names_the_file_and_row(tmp_path) -> None:
    path = _xlsx(tmp_path / "auth.xlsx", [["Brand", "Licence reference", "Expires"], ["LEGO", "L1", "2026-12-31"],
                                          ["Nike", "N1", "next year"]])
    with pytest.raises(InputError) as err:
        read_list(path, "authorisations")
    text = err.value.message("en")
    assert "auth.xlsx" in text and "row 3" in text and "next year" in text
    assert "auth.xlsx" in err.value.message("zh_CN")


def test_a_file_without_the_columns_says_which_are_needed(tmp_path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("colour,size\nred,M\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_list(path, "authorisations")
    assert "x.csv" in err.value.message("en") and "mark" in err.value.message("en")


def test_dates_as_sellers_write_them(tmp_path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("品牌,到期日\nA,2026/3/5\nB,2026年3月6日\nC,2026.03.07\nD,\n", encoding="utf-8")
    got = [a.expires for a in read_list(path, "authorisations").authorisations]
    assert got == [date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 7), None]


# -- USPTO XML -------------------------------------------------------------------------------------

def _case(serial: str, name: str | None, status: str, classes: list[str], owners: list[tuple[str, str]],
          goods: str = "", abandonment: str = "") -> str:
    mark = f"<mark-identification>{name}</mark-identification>" if name is not None else ""
    owner_xml = "".join(f"<case-file-owner><entry-number>01</entry-number><party-type>{t}</party-type>"
                        f"<party-name>{n}</party-name><country>US</country></case-file-owner>" for t, n in owners)
    class_xml = "".join(f"<classification><international-code-total-no>1</international-code-total-no>"
                        f"<international-code>{c}</international-code><status-code>6</status-code>"
                        f"<primary-code>{c}</primary-code></classification>" for c in classes)
    return (f"<case-file><serial-number>{serial}</serial-number><registration-number>0000000</registration-number>"
            f"<transaction-date>20250102</transaction-date><case-file-header><filing-date>20240105</filing-date>"
            f"<status-code>{status}</status-code><status-date>20250102</status-date>{mark}"
            f"<mark-drawing-code>4000</mark-drawing-code><abandonment-date>{abandonment}</abandonment-date>"
            f"</case-file-header><case-file-statements><case-file-statement><type-code>GS0251</type-code>"
            f"<text>{goods}</text></case-file-statement></case-file-statements>"
            f"<case-file-owners>{owner_xml}</case-file-owners><classifications>{class_xml}</classifications>"
            f"</case-file>")


def _uspto_file(path: Path, cases: list[str]) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE trademark-applications-daily SYSTEM "trademark-applications-daily-v2-1.dtd">\n'
        "<trademark-applications-daily><version><version-no>2.1</version-no><version-date>20250102</version-date>"
        "</version><creation-datetime>202501030100</creation-datetime><application-information>"
        "<data-available-code>N</data-available-code><file-segments><file-segment>TRMK</file-segment>"
        "<action-keys><action-key>00</action-key>\n" + "\n".join(cases) +
        "\n</action-keys></file-segments></application-information></trademark-applications-daily>\n",
        encoding="utf-8")
    return path


SAMPLE_CASES = [
    _case("98000001", "ZORBILUX", "700", ["025", "018"], [("10", "Zorb Holdings LLC"), ("30", "Zorb Brands Inc.")],
          goods="Clothing, namely, shirts, hoodies and caps"),
    _case("98000002", "DEADMARKO", "602", ["025"], [("10", "Gone Co.")], goods="Shirts", abandonment="20240601"),
    _case("98000003", None, "630", ["021"], [("10", "Design Only LLC")]),  # a design mark: no words
    _case("98000004", "HAPPY OCEAN", "630", ["021"], [("10", "Mugmakers Inc.")], goods="Drinking mugs and tumblers"),
]


def test_uspto_live_marks_import_and_are_found_by_the_next_check(tmp_path, ws, make_checker) -> None:
    path = _uspto_file(tmp_path / "apc250102.xml", SAMPLE_CASES)
    steps: list[tuple[int, int]] = []
    batch, summary = import_uspto(ws, path, progress=lambda d, t: steps.append((d, t)))
    assert (summary.cases, summary.live, summary.skipped_dead, summary.skipped_no_words) == (4, 2, 1, 1)
    assert batch.mark_count == 2 and batch.skipped == 2 and batch.kind == "uspto"
    assert steps[-1][0] == steps[-1][1] == path.stat().st_size
    marks = {m.name: m for m in ws.seller.load().watchlist}
    zorb = marks["ZORBILUX"]
    assert (zorb.owner, zorb.nice_classes, zorb.origin, zorb.markets) == ("Zorb Brands Inc.", (25, 18), "uspto", ("US",))
    assert "hoodies" in zorb.keywords and "namely" not in zorb.keywords
    assert marks["HAPPY OCEAN"].generic and "tumblers" in marks["HAPPY OCEAN"].context
    assert ws.seller.editable().watchlist == []  # imported marks are not part of the hand-kept list
    found = _trademark_marks(make_checker, ws, Listing({"title": "Zorbilux hoodie for women"}))
    assert "ZORBILUX" in found
    assert "DEADMARKO" not in _trademark_marks(make_checker, ws, Listing({"title": "Deadmarko shirt"}))
    # An ordinary-word mark counts only beside its goods.
    assert "HAPPY OCEAN" not in _trademark_marks(make_checker, ws, Listing({"title": "Happy ocean wall poster"}))
    assert "HAPPY OCEAN" in _trademark_marks(make_checker, ws, Listing({"title": "Happy Ocean travel tumblers 20oz"}))


def test_importing_the_same_file_again_replaces_its_batch(tmp_path, ws) -> None:
    path = _uspto_file(tmp_path / "apc.xml", SAMPLE_CASES)
    import_uspto(ws, path)
    _uspto_file(path, SAMPLE_CASES[:1])
    import_uspto(ws, path)
    assert [b.mark_count for b in ws.imported_marks.batches()] == [1]
    assert [m.name for m in ws.seller.load().watchlist] == ["ZORBILUX"]


def test_a_zipped_uspto_file_is_read_without_unpacking(tmp_path, ws) -> None:
    xml = _uspto_file(tmp_path / "apc250102.xml", SAMPLE_CASES)
    archive = tmp_path / "apc250102.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(xml, xml.name)
    batch, _summary = import_uspto(ws, archive)
    assert batch.mark_count == 2


def test_a_malformed_uspto_file_names_file_and_line_and_keeps_nothing(tmp_path, ws) -> None:
    path = _uspto_file(tmp_path / "broken.xml", SAMPLE_CASES)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace("</mark-identification>", "</mark-identificaton>")  # the 2nd case, on line 5
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_uspto(ws, path)
    text = err.value.message("en")
    assert "broken.xml" in text and "line 5" in text
    assert "broken.xml" in err.value.message("zh_CN") and "5" in err.value.message("zh_CN")
    assert ws.imported_marks.batches() == [] and ws.seller.load().watchlist == []


def test_an_xml_file_that_is_not_uspto_data_is_refused(tmp_path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel><item>hello</item></channel></rss>", encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(iter_cases(path))
    assert "feed.xml" in err.value.message("en") and "rss" in err.value.message("en")


def test_cancelling_a_uspto_import_keeps_nothing(tmp_path, ws) -> None:
    cases = [_case(f"97{i:06d}", f"MARK{i}", "630", ["009"], [("10", "X")]) for i in range(1000)]
    path = _uspto_file(tmp_path / "big.xml", cases)
    with pytest.raises(ImportCancelled):
        import_uspto(ws, path, cancelled=lambda: True)
    assert ws.imported_marks.batches() == []
    assert ws.db.execute("SELECT count(*) FROM imported_marks").fetchone()[0] == 0


@pytest.mark.parametrize(("status", "abandoned", "live"), [
    ("630", "", True), ("700", "", True), ("800", "", True), ("602", "20240101", False), ("616", "20240101", True),
    ("710", "", False), ("900", "", False), ("", "20240101", False), ("", "", True), ("641", "20240101", False),
    ("606", "", False),
])
def test_live_is_decided_by_the_status_code(status, abandoned, live) -> None:
    assert is_live(status, abandoned) is live


# -- a plain list of marks -------------------------------------------------------------------------

def test_a_csv_of_marks_imports_with_chinese_headers_and_is_found(tmp_path, ws, make_checker) -> None:
    path = tmp_path / "marks.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["商标名称", "权利人", "类别", "别名", "中文名"])
        w.writerow(["Quellora", "Quellora GmbH", "3 21", "Quelora", "奎洛拉"])
        w.writerow(["Vantrix", "", "9", "", ""])
    batch = import_marks_table(ws, path)
    assert batch.mark_count == 2 and batch.kind == "import"
    marks = {m.name: m for m in ws.seller.load().watchlist}
    assert marks["Quellora"].nice_classes == (3, 21) and marks["Quellora"].origin == "import"
    assert marks["Vantrix"].owner == "Vantrix"
    assert "Quellora" in _trademark_marks(make_checker, ws, Listing({"title": "奎洛拉 face cream 50ml"}))
    assert "Vantrix" in _trademark_marks(make_checker, ws, Listing({"title": "Vantrix usb charger"}))


def test_a_list_of_marks_with_other_headers_imports_with_a_mapping(tmp_path, ws) -> None:
    path = _xlsx(tmp_path / "lawyer.xlsx", [["Registered words", "Proprietor", "Nice"], ["Plomvex", "P Ltd", "28"]])
    with pytest.raises(InputError):
        import_marks_table(ws, path)
    batch = import_marks_table(ws, path, {"name": "Registered words", "owner": "Proprietor", "classes": "Nice"})
    assert batch.mark_count == 1
    assert [(m.name, m.owner, m.nice_classes) for m in ws.seller.load().watchlist] == [("Plomvex", "P Ltd", (28,))]


def test_a_bad_class_in_a_list_of_marks_names_the_row_and_keeps_nothing(tmp_path, ws) -> None:
    path = tmp_path / "m.csv"
    path.write_text("mark,classes\nGood,9\nBad,99\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_marks_table(ws, path)
    assert "m.csv" in err.value.message("en") and "row 3" in err.value.message("en")
    assert ws.imported_marks.batches() == []
