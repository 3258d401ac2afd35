"""The detail pane: a listing's fields with the matched words highlighted, and each finding explained."""

from __future__ import annotations

import html
from collections import defaultdict

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.core.evidence import segments
from app.core.i18n import N_, _, ui_language
from app.core.models import TEXT_FIELDS, Finding, ListingResult

FIELD_LABELS = {
    "title": N_("Title"), "bullet_1": N_("Bullet point 1"), "bullet_2": N_("Bullet point 2"),
    "bullet_3": N_("Bullet point 3"), "bullet_4": N_("Bullet point 4"), "bullet_5": N_("Bullet point 5"),
    "search_terms": N_("Search terms"), "description": N_("Description"), "brand": N_("Brand"),
    "category": N_("Category"), "declared_name": N_("Declared name"), "manufacturer": N_("Manufacturer"),
    "eu_responsible_person": N_("EU responsible person"), "declared_value": N_("Declared value"),
}
SEVERITY_LABELS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low"), "info": N_("Info")}
SEVERITY_COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#1565c0", "info": "#616161"}


def field_label(name: str) -> str:
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def severity_label(severity: str) -> str:
    return _(SEVERITY_LABELS[severity])


def _text(d: dict[str, str]) -> str:
    return d.get(ui_language.lang) or d.get("en", "")


def render_result(result: ListingResult) -> str:
    listing = result.listing
    e = html.escape
    by_field: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_field[f.field].append(f)
    fields_label, row_label, source_label, todo_label = _("Fields"), _("Row"), _("Source"), _("What to do")
    parts = [f"<h3>{e(listing.sku)} · {e(listing.title)}</h3>",
             f"<p style='color:#555'>{e(listing.source)} · {e(listing.sheet)} · {e(row_label)} {listing.row}</p>"]
    parts.append(f"<h4>{e(fields_label)}</h4><table cellspacing='4'>")
    for name in TEXT_FIELDS:
        value = listing.get(name)
        if not value:
            continue
        spans = [(f.start, f.end) for f in by_field.get(name, ())]
        body = "".join(f"<span style='background:#ffd54f'>{e(p)}</span>" if hit else e(p)
                       for p, hit in segments(value, spans))
        parts.append(f"<tr><td><b>{e(field_label(name))}</b></td><td>{body}</td></tr>")
    parts.append("</table>")
    if not result.findings:
        parts.append("<p>" + e(_("No risks found in this listing.")) + "</p>")
    else:
        parts.append("<h4>" + e(_("Findings")) + f" ({len(result.findings)})</h4>")
    for f in result.findings:
        colour = SEVERITY_COLOURS[f.severity]
        what = f.mark or f.rule_id
        parts.append(
            f"<p><b style='color:{colour}'>{e(severity_label(f.severity))}</b> · {e(f.market)} · "
            f"{e(field_label(f.field))} · <b>{e(what)}</b>"
            + (f" · {e(f.match)}" if f.match else "")
            + f"<br>{e(_text(f.message))}<br><i>{e(todo_label)}:</i> {e(_text(f.suggestion))}"
            + f"<br><small>{e(source_label)}: {e(f.source)}</small></p>")
    if result.checklist:
        parts.append("<h4>" + e(_("Checklist")) + "</h4><ul>")
        for c in result.checklist:
            parts.append(f"<li>[{e(c.market)}] {e(_text(c.item))}</li>")
        parts.append("</ul>")
    return "".join(parts)


class DetailPane(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self._result: ListingResult | None = None
        self.retranslate()

    def show_result(self, result: ListingResult | None) -> None:
        self._result = result
        if result is None:
            hint = html.escape(_("Select a listing to see its findings."))
            self.setHtml(f"<p style='color:#777'>{hint}</p>")
        else:
            self.setHtml(render_result(result))

    def retranslate(self) -> None:
        self.show_result(self._result)
