"""Case reports (提请讨论报告): intake, editing and their workflow.

A report carries every field of domain.md §2. It may be submitted only when complete, which
includes a 类案检索报告 (an attachment of that kind) or a recorded reason why there is none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from meetingdesk.domain.case_number import InvalidCaseNumber, parse_case_number
from meetingdesk.domain.case_types import builtin_special_codes, builtin_type_codes
from meetingdesk.domain.choices import (
    FOUR_CATEGORY_REASONS,
    INITIATORS,
    PROCEDURES,
    QUESTION_TYPES,
    REPORT_STATES,
    SUBMISSION_REASONS,
)
from meetingdesk.domain.opinions import OPTION_LABELS
from meetingdesk.domain.report_workflow import EDITABLE_STATES, TransitionError, available_actions, next_state
from meetingdesk.errors import ConflictError, PermissionDeniedError, StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.attachments import Attachment, list_attachments
from meetingdesk.services.desk import Desk, Row, Tx
from meetingdesk.services.permissions import allowed, require
from meetingdesk.services.records import clean, from_row
from meetingdesk.services.settings import get_setting

# ---- data


@dataclass(frozen=True)
class PanelMember:
    judge_id: int
    role: str = "member"  # presiding | reporting | member
    holds: str | None = None  # majority | minority | None
    name: str = ""


@dataclass(frozen=True)
class ReportInput:
    """What the intake form collects."""

    case_number: str
    body_id: int
    reporting_judge_id: int
    cause: str = ""
    parties: str = ""
    procedure: str = "first"
    initiator: str = "panel"
    question_type: str = "law"
    facts: str = ""
    issues: str = ""
    questions: str = ""
    panel_majority_view: str = ""
    panel_minority_view: str = ""
    search_report_waiver: str = ""
    legacy_case_number: bool = False
    reasons: tuple[str, ...] = ()
    panel: tuple[PanelMember, ...] = ()
    options: tuple[tuple[str, str], ...] = ()  # (甲, text) …


@dataclass(frozen=True)
class Report:
    id: int
    case_number: str
    case_number_legacy: bool
    case_year: int | None
    cause: str
    parties: str
    procedure: str
    body_id: int
    reporting_judge_id: int
    initiator: str
    question_type: str
    facts: str
    issues: str
    questions: str
    panel_majority_view: str
    panel_minority_view: str
    search_report_waiver: str
    state: str
    state_reason: str
    convene_decision: str | None
    convene_reason: str
    convene_at: datetime | None
    submitted_at: datetime | None
    accepted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    created_by: int | None = None
    reporting_judge_name: str = ""
    body_name: str = ""
    reasons: tuple[str, ...] = ()
    panel: tuple[PanelMember, ...] = ()
    options: tuple[tuple[str, str], ...] = ()
    attachments: tuple[Attachment, ...] = ()

    @property
    def state_label(self) -> str:
        return REPORT_STATES.label(self.state)

    @property
    def four_category(self) -> bool:
        return bool(FOUR_CATEGORY_REASONS & set(self.reasons))

    @property
    def has_search_report(self) -> bool:
        return any(a.kind == "search_report" for a in self.attachments)

    @property
    def actions(self) -> list[str]:
        return available_actions(self.state)


@dataclass(frozen=True)
class ReportRow:
    """One line of the reports table (kept light: the table may hold 100,000 of them)."""

    id: int
    case_number: str
    cause: str
    state: str
    body_id: int
    body_name: str
    reporting_judge: str
    submitted_at: str | None
    updated_at: str
    late: bool
    meeting_id: int | None
    meeting_starts_at: str | None


@dataclass(frozen=True)
class ReportFilter:
    states: tuple[str, ...] = ()
    body_id: int | None = None
    reporting_judge_id: int | None = None
    text: str = ""  # matches 案号, 案由, 当事人
    late_only: bool = False
    submitted_from: date | None = None
    submitted_to: date | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class Completeness:
    """What is still missing before a report can be submitted."""

    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


# ---- validation


def court_type_codes(desk: Desk) -> frozenset[str]:
    extra = {r["code"] for r in desk.query("SELECT code FROM case_type_codes")}
    return builtin_type_codes() | extra


def normalise_case_number(desk: Desk, text: str, legacy: bool = False) -> tuple[str, int]:
    """Parse with the court's code table; return (normalised text, year) or raise ValidationError."""
    try:
        cn = parse_case_number(
            text,
            legacy=legacy,
            type_codes=court_type_codes(desk),
            special_codes=builtin_special_codes(),
            max_year=desk.now().year + 1,
        )
    except InvalidCaseNumber as exc:
        raise ValidationError(str(exc), "case_number") from exc
    return str(cn), cn.year


def _validate(desk: Desk, data: ReportInput, report_id: int | None) -> dict[str, Any]:
    case_number, year = normalise_case_number(desk, data.case_number, data.legacy_case_number)
    dup = desk.one("SELECT id, state FROM reports WHERE case_number = ? AND id IS NOT ?", (case_number, report_id))
    if dup:
        raise ConflictError(
            _(
                "案号{case_number}已登记（案件报告编号{id}，"
                "{label}）。同一案件只能有一份报告；如需再次讨论，"
                "请在原报告中操作。"
            ).format(case_number=case_number, id=dup["id"], label=REPORT_STATES.label(dup["state"]))
        )
    if not desk.one("SELECT 1 FROM bodies WHERE id = ? AND active = 1", (data.body_id,)):
        raise ValidationError(_("请选择提交讨论的专业法官会议。"), "body_id")
    if not desk.one("SELECT 1 FROM judges WHERE id = ?", (data.reporting_judge_id,)):
        raise ValidationError(_("请选择承办法官。"), "reporting_judge_id")
    for value, choices, what, fld in (
        (data.procedure, PROCEDURES, _("审判程序"), "procedure"),
        (data.initiator, INITIATORS, _("提请主体"), "initiator"),
        (data.question_type, QUESTION_TYPES, _("问题类型"), "question_type"),
    ):
        if value not in choices:
            raise ValidationError(_("{what}“{code}”无效。").format(what=what, code=value), fld)
    for reason in data.reasons:
        if reason not in SUBMISSION_REASONS:
            raise ValidationError(_("提请理由“{reason}”无效。").format(reason=reason), "reasons")
    seen_labels: set[str] = set()
    for label, text in data.options:
        if label not in OPTION_LABELS:
            raise ValidationError(
                _("备选意见的标号应为{labels}之一。").format(labels=_("、").join(OPTION_LABELS)), "options"
            )
        if label in seen_labels:
            raise ValidationError(_("备选意见“{label}”重复。").format(label=label), "options")
        if not clean(text):
            raise ValidationError(_("请填写{label}意见的内容。").format(label=label), "options")
        seen_labels.add(label)
    panel_ids = [p.judge_id for p in data.panel]
    if len(set(panel_ids)) != len(panel_ids):
        raise ValidationError(_("合议庭成员有重复。"), "panel")
    for p in data.panel:
        if p.role not in ("presiding", "reporting", "member") or p.holds not in (
            None,
            "majority",
            "minority",
        ):
            raise ValidationError(_("合议庭成员的角色或所持意见无效。"), "panel")
        if not desk.one("SELECT 1 FROM judges WHERE id = ?", (p.judge_id,)):
            raise ValidationError(_("合议庭成员中有不存在的人员。"), "panel")
    return {
        "case_number": case_number,
        "case_number_legacy": int(data.legacy_case_number),
        "case_year": year,
        "cause": clean(data.cause),
        "parties": clean(data.parties),
        "procedure": data.procedure,
        "body_id": data.body_id,
        "reporting_judge_id": data.reporting_judge_id,
        "initiator": data.initiator,
        "question_type": data.question_type,
        "facts": clean(data.facts),
        "issues": clean(data.issues),
        "questions": clean(data.questions),
        "panel_majority_view": clean(data.panel_majority_view),
        "panel_minority_view": clean(data.panel_minority_view),
        "search_report_waiver": clean(data.search_report_waiver),
    }


def completeness(report: Report) -> Completeness:
    missing = []
    if not report.cause:
        missing.append(_("案由"))
    if not report.facts:
        missing.append(_("基本案情"))
    if not report.issues:
        missing.append(_("争议焦点"))
    if not report.questions:
        missing.append(_("提请讨论的问题"))
    if not report.reasons:
        missing.append(_("提请讨论的理由（至少选一项）"))
    if not report.panel_majority_view and report.initiator == "panel":
        missing.append(_("合议庭评议意见（多数意见）"))
    if not report.has_search_report and not report.search_report_waiver:
        missing.append(_("类案检索报告（上传附件，或说明未附的理由）"))
    return Completeness(missing)


# ---- permission helpers


def visible_reports_condition(desk: Desk, actor: Actor) -> tuple[str, list[Any]]:
    """An SQL condition on ``r`` (reports) selecting what an actor without ``read.all`` may see.

    A member sees the reports they handle or sit on the panel of, and the materials of meetings they
    belong to (as a member or 列席); with ``privacy.members_see_own_meetings_only`` off, also every
    report sent to a body they are on. An account not linked to a judge sees none.
    """
    j = actor.judge_id
    if j is None:
        return "0", []
    cond = (
        "r.reporting_judge_id = ? OR r.id IN (SELECT report_id FROM report_panel WHERE judge_id = ?)"
        " OR r.id IN (SELECT a.report_id FROM agenda_items a WHERE a.meeting_id IN ("
        "SELECT meeting_id FROM attendance WHERE judge_id = ?"
        " UNION SELECT meeting_id FROM meeting_invitees WHERE judge_id = ?))"
    )
    params: list[Any] = [j, j, j, j]
    if not get_setting(desk, "privacy.members_see_own_meetings_only"):
        cond += " OR r.body_id IN (SELECT body_id FROM body_members WHERE judge_id = ?)"
        params.append(j)
    return f"({cond})", params


def can_see_report(desk: Desk, actor: Actor, report_id: int) -> bool:
    if not allowed(actor, "read"):
        return False
    if allowed(actor, "read.all"):
        return True
    cond, params = visible_reports_condition(desk, actor)
    return bool(desk.one(f"SELECT 1 FROM reports r WHERE r.id = ? AND {cond}", (report_id, *params)))


def require_can_see_report(desk: Desk, actor: Actor, report_id: int) -> None:
    desk.get("reports", report_id, what=_("案件报告"))
    if not can_see_report(desk, actor, report_id):
        raise PermissionDeniedError(
            _("您不是该案件的承办法官、合议庭成员或其所在会议的参会人员，无权查阅该案件报告及其材料。")
        )


def _can_edit(actor: Actor, row: Row) -> bool:
    if allowed(actor, "report.edit_any"):
        return True
    return (
        allowed(actor, "report.create") and actor.judge_id is not None and actor.judge_id == row["reporting_judge_id"]
    )


def require_report_editable(desk: Desk, actor: Actor, report_id: int) -> Row:
    row = desk.get("reports", report_id, what=_("案件报告"))
    if not _can_edit(actor, row):
        raise PermissionDeniedError(
            _("当前账户“{shown_name}”不能修改他人承办的案件报告；请联系会议秘书。").format(shown_name=actor.shown_name)
        )
    if row["state"] not in EDITABLE_STATES:
        raise StateError(
            _("案件报告已处于“{label}”状态，内容不能再修改。").format(label=REPORT_STATES.label(row["state"]))
        )
    return row


# ---- writes


def _write_children(tx: Tx, report_id: int, data: ReportInput) -> None:
    desk = tx.desk
    old_reasons = {
        r["reason"] for r in desk.query("SELECT reason FROM report_reasons WHERE report_id = ?", (report_id,))
    }
    for reason in sorted(old_reasons - set(data.reasons)):
        tx.delete("report_reasons", {"report_id": report_id, "reason": reason})
    for reason in [r for r in SUBMISSION_REASONS.codes() if r in data.reasons and r not in old_reasons]:
        tx.insert("report_reasons", {"report_id": report_id, "reason": reason})

    old_panel = {r["judge_id"]: r for r in desk.query("SELECT * FROM report_panel WHERE report_id = ?", (report_id,))}
    new_panel = {p.judge_id: p for p in data.panel}
    for jid in sorted(set(old_panel) - set(new_panel)):
        tx.delete("report_panel", {"report_id": report_id, "judge_id": jid})
    for jid, p in new_panel.items():
        values = {"role": p.role, "holds": p.holds}
        if jid in old_panel:
            tx.update("report_panel", {"report_id": report_id, "judge_id": jid}, values)
        else:
            tx.insert("report_panel", {"report_id": report_id, "judge_id": jid, **values})

    old_opts = {
        r["label"]: r["text"] for r in desk.query("SELECT * FROM report_options WHERE report_id = ?", (report_id,))
    }
    new_opts = {label: clean(text) for label, text in data.options}
    for label in sorted(set(old_opts) - set(new_opts)):
        tx.delete("report_options", {"report_id": report_id, "label": label})
    for label, text in new_opts.items():
        if label in old_opts:
            tx.update("report_options", {"report_id": report_id, "label": label}, {"text": text})
        else:
            tx.insert("report_options", {"report_id": report_id, "label": label, "text": text})


def create_report(desk: Desk, actor: Actor, data: ReportInput) -> Report:
    """Register a new report as a draft."""
    require(actor, "report.create")
    if not allowed(actor, "report.edit_any") and actor.judge_id != data.reporting_judge_id:
        raise PermissionDeniedError(_("成员只能登记本人承办的案件报告；代他人登记请联系会议秘书。"))
    values = _validate(desk, data, None)
    with desk.write(actor, "report.create") as tx:
        rid = tx.insert(
            "reports",
            {
                **values,
                "state": "draft",
                "created_by": actor.user_id,
                "created_at": tx.now,
                "updated_at": tx.now,
            },
        )
        _write_children(tx, rid, data)
    return get_report(desk, rid)


def update_report(desk: Desk, actor: Actor, report_id: int, data: ReportInput) -> Report:
    require_report_editable(desk, actor, report_id)
    values = _validate(desk, data, report_id)
    with desk.write(actor, "report.update") as tx:
        tx.update("reports", {"id": report_id}, {**values, "updated_at": tx.now})
        _write_children(tx, report_id, data)
    return get_report(desk, report_id)


def _transition(desk: Desk, actor: Actor, report_id: int, action: str, extra: dict[str, Any] | None = None) -> Report:
    row = desk.get("reports", report_id, what=_("案件报告"))
    try:
        target = next_state(row["state"], action)
    except TransitionError as exc:
        raise StateError(str(exc)) from exc
    with desk.write(actor, f"report.{action}") as tx:
        tx.update("reports", {"id": report_id}, {"state": target, "updated_at": tx.now, **(extra or {})})
    return get_report(desk, report_id)


def submit_report(desk: Desk, actor: Actor, report_id: int) -> Report:
    """提交: only a complete report may be submitted."""
    require_report_editable(desk, actor, report_id)
    report = get_report(desk, report_id)
    check = completeness(report)
    if not check.complete:
        raise ValidationError(_("案件报告尚不完整，请补充：") + _("；").join(check.missing) + _("。"))
    return _transition(desk, actor, report_id, "submit", {"submitted_at": desk.now_text(), "state_reason": ""})


def accept_report(desk: Desk, actor: Actor, report_id: int) -> Report:
    require(actor, "report.intake")
    return _transition(desk, actor, report_id, "accept", {"accepted_at": desk.now_text(), "state_reason": ""})


def return_report(desk: Desk, actor: Actor, report_id: int, reason: str) -> Report:
    """退回补正, with the reason the reporting judge will see."""
    require(actor, "report.intake")
    if not clean(reason):
        raise ValidationError(_("请写明退回补正的理由，承办法官据此补正。"), "reason")
    return _transition(desk, actor, report_id, "return", {"state_reason": clean(reason)})


def withdraw_report(desk: Desk, actor: Actor, report_id: int, reason: str) -> Report:
    row = desk.get("reports", report_id, what=_("案件报告"))
    if not _can_edit(actor, row):
        raise PermissionDeniedError(_("只有承办法官本人或会议秘书可以撤回案件报告。"))
    if not clean(reason):
        raise ValidationError(_("请写明撤回的理由。"), "reason")
    if row["state"] == "scheduled":
        from meetingdesk.services.agenda import remove_report_from_meetings

        remove_report_from_meetings(desk, actor, report_id)
    return _transition(desk, actor, report_id, "withdraw", {"state_reason": clean(reason)})


def close_report(desk: Desk, actor: Actor, report_id: int, reason: str = "") -> Report:
    require(actor, "followup.record")
    return _transition(desk, actor, report_id, "close", {"state_reason": clean(reason)})


def decide_convene(
    desk: Desk, actor: Actor, report_id: int, convene: bool, reason: str = "", *, on_behalf: bool = False
) -> Report:
    """The presider decides whether an accepted report goes to a meeting (召集) or not, with reasons.

    A secretary may record the decision on the presider's behalf; it is recorded as such.
    """
    require(actor, "report.convene")
    if actor.role == "secretary" and not on_behalf:
        raise PermissionDeniedError(_("是否召集由主持人决定；会议秘书代为登记时请选择“代主持人登记”。"))
    row = desk.get("reports", report_id, what=_("案件报告"))
    if actor.role == "presider" and not desk.one(
        "SELECT 1 FROM body_members WHERE body_id = ? AND judge_id IS ? AND is_presider = 1",
        (row["body_id"], actor.judge_id),
    ):
        raise PermissionDeniedError(
            _("您不是该专业法官会议的主持人；是否召集由其主持人决定，或由会议秘书代主持人登记。")
        )
    on_behalf = on_behalf and actor.role == "secretary"
    if row["state"] != "accepted":
        raise StateError(_("只有“已受理”的案件报告需要决定是否召集会议。"))
    if not convene and not clean(reason):
        raise ValidationError(_("决定不召集会议时，请写明理由。"), "reason")
    note = clean(reason) + ("（会议秘书代主持人登记）" if on_behalf and actor.role == "secretary" else "")
    with desk.write(actor, "report.convene" if convene else "report.decline") as tx:
        tx.update(
            "reports",
            {"id": report_id},
            {
                "convene_decision": "convene" if convene else "decline",
                "convene_reason": note,
                "convene_by": actor.user_id,
                "convene_at": tx.now,
                "updated_at": tx.now,
            },
        )
        if not convene:
            tx.update(
                "reports",
                {"id": report_id},
                {"state": "closed", "state_reason": "主持人决定不召集讨论：" + note},
            )
    return get_report(desk, report_id)


def add_case_type(desk: Desk, actor: Actor, code: str, name: str, category: str = "") -> None:
    """Extend the court's 类型代字 table (the official table has 131 kinds)."""
    require(actor, "settings.edit")
    code = clean(code)
    if not code or len(code) > 4 or any(ch.isdigit() for ch in code):
        raise ValidationError(_("类型代字应为1至4个汉字，不含数字。"), "code")
    if code in court_type_codes(desk):
        raise ConflictError(_("类型代字“{code}”已存在。").format(code=code))
    with desk.write(actor, "case_type.add") as tx:
        tx.insert("case_type_codes", {"code": code, "name": clean(name) or code, "category": clean(category)})


# ---- reads


def read_report(desk: Desk, actor: Actor, report_id: int) -> Report:
    """A report with its materials, for someone allowed to see it (screens call this, not get_report)."""
    require_can_see_report(desk, actor, report_id)
    return get_report(desk, report_id)


def get_report(desk: Desk, report_id: int) -> Report:
    row = desk.get("reports", report_id, what=_("案件报告"))
    judge = desk.one("SELECT name FROM judges WHERE id = ?", (row["reporting_judge_id"],))
    body = desk.one("SELECT name FROM bodies WHERE id = ?", (row["body_id"],))
    reasons = {r["reason"] for r in desk.query("SELECT reason FROM report_reasons WHERE report_id = ?", (report_id,))}
    panel = tuple(
        PanelMember(r["judge_id"], r["role"], r["holds"], r["name"])
        for r in desk.query(
            "SELECT p.*, j.name FROM report_panel p JOIN judges j ON j.id = p.judge_id WHERE p.report_id = ?"
            " ORDER BY CASE p.role WHEN 'presiding' THEN 0 WHEN 'reporting' THEN 1 ELSE 2 END, j.name",
            (report_id,),
        )
    )
    options = tuple(
        (r["label"], r["text"])
        for r in desk.query("SELECT label, text FROM report_options WHERE report_id = ?", (report_id,))
    )
    options = tuple(sorted(options, key=lambda o: OPTION_LABELS.index(o[0])))
    return from_row(
        Report,
        row,
        reporting_judge_name=judge["name"] if judge else "",
        body_name=body["name"] if body else "",
        reasons=tuple(r for r in SUBMISSION_REASONS.codes() if r in reasons),
        panel=panel,
        options=options,
        attachments=tuple(list_attachments(desk, report_id)),
    )


_ROW_SQL = """
SELECT r.id, r.case_number, r.cause, r.state, r.body_id, b.name AS body_name, j.name AS reporting_judge,
       r.submitted_at, r.updated_at,
       COALESCE(a.late, 0) AS late, a.meeting_id, m.starts_at AS meeting_starts_at
FROM reports r
JOIN bodies b ON b.id = r.body_id
JOIN judges j ON j.id = r.reporting_judge_id
LEFT JOIN agenda_items a ON a.id = (
    SELECT a2.id FROM agenda_items a2 JOIN meetings m2 ON m2.id = a2.meeting_id
    WHERE a2.report_id = r.id AND m2.state <> 'cancelled' ORDER BY m2.starts_at DESC LIMIT 1)
LEFT JOIN meetings m ON m.id = a.meeting_id
"""


TEXT_MATCH = "(r.case_number LIKE ? ESCAPE '\\' OR r.cause LIKE ? ESCAPE '\\' OR r.parties LIKE ? ESCAPE '\\')"
"""The search box: 案号, 案由 or 当事人 contains the text (bind ``like_pattern(text)`` three times)."""


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere; % and _ typed by the user are taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def list_reports(desk: Desk, actor: Actor, flt: ReportFilter | None = None) -> list[ReportRow]:
    """Reports the actor may see, newest first (see :func:`visible_reports_condition` for members)."""
    require(actor, "read")
    f = flt or ReportFilter()
    where: list[str] = []
    params: list[Any] = []
    if f.states:
        where.append(f"r.state IN ({', '.join('?' for _ in f.states)})")
        params.extend(f.states)
    if f.body_id is not None:
        where.append("r.body_id = ?")
        params.append(f.body_id)
    if f.reporting_judge_id is not None:
        where.append("r.reporting_judge_id = ?")
        params.append(f.reporting_judge_id)
    if f.text.strip():
        where.append(TEXT_MATCH)
        params.extend([like_pattern(f.text.strip())] * 3)
    if f.late_only:
        where.append("COALESCE(a.late, 0) = 1")
    if f.submitted_from:
        where.append("r.submitted_at >= ?")
        params.append(f.submitted_from.isoformat())
    if f.submitted_to:
        where.append("r.submitted_at < date(?, '+1 day')")
        params.append(f.submitted_to.isoformat())
    if not allowed(actor, "read.all"):
        cond, cond_params = visible_reports_condition(desk, actor)
        where.append(cond)
        params.extend(cond_params)
    sql = _ROW_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY r.updated_at DESC, r.id DESC"
    if f.limit is not None:
        sql += f" LIMIT {int(f.limit)} OFFSET {int(f.offset)}"
    rows = desk.query(sql, tuple(params))
    return [ReportRow(**{**r, "late": bool(r["late"])}) for r in rows]
