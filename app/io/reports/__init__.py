"""Writing a `compliance-report/1` dict as JSON, CSV, Excel or HTML.

Every writer takes the report in the language it was built in and needs
nothing but the report dict. Text that came from a seller's file is data, never
code: cells a spreadsheet would run as a formula are neutralised in CSV and
Excel, and HTML escapes everything. Writers stream (memory stays flat on
100,000 listings), report progress `(done, total)`, stop when `cancelled()`
turns true, and replace the target file only once it is complete.
The PDF report is drawn by Qt, so it lives in `app.ui.pdf_report`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.io.reports.common import Cancelled, ExportCancelled, Progress, safe_cell
from app.io.reports.csv import write_csv
from app.io.reports.html import render_html, write_html
from app.io.reports.json import write_json
from app.io.reports.xlsx import write_xlsx

__all__ = ["FORMATS", "ExportCancelled", "render_html", "report_format", "safe_cell", "write_report"]

Writer = Callable[[dict[str, Any], Path, Progress | None, Cancelled | None], None]
WRITERS: dict[str, Writer] = {"json": write_json, "xlsx": write_xlsx, "csv": write_csv, "html": write_html}
FORMATS: tuple[str, ...] = tuple(WRITERS)


def report_format(path: Path, fmt: str | None = None) -> str:
    """`fmt`, or the format the file name says (.htm counts as html); ValueError when neither says one we write."""
    fmt = (fmt or Path(path).suffix.lstrip(".") or "json").lower()
    fmt = "html" if fmt == "htm" else fmt
    if fmt not in WRITERS:
        raise ValueError(fmt)
    return fmt


def write_report(report: dict[str, Any], path: Path, fmt: str | None = None, *,
                 progress: Progress | None = None, cancelled: Cancelled | None = None) -> str:
    """Write `report` in `fmt` (or the format the file name says); returns the format used."""
    fmt = report_format(path, fmt)
    WRITERS[fmt](report, Path(path), progress, cancelled)
    return fmt
