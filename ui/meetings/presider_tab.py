"""The 主持人 tab: decide whether accepted reports are discussed, approve (or reorder) the draft agenda,
and read the materials before the meeting. Secretaries may record the presider's decisions on their
behalf; the services record that they did."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _
from meetingdesk.services import agenda as agenda_svc
from meetingdesk.services import attachments, meeting_views, reports
from meetingdesk.services.attachments import Attachment
from meetingdesk.services.meeting_views import ReportBrief
from meetingdesk.services.meetings import Meeting, get_meeting
from meetingdesk.services.permissions import allowed
from meetingdesk.services.reports import Report

from ui.context import AppContext
from ui.errors import show_error
from ui.meetings.actions import attempt
from ui.meetings.agenda_builder import AgendaTable
from ui.meetings.labels import short_when
from ui.meetings.report_view import attachment_preview, read_only_copy, report_html
from ui.meetings.table_model import Column, RecordTableModel
from ui.meetings.widgets import chain_tab_order, fit_columns, setup_table
from ui.state import restore_splitter, save_splitter


@dataclass(frozen=True)
class MaterialRow:
    position: int
    report: Report
    attachment: Attachment | None = None


def convene_columns() -> list[Column[ReportBrief]]:
    return [
        Column(_("案号"), lambda r: r.case_number),
        Column(_("案由"), lambda r: r.cause),
        Column(_("会议组"), lambda r: r.body_name),
        Column(_("承办法官"), lambda r: r.reporting_judge),
        Column(_("受理"), lambda r: short_when(r.accepted_at)),
        Column(
            _("四类案件"),
            lambda r: _("是") if r.four_category else "",
            tooltip=lambda r: _("属于“四类案件”，会后可能需提交审判委员会") if r.four_category else "",
        ),
    ]


def material_columns() -> list[Column[MaterialRow]]:
    return [
        Column(_("议题"), lambda m: m.position if m.attachment is None else ""),
        Column(
            _("材料"),
            lambda m: (
                f"{m.report.case_number} {m.report.cause}"
                if m.attachment is None
                else _("　└ {name}").format(name=m.attachment.filename)
            ),
        ),
        Column(_("类别"), lambda m: _("案件报告") if m.attachment is None else m.attachment.kind_label),
    ]


class PresiderTab(QWidget):
    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        is_secretary = ctx.actor.role == "secretary"

        self.on_behalf = QCheckBox(_("代主持人登记"))
        self.on_behalf.setObjectName("onBehalf")
        self.on_behalf.setToolTip(_("会议秘书代主持人登记其决定；系统会记录为“代主持人登记”"))
        self.on_behalf.setVisible(is_secretary)
        self.who = QLabel(
            _("您以会议秘书身份操作：登记主持人的决定时请勾选“代主持人登记”。")
            if is_secretary
            else _("以下决定以您（主持人）的名义记录。")
        )
        self.who.setWordWrap(True)

        # ---- 是否召集
        self.convene_model = RecordTableModel(convene_columns(), self)
        self.convene_view = QTableView()
        self.convene_view.setObjectName("conveneQueue")
        self.convene_view.setModel(self.convene_model)
        setup_table(self.convene_view, stretch=1)
        self.convene_view.setToolTip(_("已受理、尚待主持人决定是否提交会议讨论的案件"))
        self.convene_view.activated.connect(self._open_report)
        self.reason = QLineEdit()
        self.reason.setObjectName("conveneReason")
        self.reason.setPlaceholderText(_("理由（决定不召集时必填）"))
        self.reason.setToolTip(_("召集或不召集的理由；不召集时必须填写，承办法官将看到"))
        self.convene_btn = QPushButton(_("召集讨论"))
        self.convene_btn.setObjectName("conveneYes")
        self.convene_btn.setToolTip(_("决定将所选案件提交专业法官会议讨论"))
        self.convene_btn.clicked.connect(lambda: self._decide(True))
        self.decline_btn = QPushButton(_("不召集"))
        self.decline_btn.setObjectName("conveneNo")
        self.decline_btn.setToolTip(_("决定不提交会议讨论（须写明理由），案件报告办结"))
        self.decline_btn.clicked.connect(lambda: self._decide(False))
        self.convene_note = QLabel()
        convene_box = QGroupBox(_("待决定是否召集会议讨论"))
        cl = QVBoxLayout(convene_box)
        cl.addWidget(self.convene_view, 1)
        reason_row = QHBoxLayout()
        rl = QLabel(_("理由(&Y)："))
        rl.setBuddy(self.reason)
        reason_row.addWidget(rl)
        reason_row.addWidget(self.reason, 1)
        reason_row.addWidget(self.convene_btn)
        reason_row.addWidget(self.decline_btn)
        cl.addLayout(reason_row)
        cl.addWidget(self.convene_note)
        convene_box.setVisible(allowed(ctx.actor, "report.convene"))

        # ---- 议程审定
        self.agenda = AgendaTable(ctx, "presiderAgenda")
        self.agenda.changed.connect(self._agenda_changed)
        self.admit_btn = QPushButton(_("准予逾期议题上会"))
        self.admit_btn.setObjectName("admitLate")
        self.admit_btn.setToolTip(_("所选议题材料逾期；主持人决定仍准予上会讨论"))
        self.admit_btn.clicked.connect(self._admit)
        self.approve_btn = QPushButton(_("审定议程"))
        self.approve_btn.setObjectName("approveAgenda")
        self.approve_btn.setToolTip(_("审定本次会议议程（逾期议题须先准予上会）"))
        self.approve_btn.clicked.connect(self._approve)
        self.agenda.buttons.addWidget(self.admit_btn)
        self.agenda.buttons.addWidget(self.approve_btn)
        self.agenda_state = QLabel()
        self.agenda_state.setObjectName("agendaState")
        self.agenda_state.setWordWrap(True)
        self.agenda_box = QGroupBox(_("议程审定"))
        al = QVBoxLayout(self.agenda_box)
        al.addWidget(self.agenda_state)
        al.addWidget(self.agenda, 1)

        # ---- 会前材料
        self.material_model = RecordTableModel(material_columns(), self)
        self.material_view = QTableView()
        self.material_view.setObjectName("materials")
        self.material_view.setModel(self.material_model)
        setup_table(self.material_view, stretch=1)
        self.material_view.setToolTip(_("本次会议议程上的案件报告及其附件（只读）"))
        self.material_view.selectionModel().currentRowChanged.connect(self._show_material)
        self.viewer = QTextBrowser()
        self.viewer.setObjectName("materialViewer")
        self.viewer.setReadOnly(True)
        self.viewer.setOpenLinks(False)
        self.viewer.setToolTip(_("材料内容（只读）"))
        self.open_btn = QPushButton(_("打开只读副本"))
        self.open_btn.setObjectName("openMaterial")
        self.open_btn.setToolTip(_("用系统程序打开所选附件的只读副本，原件不会被修改"))
        self.open_btn.clicked.connect(self._open_copy)
        material_box = QGroupBox(_("会前阅读材料（只读）"))
        ml = QVBoxLayout(material_box)
        msplit = QSplitter(Qt.Orientation.Vertical)
        msplit.addWidget(self.material_view)
        msplit.addWidget(self.viewer)
        msplit.setStretchFactor(1, 3)
        ml.addWidget(msplit, 1)
        ml.addWidget(self.open_btn, 0, Qt.AlignmentFlag.AlignRight)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.who, 1)
        top.addWidget(self.on_behalf)
        ll.addLayout(top)
        ll.addWidget(convene_box, 2)
        ll.addWidget(self.agenda_box, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("presiderSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(material_box)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        chain = [
            self.on_behalf,
            self.convene_view,
            self.reason,
            self.convene_btn,
            self.decline_btn,
            self.agenda.view,
            self.agenda.up_btn,
            self.agenda.down_btn,
            self.admit_btn,
            self.approve_btn,
            self.material_view,
            self.viewer,
            self.open_btn,
        ]
        chain_tab_order(chain)

    # ---- loading

    def load(self, meeting_id: int | None) -> None:
        self.meeting = get_meeting(self.ctx.desk, meeting_id) if meeting_id is not None else None
        self._load_queue()
        self._load_agenda()
        self._load_materials()

    def _load_queue(self) -> None:
        if not allowed(self.ctx.actor, "report.convene"):
            return
        rows = meeting_views.convene_queue(self.ctx.desk, self.ctx.actor)
        self.convene_model.set_rows(rows)
        fit_columns(self.convene_view)
        if rows:
            self.convene_view.selectRow(0)
        self.convene_note.setText(
            _("共{n}件待决定；回车打开案件报告。").format(n=len(rows)) if rows else _("没有待决定的案件。")
        )
        for w in (self.reason, self.convene_btn, self.decline_btn):
            w.setEnabled(bool(rows))

    def _load_agenda(self) -> None:
        m = self.meeting
        can = allowed(self.ctx.actor, "agenda.approve") and m is not None and m.state in ("planned", "notified")
        self.agenda.load(m, reorder=can, durations=False)
        self.admit_btn.setEnabled(can)
        self.approve_btn.setEnabled(can)
        if m is None:
            self.agenda_box.setTitle(_("议程审定（请先选择会议）"))
            self.agenda_state.setText("")
            return
        self.agenda_box.setTitle(_("议程审定：{title}").format(title=m.display_title))
        if m.agenda_approved_at is not None:
            text = _("议程已于{when}审定。").format(when=m.agenda_approved_at.strftime("%Y-%m-%d %H:%M"))
            colour = "#1e6b34"
        elif m.item_count == 0:
            text, colour = _("议程为空。"), "#555"
        else:
            text, colour = _("议程尚未审定。"), "#a4231c"
        late = [i for i in self.agenda.model.rows() if i.late and not i.late_admitted]
        if late:
            text += _("逾期议题待决定：{items}").format(items=_("、").join(i.case_number for i in late))
        self.agenda_state.setText(text)
        self.agenda_state.setStyleSheet(f"color:{colour};")

    def _load_materials(self) -> None:
        rows: list[MaterialRow] = []
        if self.meeting is not None:
            for mat in meeting_views.meeting_materials(self.ctx.desk, self.ctx.actor, self.meeting.id):
                rows.append(MaterialRow(mat.item.position, mat.report))
                rows.extend(MaterialRow(mat.item.position, mat.report, a) for a in mat.report.attachments)
        self.material_model.set_rows(rows)
        fit_columns(self.material_view)
        self.viewer.clear()
        if rows:
            self.material_view.selectRow(0)
        else:
            self.viewer.setHtml(f"<p>{_('议程上暂无案件材料。')}</p>")
        self.open_btn.setEnabled(False)

    # ---- actions

    def _on_behalf(self) -> bool:
        return self.ctx.actor.role == "secretary" and self.on_behalf.isChecked()

    def _decide(self, convene: bool) -> None:
        record = self.convene_model.record(self.convene_view.currentIndex().row())
        if record is None:
            return
        done = attempt(
            self,
            reports.decide_convene,
            self.ctx.desk,
            self.ctx.actor,
            record.id,
            convene,
            self.reason.text(),
            on_behalf=self._on_behalf(),
        )
        if done is None:
            return
        self.reason.clear()
        self.ctx.signals.sig_status_message.emit(
            _("已登记：{case}{what}。").format(
                case=record.case_number, what=_("召集讨论") if convene else _("不召集讨论")
            )
        )
        self._load_queue()
        self.changed.emit("reports")

    def _open_report(self, index: QModelIndex) -> None:
        record = self.convene_model.record(index.row())
        if record is not None:
            self.ctx.signals.sig_open_report_requested.emit(record.id)

    def _admit(self) -> None:
        item = self.agenda.current()
        if item is None:
            return
        if attempt(
            self, agenda_svc.admit_late_item, self.ctx.desk, self.ctx.actor, item.id, on_behalf=self._on_behalf()
        ):
            self._agenda_changed("meetings")

    def _approve(self) -> None:
        if self.meeting is None:
            return
        if attempt(
            self,
            agenda_svc.approve_agenda,
            self.ctx.desk,
            self.ctx.actor,
            self.meeting.id,
            on_behalf=self._on_behalf(),
        ):
            self.ctx.signals.sig_status_message.emit(_("议程已审定。"))
            self._agenda_changed("meetings")

    def _agenda_changed(self, area: str) -> None:
        if self.meeting is not None:
            self.meeting = get_meeting(self.ctx.desk, self.meeting.id)
        self._load_agenda()
        self._load_materials()
        self.changed.emit(area)

    # ---- materials

    def _show_material(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.material_model.record(current.row())
        self.open_btn.setEnabled(bool(row and row.attachment))
        if row is None:
            return
        if row.attachment is None:
            self.viewer.setHtml(report_html(row.report))
            return
        try:
            path = attachments.attachment_path(self.ctx.desk, self.ctx.actor, row.attachment.id)
        except Exception as exc:  # a missing or unsafe file: say so, keep the screen usable
            show_error(self, exc)
            return
        self.viewer.setHtml(attachment_preview(path, row.attachment))

    def _open_copy(self) -> None:
        row = self.material_model.record(self.material_view.currentIndex().row())
        if row is None or row.attachment is None:
            return
        path = attempt(self, attachments.attachment_path, self.ctx.desk, self.ctx.actor, row.attachment.id)
        if path is None:
            return
        self.ctx.tasks.run(
            read_only_copy(path, row.attachment.filename),
            on_done=self._opened,
            on_error=lambda exc: show_error(self, exc),
            parent=self,
            label=_("正在准备只读副本……"),
        )

    def _opened(self, path: object) -> None:
        if isinstance(path, Path):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            self.ctx.signals.sig_status_message.emit(_("已打开只读副本：{path}").format(path=path))

    # ---- state

    def save_state(self) -> None:
        save_splitter(self.ctx.settings, "MeetingPresider", self.splitter)

    def restore_state(self) -> None:
        restore_splitter(self.ctx.settings, "MeetingPresider", self.splitter)
