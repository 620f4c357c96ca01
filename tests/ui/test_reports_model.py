"""The reports table model: Qt's model contract, and 100,000 rows without freezing the window."""

from __future__ import annotations

import time

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from meetingdesk.services.report_table import ReportQuery, report_ids, report_rows

from ui.context import AppContext
from ui.pages.reports import ReportsPage
from ui.reports.table_model import BATCH, ReportTableModel
from ui.row_model import IdRole

from bench.reports_table import seed_reports


def test_report_model_contract_and_values(qtmodeltester: object, ctx: AppContext) -> None:
    fetched: list[int] = []

    def fetch(ids: object) -> dict[int, object]:
        fetched.append(len(ids))  # type: ignore[arg-type]
        return report_rows(ctx.desk, ctx.actor, ids)  # type: ignore[arg-type,return-value]

    model = ReportTableModel(fetch)  # type: ignore[arg-type]
    ids = report_ids(ctx.desk, ctx.actor, ReportQuery(sort="case_number", descending=False))
    model.set_ids(ids, ReportQuery())
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == len(ids) == 22
    assert model.headerData(0, Qt.Orientation.Horizontal) == "案号"
    first = model.report_row(0)
    assert first is not None and model.data(model.index(0, 0)) == first.case_number
    assert model.data(model.index(0, 0), IdRole) == ids[0]
    late_rows = [r for r in range(model.rowCount()) if model.data(model.index(r, 6)) == "逾期"]
    assert len(late_rows) == 1 and model.data(model.index(late_rows[0], 6), Qt.ItemDataRole.ToolTipRole)
    # a report deleted meanwhile shows as a placeholder instead of failing
    model.set_ids([*ids[:3], 987_654], ReportQuery())
    assert model.data(model.index(3, 0)) == "（已删除）"
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert max(fetched) <= BATCH


@pytest.mark.slow
def test_hundred_thousand_rows_load_in_well_under_a_second(qtbot: QtBot, ctx: AppContext) -> None:
    seed_reports(ctx.desk, 100_000)
    total = int(ctx.desk.scalar("SELECT COUNT(*) FROM reports"))
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000) as loaded:
        page.reload()
    assert loaded.args == [total] and page.model.rowCount() == total > 100_000

    # The query runs on a worker thread; what the GUI thread does is swap the ids in and paint.
    query = page.current_query()
    started = time.perf_counter()
    ids = report_ids(ctx.desk, ctx.actor, query)
    query_s = time.perf_counter() - started
    app = QApplication.instance()
    assert app is not None
    started = time.perf_counter()
    page.model.set_ids(ids, query)
    app.processEvents()
    page.table.scrollToBottom()
    app.processEvents()
    last = page.model.report_row(total - 1)
    page.table.scrollToTop()
    app.processEvents()
    gui_s = time.perf_counter() - started
    assert last is not None
    assert gui_s < 0.5, f"GUI thread busy {gui_s:.3f} s"
    assert query_s < 1.0, f"id query took {query_s:.3f} s"

    # sorting by a header click goes through the same worker path
    started = time.perf_counter()
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        page.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # 承办法官
    assert time.perf_counter() - started < 2.0
    judges = [page.model.data(page.model.index(r, 4)) for r in (0, 1, total // 2, total - 1)]
    assert judges == sorted(judges)
