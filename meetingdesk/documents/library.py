"""Collectors for the library's papers: 类案检索报告 and 参考性案例 (domain.md §7).

Their data lives in the library's tables (migration 0002, another branch). Until those tables exist
in the database these collectors say so plainly instead of failing with an SQL error.
"""

# ruff: noqa: ARG001 - placeholders keep the collector signature until the library tables land

from __future__ import annotations

from meetingdesk.documents.models import ReferenceCase, SearchReport
from meetingdesk.documents.settings import DocumentSettings
from meetingdesk.errors import MeetingDeskError
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk


def _library_missing(what: str) -> MeetingDeskError:
    return MeetingDeskError(
        f"当前数据库还没有案例库数据，无法导出{what}。请升级到包含案例库（类案检索、参考性案例）功能的版本后再试。"
    )


def collect_search_report(
    desk: Desk,
    actor: Actor,
    report_id: int,
    settings: DocumentSettings,
) -> SearchReport:
    """The 类案检索报告 with the given id (wired to the library tables once they exist)."""
    raise _library_missing("类案检索报告")


def collect_reference_case(
    desk: Desk,
    actor: Actor,
    case_id: int,
    settings: DocumentSettings,
) -> ReferenceCase:
    """The 参考性案例 with the given id (wired to the library tables once they exist)."""
    raise _library_missing("参考性案例")
