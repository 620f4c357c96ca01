"""The roster spreadsheet: Chinese column headings and the variants accepted for each.

Documented for users in docs/roster-import.md; keep the two in step. The first heading of each list is
the one MeetingDesk writes (template and export); the rest are common variants found in courts' own
rosters. Headings are compared without spaces, stars and trailing notes in brackets.
"""

from __future__ import annotations

from meetingdesk.exchange.sheets import normalise_heading
from meetingdesk.i18n import N_

# key → (headings, required, what it holds)
MEMBER_COLUMNS: dict[str, tuple[tuple[str, ...], bool, str]] = {
    "name": (("姓名", "法官姓名", "人员姓名", "名字", "name"), True, N_("填写姓名；人员按姓名匹配")),
    "court": (("所在法院", "法院", "单位", "court"), False, N_("所在法院")),
    "division": (("部门", "所在部门", "庭室", "所在庭室", "审判庭", "部门（庭室）", "division"), False, N_("部门")),
    "post": (("职务", "行政职务", "职位", "post"), False, N_("职务：院长、庭长、审判员……")),
    "grade": (("法官等级", "等级", "法官级别", "级别", "grade"), False, N_("法官等级：五级法官……首席大法官")),
    "grade_since": (
        (
            "晋升日期",
            "晋升现等级日期",
            "现等级晋升日期",
            "等级晋升日期",
            "任现等级时间",
            "晋升时间",
            "晋级时间",
            "grade_since",
        ),
        False,
        N_("晋升至现等级的日期，如 2019-12-01"),
    ),
    "is_judge": (
        ("员额法官", "是否员额法官", "是否入额", "入额", "is_judge"),
        False,
        N_("是/否；空白时有法官等级即为“是”"),
    ),
    "bodies": (
        ("会议组", "所属会议组", "专业法官会议", "所属专业法官会议", "参加会议组", "bodies"),
        False,
        N_("所属会议组名称，多个用顿号、逗号或分号隔开"),
    ),
    "presider": (("主持人", "是否主持人", "可主持", "presider"), False, N_("是/否：在所列会议组中担任主持人")),
    "phone": (("联系电话", "电话", "手机", "手机号", "办公电话", "phone"), False, N_("联系电话")),
    "active": (("在职", "是否在职", "状态", "active"), False, N_("是/否；空白为在职")),
    "notes": (("备注", "说明", "notes"), False, N_("备注")),
}

BODY_COLUMNS: dict[str, tuple[tuple[str, ...], bool, str]] = {
    "name": (
        ("会议组名称", "名称", "会议组", "专业法官会议名称", "专业法官会议", "name"),
        True,
        N_("填写名称，如“刑事专业法官会议”"),
    ),
    "kind": (("类型", "会议组类型", "会议类型", "kind"), False, N_("专业法官会议 / 审判庭… / 审判团队… / 跨部门…")),
    "specialty": (("专业领域", "专业", "审判领域", "specialty"), False, N_("刑事、民事、行政、执行……")),
    "division": (("所属部门", "部门", "审判庭", "division"), False, N_("所属部门")),
    "quorum": (("法定人数比例", "出席比例", "人数比例", "quorum"), False, N_("如 1/3（默认）")),
    "quorum_minimum": (("最低人数", "法定最低人数", "最少出席人数", "quorum_minimum"), False, N_("默认5")),
    "deadline_working_days": (
        ("材料提前工作日", "材料提交期限", "提前送达工作日", "材料期限", "deadline_working_days"),
        False,
        N_("会前几个工作日送达材料，默认3"),
    ),
    "secretary_name": (("会议秘书", "秘书", "secretary_name"), False, N_("会议秘书")),
    "contact_phone": (("联系电话", "电话", "contact_phone"), False, N_("联系电话")),
    "active": (("启用", "是否启用", "active"), False, N_("是/否；空白为启用")),
    "notes": (("备注", "说明", "notes"), False, N_("备注")),
}


def _index(columns: dict[str, tuple[tuple[str, ...], bool, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, (headings, _required, _what) in columns.items():
        for h in headings:
            out.setdefault(normalise_heading(h), key)
    return out


_MEMBER_INDEX = _index(MEMBER_COLUMNS)
_BODY_INDEX = _index(BODY_COLUMNS)


def map_headers(headers: tuple[str, ...], kind: str) -> tuple[dict[str, int], list[str], list[str]]:
    """(key → column index, headings not recognised, keys found twice) for a ``members``/``bodies`` sheet."""
    index = _MEMBER_INDEX if kind == "members" else _BODY_INDEX
    found: dict[str, int] = {}
    unknown: list[str] = []
    twice: list[str] = []
    for n, heading in enumerate(headers):
        norm = normalise_heading(heading)
        if not norm or norm in ("序号", "编号", "no", "no."):
            continue
        key = index.get(norm)
        if key is None:
            unknown.append(heading)
        elif key in found:
            twice.append(heading)
        else:
            found[key] = n
    return found, unknown, twice


INSTRUCTION_SHEETS = frozenset({"说明", "填写说明", "instructions"})
"""Sheets never read as data (the template's explanations)."""


def sheet_kind(headers: tuple[str, ...]) -> str | None:
    """``members`` when a name column is there, ``bodies`` when a body-name column is, else None."""
    norms = {normalise_heading(h) for h in headers}
    if any(_MEMBER_INDEX.get(n) == "name" for n in norms):
        return "members"
    if any(_BODY_INDEX.get(n) == "name" for n in norms):
        return "bodies"
    return None


def template_headings(kind: str) -> list[str]:
    columns = MEMBER_COLUMNS if kind == "members" else BODY_COLUMNS
    return [headings[0] for headings, _r, _w in columns.values()]
