"""The court-wide settings the 设置 page edits: one typed registry, checked and saved in one transaction.

Values live in the ``settings`` table (:mod:`meetingdesk.services.settings`) as JSON. ``documents.*`` keys
(fonts, margins, template …) are checked by :mod:`meetingdesk.documents.settings`; every other key the
page may change is declared in :data:`COURT_SETTINGS` with its type and range; defaults come from
``services.settings.DEFAULTS``. The backup and lock keys are those ``services.auto_backup`` and
``services.users`` read (``backup.auto_*``, ``security.*``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.i18n import N_, _
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.files import atomic_write_bytes, sanitise_filename
from meetingdesk.services.permissions import require
from meetingdesk.services.roster import BodyInput
from meetingdesk.services.settings import DEFAULTS

Kind = Literal["text", "int", "bool"]


@dataclass(frozen=True)
class CourtSetting:
    """One court-wide setting: its key, kind, allowed range and what it means (for messages)."""

    key: str
    kind: Kind
    label: str  # N_() text; translate where shown
    minimum: int = 0
    maximum: int = 0
    max_length: int = 100

    @property
    def default(self) -> Any:
        return DEFAULTS[self.key]


COURT_SETTINGS: tuple[CourtSetting, ...] = (
    CourtSetting("court.name", "text", N_("法院名称"), max_length=60),
    CourtSetting("court.short_name", "text", N_("法院简称"), max_length=30),
    CourtSetting("body.default_quorum_numerator", "int", N_("法定比例（分子）"), 1, 9),
    CourtSetting("body.default_quorum_denominator", "int", N_("法定比例（分母）"), 1, 10),
    CourtSetting("body.default_quorum_minimum", "int", N_("最低出席人数"), 1, 99),
    CourtSetting("body.default_deadline_working_days", "int", N_("材料提前送达工作日"), 0, 30),
    CourtSetting("followup.due_working_days", "int", N_("复议结果登记期限（工作日）"), 1, 120),
    CourtSetting("referral.only_four_categories", "bool", N_("只对“四类案件”提示提交审委会")),
    CourtSetting("referral.on_no_majority", "bool", N_("会议未形成多数意见时提示")),
    CourtSetting("referral.on_panel_disagrees", "bool", N_("合议庭复议意见与多数意见不一致时提示")),
    CourtSetting("referral.partial_counts", "bool", N_("“部分采纳”视为不一致")),
    CourtSetting("referral.on_panel_undecided", "bool", N_("合议庭复议后仍无法决定时提示")),
    CourtSetting("privacy.members_see_own_meetings_only", "bool", N_("成员只能查看本人参加的会议")),
    CourtSetting("backup.auto_enabled", "bool", N_("每天自动备份")),
    CourtSetting("backup.auto_keep", "int", N_("保留自动备份份数"), 1, 365),
    CourtSetting("backup.auto_folder", "text", N_("自动备份文件夹"), max_length=500),
    CourtSetting("security.idle_lock_minutes", "int", N_("无操作自动锁定（分钟）"), 0, 240),
    CourtSetting("security.max_failed_logins", "int", N_("连续输错密码次数上限"), 1, 20),
    CourtSetting("security.lockout_minutes", "int", N_("账户锁定时长（分钟）"), 1, 1440),
)
BY_KEY: dict[str, CourtSetting] = {s.key: s for s in COURT_SETTINGS}

DOCUMENT_PREFIX = "documents."
TEMPLATE_SUFFIXES = (".docx", ".dotx")


def check_value(key: str, value: Any) -> Any:
    """``value`` for ``key`` in its stored form (text stripped, integers as int).

    Raises:
        ValidationError: wrong type or out of range, naming the setting and the allowed values.
    """
    spec = BY_KEY.get(key)
    if spec is None:
        raise ValidationError(_("未知的设置项“{key}”。").format(key=key), key)
    label = _(spec.label)
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise ValidationError(_("“{label}”应为“是”或“否”。").format(label=label), key)
        return value
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(_("“{label}”应为整数。").format(label=label), key)
        if not spec.minimum <= value <= spec.maximum:
            raise ValidationError(
                _("“{label}”应在{lo}至{hi}之间。").format(label=label, lo=spec.minimum, hi=spec.maximum), key
            )
        return value
    if not isinstance(value, str):
        raise ValidationError(_("“{label}”应为文字。").format(label=label), key)
    text = value.strip()
    if len(text) > spec.max_length:
        raise ValidationError(_("“{label}”不能超过{n}个字。").format(label=label, n=spec.max_length), key)
    if key == "court.name" and not text:
        raise ValidationError(_("请填写法院名称，它出现在窗口标题和每一份文书上。"), key)
    return text


def court_settings(desk: Desk) -> dict[str, Any]:
    """Every registered setting's value in force (the stored value, else its default)."""
    rows = desk.query("SELECT key, value FROM settings")
    stored: dict[str, Any] = {}
    for r in rows:
        if r["key"] in BY_KEY:
            try:
                stored[r["key"]] = json.loads(r["value"])
            except (TypeError, json.JSONDecodeError):
                continue  # shown as the default; saving writes a good value again
    return {s.key: stored.get(s.key, s.default) for s in COURT_SETTINGS}


def document_values(desk: Desk) -> dict[str, Any]:
    """The ``documents.*`` settings in force, as the JSON values :func:`save_settings` accepts."""
    from meetingdesk.documents.collect import load_settings

    s = load_settings(desk)
    return {
        "documents.court_name": s.court_name,
        "documents.fonts": {
            "title": s.fonts.title,
            "body": s.fonts.body,
            "heading1": s.fonts.heading1,
            "heading2": s.fonts.heading2,
            "song": s.fonts.song,
            "latin": s.fonts.latin,
        },
        "documents.margins_mm": {
            "top": s.margins.top,
            "bottom": s.margins.bottom,
            "left": s.margins.left,
            "right": s.margins.right,
        },
        "documents.title_size": s.title_size,
        "documents.body_size": s.body_size,
        "documents.table_size": s.table_size,
        "documents.lines_per_page": s.lines_per_page,
        "documents.chars_per_line": s.chars_per_line,
        "documents.page_numbers": s.page_numbers,
        "documents.summary_number_format": s.summary_number_format,
        "documents.summary_issuer": s.summary_issuer,
        "documents.confidentiality_line": s.confidentiality_line,
        "documents.archive_note": s.archive_note,
        "documents.signin_order": s.signin_order,
        "documents.template": s.template,
    }


def save_settings(desk: Desk, actor: Actor, values: Mapping[str, Any]) -> list[str]:
    """Check every value, then store those that changed in ONE audited transaction.

    Args:
        values: registered keys (:data:`COURT_SETTINGS`) and ``documents.*`` keys, with JSON values.

    Returns:
        The keys whose value changed (nothing is written when none did).

    Raises:
        PermissionDeniedError: the actor may not change court-wide settings (``settings.edit``).
        ValidationError: an unknown key or a bad value (its ``field`` is the key); nothing is written.
    """
    require(actor, "settings.edit")
    from meetingdesk.documents.collect import load_settings
    from meetingdesk.documents.settings import KEYS, settings_from_values

    checked: dict[str, Any] = {}
    documents: dict[str, Any] = {}
    for key, value in values.items():
        if key.startswith(DOCUMENT_PREFIX):
            if key not in KEYS:
                raise ValidationError(_("未知的文书设置项“{key}”。").format(key=key), key)
            documents[key] = value
        else:
            checked[key] = check_value(key, value)
    current = court_settings(desk)
    numerator = checked.get("body.default_quorum_numerator", current["body.default_quorum_numerator"])
    denominator = checked.get("body.default_quorum_denominator", current["body.default_quorum_denominator"])
    if numerator > denominator:
        raise ValidationError(_("法定比例应在0到1之间（如1/3）：分子不能大于分母。"), "body.default_quorum_numerator")
    if documents:
        settings_from_values(documents, load_settings(desk))  # raises with the key at fault
        current.update(document_values(desk))
    checked.update(documents)
    changed = {k: v for k, v in checked.items() if _canonical(current.get(k)) != _canonical(v)}
    if not changed:
        return []
    with desk.write(actor, "settings.set") as tx:
        for key, value in changed.items():
            encoded = json.dumps(value, ensure_ascii=False)
            if desk.one("SELECT 1 FROM settings WHERE key = ?", (key,)):
                tx.update("settings", {"key": key}, {"value": encoded})
            else:
                tx.insert("settings", {"key": key, "value": encoded})
    return sorted(changed)


def _canonical(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, Mapping):
        value = {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in value.items()}
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def new_body_input(desk: Desk, name: str = "") -> BodyInput:
    """A new body as the court's defaults start it (quorum rule and materials deadline; each body may change them)."""
    values = court_settings(desk)
    return BodyInput(
        name=name,
        quorum_numerator=int(values["body.default_quorum_numerator"]),
        quorum_denominator=int(values["body.default_quorum_denominator"]),
        quorum_minimum=int(values["body.default_quorum_minimum"]),
        deadline_working_days=int(values["body.default_deadline_working_days"]),
    )


def install_template(desk: Desk, actor: Actor, source: Path) -> Path:
    """Copy a court's Word template (.docx/.dotx) into the database's folder and check that it works.

    The copy travels with the database (and its backups); the caller stores the returned path under
    ``documents.template``. The check renders a short sample on the template, exactly as exports will.

    Raises:
        PermissionDeniedError, ValidationError (not .docx/.dotx), MeetingDeskError (unreadable or broken).
    """
    require(actor, "settings.edit")
    source = Path(source)
    if source.suffix.lower() not in TEMPLATE_SUFFIXES:
        raise ValidationError(
            _("“{name}”不是 Word 模板：请选择 .docx 或 .dotx 文件（.doc 请先用 Word/WPS 另存为 .docx）。").format(
                name=source.name
            ),
            "documents.template",
        )
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise MeetingDeskError(_("无法读取“{path}”：{why}。").format(path=source, why=exc.strerror or exc)) from exc
    target = desk.data_dir / "templates" / sanitise_filename(source.name)
    atomic_write_bytes(target, data)
    try:
        check_template(target)
    except MeetingDeskError:
        target.unlink(missing_ok=True)
        raise
    return target


def check_template(path: Path) -> None:
    """Render a one-paragraph sample on ``path``; raises MeetingDeskError with the reason if it fails."""
    from dataclasses import replace

    from meetingdesk.documents.compose import compose
    from meetingdesk.documents.docx_render import save_docx
    from meetingdesk.documents.models import ReportSection, TableReport
    from meetingdesk.documents.settings import DocumentSettings

    settings = replace(DocumentSettings(court_name=_("样例法院")), template=str(path))
    sample = TableReport(
        title=_("模板检查"), court=settings.court_name, period="", sections=(ReportSection(_("样例"), ("—",)),)
    )
    try:
        save_docx(compose(sample, settings), settings)
    except MeetingDeskError:
        raise
    except Exception as exc:  # python-docx raises many kinds on a broken file
        raise MeetingDeskError(
            _("“{name}”无法用作 Word 模板（{why}）。请用 Word/WPS 打开并另存为 .docx 后重试。").format(
                name=path.name, why=type(exc).__name__
            )
        ) from exc
