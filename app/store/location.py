"""Where the workspace file lives: the user's data folder, or SSC_WORKSPACE (tests, portable installs)."""

from __future__ import annotations

from pathlib import Path

from app.paths import user_location

ENV_VAR = "SSC_WORKSPACE"
FILE_NAME = "workspace.sqlite3"


def default_workspace_path() -> Path:
    """SSC_WORKSPACE when set (a file path), else <user data dir>/SellerSelfCheck/workspace.sqlite3."""
    return user_location(ENV_VAR, "data", FILE_NAME)
