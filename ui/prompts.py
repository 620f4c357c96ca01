"""Small non-blocking dialogs (opened with ``open()``, answered through callbacks, easy to drive in tests)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _

from ui.settings import UiSettings
from ui.state import remember_geometry


class ReasonDialog(QDialog):
    """Asks for a reason (退回补正, 撤回, 不召集 …) and stays open until ``submit`` accepts it.

    ``submit(text)`` does the work and returns True on success; on failure (it showed the error) the
    dialog stays open with the text as typed.
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        prompt: str,
        submit: Callable[[str], bool],
        *,
        ok_text: str = "",
        placeholder: str = "",
        settings: UiSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._submit = submit
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("reasonText")
        self.text.setPlaceholderText(placeholder)
        self.text.setTabChangesFocus(True)
        label.setBuddy(self.text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text or _("确定"))
        self.ok_button.setToolTip(_("确定（Ctrl+Enter）"))
        self.ok_button.setShortcut("Ctrl+Return")
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.text.toPlainText().strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.resize(460, 240)
        remember_geometry(settings, "ReasonDialog", self)

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def _on_ok(self) -> None:
        if self.reason() and self._submit(self.reason()):
            self.accept()


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    on_answer: Callable[[QMessageBox.StandardButton], None],
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    *,
    labels: dict[QMessageBox.StandardButton, str] | None = None,
) -> QMessageBox:
    """A window-modal question, answered asynchronously through ``on_answer``."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    box.setObjectName("askBox")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    defaults = {
        QMessageBox.StandardButton.Yes: _("是"),
        QMessageBox.StandardButton.No: _("否"),
        QMessageBox.StandardButton.Save: _("保存"),
        QMessageBox.StandardButton.Discard: _("放弃修改"),
        QMessageBox.StandardButton.Cancel: _("取消"),
        QMessageBox.StandardButton.Ok: _("确定"),
    }
    for std, label in {**defaults, **(labels or {})}.items():
        button = box.button(std)
        if button is not None:
            button.setText(label)

    def clicked(button: QAbstractButton) -> None:
        on_answer(box.standardButton(button))

    box.buttonClicked.connect(clicked)
    box.open()
    return box


def ask_to_save(
    parent: QWidget,
    text: str,
    *,
    save: Callable[[], bool],
    discard: Callable[[], object],
    then: Callable[[], object],
    on_cancel: Callable[[], object] | None = None,
) -> QMessageBox:
    """保存 / 放弃修改 / 取消 about unsaved edits; ``then`` runs once they were saved (``save`` returned True)
    or discarded. A failed save, like 取消, leaves everything as typed (and calls ``on_cancel``)."""
    buttons = QMessageBox.StandardButton

    def answered(button: QMessageBox.StandardButton) -> None:
        if button == buttons.Save and save():
            then()
        elif button == buttons.Discard:
            discard()
            then()
        elif on_cancel is not None:
            on_cancel()

    return ask(parent, _("未保存的修改"), text, answered, buttons.Save | buttons.Discard | buttons.Cancel)
