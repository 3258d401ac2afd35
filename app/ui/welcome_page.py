"""The welcome screen: open or drop a catalogue, try the sample, or go back to a recent one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.store.catalogues import CatalogueInfo

IdRole = Qt.ItemDataRole.UserRole


class WelcomePage(QWidget):
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(int)  # catalogue id: reopen as last checked
    reimport_requested = Signal(int)  # catalogue id: read its file again (updated catalogue)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recent: list[CatalogueInfo] = []
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton()
        self.open_button.setObjectName("open_button")
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button = QPushButton()
        self.sample_button.setObjectName("sample_button")
        self.sample_button.clicked.connect(self.sample_requested)
        self.drop_hint = QLabel()
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setStyleSheet("border:2px dashed #9e9e9e;border-radius:8px;padding:18px;color:#616161")
        self.recent_label = QLabel()
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recent_list")
        self.recent_list.itemActivated.connect(self._on_activated)
        self.recent_list.currentRowChanged.connect(self._on_current)
        self.reopen_button = QPushButton()
        self.reopen_button.setObjectName("reopen_button")
        self.reopen_button.clicked.connect(lambda: self._emit_selected(self.recent_requested))
        self.reimport_button = QPushButton()
        self.reimport_button.setObjectName("reimport_button")
        self.reimport_button.clicked.connect(lambda: self._emit_selected(self.reimport_requested))

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        recent_buttons = QHBoxLayout()
        recent_buttons.addStretch(1)
        recent_buttons.addWidget(self.reopen_button)
        recent_buttons.addWidget(self.reimport_button)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.text)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addWidget(self.drop_hint)
        column.addSpacing(18)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent_list, 2)
        column.addLayout(recent_buttons)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self.setTabOrder(self.open_button, self.sample_button)
        self.setTabOrder(self.sample_button, self.recent_list)
        self.setTabOrder(self.recent_list, self.reopen_button)
        self.setTabOrder(self.reopen_button, self.reimport_button)
        self.retranslate()
        self.set_recent([])

    def set_recent(self, catalogues: list[CatalogueInfo]) -> None:
        self._recent = catalogues
        self.recent_list.clear()
        for info in catalogues:
            item = QListWidgetItem(_("{name} — {count} listings, imported {when}").format(
                name=info.name, count=info.listing_count, when=info.imported_at.replace("T", " ")[:16]))
            item.setData(IdRole, info.id)
            item.setToolTip(info.source_path)
            self.recent_list.addItem(item)
        has = bool(catalogues)
        self.recent_label.setVisible(has)
        self.recent_list.setVisible(has)
        self.reopen_button.setVisible(has)
        self.reimport_button.setVisible(has)
        if has:
            self.recent_list.setCurrentRow(0)
        self._on_current(self.recent_list.currentRow())

    def _on_current(self, row: int) -> None:
        self.reopen_button.setEnabled(row >= 0)
        self.reimport_button.setEnabled(row >= 0)

    def _emit_selected(self, signal: Signal) -> None:  # type: ignore[type-arg]
        item = self.recent_list.currentItem()
        if item is not None:
            signal.emit(int(item.data(IdRole)))  # type: ignore[attr-defined]

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.recent_requested.emit(int(item.data(IdRole)))

    def retranslate(self) -> None:
        self.title.setText("<h1>" + _("Seller Self-Check") + "</h1>")
        self.text.setText(_(
            "Check your catalogue for other companies' trademarks and for claims the target market does not allow, "
            "before you list. Open an Excel or CSV file, drop it here, or try the sample catalogue. "
            "Everything stays on this computer."))
        self.open_button.setText(_("Open catalogue…"))
        self.sample_button.setText(_("Try the sample catalogue"))
        self.drop_hint.setText(_("Drop an .xlsx, .xls, .ods or .csv file here"))
        self.recent_label.setText("<b>" + _("Recent catalogues") + "</b>")
        self.reopen_button.setText(_("Open as last checked"))
        self.reimport_button.setText(_("Import the updated file"))
        self.reimport_button.setToolTip(_("Read the catalogue's file again; your decisions carry over by SKU"))
        if self._recent:
            self.set_recent(self._recent)
