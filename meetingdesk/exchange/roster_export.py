"""The roster as a workbook in the import format (so a file exported here imports back unchanged),
and the empty template offered to courts that start a roster from scratch."""

from __future__ import annotations

from pathlib import Path

from meetingdesk.domain.choices import BODY_KINDS
from meetingdesk.exchange.roster_format import BODY_COLUMNS, MEMBER_COLUMNS, template_headings
from meetingdesk.i18n import _, chinese
from meetingdesk.services import roster
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import require
from meetingdesk.tabular import Cell, Column, Table
from meetingdesk.xlsx_out import write_workbook

MEMBERS_SHEET = "成员"
BODIES_SHEET = "会议组"


def _yes(flag: bool) -> str:
    return _("是") if flag else _("否")


def roster_tables(desk: Desk) -> list[Table]:
    bodies = roster.list_bodies(desk)
    body_rows: list[tuple[Cell, ...]] = [
        (
            b.name,
            BODY_KINDS.label(b.kind),
            b.specialty,
            b.division,
            f"{b.quorum_numerator}/{b.quorum_denominator}",
            b.quorum_minimum,
            b.deadline_working_days,
            b.secretary_name,
            b.contact_phone,
            _yes(b.active),
            b.notes,
        )
        for b in bodies
    ]
    memberships: dict[int, list[tuple[str, bool]]] = {}
    for r in desk.query(
        "SELECT m.judge_id, b.name, m.is_presider FROM body_members m JOIN bodies b ON b.id = m.body_id ORDER BY b.id"
    ):
        memberships.setdefault(r["judge_id"], []).append((r["name"], bool(r["is_presider"])))
    member_rows: list[tuple[Cell, ...]] = []
    for j in roster.list_judges(desk):
        mine = memberships.get(j.id, [])
        member_rows.append(
            (
                j.name,
                j.court,
                j.division,
                j.post,
                j.grade or "",
                j.grade_since,
                _yes(j.is_judge),
                "、".join(name for name, _p in mine),
                _yes(any(p for _n, p in mine)),
                j.phone,
                _yes(j.active),
                j.notes,
            )
        )
    member_cols = tuple(Column(h, "date" if h == "晋升日期" else "text") for h in template_headings("members"))
    body_cols = tuple(
        Column(h, "int" if h in ("最低人数", "材料提前工作日") else "text") for h in template_headings("bodies")
    )
    return [
        Table(_("成员名册"), member_cols, tuple(member_rows), sheet_name=MEMBERS_SHEET),
        Table(_("会议组"), body_cols, tuple(body_rows), sheet_name=BODIES_SHEET),
    ]


def export_roster_xlsx(desk: Desk, actor: Actor, path: Path) -> Path:
    """Members and bodies in the import format (headings in row 1)."""
    require(actor, "read.all")
    with chinese():  # the import format: Chinese headings and sheet names whatever the interface language
        return write_workbook(path, roster_tables(desk), title_rows=False)


def write_roster_template(path: Path) -> Path:
    """Empty 成员 and 会议组 sheets with the headings, and a 说明 sheet explaining each column (in Chinese,
    like the rosters courts keep, whatever the interface language)."""
    with chinese():
        return _write_template(path)


def _write_template(path: Path) -> Path:
    member_cols = tuple(Column(h) for h in template_headings("members"))
    body_cols = tuple(Column(h) for h in template_headings("bodies"))
    explain_rows: list[tuple[Cell, ...]] = []
    for sheet, columns in ((MEMBERS_SHEET, MEMBER_COLUMNS), (BODIES_SHEET, BODY_COLUMNS)):
        for headings, required, what in columns.values():
            explain_rows.append(
                (
                    sheet,
                    f"【{headings[0]}】",  # brackets: this sheet must never look like a roster itself
                    _("必填") if required else "",
                    _(what),
                    "、".join(h for h in headings[1:] if not h.isascii()),
                )
            )
    explain = Table(
        _("填写说明"),
        (Column(_("工作表")), Column(_("列")), Column(_("必填")), Column(_("填写内容")), Column(_("也可写作"))),
        tuple(explain_rows),
        (
            _("表头可在前10行内的任意一行；列的顺序不限；多余的列会被忽略。"),
            _("人员按姓名匹配：已有的人员更新，新的人员新建；导入不会删除任何人员、会议组或成员关系。"),
        ),
        sheet_name=_("说明"),
    )
    return write_workbook(
        path,
        [
            Table(_("成员名册"), member_cols, (), sheet_name=MEMBERS_SHEET),
            Table(_("会议组"), body_cols, (), sheet_name=BODIES_SHEET),
            explain,
        ],
        title_rows=False,
    )
