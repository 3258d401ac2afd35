"""The HTML report: one self-contained file (inline CSS, no scripts, no external resources).

Every value is escaped and only http(s) sources become links. The same pieces
(`document_start`, `summary_html`, `listing_html`, `clean_listings_html`,
`DOCUMENT_END`) feed the app's PDF writer, so the HTML and the PDF say the same.
The markup stays within what both browsers and Qt's rich-text engine render.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app import APP_NAME
from app.core.i18n import N_, Translate, translator
from app.core.models import TEXT_FIELDS
from app.io.reports.common import (
    Cancelled,
    Progress,
    Ticker,
    atomic_write,
    excerpt,
    finding_spans,
    readable_time,
    source_name,
    split_source,
    web_url,
)
from app.io.reports.labels import (
    FIELD_LABELS,
    MATCH_LABELS,
    RISK_HEADINGS,
    RISK_LABELS,
    SEVERITY_FILLS,
    SEVERITY_INK,
    SEVERITY_LABELS,
    TOPIC_LABELS,
    decision_text,
    label,
)

EVIDENCE_LIMIT = 600
TOP_MARKS = 30
FONTS = ('"Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", '
         '"Source Han Sans SC", "WenQuanYi Micro Hei", Arial, sans-serif')
_LEVEL_CSS = "".join(f".sev-{level}{{background-color:#{fill};color:#{SEVERITY_INK[level]}}}"
                     for level, fill in SEVERITY_FILLS.items())
STYLE = (
    f"body{{font-family:{FONTS};font-size:10pt;color:#1f2328;margin:16pt;line-height:1.35}}"
    "h1{font-size:18pt;margin:0 0 4pt 0}h2{font-size:12.5pt;margin:18pt 0 2pt 0}"
    "h3{font-size:10.5pt;margin:8pt 0 3pt 0;color:#444c56}"
    ".meta{color:#57606a;margin:0 0 6pt 0}"
    "table{border-collapse:collapse;width:100%;margin:2pt 0 6pt 0}"
    "th,td{border:1px solid #c9d1d9;padding:3pt 5pt;vertical-align:top;text-align:left}"
    "th{background-color:#eef1f4;font-weight:bold;font-size:9pt}"
    "td.num{text-align:right}"
    ".hit{background-color:#ffd54f;color:#7a0000;font-weight:bold}"
    ".badge{font-weight:bold}"
    ".muted{color:#6e7781}"
    "table.layout,td.layout{border-width:0;padding:0 8pt 0 0}"
    "a{color:#0550ae}"
    "@media print{body{margin:0}.listing{page-break-inside:avoid}}"
    + _LEVEL_CSS
)
DOCUMENT_END = "</body></html>\n"
# Table attributes as well as CSS: Qt's rich-text engine reads widths and padding from attributes.
TABLE = '<table width="100%" cellspacing="0" cellpadding="4">'
FINDING_COLUMNS = ((N_("Severity"), 9), (N_("Market"), 8), (N_("Field"), 9), (N_("Finding"), 30),
                   (N_("What to do"), 19), (N_("Source"), 12), (N_("Review"), 13))
CHECKLIST_COLUMNS = ((N_("Market"), 8), (N_("Requirement"), 57), (N_("Source"), 15), (N_("Status"), 20))


def e(value: Any) -> str:
    """Any value as escaped HTML text (quotes too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def generated_text(report: dict[str, Any]) -> str:
    """'2026-11-23 10:41 UTC' from the report's ISO timestamp."""
    return readable_time(report["generated_at"])


def _level(level: str) -> str:
    """A CSS class for a severity or risk; unknown values get none (never copied into markup)."""
    return f"sev-{level}" if level in SEVERITY_FILLS else ""


def source_html(source: str) -> str:
    name, url = split_source(source)
    target = web_url(url) if url else None
    if target is None:
        return e(source)
    return f'<a href="{e(target)}" rel="noopener noreferrer">{e(source_name(name, url))}</a>'


def marked(pieces: list[tuple[str, bool]]) -> str:
    return "".join(f'<span class="hit">{e(text)}</span>' if hit else e(text) for text, hit in pieces)


def document_start(report: dict[str, Any], t: Translate) -> str:
    lang = "zh-CN" if report.get("language") == "zh_CN" else "en"
    title = e(t("Seller Self-Check compliance report"))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>\n"
    )


def summary_html(report: dict[str, Any], t: Translate) -> str:
    s = report["summary"]
    findings = s.get("findings") or {}
    checklist = s.get("checklist") or {}
    scope = (t("Only items nobody has reviewed yet") if report.get("only_open")
             else t("All findings, with review decisions"))
    pair = t("{label}: {value}")
    meta = " · ".join(e(pair.format(label=t(name), value=value)) for name, value in (
        (N_("Generated"), generated_text(report)), (N_("Markets"), ", ".join(report["markets"])),
        (N_("Trademark data"), report["data_versions"]["trademarks"]),
        (N_("Rule data"), report["data_versions"]["rules"]), (N_("App version"), report["app_version"]),
        (N_("Contents"), scope)))
    title = e(t("Seller Self-Check compliance report"))
    parts = [f"<h1>{title}</h1>", f'<p class="meta">{meta}</p>',
             f"{TABLE}<tr>"]
    for level in ("high", "medium", "low", "none"):
        parts.append(f'<td class="{_level(level)}"><b>{e(t(RISK_HEADINGS[level]))}</b><br>'
                     f'<span style="font-size:16pt">{e(s[level])}</span></td>')
    checked = e(t("Listings checked"))
    parts.append(f'<td><b>{checked}</b><br><span style="font-size:16pt">{e(s["listings"])}'
                 "</span></td></tr></table>")
    if findings:
        parts.append('<p class="meta">' + e(t(
            "{total} findings: {open} open, {reviewed} reviewed. Checklist: {items} items, {done} done.").format(
            total=findings.get("total", 0), open=findings.get("open", 0), reviewed=findings.get("reviewed", 0),
            items=checklist.get("total", 0), done=checklist.get("done", 0))) + "</p>")
    tables = [
        _count_table(t, N_("Topic"), findings.get("by_topic") or {}, TOPIC_LABELS),
        _count_table(t, N_("Market"), findings.get("by_market") or {}, {}),
        _count_table(t, N_("Trademark"), findings.get("by_mark") or {}, {}, limit=TOP_MARKS),
    ]
    tables = [table for table in tables if table]
    if tables:
        width = 100 // len(tables)
        parts.append('<table class="layout" width="100%" cellspacing="0" cellpadding="0"><tr>'
                     + "".join(f'<td class="layout" width="{width}%">{table}</td>' for table in tables)
                     + "</tr></table>")
    return "\n".join(parts) + "\n"


def _count_table(t: Translate, heading: str, counts: dict[str, int], labels: dict[str, str], limit: int = 0) -> str:
    if not counts:
        return ""
    items = list(counts.items())
    shown = items[:limit] if limit else items
    rows = "".join(f'<tr><td>{e(label(t, labels, code) if labels else code)}</td><td class="num">{e(n)}</td></tr>'
                   for code, n in shown)
    if len(shown) < len(items):
        rest = sum(n for _, n in items[len(shown):])
        others = e(t("{count} others").format(count=len(items) - len(shown)))
        rows += (f'<tr><td class="muted">{others}</td>'
                 f'<td class="num">{e(rest)}</td></tr>')
    head, count = e(t(heading)), e(t("Findings"))
    return (f'{TABLE}<thead><tr><th>{head}</th><th width="34%">{count}</th></tr></thead>'
            f"{rows}</table>")


def _evidence(item: dict[str, Any], t: Translate) -> str:
    fields = item.get("fields") or {}
    named = [f["field"] for f in item["findings"]]
    order = [name for name in TEXT_FIELDS if name in named] + sorted(set(named) - set(TEXT_FIELDS))
    rows = []
    for name in order:
        text = fields.get(name)
        spans = finding_spans(item, name)
        if not text or not spans:
            continue
        rows.append(f'<tr><th width="18%">{e(label(t, FIELD_LABELS, name))}</th>'
                    f"<td>{marked(excerpt(text, spans, limit=EVIDENCE_LIMIT, context=80))}</td></tr>")
    return f"{TABLE}{''.join(rows)}</table>" if rows else ""


def listing_html(item: dict[str, Any], t: Translate) -> str:
    """One listing: where it is, its fields with the risky words highlighted, what was found and what to do."""
    risk = item["risk"]
    row_label, open_label = e(t("Row")), t("Not yet reviewed")
    where = " · ".join(e(x) for x in (item["source"], item["sheet"])) + f" · {row_label} {e(item['row'])}"
    if item.get("open_risk") and item["open_risk"] != risk:
        pair = t("{label}: {value}").format(label=open_label, value=label(t, RISK_LABELS, item["open_risk"]))
        where += " · " + e(pair)
    badge = f'<span class="badge {_level(risk)}">&nbsp;{e(label(t, RISK_LABELS, risk))}&nbsp;</span>'
    parts = ['<div class="listing">', f"<h2>{badge} {e(item['sku'])} · {e(item['title'])}</h2>",
             f'<p class="meta">{where}</p>']
    if item["findings"]:
        parts.append(_evidence(item, t))
        heads = "".join(f'<th width="{w}%">{e(t(h))}</th>' for h, w in FINDING_COLUMNS)
        parts.append(f"{TABLE}<thead><tr>{heads}</tr></thead>")
        for f in item["findings"]:
            what = " · ".join(e(x) for x in (f["mark"], label(t, TOPIC_LABELS, f["topic"]),
                                              label(t, MATCH_LABELS, f["match"]), f["rule_id"]) if x)
            matched = f'<span class="hit">{e(f["matched"])}</span> · ' if f["matched"] else ""
            parts.append(
                f'<tr><td class="{_level(f["severity"])}">{e(label(t, SEVERITY_LABELS, f["severity"]))}</td>'
                f'<td>{e(f["market"])}</td><td>{e(label(t, FIELD_LABELS, f["field"]))}</td>'
                f'<td>{matched}<b>{what}</b><br>{e(f["message"])}</td><td>{e(f["suggestion"])}</td>'
                f'<td>{source_html(f["source"])}</td><td>{e(decision_text(t, f.get("decision")))}</td></tr>')
        parts.append("</table>")
    checklist = item.get("checklist") or []
    if checklist:
        checklist_label = e(t("Checklist"))
        parts.append(f"<h3>{checklist_label}</h3>{TABLE}<thead><tr>"
                     + "".join(f'<th width="{w}%">{e(t(h))}</th>' for h, w in CHECKLIST_COLUMNS) + "</tr></thead>")
        for c in checklist:
            detail = f'<br><span class="muted">{e(c["detail"])}</span>' if c.get("detail") else ""
            parts.append(f'<tr><td>{e(c["market"])}</td><td>{e(c["item"])}{detail}</td>'
                         f'<td>{source_html(c["source"])}</td><td>{e(decision_text(t, c.get("decision")))}</td></tr>')
        parts.append("</table>")
    parts.append("</div>\n")
    return "".join(parts)


def needs_section(item: dict[str, Any]) -> bool:
    return bool(item["findings"] or item.get("checklist"))


def clean_listings_html(items: list[dict[str, Any]], t: Translate, *, heading: bool = True) -> str:
    """The listings with nothing found, as one compact table (proof they were checked)."""
    rows = "".join(f"<tr><td>{e(i['sku'])}</td><td>{e(i['title'])}</td><td>{e(i['source'])}</td>"
                   f'<td class="num">{e(i["row"])}</td></tr>' for i in items)
    head = "".join(f'<th width="{w}%">{e(t(h))}</th>'
                   for h, w in ((N_("SKU"), 15), (N_("Title"), 54), (N_("File"), 24), (N_("Row"), 7)))
    title = "<h2>" + e(t("Listings without findings")) + "</h2>" if heading else ""
    return f"{title}{TABLE}<thead><tr>{head}</tr></thead>{rows}</table>\n"


def html_chunks(report: dict[str, Any], t: Translate, ticker: Ticker, *, clean_rows: int = 500) -> Iterator[str]:
    """The body of the report in pieces: the summary, each listing, then the clean listings table."""
    yield summary_html(report, t)
    clean: list[dict[str, Any]] = []
    for item in ticker.each(report["listings"]):
        if needs_section(item):
            yield listing_html(item, t)
        else:
            clean.append(item)
    for start in range(0, len(clean), clean_rows):
        yield clean_listings_html(clean[start:start + clean_rows], t, heading=start == 0)
    yield (f'<p class="muted">{e(APP_NAME)} {e(report["app_version"])} · '
           f'{e(report["data_versions"]["trademarks"])} · {e(report["data_versions"]["rules"])}</p>\n')


def render_html(report: dict[str, Any]) -> str:
    """The whole HTML report as one string (small reports, previews)."""
    t = translator(report.get("language", "en"))
    ticker = Ticker(len(report["listings"]), None, None)
    return document_start(report, t) + "".join(html_chunks(report, t, ticker)) + DOCUMENT_END


def write_html(report: dict[str, Any], path: Path, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> None:
    t = translator(report.get("language", "en"))
    ticker = Ticker(len(report["listings"]), progress, cancelled)

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(document_start(report, t))
            for chunk in html_chunks(report, t, ticker):
                fh.write(chunk)
            fh.write(DOCUMENT_END)

    atomic_write(path, write)
    ticker.finish()
