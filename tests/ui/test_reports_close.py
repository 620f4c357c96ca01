"""Nothing typed in the case report form is lost when the main window closes: it asks 保存 / 放弃修改 / 取消."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QMessageBox

from meetingdesk.services.reports import get_report

from ui.app import build_context
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.reports import ReportsPage

from tests.ui.conftest import actor_for
from tests.ui.keyboard import type_text

REPORT = 5  # submitted: still editable by the secretary


def window_with_typing(qtbot: QtBot, ctx: AppContext, text: str) -> tuple[MainWindow, ReportsPage]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    page.editor.open_report(REPORT)
    window.show_page("dashboard")  # the user went elsewhere meanwhile
    page.editor.form.issues.setFocus()
    type_text(qtbot, page.editor.form.issues, text)
    assert page.editor.form.dirty
    return window, page


def question(page: ReportsPage) -> QMessageBox:
    box = page.editor.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "当前案件报告有未保存的修改。是否保存？"
    return box


def test_cancel_keeps_the_window_and_the_text(qtbot: QtBot, ctx: AppContext) -> None:
    window, page = window_with_typing(qtbot, ctx, "补充的争议焦点")
    assert not window.close()
    assert window.isVisible() and window.current_page() is page  # shown where the text is
    question(page).button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible() and "补充的争议焦点" in page.editor.form.issues.toPlainText()


def test_save_then_close(qtbot: QtBot, ctx: AppContext) -> None:
    window, page = window_with_typing(qtbot, ctx, "补充的争议焦点")
    window.close()
    question(page).button(QMessageBox.StandardButton.Save).click()
    assert "补充的争议焦点" in get_report(ctx.desk, REPORT).issues
    assert not window.isVisible()


def test_discard_then_close(qtbot: QtBot, ctx: AppContext) -> None:
    before = get_report(ctx.desk, REPORT).issues
    window, page = window_with_typing(qtbot, ctx, "不要了")
    window.close()
    question(page).button(QMessageBox.StandardButton.Discard).click()
    assert not window.isVisible() and get_report(ctx.desk, REPORT).issues == before


def test_a_clean_form_closes_at_once(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page("reports").editor.open_report(REPORT)  # type: ignore[attr-defined]
    assert window.close() and not window.isVisible()


def test_quitting_from_the_lock_screen_keeps_the_text_for_next_time(qtbot: QtBot, ctx: AppContext) -> None:
    window, page = window_with_typing(qtbot, ctx, "锁屏前补充的争议焦点")
    page.editor.form.judge.setCurrentIndex(page.editor.form.judge.count() - 1)
    judge = page.editor.form.judge.currentData()
    window.quit_keeping_drafts()  # nobody is asked: the lock screen's 退出
    assert page.editor.dialog is None
    window.hide()

    again = MainWindow(ctx)  # the next start, same user and settings
    qtbot.addWidget(again)
    again.show()
    reports = again.show_page("reports")
    assert isinstance(reports, ReportsPage)
    reports.editor.open_report(REPORT)
    form = reports.editor.form
    assert "锁屏前补充的争议焦点" in form.issues.toPlainText() and form.judge.currentData() == judge
    assert form.dirty  # still to be saved or discarded, as when it was left
    assert "锁屏前补充的争议焦点" not in get_report(ctx.desk, REPORT).issues
    reports.editor.open_report(4)
    reports.editor.open_report(REPORT)  # offered once: the form held it, and leaving it asks as usual
    assert "锁屏前补充的争议焦点" not in reports.editor.form.issues.toPlainText()


def test_a_kept_draft_is_offered_only_to_the_user_who_typed_it(qtbot: QtBot, ctx: AppContext) -> None:
    window, _page = window_with_typing(qtbot, ctx, "秘书的草稿")
    window.quit_keeping_drafts()
    window.hide()
    admin = build_context(ctx.desk, actor_for(ctx.desk, "admin"), ctx.settings)  # same computer, other account
    again = MainWindow(admin)
    qtbot.addWidget(again)
    reports = again.show_page("reports")
    assert isinstance(reports, ReportsPage)
    reports.editor.open_report(REPORT)
    assert "秘书的草稿" not in reports.editor.form.issues.toPlainText() and not reports.editor.form.dirty
