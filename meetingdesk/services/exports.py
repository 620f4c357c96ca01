"""Exporting documents (.docx / .pdf): the one entry point the GUI and the CLI call.

Checks the actor's permission, collects the data, lays it out, renders it in memory, writes it with
:func:`atomic_write_bytes` (a locked target gives a clear message and leaves nothing half-written) and
records the export in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meetingdesk.documents import collect
from meetingdesk.documents.blocks import Paper
from meetingdesk.documents.compose import compose
from meetingdesk.documents.docx_render import save_docx
from meetingdesk.documents.library import collect_reference_case, collect_search_report
from meetingdesk.documents.models import DocumentModel
from meetingdesk.documents.pdf_render import save_pdf
from meetingdesk.documents.settings import KEYS, DocumentSettings, settings_from_values
from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.i18n import N_, _, in_chinese
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress
from meetingdesk.services.actor import Actor
from meetingdesk.services.audit import canonical
from meetingdesk.services.desk import Desk
from meetingdesk.services.files import atomic_write_bytes, sanitise_filename
from meetingdesk.services.permissions import allowed, require

Collector = Callable[[Desk, Actor, int, DocumentSettings], DocumentModel]


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str
    target: str  # "meeting", "report" (类案检索报告 of a case report), "reference_case"
    permission: str
    collect: Collector


KINDS: dict[str, DocumentKind] = {
    k.code: k
    for k in (
        DocumentKind("notice", N_("会议通知"), "meeting", "documents.export", collect.collect_notice),
        DocumentKind("agenda", N_("议程"), "meeting", "documents.export", collect.collect_agenda),
        DocumentKind("signin", N_("签到表"), "meeting", "documents.export", collect.collect_signin),
        DocumentKind("minutes", N_("会议记录"), "meeting", "documents.export_internal", collect.collect_minutes),
        DocumentKind("summary", N_("会议纪要"), "meeting", "documents.export_internal", collect.collect_summary),
        DocumentKind(
            "report-search",
            N_("类案检索报告"),
            "search_report",
            "documents.export_internal",
            collect_search_report,
        ),
        DocumentKind("reference-case", N_("参考性案例"), "reference_case", "documents.export", collect_reference_case),
    )
}
MEETING_KINDS = tuple(k for k, v in KINDS.items() if v.target == "meeting")
LIBRARY_KINDS = tuple(k for k, v in KINDS.items() if v.target != "meeting")
FORMATS = {"docx": N_("Word 文档"), "pdf": N_("PDF 文档")}


def _kind(kind: str) -> DocumentKind:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValidationError(
            _("文书类型“{kind}”无效，可选：{kinds}。").format(
                kind=kind,
                kinds=_("、").join(_("{name}（{note}）").format(name=k, note=_(v.label)) for k, v in KINDS.items()),
            ),
            "kind",
        ) from None


def _format(fmt: str) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValidationError(_("文件格式“{fmt}”无效，可选：docx（Word）或 pdf。").format(fmt=fmt), "format")
    return fmt


def _require(desk: Desk, actor: Actor, spec: DocumentKind, target_id: int) -> None:
    """The kind's permission; a 类案检索报告 may also be exported by whoever may write it (its 承办法官)."""
    if spec.target == "search_report" and not allowed(actor, spec.permission):
        from meetingdesk.library.search_report import can_edit_search_reports

        row = desk.one("SELECT report_id FROM search_reports WHERE id = ?", (target_id,))
        if row is not None and can_edit_search_reports(desk, actor, int(row["report_id"])):
            return
    require(actor, spec.permission)


def build_paper(desk: Desk, actor: Actor, kind: str, target_id: int, settings: DocumentSettings | None = None) -> Paper:
    """Collect and lay out a document without writing it (previews, tests)."""
    spec = _kind(kind)
    _require(desk, actor, spec, target_id)
    s = settings or collect.load_settings(desk)
    return in_chinese(MeetingDeskError, _layout, spec, desk, actor, target_id, s)


def _layout(spec: DocumentKind, desk: Desk, actor: Actor, target_id: int, settings: DocumentSettings) -> Paper:
    """Collect and compose: run in Chinese (:func:`in_chinese`), as official documents are Chinese whatever
    the interface language (the labels and explanations they borrow from the domain follow that switch)."""
    return compose(spec.collect(desk, actor, target_id, settings), settings)


def render(paper: Paper, fmt: str, settings: DocumentSettings) -> bytes:
    return save_docx(paper, settings) if _format(fmt) == "docx" else save_pdf(paper, settings)


def export_document(
    desk: Desk,
    actor: Actor,
    kind: str,
    target_id: int,
    fmt: str,
    out_path: Path,
    *,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> Path:
    """Write one document to ``out_path`` and audit it.

    Args:
        kind: one of :data:`KINDS` (notice, agenda, signin, minutes, summary, report-search, reference-case).
        target_id: the meeting id, or the search report / reference case id for library kinds.
        fmt: ``docx`` or ``pdf``; ``out_path`` gets that extension when it has none.

    Returns:
        The path written.

    Raises:
        PermissionDeniedError, NotFoundError, ValidationError, Cancelled, MeetingDeskError (target locked,
        no CJK font for PDF, unreadable template).
    """
    spec = _kind(kind)
    fmt = _format(fmt)
    _require(desk, actor, spec, target_id)
    out = _target(Path(out_path), fmt)
    progress(0.0, _("读取数据和排版"))
    settings = collect.load_settings(desk)
    paper = in_chinese(MeetingDeskError, _layout, spec, desk, actor, target_id, settings)
    check_cancel(should_cancel)
    progress(0.4, _("生成{format}").format(format=_(FORMATS[fmt])))
    data = render(paper, fmt, settings)
    check_cancel(should_cancel)
    progress(0.9, _("写入文件"))
    atomic_write_bytes(out, data)
    with desk.write(actor, "document.export") as tx:
        tx.note(
            spec.target,
            str(target_id),
            {"kind": kind, "label": spec.label, "format": fmt, "file": out.name, "bytes": len(data)},
        )
    progress(1.0, _("完成"))
    return out


def _target(path: Path, fmt: str) -> Path:
    if not path.suffix:
        return path.with_name(path.name + "." + fmt)
    if path.suffix.lower() != "." + fmt:
        raise ValidationError(
            _("输出文件“{name}”的扩展名与格式不符：{fmt} 格式应保存为 .{fmt} 文件。").format(name=path.name, fmt=fmt),
            "out",
        )
    if path.is_dir():
        raise ValidationError(_("“{path}”是文件夹，请给出文件名。").format(path=path), "out")
    return path


def suggested_filename(desk: Desk, actor: Actor, kind: str, target_id: int, fmt: str) -> str:
    """A safe default file name, e.g. 2026年第3次刑事专业法官会议记录.docx."""
    paper = build_paper(desk, actor, kind, target_id)
    return sanitise_filename(f"{paper.title}.{_format(fmt)}")


def save_document_settings(desk: Desk, actor: Actor, values: Mapping[str, Any]) -> DocumentSettings:
    """Validate and store ``documents.*`` settings (JSON values); returns the settings now in force.

    Raises:
        ValidationError: an unknown key or a bad value, naming the key.
    """
    require(actor, "settings.edit")
    unknown = [k for k in values if k not in KEYS]
    if unknown:
        raise ValidationError(
            _("未知的文书设置：{unknown}。可设置：{keys}。").format(
                unknown=_("、").join(unknown), keys=_("、").join(KEYS)
            ),
            unknown[0],
        )
    current = collect.load_settings(desk)
    result = settings_from_values(values, current)
    with desk.write(actor, "settings.documents") as tx:
        for key, value in values.items():
            text = canonical(value)
            if desk.one("SELECT key FROM settings WHERE key = ?", (key,)):
                tx.update("settings", {"key": key}, {"value": text})
            else:
                tx.insert("settings", {"key": key, "value": text})
    return result
