"""Fast, keyboard-driven opinion entry: a number key picks the stance, type the reasons, Enter saves and
moves to the next speaker. Shift+Enter is a new line, ↑/↓ change speaker, Ctrl+Enter goes to the next item.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _

from ui.meetings.labels import stance_text

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _ctrl(event: QKeyEvent) -> bool:
    return bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)


class StancePicker(QFrame):
    """A focusable row of stance buttons; keys 1–9 choose, Enter submits, ↑/↓ change speaker."""

    chosen = Signal(str)
    chosenByKey = Signal(str)
    submitRequested = Signal()
    nextItemRequested = Signal()
    moveRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stancePicker")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#stancePicker:focus { border: 2px solid #1f5fa8; border-radius: 4px; }")
        self.setToolTip(_("按数字键选择意见，回车保存并转到下一位发言人，↑/↓切换发言人"))
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self._clicked)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(6, 4, 6, 4)
        self.stances: list[str] = []
        self.buttons: list[QPushButton] = []
        self.accepting = True  # False when no speaker is current (end of a round)

    def set_stances(self, stances: list[str]) -> None:
        for b in self.buttons:
            self.group.removeButton(b)
            b.deleteLater()
        self.buttons = []
        self.stances = list(stances)
        for n, stance in enumerate(stances, start=1):
            button = QPushButton(f"{n} {stance_text(stance)}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(_("按数字键{n}选择“{label}”").format(n=n, label=stance_text(stance)))
            button.setStyleSheet("QPushButton:checked { background:#1f5fa8; color:white; font-weight:bold; }")
            self.group.addButton(button, n - 1)
            self._layout.addWidget(button)
            self.buttons.append(button)

    def stance(self) -> str | None:
        checked = self.group.checkedId()
        return self.stances[checked] if 0 <= checked < len(self.stances) else None

    def set_stance(self, stance: str | None) -> None:
        self.group.setExclusive(False)
        for n, button in enumerate(self.buttons):
            button.setChecked(stance is not None and n < len(self.stances) and self.stances[n] == stance)
        self.group.setExclusive(True)

    def choose_number(self, n: int) -> bool:
        if self.accepting and 1 <= n <= len(self.stances):
            self.set_stance(self.stances[n - 1])
            self.chosen.emit(self.stances[n - 1])
            return True
        return False

    def _clicked(self, button_id: int) -> None:
        if 0 <= button_id < len(self.stances):
            self.chosen.emit(self.stances[button_id])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _DIGITS and not _ctrl(event):
            if self.choose_number(_DIGITS[key]):
                self.chosenByKey.emit(self.stances[_DIGITS[key] - 1])
            return
        if key in _ENTER:
            (self.nextItemRequested if _ctrl(event) else self.submitRequested).emit()
            return
        if key == Qt.Key.Key_Up:
            self.moveRequested.emit(-1)
            return
        if key == Qt.Key.Key_Down:
            self.moveRequested.emit(1)
            return
        super().keyPressEvent(event)


class ReasonsEdit(QPlainTextEdit):
    """The reasons: Enter submits, Shift+Enter breaks the line, Alt+number changes the stance."""

    submitRequested = Signal()
    nextItemRequested = Signal()
    stanceNumber = Signal(int)
    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonsEdit")
        self.setTabChangesFocus(True)
        self.setPlaceholderText(_("理由（回车保存并转到下一位；Shift+回车换行）"))
        self.setToolTip(_("发言理由。回车保存并转到下一位，Shift+回车换行，Alt+数字改选意见，Esc回到意见选择"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers()
        if key in _ENTER:
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            elif mods & Qt.KeyboardModifier.ControlModifier:
                self.nextItemRequested.emit()
            else:
                self.submitRequested.emit()
            return
        if key in _DIGITS and mods & Qt.KeyboardModifier.AltModifier:
            self.stanceNumber.emit(_DIGITS[key])
            return
        if key == Qt.Key.Key_Escape:
            self.backRequested.emit()
            return
        super().keyPressEvent(event)


class OpinionEntry(QWidget):
    """The current speaker, the stance picker and the reasons; the tab wires it to the services."""

    submitted = Signal()
    nextItemRequested = Signal()
    moveRequested = Signal(int)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.speaker = QLabel()
        self.speaker.setObjectName("currentSpeaker")
        self.speaker.setStyleSheet("font-size:15px; font-weight:bold; color:#1f5fa8;")
        self.speaker.setWordWrap(True)
        self.picker = StancePicker()
        self.reasons = ReasonsEdit()
        self.reasons.setMaximumHeight(90)
        self.save_btn = QPushButton(_("保存并转下一位"))
        self.save_btn.setObjectName("saveOpinion")
        self.save_btn.setToolTip(_("保存本条发言并转到下一位发言人（回车）"))
        self.save_btn.clicked.connect(self.submitted.emit)
        self.hint = QLabel(_("数字键选意见 · 回车保存并转下一位 · Shift+回车换行 · ↑/↓切换发言人 · Ctrl+回车下一议题"))
        self.hint.setStyleSheet("color:#5f6368;")
        self.hint.setWordWrap(True)
        self.picker.chosenByKey.connect(lambda _s: self.reasons.setFocus())
        self.picker.chosen.connect(lambda _s: self._changed())
        self.picker.submitRequested.connect(self.submitted.emit)
        self.picker.nextItemRequested.connect(self.nextItemRequested.emit)
        self.picker.moveRequested.connect(self.moveRequested.emit)
        self.reasons.submitRequested.connect(self.submitted.emit)
        self.reasons.nextItemRequested.connect(self.nextItemRequested.emit)
        self.reasons.stanceNumber.connect(self.picker.choose_number)
        self.reasons.backRequested.connect(self.picker.setFocus)
        self.reasons.textChanged.connect(self._changed)
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.speaker)
        layout.addWidget(self.picker)
        row = QHBoxLayout()
        row.addWidget(self.reasons, 1)
        row.addWidget(self.save_btn, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.setTabOrder(self.picker, self.reasons)
        self.setTabOrder(self.reasons, self.save_btn)

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def set_stances(self, stances: list[str]) -> None:
        self.picker.set_stances(stances)

    def show_speaker(self, text: str, stance: str | None, reasons: str) -> None:
        """Load a speaker's saved (or drafted) opinion without counting it as an edit."""
        self._loading = True
        self.speaker.setText(text)
        self.picker.set_stance(stance)
        self.reasons.setPlainText(reasons)
        self.reasons.moveCursor(self.reasons.textCursor().MoveOperation.End)
        self._loading = False

    def stance(self) -> str | None:
        return self.picker.stance()

    def text(self) -> str:
        return self.reasons.toPlainText()

    def set_active(self, active: bool) -> None:
        for w in (self.picker, self.reasons, self.save_btn):
            w.setEnabled(active)

    def set_speaker_current(self, current: bool) -> None:
        """Without a current speaker the keys still move and go on, but choose nothing."""
        self.picker.accepting = current
        for button in self.picker.buttons:
            button.setEnabled(current)
        self.reasons.setReadOnly(not current)
        self.save_btn.setEnabled(current and self.picker.isEnabled())
