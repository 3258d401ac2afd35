"""app/core, app/io and app/store never import Qt; only app/ui does."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


NON_UI = [p for sub in ("core", "io", "store") for p in (APP / sub).rglob("*.py")] + [APP / "cli.py"]


@pytest.mark.parametrize("path", NON_UI, ids=lambda p: str(p.relative_to(APP)))
def test_no_qt_outside_ui(path: Path) -> None:
    bad = {m for m in _imports(path) if m.split(".")[0] in QT_MODULES or m.startswith("app.ui")}
    assert not bad, f"{path} imports {bad}"


def test_core_does_not_import_io_or_ui() -> None:
    for path in (APP / "core").rglob("*.py"):
        bad = {m for m in _imports(path) if m.startswith(("app.io", "app.ui", "app.store"))}
        assert not bad, f"{path} imports {bad}"


def test_layering_test_sees_the_modules() -> None:
    assert len(NON_UI) >= 10
