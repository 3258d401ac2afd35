"""The bundled trademark list built into a SQLite file on first run, and read from it afterwards.

The CSVs in `resources/marks/` stay the reviewable source. The first start
after install (or after the CSVs change) parses them once and writes every
mark, already split into its lists, to `marks-<layout>.sqlite3` in the user's
cache folder, stamped with the data version (a digest of the CSVs). Later
starts read the rows back without parsing. The cache is only an optimisation:
if it cannot be written or read, the marks come from the CSVs as before.

Where: `SSC_DATA_CACHE` (a folder; tests and portable installs), else the
user's cache folder (platformdirs).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from app.core.models import Mark
from app.paths import user_location

log = logging.getLogger(__name__)

ENV_VAR = "SSC_DATA_CACHE"
LAYOUT = 1  # bump when the table below changes: an old file is then ignored and rebuilt
SEP = "\x1f"  # unit separator: never in a mark name, so lists need no quoting

_COLUMNS = ("name", "owner", "category", "parent", "aliases", "zh", "ja", "nice_classes", "keywords", "markets",
            "tier", "plaintiff", "generic", "context", "source", "origin")
_LISTS = {"aliases", "zh", "ja", "keywords", "markets", "context"}


def cache_dir() -> Path:
    return user_location(ENV_VAR, "cache")


def cache_path(folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"marks-{LAYOUT}.sqlite3"


def _row(mark: Mark) -> tuple[object, ...]:
    return (mark.name, mark.owner, mark.category, mark.parent, SEP.join(mark.aliases), SEP.join(mark.zh),
            SEP.join(mark.ja), " ".join(map(str, mark.nice_classes)), SEP.join(mark.keywords),
            SEP.join(mark.markets), mark.tier, int(mark.plaintiff), int(mark.generic), SEP.join(mark.context),
            mark.source, mark.origin)


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split(SEP)) if value else ()


def _mark(r: tuple[object, ...]) -> Mark:
    (name, owner, category, parent, aliases, zh, ja, classes, keywords, markets, tier, plaintiff, generic, context,
     source, origin) = r
    return Mark(name=str(name), owner=str(owner), category=str(category), parent=str(parent),
                aliases=_split(str(aliases)), zh=_split(str(zh)), ja=_split(str(ja)),
                nice_classes=tuple(int(c) for c in str(classes).split()), keywords=_split(str(keywords)),
                markets=_split(str(markets)), tier=int(tier), plaintiff=bool(plaintiff),  # type: ignore[call-overload]
                generic=bool(generic), context=_split(str(context)), source=str(source), origin=str(origin))


def read_cache(path: Path, version: str) -> list[Mark] | None:
    """The cached marks when the file holds exactly this data version, else None."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            stamp = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            count = conn.execute("SELECT value FROM meta WHERE key = 'count'").fetchone()
            if stamp is None or stamp[0] != version:
                return None
            marks = [_mark(r) for r in conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM marks ORDER BY rowid")]
        finally:
            conn.close()
    except (sqlite3.Error, ValueError) as exc:  # damaged or foreign file: rebuild it
        log.warning("mark cache %s unreadable (%s); rebuilding", path, exc)
        return None
    return marks if count is not None and int(count[0]) == len(marks) else None


def write_cache(path: Path, version: str, marks: Iterable[Mark]) -> None:
    """Write the cache beside its final place and swap it in, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.execute(f"CREATE TABLE marks ({', '.join(_COLUMNS)})")
            rows = [_row(m) for m in marks]
            conn.executemany(f"INSERT INTO marks VALUES ({', '.join('?' * len(_COLUMNS))})", rows)
            conn.executemany("INSERT INTO meta VALUES (?, ?)", [("version", version), ("count", str(len(rows)))])
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached_marks(version: str, parse: Callable[[], list[Mark]], folder: Path | None = None) -> list[Mark]:
    """The marks of this data version: from the cache when current, else parsed and cached for next time."""
    path = cache_path(folder)
    marks = read_cache(path, version)
    if marks is not None:
        return marks
    marks = parse()
    try:
        write_cache(path, version, marks)
    except (OSError, sqlite3.Error) as exc:  # read-only home, full disk: the CSVs still work
        log.warning("could not write the mark cache %s: %s", path, exc)
    return marks
