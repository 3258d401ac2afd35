"""Importing marks into the workspace: a USPTO bulk XML file, or a CSV / Excel list of marks.

Meant for a background thread with its own `Workspace`; progress `(done, total)`
and cancel as everywhere else. The next check uses the imported marks (through
`SellerListsStore.load`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.core.bundle import read_word_list
from app.io.errors import ImportCancelled
from app.io.mark_import import read_marks_table
from app.io.uspto import UsptoSummary, read_uspto_marks
from app.paths import resource
from app.store.imported_marks import MarkImport
from app.store.workspace import Workspace

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def _never() -> bool:
    return False


def ordinary_words() -> frozenset[str]:
    """Everyday words of listings: an imported mark made only of these needs its goods nearby to count."""
    return frozenset(read_word_list(resource("marks", "common_words.txt")))


def import_uspto(ws: Workspace, path: Path, *, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> tuple[MarkImport, UsptoSummary]:
    """Stream the file's live word marks into a new batch; raises ImportCancelled (nothing kept) when stopped."""
    cancelled = cancelled or _never
    summary = UsptoSummary()
    marks = read_uspto_marks(path, ordinary_words(), progress=progress, cancelled=cancelled, summary=summary)
    batch = ws.imported_marks.add("uspto", path.resolve(), marks, cancelled=cancelled)
    if batch is None:
        raise ImportCancelled()
    with ws.db.atomic():
        ws.db["mark_imports"].update(batch.id, {"skipped": summary.skipped_dead + summary.skipped_no_words})
    return ws.imported_marks.get(batch.id), summary


def import_marks_table(ws: Workspace, path: Path, mapping: dict[str, str] | None = None, *,
                       cancelled: Cancelled | None = None) -> MarkImport:
    """A CSV / Excel list of marks into a new batch (origin 'import')."""
    marks = list(read_marks_table(path, mapping))  # read fully first: a bad row stops the import before any write
    batch = ws.imported_marks.add("import", path.resolve(), marks, cancelled=cancelled)
    if batch is None:
        raise ImportCancelled()
    return batch
