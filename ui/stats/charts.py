"""Charts drawn with QPainter (the shipped PySide6-Essentials has no QtCharts, and no browser engine).

Two widgets cover the 统计 page: :class:`BarChart` (vertical or horizontal, grouped or stacked, counts or
percentages) and :class:`DonutChart` (shares of a whole with the rate in the middle). Both take plain
values, draw a title, legend and axis, show each bar's figure on hover, and say so when there is nothing
to draw. :meth:`BarChart.bars` exposes what was drawn where, for tests.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from meetingdesk.i18n import _

PALETTE = {
    "blue": "#1f5fa8",
    "green": "#1a7f37",
    "amber": "#d97706",
    "red": "#b42318",
    "grey": "#98a2b3",
    "teal": "#0e7490",
    "purple": "#6941c6",
}
TEXT = QColor("#101828")
MUTED = QColor("#667085")
GRID = QColor("#e4e7ec")
AXIS = QColor("#98a2b3")


@dataclass(frozen=True)
class Series:
    """One coloured set of values, one per category."""

    name: str
    values: tuple[float, ...]
    colour: str


@dataclass(frozen=True)
class Bar:
    """A drawn bar: where it is and what it shows (for hover texts and tests)."""

    rect: QRectF
    category: str
    series: str
    value: float


def nice_step(maximum: float, ticks: int = 5, *, integer: bool = True) -> float:
    """A round axis step (1, 2 or 5 × 10ⁿ) giving about ``ticks`` intervals up to ``maximum``."""
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return float(max(step, 1.0) if integer else step)


def format_value(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.1f}%"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


class _Chart(QWidget):
    """Title, legend, the empty message and hover texts shared by both charts."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.empty_text = _("本期没有可绘制的数据")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(280, 200)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(title)
        self._bars: list[Bar] = []

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def _font(self, delta: float = 0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(self.font().pointSizeF() + delta, 6))
        font.setBold(bold)
        return font

    def _begin(self, painter: QPainter) -> QRectF:
        """Background and title; returns the area left for the legend and plot."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(GRID))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.setFont(self._font(1, bold=True))
        painter.setPen(TEXT)
        fm = QFontMetricsF(painter.font())
        painter.drawText(QRectF(12, 8, self.width() - 24, fm.height()), Qt.AlignmentFlag.AlignLeft, self.title)
        return QRectF(12, 8 + fm.height() + 6, self.width() - 24, self.height() - fm.height() - 22)

    def _legend(self, painter: QPainter, area: QRectF, items: Sequence[tuple[str, str]]) -> float:
        """Draw colour keys in a row (wrapping); returns the height used."""
        painter.setFont(self._font(-1))
        fm = QFontMetricsF(painter.font())
        x, y, box = area.left(), area.top(), fm.height() * 0.7
        for name, colour in items:
            width = box + 6 + fm.horizontalAdvance(name) + 16
            if x + width > area.right() and x > area.left():
                x, y = area.left(), y + fm.height() + 4
            painter.fillRect(QRectF(x, y + (fm.height() - box) / 2, box, box), QColor(colour))
            painter.setPen(TEXT)
            painter.drawText(QPointF(x + box + 6, y + fm.ascent()), name)
            x += width
        return y - area.top() + fm.height() + 8 if items else 0.0

    def _empty(self, painter: QPainter, area: QRectF) -> None:
        painter.setFont(self._font())
        painter.setPen(MUTED)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.text_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def text_at(self, _point: QPointF) -> str:
        """The hover text at a point (empty over no bar)."""
        return ""


class BarChart(_Chart):
    """Bars per category: grouped side by side or stacked, vertical or horizontal, counts or percentages."""

    def __init__(
        self,
        title: str,
        *,
        horizontal: bool = False,
        stacked: bool = False,
        percent: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.horizontal, self.stacked, self.percent = horizontal, stacked, percent
        self.categories: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()

    def set_data(self, categories: Sequence[str], series: Sequence[Series]) -> None:
        for s in series:
            if len(s.values) != len(categories):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(categories)} categories")
        self.categories, self.series = tuple(categories), tuple(series)
        self.setAccessibleDescription(
            _("；").join(
                _("{category}：{values}").format(
                    category=c,
                    values=_("，").join(f"{s.name} {format_value(s.values[i], self.percent)}" for s in self.series),
                )
                for i, c in enumerate(self.categories)
            )
        )
        self.update()

    def preferred_height(self, per_category: int = 24) -> int:
        """For horizontal charts in a scroll area: tall enough to give every category a readable row."""
        return 90 + per_category * max(len(self.categories), 1)

    def has_data(self) -> bool:
        return bool(self.categories) and any(v for s in self.series for v in s.values)

    def _top(self) -> float:
        if self.percent:
            return 1.0
        if self.stacked:
            peak = max((sum(s.values[i] for s in self.series) for i in range(len(self.categories))), default=0)
        else:
            peak = max((v for s in self.series for v in s.values), default=0)
        step = nice_step(peak)
        return max(step * math.ceil(peak / step), step)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            area = self._begin(painter)
            self._bars = []
            if not self.has_data():
                self._empty(painter, area)
                return
            legend = [(s.name, s.colour) for s in self.series] if len(self.series) > 1 or self.stacked else []
            area.setTop(area.top() + self._legend(painter, area, legend))
            painter.setFont(self._font(-1))
            if self.horizontal:
                self._paint_horizontal(painter, area)
            else:
                self._paint_vertical(painter, area)
        finally:
            painter.end()

    def _ticks(self) -> list[float]:
        top = self._top()
        step = 0.2 if self.percent else nice_step(top)
        count = round(top / step)
        return [step * i for i in range(count + 1)]

    def _paint_vertical(self, painter: QPainter, area: QRectF) -> None:
        fm = QFontMetricsF(painter.font())
        ticks = self._ticks()
        top = ticks[-1]
        label_w = max(fm.horizontalAdvance(format_value(t, self.percent)) for t in ticks) + 8
        plot = QRectF(
            area.left() + label_w,
            area.top() + fm.height() / 2,
            area.width() - label_w,
            area.height() - fm.height() * 1.5 - 8,
        )
        for t in ticks:
            y = plot.bottom() - plot.height() * t / top
            painter.setPen(QPen(GRID if t else AXIS))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(area.left(), y - fm.height() / 2, label_w - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                format_value(t, self.percent),
            )
        n = len(self.categories)
        slot = plot.width() / n
        groups = 1 if self.stacked else len(self.series)
        bar_w = min(slot * 0.7 / groups, 46)
        for i, category in enumerate(self.categories):
            left = plot.left() + slot * i + (slot - bar_w * groups) / 2
            base = plot.bottom()
            for k, s in enumerate(self.series):
                value = s.values[i]
                h = plot.height() * value / top
                x = left if self.stacked else left + bar_w * k
                rect = QRectF(x, base - h, bar_w - (0 if self.stacked else 2), h)
                if value:
                    painter.fillRect(rect, QColor(s.colour))
                    self._bars.append(Bar(rect, category, s.name, value))
                    if not self.stacked and h > 0 and bar_w >= fm.horizontalAdvance("00"):
                        painter.setPen(TEXT)
                        painter.drawText(
                            QRectF(x - 8, rect.top() - fm.height(), bar_w + 14, fm.height()),
                            Qt.AlignmentFlag.AlignCenter,
                            format_value(value, self.percent),
                        )
                if self.stacked:
                    base -= h
            painter.setPen(TEXT)
            text = fm.elidedText(category, Qt.TextElideMode.ElideRight, slot - 2)
            painter.drawText(
                QRectF(plot.left() + slot * i, plot.bottom() + 4, slot, fm.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                text,
            )

    def _paint_horizontal(self, painter: QPainter, area: QRectF) -> None:
        fm = QFontMetricsF(painter.font())
        ticks = self._ticks()
        top = ticks[-1]
        label_w = min(max(fm.horizontalAdvance(c) for c in self.categories) + 10, area.width() * 0.38)
        value_w = fm.horizontalAdvance("100.0%" if self.percent else "0000") + 8
        plot = QRectF(
            area.left() + label_w, area.top(), area.width() - label_w - value_w, area.height() - fm.height() - 6
        )
        for t in ticks:
            x = plot.left() + plot.width() * t / top
            painter.setPen(QPen(GRID if t else AXIS))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(x - 30, plot.bottom() + 4, 60, fm.height()),
                Qt.AlignmentFlag.AlignHCenter,
                format_value(t, self.percent),
            )
        n = len(self.categories)
        slot = plot.height() / n
        groups = 1 if self.stacked else len(self.series)
        bar_h = min(slot * 0.72 / groups, 26)
        for i, category in enumerate(self.categories):
            y = plot.top() + slot * i + (slot - bar_h * groups) / 2
            base = plot.left()
            for k, s in enumerate(self.series):
                value = s.values[i]
                w = plot.width() * value / top
                top_y = y if self.stacked else y + bar_h * k
                rect = QRectF(base, top_y, w, bar_h - (0 if self.stacked else 1))
                if value:
                    painter.fillRect(rect, QColor(s.colour))
                    self._bars.append(Bar(rect, category, s.name, value))
                if self.stacked:
                    base += w
                elif value or self.percent:
                    painter.setPen(TEXT)
                    painter.drawText(
                        QRectF(rect.right() + 4, top_y, value_w, bar_h),
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                        format_value(value, self.percent),
                    )
            if self.stacked:
                total = sum(s.values[i] for s in self.series)
                painter.setPen(TEXT)
                painter.drawText(
                    QRectF(base + 4, y, value_w, bar_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    format_value(total, self.percent),
                )
            painter.setPen(TEXT)
            text = fm.elidedText(category, Qt.TextElideMode.ElideMiddle, label_w - 10)
            painter.drawText(
                QRectF(area.left(), plot.top() + slot * i, label_w - 8, slot),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )

    def text_at(self, point: QPointF) -> str:
        for bar in self._bars:
            if bar.rect.adjusted(-1, -1, 1, 1).contains(point):
                return _("{category}　{series}：{value}").format(
                    category=bar.category, series=bar.series, value=format_value(bar.value, self.percent)
                )
        return ""


@dataclass(frozen=True)
class Slice:
    name: str
    value: float
    colour: str


class DonutChart(_Chart):
    """Shares of a whole as a ring, with a legend of counts and shares and a figure in the middle."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.slices: tuple[Slice, ...] = ()
        self.centre = ""
        self.centre_note = ""
        self._angles: list[tuple[float, float, Slice]] = []
        self._ring = QRectF()

    def set_data(self, slices: Sequence[Slice], centre: str = "", centre_note: str = "") -> None:
        self.slices, self.centre, self.centre_note = tuple(slices), centre, centre_note
        self.setAccessibleDescription(
            _("；").join(
                [*(f"{s.name} {format_value(s.value, False)}" for s in self.slices), f"{centre_note} {centre}"]
            )
        )
        self.update()

    def total(self) -> float:
        return sum(s.value for s in self.slices)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            area = self._begin(painter)
            self._angles = []
            total = self.total()
            if total <= 0:
                self._empty(painter, area)
                return
            painter.setFont(self._font(-1))
            fm = QFontMetricsF(painter.font())
            legend_w = max(fm.horizontalAdvance(self._legend_text(s, 1.0)) for s in self.slices) + fm.height() + 12
            side = max(min(area.height() - 8, area.width() - legend_w - 16), 60)
            ring = QRectF(area.left() + 8, area.top() + (area.height() - side) / 2, side, side)
            self._ring = ring
            start = 90.0
            for s in self.slices:
                if s.value <= 0:
                    continue
                span = -360.0 * s.value / total
                painter.setPen(QPen(QColor("white"), 2))
                painter.setBrush(QColor(s.colour))
                painter.drawPie(ring, round(start * 16), round(span * 16))
                self._angles.append((start, span, s))
                start += span
            hole = ring.adjusted(side * 0.22, side * 0.22, -side * 0.22, -side * 0.22)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("white"))
            painter.drawEllipse(hole)
            painter.setPen(TEXT)
            painter.setFont(self._font(3, bold=True))
            big = QFontMetricsF(painter.font())
            painter.drawText(
                QRectF(hole.left(), hole.center().y() - big.height(), hole.width(), big.height()),
                Qt.AlignmentFlag.AlignCenter,
                self.centre,
            )
            painter.setFont(self._font(-2))
            painter.setPen(MUTED)
            note = QFontMetricsF(painter.font())
            painter.drawText(
                QRectF(hole.left() + 4, hole.center().y() + 2, hole.width() - 8, note.height() * 2.2),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                self.centre_note,
            )
            painter.setFont(self._font(-1))
            x = ring.right() + 20
            y = area.top() + (area.height() - len(self.slices) * (fm.height() + 8)) / 2
            box = fm.height() * 0.7
            for s in self.slices:
                painter.fillRect(QRectF(x, y + (fm.height() - box) / 2, box, box), QColor(s.colour))
                painter.setPen(TEXT)
                painter.drawText(QPointF(x + box + 6, y + fm.ascent()), self._legend_text(s, s.value / total))
                y += fm.height() + 8
        finally:
            painter.end()

    @staticmethod
    def _legend_text(s: Slice, share: float) -> str:
        return _("{name}  {n}（{share}）").format(
            name=s.name, n=format_value(s.value, False), share=f"{share * 100:.1f}%"
        )

    def text_at(self, point: QPointF) -> str:
        if not self._angles or not self._ring.contains(point):
            return ""
        c = self._ring.center()
        angle = math.degrees(math.atan2(-(point.y() - c.y()), point.x() - c.x()))  # counter-clockwise from 3 o'clock
        total = self.total()
        for start, span, s in self._angles:
            lo, hi = sorted((start, start + span))
            for a in (angle, angle + 360, angle - 360):
                if lo <= a <= hi:
                    return self._legend_text(s, s.value / total)
        return ""
