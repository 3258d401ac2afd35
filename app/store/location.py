"""Where the workspace file lives: the user's data folder, or SSC_WORKSPACE (tests, portable installs)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_VAR = "SSC_WORKSPACE"
FILE_NAME = "workspace.sqlite3"


def default_workspace_path() -> Path:
    """SSC_WORKSPACE when set (a file path), else <user data dir>/SellerSelfCheck/workspace.sqlite3."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir("SellerSelfCheck", appauthor=False)) / FILE_NAME
