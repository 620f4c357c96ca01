"""Per-court document settings: court name, fonts, margins, numbering, confidentiality line, template.

Stored in the ``settings`` table as JSON values under ``documents.*`` keys (see :data:`KEYS`), so no
migration is needed. The defaults are the GB/T 9704-2012 layout of domain.md §9: A4, top 37 mm, left
28 mm, a 156 × 225 mm type area holding 22 lines of 28 characters, body 3号 仿宋, title 2号 小标宋.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from meetingdesk.errors import ValidationError
from meetingdesk.i18n import N_, _

PREFIX = "documents."
A4_WIDTH_MM = 210.0
A4_HEIGHT_MM = 297.0
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class FontSet:
    """Font *names* for Word (Word looks them up by name on the reader's machine)."""

    title: str = "方正小标宋简体"  # 2号 title and the 纪要 mark
    body: str = "仿宋_GB2312"  # 3号 body, 三级标题 "1."
    heading1: str = "黑体"  # 一、
    heading2: str = "楷体_GB2312"  # （一）
    song: str = "宋体"  # page numbers
    latin: str = "Times New Roman"  # digits and Latin letters in the body


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres; the defaults give the 156 × 225 mm GB/T 9704 type area."""

    top: float = 37.0
    bottom: float = 35.0
    left: float = 28.0
    right: float = 26.0


@dataclass(frozen=True)
class DocumentSettings:
    """Everything about the paper that a court may change; plain values, no database handle."""

    court_name: str = ""
    fonts: FontSet = field(default_factory=FontSet)
    margins: Margins = field(default_factory=Margins)
    title_size: float = 22.0  # 2号
    body_size: float = 16.0  # 3号
    table_size: float = 14.0  # 4号
    page_number_size: float = 14.0  # 4号
    lines_per_page: int = 22
    chars_per_line: int = 28
    table_line_spacing: float = 22.0  # pt, fixed
    page_numbers: str = "outside"  # "outside": odd right / even left (GB/T 9704 7.5); "center"
    summary_number_format: str = "〔{year}〕第{seq}期"
    summary_issuer: str = ""  # 发文/编发单位 of notices and 纪要; default "<court><body name>"
    confidentiality_line: str = "内部资料 注意保密"
    archive_note: str = "归入副卷"
    signin_order: str = "speaking"  # "speaking" (发言顺序) or "strokes" (姓氏笔画)
    template: str = ""  # a court's own .docx/.dotx whose styles, page set-up, header and footer are the base
    pdf_fonts: Mapping[str, str] = field(default_factory=dict)  # role → .ttf/.ttc path (role: see pdf_fonts)

    # ---- derived geometry

    @property
    def type_width_mm(self) -> float:
        return A4_WIDTH_MM - self.margins.left - self.margins.right

    @property
    def type_height_mm(self) -> float:
        return A4_HEIGHT_MM - self.margins.top - self.margins.bottom

    @property
    def line_pitch_pt(self) -> float:
        """Fixed line spacing that puts ``lines_per_page`` lines in the type area (≈ 28.95 pt)."""
        exact = self.type_height_mm / MM_PER_PT / self.lines_per_page
        return math.floor(exact * 20) / 20  # Word stores line spacing in twips (1/20 pt)

    @property
    def char_pitch_pt(self) -> float:
        """Character pitch that puts ``chars_per_line`` characters on a line (≈ 15.8 pt)."""
        return self.type_width_mm / MM_PER_PT / self.chars_per_line

    @property
    def template_path(self) -> Path | None:
        return Path(self.template) if self.template else None

    def summary_number(self, year: int, seq: int | str) -> str:
        """E.g. 〔2026〕第3期; ``seq`` may be a blank placeholder while the 纪要 has no number yet."""
        try:
            return self.summary_number_format.format(year=year, seq=seq)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValidationError(
                _(
                    "纪要编号格式“{summary_number_format}”无效："
                    "只能使用 {{year}} 和 {{seq}} 两个占位符，"
                    "例如“〔{{year}}〕第{{seq}}期”。"
                ).format(summary_number_format=self.summary_number_format),
                "documents.summary_number_format",
            ) from exc


# key → (field name, what it is)
KEYS: dict[str, tuple[str, str]] = {
    PREFIX + "court_name": ("court_name", N_("法院名称")),
    PREFIX + "fonts": ("fonts", N_("字体（title/body/heading1/heading2/song/latin）")),
    PREFIX + "margins_mm": ("margins", N_("页边距（毫米：top/bottom/left/right）")),
    PREFIX + "title_size": ("title_size", N_("标题字号（磅）")),
    PREFIX + "body_size": ("body_size", N_("正文字号（磅）")),
    PREFIX + "table_size": ("table_size", N_("表格字号（磅）")),
    PREFIX + "lines_per_page": ("lines_per_page", N_("每页行数")),
    PREFIX + "chars_per_line": ("chars_per_line", N_("每行字数")),
    PREFIX + "page_numbers": ("page_numbers", N_("页码位置（outside/center）")),
    PREFIX + "summary_number_format": ("summary_number_format", N_("纪要编号格式")),
    PREFIX + "summary_issuer": ("summary_issuer", N_("纪要编发单位")),
    PREFIX + "confidentiality_line": ("confidentiality_line", N_("保密标注")),
    PREFIX + "archive_note": ("archive_note", N_("归档标注")),
    PREFIX + "signin_order": ("signin_order", N_("签到表排序（speaking/strokes）")),
    PREFIX + "template": ("template", N_("Word 模板文件")),
    PREFIX + "pdf_fonts": ("pdf_fonts", N_("PDF 字体文件")),
}
_FLOAT_FIELDS = {"title_size", "body_size", "table_size"}
_INT_FIELDS = {"lines_per_page", "chars_per_line"}
_STR_FIELDS = {
    "court_name",
    "summary_number_format",
    "summary_issuer",
    "confidentiality_line",
    "archive_note",
    "template",
}


def settings_from_values(values: Mapping[str, Any], base: DocumentSettings | None = None) -> DocumentSettings:
    """Build settings from ``documents.*`` keys and decoded JSON values; unknown keys are ignored.

    Raises:
        ValidationError: a value of the wrong shape, with the key to fix.
    """
    result = base or DocumentSettings()
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in KEYS:
            continue
        name, what = KEYS[key]
        what = _(what)
        changes[name] = _coerce(name, what, key, value)
    result = replace(result, **changes)
    _validate(result)
    return result


def _coerce(name: str, what: str, key: str, value: Any) -> Any:
    def bad(expect: str) -> ValidationError:
        return ValidationError(
            _("文书设置“{what}”（{key}）的值无效：应为{expect}，实际为 {value!r}。").format(
                what=what, key=key, expect=expect, value=value
            ),
            key,
        )

    if name == "fonts":
        if not isinstance(value, Mapping):
            raise bad(_('对象，如 {"body": "仿宋_GB2312"}'))
        known = {f.name for f in fields(FontSet)}
        unknown = set(value) - known
        if unknown or not all(isinstance(v, str) and v.strip() for v in value.values()):
            raise bad(_("只含 {roles} 且值为非空字体名的对象").format(roles="/".join(sorted(known))))
        return FontSet(**{k: str(v).strip() for k, v in value.items()})
    if name == "margins":
        if not isinstance(value, Mapping) or set(value) - {"top", "bottom", "left", "right"}:
            raise bad(_("只含 top/bottom/left/right（毫米）的对象"))
        try:
            mm = {k: float(v) for k, v in value.items()}
        except (TypeError, ValueError):
            raise bad(_("数字（毫米）")) from None
        if any(not 5 <= v <= 80 for v in mm.values()):
            raise bad(_("5 至 80 毫米之间的页边距"))
        return Margins(**mm)
    if name == "pdf_fonts":
        if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
            raise bad(_("角色到字体文件路径的对象"))
        return dict(value)
    if name in _FLOAT_FIELDS:
        if not isinstance(value, int | float) or not 8 <= float(value) <= 48:
            raise bad(_("8 至 48 之间的字号（磅）"))
        return float(value)
    if name in _INT_FIELDS:
        if not isinstance(value, int) or not 10 <= value <= 60:
            raise bad(_("10 至 60 之间的整数"))
        return value
    if name == "page_numbers":
        if value not in ("outside", "center"):
            raise bad(_("“outside”（单页居右、双页居左）或“center”（居中）"))
        return value
    if name == "signin_order":
        if value not in ("speaking", "strokes"):
            raise bad(_("“speaking”（按发言顺序）或“strokes”（按姓氏笔画）"))
        return value
    if name in _STR_FIELDS:
        if not isinstance(value, str):
            raise bad(_("文字"))
        return value.strip()
    raise AssertionError(name)  # pragma: no cover - KEYS and the branches above are kept in step


def _validate(s: DocumentSettings) -> None:
    if s.type_width_mm < 100 or s.type_height_mm < 150:
        raise ValidationError(_("页边距过大：版心不足 100 × 150 毫米，请减小页边距。"), PREFIX + "margins_mm")
    s.summary_number(2026, 1)


def decode_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``settings`` rows (key, JSON text) → key → value; a value that is not JSON is a clear error."""
    out: dict[str, Any] = {}
    for row in rows:
        try:
            out[str(row["key"])] = json.loads(row["value"])
        except (TypeError, json.JSONDecodeError):
            raise ValidationError(
                _("设置“{key}”保存的值不是有效的 JSON，请在系统设置中重新填写。").format(key=row["key"]),
                str(row["key"]),
            ) from None
    return out
