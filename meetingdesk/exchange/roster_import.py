"""Importing members and bodies from a court's roster (.xlsx/.csv): preview first, then all or nothing.

:func:`preview_roster_import` reads the file and checks every row exactly as the roster services would
(returning parsed rows and per-row errors, for the GUI to show). :func:`apply_roster_import` checks the
file again and, only if no row has an error, writes everything in ONE transaction: a failure leaves the
database as it was. The import adds and updates; it never deletes people, bodies or memberships.
People are matched by name, bodies by name. Column headings: docs/roster-import.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from meetingdesk.domain.choices import BODY_KINDS
from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.exchange.roster_format import (
    BODY_COLUMNS,
    INSTRUCTION_SHEETS,
    MEMBER_COLUMNS,
    map_headers,
    sheet_kind,
)
from meetingdesk.exchange.sheets import RawSheet, parse_date, read_sheets, text, yes_no
from meetingdesk.i18n import _
from meetingdesk.services import roster
from meetingdesk.services.actor import Actor
from meetingdesk.services.court_settings import new_body_input
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import require
from meetingdesk.services.records import from_row

_LIST_SPLIT = re.compile(r"[、,，;；/\n]+")
_FRACTIONS = {"三分之一": (1, 3), "二分之一": (1, 2), "一半": (1, 2), "三分之二": (2, 3), "四分之一": (1, 4)}


@dataclass(frozen=True)
class MemberRow:
    sheet: str
    row: int
    name: str
    judge: roster.JudgeInput | None  # None when the row has errors
    bodies: tuple[str, ...]
    presider: bool
    action: str  # create | update | unchanged | error
    judge_id: int | None
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class BodyRow:
    sheet: str
    row: int
    name: str
    body: roster.BodyInput | None
    action: str  # create | update | unchanged | error
    body_id: int | None
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int | None  # None: about the whole file or sheet
    message: str

    def __str__(self) -> str:
        where = (
            _("“{sheet}”第{row}行").format(sheet=self.sheet, row=self.row)
            if self.row
            else _("“{sheet}”").format(sheet=self.sheet)
        )
        return _("{label}：").format(label=where) + self.message


@dataclass(frozen=True)
class RosterPreview:
    """What an import would do: every parsed row with its action and errors; nothing is written."""

    path: Path
    members: tuple[MemberRow, ...]
    bodies: tuple[BodyRow, ...]
    file_errors: tuple[ImportProblem, ...] = ()
    warnings: tuple[ImportProblem, ...] = ()  # e.g. columns not recognised (ignored)

    @property
    def errors(self) -> list[ImportProblem]:
        rows = [ImportProblem(b.sheet, b.row, e) for b in self.bodies for e in b.errors]
        rows += [ImportProblem(m.sheet, m.row, e) for m in self.members for e in m.errors]
        return [*self.file_errors, *sorted(rows, key=lambda p: (p.sheet, p.row or 0))]

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        """Rows (bodies and members) with this action: create, update, unchanged or error."""
        return sum(1 for b in self.bodies if b.action == action) + sum(1 for m in self.members if m.action == action)


@dataclass(frozen=True)
class ImportResult:
    bodies_created: int
    bodies_updated: int
    judges_created: int
    judges_updated: int
    memberships: int


# ---- preview


def preview_roster_import(desk: Desk, actor: Actor, path: Path) -> RosterPreview:
    """Parse and check ``path`` (every sheet or the .csv) without writing anything.

    Raises:
        ValidationError: the file is not a readable .xlsx/.csv (row problems are in the preview instead).
    """
    require(actor, "roster.edit")
    path = Path(path)
    sheets = [
        s
        for s in read_sheets(path, lambda headers: sheet_kind(headers) is not None)
        if s.name.strip().lower() not in INSTRUCTION_SHEETS
    ]
    file_errors: list[ImportProblem] = []
    warnings: list[ImportProblem] = []
    if not sheets:
        file_errors.append(
            ImportProblem(
                path.name,
                None,
                _("未找到表头：成员名册须有“姓名”列，会议组表须有“会议组名称”列（表头应在前10行内）。"),
            )
        )
    body_sheets = [s for s in sheets if sheet_kind(s.headers) == "bodies"]
    member_sheets = [s for s in sheets if sheet_kind(s.headers) == "members"]
    for s in sheets:
        kind = sheet_kind(s.headers) or "members"
        _found, unknown, twice = map_headers(s.headers, kind)
        if unknown:
            warnings.append(
                ImportProblem(
                    s.name, s.header_row, _("以下列未识别，将被忽略：{cols}").format(cols=_("、").join(unknown))
                )
            )
        for heading in twice:
            file_errors.append(
                ImportProblem(s.name, s.header_row, _("“{h}”与另一列表示同一项，请删去其一。").format(h=heading))
            )
    bodies = _body_rows(desk, body_sheets)
    known_bodies = {b.name for b in roster.list_bodies(desk)} | {b.name for b in bodies if b.name}
    members = _member_rows(desk, member_sheets, known_bodies)
    if sheets and not bodies and not members:
        file_errors.append(ImportProblem(path.name, None, _("文件中没有数据行。")))
    return RosterPreview(path, tuple(members), tuple(bodies), tuple(file_errors), tuple(warnings))


def _cells(sheet: RawSheet, kind: str) -> list[tuple[int, dict[str, object]]]:
    found, _unknown, _twice = map_headers(sheet.headers, kind)
    out = []
    for row_no, values in sheet.rows:
        out.append((row_no, {key: values[i] if i < len(values) else None for key, i in found.items()}))
    return out


def _body_rows(desk: Desk, sheets: list[RawSheet]) -> list[BodyRow]:
    existing = {b.name: b for b in roster.list_bodies(desk)}
    blank = new_body_input(desk)  # the court's defaults for new bodies; the file may say otherwise
    seen: dict[str, int] = {}
    out: list[BodyRow] = []
    for sheet in sheets:
        for row_no, cells in _cells(sheet, "bodies"):
            errors: list[str] = []
            name = text(cells.get("name"))
            if not name:
                out.append(BodyRow(sheet.name, row_no, "", None, "error", None, (_("请填写会议组名称。"),)))
                continue
            if name in seen:
                errors.append(_("会议组“{name}”与第{row}行重复。").format(name=name, row=seen[name]))
            seen.setdefault(name, row_no)
            current = existing.get(name)
            base = _body_input(current) if current else replace(blank, name=name)
            data, problems = _parse_body(cells, base)
            errors += problems
            if not errors:
                try:
                    values = roster.body_values(desk, data, current.id if current else None)
                except MeetingDeskError as exc:
                    errors.append(str(exc))
            if errors:
                out.append(
                    BodyRow(sheet.name, row_no, name, None, "error", current.id if current else None, tuple(errors))
                )
                continue
            action = "create"
            if current:
                before = roster.body_values(desk, _body_input(current), current.id)
                action = "unchanged" if before == values else "update"
            out.append(BodyRow(sheet.name, row_no, name, data, action, current.id if current else None))
    return out


def _body_input(b: roster.Body) -> roster.BodyInput:
    fields = {f: getattr(b, f) for f in roster.BodyInput.__dataclass_fields__}
    return roster.BodyInput(**fields)


def _parse_body(cells: dict[str, object], base: roster.BodyInput) -> tuple[roster.BodyInput, list[str]]:
    errors: list[str] = []
    changes: dict[str, Any] = {}
    for key in ("specialty", "division", "secretary_name", "contact_phone", "notes"):
        value = text(cells.get(key))
        if value:
            changes[key] = value
    kind = text(cells.get("kind"))
    if kind:
        code = next((c for c, label in BODY_KINDS if kind in (c, label) or label == kind), None)
        if code is None:
            labels = _("、").join(label for _c, label in BODY_KINDS)
            errors.append(_("会议组类型“{kind}”无效，可填：{labels}。").format(kind=kind, labels=labels))
        else:
            changes["kind"] = code
    quorum = text(cells.get("quorum"))
    if quorum:
        fraction = _parse_fraction(quorum)
        if fraction is None:
            errors.append(_("法定人数比例“{q}”无效，应写作 1/3 或“三分之一”。").format(q=quorum))
        else:
            changes["quorum_numerator"], changes["quorum_denominator"] = fraction
    for key, label in (("quorum_minimum", _("最低人数")), ("deadline_working_days", _("材料提前工作日"))):
        value = text(cells.get(key))
        if value:
            if not value.isdigit():
                errors.append(_("{label}“{v}”应为整数。").format(label=label, v=value))
            else:
                changes[key] = int(value)
    active = _flag(cells, "active", _("启用"), errors)
    if active is not None:
        changes["active"] = active
    return replace(base, **changes), errors


def _parse_fraction(s: str) -> tuple[int, int] | None:
    if s in _FRACTIONS:
        return _FRACTIONS[s]
    m = re.match(r"^(\d+)\s*[/／]\s*(\d+)$", s)
    if m and int(m.group(2)) > 0:
        return int(m.group(1)), int(m.group(2))
    return None


def _flag(cells: dict[str, object], key: str, label: str, errors: list[str]) -> bool | None:
    try:
        return yes_no(cells.get(key))
    except ValueError as exc:
        errors.append(_("“{label}”一栏应填“是”或“否”，而不是“{v}”。").format(label=label, v=exc))
        return None


def _member_rows(desk: Desk, sheets: list[RawSheet], known_bodies: set[str]) -> list[MemberRow]:
    by_name: dict[str, list[roster.Judge]] = {}
    for j in roster.list_judges(desk):
        by_name.setdefault(j.name, []).append(j)
    seen: dict[str, int] = {}
    out: list[MemberRow] = []
    for sheet in sheets:
        for row_no, cells in _cells(sheet, "members"):
            errors: list[str] = []
            name = text(cells.get("name"))
            if not name:
                out.append(MemberRow(sheet.name, row_no, "", None, (), False, "error", None, (_("请填写姓名。"),)))
                continue
            if name in seen:
                errors.append(
                    _("“{name}”与第{row}行重名；同名人员请在程序中手工添加。").format(name=name, row=seen[name])
                )
            seen.setdefault(name, row_no)
            matches = by_name.get(name, [])
            if len(matches) > 1:
                errors.append(
                    _("系统中已有{n}名“{name}”，无法确定更新哪一位，请在程序中手工处理。").format(
                        n=len(matches), name=name
                    )
                )
            current = matches[0] if len(matches) == 1 else None
            bodies = tuple(dict.fromkeys(b.strip() for b in _LIST_SPLIT.split(text(cells.get("bodies"))) if b.strip()))
            for b in bodies:
                if b not in known_bodies:
                    errors.append(_("会议组“{body}”不存在：请核对名称，或在“会议组”工作表中一并导入。").format(body=b))
            presider = bool(_flag(cells, "presider", _("主持人"), errors))
            if presider and not bodies:
                errors.append(_("已标为主持人，但未填写所属会议组。"))
            data = _parse_member(cells, current, bool(bodies), errors)
            if not errors:
                try:
                    values = roster.judge_values(desk, data)
                except MeetingDeskError as exc:
                    errors.append(str(exc))
            if not errors and bodies and not data.is_judge:
                errors.append(_("“{name}”不是员额法官，不能成为会议组成员（可作为列席人员邀请）。").format(name=name))
            if errors:
                out.append(
                    MemberRow(
                        sheet.name,
                        row_no,
                        name,
                        None,
                        bodies,
                        presider,
                        "error",
                        current.id if current else None,
                        tuple(errors),
                    )
                )
                continue
            action = "create"
            if current:
                before = roster.judge_values(desk, _judge_input(current))
                action = (
                    "unchanged"
                    if before == values and not _membership_changes(desk, current.id, bodies, presider)
                    else "update"
                )
            out.append(
                MemberRow(sheet.name, row_no, name, data, bodies, presider, action, current.id if current else None)
            )
    return out


def _judge_input(j: roster.Judge) -> roster.JudgeInput:
    fields = {f: getattr(j, f) for f in roster.JudgeInput.__dataclass_fields__}
    return roster.JudgeInput(**fields)


def _parse_member(
    cells: dict[str, object], current: roster.Judge | None, has_bodies: bool, errors: list[str]
) -> roster.JudgeInput:
    base = _judge_input(current) if current else roster.JudgeInput(name=text(cells.get("name")))
    changes: dict[str, Any] = {}
    for key in ("court", "division", "post", "phone", "notes"):
        value = text(cells.get(key))
        if value:
            changes[key] = value
    grade = re.sub(r"\s", "", text(cells.get("grade")))
    if grade:
        changes["grade"] = grade
    try:
        since = parse_date(cells.get("grade_since"))
    except ValueError as exc:
        errors.append(_("晋升日期“{v}”无法识别，应写作 2019-12-01 或 2019年12月1日。").format(v=exc))
        since = None
    if since is not None:
        changes["grade_since"] = since
    is_judge = _flag(cells, "is_judge", _("员额法官"), errors)
    if is_judge is not None:
        changes["is_judge"] = is_judge
    elif current is None:
        changes["is_judge"] = bool(grade) or has_bodies
    active = _flag(cells, "active", _("在职"), errors)
    if active is not None:
        changes["active"] = active
    return replace(base, **changes)


def _membership_changes(desk: Desk, judge_id: int, bodies: tuple[str, ...], presider: bool) -> bool:
    rows = desk.query(
        "SELECT b.name, m.is_presider FROM body_members m JOIN bodies b ON b.id = m.body_id WHERE m.judge_id = ?",
        (judge_id,),
    )
    have = {r["name"]: bool(r["is_presider"]) for r in rows}
    return any(have.get(b) != presider for b in bodies)


# ---- apply


def apply_roster_import(desk: Desk, actor: Actor, path: Path) -> ImportResult:
    """Check ``path`` again and write every row in one transaction (nothing is written if any row is wrong).

    Raises:
        ValidationError: some rows have errors (the message gives the count and the first few).
    """
    preview = preview_roster_import(desk, actor, path)
    problems = preview.errors
    if problems:
        shown = _("；").join(str(p).rstrip(_("。")) for p in problems[:5])
        more = _("等共{n}处问题").format(n=len(problems)) if len(problems) > 5 else ""
        raise ValidationError(
            _("导入未进行，数据未作任何更改。请先修正：{shown}{more}。").format(shown=shown, more=more)
        )
    counts = dict.fromkeys(("bc", "bu", "jc", "ju", "m"), 0)
    with desk.write(actor, "roster.import") as tx:
        tx.note("roster", "import", {"file": preview.path.name})
        body_ids = {b.name: b.id for b in roster.list_bodies(desk)}
        for b in preview.bodies:
            assert b.body is not None
            values = roster.body_values(desk, b.body, b.body_id)
            if b.body_id is None:
                body_ids[b.name] = tx.insert("bodies", values)
                counts["bc"] += 1
            elif tx.update("bodies", {"id": b.body_id}, values):
                counts["bu"] += 1
        for m in preview.members:
            assert m.judge is not None
            values = roster.judge_values(desk, m.judge)
            judge_id = m.judge_id
            if judge_id is None:
                judge_id = tx.insert("judges", values)
                counts["jc"] += 1
            elif tx.update("judges", {"id": judge_id}, values):
                counts["ju"] += 1
            for body in m.bodies:
                roster.write_membership(tx, body_ids[body], judge_id, member=True, presider=m.presider)
                counts["m"] += 1
    return ImportResult(counts["bc"], counts["bu"], counts["jc"], counts["ju"], counts["m"])


def imported_judge(desk: Desk, judge_id: int) -> roster.Judge:
    """Convenience for callers showing the result."""
    return from_row(roster.Judge, desk.get("judges", judge_id, what=_("人员")))


__all__ = [
    "BODY_COLUMNS",
    "MEMBER_COLUMNS",
    "BodyRow",
    "ImportProblem",
    "ImportResult",
    "MemberRow",
    "RosterPreview",
    "apply_roster_import",
    "preview_roster_import",
]
