"""HTML for the detail pane: a listing's fields with the matched words marked, and one finding explained."""

from __future__ import annotations

import html
from collections import defaultdict

from app.core.evidence import segments
from app.core.i18n import _
from app.core.models import TEXT_FIELDS, Decision, Finding, Listing
from app.store.reviews import Edit
from app.ui.labels import (
    DECISION_LABELS,
    FIELD_LABELS,
    SEVERITY_COLOURS,
    SEVERITY_LABELS,
    TOPIC_LABELS,
    label,
    localized,
)

HIT = "background:#ffe082"
CURRENT = "background:#ff8f00;color:#fff;font-weight:bold"
e = html.escape

# Fields shown in the detail pane: the checked text first, then what EU and customs rules look at.
SHOWN_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, "manufacturer", "eu_responsible_person", "declared_value", "price")


def marked(text: str, spans: list[tuple[int, int]], current: tuple[int, int] | None) -> str:
    """`text` escaped, every finding's span shaded and the current finding's span in strong colour."""
    out: list[str] = []
    pos = 0
    for piece, is_current in segments(text, [current] if current else []):
        start = pos
        pos += len(piece)
        if is_current:
            out.append(f"<span style='{CURRENT}'>{e(piece)}</span>")
            continue
        local = [(max(s, start) - start, min(t, pos) - start) for s, t in spans if s < pos and t > start]
        out.extend(f"<span style='{HIT}'>{e(p)}</span>" if hit else e(p) for p, hit in segments(piece, local))
    return "".join(out)


def fields_html(listing: Listing, findings: list[Finding], current: Finding | None, edits: dict[str, Edit],
                editable: bool = True) -> str:
    by_field: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for f in findings:
        by_field[f.field].append((f.start, f.end))
    edit_word, edited_word = _("edit"), _("edited here; your file still says:")
    rows = []
    for name in SHOWN_FIELDS:
        value = listing.get(name)
        if not value and name not in ("title", "brand") and name not in by_field:
            continue
        cur = (current.start, current.end) if current is not None and current.field == name else None
        body = marked(value, by_field.get(name, []), cur) if value else "<span style='color:#999'>—</span>"
        link = f" <a href='edit:{name}' style='font-size:small'>[{e(edit_word)}]</a>" if editable else ""
        note = ""
        if name in edits:
            note = (f"<br><small style='color:#6a1b9a'>✎ {e(edited_word)} “{e(edits[name].original)}”</small>")
        rows.append(f"<tr><td valign='top' style='padding-right:8px;white-space:nowrap'><b>"
                    f"{e(label(FIELD_LABELS, name))}</b>{link}</td><td>{body}{note}</td></tr>")
    return "<table cellspacing='3'>" + "".join(rows) + "</table>"


def decision_text(decision: Decision) -> str:
    who = decision.by or _("someone")
    text = _("{state} — by {who}, {when}").format(state=label(DECISION_LABELS, decision.state), who=who,
                                                  when=decision.at.replace("T", " ")[:16])
    return text + (f": {decision.note}" if decision.note else "")


def finding_html(f: Finding, is_new: bool, history: list[Decision]) -> str:
    colour = SEVERITY_COLOURS.get(f.severity, "#000")
    head = (f"<b style='color:{colour}'>{e(label(SEVERITY_LABELS, f.severity))}</b> · {e(f.market)} · "
            f"{e(label(TOPIC_LABELS, f.topic))} · {e(label(FIELD_LABELS, f.field))}")
    if f.mark:
        head += f" · <b>{e(f.mark)}</b>"
    if f.owner:
        head += f" ({e(f.owner)})"
    why, todo, source, new = _("Why"), _("What to do"), _("Source"), _("New")
    decision_word, earlier_word = _("Decision"), _("Earlier decisions")
    if is_new:
        head += f" <span style='color:#fff;background:#1565c0'>&nbsp;{e(new)}&nbsp;</span>"
    parts = [f"<p>{head}</p>",
             f"<p><b>{e(why)}:</b> {e(localized(f.message))}</p>",
             f"<p><b>{e(todo)}:</b> {e(localized(f.suggestion))}</p>"]
    if f.source:
        parts.append(f"<p><small><b>{e(source)}:</b> {e(f.source)}</small></p>")
    if f.decision is not None:
        parts.append(f"<p style='color:#2e7d32'><b>{e(decision_word)}:</b> {e(decision_text(f.decision))}</p>")
    earlier = [d for d in history[:-1] if d.state] if history else []
    if earlier:
        lines = "".join(f"<li>{e(decision_text(d))}</li>" for d in earlier)
        parts.append(f"<p><small>{e(earlier_word)}:</small></p><ul><small>{lines}</small></ul>")
    return "".join(parts)
