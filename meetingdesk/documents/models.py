"""Plain data for each document: what the collectors read from the database and compose lays out.

No database handle and no formatting here, so tests and other work (statistics, the library) can build
models by hand. Dates are ``date``/``datetime``; names are display strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class MeetingInfo:
    """The facts every meeting paper repeats."""

    meeting_id: int
    court: str
    body_name: str  # e.g. 刑事专业法官会议
    title: str  # e.g. 2026年第3次刑事专业法官会议
    starts_at: datetime
    planned_end: datetime
    place: str
    presider: str
    recorder: str = ""
    contact: str = ""
    actual_start: datetime | None = None
    actual_end: datetime | None = None


@dataclass(frozen=True)
class CaseRef:
    case_number: str
    cause: str  # 案由 / 罪名
    reporting_judge: str  # 承办法官


@dataclass(frozen=True)
class PersonNote:
    """A name with a short note: 请假 reason, 列席 unit or kind, 回避 reason."""

    name: str
    note: str = ""

    def shown(self) -> str:
        return f"{self.name}（{self.note}）" if self.note else self.name


# ---- 会议通知


@dataclass(frozen=True)
class NoticeItem:
    position: int
    case: CaseRef
    question: str = ""
    late: bool = False


@dataclass(frozen=True)
class Notice:
    meeting: MeetingInfo
    items: tuple[NoticeItem, ...]
    attendees: tuple[str, ...]  # members asked to attend
    invitees: tuple[PersonNote, ...] = ()
    materials_deadline: date | None = None
    issued_on: date | None = None
    issuer: str = ""


# ---- 议程


@dataclass(frozen=True)
class AgendaRow:
    position: int
    case: CaseRef
    starts: datetime
    ends: datetime
    question: str = ""
    late: bool = False


@dataclass(frozen=True)
class Agenda:
    meeting: MeetingInfo
    rows: tuple[AgendaRow, ...]
    expected_end: datetime
    approved: str = ""  # e.g. "已由主持人王五于2026年3月2日审定"


# ---- 签到表


@dataclass(frozen=True)
class SignInRow:
    name: str
    detail: str = ""  # 职务 / 法官等级, or 列席 unit


@dataclass(frozen=True)
class SignInSheet:
    meeting: MeetingInfo
    members: tuple[SignInRow, ...]
    invitees: tuple[SignInRow, ...]
    order_label: str = "按发言顺序排列"


# ---- 会议记录


@dataclass(frozen=True)
class OpinionLine:
    """One statement in speaking order; 列席 statements are recorded but never counted."""

    order: int
    name: str
    role: str  # 列席 / 法官等级 / 主持人
    stance: str  # words, e.g. 同意合议庭多数意见
    reasons: str
    round: int = 1
    is_invitee: bool = False


@dataclass(frozen=True)
class MinutesItem:
    position: int
    case: CaseRef
    question: str
    presentation: str
    questions_answers: str
    recused: tuple[PersonNote, ...]
    quorum_text: str
    quorum_met: bool
    opinions: tuple[OpinionLine, ...]
    result_text: str  # computed: 多数意见（n人）…；少数意见…
    conclusion: str  # the secretary's prose 讨论意见
    presider_summary: str
    status: str = ""  # e.g. 暂缓讨论


@dataclass(frozen=True)
class MinutesRecord:
    meeting: MeetingInfo
    present: tuple[str, ...]
    on_leave: tuple[PersonNote, ...]
    absent: tuple[PersonNote, ...]
    invitees: tuple[PersonNote, ...]
    quorum_text: str
    quorum_met: bool
    items: tuple[MinutesItem, ...]
    signatories: tuple[str, ...]  # everyone who signs: members present and 列席
    state_label: str = "草稿"
    amendments: tuple[str, ...] = ()


# ---- 会议纪要


@dataclass(frozen=True)
class SummaryItem:
    position: int
    case: CaseRef
    question: str
    opinion: str  # 讨论意见 (prose, else the computed result)


@dataclass(frozen=True)
class MeetingSummary:
    meeting: MeetingInfo
    number: str  # 〔2026〕第3期
    issuer: str
    issued_on: date
    items: tuple[SummaryItem, ...]
    present: tuple[str, ...]
    on_leave: tuple[str, ...]
    invitees: tuple[str, ...]
    distribution: str = ""  # 分送


# ---- 类案检索报告 (domain.md §7)

AUTHORITY_TIERS: dict[int, str] = {
    1: "指导性案例",
    2: "最高人民法院发布的典型案例及裁判生效的案件",
    3: "本省（自治区、直辖市）高级人民法院发布的参考性案例及裁判生效的案件",
    4: "上一级人民法院及本院裁判生效的案件",
}


@dataclass(frozen=True)
class SearchHit:
    tier: int  # 1..4, see AUTHORITY_TIERS
    case_number: str
    court: str
    decided_on: date | None
    gist: str  # 裁判要点
    similarity: str  # 相似性分析
    use: str  # 参照 / 参考 / 不参照
    use_reason: str = ""
    source: str = ""  # 检索平台 or publication
    title: str = ""

    @property
    def tier_label(self) -> str:
        return AUTHORITY_TIERS.get(self.tier, f"第{self.tier}层级")


@dataclass(frozen=True)
class SearchReport:
    report_id: int
    court: str
    pending: CaseRef  # 待决案件
    searcher: str  # 检索主体
    searched_on: date | None
    platforms: tuple[str, ...]
    methods: tuple[str, ...]  # 关键词检索 / 法条关联检索 / 案例关联检索
    keywords: tuple[str, ...]
    articles: tuple[str, ...]
    related_cases: tuple[str, ...]
    issues: str  # 待决案件争议焦点
    hits: tuple[SearchHit, ...]
    conclusion: str
    conflicts: bool | None = None  # do the similar cases conflict?


# ---- 参考性案例 (SPC guiding-case layout)


@dataclass(frozen=True)
class ReferenceCase:
    case_id: int
    title: str
    keywords: tuple[str, ...]  # at most 7, broad to narrow
    points: tuple[str, ...]  # 裁判要点; numbered when several
    articles: tuple[str, ...]  # 相关法条
    facts: str  # 基本案情
    result: str  # 裁判结果
    reasoning: str  # 裁判理由
    case_numbers: tuple[str, ...] = ()  # each instance
    court: str = ""
    decided_on: date | None = None
    category: str = "参考性案例"
    publisher: str = ""
    published_on: date | None = None
    number: str = ""  # 发布编号
    status: str = ""
    source: str = ""  # e.g. 2026年第3次刑事专业法官会议第2项
    issuing_court: str = ""  # the court whose settings print it


# ---- generic statistics / 汇编 report


@dataclass(frozen=True)
class DataTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None  # relative; equal when None
    caption: str = ""
    numeric: tuple[bool, ...] | None = None  # right-align these columns


@dataclass(frozen=True)
class ReportSection:
    heading: str
    paragraphs: tuple[str, ...] = ()
    table: DataTable | None = None


@dataclass(frozen=True)
class TableReport:
    """A periodic statistics report or 汇编: headed sections of prose and tables."""

    title: str
    court: str
    period: str = ""  # e.g. 2026年第一季度
    intro: tuple[str, ...] = ()
    sections: tuple[ReportSection, ...] = ()
    notes: tuple[str, ...] = ()
    issuer: str = ""
    issued_on: date | None = None
    internal: bool = True
    advisory: str = field(
        default="本报告所列专业法官会议讨论意见均为供审判组织和院庭长参考的参考意见，不代替审判组织作出决定。"
    )


DocumentModel = (
    Notice | Agenda | SignInSheet | MinutesRecord | MeetingSummary | SearchReport | ReferenceCase | TableReport
)
