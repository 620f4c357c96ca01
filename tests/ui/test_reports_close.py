"""Nothing typed in the case report form is lost when the main window closes: it asks 保存 / 放弃修改 / 取消."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QMessageBox

from meetingdesk.services.reports import get_report

from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.reports import ReportsPage

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
