"""What each role may do. Enforced in the services, not only by hiding buttons."""

from __future__ import annotations

from meetingdesk.domain.choices import ROLES
from meetingdesk.errors import PermissionDeniedError
from meetingdesk.i18n import N_, _
from meetingdesk.services.actor import SYSTEM_ROLE, Actor

_ALL_READERS = frozenset({"admin", "secretary", "presider", "member", "viewer"})

PERMISSIONS: dict[str, tuple[str, frozenset[str]]] = {
    # permission: (what it is, in words; roles that have it)
    "users.manage": (N_("管理用户账户"), frozenset({"admin"})),
    "settings.edit": (N_("修改系统设置"), frozenset({"admin"})),
    "data.export_all": (N_("导出全部数据（含保密的会议记录和审计日志）"), frozenset({"admin"})),
    "roster.edit": (N_("维护会议组、成员和会议室"), frozenset({"admin", "secretary"})),
    "report.create": (N_("登记案件报告"), frozenset({"secretary", "presider", "member"})),
    "report.edit_any": (N_("修改他人承办的案件报告"), frozenset({"secretary"})),
    "report.intake": (N_("受理或退回案件报告"), frozenset({"secretary"})),
    "report.convene": (N_("决定是否召集会议讨论"), frozenset({"presider", "secretary"})),
    "meeting.edit": (N_("安排会议和议程"), frozenset({"secretary"})),
    "agenda.approve": (N_("审定议程"), frozenset({"presider", "secretary"})),
    "meeting.record": (N_("记录签到、发言和讨论意见"), frozenset({"secretary"})),
    "minutes.finalise": (N_("会议记录定稿"), frozenset({"presider", "secretary"})),
    "minutes.amend": (N_("更正已定稿的会议记录"), frozenset({"secretary", "presider"})),
    "followup.record": (N_("登记复议和采纳情况"), frozenset({"secretary"})),
    "library.edit": (
        N_("编辑参考案例库（案例、裁判规则、类案检索报告）"),
        frozenset({"admin", "secretary", "presider"}),
    ),
    "library.publish": (N_("审核发布参考性案例和裁判规则"), frozenset({"admin", "presider"})),
    "library.import": (N_("批量导入案例和裁判文书"), frozenset({"admin", "secretary"})),
    "audit.read": (N_("查阅审计记录（谁在何时做了什么）"), frozenset({"admin"})),
    "data.check": (N_("检查数据完整性和审计链"), frozenset({"admin", "secretary"})),
    "backup.create": (N_("备份数据"), frozenset({"admin", "secretary"})),
    "backup.restore": (N_("从备份恢复数据"), frozenset({"admin"})),
    "documents.export": (N_("导出会议通知、议程、签到表和参考性案例"), _ALL_READERS),
    "documents.export_internal": (
        N_("导出会议记录、会议纪要、类案检索报告等内部资料"),
        frozenset({"admin", "secretary", "presider", "viewer"}),
    ),
    "read.all": (N_("查阅全部会议和材料"), frozenset({"admin", "secretary", "presider", "viewer"})),
    "read": (N_("查阅"), _ALL_READERS),
}

ON_BEHALF = frozenset({"report.convene", "agenda.approve", "minutes.finalise"})
"""Presider decisions a secretary may record on the presider's behalf (always recorded as such)."""


def allowed(actor: Actor, permission: str) -> bool:
    return actor.role == SYSTEM_ROLE or actor.role in PERMISSIONS[permission][1]


def require(actor: Actor, permission: str) -> None:
    """Raise PermissionDeniedError with a message that says who may do it instead."""
    what, roles = PERMISSIONS[permission]
    if actor.role == SYSTEM_ROLE or actor.role in roles:
        return
    who = _("、").join(ROLES.label(r) for r in ROLES.codes() if r in roles)
    raise PermissionDeniedError(
        _("当前账户“{name}”（{role}）无权{what}。此操作仅限：{who}。").format(
            name=actor.shown_name, role=actor.role_label, what=_(what), who=who
        )
    )
