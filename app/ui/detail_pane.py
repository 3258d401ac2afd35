"""The detail pane: one listing's fields with the matched words marked, its findings, the review buttons,
a field editor (the edit goes to the workspace copy and re-checks the listing) and its checklist."""

from __future__ import annotations

from html import escape as _html

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.core.models import DECISION_STATES, ChecklistItem, Decision, Finding, Listing, ListingResult
from app.store.reviews import Edit
from app.ui.detail_render import decision_text, fields_html, finding_html
from app.ui.labels import DECISION_LABELS, FIELD_LABELS, SEVERITY_LABELS, TOPIC_LABELS, label, localized


class FieldEditor(QWidget):
    """Edits one field's text; Save re-checks the listing at once."""

    save_requested = Signal(str, str)  # field, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = ""
        self.caption = QLabel()
        self.text = QPlainTextEdit()
        self.text.setObjectName("field_editor_text")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        self.save_button = QPushButton()
        self.save_button.setObjectName("field_editor_save")
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.field, self.text.toPlainText()))
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.hide()
        self.retranslate()

    def start(self, field: str, value: str) -> None:
        self.field = field
        self.caption.setText(_("Edit {field} (saved in the workspace; your file is not changed):")
                             .format(field=label(FIELD_LABELS, field)))
        self.text.setPlainText(value)
        self.show()
        self.text.setFocus()

    def retranslate(self) -> None:
        self.save_button.setText(_("Save and re-check"))
        self.cancel_button.setText(_("Cancel"))
        if self.field:
            self.caption.setText(_("Edit {field} (saved in the workspace; your file is not changed):")
                                 .format(field=label(FIELD_LABELS, self.field)))


class DetailPane(QWidget):
    decision_requested = Signal(object, object, str)  # Finding, state or None, note
    edit_requested = Signal(str, str)  # field, new text
    tick_requested = Signal(object, bool)  # ChecklistItem, done

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: ListingResult | None = None
        self._edits: dict[str, Edit] = {}
        self._new: set[int] = set()
        self._history: list[Decision] = []
        self.history_source: object = None  # callable(finding) -> list[Decision], set by the window

        self.header = QLabel()
        self.header.setObjectName("detail_header")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields_view = QTextBrowser()
        self.fields_view.setObjectName("fields_view")
        self.fields_view.setOpenLinks(False)
        self.fields_view.setTabChangesFocus(True)
        self.fields_view.anchorClicked.connect(self._on_anchor)
        self.editor = FieldEditor()
        self.editor.save_requested.connect(self.edit_requested)
        self.findings_list = QListWidget()
        self.findings_list.setObjectName("findings_list")
        self.findings_list.currentRowChanged.connect(self._on_finding_changed)
        self.explain = QTextBrowser()
        self.explain.setObjectName("finding_view")
        self.explain.setOpenExternalLinks(True)
        self.explain.setTabChangesFocus(True)
        self.explain.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.decision_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for state in DECISION_STATES:
            button = QPushButton()
            button.setObjectName(f"decide_{state}")
            button.clicked.connect(lambda _checked=False, s=state: self.decide(s))
            self.decision_buttons[state] = button
            buttons.addWidget(button)
        self.reopen_button = QPushButton()
        self.reopen_button.setObjectName("decide_reopen")
        self.reopen_button.clicked.connect(lambda: self.decide(None))
        buttons.addWidget(self.reopen_button)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("decision_note")
        self.checklist_label = QLabel()
        self.checklist = QListWidget()
        self.checklist.setObjectName("checklist")
        self.checklist.itemChanged.connect(self._on_tick)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.header)
        top_layout.addWidget(self.fields_view, 1)
        top_layout.addWidget(self.editor)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.findings_label = QLabel()
        bottom_layout.addWidget(self.findings_label)
        bottom_layout.addWidget(self.findings_list, 1)
        bottom_layout.addWidget(self.explain, 2)
        bottom_layout.addLayout(buttons)
        bottom_layout.addWidget(self.note_edit)
        bottom_layout.addWidget(self.checklist_label)
        bottom_layout.addWidget(self.checklist, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([300, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setTabOrder(self.fields_view, self.findings_list)
        self.setTabOrder(self.findings_list, self.decision_buttons[DECISION_STATES[0]])
        previous: QWidget = self.decision_buttons[DECISION_STATES[0]]
        for widget in [*list(self.decision_buttons.values())[1:], self.reopen_button, self.note_edit, self.checklist]:
            self.setTabOrder(previous, widget)
            previous = widget
        self.retranslate()

    # -- showing -----------------------------------------------------------------------
    @property
    def result(self) -> ListingResult | None:
        return self._result

    def current_finding(self) -> Finding | None:
        row = self.findings_list.currentRow()
        if self._result is None or not 0 <= row < len(self._result.findings):
            return None
        return self._result.findings[row]

    def show_result(self, result: ListingResult | None, *, edits: dict[str, Edit] | None = None,
                    new: set[int] | None = None, finding: int = 0) -> None:
        """Show a listing; `new` holds the positions of findings new since the last import."""
        self._result = result
        self._edits = edits or {}
        self._new = new or set()
        self.editor.hide()
        self.findings_list.blockSignals(True)
        self.findings_list.clear()
        if result is not None:
            for f in result.findings:
                self.findings_list.addItem(QListWidgetItem(self._finding_line(f)))
        self.findings_list.blockSignals(False)
        self._fill_checklist()
        if result is not None and result.findings:
            self.findings_list.setCurrentRow(max(0, min(finding, len(result.findings) - 1)))
        else:
            self._on_finding_changed(-1)
        self._render_header()

    def _finding_line(self, f: Finding) -> str:
        what = f.mark or label(TOPIC_LABELS, f.topic)  # rule ids are for support, not for the seller
        line = f"[{label(SEVERITY_LABELS, f.severity)}] {f.market} · {label(FIELD_LABELS, f.field)} · {what}"
        if f.matched:
            line += f" · “{f.matched}”"
        if f.decision is not None:
            line += f"  ✓ {label(DECISION_LABELS, f.decision.state)}"
        return line

    def _render_header(self) -> None:
        r = self._result
        if r is None:
            self.header.setText(_("Select a listing to see its findings."))
            self.fields_view.clear()
            return
        listing: Listing = r.listing
        where = _("{file} · sheet {sheet} · row {row}").format(file=listing.source, sheet=listing.sheet,
                                                               row=listing.row)
        self.header.setText(f"<b>{_html(listing.sku)}</b> · {_html(listing.title)}<br>"
                            f"<span style='color:#666'>{_html(where)}</span>")
        bar = self.fields_view.verticalScrollBar()
        pos = bar.value()
        self.fields_view.setHtml(fields_html(listing, r.findings, self.current_finding(), self._edits))
        bar.setValue(pos)

    def _fill_checklist(self) -> None:
        self.checklist.blockSignals(True)
        self.checklist.clear()
        items = self._result.checklist if self._result is not None else []
        for c in items:
            item = QListWidgetItem(f"[{c.market}] {localized(c.item)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.decision is not None else Qt.CheckState.Unchecked)
            tip = localized(c.detail) if c.detail else ""
            if c.source:
                tip = f"{tip}\n{c.source}".strip()
            if c.decision is not None:
                tip = f"{tip}\n{decision_text(c.decision)}".strip()
            item.setToolTip(tip)
            self.checklist.addItem(item)
        self.checklist.blockSignals(False)
        self.checklist_label.setVisible(bool(items))
        self.checklist.setVisible(bool(items))

    def _on_finding_changed(self, row: int) -> None:
        f = self.current_finding()
        for button in [*self.decision_buttons.values(), self.reopen_button]:
            button.setEnabled(f is not None)
        self.note_edit.setEnabled(f is not None)
        if f is None:
            self.explain.setHtml("<p style='color:#2e7d32'>" + _html(_("No risks found in this listing.")) + "</p>"
                                 if self._result is not None else "")
            self.note_edit.clear()
        else:
            history = self.history_source(f) if callable(self.history_source) else []
            self.explain.setHtml(finding_html(f, row in self._new, history))
            self.note_edit.setText(f.decision.note if f.decision is not None else "")
            self.reopen_button.setEnabled(f.decision is not None)
        self._render_header()

    def refresh_finding_lines(self) -> None:
        if self._result is None:
            return
        for i, f in enumerate(self._result.findings):
            item = self.findings_list.item(i)
            if item is not None:
                item.setText(self._finding_line(f))
        self._on_finding_changed(self.findings_list.currentRow())

    # -- navigation and actions -----------------------------------------------------------
    def step_finding(self, delta: int) -> bool:
        """Move to the next (+1) or previous (-1) finding; False when there is none in this listing."""
        count = self.findings_list.count()
        row = self.findings_list.currentRow() + delta
        if 0 <= row < count:
            self.findings_list.setCurrentRow(row)
            return True
        return False

    def decide(self, state: str | None) -> None:
        f = self.current_finding()
        if f is not None:
            self.decision_requested.emit(f, state, self.note_edit.text().strip())

    def start_edit(self, field: str) -> None:
        if self._result is not None:
            self.editor.start(field, self._result.listing.get(field))

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("edit:"):
            self.start_edit(text.removeprefix("edit:"))

    def _on_tick(self, item: QListWidgetItem) -> None:
        if self._result is None:
            return
        row = self.checklist.row(item)
        checklist: list[ChecklistItem] = self._result.checklist
        if 0 <= row < len(checklist):
            self.tick_requested.emit(checklist[row], item.checkState() == Qt.CheckState.Checked)

    def retranslate(self) -> None:
        for n, (state, button) in enumerate(self.decision_buttons.items(), start=1):
            button.setText(label(DECISION_LABELS, state))
            button.setToolTip(f"Ctrl+{n}")
        self.reopen_button.setText(_("Reopen"))
        self.reopen_button.setToolTip(_("Clear the decision: the finding is open again"))
        self.note_edit.setPlaceholderText(_("Note for this decision (optional), e.g. licence number"))
        self.findings_label.setText(_("Findings"))
        self.checklist_label.setText(_("Checklist for this listing (tick what you have done)"))
        self.editor.retranslate()
        if self._result is not None:
            self.show_result(self._result, edits=self._edits, new=self._new,
                             finding=max(0, self.findings_list.currentRow()))
        else:
            self._render_header()

