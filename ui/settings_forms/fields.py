"""A form whose fields are bound to setting keys: fill it from values, read the values back, show errors.

The 设置 page's court-wide sections are built from these: each ``add_*`` makes a labelled widget (with
its buddy, tooltip and an error line under it) and binds it to a settings key; composite values (the six
fonts, the four margins) bind several widgets to one key with :meth:`bind`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.form_rows import ERROR_STYLE

NOTE_STYLE = "color: #667085;"


class SettingsForm(QWidget):
    sig_changed = Signal()
    """The user changed a field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self._getters: dict[str, Callable[[], Any]] = {}
        self._setters: dict[str, Callable[[Any], None]] = {}
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._loading = False

    # ---- building

    def add_row(self, title: str, widget: QWidget, key: str, tip: str, *, focus: QWidget | None = None) -> QLabel:
        """A labelled row with an error line under the widget; ``focus`` is the buddy (default: the widget)."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        box.addWidget(error)
        label = QLabel(title)
        label.setBuddy(focus or widget)
        widget.setToolTip(tip)
        label.setToolTip(tip)
        self.form.addRow(label, holder)
        self.errors[key] = error
        self.widgets[key] = focus or widget
        return label

    def add_note(self, text: str) -> QLabel:
        note = QLabel(text)
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.form.addRow(note)
        return note

    def add_heading(self, text: str) -> QLabel:
        heading = QLabel(text)
        heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
        self.form.addRow(heading)
        return heading

    def bind(self, key: str, getter: Callable[[], Any], setter: Callable[[Any], None], *widgets: QWidget) -> None:
        self._getters[key] = getter
        self._setters[key] = setter
        for w in widgets:
            self._watch(w)

    def add_text(self, key: str, title: str, tip: str, *, placeholder: str = "", max_length: int = 0) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(key)
        edit.setPlaceholderText(placeholder)
        if max_length:
            edit.setMaxLength(max_length)
        self.add_row(title, edit, key, tip)
        self.bind(key, edit.text, lambda v: edit.setText(str(v or "")), edit)
        return edit

    def add_int(
        self, key: str, title: str, tip: str, minimum: int, maximum: int, *, suffix: str = "", special: str = ""
    ) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(key)
        spin.setRange(minimum, maximum)
        spin.setSuffix(suffix)
        if special:
            spin.setSpecialValueText(special)  # shown at the minimum, e.g. 0 = 不锁定
        spin.setMaximumWidth(180)
        self.add_row(title, spin, key, tip)
        self.bind(key, spin.value, lambda v: spin.setValue(int(v)), spin)
        return spin

    def add_float(
        self, key: str, title: str, tip: str, minimum: float, maximum: float, *, suffix: str = "", decimals: int = 1
    ) -> QDoubleSpinBox:
        spin = self.float_spin(key, minimum, maximum, suffix=suffix, decimals=decimals)
        self.add_row(title, spin, key, tip)
        self.bind(key, spin.value, lambda v: spin.setValue(float(v)), spin)
        return spin

    @staticmethod
    def float_spin(name: str, minimum: float, maximum: float, *, suffix: str = "", decimals: int = 1) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(minimum, maximum)
        spin.setDecimals(decimals)
        spin.setSingleStep(0.5)
        spin.setSuffix(suffix)
        spin.setMaximumWidth(180)
        return spin

    def add_bool(self, key: str, text: str, tip: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setObjectName(key)
        box.setToolTip(tip)
        self.form.addRow(box)
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        self.form.addRow(error)
        self.errors[key] = error
        self.widgets[key] = box
        self.bind(key, box.isChecked, lambda v: box.setChecked(bool(v)), box)
        return box

    def add_choice(self, key: str, title: str, tip: str, choices: Sequence[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(key)
        for code, label in choices:
            combo.addItem(label, code)
        self.add_row(title, combo, key, tip)
        self.bind(key, combo.currentData, lambda v: combo.setCurrentIndex(max(combo.findData(v), 0)), combo)
        return combo

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(self._on_changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._on_changed)
            widget.editTextChanged.connect(self._on_changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._on_changed)
        elif isinstance(widget, QAbstractSpinBox):
            widget.valueChanged.connect(self._on_changed)  # type: ignore[attr-defined]

    def _on_changed(self) -> None:
        if not self._loading:
            self.sig_changed.emit()

    # ---- public API

    def keys(self) -> list[str]:
        return list(self._getters)

    def load(self, values: dict[str, Any]) -> None:
        """Show ``values`` (keys this form does not hold are ignored) and clear the errors."""
        self._loading = True
        try:
            for key, setter in self._setters.items():
                if key in values:
                    setter(values[key])
        finally:
            self._loading = False
        self.clear_errors()

    def values(self) -> dict[str, Any]:
        return {key: getter() for key, getter in self._getters.items()}

    def set_editable(self, editable: bool) -> None:
        for w in self.findChildren(QWidget):
            if isinstance(w, QLineEdit | QAbstractSpinBox):
                w.setReadOnly(not editable)
            elif isinstance(w, QComboBox | QCheckBox) or w.property("editOnly"):
                w.setEnabled(editable)

    def show_error(self, key: str | None, message: str) -> bool:
        """Show ``message`` under the field of ``key`` and focus it; False if this form has no such field."""
        if key not in self.errors:
            return False
        self.clear_errors()
        self.errors[key].setText(message)
        self.errors[key].show()
        widget = self.widgets[key]
        widget.setFocus()
        return True

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
