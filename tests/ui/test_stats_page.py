"""统计 page: the numbers shown are the core's, the charts paint what they are given, exports open."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QFileDialog

from meetingdesk.stats import Period, Statistics, compute_statistics
from meetingdesk.stats.tables import members_table, overview_table, referrals_table
from meetingdesk.tabular import Table, format_cell

from ui.app import build_context
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.stats import StatsPage
from ui.settings import UiSettings
from ui.stats.charts import PALETTE, BarChart, DonutChart, Series, Slice, nice_step
from ui.stats.table_model import TabularModel

from tests.ui.conftest import actor_for


def open_stats(qtbot: QtBot, ctx: AppContext) -> StatsPage:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    page = window.show_page("stats")
    assert isinstance(page, StatsPage)
    wait_for_figures(qtbot, page)
    return page


def wait_for_figures(qtbot: QtBot, page: StatsPage) -> Statistics:
    qtbot.waitUntil(lambda: page.stats is not None and not page.computing, timeout=10000)
    assert page.stats is not None
    return page.stats


def shown(model: TabularModel) -> list[list[str]]:
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def as_text(table: Table) -> list[list[str]]:
    return [[format_cell(v, col.kind) for v, col in zip(row, table.columns, strict=True)] for row in table.rows]


def transposed(rows: list[list[str]]) -> list[list[str]]:
    return [list(column) for column in zip(*rows, strict=True)][1:]  # the names become the header


def test_the_page_shows_the_cores_figures(qtbot: QtBot, ctx: AppContext, qtmodeltester: object) -> None:
    page = open_stats(qtbot, ctx)
    core = compute_statistics(ctx.desk, ctx.actor, Period.year(2026))
    assert page.stats is not None
    assert (page.stats.total, page.stats.bodies, page.stats.members) == (core.total, core.bodies, core.members)
    overview = overview_table(core)
    assert shown(page.overview_model) == transposed(as_text(overview))
    headers = [page.overview_model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == [b.body_name for b in core.bodies] + ["合计"]
    assert shown(page.members_model) == as_text(members_table(core))
    assert shown(page.referrals_model) == as_text(referrals_table(core))
    # hand counts of the demo year (tests/core/test_stats.py): 8 held, 12 discussed, 10 with a majority
    row = {page.overview_model.headerData(r, Qt.Orientation.Vertical): r for r in range(page.overview_model.rowCount())}
    assert page.overview_model.text(row["召开会议"], 4) == "8"
    assert page.overview_model.text(row["未形成多数意见"], 4) == "2"
    assert "共召开会议8次（另流会1次）" in page.summary.text()
    for model in (page.overview_model, page.members_model, page.referrals_model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]

    # one body, one quarter: the same tables again, for the new choice
    page.filter.set_period(Period.quarter(2026, 4), body_id=3)
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.period == Period.quarter(2026, 4), timeout=10000)
    wait_for_figures(qtbot, page)
    core = compute_statistics(ctx.desk, ctx.actor, Period.quarter(2026, 4), body_id=3)
    assert shown(page.overview_model) == transposed(as_text(overview_table(core)))
    assert page.overview_model.columnCount() == 1  # no 合计 for one body
    assert page.heading.text() == "2026年第四季度行政专业法官会议工作统计"
    assert sum(b.figures.meetings_held for b in page.series) == core.total.meetings_held
    assert [b.label for b in page.series] == ["10月", "11月", "12月"]


def test_period_controls(qtbot: QtBot, ctx: AppContext) -> None:
    page = open_stats(qtbot, ctx)
    f = page.filter
    f.kind.setCurrentIndex(f.kind.findData("month"))
    assert f.month.isVisible() and not f.quarter.isVisible() and not f.start.isVisible()
    f.month.setCurrentIndex(0)
    f.year.setValue(2026)
    qtbot.mouseClick(f.previous, Qt.MouseButton.LeftButton)
    assert f.period() == Period.month(2025, 12)
    qtbot.mouseClick(f.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(f.next, Qt.MouseButton.LeftButton)
    assert f.period() == Period.month(2026, 2)
    f.kind.setCurrentIndex(f.kind.findData("custom"))
    assert f.start.isVisible() and not f.year.isVisible()
    f.start.setDate(f.end.date().addDays(5))
    page.recompute()
    assert "结束日期不能早于开始日期" in page.status.text()
    f.set_period(Period.month(2026, 9))
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.period == Period.month(2026, 9), timeout=10000)
    assert page.series[0].unit == "week" and page.by_month.title == "会议与议题（按周）"


def test_members_without_read_all_see_why(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    member_ctx = build_context(ctx.desk, actor_for(ctx.desk, "member"), UiSettings(str(tmp_path / "m.ini")))
    window = MainWindow(member_ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("stats")
    assert isinstance(page, StatsPage)
    assert "无权查看统计" in page.status.text()
    assert not page.export_button.isEnabled() and page.stats is None


def colour_pixels(image: QImage, colour: str) -> int:
    want = QColor(colour)
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).rgb() == want.rgb()
    )


def test_bar_chart_paints_its_values(qtbot: QtBot) -> None:
    chart = BarChart("测试")
    qtbot.addWidget(chart)
    chart.resize(500, 320)
    chart.set_data(["9月", "10月"], [Series("召开", (2, 4), PALETTE["blue"]), Series("流会", (0, 1), PALETTE["amber"])])
    image = chart.grab().toImage()
    bars = chart.bars()
    assert [(b.category, b.series, b.value) for b in bars] == [
        ("9月", "召开", 2),
        ("10月", "召开", 4),
        ("10月", "流会", 1),
    ]
    assert bars[1].rect.height() == pytest.approx(2 * bars[0].rect.height(), rel=0.02)  # drawn to scale
    assert colour_pixels(image, PALETTE["blue"]) > 50 and colour_pixels(image, PALETTE["amber"]) > 5
    assert chart.text_at(bars[1].rect.center()) == "10月　召开：4"
    assert chart.text_at(QPointF(1, 1)) == ""
    with pytest.raises(ValueError, match="2 categories"):
        chart.set_data(["a", "b"], [Series("x", (1,), "#000000")])

    stacked = BarChart("横向", horizontal=True, stacked=True)
    qtbot.addWidget(stacked)
    stacked.resize(400, 200)
    stacked.set_data(["甲", "乙"], [Series("出席", (3, 1), PALETTE["blue"]), Series("请假", (1, 0), PALETTE["red"])])
    stacked.grab()
    lengths = {(b.category, b.series): b.rect.width() for b in stacked.bars()}
    assert lengths[("甲", "出席")] == pytest.approx(3 * lengths[("乙", "出席")], rel=0.02)
    assert lengths[("甲", "请假")] == pytest.approx(lengths[("乙", "出席")], rel=0.02)

    empty = BarChart("空")
    qtbot.addWidget(empty)
    empty.set_data(["1月"], [Series("召开", (0,), PALETTE["blue"])])
    empty.resize(300, 200)
    assert colour_pixels(empty.grab().toImage(), PALETTE["blue"]) == 0 and empty.bars() == []


def test_donut_chart_and_axis_steps(qtbot: QtBot) -> None:
    donut = DonutChart("采纳")
    qtbot.addWidget(donut)
    donut.resize(420, 260)
    donut.set_data([Slice("采纳", 3, PALETTE["green"]), Slice("未采纳", 1, PALETTE["red"])], "75.0%", "采纳率")
    image = donut.grab().toImage()
    green, red = colour_pixels(image, PALETTE["green"]), colour_pixels(image, PALETTE["red"])
    assert green > 2.5 * red > 0  # three quarters against one, plus the legend keys
    assert donut.text_at(QPointF(donut._ring.center().x() + donut._ring.width() * 0.4, donut._ring.center().y())) == (
        "采纳  3（75.0%）"
    )
    assert [nice_step(v) for v in (0, 3, 8, 12, 95, 1000)] == [1.0, 1.0, 2.0, 5.0, 20.0, 200.0]


def test_the_pages_charts_follow_the_figures(qtbot: QtBot, ctx: AppContext) -> None:
    page = open_stats(qtbot, ctx)
    page.tabs.setCurrentIndex(1)
    qtbot.waitExposed(page.by_month)
    stats = page.stats
    assert stats is not None
    page.by_month.grab()
    held = {b.category: b.value for b in page.by_month.bars() if b.series == "召开会议"}
    assert sum(held.values()) == stats.total.meetings_held == 8
    page.results.grab()
    without = {b.category: b.value for b in page.results.bars() if b.series == "未形成多数意见"}
    assert without == {b.body_name: b.without_majority for b in stats.bodies if b.without_majority}
    a = stats.total.adoption
    assert [s.value for s in page.adoption.slices] == [a.adopted, a.partly, a.not_adopted, a.pending]
    assert page.adoption.centre == "62.5%"
    page.tabs.setCurrentIndex(2)
    page.attendance.grab()
    present = sum(b.value for b in page.attendance.bars() if b.series == "出席")
    assert present == sum(m.present for m in stats.members)


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pdf", "compilation"])
def test_exports_write_files_that_open(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    page = open_stats(qtbot, ctx)
    suffix = {"xlsx": "xlsx", "docx": "docx", "pdf": "pdf", "compilation": "docx"}[kind]
    target = tmp_path / "out" / f"统计.{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    action = page.export_button.menu().findChild(QAction, f"statsExport_{kind}")
    assert action is not None and action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: page.export_button.last_written == target, timeout=30000)
    stats = page.stats
    assert stats is not None
    if kind == "xlsx":
        book = load_workbook(target)
        sheet = book["概况"]
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        header = next(r for r in values if r and r[0] == "会议组")
        total = next(r for r in values if r and r[0] == "合计")
        assert total[header.index("召开会议")] == stats.total.meetings_held
        assert total[header.index("讨论议题")] == stats.total.items_discussed
    elif kind == "docx":
        text = "\n".join(p.text for p in Document(str(target)).paragraphs)
        assert "2026年专业法官会议工作统计" in text and "共召开会议8次" in text
    elif kind == "compilation":
        text = "\n".join(p.text for p in Document(str(target)).paragraphs)
        assert "讨论意见汇编" in text and "（2026）吉09刑终128号" in text
    else:
        assert target.read_bytes().startswith(b"%PDF")
        if shutil.which("pdftotext"):
            out = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True)
            assert "工作统计" in "".join(out.stdout.split())


def test_headings_explain_the_figures(qtbot: QtBot, ctx: AppContext) -> None:
    page = open_stats(qtbot, ctx)
    model = page.overview_model
    tips = {
        model.headerData(r, Qt.Orientation.Vertical): model.headerData(
            r, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole
        )
        for r in range(model.rowCount())
    }
    assert tips["采纳率"] == "采纳 ÷ 已复议的议题"
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None  # a body's name
