"""排入会议: choose one of the body's meetings being prepared, and the item's duration."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _
from meetingdesk.services.report_intake import ScheduleTarget
from meetingdesk.services.reports import Report

from ui.row_model import OK_COLOUR, WARNING_COLOUR, Column, RowTableModel
from ui.settings import UiSettings
from ui.state import remember_geometry


def _note(t: ScheduleTarget) -> str:
    notes = []
    if t.late:
        notes.append(_("材料逾期，将标为逾期议题"))
    if t.quorum_problem:
        notes.append(_("会议组人数不足，无法达到法定人数"))
    return _("；").join(notes)


def target_columns() -> list[Column[ScheduleTarget]]:
    return [
        Column(
            _("会议时间"),
            lambda t: t.meeting.starts_at.strftime("%Y-%m-%d %H:%M"),
            sort_value=lambda t: t.meeting.starts_at.isoformat(),
        ),
        Column(_("会议室"), lambda t: t.meeting.room_name),
        Column(_("主持人"), lambda t: t.meeting.presider_name),
        Column(_("已排议题"), lambda t: t.meeting.item_count, align_right=True),
        Column(_("状态"), lambda t: t.meeting.state_label),
        Column(_("材料截止"), lambda t: t.deadline.isoformat(), header_tip=_("材料应在此日前送达参会人员")),
        Column(
            _("提示"),
            _note,
            tooltip=lambda t: t.quorum_problem or _note(t),
            foreground=lambda t: WARNING_COLOUR if (t.late or t.quorum_problem) else OK_COLOUR,
        ),
    ]


class ScheduleDialog(QDialog):
    """``submit(meeting_id, minutes)`` puts the report on the agenda; the dialog closes when it succeeds."""

    def __init__(
        self,
        parent: QWidget | None,
        report: Report,
        targets: Sequence[ScheduleTarget],
        submit: Callable[[int, int], bool],
        go_to_meetings: Callable[[], None],
        settings: UiSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleDialog")
        self.setWindowTitle(_("排入会议"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._submit = submit
        intro = QLabel(
            _("将案件报告 {case}（{cause}）排入{body}的会议：").format(
                case=report.case_number, cause=report.cause, body=report.body_name
            )
        )
        intro.setWordWrap(True)
        self.model: RowTableModel[ScheduleTarget] = RowTableModel(
            target_columns(), key=lambda t: t.meeting.id, parent=self
        )
        self.model.set_rows(targets)
        self.table = QTableView()
        self.table.setObjectName("scheduleTargets")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self._on_ok())
        self.duration = QSpinBox()
        self.duration.setObjectName("itemDuration")
        self.duration.setRange(5, 480)
        self.duration.setSingleStep(5)
        self.duration.setValue(30)
        self.duration.setSuffix(_(" 分钟"))
        self.duration.setToolTip(_("本议题预计讨论时长"))
        self.note = QLabel()
        self.note.setObjectName("scheduleNote")
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("排入会议"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if targets:
            layout.addWidget(self.table)
            form = QFormLayout()
            label = QLabel(_("议题时长(&T)"))
            label.setBuddy(self.duration)
            form.addRow(label, self.duration)
            layout.addLayout(form)
        else:
            empty = QLabel(_("该会议组目前没有筹备中的会议。请先在“会议”页安排会议，再排入本案。"))
            empty.setObjectName("noMeetings")
            empty.setWordWrap(True)
            layout.addWidget(empty)
            go = QPushButton(_("前往“会议”页"))
            go.setObjectName("goToMeetings")
            go.setToolTip(_("切换到“会议”页安排新的会议"))
            go.clicked.connect(go_to_meetings)
            go.clicked.connect(self.reject)
            layout.addWidget(go)
            self.table.hide()
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._on_selection())
        if targets:
            self.table.selectRow(0)
        self._on_selection()
        self.resize(760, 360)
        remember_geometry(settings, "ScheduleDialog", self)

    def selected(self) -> ScheduleTarget | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_selection(self) -> None:
        target = self.selected()
        self.ok_button.setEnabled(target is not None)
        if target is None:
            self.note.clear()
            return
        parts = []
        if target.late:
            parts.append(
                _("本案材料晚于该会议的材料送达截止日（{due}），将标记为逾期议题，由主持人决定是否准予上会。").format(
                    due=target.deadline.isoformat()
                )
            )
        if target.quorum_problem:
            parts.append(target.quorum_problem)
        self.note.setText("\n".join(parts))
        self.note.setStyleSheet("color: #b42318;" if parts else "")

    def _on_ok(self) -> None:
        target = self.selected()
        if target is not None and self._submit(target.meeting.id, self.duration.value()):
            self.accept()
