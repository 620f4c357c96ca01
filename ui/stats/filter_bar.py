"""The 统计 page's filter: which body, and which period (a month, a quarter, a year or any range of days)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

from meetingdesk.i18n import N_, _
from meetingdesk.services.roster import list_bodies
from meetingdesk.stats import Period

from ui.affixes import set_affixes
from ui.context import AppContext

KINDS: tuple[tuple[str, str], ...] = (
    ("month", N_("按月")),
    ("quarter", N_("按季度")),
    ("year", N_("按年")),
    ("custom", N_("自定义期间")),
)
QUARTERS = (N_("第一季度"), N_("第二季度"), N_("第三季度"), N_("第四季度"))


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class StatsFilterBar(QWidget):
    sig_changed = Signal()
    """The body or the period changed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        today = ctx.desk.now().date()
        self.body = QComboBox()
        self.body.setObjectName("statsBody")
        self.body.setToolTip(_("统计全部会议组（并列出合计），或只统计一个会议组"))
        self.body.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.body.setMinimumContentsLength(6)  # narrow windows still fit; the list shows the full names
        self.body.view().setMinimumWidth(260)
        self.kind = QComboBox()
        self.kind.setObjectName("statsKind")
        self.kind.setToolTip(_("统计期间：按月、按季度、按年，或自定义起止日期"))
        for code, label in KINDS:
            self.kind.addItem(_(label), code)
        self.year = QSpinBox()
        self.year.setObjectName("statsYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        set_affixes(self.year, _("{n}年"))
        self.year.setToolTip(_("统计年度"))
        self.quarter = QComboBox()
        self.quarter.setObjectName("statsQuarter")
        for label in QUARTERS:
            self.quarter.addItem(_(label))
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.quarter.setToolTip(_("统计季度"))
        self.month = QComboBox()
        self.month.setObjectName("statsMonth")
        for m in range(1, 13):
            self.month.addItem(_("{m}月").format(m=m), m)
        self.month.setCurrentIndex(today.month - 1)
        self.month.setToolTip(_("统计月份"))
        self.start = QDateEdit(_qdate(date(today.year, 1, 1)))
        self.start.setObjectName("statsFrom")
        self.end = QDateEdit(_qdate(today))
        self.end.setObjectName("statsTo")
        for edit, tip in ((self.start, _("期间开始日期（含）")), (self.end, _("期间结束日期（含）"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setToolTip(tip)
        self.to_label = QLabel(_("至"))
        self.previous = QToolButton()
        self.previous.setObjectName("statsPrevious")
        self.previous.setText("◀")
        self.previous.setToolTip(_("上一期（Alt+←）"))
        self.previous.setShortcut(QKeySequence("Alt+Left"))
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next = QToolButton()
        self.next.setObjectName("statsNext")
        self.next.setText("▶")
        self.next.setToolTip(_("下一期（Alt+→）"))
        self.next.setShortcut(QKeySequence("Alt+Right"))
        self.next.clicked.connect(lambda: self.step(1))

        body_label = QLabel(_("会议组(&B)："))
        body_label.setBuddy(self.body)
        period_label = QLabel(_("期间(&P)："))
        period_label.setBuddy(self.kind)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(body_label)
        layout.addWidget(self.body, 1)
        layout.addSpacing(6)
        layout.addWidget(period_label)
        for w in (self.kind, self.previous, self.year, self.quarter, self.month, self.start, self.to_label, self.end):
            layout.addWidget(w)
        layout.addWidget(self.next)
        layout.addStretch(3)
        self.setTabOrder(self.body, self.kind)
        self.setTabOrder(self.kind, self.year)
        self.setTabOrder(self.year, self.quarter)
        self.setTabOrder(self.quarter, self.month)
        self.setTabOrder(self.month, self.start)
        self.setTabOrder(self.start, self.end)

        self.kind.setCurrentIndex(2)  # the year: what courts report
        self._show_fields()
        self.reload_bodies()
        self.body.currentIndexChanged.connect(self.sig_changed)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.year.valueChanged.connect(self.sig_changed)
        self.quarter.currentIndexChanged.connect(self.sig_changed)
        self.month.currentIndexChanged.connect(self.sig_changed)
        self.start.dateChanged.connect(self.sig_changed)
        self.end.dateChanged.connect(self.sig_changed)

    # ---- public API

    def reload_bodies(self) -> None:
        """Re-read the bodies (after the roster changed), keeping the selection."""
        current = self.body.currentData()
        self.body.blockSignals(True)
        try:
            self.body.clear()
            self.body.addItem(_("全部会议组"), None)
            for b in list_bodies(self.ctx.desk):
                self.body.addItem(b.name if b.active else _("{name}（已停用）").format(name=b.name), b.id)
            self.body.setCurrentIndex(max(self.body.findData(current), 0))
        finally:
            self.body.blockSignals(False)

    def body_id(self) -> int | None:
        value = self.body.currentData()
        return int(value) if value is not None else None

    def period_kind(self) -> str:
        return str(self.kind.currentData())

    def period(self) -> Period:
        """The chosen period.

        Raises:
            ValidationError: a custom period that ends before it starts.
        """
        kind = self.period_kind()
        if kind == "month":
            return Period.month(self.year.value(), self.month.currentIndex() + 1)
        if kind == "quarter":
            return Period.quarter(self.year.value(), self.quarter.currentIndex() + 1)
        if kind == "year":
            return Period.year(self.year.value())
        return Period.custom(_pydate(self.start.date()), _pydate(self.end.date()))

    def set_period(self, period: Period, body_id: int | None = None) -> None:
        """Show ``period`` (and the body), e.g. from a test or a screenshot scene; emits one change."""
        self.blockSignals(True)
        try:
            self.kind.setCurrentIndex(max(self.kind.findData(period.kind), 0))
            self.year.setValue(period.start.year)
            self.quarter.setCurrentIndex((period.start.month - 1) // 3)
            self.month.setCurrentIndex(period.start.month - 1)
            self.start.setDate(_qdate(period.start))
            self.end.setDate(_qdate(period.end))
            self.body.setCurrentIndex(max(self.body.findData(body_id), 0))
            self._show_fields()
        finally:
            self.blockSignals(False)
        self.sig_changed.emit()

    def step(self, delta: int) -> None:
        """Move to the previous (-1) or next (+1) month, quarter or year (a custom range by its own length)."""
        kind = self.period_kind()
        if kind == "year":
            self.year.setValue(self.year.value() + delta)
        elif kind in ("month", "quarter"):
            combo = self.month if kind == "month" else self.quarter
            n = combo.currentIndex() + delta
            size = combo.count()
            self.blockSignals(True)
            try:
                self.year.setValue(self.year.value() + n // size)
                combo.setCurrentIndex(n % size)
            finally:
                self.blockSignals(False)
            self.sig_changed.emit()
        else:
            days = self.start.date().daysTo(self.end.date()) + 1
            self.blockSignals(True)
            try:
                self.start.setDate(self.start.date().addDays(delta * days))
                self.end.setDate(self.end.date().addDays(delta * days))
            finally:
                self.blockSignals(False)
            self.sig_changed.emit()

    # ---- internals

    def _on_kind(self) -> None:
        self._show_fields()
        self.sig_changed.emit()

    def _show_fields(self) -> None:
        kind = self.period_kind()
        self.year.setVisible(kind != "custom")
        self.quarter.setVisible(kind == "quarter")
        self.month.setVisible(kind == "month")
        for w in (self.start, self.to_label, self.end):
            w.setVisible(kind == "custom")
