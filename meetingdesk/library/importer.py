"""Bulk import of earlier judgments and cases, so the library is useful on day one.

All good records of all files are written in one transaction: a bad record is reported with its
file and line and skipped, duplicates (same text, or same source id) are reported and skipped, and a
cancel or a failure leaves the database exactly as it was. The index is then brought up to date
using all cores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from meetingdesk.errors import ValidationError
from meetingdesk.i18n import _
from meetingdesk.library.cases import content_hash, insert_case, validate
from meetingdesk.library.records import BadRecord, read_file, to_case_input
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress, sub_progress
from meetingdesk.search import index
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import require


@dataclass
class ImportReport:
    """What an import did; ``problems`` and ``duplicates`` name the file and line of each record."""

    imported: list[int] = field(default_factory=list)  # new case ids
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (location, what it duplicates)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (location, message)
    location_ids: dict[str, int] = field(default_factory=dict)  # location → new case id

    def summary(self) -> str:
        return _("导入 {a} 件，重复跳过 {b} 件，有问题跳过 {c} 件。").format(
            a=len(self.imported), b=len(self.duplicates), c=len(self.problems)
        )


PUBLISHED_ON_IMPORT = frozenset({"judgment", "guiding", "typical", "caselib"})


def import_status(category: str) -> str:
    """Judgments and cases already published elsewhere are searchable at once; the court's own
    reference cases still go through 审核 → 发布."""
    return "published" if category in PUBLISHED_ON_IMPORT else "draft"


def _expected_records(path: Path) -> int:
    """Roughly how many records a file holds (lines of a JSONL file), for the progress bar."""
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return 1
    with path.open("rb") as fh:
        return max(sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b"")), 1)


def import_files(
    desk: Desk,
    actor: Actor,
    paths: Sequence[Path],
    *,
    category: str | None = None,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> ImportReport:
    """Import cases from JSON / JSONL / .docx files (see :mod:`meetingdesk.library.records`).

    Args:
        category: category of records that do not say (default: 裁判文书, tier 5).

    Raises:
        Cancelled: nothing was imported.
    """
    require(actor, "library.import")
    report = ImportReport()
    read_progress = sub_progress(progress, 0.0, 0.3)
    index_progress = sub_progress(progress, 0.3, 1.0)
    expected = [_expected_records(p) for p in paths]
    with desk.write(actor, "library.import") as tx:
        known_hashes = {r[0]: r[1] for r in tx.conn.execute("SELECT content_hash, title FROM library_cases")}
        known_refs = {
            (r[0], r[1]): r[2] for r in tx.conn.execute("SELECT source, source_ref, title FROM library_cases") if r[1]
        }
        for done, (path, size) in enumerate(zip(paths, expected, strict=True)):
            check_cancel(should_cancel)
            if not path.exists():
                report.problems.append((path.name, _("文件不存在。")))
                continue
            for n, rec in enumerate(read_file(path)):
                check_cancel(should_cancel)
                if n % 100 == 0:
                    share = (done + min(n / size, 1.0)) / len(paths)
                    read_progress(share, _("正在读取 {f}（第{n}条）").format(f=path.name, n=n))
                if isinstance(rec, BadRecord):
                    report.problems.append((rec.location, rec.message))
                    continue
                try:
                    data = validate(to_case_input(rec, source=path.name, category=category))
                except (ValidationError, ValueError) as exc:
                    report.problems.append((rec.location, str(exc)))
                    continue
                digest = content_hash(data)
                ref_key = (data.source, data.source_ref)
                if digest in known_hashes:
                    report.duplicates.append((rec.location, known_hashes[digest]))
                    continue
                if data.source_ref and ref_key in known_refs:
                    report.duplicates.append((rec.location, known_refs[ref_key]))
                    continue
                known_hashes[digest] = data.title
                if data.source_ref:
                    known_refs[ref_key] = data.title
                # Judgments are long: the log keeps each imported row's digest, not a second copy.
                case_id = insert_case(tx, data, status=import_status(data.category), digest_audit=True)
                report.imported.append(case_id)
                report.location_ids[rec.location] = case_id
        if report.imported:
            tx.note("library_cases", "import", {"files": [p.name for p in paths], "count": len(report.imported)})
    read_progress(1.0, _("已写入数据库"))
    index.sync(desk, progress=index_progress)
    progress(1.0, report.summary())
    return report
