"""Small widgets the meeting screens share: the live quorum indicator, the conflict list, table set-up."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QWidget,
)

from meetingdesk.domain.quorum import QuorumCheck
from meetingdesk.i18n import _, current_language
from meetingdesk.services.meetings import Conflict

GOOD = "background:#e6f4ea; color:#1e6b34; border:1px solid #9fd3ae;"
BAD = "background:#fdecea; color:#a4231c; border:1px solid #f3a9a3;"
NEUTRAL = "background:#f1f3f6; color:#444; border:1px solid #d5d9df;"


def ui_locale() -> QLocale:
    """Dates and weekdays in the interface language (Chinese unless switched)."""
    if current_language().startswith("zh"):
        return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class QuorumIndicator(QLabel):
    """Shows a quorum check in words, green when met and red when not; updated live."""

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefix = prefix
        self.met: bool | None = None
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setToolTip(
            _(
                "法定人数：不少于组成人员总数的1/3，且不少于5人（各会议组可另行设置）；只计出席且未回避的成员，列席人员不计入。"
            )
        )
        self.show_check(None)

    def show_check(self, check: QuorumCheck | None, empty: str = "") -> None:
        if check is None:
            self.met = None
            self.setText(f"{self.prefix}{empty or _('—')}")
            self._style(NEUTRAL)
            return
        self.met = check.met
        mark = _("✔ 已达到法定人数") if check.met else _("✘ 未达到法定人数")
        self.setText(_("{prefix}{mark}。{explain}").format(prefix=self.prefix, mark=mark, explain=check.explain()))
        self._style(GOOD if check.met else BAD)

    def _style(self, colours: str) -> None:
        self.setStyleSheet(f"QLabel {{ {colours} border-radius:4px; padding:6px 8px; font-weight:bold; }}")


class ConflictList(QListWidget):
    """Scheduling conflicts: blocking ones in red (they prevent saving), warnings in amber."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictList")
        self.setWordWrap(True)
        self.setMaximumHeight(130)
        self.setToolTip(_("红色为冲突（须先解决才能保存），黄色为提醒（可以保存）"))
        self.conflicts: list[Conflict] = []

    def show_conflicts(self, conflicts: list[Conflict]) -> None:
        self.conflicts = list(conflicts)
        self.clear()
        if not conflicts:
            item = QListWidgetItem(_("✔ 未发现时间、地点或人员冲突"))
            item.setForeground(Qt.GlobalColor.darkGreen)
            self.addItem(item)
            return
        for c in sorted(conflicts, key=lambda c: not c.blocking):
            prefix = _("冲突：") if c.blocking else _("提醒：")
            item = QListWidgetItem(prefix + c.message)
            item.setForeground(Qt.GlobalColor.red if c.blocking else Qt.GlobalColor.darkYellow)
            item.setToolTip(_("必须解决后才能保存") if c.blocking else _("可以保存，但请留意"))
            self.addItem(item)

    @property
    def blocking(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.blocking]

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


def chain_tab_order(widgets: list[QWidget]) -> None:
    """Tab moves through ``widgets`` in this order (the order of the form on screen)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def setup_table(view: QTableView, *, stretch: int | None = None) -> None:
    """The house look for record tables: whole rows, one at a time, sortable headers off."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch is None)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def fit_columns(view: QTableView, cap: int = 260) -> None:
    """Columns as wide as their contents (capped); the stretching column takes what is left."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    last = header.count() - 1
    if last >= 0 and header.stretchLastSection():
        header.resizeSection(last, header.minimumSectionSize())  # the stretch gives it what is left
    for col in range(header.count()):
        if header.sectionResizeMode(col) == QHeaderView.ResizeMode.Stretch:
            continue
        if col == last and header.stretchLastSection():
            continue
        header.resizeSection(col, min(header.sectionSize(col) + 12, cap))


class Debouncer:
    """Runs ``fn`` once, ``ms`` after the last :meth:`poke`; :meth:`flush` runs it now if pending."""

    def __init__(self, fn: Callable[[], None], ms: int, parent: QWidget) -> None:
        self._fn = fn
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ms)
        self._timer.timeout.connect(fn)

    def poke(self) -> None:
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        self._timer.stop()

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._fn()
