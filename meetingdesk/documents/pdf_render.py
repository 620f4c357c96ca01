"""Draw a :class:`Paper` as PDF with reportlab, in the same GB/T 9704 layout as the .docx.

Fonts are embedded subsets of system CJK TrueType fonts (see :mod:`pdf_fonts`); reportlab writes a
ToUnicode map for them, so copied text pastes back as Chinese. Page numbers "— 1 —" sit 7 mm below the
type area, odd pages right and even pages left (or centred, per settings). A court's Word template does
not apply to PDFs: only the settings do.
"""

from __future__ import annotations

import io
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus import paragraph as _rl_paragraph

from meetingdesk.documents.blocks import (
    Block,
    Closing,
    Heading,
    IssueLine,
    Labelled,
    Mark,
    Masthead,
    Note,
    PageBreak,
    Paper,
    Para,
    Spacer,
    Span,
    Subtitle,
    Table,
    Title,
)
from meetingdesk.documents.docx_render import MASTHEAD_DROP_MM, masthead_size
from meetingdesk.documents.pdf_fonts import PdfFonts, resolve_fonts
from meetingdesk.documents.settings import DocumentSettings

RED = colors.Color(1, 0, 0)

# reportlab's CJK line breaking knows the Japanese rules only; add the Chinese full-width punctuation
# that must not start a line (GB/T 15834 标点禁则), so "，" never opens a line. Process-wide, additive.
_NO_LINE_START = "，。、；：！？）》」』】〕〉”’…—·%"
for _module in (_rl_textsplit, _rl_paragraph):  # single-font paragraphs wrap in textsplit, mixed in paragraph
    _module.ALL_CANNOT_START = "".join(dict.fromkeys(_module.ALL_CANNOT_START + _NO_LINE_START))
_ALIGN = {"justify": TA_JUSTIFY, "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def render_pdf(paper: Paper, settings: DocumentSettings, out: IO[bytes]) -> None:
    """Write ``paper`` as PDF to ``out``.

    Raises:
        MeetingDeskError: no embeddable CJK font could be found.
    """
    fonts = resolve_fonts(settings.pdf_fonts)
    _PdfRenderer(paper, settings, fonts).render(out)


def save_pdf(paper: Paper, settings: DocumentSettings) -> bytes:
    buf = io.BytesIO()
    render_pdf(paper, settings, buf)
    return buf.getvalue()


class _PdfRenderer:
    def __init__(self, paper: Paper, settings: DocumentSettings, fonts: PdfFonts) -> None:
        self.paper = paper
        self.s = settings
        self.fonts = fonts
        self.width = settings.type_width_mm * mm
        self.pitch = settings.line_pitch_pt
        self.char = settings.char_pitch_pt
        self.styles = self._styles()

    # ---- styles

    def _style(self, name: str, role: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=self.fonts[role],
            fontSize=size,
            leading=leading,
            wordWrap="CJK",
            alignment=kw.pop("alignment", TA_JUSTIFY),
            allowWidows=1,
            allowOrphans=1,
            **kw,
        )

    def _styles(self) -> dict[str, ParagraphStyle]:
        s, p, c = self.s, self.pitch, self.char
        body = s.body_size
        table_lead = s.table_line_spacing
        small = round(s.table_size * 0.86 * 2) / 2
        title_lead = max(p, s.title_size * 1.45)
        return {
            "body": self._style("body", "body", body, p, firstLineIndent=2 * c),
            "plain": self._style("plain", "body", body, p),
            "title": self._style("title", "title", s.title_size, title_lead, alignment=TA_CENTER, spaceAfter=p),
            "subtitle": self._style("subtitle", "heading2", body, p, alignment=TA_CENTER),
            "mark": self._style("mark", "heading1", body, p, alignment=TA_LEFT),
            "mark_right": self._style("mark_right", "heading1", body, p, alignment=TA_RIGHT),
            "issue": self._style("issue", "body", body, p, alignment=TA_LEFT),
            "issue_right": self._style("issue_right", "body", body, p, alignment=TA_RIGHT),
            "heading1": self._style("heading1", "heading1", body, p, firstLineIndent=2 * c, keepWithNext=1),
            "heading2": self._style("heading2", "heading2", body, p, firstLineIndent=2 * c, keepWithNext=1),
            "heading3": self._style("heading3", "body", body, p, firstLineIndent=2 * c, keepWithNext=1),
            "note": self._style("note", "heading2", body, p, firstLineIndent=2 * c),
            "closing": self._style("closing", "body", body, p, alignment=TA_RIGHT, rightIndent=4 * c),
            "table": self._style("table", "body", s.table_size, table_lead, alignment=TA_LEFT),
            "table_head": self._style("table_head", "heading1", s.table_size, table_lead, alignment=TA_CENTER),
            "table_small": self._style(
                "table_small", "body", small, table_lead * small / s.table_size, alignment=TA_LEFT
            ),
            "table_head_small": self._style(
                "table_head_small", "heading1", small, table_lead * small / s.table_size, alignment=TA_CENTER
            ),
        }

    # ---- document

    def render(self, out: IO[bytes]) -> None:
        s = self.s
        doc = BaseDocTemplate(
            out,
            pagesize=A4,
            leftMargin=s.margins.left * mm,
            rightMargin=s.margins.right * mm,
            topMargin=s.margins.top * mm,
            bottomMargin=s.margins.bottom * mm,
            title=self.paper.title,
            author=self.paper.author or s.court_name or "MeetingDesk",
            subject=self.paper.subject,
            creator="MeetingDesk 专业法官会议秘书工作台",
            keywords=" ".join(self.paper.keywords),
            lang="zh-CN",
            pageCompression=1,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="type-area",
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._page_number)])
        story: list[Flowable] = []
        previous: Block | None = None
        for block in self.paper.blocks:
            story.extend(self._block(block, previous))
            previous = block
        body_font = self.fonts["body"]

        def canvas(*args: Any, **kwargs: Any) -> Canvas:
            # Without an initial CJK font reportlab lists an unembedded Helvetica in every PDF.
            kwargs.update(initialFontName=body_font, initialFontSize=s.body_size)
            return Canvas(*args, **kwargs)

        doc.build(story, canvasmaker=canvas)

    def _page_number(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        s = self.s
        n = canvas.getPageNumber()
        size = s.page_number_size
        text = f"— {n} —"
        canvas.saveState()
        canvas.setFont(self.fonts["song"], size)
        y = s.margins.bottom * mm - 7 * mm - size * 0.85
        left = doc.leftMargin
        right = doc.leftMargin + doc.width
        if s.page_numbers == "center":
            canvas.drawCentredString((left + right) / 2, y, text)
        elif n % 2:
            canvas.drawRightString(right - size, y, text)
        else:
            canvas.drawString(left + size, y, text)
        canvas.restoreState()

    # ---- blocks

    def _markup(self, spans: tuple[Span, ...], base: str = "body") -> str:
        parts = []
        for span in spans:
            text = escape(span.text).replace("\n", "<br/>")
            font = {"label": self.fonts["heading1"], "kai": self.fonts["heading2"]}.get(span.role)
            # Only switch fonts when it changes something: reportlab (5.1) cannot split a CJK-wrapped
            # paragraph across pages when it is marked up with its own font.
            if font and font != self.fonts[base]:
                parts.append(f'<font name="{font}">{text}</font>')
            else:
                parts.append(text)
        return "".join(parts)

    def _p(self, text: str, style: str) -> Paragraph:
        return Paragraph(escape(text), self.styles[style])

    def _block(self, block: Block, previous: Block | None) -> list[Flowable]:
        if isinstance(block, Para):
            style = self.styles["body" if block.indent else "plain"]
            if block.align != "justify":
                style = ParagraphStyle(f"{style.name}-{block.align}", parent=style, alignment=_ALIGN[block.align])
            return [Paragraph(self._markup(block.spans), style)]
        if isinstance(block, Heading):
            return [
                CondPageBreak(self.pitch * 3),
                self._p(block.text, f"heading{min(max(block.level, 1), 3)}"),
            ]
        if isinstance(block, Title):
            return [self._p(block.text, "title")]
        if isinstance(block, Subtitle):
            return [self._p(block.text, "subtitle")]
        if isinstance(block, Mark):
            return [self._two_sided(block.left, block.right, "mark")]
        if isinstance(block, IssueLine):
            return [self._two_sided(block.left, block.right, "issue", rule=True), RLSpacer(1, self.pitch)]
        if isinstance(block, Masthead):
            return self._masthead(block, previous)
        if isinstance(block, Labelled):
            n = len(block.label) + 1
            style = ParagraphStyle(
                f"labelled-{n}",
                parent=self.styles["plain"],
                leftIndent=(2 + n) * self.char,
                firstLineIndent=-n * self.char,
            )
            return [Paragraph(self._markup((Span(block.label + "：", "label"), Span(block.text))), style)]
        if isinstance(block, Note):
            return [self._p(block.text, "note")]
        if isinstance(block, Closing):
            out: list[Flowable] = [RLSpacer(1, self.pitch)]
            out += [self._p(line, "closing") for line in block.lines]
            return out
        if isinstance(block, Table):
            return [self._table(block), RLSpacer(1, self.pitch / 2)]
        if isinstance(block, Spacer):
            return [RLSpacer(1, self.pitch * block.lines)]
        if isinstance(block, PageBreak):
            return [RLPageBreak()]
        raise TypeError(block)  # pragma: no cover - Block is a closed union

    def _two_sided(self, left: str, right: str, style: str, *, rule: bool = False) -> RLTable:
        cells = [[self._p(left, style), self._p(right, style + "_right")]]
        table = RLTable(cells, colWidths=[self.width * 0.6, self.width * 0.4])
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.fonts["body"], self.s.body_size),  # else Helvetica is listed
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4 if rule else 0),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ]
        if rule:
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 1.2, RED))
        table.setStyle(TableStyle(commands))
        return table

    def _masthead(self, block: Masthead, previous: Block | None) -> list[Flowable]:
        size = masthead_size(block.text, self.s)
        used = self.pitch if isinstance(previous, Mark) else 0.0
        style = ParagraphStyle(
            "masthead",
            fontName=self.fonts["title"],
            fontSize=size,
            leading=size * 1.25,
            alignment=TA_CENTER,
            textColor=RED,
            wordWrap="CJK",
        )
        drop = max(MASTHEAD_DROP_MM * mm - used - size * 0.25, 0)
        return [RLSpacer(1, drop), Paragraph(escape(block.text), style)]

    def _table(self, block: Table) -> RLTable:
        small = block.font_scale < 1
        body = self.styles["table_small" if small else "table"]
        head = self.styles["table_head_small" if small else "table_head"]
        weight = sum(c.width for c in block.columns)
        widths = [self.width * c.width / weight for c in block.columns]
        aligned = {a: ParagraphStyle(f"{body.name}-{a}", parent=body, alignment=_ALIGN[a]) for a in ("center", "right")}
        data: list[list[Flowable]] = [[Paragraph(escape(c.title), head) for c in block.columns]]
        for row in block.rows:
            data.append(
                [
                    Paragraph(escape(v).replace("\n", "<br/>"), aligned.get(c.align, body))
                    for c, v in zip(block.columns, row, strict=True)
                ]
            )
        table = RLTable(data, colWidths=widths, repeatRows=1)
        pad = 2.0
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.fonts["body"], body.fontSize),  # else Helvetica is listed
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ]
        if block.row_height_mm and block.rows:
            extra = max((block.row_height_mm * mm - body.leading) / 2, pad)
            commands += [
                ("TOPPADDING", (0, 1), (-1, -1), extra),
                ("BOTTOMPADDING", (0, 1), (-1, -1), extra),
            ]
        table.setStyle(TableStyle(commands))
        return table
