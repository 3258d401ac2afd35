"""The window's actions, their shortcuts and menus, declared once and re-translated live."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from app.core.i18n import N_, _
from app.core.models import DECISION_STATES
from app.ui.labels import DECISION_LABELS

# name -> (text msgid, shortcuts); decision shortcuts are Ctrl+1..4 in DECISION_STATES order
_SPECS: dict[str, tuple[str, tuple[str | QKeySequence.StandardKey, ...]]] = {
    "open": (N_("Open catalogue…"), (QKeySequence.StandardKey.Open,)),
    "sample": (N_("Try the sample"), ()),
    "export": (N_("Export report…"), ("Ctrl+E",)),
    "quit": (N_("Quit"), (QKeySequence.StandardKey.Quit, "Ctrl+Q")),
    "home": (N_("Start page"), ("Ctrl+H",)),
    "results": (N_("Listings"), ("Ctrl+L",)),
    "dashboard": (N_("Dashboard"), ("Ctrl+D",)),
    "find": (N_("Search listings"), (QKeySequence.StandardKey.Find,)),
    "next": (N_("Next finding"), ("F8", "Ctrl+J")),
    "previous": (N_("Previous finding"), ("Shift+F8", "Ctrl+K")),
    "reopen": (N_("Reopen finding"), ("Ctrl+0",)),
    "edit_title": (N_("Edit title"), ("Ctrl+T",)),
    "recheck": (N_("Check again"), ("F5",)),
    "cancel": (N_("Cancel"), ()),
    "settings": (N_("Settings…"), ("Ctrl+,",)),
    "brands": (N_("My brands…"), ("Ctrl+B",)),
}


class Actions:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.all: dict[str, QAction] = {}
        for name, (_text, keys) in _SPECS.items():
            action = QAction(window)
            action.setObjectName(f"action_{name}")
            shortcuts = [k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys]
            seen: list[QKeySequence] = []
            for seq in shortcuts:
                for alt in (QKeySequence.keyBindings(seq) if isinstance(seq, QKeySequence.StandardKey) else [seq]):
                    if not alt.isEmpty() and alt not in seen:
                        seen.append(alt)
            action.setShortcuts(seen)
            self.all[name] = action
        self.decide: dict[str, QAction] = {}
        for n, state in enumerate(DECISION_STATES, start=1):
            action = QAction(window)
            action.setObjectName(f"action_decide_{state}")
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            self.decide[state] = action
        self.lang_zh = QAction("中文", window)
        self.lang_en = QAction("English", window)
        self.view_group = QActionGroup(window)
        for name in ("home", "results", "dashboard"):
            self.all[name].setCheckable(True)
            self.view_group.addAction(self.all[name])
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self["open"], self["sample"], self["export"]])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self["quit"])
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions([self["home"], self["results"], self["dashboard"]])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self["find"])
        self.review_menu = bar.addMenu("")
        self.review_menu.addActions([self["next"], self["previous"]])
        self.review_menu.addSeparator()
        self.review_menu.addActions(list(self.decide.values()))
        self.review_menu.addAction(self["reopen"])
        self.review_menu.addSeparator()
        self.review_menu.addActions([self["edit_title"], self["recheck"]])
        self.settings_menu = bar.addMenu("")
        self.settings_menu.addActions([self["settings"], self["brands"]])
        self.lang_menu = QMenu(window)
        self.lang_menu.addActions([self.lang_zh, self.lang_en])
        self.settings_menu.addMenu(self.lang_menu)
        window.addActions(list(self.all.values()) + list(self.decide.values()))

    def __getitem__(self, name: str) -> QAction:
        return self.all[name]

    def retranslate(self) -> None:
        for name, (text, _keys) in _SPECS.items():
            action = self.all[name]
            action.setText(_(text))
            keys = action.shortcuts()
            action.setToolTip(_(text) + (f" ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})"
                                         if keys else ""))
        for state, action in self.decide.items():
            action.setText(_("Mark as: {decision}").format(decision=_(DECISION_LABELS[state])))
        self.file_menu.setTitle(_("&File"))
        self.view_menu.setTitle(_("&View"))
        self.review_menu.setTitle(_("&Review"))
        self.settings_menu.setTitle(_("&Settings"))
        self.lang_menu.setTitle(_("&Language"))
