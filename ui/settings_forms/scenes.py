"""Screenshot scenes of the 设置 page (demo database only): the administrator's view, and a roster import
preview with one wrong row."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.services.users import authenticate

if TYPE_CHECKING:
    from ui.pages.settings import SettingsPage

DEMO_PASSWORD = "demo1234"  # the demo database's accounts (README); other databases show the user's own view


def as_administrator(page: SettingsPage) -> QWidget:
    """The page as the demo administrator sees it (editable), in a window of the main window's size."""
    from ui.pages.settings import SettingsPage

    try:
        admin = authenticate(page.ctx.desk, "admin", DEMO_PASSWORD)
    except MeetingDeskError:
        return page.window()
    other = SettingsPage(replace(page.ctx, actor=admin))
    other.setWindowTitle(_("设置"))
    other.resize(page.window().size())
    other.show()
    other.activate()
    other.court.court_name.setFocus()
    QApplication.processEvents()
    return other


def import_preview(page: SettingsPage) -> QWidget:
    """A roster file with a member whose body does not exist: the preview shows the row in red."""
    from openpyxl import Workbook

    from ui.exchange.import_dialog import RosterImportDialog

    folder = Path(tempfile.mkdtemp(prefix="md-scene-"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "成员"  # the file's own words (a court's roster is in Chinese), not interface text
    sheet.append(["姓名", "部门", "法官等级", "晋升日期", "会议组", "主持人", "联系电话"])
    sheet.append(["林晓东", "民一庭", "三级高级法官", "2020-12-01", "民事专业法官会议", "否", "0431-8800 1021"])
    sheet.append(["何静", "民二庭", "四级高级法官", "2019-06-01", "商事专业法官会议", "否", ""])
    sheet.append(["李雪梅", "", "", "", "民事专业法官会议", "是", "0431-8800 1003"])
    sheet.append(["何玉兰", "", "", "", "刑事专业法官会议", "否", ""])
    path = folder / "本院名册.xlsx"
    book.save(path)
    dialog = page.exchange.import_roster(path)
    assert isinstance(dialog, RosterImportDialog)
    for _i in range(200):
        if dialog.preview is not None:
            break
        page.ctx.tasks.wait(50)
        QApplication.processEvents()
    return dialog
