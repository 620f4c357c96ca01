"""Data exchange in the GUI: the roster import previews every row and writes nothing until confirmed (and
nothing at all while a row is wrong); roster and table exports and the open export write files that open."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from meetingdesk.services import roster

from ui.app import build_context
from ui.context import AppContext
from ui.exchange.import_dialog import RosterImportDialog
from ui.exchange.panel import DataExchangePanel
from ui.main_window import MainWindow
from ui.pages.roster import RosterPage
from ui.settings import UiSettings

from tests.ui.conftest import actor_for


def roster_file(path: Path, members: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "成员"
    sheet.append(["姓名", "部门", "法官等级", "晋升日期", "会议组"])
    for row in members:
        sheet.append(row)
    book.save(path)
    return path


def counts(ctx: AppContext) -> tuple[int, int]:
    return len(roster.list_judges(ctx.desk)), int(ctx.desk.scalar("SELECT COUNT(*) FROM body_members"))


def open_preview(qtbot: QtBot, panel: DataExchangePanel, path: Path) -> RosterImportDialog:
    dialog = panel.import_roster(path)
    assert isinstance(dialog, RosterImportDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    return dialog


@pytest.fixture
def panel(qtbot: QtBot, ctx: AppContext) -> DataExchangePanel:
    widget = DataExchangePanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_bad_row_is_shown_and_nothing_is_imported(
    qtbot: QtBot, ctx: AppContext, panel: DataExchangePanel, tmp_path: Path, qtmodeltester: object
) -> None:
    before = counts(ctx)
    path = roster_file(
        tmp_path / "名册.xlsx",
        [
            ["新法官甲", "民一庭", "三级法官", "2021-06-01", "民事专业法官会议"],
            ["新法官乙", "民二庭", "三级法官", "2021-06-01", "不存在的会议组"],
        ],
    )
    dialog = open_preview(qtbot, panel, path)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    rows = dialog.model.rows()
    assert [(r.name, r.action) for r in rows] == [("新法官甲", "create"), ("新法官乙", "error")]
    bad = dialog.model.index(1, 6)
    assert "不存在的会议组" in dialog.model.data(bad) and dialog.model.data(bad, Qt.ItemDataRole.ForegroundRole)
    assert "第3行" in dialog.problems.text() and dialog.problems.isVisible()
    assert not dialog.import_button.isEnabled()
    dialog.apply()  # even if forced, nothing happens while a row is wrong
    dialog.only_errors.setChecked(True)
    assert dialog.proxy.rowCount() == 1
    assert counts(ctx) == before
    dialog.reject()
    assert counts(ctx) == before


def test_a_good_file_is_imported_only_when_confirmed(
    qtbot: QtBot, ctx: AppContext, panel: DataExchangePanel, tmp_path: Path
) -> None:
    before = counts(ctx)
    changed: list[str] = []
    ctx.signals.sig_data_changed.connect(changed.append)
    path = roster_file(
        tmp_path / "名册.xlsx",
        [
            ["新法官甲", "民一庭", "三级法官", "2021-06-01", "民事专业法官会议"],
            ["新法官乙", "民二庭", "二级法官", "2019年3月1日", "民事专业法官会议、行政专业法官会议"],
        ],
    )
    dialog = open_preview(qtbot, panel, path)
    assert "新增2行" in dialog.summary.text() and dialog.import_button.isEnabled()
    assert counts(ctx) == before  # the preview wrote nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10000)
    assert counts(ctx) == (before[0] + 2, before[1] + 3)
    assert dialog.result_value is not None and dialog.result_value.judges_created == 2
    assert "roster" in changed
    new = {j.name: j for j in roster.list_judges(ctx.desk)}
    assert new["新法官乙"].grade == "二级法官" and str(new["新法官乙"].grade_since) == "2019-03-01"


def test_the_roster_page_offers_the_import(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("roster")
    assert isinstance(page, RosterPage) and page.import_button.isVisible()
    path = roster_file(tmp_path / "a.xlsx", [["新法官丙", "刑庭", "四级法官", "2022-01-01", "刑事专业法官会议"]])
    dialog = page.import_roster(path)
    assert isinstance(dialog, RosterImportDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.import_button.isEnabled()
    dialog.reject()


def test_unreadable_file_is_reported(
    qtbot: QtBot, panel: DataExchangePanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    path = tmp_path / "名册.xlsx"
    path.write_bytes(b"this is no workbook")
    dialog = panel.import_roster(path)
    assert isinstance(dialog, RosterImportDialog)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "数据未作任何更改" in dialog.summary.text() and not dialog.import_button.isEnabled()


def test_exports_for_administrators(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secretary_panel = DataExchangePanel(ctx)
    qtbot.addWidget(secretary_panel)
    assert not secretary_panel.tables_button.isEnabled() and not secretary_panel.open_button.isEnabled()
    assert "管理员" in secretary_panel.tables_button.toolTip()
    assert secretary_panel.roster_button.isEnabled() and secretary_panel.import_button.isEnabled()

    admin = build_context(ctx.desk, actor_for(ctx.desk, "admin"), UiSettings(str(tmp_path / "a.ini")))
    panel = DataExchangePanel(admin)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.tables_button.isEnabled()

    target = tmp_path / "out" / "全部"  # no suffix typed: .xlsx is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    qtbot.mouseClick(panel.tables_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.last_result is not None, timeout=20000)
    book = load_workbook(panel.last_result)
    assert panel.last_result == target.with_name("全部.xlsx")
    assert "目录" in book.sheetnames and "reports" in book.sheetnames and "meetings" in book.sheetnames
    reports = book["reports"]
    assert reports.max_row - 1 == ctx.desk.scalar("SELECT COUNT(*) FROM reports")

    panel.last_result = None
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(tmp_path / "exports"))
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.last_result is not None, timeout=30000)
    folder = panel.last_result.folder
    assert folder.parent == tmp_path / "exports" and folder.name.startswith("MeetingDesk开放格式导出-")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "meetingdesk-open-export"
    assert (folder / "tables" / "reports.json").is_file()
    assert "已导出到" in panel.status.text()

    panel.last_result = None
    roster_target = tmp_path / "名册导出.xlsx"
    panel.export_roster(roster_target)
    qtbot.waitUntil(lambda: panel.last_result == roster_target, timeout=10000)
    names = {r[0].value for r in load_workbook(roster_target)["成员"].iter_rows(min_row=2)}
    assert {j.name for j in roster.list_judges(ctx.desk)} <= names

    template = tmp_path / "模板.xlsx"
    panel.save_template(template)
    qtbot.waitUntil(lambda: panel.last_result == template, timeout=10000)
    assert "说明" in load_workbook(template).sheetnames
