"""“生成参考性案例” in a meeting's follow-up: a draft from the discussed item, shown in the library page."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from meetingdesk.library.from_meeting import cases_from_item
from meetingdesk.services import meeting_views, meetings
from meetingdesk.services.meetings import Meeting

from ui.context import AppContext
from ui.meetings.followup_panel import FollowupPanel

from tests.ui.conftest import actor_for


def panel_on_an_item_without_a_case(qtbot: QtBot, ctx: AppContext) -> tuple[FollowupPanel, int]:
    """The follow-up panel of a held meeting, on a discussed item no reference case came from yet."""
    for m in meetings.list_meetings(ctx.desk, ctx.actor):
        rows = meeting_views.meeting_followups(ctx.desk, ctx.actor, m.id)
        for row, f in enumerate(rows):
            if not cases_from_item(ctx.desk, f.agenda_item_id):
                return _panel(qtbot, ctx, m, row), f.agenda_item_id
    raise AssertionError("the demo has no discussed item without a reference case")


def _panel(qtbot: QtBot, ctx: AppContext, meeting: Meeting, row: int) -> FollowupPanel:
    panel = FollowupPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.load(meeting)
    panel.followup_view.selectRow(row)
    return panel


def test_a_draft_is_made_once_and_opened_in_the_library(qtbot: QtBot, ctx: AppContext) -> None:
    panel, item_id = panel_on_an_item_without_a_case(qtbot, ctx)
    assert panel.case_btn.isEnabled()
    areas: list[str] = []
    ctx.signals.sig_data_changed.connect(areas.append)
    with qtbot.waitSignal(ctx.signals.sig_open_library_case_requested, timeout=20000) as opened:
        qtbot.mouseClick(panel.case_btn, Qt.MouseButton.LeftButton)
    [case_id] = cases_from_item(ctx.desk, item_id)
    assert opened.args == [case_id] and "library" in areas
    case = ctx.desk.get("library_cases", case_id)
    assert case["status"] == "draft" and case["source"] == "meeting"

    # a second time: asked first, and "yes" opens the existing one (no second draft)
    qtbot.mouseClick(panel.case_btn, Qt.MouseButton.LeftButton)
    box = panel._library_box
    assert isinstance(box, QMessageBox) and box.windowTitle() == "已有参考性案例"
    assert f"编号{case_id}" in box.text() and "是否在参考案例库中打开" in box.text()
    with qtbot.waitSignal(ctx.signals.sig_open_library_case_requested, timeout=2000) as again:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert again.args == [case_id] and cases_from_item(ctx.desk, item_id) == [case_id]
    # "no" does nothing
    qtbot.mouseClick(panel.case_btn, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(ctx.signals.sig_open_library_case_requested):
        panel._library_box.button(QMessageBox.StandardButton.No).click()  # type: ignore[union-attr]


@pytest.mark.parametrize("username", ["member", "viewer"])
def test_only_library_editors_draft(qtbot: QtBot, ctx: AppContext, username: str) -> None:
    other = AppContext(ctx.desk, actor_for(ctx.desk, username), ctx.signals, ctx.settings, ctx.tasks)
    held = [
        m
        for m in meetings.list_meetings(other.desk, other.actor)
        if meeting_views.meeting_followups(other.desk, other.actor, m.id)
    ]
    assert held
    panel = _panel(qtbot, other, held[0], 0)
    assert not panel.case_btn.isEnabled() and "无权" in panel.case_btn.toolTip()
