"""Specimen documents made of invented data: to preview a court's settings, for tests and the benchmark.

Names and case numbers are fictitious. ``specimen_minutes(items=10, members=15)`` is the benchmark's
workload.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from meetingdesk.documents.models import (
    Agenda,
    AgendaRow,
    CaseRef,
    DataTable,
    MeetingInfo,
    MeetingSummary,
    MinutesItem,
    MinutesRecord,
    Notice,
    NoticeItem,
    OpinionLine,
    PersonNote,
    ReferenceCase,
    ReportSection,
    SearchHit,
    SearchReport,
    SignInRow,
    SignInSheet,
    SummaryItem,
    TableReport,
)
from meetingdesk.domain.opinions import STANCE_MAJORITY, STANCE_MINORITY, Opinion, compute_result

COURT = "示例市中级人民法院"
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = (
    "建国",
    "晓明",
    "丽华",
    "志强",
    "海燕",
    "文博",
    "思远",
    "慧敏",
    "国栋",
    "明轩",
    "雪梅",
    "子涵",
    "立新",
    "静怡",
)
_GRADES = ("四级高级法官", "三级高级法官", "一级法官", "二级法官", "三级法官", "四级法官")
_CAUSES = ("故意伤害", "诈骗", "合同诈骗", "非法吸收公众存款", "交通肇事", "盗窃", "职务侵占", "寻衅滋事")


def specimen_names(n: int) -> list[str]:
    return [_SURNAMES[i % len(_SURNAMES)] + _GIVEN[(i * 5) % len(_GIVEN)] for i in range(n)]


def specimen_meeting() -> MeetingInfo:
    start = datetime(2026, 3, 5, 9, 0)
    return MeetingInfo(
        meeting_id=1,
        court=COURT,
        body_name="刑事专业法官会议",
        title="2026年第3次刑事专业法官会议",
        starts_at=start,
        planned_end=start + timedelta(hours=2, minutes=30),
        place="第三审判楼四楼第一会议室",
        presider="王建国",
        recorder="李书记",
        contact="李书记，电话 0000-12345678",
        actual_start=start + timedelta(minutes=2),
        actual_end=start + timedelta(hours=2, minutes=41),
    )


def _case(i: int) -> CaseRef:
    names = specimen_names(30)
    return CaseRef(
        f"（2026）示01刑终{101 + i}号",
        f"{_CAUSES[i % len(_CAUSES)]}罪",  # 案由 of a criminal case: the charge
        names[15 + i % 5],
    )


def specimen_notice() -> Notice:
    m = specimen_meeting()
    items = tuple(NoticeItem(i + 1, _case(i), late=i == 2) for i in range(3))
    return Notice(
        meeting=m,
        items=items,
        attendees=tuple(specimen_names(9)),
        invitees=(PersonNote("陈助理", "法官助理"), PersonNote("赵研究员", "研究室")),
        materials_deadline=date(2026, 3, 2),
        issued_on=date(2026, 2, 26),
    )


def specimen_agenda() -> Agenda:
    m = specimen_meeting()
    rows = []
    t = m.starts_at
    for i in range(3):
        end = t + timedelta(minutes=40)
        rows.append(AgendaRow(i + 1, _case(i), t, end, "被告人的行为是否构成自首；量刑幅度如何把握"))
        t = end
    return Agenda(m, tuple(rows), t, approved="本议程已由主持人王建国于2026年3月2日审定。")


def specimen_signin() -> SignInSheet:
    names = specimen_names(9)
    members = tuple(SignInRow(n, _GRADES[i % len(_GRADES)]) for i, n in enumerate(names))
    return SignInSheet(specimen_meeting(), members, (SignInRow("陈助理", "法官助理"),))


def specimen_minutes(items: int = 3, members: int = 9) -> MinutesRecord:
    """A record of ``items`` items with ``members`` members present (the benchmark uses 10 and 15)."""
    m = specimen_meeting()
    names = specimen_names(members)
    present = tuple(names)
    minutes_items = []
    for i in range(items):
        ops = [
            OpinionLine(1, "陈助理", "列席", "其他意见", "从证据审查角度，建议补强被害人陈述的印证。", is_invitee=True)
        ]
        for k, name in enumerate(reversed(names)):
            stance = "同意合议庭多数意见" if k % 3 != 1 else "同意合议庭少数意见"
            role = "主持人" if name == m.presider else _GRADES[(len(names) - 1 - k) % len(_GRADES)]
            ops.append(
                OpinionLine(
                    k + 2,
                    name,
                    role,
                    stance,
                    "被告人到案后如实供述主要犯罪事实，认罪认罚，依法可以从轻处罚；"
                    "但其系累犯，从宽幅度应当从严把握。" * (1 + k % 2),
                )
            )
        counted = [
            Opinion(f"judge:{o.order}", o.name, STANCE_MAJORITY if "多数" in o.stance else STANCE_MINORITY)
            for o in ops
            if not o.is_invitee
        ]
        result = compute_result(counted, members).summary()
        minutes_items.append(
            MinutesItem(
                position=i + 1,
                case=_case(i),
                question="被告人的行为是否构成自首；量刑幅度如何把握。",
                presentation="承办法官汇报了案件基本事实、证据情况和合议庭评议意见。\n"
                "合议庭多数意见认为构成自首，少数意见认为不构成自首。",
                questions_answers="成员询问了被告人到案经过，承办法官作了说明。",
                recused=(PersonNote(names[1], "与当事人有利害关系"),) if i == 1 else (),
                quorum_text=f"应到{members}人，实到{members}人，法定最低人数5人，已达到",
                quorum_met=True,
                opinions=tuple(ops),
                result_text=result,
                conclusion="多数成员认为被告人的行为构成自首，可以从轻处罚，建议合议庭结合累犯情节综合把握从宽幅度。",
                presider_summary="会议形成多数意见，供合议庭复议时参考。",
            )
        )
    return MinutesRecord(
        meeting=m,
        present=present,
        on_leave=(PersonNote("孙请假", "外出培训"),),
        absent=(),
        invitees=(PersonNote("陈助理", "法官助理"),),
        quorum_text=f"应到{members + 1}人，实到{members}人，法定最低人数5人，已达到",
        quorum_met=True,
        items=tuple(minutes_items),
        signatories=(*present, "陈助理"),
        state_label="草稿",
    )


def specimen_summary() -> MeetingSummary:
    m = specimen_meeting()
    items = tuple(
        SummaryItem(i + 1, _case(i), "被告人的行为是否构成自首。", "多数意见认为构成自首，可以从轻处罚。")
        for i in range(3)
    )
    return MeetingSummary(
        meeting=m,
        number="〔2026〕第3期",
        issuer=f"{COURT}刑事审判庭",
        issued_on=date(2026, 3, 6),
        items=items,
        present=tuple(specimen_names(9)),
        on_leave=("孙请假",),
        invitees=("陈助理",),
    )


def specimen_search_report() -> SearchReport:
    hits = (
        SearchHit(
            1,
            "指导性案例XX号",
            "最高人民法院",
            date(2020, 5, 1),
            "行为人到案后如实供述的，可以认定为自首。",
            "与待决案件的到案方式相同。",
            "参照",
            "指导性案例应当参照",
            "最高人民法院公报",
            "某某故意伤害案",
        ),
        SearchHit(
            4,
            "（2025）示01刑终88号",
            COURT,
            date(2025, 6, 18),
            "经电话通知到案的，视为自动投案。",
            "到案经过基本相同，但被告人无累犯情节。",
            "参考",
            "",
            "本院裁判文书库",
        ),
    )
    return SearchReport(
        report_id=1,
        court=COURT,
        pending=_case(0),
        searcher="刑事审判庭 王晓明",
        searched_on=date(2026, 2, 20),
        platforms=("中国裁判文书网", "人民法院案例库"),
        methods=("关键词检索", "法条关联检索"),
        keywords=("自首", "电话通知到案", "累犯"),
        articles=("《中华人民共和国刑法》第六十七条",),
        related_cases=(),
        issues="被告人经电话通知后到案的，能否认定为自动投案。",
        hits=hits,
        conclusion="类案裁判尺度基本一致，均认可电话通知到案可以认定为自动投案。",
        conflicts=False,
    )


def specimen_reference_case() -> ReferenceCase:
    return ReferenceCase(
        case_id=1,
        title="某某故意伤害案",
        keywords=("刑事", "故意伤害", "自首", "电话通知到案"),
        points=("行为人经公安机关电话通知后主动到案，并如实供述主要犯罪事实的，应当认定为自首。",),
        articles=("《中华人民共和国刑法》第六十七条第一款",),
        facts="2025年某日，被告人与被害人发生争执，持械致被害人轻伤二级。案发后，公安机关电话通知被告人到案，被告人按时到案并如实供述。",
        result="法院以故意伤害罪判处被告人有期徒刑一年，缓刑一年六个月。",
        reasoning="被告人经电话通知后自行到案，到案后如实供述主要犯罪事实，符合自首的构成要件。",
        case_numbers=("（2025）示0102刑初1号", "（2026）示01刑终101号"),
        court=COURT,
        decided_on=date(2026, 3, 20),
        category="参考性案例",
        publisher=COURT,
        published_on=date(2026, 4, 1),
        number="3",
        status="已发布",
        source="2026年第3次刑事专业法官会议第1项",
    )


def specimen_table_report() -> TableReport:
    table = DataTable(
        columns=("会议组", "召开次数", "讨论案件", "意见被采纳", "采纳率"),
        rows=(
            ("刑事专业法官会议", "6", "28", "27", "96.43%"),
            ("民事专业法官会议", "5", "31", "30", "96.77%"),
        ),
        widths=(2.4, 1, 1, 1.2, 1),
        caption="表1　各会议组召开及采纳情况",
        numeric=(False, True, True, True, True),
    )
    return TableReport(
        title="专业法官会议运行情况统计",
        court=COURT,
        period="2026年第一季度",
        intro=("本季度全院共召开专业法官会议11次，讨论案件59件。",),
        sections=(ReportSection("总体情况", ("各会议组运行情况如下表。",), table),),
        notes=("采纳率＝意见被采纳案件数÷已复议案件数。",),
        issuer=f"{COURT}审判管理办公室",
        issued_on=date(2026, 4, 8),
    )


ALL_SPECIMENS = {
    "notice": specimen_notice,
    "agenda": specimen_agenda,
    "signin": specimen_signin,
    "minutes": specimen_minutes,
    "summary": specimen_summary,
    "report-search": specimen_search_report,
    "reference-case": specimen_reference_case,
    "table-report": specimen_table_report,
}
