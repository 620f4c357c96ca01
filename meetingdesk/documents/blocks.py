"""Paper-level building blocks: what a document is made of, independent of .docx or .pdf.

Each block maps to one named Word style (see :data:`STYLE_NAMES`) and to one reportlab paragraph style,
so a secretary can restyle a generated document in Word and both renderers stay in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["justify", "left", "center", "right"]
SpanRole = Literal["body", "label", "kai"]


@dataclass(frozen=True)
class Span:
    """A run of text; ``label`` is 黑体 (e.g. 出席：), ``kai`` is 楷体."""

    text: str
    role: SpanRole = "body"


@dataclass(frozen=True)
class Mark:
    """The first line of an internal document: 内部资料 注意保密 on the left, an archive note on the right."""

    left: str
    right: str = ""


@dataclass(frozen=True)
class Masthead:
    """The red 纪要 mark (e.g. 刑事专业法官会议纪要), 35 mm below the top of the type area."""

    text: str


@dataclass(frozen=True)
class IssueLine:
    """The line under the masthead: number on the left, issuer and date on the right, then a red rule."""

    left: str
    right: str


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Subtitle:
    text: str


@dataclass(frozen=True)
class Heading:
    """一、 (level 1, 黑体) · （一） (level 2, 楷体) · 1. (level 3, 仿宋)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    spans: tuple[Span, ...]
    indent: bool = True  # two-character first-line indent
    align: Align = "justify"

    @classmethod
    def of(cls, text: str, *, indent: bool = True, align: Align = "justify") -> Para:
        return cls((Span(text),), indent=indent, align=align)

    @classmethod
    def labelled(cls, label: str, text: str) -> Para:
        """黑体 label followed by 仿宋 text, e.g. "时间：" + "2026年3月5日"."""
        return cls((Span(label, "label"), Span(text)))

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Labelled:
    """出席：names — label in 黑体, names in 仿宋, continuation lines aligned after the colon."""

    label: str  # without the colon
    text: str


@dataclass(frozen=True)
class Note:
    """The advisory statement (参考意见…) and similar explanations, in 楷体."""

    text: str


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 1.0  # relative
    align: Align = "left"


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    row_height_mm: float | None = None  # minimum height, e.g. room to sign
    font_scale: float = 1.0  # e.g. 0.86 for a wide statistics table

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"表格行有{len(row)}列，应为{len(self.columns)}列")


@dataclass(frozen=True)
class Closing:
    """落款: issuer and date, right-aligned above the end of the text."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Spacer:
    lines: int = 1


@dataclass(frozen=True)
class PageBreak:
    pass


Block = (
    Mark
    | Masthead
    | IssueLine
    | Title
    | Subtitle
    | Heading
    | Para
    | Labelled
    | Note
    | Table
    | Closing
    | Spacer
    | PageBreak
)


@dataclass(frozen=True)
class Paper:
    """A composed document: blocks plus the metadata both renderers write into the file."""

    kind: str  # notice, agenda, signin, minutes, summary, report-search, reference-case, table-report
    title: str  # document metadata title
    blocks: tuple[Block, ...]
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """All visible text in order (for tests and search)."""
        return "\n".join(block_text(b) for b in self.blocks)


def block_text(block: Block) -> str:
    if isinstance(block, Para):
        return block.text
    if isinstance(block, Mark | IssueLine):
        return f"{block.left} {block.right}".strip()
    if isinstance(block, Labelled):
        return f"{block.label}：{block.text}"
    if isinstance(block, Table):
        lines = ["\t".join(c.title for c in block.columns)]
        lines += ["\t".join(r) for r in block.rows]
        return "\n".join(lines)
    if isinstance(block, Closing):
        return "\n".join(block.lines)
    if isinstance(block, Spacer | PageBreak):
        return ""
    return block.text


# Word style names, shared by the renderers (a court template may define them itself).
STYLE_NAMES: dict[str, str] = {
    "body": "Normal",
    "title": "公文标题",
    "subtitle": "公文副标题",
    "mark": "公文密级",
    "masthead": "纪要标志",
    "issue": "纪要版头",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "heading3": "三级标题",
    "plain": "无缩进正文",
    "labelled": "名单",
    "note": "参考意见说明",
    "closing": "落款",
    "table": "表格文字",
    "table_head": "表格标题行",
    "page_number": "页码",
    "label_char": "标签文字",
    "kai_char": "楷体文字",
    "table_style": "公文表格",
}
