"""使用说明: F1 opens the topic of the page shown; every topic exists and every link between topics works."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction

from ui.context import AppContext
from ui.exchange.panel import DataExchangePanel
from ui.help import TOPIC_KEYS, HelpWindow, help_folder, topic_for_page
from ui.main_window import MainWindow
from ui.pages import PAGES

from tests.ui.test_data_exchange import roster_file


def press_f1(qtbot: QtBot, window: MainWindow) -> HelpWindow:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.nav, Qt.Key.Key_F1)
    help_window = window.findChild(HelpWindow, "helpWindow")
    assert isinstance(help_window, HelpWindow)
    qtbot.waitUntil(help_window.isVisible)
    return help_window


def test_f1_opens_the_topic_of_the_page_shown(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    help_window = press_f1(qtbot, window)
    assert help_window.current_topic() == "dashboard" and "工作台" in help_window.browser.toPlainText()
    help_window.close()
    window.show_page("stats")
    help_window = press_f1(qtbot, window)
    assert help_window.current_topic() == "stats" and "采纳率" in help_window.browser.toPlainText()
    assert help_window.contents.currentItem().text() == "统计"
    # the contents and the links move between topics; ← goes back
    help_window.contents.setCurrentRow(TOPIC_KEYS.index("in-meeting"))
    assert help_window.current_topic() == "in-meeting" and "发言" in help_window.browser.toPlainText()
    help_window.browser.setSource(QUrl("after.md"))
    assert help_window.current_topic() == "after" and help_window.back.isEnabled()
    qtbot.mouseClick(help_window.back, Qt.MouseButton.LeftButton)
    assert help_window.current_topic() == "in-meeting"
    qtbot.mouseClick(help_window.home, Qt.MouseButton.LeftButton)
    assert "一次会议的完整流程" in help_window.browser.toPlainText()
    # 帮助 › 使用说明 does the same
    help_window.close()
    window.show_page("settings")
    action = window.findChild(QAction, "actionHelp")
    assert isinstance(action, QAction) and action.shortcut().toString() == "F1"
    action.trigger()
    assert help_window.current_topic() == "settings" and help_window.isVisible()


def test_every_page_and_topic_has_a_help_file_and_links_resolve() -> None:
    folder = help_folder("zh_CN")
    for spec in PAGES:
        assert (folder / f"{topic_for_page(spec.key)}.md").is_file(), spec.key
    links: set[str] = set()
    for key in TOPIC_KEYS:
        text = (folder / f"{key}.md").read_text(encoding="utf-8")
        assert text.startswith("# "), key
        links |= set(re.findall(r"\]\(([^)]+)\)", text))
    assert links and all((folder / link).is_file() for link in links), links
    assert {Path(link).stem for link in links} <= set(TOPIC_KEYS)
    # the meeting cycle is covered step by step
    index = (folder / "index.md").read_text(encoding="utf-8")
    for step in ("登记案件报告", "受理", "召集", "安排会议", "审定议程", "开会", "定稿", "复议", "统计"):
        assert step in index


def test_f1_in_the_import_dialog_opens_the_data_topic(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    panel = DataExchangePanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    dialog = panel.import_roster(roster_file(tmp_path / "a.xlsx", [["甲", "", "", "", ""]]))
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_F1)
    help_window = dialog.findChild(HelpWindow, "helpWindow")
    assert isinstance(help_window, HelpWindow) and help_window.current_topic() == "data"
    assert "什么也不导入" in help_window.browser.toPlainText()
    ctx.tasks.wait(5000)
