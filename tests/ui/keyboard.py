"""Typing Chinese in tests: QTest only types Latin-1, so CJK text arrives as an input-method commit,
which is how a real Chinese IME delivers it to the widget."""

from __future__ import annotations

import itertools

from pytestqt.qtbot import QtBot

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget``: ASCII as key clicks, everything else as IME commits."""
    for ascii_run, chars in itertools.groupby(text, key=lambda ch: ord(ch) < 128):
        run = "".join(chars)
        if ascii_run:
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
