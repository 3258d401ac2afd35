"""The import dialog: pick the sheet, check the preview, map columns to fields, choose where it goes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.core.markets import parse_markets
from app.core.models import LISTING_FIELDS
from app.store.catalogues import CatalogueInfo
from app.store.intake import ImportChoice, Preview
from app.ui.labels import FIELD_LABELS, label

_Index = QModelIndex | QPersistentModelIndex
Recall = Callable[[list[str]], dict[str, str] | None]


class PreviewModel(QAbstractTableModel):
    """The first rows of a sheet; the header shows each column's text and the field it feeds."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.preview: Preview | None = None
        self.mapping: dict[str, str] = {}

    def set_preview(self, preview: Preview, mapping: dict[str, str]) -> None:
        self.beginResetModel()
        self.preview, self.mapping = preview, mapping
        self.endResetModel()

    def set_mapping(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping
        if self.preview is not None and self.preview.headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.preview.headers) - 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.preview is None else len(self.preview.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.preview is None else len(self.preview.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.preview is None or not index.isValid():
            return None
        row = self.preview.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.preview is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.preview.header_row + 1 + section
        header = self.preview.headers[section]
        fields = [label(FIELD_LABELS, f) for f, h in self.mapping.items() if h == header]
        return f"{header}\n→ {', '.join(fields)}" if fields else f"{header}\n—"


class ImportDialog(QDialog):
    def __init__(self, previews: list[Preview], best: int, *, catalogues: list[CatalogueInfo], matched: int | None,
                 recall: Recall, markets: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.previews = previews
        self.recall = recall
        self.resize(980, 680)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheet_combo")
        for p in previews:
            self.sheet_combo.addItem(p.sheet)
        self.name_edit = QLineEdit(previews[best].path.name)
        self.target_combo = QComboBox()
        self.target_combo.setObjectName("target_combo")
        self.target_combo.addItem("", None)
        for info in catalogues:
            self.target_combo.addItem(info.name, info.id)
        if matched is not None:
            self.target_combo.setCurrentIndex(max(0, self.target_combo.findData(matched)))
        self.target_combo.currentIndexChanged.connect(self._validate)
        self.markets_edit = QLineEdit(markets)
        self.markets_edit.setObjectName("import_markets")
        self.markets_edit.textChanged.connect(self._validate)
        self.form = QFormLayout()
        self.form_labels = [QLabel() for _i in range(4)]
        for lab, widget in zip(self.form_labels, (self.sheet_combo, self.target_combo, self.name_edit,
                                                  self.markets_edit)):
            self.form.addRow(lab, widget)
        self.preview_model = PreviewModel(self)
        self.preview_table = QTableView()
        self.preview_table.setObjectName("preview_table")
        self.preview_table.setModel(self.preview_model)
        self.preview_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview_table.horizontalHeader().setDefaultSectionSize(140)
        self.mapping_box = QGroupBox()
        grid = QGridLayout(self.mapping_box)
        self.field_combos: dict[str, QComboBox] = {}
        self.field_labels: dict[str, QLabel] = {}
        for i, name in enumerate(LISTING_FIELDS):
            combo = QComboBox()
            combo.setObjectName(f"map_{name}")
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            lab = QLabel()
            lab.setBuddy(combo)
            self.field_combos[name], self.field_labels[name] = combo, lab
            grid.addWidget(lab, i // 3, (i % 3) * 2)
            grid.addWidget(combo, i // 3, (i % 3) * 2 + 1)
        self.info = QLabel()
        self.info.setObjectName("import_info")
        self.info.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.preview_table)
        splitter.addWidget(self.mapping_box)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.info)
        layout.addWidget(self.buttons)
        self.sheet_combo.currentIndexChanged.connect(self._show_sheet)
        self.retranslate()
        self.sheet_combo.setCurrentIndex(best)
        self._show_sheet(best)

    @property
    def preview(self) -> Preview:
        return self.previews[max(0, self.sheet_combo.currentIndex())]

    def _show_sheet(self, index: int) -> None:
        preview = self.previews[index]
        mapping = self.recall(preview.headers) or preview.header_mapping()
        mapping = {f: h for f, h in mapping.items() if h in preview.headers}
        for name, combo in self.field_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(not used)"), "")
            for header in preview.headers:
                if header.strip():
                    combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(name, ""))))
            combo.blockSignals(False)
        self.preview_model.set_preview(preview, mapping)
        self._validate()

    def mapping(self) -> dict[str, str]:
        return {name: combo.currentData() for name, combo in self.field_combos.items() if combo.currentData()}

    def _on_mapping_changed(self) -> None:
        self.preview_model.set_mapping(self.mapping())
        self._validate()

    def markets(self) -> tuple[str, ...]:
        return parse_markets(self.markets_edit.text())[0]

    def _validate(self) -> None:
        problems = []
        if "title" not in self.mapping():
            problems.append(_("Choose the column that holds the product title."))
        codes, unknown = parse_markets(self.markets_edit.text())
        if unknown:
            problems.append(_("Unknown market: {market}. Use codes like US, EU, UK, JP.").format(
                market=", ".join(unknown)))
        elif not codes:
            problems.append(_("Enter at least one target market, e.g. US."))
        p = self.preview
        if problems:
            self.info.setText("<span style='color:#c62828'>" + " ".join(problems) + "</span>")
        else:
            self.info.setText(_("Sheet “{sheet}”: header in row {row}, {count} listings below it.").format(
                sheet=p.sheet, row=p.header_row, count=p.total_rows))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        self.name_edit.setEnabled(self.target_combo.currentData() is None)

    def choice(self) -> ImportChoice:
        return ImportChoice(self.preview.path, sheet=self.preview.sheet, mapping=self.mapping(),
                            name=self.name_edit.text().strip())

    def catalogue_id(self) -> int | None:
        data = self.target_combo.currentData()
        return int(data) if data is not None else None

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import {file}").format(file=self.previews[0].path.name))
        for lab, text in zip(self.form_labels, (_("Sheet"), _("Add to"), _("Catalogue name"), _("Target markets"))):
            lab.setText(text + ":")
        self.target_combo.setItemText(0, _("A new catalogue"))
        for i in range(1, self.target_combo.count()):
            name = self.target_combo.itemText(i).split(" — ")[0]
            self.target_combo.setItemText(i, name + " — " + _("update (decisions carry over)"))
        self.markets_edit.setToolTip(_("Target markets, e.g. US,EU,UK,JP"))
        self.mapping_box.setTitle(_("Which column holds which field"))
        for name, lab in self.field_labels.items():
            lab.setText(label(FIELD_LABELS, name) + ":")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Import and check"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
