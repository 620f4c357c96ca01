"""The result list of a library search: one row per hit, painted as title, source line and snippet.

Rows have one fixed height (uniform sizes), so a list of thousands of hits scrolls without measuring
each one; the page asks for more hits as the user scrolls (:meth:`ResultsModel.set_results`).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from meetingdesk.i18n import _
from meetingdesk.search.query import SearchHit

HitRole = Qt.ItemDataRole.UserRole + 1
SnippetRole = Qt.ItemDataRole.UserRole + 2
HIGHLIGHT = "background-color: #fff1a8; font-weight: bold;"
TIER_COLOURS = {1: "#b42318", 2: "#c4320a", 3: "#1f5fa8", 4: "#027a48", 5: "#667085"}

Index = QModelIndex | QPersistentModelIndex


def meta_line(hit: SearchHit) -> str:
    """Source · court · date · tier (and the status when not published): what 类案检索 requires of a hit."""
    parts = [hit.source, hit.court, hit.date or _("不详"), hit.tier_label]
    text = _(" · ").join(p for p in parts if p)
    if hit.status != "published":
        text += _("（{status}）").format(status=hit.status_label)
    return text


def plain_snippet(hit: SearchHit) -> str:
    """The snippet without its highlighting (a passage of the stored text, as entered)."""
    return html.unescape(hit.snippet_html.replace("<b>", "").replace("</b>", ""))


class ResultsModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []
        self.total = 0

    def set_results(self, hits: list[SearchHit], total: int) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.total = total
        self.endResetModel()

    def append(self, hits: list[SearchHit], total: int) -> None:
        """More hits of the same search (加载更多): only those not shown yet are added at the end."""
        known = {(h.kind, h.id) for h in self.hits}
        new = [h for h in hits if (h.kind, h.id) not in known]
        self.total = total
        if not new:
            return
        self.beginInsertRows(QModelIndex(), len(self.hits), len(self.hits) + len(new) - 1)
        self.hits.extend(new)
        self.endInsertRows()

    def hit(self, row: int) -> SearchHit | None:
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def row_of(self, kind: str, item_id: int) -> int:
        for row, h in enumerate(self.hits):
            if h.kind == kind and h.id == item_id:
                return row
        return -1

    @property
    def more(self) -> bool:
        return len(self.hits) < self.total

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:  # the delegate paints the snippet too (SnippetRole)
            return "\n".join((hit.title, meta_line(hit)))
        if role == SnippetRole:
            return plain_snippet(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{title}\n效力层级：{tier}\n来源：{source}\n审理法院：{court}\n裁判日期：{date}").format(
                title=hit.title,
                tier=hit.tier_label,
                source=hit.source,
                court=hit.court or _("不详"),
                date=hit.date or _("不详"),
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return hit.title
        if role == HitRole:
            return hit
        return None


def hit_html(hit: SearchHit) -> str:
    tier_colour = TIER_COLOURS.get(hit.tier, TIER_COLOURS[5])
    snippet = hit.snippet_html.replace("<b>", f'<span style="{HIGHLIGHT}">').replace("</b>", "</span>")
    return (
        f'<div style="font-weight: bold;">{html.escape(hit.title)}</div>'
        f'<div style="color: #475467;"><span style="color: {tier_colour};">■</span> {html.escape(meta_line(hit))}</div>'
        f'<div style="color: #344054;">{snippet}</div>'
    )


def whole_lines_height(doc: QTextDocument, available: float) -> float:
    """The height of the lines that fit whole in ``available``: a long snippet ends at a line, not mid-glyph."""
    doc.size()  # lays the document out (lazily done otherwise, and then there are no lines to measure)
    fitting = 0.0
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        top = layout.position().y()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            bottom = top + line.y() + line.height()
            if bottom > available:
                return fitting or available
            fitting = bottom
        block = block.next()
    return available


class HitDelegate(QStyledItemDelegate):
    """Paints a hit as rich text (title, source line, snippet with the search terms marked in yellow)."""

    LINES = 5

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HitRole)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        opt: Any = QStyleOptionViewItem(option)  # the stubs lack the option's attributes
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(4)
        doc.setHtml(hit_html(hit))
        doc.setTextWidth(opt.rect.width())
        painter.save()
        painter.translate(opt.rect.topLeft())
        clip = QRectF(0, 0, opt.rect.width(), whole_lines_height(doc, opt.rect.height()))
        painter.setClipRect(clip)
        ctx: Any = QAbstractTextDocumentLayout.PaintContext()
        ctx.clip = clip
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        painter.save()
        painter.setPen(opt.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, _index: Index) -> QSize:
        metrics = option.fontMetrics  # type: ignore[attr-defined,unused-ignore]
        height = metrics.lineSpacing() * self.LINES + 14
        return QSize(200, height)
