"""Attachments of case reports: stored once by content (SHA-256) inside the data folder.

Type is checked by the file's own signature, not only its name; size is limited; the stored copy
can never escape the data folder whatever the user's file name says.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from meetingdesk.domain.choices import ATTACHMENT_KINDS
from meetingdesk.errors import NotFoundError, StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk, Row, Tx
from meetingdesk.services.files import fsync_dir, sanitise_filename
from meetingdesk.services.permissions import require
from meetingdesk.services.records import from_row

MAX_BYTES = 50 * 1024 * 1024

# extension → (media type, signature check)
ALLOWED: dict[str, str] = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".wps": "application/vnd.ms-works",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ofd": "application/ofd",
    ".txt": "text/plain",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".ofd": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".wps": (b"\xd0\xcf\x11\xe0",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


@dataclass(frozen=True)
class Attachment:
    id: int
    report_id: int
    kind: str
    filename: str
    size: int
    sha256: str
    media_type: str
    added_at: str

    @property
    def kind_label(self) -> str:
        return ATTACHMENT_KINDS.label(self.kind)


def attachment_root(desk: Desk) -> Path:
    return desk.data_dir / "attachments"


def attachment_file(desk: Desk, stored_name: str) -> Path:
    root = attachment_root(desk).resolve()
    try:
        path = (root / stored_name).resolve()
    except (ValueError, OSError):  # NUL bytes, symlink loops: never a path we wrote
        raise ValidationError(_("附件存储路径无效。")) from None
    if root not in path.parents:
        raise ValidationError(_("附件存储路径无效。"))
    return path


def check_file(path: Path) -> tuple[str, str]:
    """Validate size and type; return (extension, media type) or raise a ValidationError in Chinese."""
    if not path.is_file():
        raise ValidationError(_("找不到文件“{path}”。").format(path=path), "attachment")
    ext = path.suffix.lower()
    if ext not in ALLOWED:
        raise ValidationError(
            _("不支持“{ext}”类型的文件。可上传：{allowed}。").format(
                ext=ext or _("无扩展名"), allowed=_("、").join(sorted(ALLOWED))
            ),
            "attachment",
        )
    size = path.stat().st_size
    if size == 0:
        raise ValidationError(_("文件“{name}”是空文件，请检查后重新选择。").format(name=path.name), "attachment")
    if size > MAX_BYTES:
        raise ValidationError(
            _("文件“{name}”有{size:.1f} MB，超过{limit} MB 的上限。请压缩或拆分后再上传。").format(
                name=path.name, size=size / 1024 / 1024, limit=MAX_BYTES // 1024 // 1024
            ),
            "attachment",
        )
    check_content(path, path.name, ext)
    return ext, ALLOWED[ext]


MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
"""A .docx/.xlsx/.ofd whose parts claim more than this unpacked is refused as a zip bomb (never unpacked)."""

_ZIP_PARTS: dict[str, tuple[str, ...]] = {
    ".docx": ("[Content_Types].xml", "word/document.xml"),
    ".xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
    ".ofd": ("OFD.xml",),
}
_TAILS: dict[str, tuple[bytes, int]] = {".pdf": (b"%%EOF", 4096), ".png": (b"IEND", 64)}
"""A complete file of these types carries this marker within its last N bytes; a cut-off one does not."""


def check_content(path: Path, shown: str, ext: str) -> None:
    """Check that the bytes really are a complete file of type ``ext`` (without opening it in any viewer).

    Raises:
        ValidationError: wrong type, truncated or corrupt, or a zip bomb; the message names ``shown``.
    """
    damaged = ValidationError(
        _("文件“{shown}”已损坏或不完整，无法作为{ext}文件打开。请重新导出或扫描后再上传。").format(
            shown=shown, ext=ext
        ),
        "attachment",
    )
    with path.open("rb") as fh:
        head = fh.read(16)
        sigs = _SIGNATURES.get(ext)
        if sigs and not any(head.startswith(s) for s in sigs):
            raise ValidationError(
                _("文件“{shown}”的内容与其扩展名{ext}不符，可能已损坏或被改名。").format(shown=shown, ext=ext),
                "attachment",
            )
        tail = _TAILS.get(ext)
        if tail is not None:
            marker, window = tail
            fh.seek(max(path.stat().st_size - window, 0))
            if marker not in fh.read(window):
                raise damaged
    parts = _ZIP_PARTS.get(ext)
    if parts is None:
        return
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, UnicodeDecodeError):
        raise damaged from None
    names = {i.filename.lower() for i in infos}
    if not all(p.lower() in names for p in parts):
        raise damaged
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("文件“{shown}”解压后过大，可能是恶意构造的文件，已拒收。").format(shown=shown), "attachment"
        )


def add_attachment(
    desk: Desk,
    actor: Actor,
    report_id: int,
    source: Path,
    kind: str = "other",
    *,
    replaces: int | None = None,
    also: Callable[[Tx, int], None] | None = None,
) -> Attachment:
    """Copy a file into the data folder and register it on the report.

    Args:
        replaces: an attachment of the same report to unregister in the same transaction — a
            regenerated document taking the place of its earlier version (the stored file stays).
        also: more writes for that transaction, given the new attachment's id (e.g. remembering
            which attachment a document produced), so the swap is all or nothing.
    """
    from meetingdesk.services.reports import require_report_editable

    if kind not in ATTACHMENT_KINDS:
        raise ValidationError(_("附件类别“{kind}”无效。").format(kind=kind), "kind")
    report = require_report_editable(desk, actor, report_id)
    if replaces is not None and get_attachment(desk, replaces).report_id != report["id"]:
        raise ValidationError(_("要替换的附件不属于该案件报告。"), "replaces")
    ext, media = check_file(Path(source))
    stored, size = _intake(desk, Path(source), ext)
    sha = stored.rsplit("/", 1)[-1]
    name = sanitise_filename(Path(source).name)
    with desk.write(actor, "attachment.replace" if replaces is not None else "attachment.add") as tx:
        if replaces is not None:
            tx.delete("attachments", {"id": replaces, "report_id": report["id"]})
        aid = tx.insert(
            "attachments",
            {
                "report_id": report["id"],
                "kind": kind,
                "filename": name,
                "stored_name": stored,
                "size": size,
                "sha256": sha,
                "media_type": media,
                "added_by": actor.user_id,
                "added_at": tx.now,
            },
        )
        if also is not None:
            also(tx, aid)
    return get_attachment(desk, aid)


def _intake(desk: Desk, source: Path, ext: str) -> tuple[str, int]:
    """Copy ``source`` into the store in one read, hashing and checking the copy itself.

    What is stored is exactly what was checked and hashed, even if the original changes meanwhile;
    a crash leaves at most a hidden ``.intake-*`` file, never a half-written attachment.

    Returns:
        (stored name, size).
    """
    root = attachment_root(desk)
    root.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".intake-", dir=root)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            for block in iter(lambda: src.read(1 << 20), b""):
                size += len(block)
                if size > MAX_BYTES:
                    raise ValidationError(
                        _("文件“{name}”在读取时变大，超过了上限，已拒收。").format(name=source.name), "attachment"
                    )
                digest.update(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise ValidationError(_("文件“{name}”是空文件，请检查后重新选择。").format(name=source.name), "attachment")
        check_content(tmp, source.name, ext)
        sha = digest.hexdigest()
        stored = f"{sha[:2]}/{sha}"
        target = attachment_file(desk, stored)
        if target.exists():
            tmp.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
            fsync_dir(target.parent)
        return stored, size
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def get_attachment(desk: Desk, attachment_id: int) -> Attachment:
    row = desk.one("SELECT * FROM attachments WHERE id = ?", (attachment_id,))
    if row is None:
        raise NotFoundError(_("找不到附件（编号{attachment_id}）。").format(attachment_id=attachment_id))
    return _to_attachment(row)


def list_attachments(desk: Desk, report_id: int) -> list[Attachment]:
    rows = desk.query("SELECT * FROM attachments WHERE report_id = ? ORDER BY id", (report_id,))
    return [_to_attachment(r) for r in rows]


def attachment_path(desk: Desk, actor: Actor, attachment_id: int) -> Path:
    """The stored file, for opening; only for those who may see the report it belongs to."""
    from meetingdesk.services.reports import require_can_see_report

    require(actor, "read")
    row = desk.one("SELECT stored_name, report_id FROM attachments WHERE id = ?", (attachment_id,))
    if row is None:
        raise NotFoundError(_("找不到附件（编号{attachment_id}）。").format(attachment_id=attachment_id))
    require_can_see_report(desk, actor, row["report_id"])
    return attachment_file(desk, row["stored_name"])


def read_attachments(desk: Desk, actor: Actor, report_id: int) -> list[Attachment]:
    """A report's attachments, for those who may see the report."""
    from meetingdesk.services.reports import require_can_see_report

    require_can_see_report(desk, actor, report_id)
    return list_attachments(desk, report_id)


def remove_attachment(desk: Desk, actor: Actor, attachment_id: int) -> None:
    """Unregister an attachment; the stored file stays (other reports or backups may share it)."""
    from meetingdesk.services.reports import require_report_editable

    att = get_attachment(desk, attachment_id)
    report = require_report_editable(desk, actor, att.report_id)
    if report["state"] in {"discussed", "reconsidered", "closed"}:
        raise StateError(_("已讨论的案件报告的附件不能删除。"))
    with desk.write(actor, "attachment.remove") as tx:
        tx.delete("attachments", {"id": attachment_id})


def _to_attachment(row: Row) -> Attachment:
    return from_row(Attachment, row)
