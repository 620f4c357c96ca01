"""Generated .docx files read back with python-docx: content, styles, fonts, page set-up, template."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from meetingdesk.documents.blocks import STYLE_NAMES, Paper, Para, Spacer
from meetingdesk.documents.compose import compose
from meetingdesk.documents.docx_render import save_docx
from meetingdesk.documents.settings import DocumentSettings, FontSet, Margins
from meetingdesk.documents.specimens import ALL_SPECIMENS, specimen_minutes
from meetingdesk.errors import MeetingDeskError

SETTINGS = DocumentSettings(court_name="示例市中级人民法院")


def read(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def all_paragraphs(doc: Any) -> Iterator[Any]:
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for sec in doc.sections:
        for part in (sec.header, sec.footer, sec.even_page_footer):
            yield from part.paragraphs


def text_of(doc: Any) -> str:
    return "\n".join(p.text for p in all_paragraphs(doc))


@pytest.fixture(scope="module")
def docs() -> dict[str, Any]:
    return {kind: read(save_docx(compose(make(), SETTINGS), SETTINGS)) for kind, make in ALL_SPECIMENS.items()}


@pytest.mark.parametrize("kind", sorted(ALL_SPECIMENS))
def test_every_run_sets_its_east_asian_font(docs: dict[str, Any], kind: str) -> None:
    runs = [r for p in all_paragraphs(docs[kind]) for r in p.runs if r.text.strip()]
    assert runs
    for run in runs:
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), f"run {run.text!r} has no w:eastAsia"


@pytest.mark.parametrize("kind", sorted(ALL_SPECIMENS))
def test_page_setup_is_a4_with_gb_margins_and_page_numbers(docs: dict[str, Any], kind: str) -> None:
    doc = docs[kind]
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert (round(sec.top_margin.mm), round(sec.left_margin.mm)) == (37, 28)
    assert round(Length(sec.page_width - sec.left_margin - sec.right_margin).mm) == 156
    assert round(Length(sec.page_height - sec.top_margin - sec.bottom_margin).mm) == 225
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, align in ((sec.footer, "right"), (sec.even_page_footer, "left")):
        para = footer.paragraphs[0]
        assert para.text == "— 1 —"  # cached field result between the 一字线
        assert "PAGE" in para._p.xml
        assert para.style.name == STYLE_NAMES["page_number"]
        assert str(para.alignment).lower().startswith(align)


def test_styles_are_real_named_styles_with_gb_fonts_and_fixed_spacing(docs: dict[str, Any]) -> None:
    doc = docs["minutes"]
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    title = doc.styles[STYLE_NAMES["title"]]
    assert title.type == WD_STYLE_TYPE.PARAGRAPH and title.font.size == Pt(22)
    assert title.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    assert doc.styles[STYLE_NAMES["heading1"]].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    assert doc.styles[STYLE_NAMES["heading2"]].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"
    assert doc.styles[STYLE_NAMES["label_char"]].type == WD_STYLE_TYPE.CHARACTER
    # No theme fonts left anywhere: they would override the Chinese fonts.
    assert "eastAsiaTheme" not in doc.styles.element.xml.split("<w:latentStyles")[0]
    # Body text uses the styles (not direct size/indent formatting).
    headings = [p for p in doc.paragraphs if p.style.name == STYLE_NAMES["heading1"]]
    assert headings and all(r.font.size is None for p in headings for r in p.runs)


def test_minutes_content_in_speaking_order(docs: dict[str, Any]) -> None:
    record = specimen_minutes()
    doc = docs["minutes"]
    text = text_of(doc)
    first_item = text.split("二、")[0]
    positions = [first_item.index(f"{o.order}. {o.name}（") for o in record.items[0].opinions]
    assert positions == sorted(positions)
    assert doc.paragraphs[0].text == "内部资料 注意保密\t归入副卷"
    assert doc.paragraphs[1].style.name == STYLE_NAMES["title"]
    assert "参考意见" in text and "参会人员签名" in text
    sign = doc.tables[-1]
    assert [c.text for c in sign.rows[0].cells] == ["主持人", "签名", "记录人", "签名"]


def test_tables_repeat_their_header_and_fill_the_type_area(docs: dict[str, Any]) -> None:
    table = docs["signin"].tables[0]
    assert table.style.name == STYLE_NAMES["table_style"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    total = sum(int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol")))
    assert abs(total - Mm(156).twips) < 10
    assert table.rows[1].height.mm == pytest.approx(11, abs=0.1)


def test_summary_mark_is_red_and_attendance_labels_are_hei(docs: dict[str, Any]) -> None:
    doc = docs["summary"]
    mark = next(p for p in doc.paragraphs if p.style.name == STYLE_NAMES["masthead"])
    assert mark.text == "刑事专业法官会议纪要"
    assert str(doc.styles[STYLE_NAMES["masthead"]].font.color.rgb) == "FF0000"
    present = next(p for p in doc.paragraphs if p.text.startswith("出席："))
    assert present.runs[0].style.name == STYLE_NAMES["label_char"]
    assert present.runs[1].text.startswith("王")


def test_settings_change_fonts_margins_and_page_numbers() -> None:
    s = DocumentSettings(
        fonts=FontSet(body="仿宋", title="华文中宋"),
        margins=Margins(top=30, left=25, right=25, bottom=30),
        page_numbers="center",
    )
    doc = read(save_docx(compose(specimen_minutes(1, 5), s), s))
    assert round(doc.sections[0].top_margin.mm) == 30
    assert not doc.settings.odd_and_even_pages_header_footer
    assert str(doc.sections[0].footer.paragraphs[0].alignment).lower().startswith("center")
    title = next(p for p in doc.paragraphs if p.style.name == STYLE_NAMES["title"])
    assert title.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "华文中宋"


def _template(path: Path, *, dotx: bool = False) -> Path:
    """A court letterhead: its own Normal font, a 公文标题 style, a header line and old body text."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(15)
    normal_fonts = doc.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    normal_fonts.set(qn("w:eastAsia"), "方正仿宋_GBK")
    title = doc.styles.add_style(STYLE_NAMES["title"], WD_STYLE_TYPE.PARAGRAPH)
    title.font.size = Pt(26)
    title.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋_GBK")
    sec = doc.sections[0]
    sec.top_margin = Mm(40)
    sec.header.paragraphs[0].text = "示例市中级人民法院"
    doc.add_paragraph("模板里的旧正文")
    doc.save(str(path))
    if dotx:
        import zipfile

        data = path.read_bytes()
        src = zipfile.ZipFile(io.BytesIO(data))
        out = path.with_suffix(".dotx")
        with zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                content = src.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(b"document.main+xml", b"template.main+xml")
                dst.writestr(item, content)
        return out
    return path


@pytest.mark.parametrize("dotx", [False, True])
def test_court_template_supplies_styles_page_setup_and_header(tmp_path: Path, dotx: bool) -> None:
    template = _template(tmp_path / "letterhead.docx", dotx=dotx)
    s = DocumentSettings(template=str(template))
    doc = read(save_docx(compose(specimen_minutes(1, 5), s), s))
    text = text_of(doc)
    assert "模板里的旧正文" not in text
    assert doc.sections[0].header.paragraphs[0].text == "示例市中级人民法院"
    assert round(doc.sections[0].top_margin.mm) == 40
    assert doc.styles[STYLE_NAMES["title"]].font.size == Pt(26)  # theirs, not ours
    title = next(p for p in doc.paragraphs if p.style.name == STYLE_NAMES["title"])
    assert title.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋_GBK"
    body = next(p for p in doc.paragraphs if p.style.name == "Normal" and len(p.runs) == 1)
    assert body.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正仿宋_GBK"
    assert STYLE_NAMES["heading1"] in [st.name for st in doc.styles]  # missing styles are added
    assert "PAGE" in doc.sections[0].footer._element.xml


def test_unusable_template_gives_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    for path, words in ((bad, "不是有效的 Word 模板"), (tmp_path / "missing.docx", "找不到或无法读取")):
        s = DocumentSettings(template=str(path))
        with pytest.raises(MeetingDeskError, match=words):
            save_docx(compose(specimen_minutes(1, 5), s), s)


def test_empty_and_spacer_blocks_render() -> None:
    paper = Paper("x", "空白", (Para.of(""), Spacer(2)))
    doc = read(save_docx(paper, SETTINGS))
    assert len(doc.paragraphs) == 3
