"""Form rows with a message line under the field: where a wrong value is explained, next to itself."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b42318;"
"""The colour of a message that says what to fix (used across the forms)."""


def message_label(object_name: str = "") -> QLabel:
    """A hidden, wrapping message line in the error colour."""
    label = QLabel()
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def add_field_row(
    form: QFormLayout, title: str, widget: QWidget, message: QLabel, buddy: QWidget | None = None
) -> None:
    """A labelled row (the label, with its mnemonic, is the buddy of ``buddy`` or ``widget``) with ``message``
    under the field."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    box.addWidget(message)
    label = QLabel(title)
    label.setBuddy(buddy or widget)
    form.addRow(label, holder)
