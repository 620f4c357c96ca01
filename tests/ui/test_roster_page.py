"""成员与会议组: editing bodies, members, judges and rooms; the flag on a body that can never reach quorum."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from meetingdesk.services import roster

from ui.app import build_context
from ui.context import AppContext
from ui.pages.roster import RosterPage
from ui.settings import UiSettings

from tests.ui.conftest import actor_for
from tests.ui.keyboard import type_text


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    return shown


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> RosterPage:
    p = RosterPage(ctx)
    qtbot.addWidget(p)
    p.resize(1300, 850)
    p.show()
    p.activate()
    return p


def _click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def _select_body(page: RosterPage, name: str) -> roster.BodyOverview:
    tab = page.bodies
    row = next(r for r in range(tab.model.rowCount()) if tab.model.row_at(r).body.name == name)
    tab.table.selectRow(row)
    return tab.model.row_at(row)


def test_models_pass_the_model_tester(page: RosterPage, qtmodeltester: object) -> None:
    _select_body(page, "民事专业法官会议")
    for model in (page.bodies.model, page.bodies.member_model, page.judges.model, page.rooms.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert page.bodies.member_model.rowCount() == 8


def test_quorum_flag_follows_the_settings_as_typed(
    qtbot: QtBot, page: RosterPage, ctx: AppContext, errors: list[str]
) -> None:
    tab = page.bodies
    civil = _select_body(page, "民事专业法官会议")
    assert tab.flag_text() == ""
    tab.minimum.setValue(9)  # 8 members can never make 9
    assert "仅有组成人员8人" in tab.flag_text() and "法定人数为9人" in tab.flag_text()
    assert roster.get_body(ctx.desk, civil.body.id).quorum_minimum == 5  # not saved yet
    tab.minimum.setValue(5)
    tab.numerator.setValue(3)
    tab.denominator.setValue(2)
    assert "0到1之间" in tab.flag_text()
    tab.denominator.setValue(4)
    assert tab.flag_text() == ""  # ceil(8 × 3/4) = 6 ≤ 8
    _click(qtbot, tab.save_button)
    saved = roster.get_body(ctx.desk, civil.body.id)
    assert (saved.quorum_numerator, saved.quorum_denominator) == (3, 4)
    assert tab.model.row_at(tab.table.currentIndex().row()).required == 6
    assert errors == []


def test_new_body_members_presiders_and_the_flag(
    qtbot: QtBot, page: RosterPage, ctx: AppContext, errors: list[str]
) -> None:
    tab = page.bodies
    _click(qtbot, tab.new_button)
    assert tab.current_id is None and not tab.members_box.isEnabled()
    # a bad input keeps what was typed
    type_text(qtbot, tab.specialty, "知识产权")
    _click(qtbot, tab.save_button)
    assert tab.errors["name"].text().startswith("请填写会议组名称")
    assert tab.specialty.text() == "知识产权" and tab.current_id is None
    type_text(qtbot, tab.body_name, "知识产权审判团队专业法官会议")
    tab.kind.setCurrentIndex(tab.kind.findData("team"))
    tab.deadline.setValue(2)
    _click(qtbot, tab.save_button)
    body_id = tab.current_id
    assert body_id is not None and tab.members_box.isEnabled()
    assert roster.get_body(ctx.desk, body_id).kind == "team"
    assert "仅有组成人员0人" in tab.flag_text()

    for presider in (True, False, False):
        tab.as_presider.setChecked(presider)
        _click(qtbot, tab.add_member)
    overview = roster.body_overview(ctx.desk, body_id)
    assert overview.member_count == 3 and sum(m.is_presider for m in overview.members) == 1
    assert "仅有组成人员3人" in tab.flag_text()
    row = tab.model.row_of_key(body_id)
    assert tab.model.data(tab.model.index(row, 5)) == "⚠ 无法达到法定人数"
    assert "无论如何都无法达到" in tab.model.data(tab.model.index(row, 5), Qt.ItemDataRole.ToolTipRole)

    plain = next(r for r in range(tab.member_model.rowCount()) if not tab.member_model.row_at(r).is_presider)
    tab.members.selectRow(plain)
    judge_id = tab.member_model.row_at(plain).judge.id
    _click(qtbot, tab.toggle_presider)
    assert next(m for m in roster.body_members(ctx.desk, body_id) if m.judge.id == judge_id).is_presider
    tab.members.selectRow(tab.member_model.row_of_key(judge_id))
    _click(qtbot, tab.remove_member)
    assert judge_id not in {m.judge.id for m in roster.body_members(ctx.desk, body_id)}
    assert "仅有组成人员2人" in tab.flag_text()

    # a duplicate name is refused by the service with a clear message
    _click(qtbot, tab.new_button)
    type_text(qtbot, tab.body_name, "民事专业法官会议")
    _click(qtbot, tab.save_button)
    assert errors == ["已有名为“民事专业法官会议”的会议组。"]
    assert tab.body_name.text() == "民事专业法官会议" and tab.dirty


def test_unsaved_changes_are_asked_about(qtbot: QtBot, page: RosterPage, ctx: AppContext) -> None:
    tab = page.bodies
    civil = _select_body(page, "民事专业法官会议")
    type_text(qtbot, tab.secretary, "张书记员")
    # changing the members meanwhile keeps what is being typed, and the body stays selected
    _click(qtbot, tab.add_member)
    assert roster.body_overview(ctx.desk, civil.body.id).member_count == 9
    assert tab.secretary.text().endswith("张书记员") and tab.dirty
    assert tab.table.selectionModel().currentIndex().row() == tab.model.row_of_key(civil.body.id)
    assert tab.model.row_at(tab.model.row_of_key(civil.body.id)).member_count == 9
    criminal_row = next(r for r in range(tab.model.rowCount()) if tab.model.row_at(r).body.specialty == "刑事")
    tab.table.selectRow(criminal_row)
    assert isinstance(tab.dialog, QMessageBox)
    tab.dialog.button(QMessageBox.StandardButton.Cancel).click()
    assert tab.current_id == civil.body.id and tab.secretary.text().endswith("张书记员")
    tab.table.selectRow(criminal_row)
    assert isinstance(tab.dialog, QMessageBox)
    tab.dialog.button(QMessageBox.StandardButton.Save).click()
    assert roster.get_body(ctx.desk, civil.body.id).secretary_name.endswith("张书记员")
    assert tab.model.row_at(criminal_row).body.id == tab.current_id


def test_judges_grades_and_rooms(qtbot: QtBot, page: RosterPage, ctx: AppContext, errors: list[str]) -> None:
    judges = page.judges
    page.tabs.setCurrentWidget(judges)
    judges.table.selectRow(0)
    judge = judges.model.row_at(0)
    judges.grade.setCurrentIndex(judges.grade.findData("三级高级法官"))
    judges.grade_since.setDate(QDate(2025, 6, 1))
    _click(qtbot, judges.save_button)
    saved = roster.get_judge(ctx.desk, judge.id)
    assert saved.grade == "三级高级法官" and saved.grade_since == date(2025, 6, 1)

    _click(qtbot, judges.new_button)
    type_text(qtbot, judges.judge_name, "赵新来")
    judges.grade.setCurrentIndex(0)  # a 员额法官 without a grade
    _click(qtbot, judges.save_button)
    assert judges.errors["grade"].text().startswith("员额法官须填写法官等级")
    judges.grade.setCurrentIndex(judges.grade.findData("四级法官"))
    _click(qtbot, judges.save_button)
    new = next(j for j in roster.list_judges(ctx.desk) if j.name == "赵新来")
    assert new.grade == "四级法官" and judges.current_id == new.id

    rooms = page.rooms
    page.tabs.setCurrentWidget(rooms)
    _click(qtbot, rooms.new_button)
    type_text(qtbot, rooms.room_name, "第三会议室")
    type_text(qtbot, rooms.location, "审判综合楼四楼")
    rooms.capacity.setValue(16)
    _click(qtbot, rooms.save_button)
    room = next(r for r in roster.list_rooms(ctx.desk) if r.name == "第三会议室")
    assert (room.location, room.capacity, room.active) == ("审判综合楼四楼", 16, True)
    assert errors == []


def test_viewer_reads_only_and_layout_persists(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    viewer_ctx = build_context(ctx.desk, actor_for(ctx.desk, "viewer"), UiSettings(str(tmp_path / "v.ini")))
    page = RosterPage(viewer_ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    tab = page.bodies
    assert not tab.body_name.isEnabled() and not tab.save_button.isEnabled() and not tab.new_button.isEnabled()
    assert not tab.add_member.isVisibleTo(page)
    tab.splitter.setSizes([900, 400])
    tab.table.setColumnWidth(0, 250)
    page.save_state()
    again = RosterPage(viewer_ctx)
    qtbot.addWidget(again)
    again.show()
    again.activate()
    assert again.bodies.table.columnWidth(0) == 250
    assert again.bodies.splitter.sizes()[0] == tab.splitter.sizes()[0]
