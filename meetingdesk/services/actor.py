"""Who is acting: every service takes the acting user explicitly."""

from __future__ import annotations

from dataclasses import dataclass

from meetingdesk.domain.choices import ROLES
from meetingdesk.i18n import _

SYSTEM_ROLE = "system"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: str
    judge_id: int | None = None  # the judge this account belongs to, if any
    display_name: str = ""

    @property
    def role_label(self) -> str:
        return _("系统") if self.role == SYSTEM_ROLE else ROLES.label(self.role)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


SYSTEM = Actor(user_id=None, username="system", role=SYSTEM_ROLE, display_name="系统")
"""The program itself (first run, demo data, imports by the administrator's tools): may do anything,
and is recorded as "system" in the audit trail. Never handed to an interactive user."""
