"""A case report and its attachments shown read-only, for reading before the meeting."""

from __future__ import annotations

import html
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from meetingdesk.domain.choices import INITIATORS, PROCEDURES, QUESTION_TYPES, SUBMISSION_REASONS
from meetingdesk.i18n import _
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.services.attachments import Attachment
from meetingdesk.services.reports import Report

TEXT_PREVIEW_BYTES = 200_000

ProgressWork = Callable[[ProgressFn, CancelFn], Path]


def _para(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines()) or html.escape(_("（未填写）"))


def report_html(report: Report) -> str:
    """Every field of the report as simple HTML for a QTextBrowser."""
    roles = {"presiding": _("审判长"), "reporting": _("承办法官"), "member": _("合议庭成员")}
    holds = {"majority": _("持多数意见"), "minority": _("持少数意见")}
    panel = _("；").join(
        html.escape(
            _("{name}（{role}，{holds}）").format(name=p.name, role=roles.get(p.role, p.role), holds=holds[p.holds])
            if p.holds
            else _("{name}（{note}）").format(name=p.name, note=roles.get(p.role, p.role))
        )
        for p in report.panel
    )
    reasons = "<br>".join(html.escape(SUBMISSION_REASONS.label(r)) for r in report.reasons)
    options = "".join(
        f"<p><b>{html.escape(label)}</b>{html.escape(_('：'))}{_para(text)}</p>" for label, text in report.options
    )
    attachments = "<br>".join(
        html.escape(
            _("{kind}：{name}（{size} KB）").format(kind=a.kind_label, name=a.filename, size=a.size // 1024 or 1)
        )
        for a in report.attachments
    ) or html.escape(report.search_report_waiver and _("未附类案检索报告，理由：") + report.search_report_waiver)
    rows = [
        (_("案号"), html.escape(report.case_number)),
        (_("案由"), html.escape(report.cause)),
        (_("当事人"), _para(report.parties)),
        (_("审判程序"), html.escape(PROCEDURES.label(report.procedure))),
        (_("提请主体"), html.escape(INITIATORS.label(report.initiator))),
        (_("问题类型"), html.escape(QUESTION_TYPES.label(report.question_type))),
        (_("承办法官"), html.escape(report.reporting_judge_name)),
        (_("合议庭"), panel or html.escape(_("（未填写）"))),
        (_("提请理由"), reasons or html.escape(_("（未填写）"))),
        (_("会议组"), html.escape(report.body_name)),
    ]
    table = "".join(
        f"<tr><td style='color:#555; padding-right:12px; white-space:nowrap;'>{k}</td><td>{v}</td></tr>"
        for k, v in rows
    )
    sections = [
        (_("提请讨论的问题"), _para(report.questions)),
        (_("基本案情"), _para(report.facts)),
        (_("争议焦点"), _para(report.issues)),
        (_("合议庭多数意见"), _para(report.panel_majority_view)),
        (_("合议庭少数意见"), _para(report.panel_minority_view)),
    ]
    body = "".join(f"<h4>{title}</h4><p>{text}</p>" for title, text in sections)
    if options:
        body += f"<h4>{_('备选意见')}</h4>{options}"
    body += f"<h4>{_('附件与类案检索报告')}</h4><p>{attachments or html.escape(_('（无）'))}</p>"
    return (
        f"<h3>{html.escape(report.case_number)} {html.escape(report.cause)}</h3>"
        f"<p style='color:#a4231c;'>{html.escape(_('内部资料 注意保密（只读）'))}</p>"
        f"<table>{table}</table>{body}"
    )


def attachment_preview(path: Path, attachment: Attachment) -> str:
    """Plain-text attachments are shown inline; other types are described (open a read-only copy)."""
    head = f"<h3>{html.escape(attachment.filename)}</h3><p style='color:#555;'>" + html.escape(
        _("{kind}，{size} KB，只读").format(kind=attachment.kind_label, size=max(attachment.size // 1024, 1))
    )
    if attachment.media_type != "text/plain":
        return head + "</p><p>" + html.escape(_("该类型的文件请用“打开只读副本”在系统程序中查看。")) + "</p>"
    try:
        raw = path.read_bytes()[:TEXT_PREVIEW_BYTES]
    except OSError as exc:
        return head + "</p><p>" + html.escape(_("无法读取附件：{e}").format(e=exc)) + "</p>"
    for encoding in ("utf-8", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = raw.decode("utf-8", errors="replace")
    return head + "</p><pre style='white-space:pre-wrap;'>" + html.escape(text) + "</pre>"


def read_only_copy(source: Path, filename: str) -> ProgressWork:
    """Work for ctx.tasks: copy an attachment to a temporary folder and make the copy read-only."""

    def work(progress: ProgressFn, _should_cancel: CancelFn) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="meetingdesk-readonly-"))
        target = folder / (Path(filename).name or "attachment")
        progress(0.1, _("正在准备只读副本……"))
        shutil.copyfile(source, target)
        target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        progress(1.0, "")
        return target

    return work
