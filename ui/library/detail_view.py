"""A reference case in the SPC guiding-case layout, or a 裁判规则, read-only, with where it came from.

The text is built from the core's records; stored text is escaped and shown as entered. Links in a
rule's source list open the case they name (:attr:`DetailView.sig_case_link`).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.library.cases import ReferenceCase, get_case
from meetingdesk.library.rules import Rule
from meetingdesk.services.agenda import get_item
from meetingdesk.services.desk import Desk
from meetingdesk.services.meetings import get_meeting

NOTE_STYLE = "background: #fff8e6; color: #7a4d00; border: 1px solid #f5d38b; border-radius: 4px; padding: 6px;"
ADVISORY_STYLE = "background: #eef4fb; color: #1f4f8a; border: 1px solid #c3d6ee; border-radius: 4px; padding: 6px;"
HINT_STYLE = "color: #667085;"


def _para(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.strip().splitlines())


def _section(title: str, body_html: str) -> str:
    if not body_html:
        return ""
    return (
        f'<h3 style="color: #1f5fa8; margin-top: 10px; margin-bottom: 2px;">{html.escape(title)}</h3><p>{body_html}</p>'
    )


def _numbered(text: str) -> str:
    """Several 裁判要点, one per line, are numbered (as the SPC layout does)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) <= 1:
        return _para(text)
    return "<br>".join(f"{n}. {html.escape(line)}" for n, line in enumerate(lines, start=1))


def _info_rows(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><td style="color: #475467; padding-right: 12px;">{html.escape(k)}</td><td>{html.escape(v)}</td></tr>'
        for k, v in rows
        if v
    )
    return f"<table>{cells}</table>" if cells else ""


def meeting_source(desk: Desk, meeting_id: int | None, item_id: int | None) -> str:
    """“本院专业法官会议：…，第n项 案号” for a case that came from a meeting, or that the meeting is gone."""
    if meeting_id is None:
        return _("本院专业法官会议（会议已删除）")
    try:
        meeting = get_meeting(desk, meeting_id)
    except MeetingDeskError:
        return _("本院专业法官会议（会议已删除）")
    text = _("本院专业法官会议：{meeting}").format(meeting=meeting.display_title)
    if item_id is not None:
        try:
            item = get_item(desk, item_id)
        except MeetingDeskError:
            return text
        text += _("，第{n}项 {case}").format(n=item.position, case=item.case_number)
    return text


def case_source(desk: Desk, case: ReferenceCase) -> str:
    if case.source == "meeting" or case.meeting_id is not None:
        return meeting_source(desk, case.meeting_id, case.agenda_item_id)
    if case.source:
        return _("导入自 {file}").format(file=case.source)
    return _("手工录入")


def case_html(desk: Desk, case: ReferenceCase) -> str:
    head = _(" · ").join(p for p in (case.category_label, case.tier_label, _("状态：{s}").format(s=case.status_label)))
    parts = [
        f'<h2 style="margin-bottom: 2px;">{html.escape(case.title)}</h2>',
        f'<p style="color: #475467; margin-top: 0;">{html.escape(head)}</p>',
        _section(_("关键词"), html.escape(_("；").join(case.keywords))),
        _section(_("裁判要点"), _numbered(case.key_points)),
        _section(_("相关法条"), _para(case.articles)),
        _section(_("基本案情"), _para(case.facts)),
        _section(_("裁判结果"), _para(case.result)),
        _section(_("裁判理由"), _para(case.reasoning)),
        _section(
            _("案件信息"),
            _info_rows(
                [
                    (_("案号"), _("、").join(case.case_numbers)),
                    (_("审理法院"), case.court),
                    (_("裁判日期"), case.decided_on or ""),
                    (_("案由/罪名"), case.cause),
                    (_("认定罪名"), _("、").join(case.charges or ())),
                    (_("发布机关"), case.issuer),
                    (_("发布日期"), case.issued_on or ""),
                    (_("发布编号"), case.issue_no),
                    (_("来源"), case_source(desk, case)),
                    (
                        _("修订"),
                        _("第{n}版，{when}").format(n=case.revision, when=case.updated_at[:16].replace("T", " ")),
                    ),
                ]
            ),
        ),
        _section(_("全文"), _para(case.full_text)),
    ]
    return "".join(parts)


def rule_sources(desk: Desk, rule: Rule) -> list[str]:
    """The rule's sources as HTML lines; cases are links (``case:<id>``) that open the case."""
    lines: list[str] = []
    for item_id in rule.item_ids:
        try:
            item = get_item(desk, item_id)
            meeting = get_meeting(desk, item.meeting_id)
        except MeetingDeskError:
            lines.append(html.escape(_("议题：编号{n}（已删除）").format(n=item_id)))
            continue
        lines.append(
            html.escape(
                _("议题：{meeting} 第{n}项 {case}").format(
                    meeting=meeting.display_title, n=item.position, case=item.case_number
                )
            )
        )
    for case_id in rule.case_ids:
        try:
            title = get_case(desk, case_id).title
        except MeetingDeskError:
            lines.append(html.escape(_("案例：{title}").format(title=_("编号{n}（已删除）").format(n=case_id))))
            continue
        link = f'<a href="case:{case_id}">{html.escape(title)}</a>'
        lines.append(html.escape(_("案例：{title}").format(title="\x00")).replace("\x00", link))
    return lines


def rule_html(desk: Desk, rule: Rule) -> str:
    head = _(" · ").join((_("裁判规则"), _("状态：{s}").format(s=rule.status_label)))
    parts = [
        f'<h2 style="margin-bottom: 2px;">{html.escape(rule.title)}</h2>',
        f'<p style="color: #475467; margin-top: 0;">{html.escape(head)}</p>',
        _section(_("规则内容"), _para(rule.statement)),
        _section(_("适用范围：案由/罪名"), _para(rule.cause)),
        _section(_("相关法条"), _para(rule.articles)),
        _section(_("关键词"), html.escape(_("；").join(rule.keywords))),
        _section(_("说明"), _para(rule.explanation)),
        _section(_("来源"), "<br>".join(rule_sources(desk, rule))),
        _section(
            _("修订"),
            html.escape(_("第{n}版，{when}").format(n=rule.revision, when=rule.updated_at[:16].replace("T", " "))),
        ),
    ]
    return "".join(parts)


class DetailView(QWidget):
    """What is open on the right when nothing is being edited."""

    sig_case_link = Signal(int)
    """A case named in a rule's sources was clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft_note = QLabel(_("本条有上次未保存的修改，点“编辑”（F2）可恢复。"))
        self.draft_note.setObjectName("draftNote")
        self.draft_note.setStyleSheet(NOTE_STYLE)
        self.draft_note.setWordWrap(True)
        self.draft_note.hide()
        self.advisory = QLabel()
        self.advisory.setObjectName("advisoryNote")
        self.advisory.setStyleSheet(ADVISORY_STYLE)
        self.advisory.setWordWrap(True)
        self.advisory.hide()
        self.browser = QTextBrowser()
        self.browser.setObjectName("dataView")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.draft_note)
        layout.addWidget(self.advisory)
        layout.addWidget(self.browser, 1)
        self.show_empty()

    def show_empty(self, text: str = "") -> None:
        self.draft_note.hide()
        self.advisory.hide()
        message = text or _(
            "在左侧结果中选择一件案例或裁判规则查看。\nCtrl+N 新建参考性案例，Ctrl+I 导入案例和裁判文书。"
        )
        self.browser.setHtml(f'<p style="{HINT_STYLE}">{_para(message)}</p>')

    def show_case(self, desk: Desk, case: ReferenceCase, *, has_draft: bool = False) -> None:
        self.browser.setHtml(case_html(desk, case))
        from_meeting = case.source == "meeting" or case.meeting_id is not None
        self.advisory.setText(_("本案例源自本院专业法官会议讨论；会议讨论形成的是参考意见，供合议庭、独任法官参考。"))
        self.advisory.setVisible(from_meeting)
        self.draft_note.setVisible(has_draft)

    def show_rule(self, desk: Desk, rule: Rule, *, has_draft: bool = False) -> None:
        self.browser.setHtml(rule_html(desk, rule))
        self.advisory.setText(_("裁判规则由本院专业法官会议讨论提炼，供审判参考，不具有强制约束力。"))
        self.advisory.show()
        self.draft_note.setVisible(has_draft)

    def text(self) -> str:
        return self.browser.toPlainText()

    def _on_link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("case:") and target[5:].isdigit():
            self.sig_case_link.emit(int(target[5:]))
