"""The demo database: a fictional intermediate court's whole meeting cycle, built through the services.

Everything is created through the same services a user drives, with the clock moved through the
past months, so the audit trail, the states and the computed results are all genuine.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from meetingdesk.demo.cases import CASES, DemoCase
from meetingdesk.domain.grades import GRADES
from meetingdesk.domain.opinions import STANCE_MAJORITY, STANCE_MINORITY, STANCE_OTHER, option_stance
from meetingdesk.domain.workdays import WorkCalendar
from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import N_, _, chinese
from meetingdesk.paths import data_dir_for
from meetingdesk.progress import ProgressFn, no_progress
from meetingdesk.services import agenda as agenda_svc
from meetingdesk.services import (
    attachments,
    attendance,
    discussion,
    followups,
    meetings,
    minutes,
    reports,
    roster,
)
from meetingdesk.services.actor import SYSTEM, Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.settings import set_setting
from meetingdesk.services.users import create_user

DEMO_PASSWORD = "demo1234"
COURT = "东江市中级人民法院"
COURT_CODE = "吉09"
DEMO_MARKER = "demo.database"


class DemoClock:
    def __init__(self, start: datetime) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def at(self, day: date, hh: int = 9, mm: int = 0) -> None:
        self.value = datetime.combine(day, time(hh, mm))


@dataclass
class DemoSummary:
    path: Path
    judges: int = 0
    bodies: int = 0
    reports: int = 0
    meetings: int = 0
    accounts: list[tuple[str, str]] = field(default_factory=list)


def is_demo_database(path: Path) -> bool:
    """True when ``path`` holds a database made by :func:`build_demo` (safe to replace)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (DEMO_MARKER,)).fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return bool(row and row[0] == "true")


STAGES = (N_("人员与会议组"), N_("案件报告"), N_("参考案例库"), N_("完成"))
"""Progress stages of building the demo (shown in the interface language)."""


def create_demo(
    path: Path, *, replace_demo: bool = True, progress: ProgressFn = no_progress, today: date | None = None
) -> DemoSummary:
    """Build the demo database at ``path``; never overwrite a database that is not a demo.

    The database is built in a temporary folder and moved into place, so an interrupted run leaves
    nothing behind.
    """
    path = Path(path)
    if path.exists():
        if not is_demo_database(path):
            raise MeetingDeskError(
                _("“{path}”已存在且不是演示数据库。为保护数据，演示数据不会覆盖它；请用 --db 指定另一个文件。").format(
                    path=path
                )
            )
        if not replace_demo:
            raise MeetingDeskError(_("演示数据库“{path}”已存在。").format(path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".demo-") as tmp:
        tmp_db = Path(tmp) / path.name
        shown = {stage: _(stage) for stage in STAGES}  # progress in the interface language...

        def report(fraction: float, status: str = "") -> None:
            progress(fraction, shown.get(status, status))

        with chinese():  # ...while the data (and the texts the services derive for it) stay Chinese
            summary = _build(tmp_db, report, today or date.today())
        files = data_dir_for(path)
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        if files.exists():
            shutil.rmtree(files)
        tmp_files = data_dir_for(tmp_db)
        if tmp_files.exists():
            shutil.move(str(tmp_files), str(files))
        tmp_db.replace(path)
    summary.path = path
    return summary


# ---- the build


_SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋唐韩冯邓曹彭曾"
_GIVEN = (
    "建国",
    "晓明",
    "海燕",
    "志强",
    "丽娟",
    "文博",
    "静",
    "伟",
    "敏",
    "磊",
    "雪梅",
    "国华",
    "立新",
    "红霞",
    "宏伟",
    "晓东",
    "春燕",
    "振华",
    "婷",
    "永刚",
    "秀英",
    "俊杰",
    "瑞",
    "佳",
    "思远",
    "明辉",
    "玉兰",
    "光辉",
    "亚男",
    "卫东",
    "琳",
)

_BODY_SPECS = (
    ("刑事", "刑事专业法官会议", "刑事审判庭"),
    ("民事", "民事专业法官会议", "民事审判庭"),
    ("行政", "行政专业法官会议", "行政审判庭"),
    ("执行", "执行专业法官会议", "执行局"),
)


def _build(db_path: Path, progress: ProgressFn, today: date) -> DemoSummary:
    rng = random.Random(20261123)
    clock = DemoClock(datetime.combine(today - timedelta(days=150), time(9)))
    desk = Desk(db_path, clock=clock)
    cal = WorkCalendar()
    summary = DemoSummary(db_path)
    try:
        progress(0.02, STAGES[0])
        with desk.write(SYSTEM, "demo.mark") as tx:
            tx.insert("settings", {"key": DEMO_MARKER, "value": "true"})
        set_setting(desk, SYSTEM, "court.name", COURT)
        set_setting(desk, SYSTEM, "court.short_name", "东江中院")

        rooms = [
            roster.create_room(desk, SYSTEM, "审判委员会会议室", "审判综合楼五楼", 30),
            roster.create_room(desk, SYSTEM, "第一会议室", "审判综合楼三楼", 20),
            roster.create_room(desk, SYSTEM, "第二会议室", "审判综合楼三楼", 12),
        ]
        names = _names(rng, 40)
        leaders = [
            _judge(desk, names.pop(), "院长", "", "二级高级法官", date(2019, 12, 1)),
            _judge(desk, names.pop(), "副院长", "", "三级高级法官", date(2020, 6, 1)),
            _judge(desk, names.pop(), "审判委员会专职委员", "", "三级高级法官", date(2021, 12, 1)),
        ]
        bodies: dict[str, roster.Body] = {}
        body_members: dict[str, list[roster.Judge]] = {}
        for key, name, division in _BODY_SPECS:
            body = roster.create_body(
                desk,
                SYSTEM,
                roster.BodyInput(
                    name=name,
                    specialty=key,
                    division=division,
                    default_room_id=rooms[0].id,
                    secretary_name="审判管理办公室 " + _SURNAMES[len(bodies)] + "书记员",
                    contact_phone="0433-8" + str(6120000 + len(bodies) * 17),
                ),
            )
            bodies[key] = body
            chief = _judge(
                desk,
                names.pop(),
                "庭长" if key != "执行" else "局长",
                division,
                "四级高级法官",
                date(2018 + len(bodies), 3, 1),
            )
            deputy = _judge(
                desk,
                names.pop(),
                "副庭长" if key != "执行" else "副局长",
                division,
                "一级法官",
                date(2020 + len(bodies) % 3, 9, 1),
            )
            staff = [
                _judge(
                    desk,
                    names.pop(),
                    "审判员",
                    division,
                    rng.choice(GRADES[1:5]),
                    date(rng.randint(2016, 2025), rng.choice((1, 3, 6, 9, 12)), 1),
                )
                for _ in range(5)
            ]
            members = [chief, deputy, *staff]
            roster.set_membership(desk, SYSTEM, body.id, chief.id, member=True, presider=True)
            roster.set_membership(desk, SYSTEM, body.id, deputy.id, member=True, presider=True)
            for j in staff:
                roster.set_membership(desk, SYSTEM, body.id, j.id, member=True)
            vp = leaders[len(bodies) % 2 + 1] if key in ("刑事", "民事") else leaders[1]
            roster.set_membership(desk, SYSTEM, body.id, vp.id, member=True, presider=True)
            members.append(vp)
            body_members[key] = members
        roster.set_membership(desk, SYSTEM, bodies["刑事"].id, leaders[0].id, member=True, presider=True)
        body_members["刑事"].append(leaders[0])
        assistants = [
            _judge(desk, names.pop(), "法官助理", "刑事审判庭", None, None, is_judge=False),
            _judge(desk, names.pop(), "法官助理", "民事审判庭", None, None, is_judge=False),
        ]
        summary.judges = len(desk.query("SELECT id FROM judges"))
        summary.bodies = len(bodies)

        accounts = _accounts(desk, body_members)
        summary.accounts = [(u, DEMO_PASSWORD) for u, _a in accounts.items()]
        secretary = accounts["secretary"]
        presider = accounts["presider"]

        progress(0.15, STAGES[1])
        by_body: dict[str, list[DemoCase]] = {}
        for case in CASES:
            by_body.setdefault(case.body, []).append(case)

        story = _Story(desk, clock, cal, rng, secretary, presider, bodies, body_members, rooms, assistants, today)
        story.run(by_body, progress)
        summary.reports = len(desk.query("SELECT id FROM reports"))
        summary.meetings = len(desk.query("SELECT id FROM meetings"))
        progress(0.97, STAGES[2])
        from meetingdesk.library.demo import add_demo_library

        add_demo_library(desk, secretary)
        progress(1.0, STAGES[3])
    finally:
        desk.close()
    return summary


def _names(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _judge(
    desk: Desk,
    name: str,
    post: str,
    division: str,
    grade: str | None,
    since: date | None,
    *,
    is_judge: bool = True,
) -> roster.Judge:
    return roster.create_judge(
        desk,
        SYSTEM,
        roster.JudgeInput(
            name=name,
            court=COURT,
            division=division,
            post=post,
            grade=grade,
            grade_since=since,
            is_judge=is_judge,
            phone="",
        ),
    )


def _accounts(desk: Desk, body_members: dict[str, list[roster.Judge]]) -> dict[str, Actor]:
    criminal_chief = body_members["刑事"][0]
    civil_member = body_members["民事"][2]
    specs = (
        ("admin", "admin", "系统管理员", None),
        ("secretary", "secretary", "会议秘书（演示）", None),
        ("presider", "presider", criminal_chief.name, criminal_chief.id),
        ("member", "member", civil_member.name, civil_member.id),
        ("viewer", "viewer", "只读账户（演示）", None),
    )
    out: dict[str, Actor] = {}
    for username, role, display, judge_id in specs:
        user = create_user(desk, SYSTEM, username, DEMO_PASSWORD, role, display_name=display, judge_id=judge_id)
        out[username] = user.as_actor()
    return out


class _Story:
    """Walks each body through past meetings, a 流会, and upcoming meetings."""

    def __init__(
        self,
        desk: Desk,
        clock: DemoClock,
        cal: WorkCalendar,
        rng: random.Random,
        secretary: Actor,
        presider: Actor,
        bodies: dict[str, roster.Body],
        members: dict[str, list[roster.Judge]],
        rooms: list[roster.Room],
        assistants: list[roster.Judge],
        today: date,
    ) -> None:
        self.desk, self.clock, self.cal, self.rng = desk, clock, cal, rng
        self.sec, self.presider = secretary, presider
        self.bodies, self.members, self.rooms, self.assistants = bodies, members, rooms, assistants
        self.today = today
        self.seq = 100
        self.tmp = Path(tempfile.mkdtemp(prefix="md-demo-"))

    # -- helpers

    def workday(self, offset: int) -> date:
        """The working day nearest to today + offset days (moving away from today)."""
        day = self.today + timedelta(days=offset)
        step = 1 if offset >= 0 else -1
        while not self.cal.is_workday(day):
            day += timedelta(days=step)
        return day

    def report(self, case: DemoCase, submit_on: date | None, year: int) -> reports.Report:
        self.seq += self.rng.randint(3, 40)
        body = self.bodies[case.body]
        judges = self.members[case.body]
        reporting = judges[2 + self.rng.randint(0, 4)]
        others = [j for j in judges[1:7] if j.id != reporting.id][:2]
        panel = (
            reports.PanelMember(others[0].id, "presiding", "majority"),
            reports.PanelMember(reporting.id, "reporting", "majority"),
            reports.PanelMember(others[1].id, "member", "minority" if case.minority else "majority"),
        )
        data = reports.ReportInput(
            case_number=f"（{year}）{COURT_CODE}{case.type_code}{self.seq}号",
            body_id=body.id,
            reporting_judge_id=reporting.id,
            cause=case.cause,
            parties=case.parties,
            procedure=case.procedure,
            initiator=case.initiator,
            question_type=case.question_type,
            facts=case.facts,
            issues=case.issues,
            questions=case.questions,
            panel_majority_view=case.majority,
            panel_minority_view=case.minority,
            reasons=case.reasons,
            panel=panel,
            options=case.options,
        )
        created = reports.create_report(self.desk, self.sec, data)
        if submit_on is not None:
            self.attach_search_report(created, case)
            self.clock.at(submit_on, 10, 30)
            reports.submit_report(self.desk, self.sec, created.id)
        return reports.get_report(self.desk, created.id)

    def attach_search_report(self, report: reports.Report, case: DemoCase) -> None:
        if self.rng.random() < 0.2:
            reports.update_report(
                self.desk,
                self.sec,
                report.id,
                _input_of(report, waiver="本院及上级法院近三年无同类案件，经检索未发现类案。"),
            )
            return
        text = (
            f"类案检索报告\n\n待决案件：{report.case_number}（{report.cause}）\n检索平台：中国裁判文书网、人民法院案例库\n"
            f"检索方法：关键词检索（{case.cause}、{case.issues[:20]}）\n检索结论：检索到类案若干件，裁判尺度基本一致。\n"
        )
        path = self.tmp / f"类案检索报告-{report.id}.txt"
        path.write_text(text, encoding="utf-8")
        attachments.add_attachment(self.desk, self.sec, report.id, path, "search_report")

    def meeting(self, body_key: str, day: date, hh: int = 9, room: int = 0) -> meetings.Meeting:
        body = self.bodies[body_key]
        presider_id = self.members[body_key][0].id
        saved = meetings.create_meeting(
            self.desk,
            self.sec,
            meetings.MeetingInput(
                body_id=body.id,
                starts_at=datetime.combine(day, time(hh, 30 if hh == 14 else 0)),
                planned_minutes=150,
                room_id=self.rooms[room].id,
                presider_id=presider_id,
                recorder="审判管理办公室书记员",
                contact="审判管理办公室 0433-8612345",
            ),
        )
        return saved.meeting

    def discuss(
        self,
        meeting: meetings.Meeting,
        items: list[agenda_svc.AgendaItem],
        stance_plan: list[str],
        recuse: bool = False,
        invitee: bool = False,
    ) -> None:
        attendees = attendance.attendees(self.desk, meeting.id)
        if invitee:
            a = self.assistants[0 if self.bodies["刑事"].id == meeting.body_id else 1]
            attendance.add_invitee(self.desk, self.sec, meeting.id, a.name, "assistant", "本院", judge_id=a.id)
        leave = [x for x in attendees if not x.is_presider][-1]
        attendance.set_attendance(self.desk, self.sec, meeting.id, leave.judge_id, "leave", "参加上级法院业务培训")
        meetings.start_meeting(self.desk, self.sec, meeting.id)
        for n, (item, plan) in enumerate(zip(items, stance_plan, strict=False)):
            report = reports.get_report(self.desk, item.report_id)
            if recuse and n == 0:
                target = next(x for x in attendees if not x.is_presider and x.judge_id != leave.judge_id)
                attendance.set_item_absence(
                    self.desk, self.sec, item.id, target.judge_id, "recused", "与当事人一方存在近亲属关系"
                )
            discussion.set_item_status(self.desk, self.sec, item.id, "discussing")
            discussion.set_item_texts(
                self.desk,
                self.sec,
                item.id,
                presentation=f"承办法官{item.reporting_judge}汇报了案件基本情况：{report.facts[:80]}……合议庭评议形成"
                f"两种意见。",
                questions_answers="成员就关键事实和证据情况进行了询问，承办法官逐一作了说明。",
            )
            order = discussion.speaking_order_for(self.desk, item.id)
            members = [s for s in order.slots if not s.speaker.is_invitee]
            stances = _stances(plan, len(members), report.options)
            for slot in order.slots:
                if slot.speaker.is_invitee:
                    discussion.record_opinion(
                        self.desk,
                        self.sec,
                        item.id,
                        slot.key,
                        STANCE_MAJORITY,
                        "从类案检索情况看，同类案件多按合议庭多数意见处理。",
                    )
            for slot, stance in zip(members, stances, strict=False):
                discussion.record_opinion(self.desk, self.sec, item.id, slot.key, stance, _reason(stance, report))
            result = discussion.item_result(self.desk, item.id)
            discussion.set_item_texts(
                self.desk,
                self.sec,
                item.id,
                presider_summary="主持人归纳：" + result.summary() + "。请合议庭结合讨论意见复议。",
                conclusion=(
                    "会议多数意见：" + (result.majority.label if result.majority else "")
                    if result.majority
                    else "会议未形成多数意见，建议合议庭进一步研究后报请院长决定是否提交审判委员会。"
                ),
            )
            discussion.set_item_status(self.desk, self.sec, item.id, "discussed")
        self.clock.value = self.clock.value + timedelta(minutes=45 * len(items) + 10)
        meetings.end_meeting(self.desk, self.sec, meeting.id)

    # -- the story

    def run(self, by_body: dict[str, list[DemoCase]], progress: Callable[[float, str], None]) -> None:
        year = self.today.year
        past_items: dict[str, list[int]] = {}
        keys = list(self.bodies)
        for n, key in enumerate(keys):
            day_a, day_x, day_b = self.workday(-75 + 2 * n), self.workday(-45), self.workday(-24 + n)
            day_next = self.workday(9 + n) if key != "执行" else self.workday(2)
            progress(0.2 + 0.7 * n / len(keys), f"{self.bodies[key].name}")
            cases = by_body[key]
            # Meeting A: two items, fully processed afterwards.
            self.clock.at(day_a - timedelta(days=20), 9)
            r_a = [self.report(c, day_a - timedelta(days=14), year) for c in cases[:2]]
            for r in r_a:
                reports.accept_report(self.desk, self.sec, r.id)
                # the demo presider presides the 刑事 body; for the others the secretary records the decision
                reports.decide_convene(
                    self.desk, self.presider if key == "刑事" else self.sec, r.id, True, "", on_behalf=key != "刑事"
                )
            m_a = self.meeting(key, day_a, 9, room=0 if n % 2 == 0 else 1)
            items_a = [agenda_svc.add_item(self.desk, self.sec, m_a.id, r.id, 40) for r in r_a]
            agenda_svc.approve_agenda(
                self.desk, self.presider if key == "刑事" else self.sec, m_a.id, on_behalf=key != "刑事"
            )
            meetings.notify_meeting(self.desk, self.sec, m_a.id)
            self.clock.at(day_a, 9, 5)
            self.discuss(m_a, items_a, ["majority", "split" if key == "行政" else "minority"], invitee=key == "刑事")
            self.clock.at(day_a + timedelta(days=1), 15)
            minutes.circulate_minutes(self.desk, self.sec, m_a.id)
            self.clock.at(day_a + timedelta(days=3), 16)
            minutes.finalise_minutes(
                self.desk, self.presider if key == "刑事" else self.sec, m_a.id, on_behalf=key != "刑事"
            )
            self.clock.at(day_a + timedelta(days=12), 10)
            followups.record_reconsideration(
                self.desk,
                self.sec,
                items_a[0].id,
                reconsidered_on=day_a + timedelta(days=10),
                adoption="adopted",
                panel_result="合议庭复议后采纳专业法官会议多数意见，维持原判。",
            )
            reports.close_report(self.desk, self.sec, r_a[0].id, "已按复议意见结案")
            followups.record_reconsideration(
                self.desk,
                self.sec,
                items_a[1].id,
                reconsidered_on=day_a + timedelta(days=11),
                adoption="not_adopted" if key != "执行" else "partly",
                panel_result="合议庭复议后仍坚持原多数意见。",
            )
            if followups.advice(self.desk, items_a[1].id).required:
                followups.record_referral(self.desk, self.sec, items_a[1].id, day_a + timedelta(days=13))
                self.clock.at(day_a + timedelta(days=30), 10)
                followups.record_committee_result(
                    self.desk,
                    self.sec,
                    items_a[1].id,
                    "审判委员会讨论后决定按合议庭复议意见处理。",
                    day_a + timedelta(days=28),
                )
            past_items[key] = [i.id for i in items_a]

            # A 流会 for 行政: too many members away.
            rest = cases[2:]
            carry: list[reports.Report] = []
            if key == "行政":
                self.clock.at(day_x - timedelta(days=15), 9)
                r_x = self.report(rest[0], day_x - timedelta(days=10), year)
                reports.accept_report(self.desk, self.sec, r_x.id)
                m_x = self.meeting(key, day_x, 14, room=2)
                agenda_svc.add_item(self.desk, self.sec, m_x.id, r_x.id, 45)
                self.clock.at(day_x, 14, 40)
                for a in attendance.attendees(self.desk, m_x.id)[:4]:
                    attendance.set_attendance(self.desk, self.sec, m_x.id, a.judge_id, "leave", "审理其他案件")
                q = attendance.meeting_quorum(self.desk, m_x.id)
                meetings.adjourn_meeting(self.desk, self.sec, m_x.id, "未达到法定人数（" + q.explain() + "）")
                carry.append(reports.get_report(self.desk, r_x.id))
                rest = rest[1:]

            # Meeting B: one (or the carried-over) item, awaiting 复议.
            self.clock.at(day_b - timedelta(days=12), 9)
            r_b = carry or [self.report(rest[0], day_b - timedelta(days=8), year)]
            if not carry:
                rest = rest[1:]
                reports.accept_report(self.desk, self.sec, r_b[0].id)
            m_b = self.meeting(key, day_b, 14, room=n % 3)
            items_b = [agenda_svc.add_item(self.desk, self.sec, m_b.id, r.id, 50) for r in r_b]
            agenda_svc.approve_agenda(self.desk, self.sec, m_b.id, on_behalf=True)
            self.clock.at(day_b, 14, 35)
            self.discuss(m_b, items_b, ["split" if key == "民事" else "majority"], recuse=key == "民事")
            self.clock.at(day_b + timedelta(days=2), 11)
            if key in ("刑事", "执行"):
                minutes.circulate_minutes(self.desk, self.sec, m_b.id)
                if key == "刑事":
                    self.clock.at(day_b + timedelta(days=4), 11)
                    minutes.finalise_minutes(self.desk, self.presider, m_b.id)

            # Upcoming meeting with a scheduled item (the last one arrives late).
            self.clock.at(self.today - timedelta(days=6), 9)
            late = key == "执行"  # arrives after the materials deadline: shown as a late item
            r_next = self.report(rest[0], self.today if late else self.today - timedelta(days=5), year)
            reports.accept_report(self.desk, self.sec, r_next.id)
            rest = rest[1:]
            m_next = self.meeting(key, day_next, 9, room=n % 2)
            agenda_svc.add_item(self.desk, self.sec, m_next.id, r_next.id, 45)
            if key == "民事":
                meetings.notify_meeting(self.desk, self.sec, m_next.id)

            # Whatever is left: the states before scheduling.
            self.clock.at(self.today - timedelta(days=2), 10)
            tail_states = {
                "刑事": ["submitted", "draft"],
                "民事": ["accepted", "returned"],
                "行政": ["withdrawn"],
                "执行": ["submitted", "declined"],
            }[key]
            for case, state in zip(rest, tail_states, strict=False):
                self._leave_in_state(case, state, year)
        self.clock.value = datetime.combine(self.today, time(8, 30))
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _leave_in_state(self, case: DemoCase, state: str, year: int) -> None:
        if state == "draft":
            self.report(case, None, year)
            return
        r = self.report(case, self.today - timedelta(days=1), year)
        if state == "submitted":
            return
        if state == "returned":
            reports.return_report(self.desk, self.sec, r.id, "请补充合议庭评议笔录及类案检索的具体案例。")
            return
        if state == "withdrawn":
            reports.withdraw_report(self.desk, self.sec, r.id, "合议庭已形成一致意见，无需提交讨论。")
            return
        reports.accept_report(self.desk, self.sec, r.id)
        if state == "declined":
            reports.decide_convene(
                self.desk,
                self.sec,
                r.id,
                False,
                "法律适用问题已有明确规定，由合议庭依法处理。",
                on_behalf=True,
            )


def _input_of(report: reports.Report, *, waiver: str) -> reports.ReportInput:
    return reports.ReportInput(
        case_number=report.case_number,
        body_id=report.body_id,
        reporting_judge_id=report.reporting_judge_id,
        cause=report.cause,
        parties=report.parties,
        procedure=report.procedure,
        initiator=report.initiator,
        question_type=report.question_type,
        facts=report.facts,
        issues=report.issues,
        questions=report.questions,
        panel_majority_view=report.panel_majority_view,
        panel_minority_view=report.panel_minority_view,
        search_report_waiver=waiver,
        reasons=report.reasons,
        panel=report.panel,
        options=report.options,
    )


def _stances(plan: str, n: int, options: tuple[tuple[str, str], ...]) -> list[str]:
    if options:
        a, b = option_stance(options[0][0]), option_stance(options[1][0])
        first, second = (a, b)
    else:
        first, second = STANCE_MAJORITY, STANCE_MINORITY
    if plan == "majority":
        k = n - max(1, n // 4)
        return [first] * k + [second] * (n - k - 1) + [STANCE_OTHER]
    if plan == "minority":
        k = n // 2 + 1
        return [second] * k + [first] * (n - k)
    # split: nobody above half
    k = n // 2
    return [first] * k + [second] * (n - k - 1) + [STANCE_OTHER]


def _reason(stance: str, report: reports.Report) -> str:
    if stance == STANCE_MAJORITY:
        return "同意合议庭多数意见。" + report.panel_majority_view[:40]
    if stance == STANCE_MINORITY:
        return "倾向少数意见。" + (report.panel_minority_view[:40] or "理由同合议庭少数意见。")
    if stance == STANCE_OTHER:
        return "认为需进一步查明相关事实后再行判断，建议补充调查。"
    return "同意该方案，理由与方案所述一致。"
