"""Settings declared once (key, default, type, translatable title) and kept in the workspace."""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from app.core.i18n import N_


@dataclass(slots=True, frozen=True)
class Setting:
    key: str
    default: Any
    kind: type
    title: str  # N_() msgid


MARKETS = Setting("markets", ["US"], list, N_("Target markets"))
UI_LANGUAGE = Setting("ui_language", "", str, N_("Interface language"))  # "" = the system's
REPORT_LANGUAGE = Setting("report_language", "", str, N_("Report language"))  # "" = same as the interface
REVIEWER = Setting("reviewer", "", str, N_("Your name (saved with each decision)"))

# Where "Check for updates" looks for rule packs (a signed manifest.json); "" = no updates (SSC_RULES_UPDATE_URL wins).
RULES_UPDATE_URL = Setting("rules_update_url", "", str, N_("Rule-pack update address"))

ALL_SETTINGS: tuple[Setting, ...] = (MARKETS, UI_LANGUAGE, REPORT_LANGUAGE, REVIEWER, RULES_UPDATE_URL)


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return ""


class Settings:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, setting: Setting) -> Any:
        rows = list(self.db.query("SELECT value FROM settings WHERE key = ?", [setting.key]))
        if not rows:
            return setting.default
        value = json.loads(rows[0]["value"])
        return value if isinstance(value, setting.kind) else setting.default

    def set(self, setting: Setting, value: Any) -> None:
        if not isinstance(value, setting.kind):
            raise TypeError(f"{setting.key} takes {setting.kind.__name__}, not {type(value).__name__}")
        with self.db.atomic():
            self.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                            [setting.key, json.dumps(value, ensure_ascii=False)])

    def reviewer(self) -> str:
        return str(self.get(REVIEWER)) or default_reviewer()
