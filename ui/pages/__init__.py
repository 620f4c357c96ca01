"""The main window's pages, in navigation order. Each entry names its class lazily ("module:Class")."""

from __future__ import annotations

from dataclasses import dataclass

from meetingdesk.i18n import N_


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    target: str  # "module:Class", imported when the window is built
    shortcut: str = ""


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", N_("工作台"), "ui.pages.dashboard:DashboardPage", "Ctrl+1"),
    PageSpec("reports", N_("案件报告"), "ui.pages.reports:ReportsPage", "Ctrl+2"),
    PageSpec("meetings", N_("会议"), "ui.pages.meetings:MeetingsPage", "Ctrl+3"),
    PageSpec("library", N_("参考案例库"), "ui.pages.library:LibraryPage", "Ctrl+4"),
    PageSpec("stats", N_("统计"), "ui.pages.stats:StatsPage", "Ctrl+5"),
    PageSpec("roster", N_("成员与会议组"), "ui.pages.roster:RosterPage", "Ctrl+6"),
    PageSpec("settings", N_("设置"), "ui.pages.settings:SettingsPage", "Ctrl+7"),
)
