"""The item's prose in the meeting (汇报, 问答, 主持人总结, 讨论意见), written through the services as it is typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QWidget

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import N_, _
from meetingdesk.services import discussion
from meetingdesk.services.agenda import AgendaItem
from meetingdesk.services.discussion import ITEM_TEXT_FIELDS

from ui.context import AppContext
from ui.meetings.widgets import Debouncer

AUTOSAVE_MS = 800
TEXT_LABELS = {
    "presentation": N_("承办法官汇报"),
    "questions_answers": N_("提问与回答"),
    "presider_summary": N_("主持人总结"),
    "conclusion": N_("讨论意见"),
}
TAB_TITLES = {
    "presentation": N_("汇报"),
    "questions_answers": N_("问答"),
    "presider_summary": N_("主持人总结"),
    "conclusion": N_("讨论意见"),
}


class ItemTexts(QTabWidget):
    """One tab per text field; edits are saved ``AUTOSAVE_MS`` after typing stops, and on :meth:`flush`."""

    saved = Signal()
    status = Signal(str)  # 正在输入 / 已保存 / 未能自动保存

    def __init__(self, ctx: AppContext, now_text: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.now_text = now_text
        self.item_id: int | None = None
        self.setObjectName("itemTexts")
        self.edits: dict[str, QPlainTextEdit] = {}
        self._dirty: set[str] = set()
        self._loading = False
        for field in ITEM_TEXT_FIELDS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"text_{field}")
            edit.setTabChangesFocus(True)
            edit.setToolTip(_("{label}（自动保存）").format(label=_(TEXT_LABELS[field])))
            edit.textChanged.connect(lambda f=field: self._edited(f))
            self.edits[field] = edit
            index = self.addTab(edit, _(TAB_TITLES[field]))
            self.setTabToolTip(index, _(TEXT_LABELS[field]))
        self.setCurrentIndex(list(ITEM_TEXT_FIELDS).index("presider_summary"))
        self._saver = Debouncer(self._save, AUTOSAVE_MS, self)

    def load(self, item: AgendaItem | None, *, editable: bool) -> None:
        self.flush()
        self._loading = True
        self.item_id = item.id if item else None
        for field, edit in self.edits.items():
            edit.setPlainText(getattr(item, field) if item else "")
            edit.setReadOnly(not editable or item is None)
        self._dirty.clear()
        self._loading = False

    def _edited(self, field: str) -> None:
        if self._loading or self.edits[field].isReadOnly():
            return
        self._dirty.add(field)
        self.status.emit(_("正在输入……"))
        self._saver.poke()

    def _save(self) -> None:
        if not self._dirty or self.item_id is None:
            return
        values = {f: self.edits[f].toPlainText() for f in sorted(self._dirty)}
        try:
            discussion.set_item_texts(self.ctx.desk, self.ctx.actor, self.item_id, **values)
        except MeetingDeskError as exc:
            self.status.emit(_("未能自动保存：{e}").format(e=exc.message))
            return
        self._dirty.clear()
        self.status.emit(_("已保存 {time}").format(time=self.now_text()))
        self.saved.emit()

    def flush(self) -> None:
        self._saver.flush()
