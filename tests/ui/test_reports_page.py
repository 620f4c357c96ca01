"""The 案件报告 page driven like a secretary would, against a copy of the demo database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from meetingdesk.services import agenda, reports
from meetingdesk.services.attachments import list_attachments
from meetingdesk.services.report_table import ReportQuery, report_ids
from meetingdesk.services.roster import body_members, list_bodies

from ui.app import build_context
from ui.context import AppContext
from ui.pages.reports import ReportsPage
from ui.prompts import ReasonDialog
from ui.reports.schedule_dialog import ScheduleDialog
from ui.settings import UiSettings

from tests.ui.conftest import actor_for
from tests.ui.keyboard import type_text

NOW = datetime(2026, 11, 23, 9, 0)
NEW_NUMBER = "（2026）吉09民终9001号"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages show_error would have shown (its box is modal; here it is recorded instead)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    return shown


def _open_page(qtbot: QtBot, ctx: AppContext) -> ReportsPage:
    ctx.desk.clock = lambda: NOW
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page.loading, timeout=5000)
    return page


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> Iterator[ReportsPage]:
    yield _open_page(qtbot, ctx)


def _civil(ctx: AppContext) -> tuple[int, list[int]]:
    body = next(b for b in list_bodies(ctx.desk) if b.specialty == "民事")
    return body.id, [m.judge.id for m in body_members(ctx.desk, body.id)]


def _pick(combo: object, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))  # type: ignore[attr-defined]


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _report_by_number(ctx: AppContext, number: str) -> reports.Report:
    rid = ctx.desk.scalar("SELECT id FROM reports WHERE case_number = ?", (number,))
    assert rid is not None, number
    return reports.get_report(ctx.desk, int(rid))


def _type_new_report(qtbot: QtBot, page: ReportsPage, ctx: AppContext) -> None:
    form = page.editor.form
    body_id, members = _civil(ctx)
    type_text(qtbot, form.case_number, "(2026)吉09民终9001号")
    _pick(form.body, body_id)
    _pick(form.judge, members[3])
    type_text(qtbot, form.cause, "房屋买卖合同纠纷")
    type_text(qtbot, form.parties, "上诉人王某；被上诉人某房地产开发有限公司")
    _pick(form.procedure, "second")
    qtbot.keyClick(form.reasons["panel_no_majority"], Qt.Key.Key_Space)
    qtbot.keyClick(form.reasons["four_conflict"], Qt.Key.Key_Space)
    type_text(qtbot, form.facts, "开发商逾期交房11个月。")
    type_text(qtbot, form.issues, "违约金能否依职权调整。")
    type_text(qtbot, form.questions, "未请求调整时法院可否主动调整？")
    type_text(qtbot, form.majority, "不宜依职权调整。")
    type_text(qtbot, form.minority, "可以释明后调整。")
    for judge, role, holds in ((members[1], "presiding", "majority"), (members[3], "reporting", "majority")):
        _click(qtbot, form.panel.add_button)
        row = form.panel.rows()[-1]
        _pick(row.judge, judge)
        _pick(row.role, role)
        _pick(row.holds, holds)
    _click(qtbot, form.panel.add_button)
    row = form.panel.rows()[-1]
    _pick(row.judge, members[4])
    _pick(row.holds, "minority")
    type_text(qtbot, form.options["甲"], "不予调整")
    type_text(qtbot, form.options["乙"], "调整至实际损失的130%")


def test_intake_by_typing_validation_attachment_and_whole_workflow(
    qtbot: QtBot,
    page: ReportsPage,
    ctx: AppContext,
    errors: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor, form = page.editor, page.editor.form
    assert editor.report is None and editor.title.text().startswith("新案件报告")

    # a mistyped 案号: the Chinese message appears next to the field as it is typed
    type_text(qtbot, form.case_number, "(2026)吉09民中9001号")
    assert "类型代字“民中”不在案件类型代字表中" in form.case_number_message_text()
    form.case_number.clear()
    _type_new_report(qtbot, page, ctx)
    assert form.case_number_message_text() == "✓ 案号有效，将保存为：" + NEW_NUMBER
    assert form.dirty and editor.title.text().endswith("*")
    assert "类案检索报告" in editor.missing.text()

    _click(qtbot, editor.button_for(editor.act_save))
    assert errors == []
    saved = _report_by_number(ctx, NEW_NUMBER)
    assert saved.state == "draft" and saved.cause == "房屋买卖合同纠纷" and saved.procedure == "second"
    assert saved.reasons == ("panel_no_majority", "four_conflict") and saved.four_category
    assert [(p.role, p.holds) for p in saved.panel] == [
        ("presiding", "majority"),
        ("reporting", "majority"),
        ("member", "minority"),
    ]
    assert saved.options == (("甲", "不予调整"), ("乙", "调整至实际损失的130%"))
    assert not form.dirty and editor.report is not None and editor.report.id == saved.id
    qtbot.waitUntil(lambda: page.model.row_of(saved.id) >= 0, timeout=5000)

    # submitting without the 类案检索报告 is refused with the service's message, nothing lost
    _click(qtbot, editor.button_for(editor.act_submit))
    assert errors and "类案检索报告" in errors[-1]
    assert reports.get_report(ctx.desk, saved.id).state == "draft"

    # attach the search report through the file dialog; the service checks type and size
    pdf = tmp_path / "类案检索报告.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%search report\n%%EOF\n")
    _pick(form.attachments.kind, "search_report")
    chosen = iter([(str(pdf), ""), (str(tmp_path / "伪装.pdf"), "")])
    (tmp_path / "伪装.pdf").write_bytes(b"not a pdf at all")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: next(chosen)))
    _click(qtbot, form.attachments.add_button)
    qtbot.waitUntil(lambda: len(form.attachments.attachments()) == 1, timeout=5000)
    _pick(form.attachments.kind, "other")
    _click(qtbot, form.attachments.add_button)
    qtbot.waitUntil(lambda: any("内容与其扩展名" in e for e in errors), timeout=5000)
    atts = list_attachments(ctx.desk, saved.id)
    assert [(a.kind, a.filename) for a in atts] == [("search_report", "类案检索报告.pdf")]
    assert form.search_status.text().startswith("✓")

    # open it with the system's program (a named copy is handed over)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    form.attachments.table.selectRow(0)
    _click(qtbot, form.attachments.open_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert Path(opened[0]).name == "类案检索报告.pdf" and Path(opened[0]).read_bytes() == pdf.read_bytes()

    # 提交 → 受理 → 退回补正 (with a reason) → 提交 → 受理 → 排入会议
    _click(qtbot, editor.button_for(editor.act_submit))
    assert reports.get_report(ctx.desk, saved.id).state == "submitted"
    _click(qtbot, editor.button_for(editor.act_accept))
    assert reports.get_report(ctx.desk, saved.id).state == "accepted"
    _click(qtbot, editor.button_for(editor.act_return))
    dialog = editor.dialog
    assert isinstance(dialog, ReasonDialog) and not dialog.ok_button.isEnabled()
    type_text(qtbot, dialog.text, "请补充合议庭评议笔录")
    _click(qtbot, dialog.ok_button)
    returned = reports.get_report(ctx.desk, saved.id)
    assert returned.state == "returned" and returned.state_reason == "请补充合议庭评议笔录"
    assert "退回理由：请补充合议庭评议笔录" in editor.info.text()
    _click(qtbot, editor.button_for(editor.act_submit))
    _click(qtbot, editor.button_for(editor.act_accept))
    assert reports.get_report(ctx.desk, saved.id).state == "accepted"

    _click(qtbot, editor.button_for(editor.act_schedule))
    chooser = editor.dialog
    assert isinstance(chooser, ScheduleDialog)
    target = chooser.selected()
    assert target is not None and target.meeting.body_id == saved.body_id and not target.late
    chooser.duration.setValue(40)
    _click(qtbot, chooser.ok_button)
    scheduled = reports.get_report(ctx.desk, saved.id)
    assert scheduled.state == "scheduled"
    items = [i for i in agenda.agenda(ctx.desk, target.meeting.id) if i.report_id == saved.id]
    assert len(items) == 1 and items[0].duration_minutes == 40
    assert editor.dialog is None
    assert editor.open_meeting.isVisibleTo(editor)
    with qtbot.waitSignal(ctx.signals.sig_open_meeting_requested) as opened_meeting:
        _click(qtbot, editor.open_meeting)
    assert opened_meeting.args == [target.meeting.id]
    assert len(errors) == 2 and errors[1].startswith("文件“伪装.pdf”")  # no other error along the way


def test_bad_input_keeps_everything_typed(qtbot: QtBot, page: ReportsPage, ctx: AppContext, errors: list[str]) -> None:
    editor, form = page.editor, page.editor.form
    _type_new_report(qtbot, page, ctx)
    form.case_number.clear()
    type_text(qtbot, form.case_number, "（2026）吉09民终")
    before = form.collect()
    _click(qtbot, editor.button_for(editor.act_save))
    assert "缺少案件编号" in form.case_number_message_text()
    assert form.collect() == before and form.dirty
    assert ctx.desk.scalar("SELECT COUNT(*) FROM reports WHERE cause = ?", ("房屋买卖合同纠纷",)) == 0
    # a missing 承办法官: the service's message appears under that field, focus goes there
    form.case_number.clear()
    type_text(qtbot, form.case_number, NEW_NUMBER)
    form.judge.setCurrentIndex(0)
    _click(qtbot, editor.button_for(editor.act_save))
    assert form.field_error("reporting_judge_id") == "请选择承办法官。"
    assert errors == [] and form.dirty
    # a 案号 already registered is flagged while typing
    taken = reports.get_report(ctx.desk, report_ids(ctx.desk, ctx.actor, ReportQuery())[0]).case_number
    form.case_number.clear()
    type_text(qtbot, form.case_number, taken)
    assert "已登记" in form.case_number_message_text()


def test_withdraw_convene_and_role_aware_actions(
    qtbot: QtBot, page: ReportsPage, ctx: AppContext, errors: list[str], tmp_path: Path
) -> None:
    editor = page.editor
    submitted = report_ids(ctx.desk, ctx.actor, ReportQuery(states=("submitted",)))[0]
    page.open_report(submitted)
    assert editor.report is not None and editor.report.id == submitted
    assert editor.act_accept.isEnabled() and not editor.act_schedule.isEnabled()
    _click(qtbot, editor.button_for(editor.act_withdraw))
    dialog = editor.dialog
    assert isinstance(dialog, ReasonDialog)
    type_text(qtbot, dialog.text, "合议庭已形成一致意见")
    _click(qtbot, dialog.ok_button)
    assert reports.get_report(ctx.desk, submitted).state == "withdrawn"
    assert not editor.act_withdraw.isEnabled() and not editor.act_save.isEnabled()
    assert editor.form.cause.isReadOnly()

    undecided = next(
        r
        for r in report_ids(ctx.desk, ctx.actor, ReportQuery(states=("accepted",)))
        if reports.get_report(ctx.desk, r).convene_decision is None
    )
    page.open_report(undecided)
    assert editor.act_convene.text() == "代登记召集"
    _click(qtbot, editor.button_for(editor.act_convene))
    decided = reports.get_report(ctx.desk, undecided)
    assert decided.convene_decision == "convene" and "代主持人" in decided.convene_reason
    assert not editor.act_convene.isEnabled()
    assert errors == []

    # a member: may register their own reports, never accept or schedule
    member_ctx = build_context(ctx.desk, actor_for(ctx.desk, "member"), UiSettings(str(tmp_path / "m.ini")))
    member_page = _open_page(qtbot, member_ctx)
    m_editor = member_page.editor
    assert not m_editor.act_accept.isVisible() and not m_editor.act_return.isVisible()
    assert not m_editor.act_schedule.isVisible() and not m_editor.act_convene.isVisible()
    assert m_editor.act_submit.isVisible()
    assert member_page.model.rowCount() < page.model.rowCount()  # only their own and their bodies' reports
    member_ctx.tasks.wait(5000)

    # a presider decides for real (no "on behalf")
    presider_ctx = build_context(ctx.desk, actor_for(ctx.desk, "presider"), UiSettings(str(tmp_path / "p.ini")))
    presider_page = _open_page(qtbot, presider_ctx)
    assert presider_page.editor.act_convene.text() == "召集讨论"
    assert not presider_page.editor.act_accept.isVisible()
    presider_ctx.tasks.wait(5000)


def test_open_signal_unsaved_changes_and_shortcuts(
    qtbot: QtBot, page: ReportsPage, ctx: AppContext, errors: list[str]
) -> None:
    editor = page.editor
    first, second = report_ids(ctx.desk, ctx.actor, ReportQuery(states=("draft", "submitted")))[:2]
    with qtbot.waitSignal(ctx.signals.sig_navigate_requested) as nav:
        ctx.signals.sig_open_report_requested.emit(first)
    assert nav.args == ["reports"]
    assert editor.report is not None and editor.report.id == first
    assert page.table.selectionModel().currentIndex().row() == page.model.row_of(first)

    # typing, then opening another report: asked first; 取消 keeps the text and the selection
    type_text(qtbot, editor.form.cause, "（补充）")
    typed = editor.form.cause.text()
    page.table.selectRow(page.model.row_of(second))
    box = editor.dialog
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert editor.report.id == first and editor.form.cause.text() == typed
    assert page.table.selectionModel().currentIndex().row() == page.model.row_of(first)
    # 保存 saves, then opens the other one
    page.table.selectRow(page.model.row_of(second))
    box = editor.dialog
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Save).click()
    assert reports.get_report(ctx.desk, first).cause == typed
    assert editor.report is not None and editor.report.id == second

    # keyboard: Ctrl+N for a new report, Ctrl+S to save, Ctrl+F to search
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.report is None
    assert QApplication.focusWidget() is editor.form.case_number
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.filters.search
    assert errors == []


def test_tab_order_follows_the_form(qtbot: QtBot, page: ReportsPage) -> None:
    form = page.editor.form
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    form.case_number.setFocus()
    expected = [w for w in form.focus_chain() if w.isVisible() and w.isEnabled()][:16]
    seen = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected
    label = form.findChild(QWidget, "error_cause")
    assert label is not None
    assert form.cause.toolTip() and form.judge.toolTip()


def test_filter_sort_and_persisted_layout(qtbot: QtBot, page: ReportsPage, ctx: AppContext, tmp_path: Path) -> None:
    total = page.model.rowCount()
    with qtbot.waitSignal(page.sig_loaded, timeout=5000) as loaded:
        type_text(qtbot, page.filters.search, "执")
    assert 0 < loaded.args[0] < total
    rows = [page.model.report_row(r) for r in range(loaded.args[0])]
    assert all(row is not None and "执" in row.case_number + row.cause for row in rows)
    with qtbot.waitSignal(page.sig_loaded, timeout=5000):
        page.filters.search.clear()
    with qtbot.waitSignal(page.sig_loaded, timeout=5000) as loaded:
        page.filters.late.setChecked(True)
    assert loaded.args == [1] and page.model.data(page.model.index(0, 6)) == "逾期"
    with qtbot.waitSignal(page.sig_loaded, timeout=5000):
        page.filters.late.setChecked(False)
    header = page.table.horizontalHeader()
    with qtbot.waitSignal(page.sig_loaded, timeout=5000):
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(0) + 20, 8)
        )
    assert header.sortIndicatorSection() == 0
    numbers = [page.model.report_row(r).case_number for r in range(page.model.rowCount())]  # type: ignore[union-attr]
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert numbers == sorted(numbers, reverse=descending)
    with qtbot.waitSignal(page.sig_loaded, timeout=5000):
        page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder if not descending else Qt.SortOrder.AscendingOrder)
    flipped = [page.model.report_row(r).case_number for r in range(page.model.rowCount())]  # type: ignore[union-attr]
    assert flipped == numbers[::-1]

    page.splitter.setSizes([700, 700])
    page.table.setColumnWidth(1, 222)
    page.save_state()
    again = _open_page(qtbot, ctx)
    assert again.table.columnWidth(1) == 222
    assert again.table.horizontalHeader().sortIndicatorSection() == 0
    assert again.splitter.sizes()[0] == page.splitter.sizes()[0]


def test_remove_attachment_decline_and_no_meeting_to_schedule(
    qtbot: QtBot,
    page: ReportsPage,
    ctx: AppContext,
    errors: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: object,
) -> None:
    editor, box = page.editor, page.editor.form.attachments
    submitted = report_ids(ctx.desk, ctx.actor, ReportQuery(states=("submitted",)))[0]
    page.open_report(submitted)
    before = len(list_attachments(ctx.desk, submitted))
    scan = tmp_path / "证据目录.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32 + b"\x00\x00\x00\x00IEND\xaeB`\x82")  # a complete PNG ends so
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(scan), "")))
    _pick(box.kind, "evidence")
    _click(qtbot, box.add_button)
    qtbot.waitUntil(lambda: len(box.attachments()) == before + 1, timeout=5000)
    qtmodeltester.check(box.model)  # type: ignore[attr-defined]
    added = box.attachments()[-1]
    assert (added.kind, added.filename) == ("evidence", "证据目录.png")
    box.table.selectRow(before)
    _click(qtbot, box.remove_button)
    assert isinstance(box.confirm_box, QMessageBox) and "证据目录.png" in box.confirm_box.text()
    box.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert [a.id for a in list_attachments(ctx.desk, submitted)] == [a.id for a in box.attachments()]
    assert len(box.attachments()) == before

    undecided = next(
        r
        for r in report_ids(ctx.desk, ctx.actor, ReportQuery(states=("accepted",)))
        if reports.get_report(ctx.desk, r).convene_decision is None
    )
    report = reports.get_report(ctx.desk, undecided)
    # with every meeting of its body cancelled, 排入会议 says so and offers the 会议 page
    from meetingdesk.services.meetings import cancel_meeting, list_meetings

    for m in list_meetings(ctx.desk, ctx.actor, body_id=report.body_id, states=("planned", "notified")):
        cancel_meeting(ctx.desk, ctx.actor, m.id, "测试")
    page.open_report(undecided)
    _click(qtbot, editor.button_for(editor.act_schedule))
    chooser = editor.dialog
    assert isinstance(chooser, ScheduleDialog) and chooser.model.rowCount() == 0
    qtmodeltester.check(chooser.model)  # type: ignore[attr-defined]
    assert not chooser.ok_button.isEnabled()
    with qtbot.waitSignal(ctx.signals.sig_navigate_requested) as nav:
        _click(qtbot, chooser.findChild(QWidget, "goToMeetings"))
    assert nav.args == ["meetings"]

    _click(qtbot, editor.button_for(editor.act_decline))
    dialog = editor.dialog
    assert isinstance(dialog, ReasonDialog)
    type_text(qtbot, dialog.text, "法律适用问题已有明确规定")
    _click(qtbot, dialog.ok_button)
    declined = reports.get_report(ctx.desk, undecided)
    assert declined.convene_decision == "decline" and declined.state == "closed"
    assert declined.convene_reason.startswith("法律适用问题已有明确规定")
    assert not editor.act_schedule.isEnabled() and not editor.act_decline.isEnabled()
    assert errors == []
