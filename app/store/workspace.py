"""The workspace facade: one SQLite file, one connection per thread, one object per concern."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from app.store.catalogues import Catalogues
from app.store.db import connect
from app.store.imported_marks import ImportedMarks
from app.store.location import default_workspace_path
from app.store.mappings import Mappings
from app.store.reviews import Reviews
from app.store.runs import Runs
from app.store.seller_lists import SellerListsStore
from app.store.settings import Settings


class Workspace:
    """Open with a path (tests) or without (the user's data folder, or SSC_WORKSPACE).

    A connection belongs to the thread that opened it: background work opens its
    own with `Workspace(ws.path)`; WAL lets it write while the window reads.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_workspace_path()
        self.db = connect(self.path)
        self.catalogues = Catalogues(self.db)
        self.runs = Runs(self.db)
        self.reviews = Reviews(self.db)
        self.seller = SellerListsStore(self.db)
        self.imported_marks = ImportedMarks(self.db)
        self.settings = Settings(self.db)
        self.mappings = Mappings(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def integrity(self) -> str:
        """'ok' when SQLite finds nothing wrong with the file."""
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
