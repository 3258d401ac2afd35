"""Rule packs installed by an update, beside the bundled ones, with the previous set kept for a roll-back.

Layout of the folder (the user data folder's `rule-packs`, or SSC_RULE_PACKS_DIR):

    packs/<version>-<id>/*.toml   one complete set of packs per installed update
    current.json                  {"current": "<folder>", "version": "...", "previous": {...} | null}

A set is written to a staging folder, every file and the folder fsynced, then
renamed into `packs/`; only then is `current.json` replaced (write a temporary
file, fsync, `os.replace`, fsync the folder). Either rename is atomic, so a
crash or a full disk at any point leaves the app on the set it had. The app
uses the installed set when `current.json` names one that exists, is newer than
the bundled packs and loads without error; otherwise the bundled packs.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from app.core.rules import RuleBook, RulePackError, load_rulebook
from app.paths import user_location

log = logging.getLogger(__name__)

ENV_VAR = "SSC_RULE_PACKS_DIR"
POINTER = "current.json"


def default_root() -> Path:
    return user_location(ENV_VAR, "data", "rule-packs")


def version_key(version: str) -> tuple[int, ...]:
    """"2026.12.01" -> (2026, 12, 1); a version that is not dotted numbers sorts first."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return ()


def book_version(book: RuleBook) -> str:
    """A set's version: its newest pack's."""
    return max(book.packs.values(), key=version_key, default="")


@dataclass(slots=True, frozen=True)
class Installed:
    folder: Path
    version: str


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory; its renames are durable through NTFS's journal
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


class PackStore:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_root()
        self.packs = self.root / "packs"

    # -- reading -------------------------------------------------------------------------
    def _pointer(self) -> dict[str, object]:
        try:
            data = json.loads((self.root / POINTER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _entry(self, raw: object) -> Installed | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("folder"), str) or not isinstance(raw.get("version"), str):
            return None
        name = raw["folder"]
        if not name or "/" in name or "\\" in name or name.startswith("."):
            return None
        folder = self.packs / name
        return Installed(folder, raw["version"]) if folder.is_dir() else None

    def current(self) -> Installed | None:
        return self._entry(self._pointer().get("current"))

    def previous(self) -> Installed | None:
        return self._entry(self._pointer().get("previous"))

    def load_current(self, bundled_version: str) -> tuple[RuleBook, Path] | None:
        """The installed rule book when there is one newer than the bundled packs and it loads; else None."""
        installed = self.current()
        if installed is None or version_key(installed.version) <= version_key(bundled_version):
            return None
        try:
            return load_rulebook(installed.folder), installed.folder
        except (RulePackError, OSError) as exc:
            log.warning("installed rule packs %s not used: %s", installed.folder, exc)
            return None

    # -- writing -------------------------------------------------------------------------
    def stage(self) -> Path:
        """A new empty folder to write a set into (then `install` it, or `discard` it)."""
        self.packs.mkdir(parents=True, exist_ok=True)
        staging = self.packs / f".staging-{uuid.uuid4().hex}"
        staging.mkdir()
        return staging

    @staticmethod
    def write(staging: Path, name: str, data: bytes) -> None:
        _write_durably(staging / name, data)

    @staticmethod
    def discard(staging: Path) -> None:
        shutil.rmtree(staging, ignore_errors=True)

    def install(self, staging: Path, version: str) -> Installed:
        """Make a fully written, validated staging folder the current set; the current one becomes previous."""
        _fsync_dir(staging)
        final = self.packs / f"{version}-{uuid.uuid4().hex[:8]}"
        os.replace(staging, final)
        _fsync_dir(self.packs)
        before = self._pointer().get("current")
        self._point({"folder": final.name, "version": version}, before if self._entry(before) else None)
        self._prune()
        return Installed(final, version)

    def roll_back(self) -> Installed | None:
        """Go back to the previous set (or to the bundled packs when there is none); returns what is current now."""
        pointer = self._pointer()
        previous = pointer.get("previous")
        self._point(previous if self._entry(previous) else None, None)
        return self.current()

    def _point(self, current: object, previous: object) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{POINTER}.{uuid.uuid4().hex}"
        _write_durably(tmp, json.dumps({"current": current, "previous": previous}, indent=1).encode())
        os.replace(tmp, self.root / POINTER)
        _fsync_dir(self.root)

    def _prune(self) -> None:
        """Delete sets that are neither current nor previous, and staging left by an interrupted update."""
        keep = {e.folder.name for e in (self.current(), self.previous()) if e is not None}
        for child in self.packs.iterdir():
            if child.is_dir() and child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)
