"""Draw a :class:`Paper` as a Word document in the GB/T 9704-2012 layout (python-docx).

Formatting lives in named styles (公文标题, 一级标题, 表格文字, 公文表格…) so a secretary can restyle the
document in Word or WPS. The only direct formatting is the East Asian font on every run (``w:eastAsia``:
without it Word substitutes a Latin font for Chinese text on some set-ups), the hanging indent of name
lists, the masthead's fitted size and table geometry. A court template (.docx or .dotx) supplies the base:
its styles, page set-up, header and footer win; styles it lacks are added from the settings.
"""

from __future__ import annotations

import io
import math
import zipfile
from datetime import datetime
from typing import IO, Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from meetingdesk.documents.blocks import (
    STYLE_NAMES,
    Align,
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
from meetingdesk.documents.settings import MM_PER_PT, DocumentSettings
from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.i18n import _

RED = RGBColor(0xFF, 0x00, 0x00)
MASTHEAD_MAX_PT = 42.0  # the 纪要 mark is fitted to the type width up to this size
MASTHEAD_DROP_MM = 35.0  # GB/T 9704 10.2: the mark sits 35 mm below the top of the type area
_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_DOTX = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

DocxDocument = Any  # python-docx ships no type information


def render_docx(paper: Paper, settings: DocumentSettings, out: IO[bytes]) -> None:
    """Write ``paper`` as .docx to ``out``."""
    _Renderer(paper, settings).render(out)


def masthead_size(text: str, settings: DocumentSettings) -> float:
    """The 纪要 mark's size: as large as fits one line of the type area, at most 42 pt."""
    width_pt = settings.type_width_mm / MM_PER_PT
    return max(16.0, min(MASTHEAD_MAX_PT, int(width_pt / max(len(text), 1) * 0.95)))


class _Renderer:
    def __init__(self, paper: Paper, settings: DocumentSettings) -> None:
        self.paper = paper
        self.s = settings
        self.from_template = settings.template_path is not None
        self.doc: DocxDocument = _open_base(settings)
        self.fonts: dict[str, str] = {}  # style name → its East Asian font
        self.style_ids: dict[str, str] = {}  # style name → id (python-docx looks names up slowly)

    def _sid(self, style: str) -> str:
        sid = self.style_ids.get(style)
        if sid is None:
            sid = self.style_ids[style] = str(self.doc.styles[style].style_id)
        return sid

    def _new_para(self, style: str, container: Any = None) -> Any:
        para = (container or self.doc).add_paragraph()
        para._p.style = self._sid(style)
        return para

    def _font(self, style: str) -> str:
        font = self.fonts.get(style)
        if font is None:
            font = self.fonts[style] = _style_east_asia(self.doc, style, self.s)
        return font

    # ---- whole document

    def render(self, out: IO[bytes]) -> None:
        if not self.from_template:
            self._page_setup()
        _Styles(self.doc, self.s).ensure()
        self._footer()
        previous: Block | None = None
        for block in self.paper.blocks:
            self._block(block, previous)
            previous = block
        self._properties()
        self.doc.save(out)

    def _page_setup(self) -> None:
        s = self.s
        sec = self.doc.sections[0]
        sec.start_type = WD_SECTION.NEW_PAGE
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin = Mm(s.margins.top), Mm(s.margins.bottom)
        sec.left_margin, sec.right_margin = Mm(s.margins.left), Mm(s.margins.right)
        sec.header_distance = Mm(15)
        # The number's top edge sits 7 mm below the type area (GB/T 9704 7.5).
        sec.footer_distance = Mm(max(s.margins.bottom - 7 - s.page_number_size * MM_PER_PT * 1.2, 5))

    def _footer(self) -> None:
        sec = self.doc.sections[0]
        if self.from_template and any(_has_page_field(f) for f in (sec.footer, sec.even_page_footer)):
            return
        if self.s.page_numbers == "outside":
            self.doc.settings.odd_and_even_pages_header_footer = True
            self._page_number(sec.footer, "right")
            self._page_number(sec.even_page_footer, "left")
        else:
            self._page_number(sec.footer, "center")

    def _page_number(self, footer: Any, side: Align) -> None:
        footer.is_linked_to_previous = False
        existing = footer.paragraphs
        para = existing[0] if existing and not existing[0].text else footer.add_paragraph()
        para._p.style = self._sid(STYLE_NAMES["page_number"])
        para.alignment = _ALIGN[side]
        one_char = Pt(self.s.page_number_size)
        if side == "right":
            para.paragraph_format.right_indent = one_char
        elif side == "left":
            para.paragraph_format.left_indent = one_char
        font = self._font(STYLE_NAMES["page_number"])
        self._run(para, "— ", font)
        _page_field(self._run(para, "", font))
        self._run(para, " —", font)

    def _properties(self) -> None:
        p = self.doc.core_properties
        p.title = self.paper.title
        p.author = self.paper.author or self.s.court_name or "MeetingDesk"
        p.last_modified_by = "MeetingDesk"
        p.subject = self.paper.subject
        p.keywords = " ".join(self.paper.keywords)
        p.comments = "由专业法官会议秘书工作台（MeetingDesk）生成。会议讨论意见为参考意见。"
        p.language = "zh-CN"
        p.created = p.modified = datetime.now().replace(microsecond=0)
        p.revision = 1

    # ---- blocks

    def _block(self, block: Block, previous: Block | None) -> None:
        if isinstance(block, Para):
            style = STYLE_NAMES["body"] if block.indent else STYLE_NAMES["plain"]
            para = self._para(style, block.spans)
            if block.align != "justify":
                para.alignment = _ALIGN[block.align]
        elif isinstance(block, Heading):
            self._para(STYLE_NAMES[f"heading{min(max(block.level, 1), 3)}"], (Span(block.text),))
        elif isinstance(block, Title):
            self._para(STYLE_NAMES["title"], (Span(block.text),))
        elif isinstance(block, Subtitle):
            self._para(STYLE_NAMES["subtitle"], (Span(block.text),))
        elif isinstance(block, Mark):
            self._two_sided(STYLE_NAMES["mark"], block.left, block.right)
        elif isinstance(block, IssueLine):
            self._two_sided(STYLE_NAMES["issue"], block.left, block.right)
        elif isinstance(block, Masthead):
            self._masthead(block, previous)
        elif isinstance(block, Labelled):
            self._labelled(block)
        elif isinstance(block, Note):
            self._para(STYLE_NAMES["note"], (Span(block.text),))
        elif isinstance(block, Closing):
            for i, line in enumerate(block.lines):
                para = self._para(STYLE_NAMES["closing"], (Span(line),))
                if i == 0:
                    para.paragraph_format.space_before = Pt(self.s.line_pitch_pt)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Spacer):
            for _ in range(block.lines):
                self._para(STYLE_NAMES["plain"], ())
        elif isinstance(block, PageBreak):
            self._new_para(STYLE_NAMES["plain"]).add_run().add_break(WD_BREAK.PAGE)
        else:  # pragma: no cover - Block is a closed union
            raise TypeError(block)

    def _para(self, style: str, spans: tuple[Span, ...]) -> Any:
        para = self._new_para(style)
        base = self._font(style)
        for span in spans:
            if span.role in ("label", "kai"):
                char_style = STYLE_NAMES["label_char" if span.role == "label" else "kai_char"]
                run = self._run(para, span.text, self._font(char_style))
                run._r.style = self._sid(char_style)
            else:
                self._run(para, span.text, base)
        return para

    def _run(self, para: Any, text: str, east_asia: str) -> Any:
        run = para.add_run(text)
        _set_east_asia(run._r.get_or_add_rPr(), east_asia)
        return run

    def _two_sided(self, style: str, left: str, right: str) -> None:
        para = self._para(style, (Span(left),) if not right else (Span(left), Span("\t" + right)))
        if right:
            width = Mm(self.s.type_width_mm) if not self.from_template else _text_width(self.doc)
            para.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)

    def _masthead(self, block: Masthead, previous: Block | None) -> None:
        para = self._para(STYLE_NAMES["masthead"], (Span(block.text),))
        size = masthead_size(block.text, self.s)
        for run in para.runs:
            run.font.size = Pt(size)
        fmt = para.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(size * 1.25)
        used = self.s.line_pitch_pt if isinstance(previous, Mark) else 0.0
        fmt.space_before = Pt(max(MASTHEAD_DROP_MM / MM_PER_PT - used - size * 0.25, 0))

    def _labelled(self, block: Labelled) -> None:
        label = block.label + "："
        para = self._para(STYLE_NAMES["labelled"], (Span(label, "label"), Span(block.text)))
        ind = para.paragraph_format.element.get_or_add_pPr().get_or_add_ind()
        chars = len(label)
        pitch = self.s.char_pitch_pt
        ind.set(qn("w:leftChars"), str((2 + chars) * 100))
        ind.set(qn("w:left"), str(round((2 + chars) * pitch * 20)))
        ind.set(qn("w:hangingChars"), str(chars * 100))
        ind.set(qn("w:hanging"), str(round(chars * pitch * 20)))

    def _table(self, block: Table) -> None:
        small = block.font_scale < 1
        body_style = STYLE_NAMES["table"] + ("（小）" if small else "")
        head_style = STYLE_NAMES["table_head"] + ("（小）" if small else "")
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.columns))
        table.style = self.doc.styles[STYLE_NAMES["table_style"]]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        total = _text_width(self.doc) if self.from_template else Mm(self.s.type_width_mm)
        weight = sum(c.width for c in block.columns)
        widths = [int(total * c.width / weight) for c in block.columns]
        grid = table._tbl.tblGrid
        for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
            col.set(qn("w:w"), str(int(w / 635)))  # EMU → twips
        head = table.rows[0]
        _repeat_header(head)
        for cell, col, w in zip(head.cells, block.columns, widths, strict=True):
            cell.width = w
            self._cell(cell, col.title, head_style, "center")
        for row, values in zip(table.rows[1:], block.rows, strict=True):
            if block.row_height_mm:
                row.height = Mm(block.row_height_mm)
            for cell, col, value, w in zip(row.cells, block.columns, values, widths, strict=True):
                cell.width = w
                self._cell(cell, value, body_style, col.align)
        # A table must not touch the next block (Word merges adjacent tables).
        self._new_para(STYLE_NAMES["plain"])

    def _cell(self, cell: Any, text: str, style: str, align: Align) -> None:
        lines = text.split("\n") if text else [""]
        para = cell.paragraphs[0]
        for i, line in enumerate(lines):
            if i:
                para = cell.add_paragraph()
            para._p.style = self._sid(style)
            if align != "left":
                para.alignment = _ALIGN[align]
            if line:
                self._run(para, line, self._font(style))


class _Styles:
    """Creates the named styles a document needs, unless the template already defines them."""

    def __init__(self, doc: DocxDocument, settings: DocumentSettings) -> None:
        self.doc = doc
        self.s = settings
        self.f = settings.fonts
        self.existing = {st.name for st in doc.styles}

    def ensure(self) -> None:
        s, f = self.s, self.f
        pitch = s.line_pitch_pt
        if not self.doc.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts[@w:eastAsia]"):
            self._defaults()
        normal = self.doc.styles[STYLE_NAMES["body"]]
        if not self.from_template:
            self._format(normal, f.body, s.body_size, pitch, indent=True, align="justify")
            tighten = math.floor((s.char_pitch_pt - s.body_size) * 20)
            if tighten < 0:  # 紧缩 e.g. 0.25 磅 so that 28 characters of 3号 fill the 156 mm line
                spacing = OxmlElement("w:spacing")
                spacing.set(qn("w:val"), str(tighten))
                normal.element.get_or_add_rPr().append(spacing)
        self._para_style("plain", f.body, s.body_size, pitch, indent=False)
        self._para_style(
            "title",
            f.title,
            s.title_size,
            max(pitch, s.title_size * 1.45),
            align="center",
            space_after_lines=1,
        )
        self._para_style("subtitle", f.heading2, s.body_size, pitch, align="center", indent=False)
        self._para_style("mark", f.heading1, s.body_size, pitch, indent=False, align="left")
        self._para_style("masthead", f.title, MASTHEAD_MAX_PT, None, align="center", color=RED)
        issue = self._para_style("issue", f.body, s.body_size, pitch, indent=False, align="left")
        if issue is not None:
            _bottom_border(issue, "FF0000", 12)
            issue.paragraph_format.space_after = Pt(pitch)
        for level, font in ((1, f.heading1), (2, f.heading2), (3, f.body)):
            st = self._para_style(f"heading{level}", font, s.body_size, pitch, indent=True)
            if st is not None:
                st.paragraph_format.keep_with_next = True
                outline = OxmlElement("w:outlineLvl")
                outline.set(qn("w:val"), str(level - 1))
                st.element.get_or_add_pPr().append(outline)
        self._para_style("labelled", f.body, s.body_size, pitch, indent=False)
        self._para_style("note", f.heading2, s.body_size, pitch, indent=True)
        closing = self._para_style("closing", f.body, s.body_size, pitch, indent=False, align="right")
        if closing is not None:
            closing.paragraph_format.right_indent = Pt(s.char_pitch_pt * 4)
        small = round(s.table_size * 0.86 * 2) / 2
        for suffix, size in (("", s.table_size), ("（小）", small)):
            self._para_style(
                "table",
                f.body,
                size,
                s.table_line_spacing * size / s.table_size,
                indent=False,
                align="left",
                name_suffix=suffix,
            )
            self._para_style(
                "table_head",
                f.heading1,
                size,
                s.table_line_spacing * size / s.table_size,
                indent=False,
                align="center",
                name_suffix=suffix,
            )
        self._para_style("page_number", f.song, s.page_number_size, None, indent=False, latin=f.song)
        self._char_style("label_char", f.heading1)
        self._char_style("kai_char", f.heading2)
        self._table_style()

    @property
    def from_template(self) -> bool:
        return self.s.template_path is not None

    def _defaults(self) -> None:
        rpr = self.doc.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr")
        if rpr:
            _set_fonts(rpr[0], self.f.body, self.f.latin)
            for tag in ("w:sz", "w:szCs"):
                for el in rpr[0].findall(qn(tag)):
                    el.set(qn("w:val"), str(round(self.s.body_size * 2)))
            for lang in rpr[0].findall(qn("w:lang")):
                lang.set(qn("w:eastAsia"), "zh-CN")
        ppr = self.doc.styles.element.xpath("w:docDefaults/w:pPrDefault/w:pPr/w:spacing")
        for sp in ppr:
            sp.set(qn("w:after"), "0")

    def _para_style(
        self,
        key: str,
        east_asia: str,
        size: float,
        line: float | None,
        *,
        indent: bool = False,
        align: Align = "justify",
        color: RGBColor | None = None,
        space_after_lines: int = 0,
        latin: str | None = None,
        name_suffix: str = "",
    ) -> Any:
        name = STYLE_NAMES[key] + name_suffix
        if name in self.existing:
            return None  # the court's template defines it: keep theirs
        st = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = self.doc.styles[STYLE_NAMES["body"]]
        st.quick_style = True
        self._format(st, east_asia, size, line, indent=indent, align=align, latin=latin)
        if color is not None:
            st.font.color.rgb = color
        if space_after_lines:
            st.paragraph_format.space_after = Pt(self.s.line_pitch_pt * space_after_lines)
        self.existing.add(name)
        return st

    def _format(
        self,
        st: Any,
        east_asia: str,
        size: float,
        line: float | None,
        *,
        indent: bool,
        align: Align,
        latin: str | None = None,
    ) -> None:
        st.font.size = Pt(size)
        st.font.bold = False
        st.font.italic = False
        _set_fonts(st.element.get_or_add_rPr(), east_asia, latin or self.f.latin)
        fmt = st.paragraph_format
        fmt.alignment = _ALIGN[align]
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.widow_control = False
        if line is not None:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(line)
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        ind = st.element.get_or_add_pPr().get_or_add_ind()
        for attr in ("w:firstLineChars", "w:firstLine", "w:hanging", "w:hangingChars"):
            ind.attrib.pop(qn(attr), None)
        if indent:
            ind.set(qn("w:firstLineChars"), "200")
            ind.set(qn("w:firstLine"), str(round(2 * self.s.char_pitch_pt * 20)))
        else:
            ind.set(qn("w:firstLineChars"), "0")
            ind.set(qn("w:firstLine"), "0")

    def _char_style(self, key: str, east_asia: str) -> None:
        name = STYLE_NAMES[key]
        if name in self.existing:
            return
        st = self.doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        st.quick_style = True
        _set_fonts(st.element.get_or_add_rPr(), east_asia, self.f.latin)
        self.existing.add(name)

    def _table_style(self) -> None:
        name = STYLE_NAMES["table_style"]
        if name in self.existing:
            return
        st = self.doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
        st.base_style = None
        tblpr = st.element.find(qn("w:tblPr"))
        if tblpr is None:
            tblpr = OxmlElement("w:tblPr")
            st.element.append(tblpr)
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "6")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
            borders.append(el)
        tblpr.append(borders)
        margins = OxmlElement("w:tblCellMar")
        for edge, width in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:w"), str(width))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tblpr.append(margins)
        tcpr = OxmlElement("w:tcPr")
        valign = OxmlElement("w:vAlign")
        valign.set(qn("w:val"), "center")
        tcpr.append(valign)
        st.element.append(tcpr)
        self.existing.add(name)


# ---- helpers


def _open_base(settings: DocumentSettings) -> DocxDocument:
    """python-docx's blank document, or the court's template emptied of its body text."""
    path = settings.template_path
    if path is None:
        return Document()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MeetingDeskError(
            _("找不到或无法读取 Word 模板“{path}”：{reason}。请在文书设置中重新选择模板，或清空该设置。").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc
    from meetingdesk.services.attachments import check_content

    try:
        check_content(path, path.name, ".docx")  # a complete Word zip and no zip bomb, before python-docx unpacks it
        if path.suffix.lower() in (".dotx", ".dotm"):
            data = _template_as_document(data)
        doc = Document(io.BytesIO(data))
    except (ValidationError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise MeetingDeskError(
            _("“{name}”不是有效的 Word 模板（需要 .docx 或 .dotx 文件）。请用 Word/WPS 另存为 .docx 后重试。").format(
                name=path.name
            )
        ) from exc
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _template_as_document(data: bytes) -> bytes:
    """A .dotx differs from a .docx only in its main part's content type."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(_DOTX.encode(), _DOCX.encode()).replace(
                    _DOTX.replace("template.main", "template.macroEnabledTemplate.main").encode(),
                    _DOCX.encode(),
                )
            dst.writestr(item, content)
    return buf.getvalue()


def _set_fonts(rpr: Any, east_asia: str, latin: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def _set_east_asia(rpr: Any, east_asia: str) -> None:
    """Only the East Asian slot on the run: Latin fonts still come from the style."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _style_east_asia(doc: DocxDocument, name: str, settings: DocumentSettings) -> str:
    """The East Asian font a style resolves to (through its base styles, then the document defaults)."""
    styles = doc.styles
    try:
        st = styles[name]
    except KeyError:
        return settings.fonts.body
    seen = 0
    while st is not None and seen < 20:
        rpr = st.element.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return str(fonts.get(qn("w:eastAsia")))
        st = st.base_style
        seen += 1
    found = styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:eastAsia")
    return str(found[0]) if found else settings.fonts.body


def _text_width(doc: DocxDocument) -> int:
    sec = doc.sections[0]
    return int(sec.page_width - sec.left_margin - sec.right_margin)


def _bottom_border(style: Any, color: str, size: int) -> None:
    ppr = style.element.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "4")
    bottom.set(qn("w:color"), color)
    bdr.append(bottom)
    ppr.append(bdr)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _page_field(run: Any) -> None:
    """A PAGE field with a cached result so viewers that do not update fields still show a number."""
    r = run._r

    def fld(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    cached = OxmlElement("w:t")
    cached.text = "1"
    for el in (fld("begin"), instr, fld("separate"), cached, fld("end")):
        r.append(el)


def _has_page_field(part: Any) -> bool:
    try:
        xml = part._element.xml
    except AttributeError:
        return False
    return "PAGE" in xml


def save_docx(paper: Paper, settings: DocumentSettings) -> bytes:
    buf = io.BytesIO()
    render_docx(paper, settings, buf)
    return buf.getvalue()
