"""A small, complete meeting in a real database (0001 schema) for the document tests."""

from __future__ import annotations

from dataclasses import dataclass

from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk

NOW = "2026-03-01T09:00:00"


@dataclass(frozen=True)
class MeetingIds:
    meeting: int
    items: tuple[int, int]
    judges: dict[str, int]
    invitee: int


# name → (grade, promoted, post); 王主持 presides
MEMBERS = {
    "王主持": ("一级高级法官", "2015-01-01", "副院长"),
    "李高级": ("四级高级法官", "2020-06-01", "庭长"),
    "张一级": ("一级法官", "2019-01-01", "审判员"),
    "赵一级": ("一级法官", "2022-01-01", "审判员"),  # promoted later than 张: speaks before 张
    "丁三级": ("三级法官", "2021-03-01", "审判员"),
    "周二级": ("二级法官", "2018-03-01", "审判员"),
    "钱请假": ("二级法官", "2017-03-01", "审判员"),
}


def make_meeting(desk: Desk, *, summary_seq: int | None = 3) -> MeetingIds:
    with desk.write(SYSTEM, "test.setup") as tx:
        judges = {
            name: tx.insert(
                "judges",
                {"name": name, "court": "测试市中级人民法院", "post": post, "grade": grade, "grade_since": since},
            )
            for name, (grade, since, post) in MEMBERS.items()
        }
        reporter = tx.insert("judges", {"name": "孙承办", "court": "测试市中级人民法院", "grade": "三级法官"})
        room = tx.insert("rooms", {"name": "第一会议室", "location": "审判楼四楼"})
        body = tx.insert("bodies", {"name": "刑事专业法官会议", "specialty": "刑事", "default_room_id": room})
        for name, jid in judges.items():
            tx.insert("body_members", {"body_id": body, "judge_id": jid, "is_presider": int(name == "王主持")})
        reports = [
            tx.insert(
                "reports",
                {
                    "case_number": f"（2026）测01刑终{n}号",
                    "cause": cause,
                    "body_id": body,
                    "reporting_judge_id": reporter,
                    "questions": question,
                    "state": "discussed",
                    "created_at": NOW,
                    "updated_at": NOW,
                },
            )
            for n, cause, question in (
                (11, "甲某故意伤害案", "是否构成自首"),
                (12, "乙某诈骗案", "诈骗数额如何认定"),
            )
        ]
        meeting = tx.insert(
            "meetings",
            {
                "body_id": body,
                "title": "2026年第3次刑事专业法官会议",
                "starts_at": "2026-03-05T09:00",
                "planned_minutes": 90,
                "room_id": room,
                "presider_id": judges["王主持"],
                "recorder": "吴书记",
                "contact": "吴书记 12345",
                "state": "held",
                "actual_start": "2026-03-05T09:05",
                "actual_end": "2026-03-05T11:20",
                "summary_year": 2026,
                "summary_seq": summary_seq,
                "created_at": NOW,
                "updated_at": NOW,
            },
        )
        for name, jid in judges.items():
            status = "leave" if name == "钱请假" else "present"
            tx.insert(
                "attendance",
                {"meeting_id": meeting, "judge_id": jid, "status": status, "reason": "外出培训" * (status == "leave")},
            )
        invitee = tx.insert(
            "meeting_invitees", {"meeting_id": meeting, "name": "陈助理", "kind": "assistant", "unit": "刑一庭"}
        )
        items = []
        for pos, rid in enumerate(reports, 1):
            items.append(
                tx.insert(
                    "agenda_items",
                    {
                        "meeting_id": meeting,
                        "report_id": rid,
                        "position": pos,
                        "duration_minutes": 40,
                        "status": "discussed",
                        "presentation": f"第{pos}项汇报摘要",
                        "questions_answers": "问答内容",
                        "presider_summary": "主持人总结内容",
                        "conclusion": "多数意见认为构成自首。" if pos == 1 else "",
                    },
                )
            )
        # item 2: 李高级 recused
        tx.insert("item_absences", {"agenda_item_id": items[1], "judge_id": judges["李高级"], "reason": "近亲属"})
        # Opinions recorded out of order on purpose; the paper must list them in speaking order.
        stances = {
            "王主持": "majority",
            "李高级": "majority",
            "张一级": "minority",
            "赵一级": "majority",
            "丁三级": "majority",
            "周二级": "other",
        }
        for item in items:
            for name in reversed(list(stances)):
                if item == items[1] and name == "李高级":
                    continue
                tx.insert(
                    "opinions",
                    {
                        "agenda_item_id": item,
                        "speaker_key": f"judge:{judges[name]}",
                        "judge_id": judges[name],
                        "stance": stances[name],
                        "reasons": f"{name}的理由",
                        "updated_at": NOW,
                    },
                )
            tx.insert(
                "opinions",
                {
                    "agenda_item_id": item,
                    "speaker_key": f"invitee:{invitee}",
                    "invitee_id": invitee,
                    "stance": "other",
                    "reasons": "列席意见",
                    "updated_at": NOW,
                },
            )
    return MeetingIds(meeting, (items[0], items[1]), judges, invitee)


SPEAKING_ORDER_ITEM1 = ["陈助理", "丁三级", "周二级", "赵一级", "张一级", "李高级", "王主持"]
