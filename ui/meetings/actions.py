"""Calling a service from a button: known errors become a clear message, the screen carries on."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from PySide6.QtWidgets import QWidget

from meetingdesk.errors import MeetingDeskError

from ui.errors import show_error

P = ParamSpec("P")
R = TypeVar("R")


def attempt(parent: QWidget | None, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R | None:
    """Run ``fn``; on a MeetingDeskError show it (ui.errors.show_error) and return None.

    Anything else is a bug and goes on to the crash handler.
    """
    try:
        return fn(*args, **kwargs)
    except MeetingDeskError as exc:
        show_error(parent, exc)
        return None


def succeeded(parent: QWidget | None, fn: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> bool:
    """Like :func:`attempt` for services that return nothing: True when ``fn`` ran without a known error."""
    try:
        fn(*args, **kwargs)
    except MeetingDeskError as exc:
        show_error(parent, exc)
        return False
    return True
