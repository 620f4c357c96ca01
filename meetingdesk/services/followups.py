"""After the meeting: the panel's 复议, whether it adopted the advice, and 审委会 referral."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meetingdesk.domain.choices import ADOPTION, FOUR_CATEGORY_REASONS
from meetingdesk.domain.referral import ReferralAdvice, ReferralRule, referral_advice
from meetingdesk.errors import StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk, Row
from meetingdesk.services.discussion import item_result
from meetingdesk.services.permissions import require
from meetingdesk.services.records import clean, from_row
from meetingdesk.services.settings import get_setting


@dataclass(frozen=True)
class Followup:
    agenda_item_id: int
    report_id: int
    case_number: str
    cause: str
    meeting_id: int
    meeting_starts_at: str
    due_on: date | None
    reconsidered_on: date | None
    panel_result: str
    adoption: str | None
    panel_undecided: bool
    referred: bool
    referred_on: date | None
    committee_result: str
    committee_on: date | None
    notes: str
    four_category: bool = False
    meeting_had_majority: bool | None = None

    @property
    def adoption_label(self) -> str:
        return ADOPTION.label(self.adoption) if self.adoption else _("待复议")

    def overdue(self, today: date) -> bool:
        return self.reconsidered_on is None and self.due_on is not None and self.due_on < today


_SQL = """
SELECT f.*, r.case_number, r.cause, a.meeting_id, m.starts_at AS meeting_starts_at
FROM followups f JOIN reports r ON r.id = f.report_id JOIN agenda_items a ON a.id = f.agenda_item_id
JOIN meetings m ON m.id = a.meeting_id
"""


def _rule(desk: Desk) -> ReferralRule:
    return ReferralRule(
        only_four_categories=bool(get_setting(desk, "referral.only_four_categories")),
        partial_counts=bool(get_setting(desk, "referral.partial_counts")),
        on_no_majority=bool(get_setting(desk, "referral.on_no_majority")),
        on_panel_disagrees=bool(get_setting(desk, "referral.on_panel_disagrees")),
        on_panel_undecided=bool(get_setting(desk, "referral.on_panel_undecided")),
    )


def _build(desk: Desk, row: Row) -> Followup:
    reasons = {
        r["reason"] for r in desk.query("SELECT reason FROM report_reasons WHERE report_id = ?", (row["report_id"],))
    }
    result = item_result(desk, int(row["agenda_item_id"]))
    return from_row(
        Followup,
        dict(row),
        four_category=bool(FOUR_CATEGORY_REASONS & reasons),
        meeting_had_majority=result.has_majority if result.voters else None,
    )


def get_followup(desk: Desk, item_id: int) -> Followup:
    row = desk.one(_SQL + " WHERE f.agenda_item_id = ?", (item_id,))
    if row is None:
        from meetingdesk.errors import NotFoundError

        raise NotFoundError(_("该议题没有待跟踪的复议事项（会议尚未结束或议题未讨论）。"))
    return _build(desk, row)


def list_followups(desk: Desk, actor: Actor, *, open_only: bool = False) -> list[Followup]:
    """Follow-ups the actor may see (members: those of reports they may see)."""
    from meetingdesk.services.permissions import allowed
    from meetingdesk.services.reports import visible_reports_condition

    require(actor, "read")
    where: list[str] = []
    params: list[object] = []
    if open_only:
        where.append("(f.reconsidered_on IS NULL OR (f.referred = 1 AND f.committee_on IS NULL))")
    if not allowed(actor, "read.all"):
        cond, cond_params = visible_reports_condition(desk, actor)
        where.append(cond)
        params.extend(cond_params)
    sql = _SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY f.due_on, f.agenda_item_id"
    return [_build(desk, r) for r in desk.query(sql, tuple(params))]


def advice(desk: Desk, item_id: int) -> ReferralAdvice:
    """Whether the rule calls for a 审委会 referral now."""
    f = get_followup(desk, item_id)
    return referral_advice(
        four_category=f.four_category,
        meeting_had_majority=f.meeting_had_majority,
        adoption=f.adoption,
        panel_undecided=f.panel_undecided,
        rule=_rule(desk),
    )


def record_reconsideration(
    desk: Desk,
    actor: Actor,
    item_id: int,
    *,
    reconsidered_on: date,
    adoption: str,
    panel_result: str,
    panel_undecided: bool = False,
    notes: str = "",
) -> Followup:
    """The panel's 复议 and whether it adopted the meeting's advice (采纳 / 部分采纳 / 未采纳)."""
    require(actor, "followup.record")
    f = get_followup(desk, item_id)
    if adoption not in ADOPTION:
        raise ValidationError(_("请选择采纳情况：采纳、部分采纳或未采纳。"), "adoption")
    if not clean(panel_result):
        raise ValidationError(_("请填写合议庭复议结果。"), "panel_result")
    if reconsidered_on > desk.now().date():
        raise ValidationError(_("复议日期不能晚于今天。"), "reconsidered_on")
    if reconsidered_on < date.fromisoformat(f.meeting_starts_at[:10]):
        raise ValidationError(_("复议日期不能早于会议日期。"), "reconsidered_on")
    with desk.write(actor, "followup.reconsider") as tx:
        tx.update(
            "followups",
            {"agenda_item_id": item_id},
            {
                "reconsidered_on": reconsidered_on.isoformat(),
                "adoption": adoption,
                "panel_result": clean(panel_result),
                "panel_undecided": int(panel_undecided),
                "notes": clean(notes),
                "updated_at": tx.now,
            },
        )
        tx.update(
            "reports",
            {"id": f.report_id, "state": "discussed"},
            {"state": "reconsidered", "updated_at": tx.now},
        )
    return get_followup(desk, item_id)


def record_referral(desk: Desk, actor: Actor, item_id: int, referred_on: date) -> Followup:
    """The case was sent to the 审判委员会 (via the 院长)."""
    require(actor, "followup.record")
    get_followup(desk, item_id)
    with desk.write(actor, "followup.refer") as tx:
        tx.update(
            "followups",
            {"agenda_item_id": item_id},
            {"referred": 1, "referred_on": referred_on.isoformat(), "updated_at": tx.now},
        )
    return get_followup(desk, item_id)


def record_committee_result(desk: Desk, actor: Actor, item_id: int, result: str, decided_on: date) -> Followup:
    require(actor, "followup.record")
    f = get_followup(desk, item_id)
    if not f.referred:
        raise StateError(_("该案件尚未提交审判委员会。"))
    if not clean(result):
        raise ValidationError(_("请填写审判委员会讨论结果。"), "committee_result")
    with desk.write(actor, "followup.committee") as tx:
        tx.update(
            "followups",
            {"agenda_item_id": item_id},
            {"committee_result": clean(result), "committee_on": decided_on.isoformat(), "updated_at": tx.now},
        )
    return get_followup(desk, item_id)


def overdue_followups(desk: Desk, actor: Actor) -> list[Followup]:
    today = desk.now().date()
    return [f for f in list_followups(desk, actor, open_only=True) if f.overdue(today)]
