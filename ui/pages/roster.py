"""成员与会议组: bodies with their quorum and deadline settings, members and presiders, judges, rooms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QToolButton, QVBoxLayout, QWidget

from meetingdesk.i18n import _, pgettext
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.pages.base import Page
from ui.roster.bodies import BodiesTab
from ui.roster.judges import JudgesTab
from ui.roster.rooms import RoomsTab


class RosterPage(Page):
    areas = ("roster",)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.bodies = BodiesTab(ctx)
        self.judges = JudgesTab(ctx)
        self.rooms = RoomsTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("rosterTabs")
        self.tabs.addTab(self.bodies, pgettext("tab", "会议组"))
        self.tabs.addTab(self.judges, pgettext("tab", "人员"))
        self.tabs.addTab(self.rooms, pgettext("tab", "会议室"))
        self.tabs.setTabToolTip(0, _("会议组的法定人数、材料期限和组成人员"))
        self.tabs.setTabToolTip(1, _("法官等级和晋升日期决定发言顺序"))
        self.tabs.setTabToolTip(2, _("会议室"))
        if allowed(ctx.actor, "roster.edit"):
            self.import_button = QToolButton()
            self.import_button.setObjectName("rosterImport")
            self.import_button.setText(_("从 Excel 导入…"))
            self.import_button.setToolTip(_("从本院的名册表格（.xlsx/.csv）导入成员和会议组，先预览再导入"))
            self.import_button.setAutoRaise(True)
            self.import_button.clicked.connect(lambda _c=False: self.import_roster())
            self.tabs.setCornerWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)
        refresh = QAction(_("刷新"), self)
        refresh.setShortcut(QKeySequence("F5"))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(lambda _c=False: self.refresh())
        self.addAction(refresh)

    def import_roster(self, path: Path | None = None) -> QWidget | None:
        from ui.exchange.import_dialog import open_roster_import

        return open_roster_import(self.ctx, self, path)

    def refresh(self) -> None:
        for tab in (self.bodies, self.judges, self.rooms):
            if not tab.dirty:
                tab.reload()

    def save_state(self) -> None:
        for tab in (self.bodies, self.judges, self.rooms):
            tab.save_state()

    def screenshot_scenes(self) -> list[tuple[str, Callable[[], QWidget]]]:
        from ui.roster.scenes import small_body_flagged

        def tab(widget: QWidget) -> QWidget:
            self.tabs.setCurrentWidget(widget)
            return self.window()

        return [
            ("quorum-flag", lambda: small_body_flagged(self)),
            ("judges", lambda: tab(self.judges)),
            ("rooms", lambda: tab(self.rooms)),
        ]
