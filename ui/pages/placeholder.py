"""Pages whose real screens arrive with later work; each says plainly what will be here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from meetingdesk.i18n import N_, _

from ui.context import AppContext
from ui.pages.base import Page


class _Placeholder(Page):
    text = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        label = QLabel(_(self.text))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setObjectName("placeholderText")
        layout = QVBoxLayout(self)
        layout.addWidget(label)


class DashboardPlaceholder(_Placeholder):
    text = N_("工作台")


class ReportsPlaceholder(_Placeholder):
    text = N_("案件报告")


class MeetingsPlaceholder(_Placeholder):
    text = N_("会议")


class RosterPlaceholder(_Placeholder):
    text = N_("成员与会议组")


class StatsPlaceholder(_Placeholder):
    text = N_("统计功能正在建设中。\n将按会议组和期间统计会议、议题、采纳率和提交审委会情况。")
