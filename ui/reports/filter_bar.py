"""The reports table's filter bar: text, state, body, 承办法官, submission period, late only."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QWidget

from meetingdesk.domain.choices import REPORT_STATES
from meetingdesk.i18n import N_, _
from meetingdesk.services.report_table import ReportQuery
from meetingdesk.services.roster import list_bodies, list_judges

from ui.context import AppContext

OPEN_STATES = ("draft", "submitted", "returned", "accepted", "scheduled")
"""States still in the secretary's hands (not yet discussed, closed or withdrawn)."""

PERIODS: tuple[tuple[int, str], ...] = (
    (0, N_("提交时间不限")),
    (7, N_("近7天提交")),
    (30, N_("近30天提交")),
    (90, N_("近90天提交")),
    (365, N_("近一年提交")),
)


class ReportFilterBar(QWidget):
    sig_changed = Signal()
    """Any filter changed (the page reloads after a short pause)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setObjectName("reportSearch")
        self.search.setPlaceholderText(_("搜索案号、案由、当事人（Ctrl+F）"))
        self.search.setToolTip(_("按案号、案由或当事人查找，输入时即时筛选"))
        self.search.setClearButtonEnabled(True)
        self.late = QCheckBox(_("仅逾期"))
        self.late.setObjectName("lateOnly")
        self.late.setToolTip(_("只显示材料晚于会前送达期限的案件"))
        self.state = QComboBox()
        self.state.setObjectName("stateFilter")
        self.state.setToolTip(_("按办理状态筛选"))
        self.state.addItem(_("全部状态"), ())
        self.state.addItem(_("未办结（草稿至已排期）"), OPEN_STATES)
        for code, label in REPORT_STATES:
            self.state.addItem(label, (code,))
        self.body = QComboBox()
        self.body.setObjectName("bodyFilter")
        self.body.setToolTip(_("按会议组筛选"))
        self.judge = QComboBox()
        self.judge.setObjectName("judgeFilter")
        self.judge.setToolTip(_("按承办法官筛选"))
        self.period = QComboBox()
        self.period.setObjectName("periodFilter")
        self.period.setToolTip(_("按提交日期筛选"))
        for days, label in PERIODS:
            self.period.addItem(_(label), days)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search, 0, 0, 1, 3)
        grid.addWidget(self.late, 0, 3)
        grid.addWidget(self.state, 1, 0)
        grid.addWidget(self.body, 1, 1)
        grid.addWidget(self.judge, 1, 2)
        grid.addWidget(self.period, 1, 3)
        self.reload_choices()
        self.search.textChanged.connect(self.sig_changed)
        self.late.toggled.connect(self.sig_changed)
        for combo in (self.state, self.body, self.judge, self.period):
            combo.currentIndexChanged.connect(self.sig_changed)
            # narrow windows: the combos shrink instead of forcing the window wider
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(2)

    def reload_choices(self) -> None:
        body, judge = self.body.currentData(), self.judge.currentData()
        self.body.blockSignals(True)
        self.judge.blockSignals(True)
        try:
            self.body.clear()
            self.body.addItem(_("全部会议组"), None)
            for b in list_bodies(self.ctx.desk):
                self.body.addItem(b.name, b.id)
            self.judge.clear()
            self.judge.addItem(_("全部承办法官"), None)
            for j in list_judges(self.ctx.desk, judges_only=True):
                self.judge.addItem(j.name, j.id)
            self.body.setCurrentIndex(max(self.body.findData(body), 0))
            self.judge.setCurrentIndex(max(self.judge.findData(judge), 0))
        finally:
            self.body.blockSignals(False)
            self.judge.blockSignals(False)

    def query(self, sort: str, descending: bool) -> ReportQuery:
        days = int(self.period.currentData() or 0)
        today = self.ctx.desk.now().date()
        return ReportQuery(
            states=tuple(self.state.currentData() or ()),
            body_id=self.body.currentData(),
            reporting_judge_id=self.judge.currentData(),
            text=self.search.text(),
            late_only=self.late.isChecked(),
            submitted_from=(today - timedelta(days=days)) if days else None,
            submitted_to=None,
            sort=sort,
            descending=descending,
        )

    def clear(self) -> None:
        """Show everything (used when a report is opened from elsewhere and is filtered out)."""
        self.blockSignals(True)
        try:
            self.search.clear()
            self.late.setChecked(False)
            for combo in (self.state, self.body, self.judge, self.period):
                combo.setCurrentIndex(0)
        finally:
            self.blockSignals(False)
        self.sig_changed.emit()

    def is_default(self) -> bool:
        return (
            not self.search.text()
            and not self.late.isChecked()
            and all(c.currentIndex() == 0 for c in (self.state, self.body, self.judge, self.period))
        )
