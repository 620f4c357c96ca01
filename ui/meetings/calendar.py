"""A month calendar of meetings: six weeks of seven days, each cell listing that day's meetings."""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import N_, _, ngettext
from meetingdesk.services.meetings import Meeting

from ui.meetings.labels import WEEKDAYS, when_text
from ui.meetings.table_model import RecordRole

Index = QModelIndex | QPersistentModelIndex

STATE_COLOURS = {
    "planned": "#1f5fa8",
    "notified": "#2e7d32",
    "in_progress": "#c62828",
    "held": "#616161",
    "adjourned": "#8d6e63",
    "cancelled": "#9e9e9e",
}


BODY_SUFFIX = N_("专业法官会议")  # matched against the stored (Chinese) body names, so never translated here


@dataclass(frozen=True)
class DayCell:
    day: date
    in_month: bool
    meetings: tuple[Meeting, ...]


def short_body(meeting: Meeting) -> str:
    """民事专业法官会议 → 民事: what fits in a calendar cell."""
    name = meeting.body_name
    if name.endswith(BODY_SUFFIX) and len(name) > len(BODY_SUFFIX):
        return name[: -len(BODY_SUFFIX)]
    return name


class MonthModel(QAbstractTableModel):
    """6 × 7 days around one month; each cell carries the day's meetings."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.year, self.month = self.today.year, self.today.month
        self._cells: list[DayCell] = []
        self.set_month(self.year, self.month, [])

    def first_day(self) -> date:
        start = date(self.year, self.month, 1)
        return start - timedelta(days=start.weekday())

    def last_day(self) -> date:
        return self.first_day() + timedelta(days=41)

    def set_month(self, year: int, month: int, meetings: list[Meeting]) -> None:
        self.beginResetModel()
        self.year, self.month = year, month
        first = self.first_day()
        by_day: dict[date, list[Meeting]] = {}
        for m in meetings:
            by_day.setdefault(m.starts_at.date(), []).append(m)
        self._cells = [
            DayCell(
                first + timedelta(days=n),
                (first + timedelta(days=n)).month == month,
                tuple(sorted(by_day.get(first + timedelta(days=n), []), key=lambda m: m.starts_at)),
            )
            for n in range(42)
        ]
        self.endResetModel()

    def cell(self, row: int, column: int) -> DayCell | None:
        n = row * 7 + column
        return self._cells[n] if 0 <= row < 6 and 0 <= column < 7 and n < len(self._cells) else None

    def index_of(self, day: date) -> QModelIndex:
        n = (day - self.first_day()).days
        if 0 <= n < 42:
            return self.index(n // 7, n % 7)
        return QModelIndex()

    # ---- Qt overrides

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [str(cell.day.day)]
            lines += [f"{m.starts_at:%H:%M} {short_body(m)}" for m in cell.meetings]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not cell.meetings:
                return _("{day}：无会议（双击安排会议）").format(day=when_text_day(cell.day))
            return "\n".join(
                _("{when} {title}（{state}，{room}）").format(
                    when=when_text(m.starts_at),
                    title=m.display_title,
                    state=m.state_label,
                    room=m.room_name or _("会议室未定"),
                )
                for m in cell.meetings
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#202124") if cell.in_month else QColor("#9aa0a6")
        if role == RecordRole:
            return cell
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 7:
            return _(WEEKDAYS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < 6:
            return str(section + 1)
        return None


def when_text_day(day: date) -> str:
    return _("{m}月{d}日").format(m=day.month, d=day.day)


class DayDelegate(QStyledItemDelegate):
    """Paints the day number and one coloured line per meeting."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        cell = index.data(RecordRole)
        if not isinstance(cell, DayCell):
            super().paint(painter, option, index)
            return
        painter.save()
        rect: QRect = option.rect  # type: ignore[attr-defined,unused-ignore]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined,unused-ignore]
        model = index.model()
        today = isinstance(model, MonthModel) and cell.day == model.today
        background = "#dbe8f8" if selected else ("#fffbe6" if today else ("#ffffff" if cell.in_month else "#f6f7f9"))
        painter.fillRect(rect, QColor(background))
        painter.setPen(QPen(QColor("#e0e3e7")))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        font = painter.font()
        font.setBold(today)
        painter.setFont(font)
        painter.setPen(QColor("#202124") if cell.in_month else QColor("#9aa0a6"))
        top = painter.fontMetrics().height() + 3
        painter.drawText(
            rect.adjusted(6, 2, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(cell.day.day)
        )
        font.setBold(False)
        font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
        painter.setFont(font)
        line = painter.fontMetrics().height() + 1
        y = rect.top() + top
        room = max((rect.bottom() - y) // (line + 1), 0)
        shown = list(cell.meetings) if len(cell.meetings) <= room else list(cell.meetings)[: max(room - 1, 0)]
        for m in shown:
            chip = QRect(rect.left() + 4, y, rect.width() - 8, line)
            painter.fillRect(chip, QColor(STATE_COLOURS.get(m.state, "#1f5fa8")))
            painter.setPen(QColor("white"))
            text = painter.fontMetrics().elidedText(
                f"{m.starts_at:%H:%M} {short_body(m)} · {m.state_label}", Qt.TextElideMode.ElideRight, chip.width() - 6
            )
            painter.drawText(
                chip.adjusted(4, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
            )
            y += line + 1
        hidden = len(cell.meetings) - len(shown)
        if hidden:
            painter.setPen(QColor("#1f5fa8"))
            painter.drawText(
                QRect(rect.left() + 6, y, rect.width() - 8, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                ngettext("另有{n}场会议…", "另有{n}场会议…", hidden).format(n=hidden)
                if shown
                else ngettext("{n}场会议", "{n}场会议", hidden).format(n=hidden),
            )
        painter.restore()


class MonthCalendar(QWidget):
    """Month navigation and the grid; emits the day chosen and the meeting to open."""

    monthChanged = Signal(int, int)
    dayChosen = Signal(object)  # date
    meetingActivated = Signal(int)
    newMeetingRequested = Signal(object)  # date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MonthModel(self)
        self.view = QTableView()
        self.view.setObjectName("monthCalendar")
        self.view.setModel(self.model)
        self.view.setItemDelegate(DayDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setShowGrid(False)
        self.view.setToolTip(_("方向键选择日期，回车或双击打开当天的会议（无会议时新建）"))
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

        self.title = QLabel()
        self.title.setObjectName("monthTitle")
        self.title.setStyleSheet("font-size:15px; font-weight:bold;")
        prev_btn = QPushButton(_("◀ 上月"))
        prev_btn.setToolTip(_("上一个月（PgUp）"))
        prev_btn.setShortcut("PgUp")
        prev_btn.clicked.connect(lambda: self.step(-1))
        next_btn = QPushButton(_("下月 ▶"))
        next_btn.setToolTip(_("下一个月（PgDown）"))
        next_btn.setShortcut("PgDown")
        next_btn.clicked.connect(lambda: self.step(1))
        today_btn = QPushButton(_("本月"))
        today_btn.setToolTip(_("回到本月"))
        today_btn.clicked.connect(self.go_today)
        bar = QHBoxLayout()
        bar.addWidget(prev_btn)
        bar.addWidget(self.title, 1, Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(today_btn)
        bar.addWidget(next_btn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._update_title()

    def set_today(self, today: date) -> None:
        self.model.today = today

    def step(self, months: int) -> None:
        y, m = self.model.year, self.model.month + months
        while m < 1:
            y, m = y - 1, m + 12
        while m > 12:
            y, m = y + 1, m - 12
        self.show_month(y, m)

    def go_today(self) -> None:
        self.show_month(self.model.today.year, self.model.today.month)

    def show_month(self, year: int, month: int) -> None:
        self.model.year, self.model.month = year, month
        self._update_title()
        self.monthChanged.emit(year, month)

    def set_meetings(self, meetings: list[Meeting]) -> None:
        self.model.set_month(self.model.year, self.model.month, meetings)
        self._update_title()

    def select_day(self, day: date) -> None:
        index = self.model.index_of(day)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def _update_title(self) -> None:
        self.title.setText(_("{y}年{m}月").format(y=self.model.year, m=self.model.month))
        self.title.setToolTip(
            ngettext("共{n}天", "共{n}天", pycalendar.monthrange(self.model.year, self.model.month)[1]).format(
                n=pycalendar.monthrange(self.model.year, self.model.month)[1]
            )
        )

    def _cell(self, index: QModelIndex) -> DayCell | None:
        cell = index.data(RecordRole) if index.isValid() else None
        return cell if isinstance(cell, DayCell) else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cell = self._cell(current)
        if cell is not None:
            self.dayChosen.emit(cell.day)

    def _activated(self, index: QModelIndex) -> None:
        cell = self._cell(index)
        if cell is None:
            return
        if cell.meetings:
            self.meetingActivated.emit(cell.meetings[0].id)
        else:
            self.newMeetingRequested.emit(cell.day)
