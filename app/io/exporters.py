"""The report writers' first import path, kept for code written against it; they live in `app.io.reports`."""

from app.io.reports import FORMATS, ExportCancelled, render_html, safe_cell, write_report

__all__ = ["FORMATS", "ExportCancelled", "render_html", "safe_cell", "write_report"]
