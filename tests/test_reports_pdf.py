"""The PDF report drawn by Qt: real PDFs, read back with poppler (pdftotext, pdftoppm) as a viewer would."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QFontDatabase, QImage

from app.core.report import build_report
from app.io.reports import ExportCancelled
from app.ui import pdf_report
from app.ui.pdf_report import write_pdf
from app.ui.tasks import run_task
from tests.report_samples import GENERATED, VERSIONS, sample_results


def poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} is not installed (poppler-utils) to read the PDF back")
    return exe


def pdf_text(path: Path, page: int = 0) -> str:
    """The text of the PDF (or of one page) in drawing order, as a viewer's search sees it: ligatures such as
    "ﬁ" unfolded, whitespace and line wraps as single spaces."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run([poppler("pdftotext"), "-raw", *pages, str(path), "-"], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    return " ".join(unicodedata.normalize("NFKC", out).split())


def page_count(path: Path) -> int:
    info = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True, timeout=60)
    return int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))


def render_page(path: Path, page: int, out: Path) -> QImage:
    prefix = out / f"page{page}"
    subprocess.run([poppler("pdftoppm"), "-r", "50", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                    str(path), str(prefix)], check=True, timeout=60)
    return QImage(str(prefix.with_suffix(".png")))


def count_colour(image: QImage, colour: str, tolerance: int = 12) -> int:
    want = QColor(colour)
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (abs(c.red() - want.red()) <= tolerance and abs(c.green() - want.green()) <= tolerance
                    and abs(c.blue() - want.blue()) <= tolerance):
                hits += 1
    return hits


@pytest.fixture(scope="module")
def results(checker):
    return sample_results(checker)


def report_for(results, lang: str) -> dict[str, Any]:
    return build_report(results, markets=("US", "EU"), versions=VERSIONS, lang=lang, generated_at=GENERATED)


def test_pdf_says_what_the_html_says(qapp, tmp_path: Path, results) -> None:
    out = tmp_path / "report.pdf"
    write_pdf(report_for(results, "en"), out)
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    for expected in ("Seller Self-Check compliance report", "2026-11-23 09:30 UTC", "SS-1002", "SS-1042",
                     "Listings without findings", "SS-1001", "False alarm, marked by Li Wei", "nike.com"):
        assert expected in text, expected
    pages = page_count(out)
    assert pages >= 3
    for n in range(1, pages + 1):  # every page ends with the footer and its number
        assert pdf_text(out, n).endswith(f"Seller Self-Check compliance report · 2026-11-23 09:30 UTC {n}")
    first = render_page(out, 1, tmp_path)
    assert count_colour(first, "#ffd54f") > 20  # highlighted evidence
    assert count_colour(first, "#f8d7da") > 50  # high-risk fill


def test_pieces_flow_on_instead_of_starting_new_pages(qapp, tmp_path: Path, results,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    report = report_for(results, "en")
    write_pdf(report, tmp_path / "whole.pdf")
    monkeypatch.setattr(pdf_report, "CHUNK_CHARS", 3_000)  # a piece every listing or two
    write_pdf(report, tmp_path / "pieces.pdf")
    whole, pieces = page_count(tmp_path / "whole.pdf"), page_count(tmp_path / "pieces.pdf")
    # Dozens of pieces, each starting a new page, would add dozens of pages; flowing on adds at most one
    # (and where a long block breaks differently, the pieces may even take one page fewer).
    assert pieces <= whole + 1
    assert pdf_text(tmp_path / "pieces.pdf").count("SS-1004 ·") == 1


def test_pdf_in_chinese(qapp, tmp_path: Path, results) -> None:
    out = tmp_path / "report.pdf"
    write_pdf(report_for(results, "zh_CN"), out)
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no Chinese font on this machine (fc-list :lang=zh is empty): the PDF is written, but its "
                    "Chinese text would be empty boxes; ship a CJK font in resources/fonts")
    text = pdf_text(out).replace(" ", "")  # Chinese wraps anywhere; compare without spaces
    assert "卖家自查合规报告" in text and "2024新款耐克同款运动鞋男透气跑步鞋" in text
    assert "误报(LiWei于2026-11-20标记)" in text  # NFKC folds the full-width brackets


def test_pdf_off_the_gui_thread_with_progress(qtbot, tmp_path: Path, results) -> None:
    out = tmp_path / "report.pdf"
    seen: list[tuple[int, int]] = []
    task = run_task(lambda progress, cancelled: write_pdf(report_for(results, "en"), out, progress, cancelled),
                    on_done=lambda _result: None, on_error=lambda exc: seen.append((-1, -1)),
                    on_progress=lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(task.signals.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (45, 45), timeout=5_000)
    assert (-1, -1) not in seen and page_count(out) >= 3


def test_cancelled_pdf_leaves_nothing(qapp, tmp_path: Path, results) -> None:
    with pytest.raises(ExportCancelled):
        write_pdf(report_for(results, "en"), tmp_path / "report.pdf", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []
