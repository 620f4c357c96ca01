"""Lay out each document model as a :class:`Paper`: the wording and order of every section.

This is the one place that decides what each paper says; the renderers only draw blocks. Every paper
states that the meeting's outcome is a reference opinion (参考意见), never a decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import singledispatch
from typing import Any

from meetingdesk.documents.blocks import (
    Block,
    Closing,
    Column,
    Heading,
    IssueLine,
    Labelled,
    Mark,
    Masthead,
    Note,
    Paper,
    Para,
    Span,
    Subtitle,
    Table,
    Title,
)
from meetingdesk.documents.models import (
    Agenda,
    DocumentModel,
    MeetingInfo,
    MeetingSummary,
    MinutesItem,
    MinutesRecord,
    Notice,
    ReferenceCase,
    SearchReport,
    SignInSheet,
    TableReport,
)
from meetingdesk.documents.settings import DocumentSettings
from meetingdesk.documents.text import clock, cn_date, cn_datetime, cn_number, cn_span, cn_time, join_names

ADVISORY_MEETING = (
    "专业法官会议是为审判组织和院庭长履行职责提供咨询意见的内部工作机制，"
    "会议讨论形成的意见为参考意见，供合议庭、独任庭和院庭长参考，不代替审判组织作出决定。"
)
ADVISORY_SEARCH = (
    "本报告的检索结果及分析供合议庭、独任庭和专业法官会议参考（参考意见），除指导性案例应当参照外，不具有约束力。"
)
ADVISORY_CASE = "本案例为参考性案例，供审判工作参考（参考意见），不作为裁判依据援引。"
SECRECY = "参会人员应当严格遵守保密规定，不得泄露会议研究内容、讨论意见等情况。"
NOT_RECORDED = "（未记录）"


def compose(model: DocumentModel, settings: DocumentSettings) -> Paper:
    """The Paper for any document model."""
    return _compose(model, settings)


@singledispatch
def _compose(model: Any, settings: DocumentSettings) -> Paper:  # noqa: ARG001 - the dispatch signature
    raise TypeError(f"没有“{type(model).__name__}”文书的版式")


def _paras(text: str, *, empty: str = NOT_RECORDED) -> list[Block]:
    """Multi-line text → one indented paragraph per non-empty line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [Para.of(line) for line in lines] or [Para.of(empty)]


def _mark(settings: DocumentSettings, right: str = "") -> list[Block]:
    return [Mark(settings.confidentiality_line, right)] if settings.confidentiality_line or right else []


def _court(meeting: MeetingInfo, settings: DocumentSettings) -> str:
    return settings.court_name or meeting.court


def _meta(kind: str, title: str, author: str, subject: str, blocks: Iterable[Block]) -> Paper:
    return Paper(kind=kind, title=title, blocks=tuple(blocks), author=author, subject=subject)


# ---- 会议通知


@_compose.register
def _notice(model: Notice, settings: DocumentSettings) -> Paper:
    m = model.meeting
    court = _court(m, settings)
    out: list[Block] = [*_mark(settings), Title(f"关于召开{m.title}的通知")]
    out.append(Para.of(f"{m.body_name}各位成员：", indent=False))
    out.append(
        Para.of(
            f"定于{cn_datetime(m.starts_at)}在{m.place or '（地点待定）'}召开{m.title}，"
            f"由{m.presider or '（主持人待定）'}主持，讨论{len(model.items)}件案件。现将有关事项通知如下："
        )
    )
    out.append(Heading("一、会议时间和地点"))
    out.append(Para.of(f"{cn_span(m.starts_at, m.planned_end)}（预计），{m.place or '地点另行通知'}。"))
    out.append(Heading("二、主持人"))
    out.append(Para.of(m.presider or "待定"))
    out.append(Heading("三、讨论事项"))
    if model.items:
        rows = tuple(
            (
                str(i.position),
                i.case.case_number,
                i.case.cause + ("（逾期提交，经主持人同意列入）" if i.late else ""),
                i.case.reporting_judge,
            )
            for i in model.items
        )
        out.append(
            Table(
                (
                    Column("序号", 0.6, "center"),
                    Column("案号", 2.8),
                    Column("案由", 2.3),
                    Column("承办法官", 1.1),
                ),
                rows,
            )
        )
    else:
        out.append(Para.of("议程另行通知。"))
    out.append(Heading("四、参会人员"))
    out.append(Labelled("成员", join_names(model.attendees)))
    if model.invitees:
        out.append(Labelled("列席", join_names(p.shown() for p in model.invitees)))
        out.append(Para.of("列席人员可以发表意见，但不计入法定人数，其意见不列入成员意见统计。"))
    out.append(Heading("五、会议材料"))
    deadline = (
        f"请承办法官于{cn_date(model.materials_deadline)}前将提请讨论报告、类案检索报告等材料报送会议秘书，"
        "逾期提交的，经主持人同意后方可列入议程。"
        if model.materials_deadline
        else "请承办法官尽早将提请讨论报告、类案检索报告等材料报送会议秘书。"
    )
    out.append(Para.of(deadline + "请各位成员会前认真阅读案件材料。"))
    out.append(Heading("六、其他事项"))
    out.append(Para.of("因故不能参会的，请于会前向会议秘书请假并说明理由。" + SECRECY))
    if m.contact:
        out.append(Para.labelled("联系人：", m.contact))
    out.append(Note(ADVISORY_MEETING))
    out.append(Closing((model.issuer or f"{court}{m.body_name}", cn_date(model.issued_on or m.starts_at.date()))))
    return _meta("notice", f"关于召开{m.title}的通知", court, m.title, out)


# ---- 议程


@_compose.register
def _agenda(model: Agenda, settings: DocumentSettings) -> Paper:
    m = model.meeting
    out: list[Block] = [*_mark(settings), Title(f"{m.title}议程")]
    out.append(Para.labelled("时间：", f"{cn_datetime(m.starts_at)}至{cn_time(model.expected_end)}（预计）"))
    out.append(Para.labelled("地点：", m.place or "待定"))
    out.append(Para.labelled("主持人：", m.presider or "待定"))
    rows = tuple(
        (
            str(r.position),
            f"{clock(r.starts)}–{clock(r.ends)}",
            f"{r.case.case_number}\n{r.case.cause}" + ("（逾期提交）" if r.late else ""),
            r.case.reporting_judge,
            r.question or "—",
        )
        for r in model.rows
    )
    out.append(
        Table(
            (
                Column("序号", 0.75, "center"),
                Column("时间", 1.6, "center"),
                Column("案号及案由", 3.4),
                Column("承办法官", 1.3, "center"),
                Column("提请讨论的问题", 2.35),
            ),
            rows,
            font_scale=0.86,
        )
    )
    out.append(Para.labelled("预计结束时间：", cn_datetime(model.expected_end)))
    out.append(
        Para.of(
            "每件案件依次进行：承办法官汇报案情；成员提问；列席人员发言；成员按法官等级由低到高依次发表意见"
            "（同一等级中晋升在后者先发言）；主持人最后发表意见并归纳讨论意见。"
        )
    )
    if model.approved:
        out.append(Para.of(model.approved))
    out.append(Note(ADVISORY_MEETING))
    return _meta("agenda", f"{m.title}议程", _court(m, settings), m.title, out)


# ---- 签到表


@_compose.register
def _signin(model: SignInSheet, settings: DocumentSettings) -> Paper:
    m = model.meeting
    out: list[Block] = [*_mark(settings), Title(f"{m.title}签到表")]
    out.append(Para.labelled("时间：", cn_datetime(m.starts_at)))
    out.append(Para.labelled("地点：", m.place or "待定"))
    out.append(Para.labelled("主持人：", m.presider or "待定"))
    cols = (Column("序号", 0.6, "center"), Column("姓名", 1.3), Column("职务/等级", 2.2), Column("签名", 2.4))
    out.append(Heading(f"一、成员（{model.order_label}）"))
    out.append(
        Table(
            cols,
            tuple((str(i), r.name, r.detail, "") for i, r in enumerate(model.members, 1)),
            row_height_mm=11,
        )
    )
    out.append(Heading("二、列席人员"))
    if model.invitees:
        out.append(
            Table(
                (cols[0], cols[1], Column("单位/身份", 2.2), cols[3]),
                tuple((str(i), r.name, r.detail, "") for i, r in enumerate(model.invitees, 1)),
                row_height_mm=11,
            )
        )
        out.append(Para.of("列席人员不计入法定人数，其意见不列入成员意见统计。"))
    else:
        out.append(Para.of("无"))
    out.append(Note(ADVISORY_MEETING))
    return _meta("signin", f"{m.title}签到表", _court(m, settings), m.title, out)


# ---- 会议记录


@_compose.register
def _minutes(model: MinutesRecord, settings: DocumentSettings) -> Paper:
    m = model.meeting
    out: list[Block] = [*_mark(settings, settings.archive_note), Title(f"{m.title}记录")]
    if model.state_label != "定稿":
        out.append(Subtitle(f"（{model.state_label}）"))
    start = m.actual_start or m.starts_at
    out.append(Para.labelled("时间：", cn_span(start, m.actual_end)))
    out.append(Para.labelled("地点：", m.place or NOT_RECORDED))
    out.append(Para.labelled("主持人：", m.presider or NOT_RECORDED))
    out.append(Para.labelled("出席成员：", join_names(model.present)))
    out.append(Para.labelled("请假：", join_names(p.shown() for p in model.on_leave)))
    out.append(Para.labelled("缺席：", join_names(p.shown() for p in model.absent)))
    out.append(Para.labelled("列席：", join_names(p.shown() for p in model.invitees)))
    out.append(Para.labelled("记录人：", m.recorder or NOT_RECORDED))
    out.append(Para.labelled("法定人数：", model.quorum_text))
    out.append(Note(ADVISORY_MEETING + SECRECY))
    for item in model.items:
        out.extend(_minutes_item(item))
    if model.amendments:
        out.append(Heading(f"{cn_number(len(model.items) + 1)}、更正记录"))
        out.extend(Para.of(a) for a in model.amendments)
    out.append(Heading("参会人员签名"))
    names = list(model.signatories)
    rows: list[tuple[str, ...]] = []
    for i in range(0, len(names), 2):
        pair = names[i : i + 2] + [""] * (2 - len(names[i : i + 2]))
        rows.append((pair[0], "", pair[1], ""))
    sign_cols = (Column("姓名", 1.2), Column("签名", 2.0), Column("姓名", 1.2), Column("签名", 2.0))
    if rows:
        out.append(Table(sign_cols, tuple(rows), row_height_mm=11))
    out.append(
        Table(
            (Column("主持人", 1.2), Column("签名", 2.0), Column("记录人", 1.2), Column("签名", 2.0)),
            ((m.presider, "", m.recorder, ""),),
            row_height_mm=11,
        )
    )
    return _meta("minutes", f"{m.title}记录", _court(m, settings), m.title, out)


def _minutes_item(item: MinutesItem) -> list[Block]:
    c = item.case
    out: list[Block] = [Heading(f"{cn_number(item.position)}、{c.case_number}（{c.cause}）")]
    out.append(Para.labelled("承办法官：", c.reporting_judge))
    out.append(Para.labelled("提请讨论的问题：", item.question or NOT_RECORDED))
    if item.status:
        out.append(Para.labelled("状态：", item.status))
    if item.recused:
        out.append(Para.labelled("回避：", join_names(p.shown() for p in item.recused)))
    out.append(Para.labelled("本项法定人数：", item.quorum_text))
    out.append(Heading("（一）承办法官汇报", 2))
    out.extend(_paras(item.presentation))
    out.append(Heading("（二）提问与回答", 2))
    out.extend(_paras(item.questions_answers))
    out.append(Heading("（三）发言情况（按发言顺序）", 2))
    rounds = sorted({o.round for o in item.opinions})
    if not item.opinions:
        out.append(Para.of("（尚无发言记录）"))
    for rnd in rounds:
        if len(rounds) > 1:
            out.append(Heading(f"第{cn_number(rnd)}轮发言", 3))
        for op in (o for o in item.opinions if o.round == rnd):
            reasons = op.reasons.strip()
            label = f"{op.order}. {op.name}（{op.role}）："
            body = op.stance + ("。理由：" + reasons if reasons else "。")
            out.append(Para((Span(label, "label"), Span(body))))
    out.append(Heading("（四）讨论结果", 2))
    out.append(Para.labelled("意见统计：", item.result_text))
    if not item.quorum_met:
        out.append(Para.of("本项讨论未达到法定人数，讨论意见不能定稿，可记录为流会或另行安排讨论。"))
    out.append(Para.labelled("讨论意见（参考意见）：", item.conclusion.strip() or "（见意见统计）"))
    out.append(Heading("（五）主持人总结", 2))
    out.extend(_paras(item.presider_summary))
    return out


# ---- 会议纪要


@_compose.register
def _summary(model: MeetingSummary, settings: DocumentSettings) -> Paper:
    m = model.meeting
    out: list[Block] = [*_mark(settings), Masthead(f"{m.body_name}纪要"), Subtitle(model.number)]
    out.append(IssueLine(model.issuer, cn_date(model.issued_on)))
    day = cn_date((m.actual_start or m.starts_at).date())
    out.append(
        Para.of(
            f"{day}，{m.presider or '主持人'}主持召开{m.title}，讨论了{len(model.items)}件案件。"
            "现将会议讨论情况纪要如下："
        )
    )
    for item in model.items:
        c = item.case
        out.append(Heading(f"{cn_number(item.position)}、{c.case_number}（{c.cause}）"))
        out.append(Para.labelled("承办法官：", c.reporting_judge))
        out.append(Para.labelled("提请讨论的问题：", item.question or NOT_RECORDED))
        out.append(Para.labelled("讨论意见（参考意见）：", item.opinion or NOT_RECORDED))
    out.append(Note(ADVISORY_MEETING + SECRECY))
    out.append(Labelled("出席", join_names(model.present)))
    out.append(Labelled("请假", join_names(model.on_leave)))
    out.append(Labelled("列席", join_names(model.invitees)))
    if model.distribution:
        out.append(Labelled("分送", model.distribution))
    return _meta("summary", f"{m.body_name}纪要 {model.number}", _court(m, settings), m.title, out)


# ---- 类案检索报告


@_compose.register
def _search_report(model: SearchReport, settings: DocumentSettings) -> Paper:
    p = model.pending
    out: list[Block] = [*_mark(settings), Title("类案检索报告")]
    methods = "、".join(model.methods) or NOT_RECORDED
    header = (
        ("待决案件案号", p.case_number),
        ("案由", p.cause),
        ("承办法官", p.reporting_judge),
        ("检索主体", model.searcher or NOT_RECORDED),
        ("检索时间", cn_date(model.searched_on) if model.searched_on else NOT_RECORDED),
        ("检索平台", "、".join(model.platforms) or NOT_RECORDED),
        ("检索方法", methods),
        ("检索关键词", "、".join(model.keywords) or "—"),
        ("关联法条", "；".join(model.articles) or "—"),
        ("关联案例", "；".join(model.related_cases) or "—"),
    )
    out.append(Table((Column("项目", 1.3), Column("内容", 4.7)), header))
    out.append(Heading("一、待决案件争议焦点"))
    out.extend(_paras(model.issues))
    out.append(Heading("二、检索结果"))
    if not model.hits:
        out.append(Para.of("经检索，未发现与待决案件相类似的案件。"))
    else:
        out.append(Para.of(f"共检索到类案{len(model.hits)}件，按效力层级列示如下："))
        rows = tuple(
            (
                str(i),
                str(h.tier),
                h.case_number,
                h.court,
                cn_date(h.decided_on) if h.decided_on else "—",
                h.use,
            )
            for i, h in enumerate(model.hits, 1)
        )
        out.append(
            Table(
                (
                    Column("序号", 0.45, "center"),
                    Column("层级", 0.45, "center"),
                    Column("案号", 2.2),
                    Column("审理法院", 1.9),
                    Column("裁判日期", 1.75, "center"),
                    Column("运用", 0.6, "center"),
                ),
                rows,
                font_scale=0.86,
            )
        )
        out.append(
            Para.of(
                "效力层级：1.指导性案例；2.最高人民法院发布的典型案例及裁判生效的案件；"
                "3.本省高级人民法院发布的参考性案例及裁判生效的案件；4.上一级人民法院及本院裁判生效的案件。"
            )
        )
        for i, h in enumerate(model.hits, 1):
            out.append(Heading(f"（{cn_number(i)}）{h.case_number}" + (f" {h.title}" if h.title else ""), 2))
            decided = cn_date(h.decided_on) if h.decided_on else "不详"
            out.append(Para.labelled("来源：", f"{h.source or '未注明'}；{h.court}；{decided}；{h.tier_label}"))
            out.append(Para.labelled("裁判要点：", h.gist or NOT_RECORDED))
            out.append(Para.labelled("相似性分析：", h.similarity or NOT_RECORDED))
            use = h.use + ("。理由：" + h.use_reason if h.use_reason else "")
            out.append(Para.labelled("运用情况：", use))
    out.append(Heading("三、检索结论"))
    if model.conflicts is True:
        out.append(Para.of("经检索，类案之间存在裁判尺度不一致的情形，需在讨论中予以注意。"))
    elif model.conflicts is False:
        out.append(Para.of("经检索，所列类案之间未发现裁判尺度冲突。"))
    out.extend(_paras(model.conclusion))
    out.append(Note(ADVISORY_SEARCH))
    tail = [model.searcher] if model.searcher else []
    if model.searched_on:
        tail.append(cn_date(model.searched_on))
    if tail:
        out.append(Closing(tuple(tail)))
    return _meta(
        "report-search",
        f"类案检索报告 {p.case_number}",
        model.court or settings.court_name,
        p.case_number,
        out,
    )


# ---- 参考性案例


@_compose.register
def _reference_case(model: ReferenceCase, settings: DocumentSettings) -> Paper:
    published = model.status in ("发布", "已发布", "published")
    out: list[Block] = [] if published else _mark(settings)
    headline = model.category + (f"第{model.number}号" if model.number.isdigit() else model.number)
    out.append(Subtitle(headline))
    out.append(Title(model.title))
    if model.publisher or model.published_on:
        when = cn_date(model.published_on) if model.published_on else ""
        out.append(Subtitle(f"（{model.publisher}{when}发布）"))
    elif model.status:
        out.append(Subtitle(f"（{model.status}）"))
    out.append(Para((Span("关键词", "label"), Span("　" + " ".join(model.keywords[:7]) if model.keywords else "　—"))))
    out.append(Heading("裁判要点"))
    if len(model.points) > 1:
        out.extend(Para.of(f"{i}．{pt}") for i, pt in enumerate(model.points, 1))
    else:
        out.extend(_paras(model.points[0] if model.points else ""))
    out.append(Heading("相关法条"))
    out.extend(Para.of(a) for a in model.articles or ("—",))
    out.append(Heading("基本案情"))
    out.extend(_paras(model.facts))
    out.append(Heading("裁判结果"))
    out.extend(_paras(model.result))
    out.append(Heading("裁判理由"))
    out.extend(_paras(model.reasoning))
    out.append(Heading("案例信息"))
    if model.case_numbers:
        out.append(Para.labelled("案号：", "；".join(model.case_numbers)))
    if model.court:
        out.append(Para.labelled("审理法院：", model.court))
    if model.decided_on:
        out.append(Para.labelled("裁判日期：", cn_date(model.decided_on)))
    out.append(Para.labelled("案例类别：", model.category))
    if model.source:
        out.append(Para.labelled("来源：", model.source))
    out.append(Note(ADVISORY_CASE))
    return _meta("reference-case", model.title, model.issuing_court or settings.court_name, model.category, out)


# ---- statistics / 汇编


@_compose.register
def _table_report(model: TableReport, settings: DocumentSettings) -> Paper:
    out: list[Block] = [*(_mark(settings) if model.internal else []), Title(model.title)]
    if model.period:
        out.append(Subtitle(f"（{model.period}）"))
    out.extend(Para.of(p) for p in model.intro)
    for i, sec in enumerate(model.sections, 1):
        out.append(Heading(f"{cn_number(i)}、{sec.heading}"))
        out.extend(Para.of(p) for p in sec.paragraphs)
        t = sec.table
        if t is not None:
            if t.caption:
                out.append(Para.of(t.caption, indent=False, align="center"))
            widths = t.widths or tuple(1.0 for _ in t.columns)
            numeric = t.numeric or tuple(False for _ in t.columns)
            cols = tuple(
                Column(title, w, "right" if num else "left")
                for title, w, num in zip(t.columns, widths, numeric, strict=True)
            )
            out.append(Table(cols, t.rows, font_scale=0.86 if len(cols) > 5 else 1.0))
    if model.notes:
        out.append(Heading(f"{cn_number(len(model.sections) + 1)}、说明"))
        out.extend(Para.of(n) for n in model.notes)
    if model.advisory:
        out.append(Note(model.advisory))
    if model.issuer or model.issued_on:
        out.append(Closing(tuple(x for x in (model.issuer, cn_date(model.issued_on) if model.issued_on else "") if x)))
    return _meta("table-report", model.title, model.court or settings.court_name, model.period, out)


def advisory_of(paper: Paper) -> list[str]:
    """The advisory statements a paper carries (for tests and checks)."""
    return [b.text for b in paper.blocks if isinstance(b, Note)]
