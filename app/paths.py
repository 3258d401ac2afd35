"""The one place that knows where bundled files live.

`resources/` and `locales/` sit beside the `app` package, both in a source
checkout and in the PyInstaller bundle (whose datas mirror that layout), so no
frozen-only path arithmetic is needed anywhere else.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """Path of a bundled file under `resources/`."""
    return ROOT.joinpath("resources", *parts)


def locale_dir() -> Path:
    return ROOT / "locales"
