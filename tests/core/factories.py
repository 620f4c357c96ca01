"""Small builders for service tests: a body with members, a complete report, a meeting."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from meetingdesk.services import agenda, attachments, meetings, reports, roster
from meetingdesk.services.actor import SYSTEM, Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.users import create_user

GRADES_FOR_TEST = ["三级法官", "二级法官", "一级法官", "一级法官", "四级高级法官", "三级高级法官", "二级法官"]


def make_body(desk: Desk, n_members: int = 7, name: str = "民事专业法官会议") -> tuple[roster.Body, list[roster.Judge]]:
    body = roster.create_body(desk, SYSTEM, roster.BodyInput(name=name, specialty="民事"))
    judges = []
    for i in range(n_members):
        grade = GRADES_FOR_TEST[i % len(GRADES_FOR_TEST)]
        j = roster.create_judge(
            desk,
            SYSTEM,
            roster.JudgeInput(
                name=f"{name[:2]}法官{i + 1}", grade=grade, grade_since=date(2015 + i % 8, 1 + i % 12, 1), post="审判员"
            ),
        )
        roster.set_membership(desk, SYSTEM, body.id, j.id, member=True, presider=i == n_members - 1)
        judges.append(j)
    return body, judges


def make_users(desk: Desk, presider_judge: int | None = None, member_judge: int | None = None) -> dict[str, Actor]:
    out = {}
    for role, judge in (
        ("admin", None),
        ("secretary", None),
        ("presider", presider_judge),
        ("member", member_judge),
        ("viewer", None),
    ):
        out[role] = create_user(desk, SYSTEM, role, "password1", role, judge_id=judge).as_actor()
    return out


def report_input(
    body_id: int, judge_id: int, number: str = "（2026）吉01民终123号", **kw: object
) -> reports.ReportInput:
    values: dict[str, object] = dict(
        case_number=number,
        body_id=body_id,
        reporting_judge_id=judge_id,
        cause="民间借贷纠纷",
        parties="上诉人甲；被上诉人乙",
        facts="甲主张向乙出借现金60万元。",
        issues="借款是否实际交付。",
        questions="大额现金借贷如何认定交付？",
        panel_majority_view="证据不足以认定交付。",
        panel_minority_view="借条真实，应认定借贷成立。",
        reasons=("panel_no_majority",),
        search_report_waiver="经检索无同类案件。",
    )
    values.update(kw)
    return reports.ReportInput(**values)  # type: ignore[arg-type]


def accepted_report(desk: Desk, actor: Actor, body_id: int, judge_id: int, number: str, **kw: object) -> reports.Report:
    r = reports.create_report(desk, actor, report_input(body_id, judge_id, number, **kw))
    reports.submit_report(desk, actor, r.id)
    return reports.accept_report(desk, actor, r.id)


def make_meeting(desk: Desk, actor: Actor, body_id: int, when: datetime, **kw: object) -> meetings.Meeting:
    data = meetings.MeetingInput(body_id=body_id, starts_at=when, **kw)  # type: ignore[arg-type]
    return meetings.create_meeting(desk, actor, data).meeting


def attach(desk: Desk, actor: Actor, report_id: int, tmp: Path, kind: str = "search_report") -> attachments.Attachment:
    path = tmp / f"检索报告{report_id}.pdf"
    path.write_bytes(b"%PDF-1.4\n%test\n%%EOF\n")
    return attachments.add_attachment(desk, actor, report_id, path, kind)


__all__ = ["accepted_report", "agenda", "attach", "make_body", "make_meeting", "make_users", "report_input"]
