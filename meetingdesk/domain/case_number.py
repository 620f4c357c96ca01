"""案号 (case numbers) per the SPC rules of 2016 (amended 2018), plus a legacy mode for older numbers.

Modern form: "（" 收案年度 "）" 法院代字 [专门审判代字] 类型代字 案件编号 "号", e.g. （2019）吉01民终123号.
Half-width or square brackets and full-width digits are accepted and normalised.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from meetingdesk.domain.case_types import builtin_special_codes, builtin_type_codes
from meetingdesk.i18n import _

PROVINCES = "京津沪渝冀晋内辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔云藏陕甘青宁新军兵"
FIRST_MODERN_YEAR = 2016
EXAMPLE = "（2019）吉01民终123号"

_OPEN = "(（〔[【"
_CLOSE = ")）〕]】"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_COURT = re.compile(rf"^(最高法|[{PROVINCES}](?:[0-9]{{4}}|[0-9]{{2}})?)")
_LEGACY_HINT = re.compile(r"字第|第\s*[0-9]+\s*号")


class InvalidCaseNumber(ValueError):
    """The text is not a valid 案号; the message says in Chinese what to fix."""


@dataclass(frozen=True)
class CaseNumber:
    year: int
    court: str
    special: str | None
    type_code: str
    seq: int
    legacy_text: str | None = None  # set for pre-2016 numbers kept as free text

    @property
    def legacy(self) -> bool:
        return self.legacy_text is not None

    def __str__(self) -> str:
        if self.legacy_text is not None:
            return self.legacy_text
        return f"（{self.year}）{self.court}{self.special or ''}{self.type_code}{self.seq}号"


def normalise_text(text: str) -> str:
    """Unify brackets and digits and drop whitespace, without judging validity."""
    cleaned = "".join(text.split()).translate(_FULLWIDTH_DIGITS)
    if cleaned[:1] in _OPEN:
        close = min((i for i in (cleaned.find(c) for c in _CLOSE) if i > 0), default=-1)
        if close > 0:
            cleaned = "（" + cleaned[1:close] + "）" + cleaned[close + 1 :]
    return cleaned


def parse_case_number(
    text: str,
    *,
    legacy: bool = False,
    type_codes: Collection[str] | None = None,
    special_codes: Collection[str] | None = None,
    max_year: int | None = None,
) -> CaseNumber:
    """Parse and normalise a 案号.

    Args:
        text: what the user typed.
        legacy: accept a pre-2016 number as free text (only brackets, digits and spaces normalised).
        type_codes: the court's 类型代字 table (defaults to the built-in one).
        special_codes: the 专门审判代字 table (defaults to the built-in one).
        max_year: latest acceptable 收案年度 (e.g. next year), or None for no upper bound.

    Raises:
        InvalidCaseNumber: with a Chinese message that says what is wrong.
    """
    if not text or not text.strip():
        raise InvalidCaseNumber(_("案号不能为空。"))
    cleaned = normalise_text(text)
    if legacy:
        return _parse_legacy(cleaned, max_year)

    codes = builtin_type_codes() if type_codes is None else frozenset(type_codes)
    specials = builtin_special_codes() if special_codes is None else frozenset(special_codes)
    if _LEGACY_HINT.search(cleaned):
        raise InvalidCaseNumber(
            _(
                "“{cleaned}”像是2016年以前的旧式案号（含“字第”），请选择“旧式案号”后录入；新式案号形如{example}。"
            ).format(cleaned=cleaned, example=EXAMPLE)
        )
    year, rest = _split_year(cleaned)
    if year < FIRST_MODERN_YEAR:
        raise InvalidCaseNumber(
            _("收案年度{year}早于2016年，现行案号格式自2016年起施行；旧案号请选择“旧式案号”后录入。").format(year=year)
        )
    if max_year is not None and year > max_year:
        raise InvalidCaseNumber(_("收案年度{year}晚于{max_year}年，请核对。").format(year=year, max_year=max_year))

    court_match = _COURT.match(rest)
    if not court_match:
        shown = rest[:3] or _("（空）")
        raise InvalidCaseNumber(
            _(
                "法院代字“{shown}”无法识别：应为“最高法”或省级简称（如京、沪、吉），其后可带2位（中级法院）或4位（基层法院）数字，例如{example}。"
            ).format(shown=shown, example=EXAMPLE)
        )
    court = court_match.group(1)
    rest = rest[court_match.end() :]
    if rest and rest[0] in "0123456789":
        raise InvalidCaseNumber(
            _("法院代字“{court}”后的数字位数不对：中级法院为2位、基层法院为4位，例如吉01、吉0102。").format(court=court)
        )

    m = re.match(r"^([^0-9号]*)([0-9]*)(号?)(.*)$", rest)
    if not m or not m.group(1):
        raise InvalidCaseNumber(_("缺少类型代字（如民初、刑终、执），例如{example}。").format(example=EXAMPLE))
    letters, digits, hao, tail = m.groups()
    if not digits:
        raise InvalidCaseNumber(
            _("缺少案件编号：类型代字“{letters}”之后应为数字编号，例如{example}。").format(
                letters=letters, example=EXAMPLE
            )
        )
    if tail:
        raise InvalidCaseNumber(_("案号应以“号”结尾，后面多出了“{tail}”。").format(tail=tail))
    del hao  # "号" is optional on input and always added on output
    seq = int(digits)
    if seq <= 0:
        raise InvalidCaseNumber(_("案件编号应为正整数，不能为0。"))

    special: str | None = None
    type_code = letters
    if letters not in codes and letters[:1] in specials and letters[1:] in codes:
        special, type_code = letters[0], letters[1:]
    if type_code not in codes:
        raise InvalidCaseNumber(
            _(
                "类型代字“{letters}”不在案件类型代字表中。请核对（如民初、民终、刑初、执）；如为新的案件类型，请由管理员在代字表中添加。"
            ).format(letters=letters)
        )
    return CaseNumber(year=year, court=court, special=special, type_code=type_code, seq=seq)


def _split_year(cleaned: str) -> tuple[int, str]:
    m = re.match(r"^（(.*?)）(.*)$", cleaned)
    if not m:
        raise InvalidCaseNumber(_("案号应以括号括起的收案年度开头，例如{example}。").format(example=EXAMPLE))
    year_text, rest = m.groups()
    if not re.fullmatch(r"[0-9]{4}", year_text):
        raise InvalidCaseNumber(_("收案年度“{year_text}”不是四位数字年份，例如（2019）。").format(year_text=year_text))
    return int(year_text), rest


def _parse_legacy(cleaned: str, max_year: int | None) -> CaseNumber:
    year, rest = _split_year(cleaned)
    if not 1949 <= year <= (max_year or 9999):
        raise InvalidCaseNumber(_("收案年度{year}不在合理范围内，请核对。").format(year=year))
    if not rest:
        raise InvalidCaseNumber(_("年度之后缺少法院和案件类型等内容。"))
    seq_match = re.search(r"([0-9]+)号$", rest)
    return CaseNumber(
        year=year,
        court="",
        special=None,
        type_code="",
        seq=int(seq_match.group(1)) if seq_match else 0,
        legacy_text=cleaned,
    )
