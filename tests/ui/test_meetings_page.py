"""The 会议 page driven through a whole meeting cycle on the demo database, and its models checked.

The cycle starts on the 案件报告 page (intake, submit, accept), then runs on the 会议 page.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate, QModelIndex, Qt, QTime
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from meetingdesk.errors import StateError
from meetingdesk.services import agenda, attendance, discussion, followups, meetings, minutes, reports, roster
from meetingdesk.services.desk import Desk
from meetingdesk.services.meeting_views import convene_queue

from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.meetings import MeetingsPage
from ui.settings import LAST_EXPORT_DIR

from tests.conftest import FakeClock
from tests.core.factories import accepted_report
from tests.ui.keyboard import type_text

CIVIL = "民事专业法官会议"


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Blocking message boxes (show_error, confirmations) answered automatically and recorded."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *args, **_kw: shown.append(str(args[2])) or QMessageBox.StandardButton.Yes,
    )
    return shown


@pytest.fixture
def clock(demo_desk: Desk) -> FakeClock:
    fake = FakeClock(datetime(2026, 11, 23, 10, 0))
    demo_desk.clock = fake
    return fake


def open_page(qtbot: QtBot, ctx: AppContext) -> tuple[MainWindow, MeetingsPage]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    page = window.show_page("meetings")
    assert isinstance(page, MeetingsPage)
    return window, page


def body_id(desk: Desk, name: str) -> int:
    return next(b.id for b in roster.list_bodies(desk) if b.name == name)


def click(qtbot: QtBot, widget: object) -> None:
    assert widget.isEnabled(), f"{widget.objectName()} is disabled"  # type: ignore[attr-defined]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def intake_through_the_reports_page(qtbot: QtBot, window: MainWindow, civil: int, reporting: int) -> int:
    """The start of the cycle: a report typed into the 案件报告 form, submitted and accepted there."""
    from ui.pages.reports import ReportsPage

    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    editor, form = page.editor, page.editor.form
    type_text(qtbot, form.case_number, "(2026)吉09民终901号")
    form.body.setCurrentIndex(form.body.findData(civil))
    form.judge.setCurrentIndex(form.judge.findData(reporting))
    type_text(qtbot, form.cause, "房屋买卖合同纠纷")
    type_text(qtbot, form.parties, "上诉人王某；被上诉人某房地产开发有限公司")
    qtbot.keyClick(form.reasons["four_complex"], Qt.Key.Key_Space)
    type_text(qtbot, form.facts, "开发商逾期交房11个月。")
    type_text(qtbot, form.issues, "违约金能否依职权调整。")
    type_text(qtbot, form.questions, "未请求调整时法院可否主动调整？")
    type_text(qtbot, form.majority, "不宜依职权调整。")
    type_text(qtbot, form.waiver, "经检索未发现类案。")
    for action in (editor.act_save, editor.act_submit, editor.act_accept):
        click(qtbot, editor.button_for(action))
    assert editor.report is not None
    return editor.report.id


def test_meeting_cycle_through_the_gui(
    qtbot: QtBot, ctx: AppContext, demo_desk: Desk, clock: FakeClock, messages: list[str]
) -> None:
    desk, sec = demo_desk, ctx.actor
    civil = body_id(desk, CIVIL)
    members = roster.body_members(desk, civil)
    chief = next(m.judge for m in members if m.judge.post == "庭长")
    reporting = next(m.judge for m in members if not m.is_presider)
    waiting = reports.get_report(desk, 11)  # accepted in the demo, same body
    assert waiting.state == "accepted"
    window, page = open_page(qtbot, ctx)

    # ---- intake on the 案件报告 page (built by GUI part A): typed, submitted, accepted
    new_report = reports.get_report(desk, intake_through_the_reports_page(qtbot, window, civil, reporting.id))
    assert new_report.state == "accepted" and new_report.case_number == "（2026）吉09民终901号"
    assert new_report.four_category
    assert messages == []
    window.show_page("meetings")

    # ---- the presider decides to convene (the secretary records it on the presider's behalf)
    page.show_tab("presider")
    pres = page.presider
    assert {r.id for r in pres.convene_model.rows()} == {new_report.id, waiting.id}
    pres.convene_view.selectRow([r.id for r in pres.convene_model.rows()].index(new_report.id))
    click(qtbot, pres.convene_btn)
    assert any("代主持人" in m for m in messages)  # refused until the secretary says so
    pres.on_behalf.setChecked(True)
    click(qtbot, pres.convene_btn)
    decided = reports.get_report(desk, new_report.id)
    assert decided.convene_decision == "convene" and "代主持人" in decided.convene_reason
    assert [r.id for r in pres.convene_model.rows()] == [waiting.id]

    # ---- scheduling: a room and a presider already taken; the conflicts show and block saving
    click(qtbot, page.new_btn)
    assert page.current_tab() == "arrange"
    editor = page.arrange.editor
    editor.body.setCurrentIndex(editor.body.findData(civil))
    editor.day.setDate(QDate(2026, 11, 25))
    editor.start.setTime(QTime(9, 30))
    editor.room.setCurrentIndex(editor.room.findData(2))  # 第一会议室, taken by the 执行 meeting at 09:00
    qtbot.waitUntil(lambda: bool(editor.conflicts.blocking), timeout=3000)
    texts = "\n".join(editor.conflicts.texts())
    assert "第一会议室" in texts and "主持人" in texts  # the vice-president presides the other meeting too
    assert "材料送达截止日" in texts  # a warning: the deadline (3 working days before) has passed
    assert not editor.save_btn.isEnabled()
    assert "2026年11月20日" in editor.deadline.text() and "3个工作日" in editor.deadline.text()
    editor.room.setCurrentIndex(editor.room.findData(3))  # 第二会议室
    editor.presider.setCurrentIndex(editor.presider.findData(chief.id))
    qtbot.waitUntil(lambda: not editor.conflicts.blocking, timeout=3000)
    assert any("提醒" in t for t in editor.conflicts.texts())  # warnings stay visible
    click(qtbot, editor.save_btn)
    assert editor.meeting is not None
    meeting_id = editor.meeting.id
    saved = meetings.get_meeting(desk, meeting_id)
    assert saved.room_name == "第二会议室" and saved.presider_id == chief.id
    assert saved.starts_at == datetime(2026, 11, 25, 9, 30)

    # ---- the agenda: add both accepted reports, reorder, change a duration
    builder = page.arrange.builder
    assert {r.id for r in builder.candidate_model.rows()} == {new_report.id, waiting.id}
    assert all(r.late for r in builder.candidate_model.rows())  # both came after the deadline
    for _n in range(2):
        builder.candidates.selectRow(0)
        builder.add_duration.setValue(40)
        click(qtbot, builder.add_btn)
    items = agenda.agenda(desk, meeting_id)
    assert len(items) == 2 and all(i.late and not i.late_admitted for i in items)
    first, second = items
    builder.table.view.selectRow(1)
    click(qtbot, builder.table.up_btn)
    assert [i.id for i in agenda.agenda(desk, meeting_id)] == [second.id, first.id]
    model = builder.table.model
    assert model.setData(model.index(0, 4), 50)
    assert agenda.get_item(desk, second.id).duration_minutes == 50
    assert "10:20–11:00" in model.data(model.index(1, 5))  # expected times follow the durations
    assert "11:00结束" in builder.end_label.text() and "逾期议题" in builder.end_label.text()
    assert "逾期·待决定" in model.data(model.index(0, 6))

    # ---- the presider's view: late items admitted, the agenda approved, materials read
    page.show_tab("presider")
    assert pres.convene_model.rowCount() == 0  # the waiting report is on the agenda now
    messages.clear()
    click(qtbot, pres.approve_btn)
    assert any("逾期" in m for m in messages)  # refused: late items not admitted yet
    for row in range(2):
        pres.agenda.view.selectRow(row)
        click(qtbot, pres.admit_btn)
    click(qtbot, pres.approve_btn)
    approved = meetings.get_meeting(desk, meeting_id)
    assert approved.agenda_approved_at is not None
    assert "议程已于" in pres.agenda_state.text()
    assert pres.material_model.rowCount() >= 2
    pres.material_view.selectRow(0)
    assert "内部资料" in pres.viewer.toPlainText()

    # ---- in the meeting: sign-in, quorum lost by a recusal and regained
    page.show_tab("live")
    live = page.live
    assert live.meeting is not None and live.meeting.id == meeting_id
    panel = live.attendance
    others = [m.judge for m in members if m.judge.id != chief.id]
    for judge in others[:3]:
        assert panel.select_judge(judge.id)
        type_text(qtbot, panel.reason, "外出开庭")
        click(qtbot, panel.leave_btn)
    assert "已达到" in live.meeting_quorum.text() and "实到5人" in live.meeting_quorum.text()
    click(qtbot, live.start_btn)
    assert meetings.get_meeting(desk, meeting_id).state == "in_progress"
    assert live.item_id == second.id
    recused = others[3]
    assert panel.select_judge(recused.id)
    type_text(qtbot, panel.reason, "与当事人有近亲属关系")
    click(qtbot, panel.recuse_btn)
    assert "未达到" in live.item_quorum.text() and "回避1人" in live.item_quorum.text()
    assert "已达到" in live.meeting_quorum.text()
    assert panel.select_judge(others[0].id)
    click(qtbot, panel.present_btn)  # back from court: quorum regained for the item
    assert "已达到" in live.item_quorum.text() and "计入" not in live.item_quorum.text()
    assert attendance.item_quorum(desk, second.id).met

    # ---- opinions in order, by keyboard: number for the stance, reasons, Enter
    slots = discussion.speaking_order_for(desk, second.id).slots
    assert [s.key for s in live.slots] == [s.key for s in slots]
    assert slots[-1].judge_id == chief.id  # the presider speaks last
    assert all(s.judge_id != recused.id for s in slots)
    picker, reasons_edit = live.entry.picker, live.entry.reasons
    plan = [Qt.Key.Key_1] * len(slots)
    plan[1] = Qt.Key.Key_2
    for n, key in enumerate(plan):
        assert slots[n].name in live.entry.speaker.text()
        qtbot.keyClick(picker, key)
        type_text(qtbot, reasons_edit, f"理由{n + 1}")
        qtbot.keyClick(reasons_edit, Qt.Key.Key_Return)
    recorded = discussion.opinions(desk, second.id)
    assert [o.speaker_key for o in recorded] == [s.key for s in slots]
    assert recorded[1].stance == "minority" and recorded[0].reasons == "理由1"
    result = discussion.item_result(desk, second.id)
    assert result.majority is not None and result.majority.count == len(slots) - 1
    assert f"多数意见（{len(slots) - 1}人）" in live.result.text()
    assert "全部记录" in live.entry.speaker.text()

    # the presider's summary is saved as it is typed (debounced)
    summary = live.texts["presider_summary"]
    type_text(qtbot, summary, "多数意见认为应予支持")
    qtbot.waitUntil(lambda: agenda.get_item(desk, second.id).presider_summary == "多数意见认为应予支持", timeout=3000)

    # Ctrl+Enter: this item is discussed, on to the next
    qtbot.keyClick(reasons_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert agenda.get_item(desk, second.id).status == "discussed"
    assert live.item_id == first.id
    clock.set(datetime(2026, 11, 25, 11, 5))
    click(qtbot, live.end_btn)  # the undiscussed item goes back to 已受理
    assert meetings.get_meeting(desk, meeting_id).state == "held"
    assert reports.get_report(desk, first.report_id).state == "accepted"

    # ---- after the meeting: review → 传阅 → 定稿; then edits are refused and corrections recorded
    page.show_tab("after")
    after = page.after
    qtbot.waitUntil(lambda: not after.loading_record and after.record is not None, timeout=5000)
    html = after.browser.toPlainText()
    assert "（2026）吉09民终901号" in html and "讨论结果（参考意见）" in html and "理由1" in html
    click(qtbot, after.circulate_btn)
    assert meetings.get_meeting(desk, meeting_id).minutes_state == "circulating"
    messages.clear()
    click(qtbot, after.final_btn)
    assert any("代主持人" in m for m in messages)  # a secretary must say it is on the presider's behalf
    after.on_behalf.setChecked(True)
    click(qtbot, after.final_btn)
    final = meetings.get_meeting(desk, meeting_id)
    assert final.locked and final.summary_number
    with pytest.raises(StateError, match="定稿"):
        discussion.set_item_texts(desk, sec, second.id, conclusion="直接修改")
    page.show_tab("live")
    assert live.texts["conclusion"].isReadOnly() and not live.entry.picker.isEnabled()
    page.show_tab("after")
    after.side.setCurrentIndex(1)
    after.amend.amend_item.setCurrentIndex(after.amend.amend_item.findData(second.id))
    after.amend.amend_target.setCurrentIndex(after.amend.amend_target.findData("field:conclusion"))
    after.amend.amend_value.setPlainText("会议多数意见认为应予支持（更正）")
    type_text(qtbot, after.amend.amend_reason, "遗漏讨论意见")
    click(qtbot, after.amend.amend_btn)
    amendments = minutes.list_amendments(desk, meeting_id)
    assert len(amendments) == 1 and amendments[0].reason == "遗漏讨论意见"
    qtbot.waitUntil(lambda: "更正记录" in after.browser.toPlainText(), timeout=5000)
    assert after.amend.amendment_model.rowCount() == 1
    # an opinion recorded wrongly: corrected by amendment too, and the result follows
    minority = recorded[1]
    after.amend.amend_target.setCurrentIndex(after.amend.amend_target.findData(f"opinion:{minority.id}"))
    assert after.amend.amend_stance.currentData() == "minority" and after.amend.amend_value.toPlainText() == "理由2"
    after.amend.amend_stance.setCurrentIndex(after.amend.amend_stance.findData("majority"))
    type_text(qtbot, after.amend.amend_reason, "记录时选错意见")
    click(qtbot, after.amend.amend_btn)
    assert len(minutes.list_amendments(desk, meeting_id)) == 2
    assert discussion.item_result(desk, second.id).majority.count == len(slots)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: after.amend.amendment_model.rowCount() == 2, timeout=5000)

    # ---- follow-up: 复议 not adopted, a 四类案件 → referral advised, referred, result recorded
    clock.set(datetime(2026, 12, 2, 10, 0))
    after.side.setCurrentIndex(0)
    page.after.load(meeting_id)
    assert after.followup.followup_model.rowCount() == 1
    after.followup.followup_view.selectRow(0)
    after.followup.fu_date.setDate(QDate(2026, 12, 1))
    after.followup.fu_adoption.setCurrentIndex(after.followup.fu_adoption.findData("not_adopted"))
    type_text(qtbot, after.followup.fu_result, "合议庭坚持原意见")
    click(qtbot, after.followup.fu_save)
    f = followups.get_followup(desk, second.id)
    assert f.adoption == "not_adopted" and f.reconsidered_on == date(2026, 12, 1)
    assert "应报请院长提交审判委员会" in after.followup.advice.text()
    click(qtbot, after.followup.ref_btn)
    type_text(qtbot, after.followup.com_result, "审委会讨论后按多数意见处理")
    click(qtbot, after.followup.com_btn)
    f = followups.get_followup(desk, second.id)
    assert f.referred and f.committee_result == "审委会讨论后按多数意见处理"

    # "生成参考性案例": a draft pre-filled from the item, shown in the library page
    with qtbot.waitSignal(ctx.signals.sig_open_library_case_requested, timeout=20000) as opened:
        click(qtbot, after.followup.case_btn)
    drafted = desk.get("library_cases", opened.args[0])
    assert drafted["agenda_item_id"] == second.id and drafted["status"] == "draft"
    window.close()


def test_every_model_passes_the_model_tester(qtbot: QtBot, ctx: AppContext, clock: FakeClock, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    _window, page = open_page(qtbot, ctx)
    held = next(m for m in meetings.list_meetings(ctx.desk, ctx.actor) if m.minutes_state == "final")
    upcoming = next(m for m in meetings.list_meetings(ctx.desk, ctx.actor) if m.state == "planned")
    page.show_tab("schedule")
    page.open_meeting(upcoming.id)
    for key in ("arrange", "presider", "live"):
        page.show_tab(key)
    page.open_meeting(held.id)
    for key in ("live", "after"):
        page.show_tab(key)
    ctx.tasks.wait(5000)
    qtbot.waitUntil(lambda: not page.after.loading_record, timeout=5000)
    models = [
        page.schedule.model,
        page.schedule.calendar.model,
        page.arrange.editor.invitee_model,
        page.arrange.builder.table.model,
        page.arrange.builder.candidate_model,
        page.presider.convene_model,
        page.presider.agenda.model,
        page.presider.material_model,
        page.live.attendance.model,
        page.live.attendance.invitee_model,
        page.live.speaker_model,
        page.after.amend.amendment_model,
        page.after.followup.followup_model,
    ]
    assert page.schedule.model.rowCount() > 5 and page.live.speaker_model.rowCount() > 3
    for model in models:
        qtmodeltester.check(model, force_py=True)


def test_agenda_drag_and_drop_reorders_through_the_service(qtbot: QtBot, ctx: AppContext, clock: FakeClock) -> None:
    desk, sec = ctx.desk, ctx.actor
    civil = body_id(desk, CIVIL)
    upcoming = next(m for m in meetings.list_meetings(desk, sec, body_id=civil) if m.state == "notified")
    agenda.add_item(desk, sec, upcoming.id, 11, 30)
    judge = roster.body_members(desk, civil)[-1].judge
    extra = accepted_report(desk, sec, civil, judge.id, "（2026）吉09民初902号")
    agenda.add_item(desk, sec, upcoming.id, extra.id, 30)
    _window, page = open_page(qtbot, ctx)
    page.open_meeting(upcoming.id)
    model = page.arrange.builder.table.model
    ids = model.item_ids()
    assert len(ids) == 3
    data = model.mimeData([model.index(2, 0)])
    # dropped above the first row: the services put it first; the view must not delete rows itself
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False
    assert [i.id for i in agenda.agenda(desk, upcoming.id)] == [ids[2], ids[0], ids[1]]
    assert model.item_ids() == [ids[2], ids[0], ids[1]]
    data = model.mimeData([model.index(0, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())  # below the last row
    assert [i.id for i in agenda.agenda(desk, upcoming.id)] == [ids[0], ids[1], ids[2]]


def test_typing_is_not_lost_when_the_window_closes(qtbot: QtBot, ctx: AppContext, clock: FakeClock) -> None:
    desk, sec = ctx.desk, ctx.actor
    civil = body_id(desk, CIVIL)
    upcoming = next(m for m in meetings.list_meetings(desk, sec, body_id=civil) if m.state == "notified")
    meetings.start_meeting(desk, sec, upcoming.id)
    item = agenda.agenda(desk, upcoming.id)[0]
    window, page = open_page(qtbot, ctx)
    ctx.signals.sig_open_meeting_requested.emit(upcoming.id)  # as the dashboard would
    assert window.current_page() is page and page.current_tab() == "live"
    live = page.live
    first, second = live.slots[0], live.slots[1]
    qtbot.keyClick(live.entry.picker, Qt.Key.Key_3)
    type_text(qtbot, live.entry.reasons, "需进一步查明事实")
    type_text(qtbot, live.texts["conclusion"], "尚未形成")
    window.close()  # no Enter, no wait: written on close
    saved = discussion.opinions(desk, item.id)
    assert [(o.speaker_key, o.stance, o.reasons) for o in saved] == [(first.key, "other", "需进一步查明事实")]
    assert agenda.get_item(desk, item.id).conclusion == "尚未形成"

    # a reason typed before its stance is kept as a draft and comes back
    window2, page2 = open_page(qtbot, ctx)
    page2.open_meeting(upcoming.id)
    live2 = page2.live
    assert live2.entry.speaker.text().find(second.name) >= 0
    type_text(qtbot, live2.entry.reasons, "先写理由")
    window2.close()
    assert len(discussion.opinions(desk, item.id)) == 1
    _window3, page3 = open_page(qtbot, ctx)
    page3.open_meeting(upcoming.id)
    assert page3.live.entry.text() == "先写理由"
    qtbot.keyClick(page3.live.entry.picker, Qt.Key.Key_1)
    qtbot.keyClick(page3.live.entry.reasons, Qt.Key.Key_Return)
    assert discussion.opinions(desk, item.id)[-1].reasons == "先写理由"


def test_presider_decides_and_reorders(qtbot: QtBot, ctx: AppContext, clock: FakeClock, messages: list[str]) -> None:
    from tests.ui.conftest import actor_for

    desk, sec = ctx.desk, ctx.actor
    presider = actor_for(desk, "presider")  # 刑事 庭长 in the demo
    criminal = body_id(desk, "刑事专业法官会议")
    judge = roster.body_members(desk, criminal)[-1].judge
    r = accepted_report(desk, sec, criminal, judge.id, "（2026）吉09刑终903号")
    extra = accepted_report(desk, sec, criminal, judge.id, "（2026）吉09刑终904号")
    upcoming = next(m for m in meetings.list_meetings(desk, sec, body_id=criminal) if m.state == "planned")
    agenda.add_item(desk, sec, upcoming.id, extra.id)
    before = [i.id for i in agenda.agenda(desk, upcoming.id)]
    ctx.actor = presider
    _window, page = open_page(qtbot, ctx)
    assert "presider" in page.tab_keys and not page.new_btn.isEnabled()
    page.open_meeting(upcoming.id)
    assert page.current_tab() == "presider"
    pres = page.presider
    assert not pres.on_behalf.isVisible()

    # the decision whether to convene: declining needs a reason
    assert [x.id for x in pres.convene_model.rows()] == [r.id]
    pres.convene_view.selectRow(0)
    click(qtbot, pres.decline_btn)
    assert any("理由" in m for m in messages)
    type_text(qtbot, pres.reason, "已有明确规定")
    click(qtbot, pres.decline_btn)
    assert reports.get_report(desk, r.id).convene_decision == "decline"
    assert convene_queue(desk, presider) == []

    # the presider reorders the draft agenda, then approves it in their own name
    pres.agenda.view.selectRow(1)
    click(qtbot, pres.agenda.up_btn)
    assert [i.id for i in agenda.agenda(desk, upcoming.id)] == list(reversed(before))
    click(qtbot, pres.approve_btn)
    assert meetings.get_meeting(desk, upcoming.id).agenda_approved_at is not None
    assert "议程已于" in pres.agenda_state.text()
    # the presider cannot arrange meetings: the editor is read-only
    page.show_tab("arrange")
    assert not page.arrange.editor.save_btn.isEnabled() and not page.arrange.builder.add_btn.isEnabled()


def test_documents_are_exported_in_the_background(
    qtbot: QtBot, ctx: AppContext, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = next(m for m in meetings.list_meetings(ctx.desk, ctx.actor) if m.minutes_state == "final")
    _window, page = open_page(qtbot, ctx)
    page.open_meeting(held.id)
    target = tmp_path / "out" / "会议记录.docx"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    action = page.export_btn.menu().findChild(QAction, "export_minutes_docx")
    assert page.export_btn.isEnabled() and action is not None
    action.trigger()
    qtbot.waitUntil(lambda: page.export_btn.last_written == target, timeout=15000)
    with zipfile.ZipFile(target) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    first_item = agenda.agenda(ctx.desk, held.id)[0]
    assert first_item.case_number in body
    assert ctx.settings.get(LAST_EXPORT_DIR) == str(target.parent)


def test_speaking_order_changes_only_with_a_reason(
    qtbot: QtBot, ctx: AppContext, clock: FakeClock, messages: list[str]
) -> None:
    desk, sec = ctx.desk, ctx.actor
    upcoming = next(m for m in meetings.list_meetings(desk, sec, body_id=body_id(desk, CIVIL)) if m.state == "notified")
    meetings.start_meeting(desk, sec, upcoming.id)
    item = agenda.agenda(desk, upcoming.id)[0]
    rule = [s.key for s in discussion.speaking_order_for(desk, item.id).slots]
    _window, page = open_page(qtbot, ctx)
    page.open_meeting(upcoming.id)
    live = page.live
    assert "按规则排序" in live.order_label.text()
    live.speakers.selectRow(len(rule) - 2)
    click(qtbot, live.order_up)  # proposed, not yet in force
    assert "尚未生效" in live.order_label.text()
    assert not discussion.speaking_order_for(desk, item.id).overridden
    click(qtbot, live.order_confirm)
    assert any("理由" in m for m in messages)
    type_text(qtbot, live.order_reason, "该成员需提前离会")
    click(qtbot, live.order_confirm)
    order = discussion.speaking_order_for(desk, item.id)
    assert order.overridden and order.reason == "该成员需提前离会"
    assert [s.key for s in order.slots] == [*rule[:-3], rule[-2], rule[-3], rule[-1]]
    assert "该成员需提前离会" in live.order_label.text()
    click(qtbot, live.order_reset)
    assert [s.key for s in discussion.speaking_order_for(desk, item.id).slots] == rule


def test_the_page_remembers_its_tab_meeting_and_layout(qtbot: QtBot, ctx: AppContext, clock: FakeClock) -> None:
    held = next(m for m in meetings.list_meetings(ctx.desk, ctx.actor) if m.state == "held")
    window, page = open_page(qtbot, ctx)
    page.open_meeting(held.id)
    assert page.current_tab() == "after"
    page.after.splitter.setSizes([300, 900])
    sizes = page.after.splitter.sizes()
    window.close()
    _window2, page2 = open_page(qtbot, ctx)
    assert page2.current_tab() == "after" and page2.meeting_id == held.id
    assert page2.picker.currentData() == held.id
    assert page2.after.meeting is not None and page2.after.meeting.id == held.id
    assert page2.after.splitter.sizes() == sizes


def next_tab_stop(widget: QWidget) -> QWidget:
    """Where Tab goes from ``widget``: the next widget in the focus chain that takes Tab focus."""
    nxt = widget.nextInFocusChain()
    while not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus) or nxt.focusProxy() is not None:
        nxt = nxt.nextInFocusChain()
    return nxt


def test_the_editor_tab_order_follows_the_form(qtbot: QtBot, ctx: AppContext, clock: FakeClock) -> None:
    _window, page = open_page(qtbot, ctx)
    page.new_meeting(None)
    editor = page.arrange.editor
    assert next_tab_stop(editor.body) is editor.title
    assert next_tab_stop(editor.recorder) is editor.contact
    assert next_tab_stop(editor.contact) is editor.save_btn
    entry = page.live.entry
    assert next_tab_stop(entry.picker) is entry.reasons


def test_the_calendar_opens_meetings_and_starts_new_ones(qtbot: QtBot, ctx: AppContext, clock: FakeClock) -> None:
    upcoming = next(m for m in meetings.list_meetings(ctx.desk, ctx.actor) if m.state == "planned")
    _window, page = open_page(qtbot, ctx)
    page.show_tab("schedule")
    calendar = page.schedule.calendar
    calendar.show_month(upcoming.starts_at.year, upcoming.starts_at.month)
    index = calendar.model.index_of(upcoming.starts_at.date())
    assert upcoming.display_title in calendar.model.data(index, Qt.ItemDataRole.ToolTipRole)
    calendar.view.setCurrentIndex(index)
    qtbot.keyClick(calendar.view, Qt.Key.Key_Return)  # Enter on a day with a meeting opens it
    assert page.meeting_id == upcoming.id and page.current_tab() == "arrange"
    page.show_tab("schedule")
    empty = date(2026, 12, 16)
    calendar.show_month(2026, 12)
    calendar.view.setCurrentIndex(calendar.model.index_of(empty))
    qtbot.keyClick(calendar.view, Qt.Key.Key_Return)  # on an empty day: a new meeting that day
    assert page.current_tab() == "arrange" and page.arrange.editor.meeting is None
    assert page.arrange.editor.day.date() == QDate(2026, 12, 16)


def test_the_export_menu_lists_the_meeting_papers_the_service_knows() -> None:
    from meetingdesk.services.exports import KINDS, MEETING_KINDS

    from ui.meetings.export_menu import MEETING_PAPERS

    assert [(k, label, perm) for k, label, perm in MEETING_PAPERS] == [
        (k, KINDS[k].label, KINDS[k].permission) for k in MEETING_KINDS
    ]
