"""The statistics report (.docx/.pdf) and the period's 汇编 (.docx), laid out by the documents module.

Both fill the documents module's generic :class:`~meetingdesk.documents.models.TableReport`, so they get
the court's GB/T 9704 settings (fonts, margins, 内部资料 mark) like every other paper. The documents
module (python-docx, reportlab) is imported only when a report is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk.domain.choices import ADOPTION
from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.i18n import N_, _, chinese, in_chinese, ngettext
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.discussion import item_result
from meetingdesk.services.files import atomic_write_bytes
from meetingdesk.services.permissions import require
from meetingdesk.stats.compute import compute_statistics, for_documents
from meetingdesk.stats.model import Statistics
from meetingdesk.stats.period import Period
from meetingdesk.stats.tables import members_table, overview_table, referrals_table, statistics_title
from meetingdesk.tabular import Table, format_cell

if TYPE_CHECKING:
    from meetingdesk.documents.models import DataTable, TableReport

FORMATS = ("docx", "pdf")
_WIDTHS = {"text": 2.2, "date": 1.8, "percent": 1.4, "number": 1.2}  # relative column widths by kind

# The overview has too many columns for an A4 page: the document shows it as two tables.
_MEETING_COLUMNS = (
    N_("会议组"),
    N_("召开会议"),
    N_("流会"),
    N_("讨论议题"),
    N_("暂缓议题"),
    N_("逾期提交"),
    N_("提交至讨论平均天数"),
    N_("形成多数意见"),
    N_("未形成多数意见"),
)
_FOLLOWUP_COLUMNS = (
    N_("会议组"),
    N_("采纳"),
    N_("部分采纳"),
    N_("未采纳"),
    N_("待复议"),
    N_("采纳率"),
    N_("采纳率（含部分采纳）"),
    N_("提交审委会"),
    N_("审委会已讨论"),
    N_("形成参考性案例"),
)


def _data_table(table: Table, only: tuple[str, ...] | None = None) -> DataTable:
    from meetingdesk.documents.models import DataTable

    keep = [i for i, c in enumerate(table.columns) if only is None or c.title in {_(t) for t in only}]
    cols = [table.columns[i] for i in keep]
    return DataTable(
        columns=tuple(c.title for c in cols),
        rows=tuple(tuple(format_cell(row[i], table.columns[i].kind) for i in keep) for row in table.rows),
        widths=tuple(_WIDTHS.get(c.kind, 1.0) for c in cols),
        numeric=tuple(c.kind != "text" for c in cols),
    )


def summary_sentence(stats: Statistics) -> str:
    """One paragraph of the period's main figures, in the words courts publish."""
    t = stats.total
    a = t.adoption
    who = stats.bodies[0].body_name if stats.body_id is not None and stats.bodies else _("各专业法官会议")
    text = ngettext("{period}，{who}共召开会议{held}次", "{period}，{who}共召开会议{held}次", t.meetings_held).format(
        period=stats.period.label, who=who, held=t.meetings_held
    )
    if t.meetings_adjourned:
        text += _("（另流会{n}次）").format(n=t.meetings_adjourned)
    text += ngettext(
        "，讨论案件{n}件，其中形成多数意见{m}件、未形成多数意见{x}件",
        "，讨论案件{n}件，其中形成多数意见{m}件、未形成多数意见{x}件",
        t.items_discussed,
    ).format(n=t.items_discussed, m=t.with_majority, x=t.without_majority)
    if a.reconsidered:
        text += _("；合议庭已复议{r}件，采纳{ad}件、部分采纳{p}件、未采纳{no}件，采纳率（含部分采纳）{rate}").format(
            r=a.reconsidered,
            ad=a.adopted,
            p=a.partly,
            no=a.not_adopted,
            rate=format_cell(a.rate_with_partial, "percent"),
        )
    text += _("；提交审判委员会{n}件。").format(n=t.referrals.referred)
    return text


def statistics_report(stats: Statistics, court: str) -> TableReport:
    """The statistics as a paper: summary, meetings and items, 复议 and referrals, members."""
    from meetingdesk.documents.models import ReportSection, TableReport

    overview = overview_table(stats)
    referrals = referrals_table(stats)
    members = members_table(stats)
    return TableReport(
        title=statistics_title(stats),
        court=court,
        period=_("{start}至{end}").format(start=stats.period.start.isoformat(), end=stats.period.end.isoformat()),
        intro=(summary_sentence(stats),),
        sections=(
            ReportSection(_("会议召开和讨论情况"), table=_data_table(overview, _MEETING_COLUMNS)),
            ReportSection(_("复议采纳和提交审判委员会情况"), table=_data_table(overview, _FOLLOWUP_COLUMNS)),
            ReportSection(
                _("提交审判委员会的案件"),
                paragraphs=referrals.notes,
                table=_data_table(referrals) if referrals.rows else None,
            ),
            ReportSection(_("成员参会情况"), table=_data_table(members) if members.rows else None),
        ),
        notes=overview.notes[1:] + members.notes,
        issued_on=stats.generated_at.date(),
    )


@dataclass(frozen=True)
class CompiledItem:
    body_name: str
    meeting_day: date
    case_number: str
    cause: str
    question: str
    result: str
    conclusion: str
    adoption: str
    panel_result: str
    referral: str


def compiled_items(desk: Desk, period: Period, body_id: int | None = None) -> list[CompiledItem]:
    """Every item discussed at a meeting held in the period, with its computed result and follow-up."""
    rows = desk.query(
        "SELECT a.id, a.conclusion, m.starts_at, b.name AS body_name, r.case_number, r.cause, r.questions,"
        " f.adoption, f.panel_result, f.referred, f.committee_result"
        " FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id JOIN bodies b ON b.id = m.body_id"
        " JOIN reports r ON r.id = a.report_id LEFT JOIN followups f ON f.agenda_item_id = a.id"
        " WHERE m.state = 'held' AND a.status = 'discussed' AND substr(m.starts_at, 1, 10) BETWEEN ? AND ?"
        " AND (? IS NULL OR m.body_id = ?) ORDER BY b.id, m.starts_at, a.position",
        (period.start.isoformat(), period.end.isoformat(), body_id, body_id),
    )
    out = []
    for r in rows:
        referral = ""
        if r["referred"]:
            referral = _("已提交审判委员会") + (
                _("，审判委员会讨论结果：{r}").format(r=r["committee_result"]) if r["committee_result"] else ""
            )
        out.append(
            CompiledItem(
                body_name=r["body_name"],
                meeting_day=date.fromisoformat(r["starts_at"][:10]),
                case_number=r["case_number"],
                cause=r["cause"],
                question=r["questions"] or "",
                result=item_result(desk, r["id"]).summary(),
                conclusion=r["conclusion"] or "",
                adoption=ADOPTION.label(r["adoption"]) if r["adoption"] else _("尚未复议"),
                panel_result=r["panel_result"] or "",
                referral=referral,
            )
        )
    return out


def compilation_report(desk: Desk, actor: Actor, period: Period, court: str, body_id: int | None = None) -> TableReport:
    """The 汇编: the period's discussion results, body by body (internal: 内部资料)."""
    from meetingdesk.documents.models import ReportSection, TableReport
    from meetingdesk.documents.text import cn_date, cn_number

    require(actor, "documents.export_internal")
    items = compiled_items(desk, period, body_id)
    sections: list[ReportSection] = []
    for body in dict.fromkeys(i.body_name for i in items):
        paragraphs: list[str] = []
        for n, item in enumerate((i for i in items if i.body_name == body), 1):
            paragraphs.append(
                _("（{n}）{case}　{cause}（{day}会议讨论）").format(
                    n=cn_number(n), case=item.case_number, cause=item.cause, day=cn_date(item.meeting_day)
                )
            )
            if item.question:
                paragraphs.append(_("提请讨论的问题：{q}").format(q=item.question))
            paragraphs.append(_("讨论结果：{r}。").format(r=item.result.rstrip("。")))
            if item.conclusion:
                paragraphs.append(_("讨论意见：{c}").format(c=item.conclusion))
            follow = _("复议情况：{a}").format(a=item.adoption)
            if item.panel_result:
                follow += _("。{p}").format(p=item.panel_result)
            if item.referral:
                follow += _("；{r}").format(r=item.referral)
            paragraphs.append(follow.rstrip("。") + "。")
        sections.append(ReportSection(body, paragraphs=tuple(paragraphs)))
    who = _("专业法官会议")
    return TableReport(
        title=_("{period}{who}讨论意见汇编").format(period=period.label, who=who),
        court=court,
        period=_("{start}至{end}").format(start=period.start.isoformat(), end=period.end.isoformat()),
        intro=(
            _(
                "本汇编收录{period}各专业法官会议讨论的案件{n}件，按会议组和会议日期排列，供审判人员在办理类似案件时参考。"
            ).format(period=period.label, n=len(items)),
        )
        if items
        else (_("{period}没有已讨论的案件。").format(period=period.label),),
        sections=tuple(sections),
    )


def _render(desk: Desk, model: TableReport, fmt: str) -> bytes:
    from meetingdesk.documents.collect import load_settings
    from meetingdesk.documents.compose import compose
    from meetingdesk.documents.docx_render import save_docx
    from meetingdesk.documents.pdf_render import save_pdf

    settings = load_settings(desk)
    paper = compose(model, settings)
    return save_docx(paper, settings) if fmt == "docx" else save_pdf(paper, settings)


def _check_target(path: Path, fmt: str) -> Path:
    if fmt not in FORMATS:
        raise ValidationError(_("文件格式“{fmt}”无效，可选：docx 或 pdf。").format(fmt=fmt), "format")
    if path.suffix.lower() != "." + fmt:
        raise ValidationError(_("输出文件“{name}”的扩展名应为 .{fmt}。").format(name=path.name, fmt=fmt), "out")
    return path


def export_statistics_document(
    desk: Desk,
    actor: Actor,
    period: Period,
    path: Path,
    *,
    body_id: int | None = None,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> Path:
    """The statistics report as .docx or .pdf (by the file's extension), audited."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    _check_target(path, fmt)
    stats = compute_statistics(desk, actor, period, body_id=body_id, progress=progress, should_cancel=should_cancel)
    check_cancel(should_cancel)
    from meetingdesk.documents.collect import load_settings

    with chinese():  # the report is Chinese whatever the interface language, and so is the audit note
        data = _render(desk, statistics_report(for_documents(stats), load_settings(desk).court_name), fmt)
        label = stats.period.label
    atomic_write_bytes(path, data)
    with desk.write(actor, "document.export") as tx:
        tx.note("statistics", label, {"kind": "statistics", "format": fmt, "file": path.name})
    return path


def export_compilation(
    desk: Desk, actor: Actor, period: Period, path: Path, *, body_id: int | None = None, fmt: str = "docx"
) -> Path:
    """The period's 汇编 as one document (.docx by default), audited."""
    path = _check_target(Path(path), fmt)
    from meetingdesk.documents.collect import load_settings

    report = in_chinese(
        MeetingDeskError, compilation_report, desk, actor, period, load_settings(desk).court_name, body_id
    )
    with chinese():
        data = _render(desk, report, fmt)
        label = period.label
    atomic_write_bytes(path, data)
    with desk.write(actor, "document.export") as tx:
        tx.note("statistics", label, {"kind": "compilation", "format": fmt, "file": path.name})
    return path
