"""Generated PDFs checked with poppler: Chinese text that copies out as Chinese, embedded fonts, pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from meetingdesk.documents.blocks import Paper, Para, Spacer, Span
from meetingdesk.documents.compose import compose
from meetingdesk.documents.pdf_fonts import resolve_fonts
from meetingdesk.documents.pdf_render import save_pdf
from meetingdesk.documents.settings import DocumentSettings
from meetingdesk.documents.specimens import ALL_SPECIMENS, specimen_minutes
from meetingdesk.errors import MeetingDeskError

SETTINGS = DocumentSettings(court_name="示例市中级人民法院")
NOTO_OTF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")),
    reason="poppler-utils (pdftotext, pdffonts) is not installed; scripts/bootstrap.sh test installs it",
)


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for kind, make in ALL_SPECIMENS.items():
        path = folder / f"{kind}.pdf"
        path.write_bytes(save_pdf(compose(make(), SETTINGS), SETTINGS))
        out[kind] = path
    return out


@pytest.mark.parametrize("kind", sorted(ALL_SPECIMENS))
def test_text_copies_out_as_chinese_and_every_font_is_embedded(pdfs: dict[str, Path], kind: str) -> None:
    text = pdftotext(pdfs[kind])
    paper = compose(ALL_SPECIMENS[kind](), SETTINGS)
    squeezed = "".join(text.split())
    assert "".join(paper.title.split())[:8] in squeezed or "".join(paper.title.split())[-8:] in squeezed
    assert "参考" in squeezed
    assert "—1—" in squeezed  # page number between 一字线
    fonts = pdffonts(pdfs[kind])
    assert fonts, "no fonts listed"
    for row in fonts:
        name, emb, sub, uni = row[0], row[-5], row[-4], row[-3]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), f"{name} is not an embedded subset with ToUnicode"


def test_minutes_pdf_lists_opinions_in_order_and_numbers_every_page(pdfs: dict[str, Path]) -> None:
    text = "".join(pdftotext(pdfs["minutes"]).split())
    record = specimen_minutes()
    first = text.split("二、")[0]
    positions = [first.index(f"{o.order}.{o.name}（") for o in record.items[0].opinions]
    assert positions == sorted(positions)
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdfs["minutes"])], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    assert pages > 2
    for n in range(1, pages + 1):
        assert f"—{n}—" in text


def test_pdf_metadata_names_the_document(pdfs: dict[str, Path]) -> None:
    info = subprocess.run(["pdfinfo", str(pdfs["summary"])], capture_output=True, text=True, check=True).stdout
    assert "刑事专业法官会议纪要" in info
    assert "示例市中级人民法院" in info


@pytest.mark.parametrize("lines", range(0, 24, 3))
def test_labelled_paragraphs_split_across_pages(lines: int) -> None:
    """Regression: reportlab failed to split a CJK paragraph marked up in its own font."""
    long = "同意合议庭多数意见。理由：" + "查封后设立的抵押权不得对抗申请执行人，" * 4
    blocks = (Spacer(lines), *(Para((Span(f"{i}. 某某（一级法官）：", "label"), Span(long))) for i in range(6)))
    assert save_pdf(Paper("x", "拆分", blocks), SETTINGS).startswith(b"%PDF")


def test_no_line_starts_with_a_full_width_comma(tmp_path: Path) -> None:
    blocks = tuple(Para.of("甲" * n + "子丑寅卯辰巳午未申，" * 12 + "。") for n in range(10))
    path = tmp_path / "punct.pdf"
    path.write_bytes(save_pdf(Paper("x", "标点", blocks), SETTINGS))
    lines = [line.strip() for line in pdftotext(path).splitlines() if line.strip()]
    assert not [line for line in lines if line.startswith(("，", "。"))]


def test_cff_fonts_are_refused_with_a_clear_message() -> None:
    if not NOTO_OTF.exists():
        pytest.skip("fonts-noto-cjk is not installed")
    with pytest.raises(MeetingDeskError, match="OTF/CFF"):
        resolve_fonts({"body": str(NOTO_OTF)})


def test_without_any_cjk_font_the_message_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(MeetingDeskError, match="fonts-wqy-zenhei"):
        resolve_fonts({}, dirs=[tmp_path])


def test_noto_cff_in_the_search_path_is_skipped_for_a_truetype_font() -> None:
    dirs = [Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/wqy")]
    if not all(d.is_dir() for d in dirs):
        pytest.skip("needs fonts-noto-cjk and fonts-wqy-zenhei")
    fonts = resolve_fonts({}, dirs=dirs)
    assert all(f.endswith("wqy-zenhei.ttc") for f in fonts.files.values())
