"""The 工作台 on the demo database: every entry opens its report or meeting."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from meetingdesk.services import reports

from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.dashboard import DashboardPage
from ui.row_model import IdRole

NOW = datetime(2026, 11, 23, 9, 0)


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> DashboardPage:
    ctx.desk.clock = lambda: NOW
    p = DashboardPage(ctx)
    qtbot.addWidget(p)
    p.resize(1300, 850)
    p.show()
    p.activate()
    return p


def test_sections_show_the_demo_work(page: DashboardPage, qtmodeltester: object) -> None:
    board = page.dashboard
    assert board is not None
    assert page.heading.text().startswith("今天是2026年11月23日 星期一")
    counts = {s.name: s.model.rowCount() for s in page.sections()}
    assert counts == {"upcoming": 4, "pending": 2, "late": 1, "minutes": 3, "overdue": 4}
    assert page.pending.title() == "待受理的案件报告（2）"
    upcoming = page.upcoming.model
    late_row = next(r for r in range(upcoming.rowCount()) if "逾期" in upcoming.data(upcoming.index(r, 6)))
    assert "可以达到" in upcoming.data(upcoming.index(late_row, 5))
    assert upcoming.data(upcoming.index(late_row, 6), Qt.ItemDataRole.ForegroundRole).name() == "#b42318"
    for section in page.sections():
        qtmodeltester.check(section.model)  # type: ignore[attr-defined]


def test_entries_emit_the_open_signals(qtbot: QtBot, page: DashboardPage, ctx: AppContext) -> None:
    signals = ctx.signals
    expectations = (
        (page.upcoming, signals.sig_open_meeting_requested),
        (page.pending, signals.sig_open_report_requested),
        (page.late, signals.sig_open_report_requested),
        (page.minutes, signals.sig_open_meeting_requested),
        (page.overdue, signals.sig_open_meeting_requested),
    )
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    for section, signal in expectations:
        view = section.view
        view.setFocus()
        view.setCurrentIndex(section.model.index(0, 0))
        expected = section.model.data(section.model.index(0, 0), IdRole)
        with qtbot.waitSignal(signal, timeout=1000) as opened:
            qtbot.keyClick(view, Qt.Key.Key_Return)
        assert opened.args == [expected], section.name
    # double-click opens too
    view = page.pending.view
    rect = view.visualRect(page.pending.model.index(1, 0))
    with qtbot.waitSignal(signals.sig_open_report_requested, timeout=1000) as opened:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [page.pending.model.data(page.pending.model.index(1, 0), IdRole)]


def test_refreshes_when_reports_change(qtbot: QtBot, page: DashboardPage, ctx: AppContext) -> None:
    waiting = page.pending.model.data(page.pending.model.index(0, 0), IdRole)
    reports.accept_report(ctx.desk, ctx.actor, waiting)
    ctx.changed("reports")
    assert page.pending.model.rowCount() == 1
    reports.accept_report(ctx.desk, ctx.actor, page.pending.model.data(page.pending.model.index(0, 0), IdRole))
    qtbot.keyClick(page, Qt.Key.Key_F5)
    assert page.pending.model.rowCount() == 0 and page.pending.empty.isVisibleTo(page)


def test_open_report_from_the_dashboard_in_the_main_window(qtbot: QtBot, ctx: AppContext) -> None:
    ctx.desk.clock = lambda: NOW
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    dashboard.activate()
    target = dashboard.pending.model.data(dashboard.pending.model.index(0, 0), IdRole)
    dashboard.pending.view.activated.emit(dashboard.pending.model.index(0, 0))
    reports_page = window.pages["reports"]
    assert window.current_page() is reports_page
    editor = reports_page.editor  # type: ignore[attr-defined]
    assert editor.report is not None and editor.report.id == target
    qtbot.waitUntil(lambda: not reports_page.loading, timeout=5000)  # type: ignore[attr-defined]
    qtbot.wait(300)  # past the page's own debounced first load
    table = reports_page.table  # type: ignore[attr-defined]
    assert table.selectionModel().currentIndex().row() == reports_page.model.row_of(target)  # type: ignore[attr-defined]
