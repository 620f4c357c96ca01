"""``meetingdesk --smoke-test``: prove an installed or frozen build has everything it needs at run time.

Each step exercises files that a packager can forget: the migrations, the holiday calendar's data,
python-docx's template, a CJK font reportlab can embed, openpyxl, jieba's dictionary and whoosh's
dynamically loaded modules, and (when the GUI registered a check) Qt's platform plugins. It works in a
temporary folder, prints one line per step and returns 0 only when every step passed.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk import __version__
from meetingdesk.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from meetingdesk.services.desk import Desk

Step = Callable[[Path], str]
"""A step gets the temporary folder and returns a short note on what it checked (raises on failure)."""

_extra_steps: list[tuple[str, Step]] = []


def register_smoke_step(label: str, step: Step) -> None:
    """Let a layer the core cannot import (the GUI) add its own check."""
    _extra_steps.append((label, step))


def _database(tmp: Path) -> str:
    from meetingdesk.services.desk import Desk
    from meetingdesk.storage.migrate import latest_version, schema_version

    with Desk(tmp / "empty.db") as desk:
        version = schema_version(desk.conn)
    if version != latest_version() or version < 1:
        raise RuntimeError(f"schema version {version}, expected {latest_version()}")
    return _("空数据库已迁移到第{version}版").format(version=version)


def _demo_desk(tmp: Path) -> Desk:
    from datetime import date

    from meetingdesk.demo import create_demo
    from meetingdesk.services.desk import Desk

    db = tmp / "demo.db"
    if not db.exists():
        create_demo(db, today=date(2026, 11, 23))
    return Desk(db)


def _demo(tmp: Path) -> str:
    from meetingdesk.services.actor import SYSTEM
    from meetingdesk.stats import Period, compute_statistics

    with _demo_desk(tmp) as desk:
        meetings = desk.scalar("SELECT COUNT(*) FROM meetings")
        stats = compute_statistics(desk, SYSTEM, Period.year(2026))
    if stats.total.meetings_held < 1:
        raise RuntimeError("demo statistics are empty")
    return _("演示数据：会议{meetings}次，统计已召开{meetings_held}次").format(
        meetings=meetings, meetings_held=stats.total.meetings_held
    )


def _document(tmp: Path, fmt: str) -> Path:
    """The 会议记录 of the demo's first meeting, through the same export service the GUI uses."""
    from meetingdesk.services.actor import SYSTEM
    from meetingdesk.services.exports import export_document

    with _demo_desk(tmp) as desk:
        return export_document(desk, SYSTEM, "minutes", 1, fmt, tmp / f"smoke-minutes.{fmt}")


def _docx(tmp: Path) -> str:
    from docx import Document

    path = _document(tmp, "docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    if "专业法官会议" not in text or "主持人" not in text:
        raise RuntimeError("the .docx did not read back")
    return _("{name}：{size}字节").format(name=path.name, size=path.stat().st_size)


def _pdf(tmp: Path) -> str:
    path = _document(tmp, "pdf")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"/FontFile2" not in data:
        raise RuntimeError("the PDF has no embedded CJK font")
    return _("{name}：{size}字节（已嵌入中文字体）").format(name=path.name, size=len(data))


def _xlsx(tmp: Path) -> str:
    from openpyxl import load_workbook

    from meetingdesk.tabular import Column, Table
    from meetingdesk.xlsx_out import write_workbook

    path = write_workbook(
        tmp / "smoke.xlsx", [Table("统计", (Column("会议组"), Column("次数", "int")), (("刑事", 2),))]
    )
    if load_workbook(path).active["B4"].value != 2:
        raise RuntimeError("the workbook did not read back")
    return _("{name}：{size}字节").format(name=path.name, size=path.stat().st_size)


def _search(tmp: Path) -> str:
    """The library's real search path: legal dictionary, whoosh index (rebuilt here), similar cases."""
    from meetingdesk.search.analysis import analyse
    from meetingdesk.search.query import search
    from meetingdesk.search.similar import similar_for_report
    from meetingdesk.services.actor import SYSTEM

    words = [t.text for t in analyse("民间借贷纠纷中大额现金交付的认定")]
    if "民间借贷纠纷" not in words:
        raise RuntimeError(f"legal dictionary missing? {words}")
    with _demo_desk(tmp) as desk:
        hits = search(desk, SYSTEM, "盗窃").hits
        report_id = desk.scalar("SELECT id FROM reports WHERE cause = '盗窃罪' ORDER BY id LIMIT 1")
        similar = similar_for_report(desk, SYSTEM, int(report_id), limit=5).hits if report_id else []
    if not hits or not similar:
        raise RuntimeError(f"search found {len(hits)} hits, similar {len(similar)}")
    return _("分词{words}个，检索命中{hits}条，类案{similar}件").format(
        words=len(words), hits=len(hits), similar=len(similar)
    )


def _translations(_tmp: Path) -> str:
    """The English catalogue is installed and reads (the frozen build must bundle resources/locale)."""
    import gettext

    from meetingdesk.i18n import DOMAIN, LANGUAGES
    from meetingdesk.paths import resource_path

    found = []
    for language in LANGUAGES[1:]:
        catalogue = gettext.translation(DOMAIN, str(resource_path("locale")), [language])  # raises if missing
        if catalogue.gettext("专业法官会议") == "专业法官会议":
            raise RuntimeError(f"the {language} catalogue does not translate")
        found.append(language)
    return _("已安装的界面翻译：{languages}").format(languages=", ".join(found))


STEPS: tuple[tuple[str, Step], ...] = (
    (N_("数据库与迁移"), _database),
    (N_("界面翻译"), _translations),
    (N_("演示数据与统计"), _demo),
    (N_("Word 文书"), _docx),
    (N_("PDF 文书"), _pdf),
    (N_("Excel 工作簿"), _xlsx),
    (N_("检索"), _search),
)


def run_smoke_test(out: Callable[[str], None] = print) -> int:
    """Run every step; 0 when all passed, 1 otherwise (the failing step's traceback is printed)."""
    frozen = _("（打包版）") if getattr(sys, "frozen", False) else ""
    out(_("MeetingDesk {version} 自检{frozen}").format(version=__version__, frozen=frozen))
    failed = 0
    with tempfile.TemporaryDirectory(prefix="meetingdesk-smoke-") as folder:
        tmp = Path(folder)
        for label, step in (*STEPS, *_extra_steps):
            started = time.perf_counter()
            try:
                note = step(tmp)
            except Exception as exc:
                failed += 1
                out(_("失败  {label}：{name}: {exc}").format(label=_(label), name=type(exc).__name__, exc=exc))
                out(traceback.format_exc())
                continue
            out(
                _("通过  {label}：{note}（{seconds:.2f} 秒）").format(
                    label=_(label), note=note, seconds=time.perf_counter() - started
                )
            )
    out(
        _("自检通过。")
        if not failed
        else ngettext("自检失败：{failed}项。", "自检失败：{failed}项。", failed).format(failed=failed)
    )
    return 0 if not failed else 1
