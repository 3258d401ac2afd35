"""Settings: target markets, report and interface language (switches live), your name, data versions, updates."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _, ui_language
from app.core.models import DataVersions
from app.store.settings import MARKETS, REPORT_LANGUAGE, REVIEWER, Settings

MARKET_CHOICES = ("US", "EU", "UK", "JP", "CA", "AU", "DE", "FR", "IT", "ES", "NL", "PL", "SE", "BE")
LANGUAGE_NAMES = (("zh_CN", "中文"), ("en", "English"))


class SettingsDialog(QDialog):
    language_changed = Signal(str)  # emitted at once, so the whole window re-translates while this is open
    update_requested = Signal()

    def __init__(self, settings: Settings, versions: DataVersions, *, can_update: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.settings = settings
        self.versions = versions
        self.market_boxes: dict[str, QCheckBox] = {}
        self.markets_group = QGroupBox()
        grid = QGridLayout(self.markets_group)
        chosen = set(settings.get(MARKETS))
        for i, code in enumerate(MARKET_CHOICES):
            box = QCheckBox(code)
            box.setObjectName(f"market_{code}")
            box.setChecked(code in chosen)
            self.market_boxes[code] = box
            grid.addWidget(box, i // 7, i % 7)
        self.ui_language = QComboBox()
        self.ui_language.setObjectName("ui_language")
        for code, name in LANGUAGE_NAMES:
            self.ui_language.addItem(name, code)
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(ui_language.lang)))
        self.ui_language.currentIndexChanged.connect(
            lambda: self.language_changed.emit(self.ui_language.currentData()))
        self.report_language = QComboBox()
        self.report_language.setObjectName("report_language")
        self.report_language.addItem("", "")
        for code, name in LANGUAGE_NAMES:
            self.report_language.addItem(name, code)
        self.report_language.setCurrentIndex(max(0, self.report_language.findData(settings.get(REPORT_LANGUAGE))))
        self.reviewer = QLineEdit(settings.reviewer())
        self.reviewer.setObjectName("reviewer_edit")
        self.form = QFormLayout()
        self.form_labels = [QLabel() for _i in range(3)]
        for lab, widget in zip(self.form_labels, (self.ui_language, self.report_language, self.reviewer)):
            self.form.addRow(lab, widget)
        self.data_group = QGroupBox()
        self.versions_label = QLabel()
        self.versions_label.setObjectName("versions_label")
        self.versions_label.setWordWrap(True)
        self.update_button = QPushButton()
        self.update_button.setObjectName("update_button")
        self.update_button.setEnabled(can_update)
        self.update_button.clicked.connect(self.update_requested)
        data_layout = QHBoxLayout(self.data_group)
        data_layout.addWidget(self.versions_label, 1)
        data_layout.addWidget(self.update_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#c62828")
        layout = QVBoxLayout(self)
        layout.addWidget(self.markets_group)
        layout.addLayout(self.form)
        layout.addWidget(self.data_group)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for box in self.market_boxes.values():
            box.toggled.connect(self._validate)
        self.retranslate()

    def markets(self) -> list[str]:
        return [code for code, box in self.market_boxes.items() if box.isChecked()]

    def _validate(self) -> None:
        ok = bool(self.markets())
        self.problem.setText("" if ok else _("Choose at least one target market."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def save(self) -> None:
        """Store what was chosen (the interface language was already applied and stored when it changed)."""
        self.settings.set(MARKETS, self.markets())
        self.settings.set(REPORT_LANGUAGE, self.report_language.currentData() or "")
        self.settings.set(REVIEWER, self.reviewer.text().strip())

    def set_versions(self, versions: DataVersions) -> None:
        self.versions = versions
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Settings"))
        self.markets_group.setTitle(_("Target markets (a Market column in the file overrides them per row)"))
        for lab, text in zip(self.form_labels, (_("Interface language"), _("Report language"),
                                                _("Your name (saved with each decision)"))):
            lab.setText(text + ":")
        self.report_language.setItemText(0, _("Same as the interface"))
        self.data_group.setTitle(_("Data"))
        self.versions_label.setText(_("Trademark list: {marks}\nMarket rules: {rules}").format(
            marks=self.versions.trademarks, rules=self.versions.rules))
        self.update_button.setText(_("Check for updates"))
        self.update_button.setToolTip("" if self.update_button.isEnabled() else
                                      _("Updates of the trademark list and rules are not available in this build."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self._validate()
