"""Integrity checks behind ``meetingdesk check`` and the GUI's health report.

Other areas add their own (the search index, the audit chain) with :func:`register_check`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from meetingdesk.i18n import _, ngettext
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress
from meetingdesk.services.desk import Desk


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    message: str


CheckFn = Callable[[Desk], list[Finding]]
_CHECKS: list[tuple[str, CheckFn]] = []


def register_check(name: str, fn: CheckFn) -> None:
    if all(n != name for n, _f in _CHECKS):
        _CHECKS.append((name, fn))


def run_checks(desk: Desk, *, progress: ProgressFn = no_progress, should_cancel: CancelFn = never) -> list[Finding]:
    findings: list[Finding] = []
    for i, (name, fn) in enumerate(_CHECKS):
        check_cancel(should_cancel)
        progress(i / len(_CHECKS), name)
        findings.extend(fn(desk))
    progress(1.0, _("完成"))
    return findings


def _sqlite_integrity(desk: Desk) -> list[Finding]:
    rows = [r[0] for r in desk.conn.execute("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        return [Finding("integrity", True, _("SQLite 完整性检查通过"))]
    return [Finding("integrity", False, _("SQLite 完整性检查发现问题：") + _("；").join(rows[:5]))]


def _foreign_keys(desk: Desk) -> list[Finding]:
    rows = desk.conn.execute("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return [Finding("foreign_keys", True, _("外键引用完整"))]
    sample = _("；").join(
        _("{table}表第{row}行引用的{target}不存在").format(table=r[0], row=r[1], target=r[2]) for r in rows[:5]
    )
    return [
        Finding(
            "foreign_keys",
            False,
            ngettext("发现{count}处无效引用：{sample}", "发现{count}处无效引用：{sample}", len(rows)).format(
                count=len(rows), sample=sample
            ),
        )
    ]


def _attachments(desk: Desk) -> list[Finding]:
    from meetingdesk.services.attachments import attachment_file

    bad: list[str] = []
    rows = desk.query("SELECT id, filename, stored_name, sha256, size FROM attachments")
    for row in rows:
        path = attachment_file(desk, row["stored_name"])
        if not path.is_file():
            bad.append(_("附件“{filename}”（编号{id}）的文件缺失").format(filename=row["filename"], id=row["id"]))
            continue
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != row["sha256"]:
            bad.append(
                _("附件“{filename}”（编号{id}）的内容与登记的校验值不符").format(filename=row["filename"], id=row["id"])
            )
    if bad:
        return [Finding("attachments", False, m) for m in bad]
    return [
        Finding(
            "attachments",
            True,
            ngettext(
                "{count}个附件的文件和 SHA-256 校验值均一致", "{count}个附件的文件和 SHA-256 校验值均一致", len(rows)
            ).format(count=len(rows)),
        )
    ]


register_check("integrity", _sqlite_integrity)
register_check("foreign_keys", _foreign_keys)
register_check("attachments", _attachments)


def _search_index(desk: Desk) -> list[Finding]:
    from meetingdesk.search.consistency import check_index

    return check_index(desk)


register_check("search_index", _search_index)

# The audit trail registers its own check (chain + rows); import it so every caller of run_checks gets it.
from meetingdesk.services import audit_verify as _audit_verify  # noqa: E402, F401
