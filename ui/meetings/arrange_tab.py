"""The 会议安排 tab: the meeting editor beside its agenda builder."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from meetingdesk.services.meetings import get_meeting

from ui.context import AppContext
from ui.meetings.agenda_builder import AgendaBuilder
from ui.meetings.editor import MeetingEditor
from ui.state import restore_splitter, save_splitter


class ArrangeTab(QWidget):
    changed = Signal(str)
    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor = MeetingEditor(ctx)
        self.builder = AgendaBuilder(ctx)
        self.editor.changed.connect(self.changed.emit)
        self.editor.saved.connect(self._saved)
        self.builder.changed.connect(self.changed.emit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("arrangeSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.builder)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([460, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.editor.inv_remove, self.builder.table.view)

    def load(self, meeting_id: int | None, *, day: date | None = None) -> None:
        self.editor.load(meeting_id, day=day)
        self.builder.load(get_meeting(self.ctx.desk, meeting_id) if meeting_id is not None else None)

    def _saved(self, meeting_id: int) -> None:
        self.builder.load(get_meeting(self.ctx.desk, meeting_id))
        self.saved.emit(meeting_id)

    def save_state(self) -> None:
        save_splitter(self.ctx.settings, "MeetingArrange", self.splitter)

    def restore_state(self) -> None:
        restore_splitter(self.ctx.settings, "MeetingArrange", self.splitter)
