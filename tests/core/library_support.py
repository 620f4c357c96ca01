"""Shared set-up for the library and search tests: a tiny synthetic corpus and meeting rows.

The rows are inserted through ``desk.write(SYSTEM, ...)`` per the 0001 schema, so these tests do not
depend on the report and meeting services.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingdesk.library.importer import ImportReport, import_files
from meetingdesk.services.actor import SYSTEM, Actor
from meetingdesk.services.desk import Desk

DATA = Path(__file__).parent / "data"
JUDGMENTS = DATA / "judgments.jsonl"  # six judgments in the LeCaRD format
CASES = DATA / "cases.json"  # a guiding case and a typical case in our own format

SECRETARY = Actor(user_id=None, username="mishu", role="secretary", display_name="秘书")
PRESIDER = Actor(user_id=None, username="zhuchi", role="presider", display_name="主持人")
MEMBER = Actor(user_id=None, username="chengyuan", role="member", display_name="成员")


def import_corpus(desk: Desk) -> ImportReport:
    return import_files(desk, SYSTEM, [JUDGMENTS, CASES])


@pytest.fixture
def library(desk: Desk) -> Desk:
    report = import_corpus(desk)
    assert len(report.imported) == 8, report
    return desk


def add_report(
    desk: Desk,
    *,
    case_number: str = "（2026）京0108刑初1号",
    cause: str = "盗窃罪",
    facts: str = "被告人翻墙入户，盗窃被害人家中现金和手机，案发后主动投案。",
    issues: str = "入户盗窃数额较小时是否构成盗窃罪。",
    parties: str = "李某",
) -> int:
    """A judge, a body and a case report; returns the report id."""
    now = desk.now_text()
    with desk.write(SYSTEM, "test.setup") as tx:
        judge = tx.insert("judges", {"name": "承办法官甲", "court": "北京市海淀区人民法院", "grade": "三级法官"})
        body = tx.insert("bodies", {"name": f"刑事专业法官会议{case_number}"})
        return tx.insert(
            "reports",
            {
                "case_number": case_number,
                "cause": cause,
                "parties": parties,
                "body_id": body,
                "reporting_judge_id": judge,
                "facts": facts,
                "issues": issues,
                "questions": "是否应当从轻处罚。",
                "state": "discussed",
                "created_at": now,
                "updated_at": now,
            },
        )


def add_discussed_item(
    desk: Desk, report_id: int, stances: tuple[str, ...] = ("majority", "majority", "minority")
) -> int:
    """A held meeting with members present, an item on the report, and members' opinions."""
    now = desk.now_text()
    with desk.write(SYSTEM, "test.setup") as tx:
        body_id = desk.scalar("SELECT body_id FROM reports WHERE id = ?", (report_id,))
        meeting = tx.insert(
            "meetings",
            {
                "body_id": body_id,
                "starts_at": "2026-10-20T09:00",
                "state": "held",
                "created_at": now,
                "updated_at": now,
            },
        )
        item = tx.insert(
            "agenda_items",
            {
                "meeting_id": meeting,
                "report_id": report_id,
                "position": 1,
                "status": "discussed",
                "conclusion": "多数意见认为构成盗窃罪，可以从轻处罚。",
            },
        )
        for n, stance in enumerate(stances, start=1):
            judge = tx.insert("judges", {"name": f"成员{n}", "grade": "二级法官"})
            tx.insert("attendance", {"meeting_id": meeting, "judge_id": judge, "status": "present"})
            tx.insert(
                "opinions",
                {
                    "agenda_item_id": item,
                    "speaker_key": f"judge:{judge}",
                    "judge_id": judge,
                    "stance": stance,
                    "reasons": "理由" + str(n),
                    "updated_at": now,
                },
            )
    return item
