"""The agenda builder: the meeting's items (drag or Ctrl+↑/↓ to reorder, durations, expected times) and
the accepted reports of the body that can still be added."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _, ngettext
from meetingdesk.services import agenda as agenda_svc
from meetingdesk.services import meeting_views
from meetingdesk.services.agenda import AgendaItem
from meetingdesk.services.meeting_views import ReportBrief
from meetingdesk.services.meetings import Meeting, get_meeting
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.meetings.actions import attempt, succeeded
from ui.meetings.agenda_model import DURATION_COLUMN, AgendaModel, DurationDelegate
from ui.meetings.labels import minutes_text
from ui.meetings.table_model import Column, RecordTableModel
from ui.meetings.widgets import fit_columns, setup_table


class AgendaTable(QWidget):
    """The agenda of one meeting as a table, reorderable through ``agenda.reorder`` when allowed."""

    changed = Signal(str)

    def __init__(self, ctx: AppContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        self.model = AgendaModel(self)
        self.model.on_reorder = self._reorder
        self.model.on_duration = self._set_duration
        self.view = QTableView()
        self.view.setObjectName(name)
        self.view.setModel(self.model)
        setup_table(self.view, stretch=2)
        self.view.setItemDelegateForColumn(DURATION_COLUMN, DurationDelegate(self.view))
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropOverwriteMode(False)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setToolTip(_("拖动行或按 Ctrl+↑/Ctrl+↓ 调整顺序；双击“时长”修改用时"))

        self.up_btn = QPushButton(_("上移"))
        self.up_btn.setToolTip(_("所选议题上移一位（Ctrl+↑）"))
        self.up_btn.clicked.connect(lambda: self.move_selected(-1))
        self.down_btn = QPushButton(_("下移"))
        self.down_btn.setToolTip(_("所选议题下移一位（Ctrl+↓）"))
        self.down_btn.clicked.connect(lambda: self.move_selected(1))
        QShortcut(QKeySequence("Ctrl+Up"), self.view, lambda: self.move_selected(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self.view, lambda: self.move_selected(1))
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.up_btn)
        self.buttons.addWidget(self.down_btn)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.buttons)

    def load(self, meeting: Meeting | None, *, reorder: bool, durations: bool) -> None:
        self.meeting = meeting
        self.model.editable = bool(meeting and (reorder or durations))
        self.can_reorder = bool(meeting and reorder)
        self.view.setDragEnabled(self.can_reorder)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            if durations
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.up_btn.setEnabled(self.can_reorder)
        self.down_btn.setEnabled(self.can_reorder)
        self.reload()

    def reload(self) -> None:
        row = self.view.currentIndex().row()
        items = agenda_svc.agenda(self.ctx.desk, self.meeting.id) if self.meeting else []
        self.model.set_rows(items)
        fit_columns(self.view)
        if items:
            self.view.selectRow(min(max(row, 0), len(items) - 1))

    def current(self) -> AgendaItem | None:
        return self.model.record(self.view.currentIndex().row())

    def select_item(self, item_id: int) -> None:
        for row, item in enumerate(self.model.rows()):
            if item.id == item_id:
                self.view.selectRow(row)

    def move_selected(self, delta: int) -> None:
        if not self.can_reorder:
            return
        row = self.view.currentIndex().row()
        order = self.model.moved(row, delta)
        if order is None:
            return
        moving = order[row + delta]
        if self.model.apply_order(order):
            self.select_item(moving)

    def _reorder(self, ids: list[int]) -> list[AgendaItem] | None:
        if self.meeting is None:
            return None
        result = attempt(self, agenda_svc.reorder, self.ctx.desk, self.ctx.actor, self.meeting.id, ids)
        if result is not None:
            self.changed.emit("meetings")
        return result

    def _set_duration(self, item_id: int, minutes: int) -> list[AgendaItem] | None:
        if self.meeting is None:
            return None
        if attempt(self, agenda_svc.set_duration, self.ctx.desk, self.ctx.actor, item_id, minutes) is None:
            return None
        self.changed.emit("meetings")
        return agenda_svc.agenda(self.ctx.desk, self.meeting.id)


def candidate_columns() -> list[Column[ReportBrief]]:
    return [
        Column(_("案号"), lambda r: r.case_number),
        Column(_("案由"), lambda r: r.cause),
        Column(_("承办法官"), lambda r: r.reporting_judge),
        Column(_("提交日期"), lambda r: r.submitted_at.strftime("%m-%d") if r.submitted_at else ""),
        Column(
            _("材料"),
            lambda r: _("逾期") if r.late else _("按时"),
            foreground=lambda r: "#c62828" if r.late else None,
            tooltip=lambda r: (
                _("提交晚于本次会议的材料送达截止日，排入后标记为逾期议题，须主持人准予上会") if r.late else ""
            ),
        ),
        Column(
            _("召集决定"),
            lambda r: {"convene": _("已决定召集"), None: _("待主持人决定")}.get(r.convene_decision, ""),
        ),
    ]


class AgendaBuilder(QWidget):
    """Agenda of the meeting being arranged, and what can be added to it."""

    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        self.table = AgendaTable(ctx, "agendaTable")
        self.table.changed.connect(self._after_change)
        self.remove_btn = QPushButton(_("移出议程"))
        self.remove_btn.setObjectName("removeItem")
        self.remove_btn.setToolTip(_("将所选议题移出本次会议，案件报告退回“已受理”（Delete）"))
        self.remove_btn.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table.view, self.remove_selected)
        self.table.buttons.addWidget(self.remove_btn)
        self.end_label = QLabel()
        self.end_label.setObjectName("expectedEnd")
        self.end_label.setWordWrap(True)

        self.candidate_model = RecordTableModel(candidate_columns(), self)
        self.candidates = QTableView()
        self.candidates.setObjectName("candidateReports")
        self.candidates.setModel(self.candidate_model)
        setup_table(self.candidates, stretch=1)
        self.candidates.setToolTip(_("本会议组已受理、尚未排期的案件；回车或双击排入会议"))
        self.candidates.activated.connect(lambda _i: self.add_selected())
        self.add_duration = QSpinBox()
        self.add_duration.setObjectName("addDuration")
        self.add_duration.setRange(5, 480)
        self.add_duration.setSingleStep(5)
        self.add_duration.setValue(30)
        self.add_duration.setSuffix(_(" 分钟"))
        self.add_duration.setToolTip(_("排入时该议题的预计用时"))
        self.add_btn = QPushButton(_("排入会议"))
        self.add_btn.setObjectName("addItem")
        self.add_btn.setToolTip(_("将所选案件排入本次会议议程（回车）"))
        self.add_btn.clicked.connect(self.add_selected)
        self.candidate_note = QLabel()
        self.candidate_note.setWordWrap(True)

        agenda_box = QGroupBox(_("议程"))
        abox = QVBoxLayout(agenda_box)
        abox.addWidget(self.table, 1)
        abox.addWidget(self.end_label)
        add_box = QGroupBox(_("可排入的已受理案件"))
        cbox = QVBoxLayout(add_box)
        cbox.addWidget(self.candidates, 1)
        row = QHBoxLayout()
        dlabel = QLabel(_("用时(&U)："))
        dlabel.setBuddy(self.add_duration)
        row.addWidget(self.candidate_note, 1)
        row.addWidget(dlabel)
        row.addWidget(self.add_duration)
        row.addWidget(self.add_btn)
        cbox.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(agenda_box, 3)
        layout.addWidget(add_box, 2)
        self.setTabOrder(self.table.view, self.table.up_btn)
        self.setTabOrder(self.table.up_btn, self.table.down_btn)
        self.setTabOrder(self.table.down_btn, self.remove_btn)
        self.setTabOrder(self.remove_btn, self.candidates)
        self.setTabOrder(self.candidates, self.add_duration)
        self.setTabOrder(self.add_duration, self.add_btn)

    def editable(self) -> bool:
        m = self.meeting
        return bool(m and allowed(self.ctx.actor, "meeting.edit") and m.state in ("planned", "notified"))

    def load(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        editable = self.editable()
        self.table.load(meeting, reorder=editable, durations=editable)
        self.remove_btn.setEnabled(editable)
        self.add_btn.setEnabled(editable)
        self.add_duration.setEnabled(editable)
        self._load_candidates()
        self._show_end()

    def _load_candidates(self) -> None:
        rows = meeting_views.schedulable_reports(self.ctx.desk, self.ctx.actor, self.meeting.id) if self.meeting else []
        self.candidate_model.set_rows(rows)
        fit_columns(self.candidates)
        if self.meeting is None:
            self.candidate_note.setText(_("请先保存会议，再排入案件。"))
        elif not rows:
            self.candidate_note.setText(_("{body}暂无可排入的已受理案件。").format(body=self.meeting.body_name))
        else:
            self.candidate_note.setText(_("{n}件可排入").format(n=len(rows)))
        if rows:
            self.candidates.selectRow(0)

    def _show_end(self) -> None:
        items = self.table.model.rows()
        m = self.meeting
        if m is None or not items:
            self.end_label.setText(_("议程为空。") if m else "")
            self.end_label.setStyleSheet("")
            return
        total = sum(i.duration_minutes for i in items)
        end = items[-1].ends_at or m.starts_at + timedelta(minutes=total)
        late = [i for i in items if i.late and not i.late_admitted]
        text = _("预计{start}开始，{end}结束（{n}个议题，共{total}）；会议预定时长至{planned}。").format(
            start=m.starts_at.strftime("%H:%M"),
            end=end.strftime("%H:%M"),
            n=len(items),
            total=minutes_text(total),
            planned=m.ends_at.strftime("%H:%M"),
        )
        over = end > m.ends_at
        if over:
            text += _("议程超出预定时长{extra}，请调整用时或会议时长。").format(
                extra=minutes_text(int((end - m.ends_at).total_seconds() // 60))
            )
        if late:
            text += ngettext(
                "有{n}个逾期议题待主持人决定是否准予上会。", "有{n}个逾期议题待主持人决定是否准予上会。", len(late)
            ).format(n=len(late))
        self.end_label.setText(text)
        self.end_label.setStyleSheet("color:#a4231c;" if over or late else "")

    def add_selected(self) -> None:
        if not self.editable() or self.meeting is None:
            return
        record = self.candidate_model.record(self.candidates.currentIndex().row())
        if record is None:
            return
        item = attempt(
            self,
            agenda_svc.add_item,
            self.ctx.desk,
            self.ctx.actor,
            self.meeting.id,
            record.id,
            self.add_duration.value(),
        )
        if item is None:
            return
        self._after_change("reports")
        self.table.select_item(item.id)

    def remove_selected(self) -> None:
        item = self.table.current()
        if not self.editable() or item is None:
            return
        if succeeded(self, agenda_svc.remove_item, self.ctx.desk, self.ctx.actor, item.id):
            self._after_change("reports")

    def _after_change(self, area: str) -> None:
        if self.meeting is not None:
            self.meeting = get_meeting(self.ctx.desk, self.meeting.id)
        self.table.meeting = self.meeting
        self.table.reload()
        self._load_candidates()
        self._show_end()
        self.changed.emit("meetings")
        if area != "meetings":
            self.changed.emit(area)
