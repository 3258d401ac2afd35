"""The one place that knows where bundled files live.

`resources/` and `locales/` sit beside the `app` package, both in a source
checkout and in the PyInstaller bundle (whose datas mirror that layout), so no
frozen-only path arithmetic is needed anywhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir, user_log_dir

APP_DIR_NAME = "SellerSelfCheck"

ROOT = Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """Path of a bundled file under `resources/`."""
    return ROOT.joinpath("resources", *parts)


def locale_dir() -> Path:
    return ROOT / "locales"


def user_location(env_var: str, kind: str = "data", *parts: str) -> Path:
    """Where the app keeps a file or folder of the user's: the path in `env_var` when set (tests, portable
    installs), else under the user's data, cache or log folder (`kind`)."""
    override = os.environ.get(env_var, "").strip()
    if override:
        return Path(override).expanduser()
    base = {"data": user_data_dir, "cache": user_cache_dir, "log": user_log_dir}[kind]
    return Path(base(APP_DIR_NAME, appauthor=False)).joinpath(*parts)
