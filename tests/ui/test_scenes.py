"""The screenshot scenes of these pages set up without errors and show what they promise."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QDialog

from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.reports import ReportsPage
from ui.pages.roster import RosterPage


def test_scenes_of_reports_and_roster(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    reports = window.show_page("reports")
    assert isinstance(reports, ReportsPage)
    scenes = dict(reports.screenshot_scenes())
    assert scenes["intake"]() is window
    assert reports.editor.form.case_number_message_text().startswith("✓ 案号有效")
    scenes["validation"]()
    assert "类型代字" in reports.editor.form.case_number_message_text()
    dialog = scenes["schedule"]()
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    dialog.close()
    roster = window.show_page("roster")
    assert isinstance(roster, RosterPage)
    dict(roster.screenshot_scenes())["quorum-flag"]()
    assert "无法达到法定人数" in roster.bodies.flag_text()
