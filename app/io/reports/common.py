"""What every report format shares: formula neutralising, source links, evidence excerpts, progress."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from app.core.evidence import segments

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# What makes Excel, LibreOffice or Sheets treat typed or imported text as a formula (or DDE call),
# with the full-width and small forms a Chinese or Japanese input method produces.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n",
                 "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63", "\ufe6b")
MAX_URL_CHARS = 2_000
_SOURCE = re.compile(r"^(?P<name>.*?)\s*<(?P<url>[^<>\s]+)>\s*$", re.DOTALL)


class ExportCancelled(Exception):
    """Raised inside a report writer when the caller asked it to stop; nothing is left behind."""


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formula injection in CSV: text a spreadsheet would run gets a leading apostrophe."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def readable_time(iso: str) -> str:
    """'2026-11-23T10:41:58+00:00' -> '2026-11-23 10:41 UTC' (unchanged when it is not ISO 8601)."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    zone = moment.strftime("%Z") if moment.tzinfo else ""
    return moment.strftime("%Y-%m-%d %H:%M") + (f" {zone}" if zone else "")


def split_source(source: str) -> tuple[str, str]:
    """'Name <https://url>' (rules) or 'https://url' (marks) -> (name, url); url is '' when there is none."""
    source = (source or "").strip()
    m = _SOURCE.match(source)
    if m:
        return m.group("name") or m.group("url"), m.group("url")
    if re.match(r"^[a-z][a-z0-9+.-]*:\S+$", source, re.IGNORECASE):
        return source, source
    return source, ""


def source_name(name: str, url: str) -> str:
    """What a source link shows: its name, or for a bare address just the site ("nike.com")."""
    if name and name != url:
        return name
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def web_url(url: str) -> str | None:
    """`url` fit to be a link target: an absolute http(s) address (never javascript:, file:, data:...), else None."""
    url = (url or "").strip()
    if len(url) > MAX_URL_CHARS or re.search(r"[\s<>\"'`\\]", url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def excerpt(text: str, spans: list[tuple[int, int]], *, limit: int = 400,
            context: int = 60) -> list[tuple[str, bool]]:
    """`text` in (piece, highlighted) pieces; long texts keep `context` characters around each highlight."""
    pieces = segments(text, [(s, e) for s, e in spans if 0 <= s < e <= len(text)])
    if len(text) <= limit:
        return pieces
    if not any(hit for _, hit in pieces):
        return [(text[:limit].rstrip() + "…", False)]
    out: list[tuple[str, bool]] = []
    last = len(pieces) - 1
    for i, (piece, hit) in enumerate(pieces):
        if hit or len(piece) <= 2 * context + 1:
            out.append((piece, hit))
        elif i == 0:
            out.append(("…" + piece[-context:], False))
        elif i == last:
            out.append((piece[:context] + "…", False))
        else:
            out.append((piece[:context] + " … " + piece[-context:], False))
    return out


def evidence(item: dict[str, Any], finding: dict[str, Any], *, limit: int = 300) -> list[tuple[str, bool]]:
    """The finding's field text around the matched characters, those highlighted.

    Falls back to the matched words alone when the report has no field text or the offsets do not
    point at them (a report built by an older version, or edited by hand).
    """
    text = (item.get("fields") or {}).get(finding["field"])
    start, end, matched = finding["start"], finding["end"], finding["matched"]
    if isinstance(text, str) and text[start:end] == matched:
        return excerpt(text, [(start, end)], limit=limit)
    return [(matched, True)] if matched else []


def finding_spans(item: dict[str, Any], field: str) -> list[tuple[int, int]]:
    """Where the listing's findings point inside `field`'s text (offsets that do not match are left out)."""
    text = (item.get("fields") or {}).get(field) or ""
    return [(f["start"], f["end"]) for f in item["findings"]
            if f["field"] == field and f["end"] > f["start"] and text[f["start"]:f["end"]] == f["matched"]]


def top_finding(item: dict[str, Any]) -> dict[str, Any] | None:
    """The finding to fix first: the most severe one nobody has reviewed (findings come sorted by severity)."""
    findings = item["findings"]
    return next((f for f in findings if not f.get("decision")), findings[0] if findings else None)


class Ticker:
    """Progress over `total` steps, reported about every 1%; checks `cancelled` as it goes."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.total = max(total, 0)
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled
        self._every = max(1, self.total // 100)
        self._next = 0

    def step(self) -> None:
        self.done += 1
        if self.done >= self._next or self.done == self.total:
            self._next = self.done + self._every
            if self._cancelled is not None and self._cancelled():
                raise ExportCancelled()
            if self._progress is not None:
                self._progress(min(self.done, self.total), self.total)

    def each(self, items: list[Any]) -> Iterator[Any]:
        for item in items:
            yield item
            self.step()

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(self.total, self.total)


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file beside `path`, then move it into place; a failure leaves nothing behind.

    The temporary file is created with the usual permissions (not mkstemp's owner-only ones), so the
    report ends up readable like any other file the seller saves.
    """
    path = Path(path)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            tmp.open("xb").close()
            break
        except FileExistsError:
            continue
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
