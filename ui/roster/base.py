"""A list on the left, the selected entry's form on the right: the shape of every roster tab.

Subclasses say which rows to list, how to fill the form and how to save it. The base handles
selection, 新建/保存 with shortcuts, field errors shown next to their field, unsaved changes
(asked about before switching), read-only mode for roles that may not edit the roster, and
persisting the splitter and header.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.errors import show_error
from ui.form_rows import ERROR_STYLE
from ui.prompts import ask
from ui.row_model import Column, RowTableModel
from ui.state import restore_header, restore_splitter, save_header, save_splitter

T = TypeVar("T")


class ListEditTab(QWidget, Generic[T]):
    sig_saved = Signal(int)
    """An entry was saved (its id)."""

    name = "tab"
    new_text = ""
    new_tip = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = allowed(ctx.actor, "roster.edit")
        self.current_id: int | None = None
        self.dialog: QMessageBox | None = None
        self._dirty = False
        self._filling = False
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}

        self.model: RowTableModel[T] = RowTableModel(self.columns(), key=self.key, parent=self)
        self.table = QTableView()
        self.table.setObjectName(f"{self.name}Table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)

        self.form_title = QLabel()
        self.form_title.setObjectName(f"{self.name}FormTitle")
        self.form_title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.new_button = QPushButton(self.new_text)
        self.new_button.setObjectName(f"{self.name}New")
        self.new_button.setToolTip(_("{tip}（Ctrl+N）").format(tip=self.new_tip))
        self.new_button.clicked.connect(self.new_entry)
        self.save_button = QPushButton(_("保存"))
        self.save_button.setObjectName(f"{self.name}Save")
        self.save_button.setToolTip(_("保存修改（Ctrl+S）"))
        self.save_button.clicked.connect(self.save)
        self._shortcut("Ctrl+N", self.new_entry)
        self._shortcut("Ctrl+S", self.save)

        self.right = QWidget()
        right_layout = QVBoxLayout(self.right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.form_title)
        self.build_form()
        right_layout.addLayout(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        self.build_extra(right_layout)
        right_layout.addStretch(1)
        if not self.can_edit:
            note = QLabel(_("当前账户只能查看；会议组、成员和会议室由会议秘书或管理员维护。"))
            note.setWordWrap(True)
            note.setStyleSheet("color: #667085;")
            right_layout.addWidget(note)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"{self.name}Splitter")
        scroll = QScrollArea()
        scroll.setObjectName(f"{self.name}FormScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.right)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([620, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.splitter)
        restore_splitter(ctx.settings, f"Roster/{self.name}", self.splitter)
        self._header_restored = restore_header(ctx.settings, f"Roster/{self.name}", self.table.horizontalHeader())

    # ---- to implement

    def columns(self) -> Sequence[Column[T]]:
        raise NotImplementedError

    def key(self, item: T) -> int:
        raise NotImplementedError

    def load_rows(self) -> list[T]:
        raise NotImplementedError

    def build_form(self) -> None:
        raise NotImplementedError

    def build_extra(self, layout: QVBoxLayout) -> None:
        """Anything below the form's buttons (e.g. a body's members)."""

    def fill(self, item: T | None) -> None:
        raise NotImplementedError

    def write(self) -> int:
        """Save the form through the services; return the id. Raises MeetingDeskError."""
        raise NotImplementedError

    def title_for(self, item: T | None) -> str:
        raise NotImplementedError

    # ---- building helpers

    def add_field(self, title: str, widget: QWidget, field: str, tip: str) -> None:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{field}")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        box.addWidget(error)
        label = QLabel(title)
        label.setBuddy(widget)
        widget.setToolTip(tip)
        self.form.addRow(label, holder)
        self.errors[field] = error
        self.fields[field] = widget
        self._watch(widget)

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(self._changed)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._changed)
            widget.editTextChanged.connect(self._changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._changed)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(self._changed)
        elif isinstance(widget, QAbstractSpinBox):
            widget.valueChanged.connect(self._changed)  # type: ignore[attr-defined]
        else:
            for child in widget.findChildren(QWidget):
                self._watch(child)

    def _shortcut(self, key: str, slot: Callable[[], Any]) -> None:
        act = QAction(self)
        act.setShortcut(QKeySequence(key))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _c=False: slot())
        self.addAction(act)

    # ---- public API

    @property
    def dirty(self) -> bool:
        return self._dirty

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id
        try:
            rows = self.load_rows()
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
        if not self._header_restored and rows:
            self.table.resizeColumnsToContents()
            self._header_restored = True
        row = self.model.row_of_key(keep) if keep is not None else -1
        if row < 0 and rows and keep is None:
            row = 0
        if row >= 0:
            self.select_row(row)
        elif not self._dirty:
            self._show(None if keep is None else self._item(keep))

    def select_row(self, row: int, *, show: bool = True) -> None:
        """Select a row and show it in the form, unless ``show`` is False or the form holds unsaved changes.

        Selection signals are blocked: showing the entry is done here, never twice.
        """
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            selection.setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()
        if show and not self._dirty:
            self._show(self.model.row_at(row))

    def new_entry(self) -> None:
        if not self.can_edit:
            return
        self._unless_dirty(lambda: self._show(None), None)

    def save(self) -> bool:
        if not self.can_edit:
            return False
        self.clear_errors()
        try:
            saved = self.write()
        except ValidationError as exc:
            label = self.errors.get(exc.field or "")
            if label is None:
                show_error(self, exc)
            else:
                label.setText(exc.message)
                label.show()
                self.fields[exc.field or ""].setFocus()
            return False
        except MeetingDeskError as exc:
            show_error(self, exc)
            return False
        self._set_dirty(False)
        self.current_id = saved
        self.reload(saved)
        self.ctx.signals.sig_status_message.emit(_("已保存。"))
        self.ctx.changed("roster")
        self.sig_saved.emit(saved)
        return True

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
            label.clear()

    def save_state(self) -> None:
        save_splitter(self.ctx.settings, f"Roster/{self.name}", self.splitter)
        save_header(self.ctx.settings, f"Roster/{self.name}", self.table.horizontalHeader())

    # ---- internals

    def _item(self, key: int) -> T | None:
        row = self.model.row_of_key(key)
        return self.model.row_at(row) if row >= 0 else None

    def _show(self, item: T | None) -> None:
        self._filling = True
        try:
            self.current_id = self.key(item) if item is not None else None
            self.clear_errors()
            self.fill(item)
            self.form_title.setText(self.title_for(item))
            for widget in self.fields.values():
                widget.setEnabled(self.can_edit)
            self.save_button.setEnabled(self.can_edit)
            self.new_button.setEnabled(self.can_edit)
        finally:
            self._filling = False
        self._set_dirty(False)
        self.after_show(item)

    def after_show(self, item: T | None) -> None:
        """Hook for subclasses (e.g. refresh a member list)."""

    def _changed(self, *_args: object) -> None:
        if not self._filling:
            self._set_dirty(True)
            self.on_form_changed()

    def on_form_changed(self) -> None:
        """Hook: the user changed a field."""

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        base = self.form_title.text().removesuffix(" *")
        self.form_title.setText(base + (" *" if dirty else ""))

    def _unless_dirty(self, proceed: Callable[[], None], cancelled: Callable[[], None] | None) -> None:
        if not self._dirty:
            proceed()
            return

        def answered(button: QMessageBox.StandardButton) -> None:
            self.dialog = None
            if button == QMessageBox.StandardButton.Save:
                if self.save():
                    proceed()
                elif cancelled:
                    cancelled()
            elif button == QMessageBox.StandardButton.Discard:
                self._set_dirty(False)
                proceed()
            elif cancelled:
                cancelled()

        self.dialog = ask(
            self,
            _("未保存的修改"),
            _("“{title}”有未保存的修改。是否保存？").format(title=self.form_title.text().removesuffix(" *")),
            answered,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        item = self.model.row_at(current.row())
        if self.current_id == self.key(item):
            return
        shown = self.current_id

        def back() -> None:
            row = self.model.row_of_key(shown) if shown is not None else -1
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            try:
                if row >= 0:
                    selection.setCurrentIndex(
                        self.model.index(row, 0),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                    )
                else:
                    selection.clearSelection()
            finally:
                selection.blockSignals(False)
            self.table.viewport().update()

        self._unless_dirty(lambda: self._show(item), back)
