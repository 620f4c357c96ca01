"""A judge's "relevant / not relevant" on a search hit, kept per hit for later tuning."""

from __future__ import annotations

from dataclasses import dataclass

from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import require


@dataclass(frozen=True)
class Feedback:
    id: int
    case_id: int
    relevant: bool
    query: str
    report_id: int | None
    username: str
    at: str


def record_feedback(
    desk: Desk, actor: Actor, case_id: int, relevant: bool, *, query: str = "", report_id: int | None = None
) -> int:
    """Store one judgement; ``query`` is the keyword query, or ``report_id`` the similar-case search."""
    require(actor, "read")
    desk.get("library_cases", case_id, what=_("案例"))
    with desk.write(actor, "search.feedback") as tx:
        return tx.insert(
            "search_feedback",
            {
                "query": query,
                "report_id": report_id,
                "case_id": case_id,
                "relevant": int(relevant),
                "user_id": actor.user_id,
                "username": actor.username,
                "at": tx.now,
            },
        )


def feedback_for(desk: Desk, *, case_id: int | None = None, report_id: int | None = None) -> list[Feedback]:
    where, params = [], []
    if case_id is not None:
        where.append("case_id = ?")
        params.append(case_id)
    if report_id is not None:
        where.append("report_id = ?")
        params.append(report_id)
    sql = "SELECT * FROM search_feedback" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
    return [
        Feedback(r["id"], r["case_id"], bool(r["relevant"]), r["query"], r["report_id"], r["username"], r["at"])
        for r in desk.query(sql, tuple(params))
    ]
