"""The meeting record (会议记录) as HTML for review on screen: everything computed by the services."""

from __future__ import annotations

import html

from meetingdesk.i18n import N_, _
from meetingdesk.services.minutes import ItemRecord, MeetingRecord

from ui.meetings.labels import ADVISORY_NOTE, stance_text, when_text

TARGETS = {
    "item.presentation": N_("承办法官汇报"),
    "item.questions_answers": N_("提问与回答"),
    "item.presider_summary": N_("主持人总结"),
    "item.conclusion": N_("讨论意见"),
}


def _e(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines())


def _names(names: list[str]) -> str:
    return html.escape(_("、").join(names)) if names else html.escape(_("无"))


def target_text(target: str) -> str:
    if target.startswith("opinion:"):
        return _("发言记录")
    return _(TARGETS.get(target, target))


def _item_html(n: int, rec: ItemRecord) -> str:
    item = rec.item
    parts = [
        f"<h3>{html.escape(_('议题{n}：{case}（{cause}）').format(n=n, case=item.case_number, cause=item.cause))}</h3>",
        "<p>"
        + html.escape(
            _("承办法官：{judge}　　状态：{status}").format(judge=item.reporting_judge, status=rec.report.state_label)
        )
        + "</p>",
        f"<p><b>{html.escape(_('本议题法定人数：'))}</b>{html.escape(rec.quorum.explain())}</p>",
    ]
    if rec.absences:
        who = _("；").join(
            _("{name}（{kind}：{reason}）").format(name=a.name, kind=a.kind_label, reason=a.reason or _("未注明"))
            for a in rec.absences
        )
        parts.append(f"<p><b>{html.escape(_('回避或离席：'))}</b>{html.escape(who)}</p>")
    if rec.order.overridden:
        parts.append(f"<p><b>{html.escape(_('发言顺序经调整，理由：'))}</b>{html.escape(rec.order.reason)}</p>")
    for label, text in ((_("承办法官汇报"), item.presentation), (_("提问与回答"), item.questions_answers)):
        if text:
            parts.append(f"<p><b>{html.escape(_('{label}：').format(label=label))}</b>{_e(text)}</p>")
    for rnd in rec.rounds:
        parts.append(f"<p><b>{html.escape(_('第{r}轮发言：').format(r=rnd))}</b></p><ol>")
        for op in (o for o in rec.opinions if o.round == rnd):
            who = op.name + (_("（列席）") if op.is_invitee else "")
            reasons = html.escape(_("：")) + _e(op.reasons) if op.reasons else ""
            gap = html.escape(_("　"))
            parts.append(f"<li>{html.escape(who)}{gap}<b>{html.escape(stance_text(op.stance))}</b>{reasons}</li>")
        parts.append("</ol>")
    if not rec.opinions:
        parts.append(f"<p>{html.escape(_('（无发言记录）'))}</p>")
    parts.append(
        f"<p style='background:#eef4fb; padding:4px;'><b>{html.escape(_('讨论结果（参考意见）：'))}</b>"
        f"{html.escape(rec.result.summary())}</p>"
    )
    for label, text in ((_("主持人总结"), item.presider_summary), (_("讨论意见"), item.conclusion)):
        parts.append(
            f"<p><b>{html.escape(_('{label}：').format(label=label))}</b>{_e(text) or html.escape(_('（未填写）'))}</p>"
        )
    return "".join(parts)


def record_html(record: MeetingRecord) -> str:
    m = record.meeting
    present = [a.name for a in record.attendees if a.status == "present"]
    leave = [
        _("{name}（{note}）").format(name=a.name, note=a.reason) if a.reason else a.name
        for a in record.attendees
        if a.status == "leave"
    ]
    absent = [a.name for a in record.attendees if a.status == "absent"]
    guests = [_("{name}（{note}）").format(name=i.name, note=i.kind_label) for i in record.invitees if i.attended]
    if m.actual_start:
        end = f"–{m.actual_end:%H:%M}" if m.actual_end else ""
        held = when_text(m.actual_start) + end
    else:
        held = _("计划于{when}").format(when=when_text(m.starts_at))
    state = m.minutes_state_label + (_("　") + m.summary_number if m.summary_number else "")
    head = [
        f"<h2 style='text-align:center;'>{html.escape(_('{title}会议记录').format(title=m.display_title))}</h2>",
        f"<p style='text-align:center; color:#a4231c;'>{html.escape(_('内部资料 注意保密 · 归入副卷'))}"
        f"{html.escape(_('　（{state}）').format(state=state))}</p>",
        "<table>",
    ]
    rows = [
        (_("时间"), held),
        (_("地点"), m.room_name or _("未定")),
        (_("主持人"), m.presider_name or _("未定")),
        (_("记录人"), m.recorder or _("未定")),
        (_("出席"), _("、").join(present) or _("无")),
        (_("请假"), _("、").join(leave) or _("无")),
        (_("缺席"), _("、").join(absent) or _("无")),
        (_("列席"), _("、").join(guests) or _("无")),
        (_("法定人数"), record.quorum.explain()),
    ]
    head += [
        f"<tr><td style='color:#555; padding-right:12px; white-space:nowrap;'>{html.escape(k)}</td>"
        f"<td>{html.escape(v)}</td></tr>"
        for k, v in rows
    ]
    head.append("</table>")
    if m.state in ("adjourned", "cancelled"):
        head.append(
            f"<p><b>{html.escape(_('{label}：').format(label=m.state_label))}</b>{html.escape(m.state_reason)}</p>"
        )
    items = [_item_html(n, rec) for n, rec in enumerate(record.items, start=1)]
    tail: list[str] = []
    if record.amendments:
        tail.append(f"<h3>{html.escape(_('更正记录'))}</h3><ol>")
        for a in record.amendments:
            tail.append(
                "<li>"
                + html.escape(
                    _("{when} {who}更正“{what}”：由“{before}”改为“{after}”。理由：{reason}").format(
                        when=a.made_at.strftime("%Y-%m-%d %H:%M"),
                        who=a.made_by,
                        what=target_text(a.target),
                        before=a.before,
                        after=a.after,
                        reason=a.reason,
                    )
                )
                + "</li>"
            )
        tail.append("</ol>")
    tail.append(f"<p style='color:#5f6368;'>{html.escape(_(ADVISORY_NOTE))}</p>")
    return "".join(head + items + tail)
