"""Errors a user may see.

Everything deriving from :class:`MeetingDeskError` carries a message written for the user (Chinese by
default) that says what is wrong and what to do. Anything else escaping the core is a bug and goes to
the crash handler.
"""

from __future__ import annotations

from meetingdesk.i18n import _


class MeetingDeskError(Exception):
    """A known, user-presentable problem."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(MeetingDeskError, ValueError):
    """Input that cannot be accepted; ``field`` names the form field to fix (or None)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(MeetingDeskError, LookupError):
    """A record the user referred to does not exist (any more)."""


class PermissionDeniedError(MeetingDeskError):
    """The acting user's role does not allow this."""


class AuthenticationError(PermissionDeniedError):
    """Sign-in failed: unknown user, wrong password, locked or disabled account."""


class StateError(MeetingDeskError):
    """The action is not allowed in the record's current state (e.g. editing final minutes)."""


class ConflictError(MeetingDeskError):
    """The write collides with existing data (duplicate 案号, room double-booked...)."""


class DatabaseError(MeetingDeskError):
    """The database cannot be opened or used (too new, corrupt, locked, unsafe location)."""


class DatabaseTooNewError(DatabaseError):
    def __init__(self, found: int, newest: int) -> None:
        super().__init__(
            _(
                "数据库版本（{found}）比本程序支持的版本（{newest}）更新，请升级 MeetingDesk 后再打开。"
                "为保护数据，本程序不会修改该数据库。"
            ).format(found=found, newest=newest)
        )
        self.found = found
        self.newest = newest


class Cancelled(MeetingDeskError):
    """The user cancelled a long operation; nothing was changed."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message if message is not None else _("操作已取消，数据未作更改。"))
