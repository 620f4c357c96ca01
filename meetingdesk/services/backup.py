"""Backups and restore: one ordinary .zip holding the database, the data folder and a manifest with hashes.

- The database copy comes from SQLite's online backup API, so it is a consistent snapshot even while
  other windows or processes keep writing.
- Attachments are content-addressed and never rewritten, so every file the snapshot refers to is
  already complete on disk when the snapshot is taken.
- Restore verifies everything (zip structure, every hash, SQLite integrity, schema version, audit
  chain) in a staging folder first, keeps the current data aside, then swaps folders by renaming.
- The search index is derived data: it is not backed up, and it is removed after a restore so the
  search module rebuilds it (see :func:`register_restore_hook`).

Automatic backups (:func:`run_auto_backup`) rotate in the backups folder beside the database; the
GUI calls it at start-up and exit, and it writes at most one a day.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from meetingdesk import __version__
from meetingdesk.errors import DatabaseError, MeetingDeskError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress, sub_progress
from meetingdesk.services.actor import Actor
from meetingdesk.services.audit import verify_chain
from meetingdesk.services.desk import Desk
from meetingdesk.services.files import atomic_write
from meetingdesk.services.permissions import require
from meetingdesk.storage.migrate import latest_version

FORMAT = "meetingdesk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_ENTRY = "database/meetingdesk.db"
FILES_PREFIX = "files/"
DERIVED_DIRS = frozenset({"index", "viewing"})
"""Top-level folders of the data folder that are rebuilt from the database (the search index, the
copies handed to viewers by attachment_view), so never backed up."""
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_CHUNK = 1 << 20


def backups_folder(db_path: Path) -> Path:
    """``<db stem>.backups`` beside the database: outside the data folder, so a restore never replaces it."""
    return db_path.parent / (db_path.stem + ".backups")


# ---- data


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, from its verified manifest."""

    path: Path
    created_at: str
    app_version: str
    schema_version: int
    files: int
    total_bytes: int
    counts: dict[str, int] = field(default_factory=dict)
    audit_entries: int = 0
    created_by: str = ""
    missing_attachments: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        c = self.counts
        return _(
            "备份时间 {created_at}；案件报告{reports}份，会议{meetings}次，"
            "附件等文件{files}个，审计记录{audit_entries}条；"
            "数据库版本{schema_version}。"
        ).format(
            created_at=self.created_at.replace("T", " "),
            reports=c.get("reports", 0),
            meetings=c.get("meetings", 0),
            files=self.files,
            audit_entries=self.audit_entries,
            schema_version=self.schema_version,
        )


# ---- creating


def _snapshot(desk: Desk, target: Path) -> dict[str, Any]:
    """Copy the live database with the online backup API; return facts for the manifest."""
    dst = sqlite3.connect(str(target), isolation_level=None)
    try:
        desk.conn.backup(dst)  # one step: a consistent snapshot; writers in WAL mode are not blocked
        dst.execute("PRAGMA journal_mode = DELETE")  # a self-contained file, no -wal beside it
        integrity = [r[0] for r in dst.execute("PRAGMA integrity_check").fetchall()]
        counts = {
            t: int(dst.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
            for t in ("reports", "meetings", "users", "attachments")
        }
        chain = verify_chain(dst)
        last = dst.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        attachments = [
            (str(r[0]), str(r[1]), str(r[2]))
            for r in dst.execute("SELECT stored_name, sha256, filename FROM attachments").fetchall()
        ]
        return {
            "schema_version": int(dst.execute("PRAGMA user_version").fetchone()[0]),
            "integrity": integrity,
            "counts": counts,
            "audit": {"entries": chain.entries, "head": last[0] if last else None, "chain_ok": chain.ok},
            "attachments": attachments,
        }
    finally:
        dst.close()


def _data_files(data_dir: Path, exclude: Path | None) -> Iterator[tuple[Path, str]]:
    """(file, archive name) for everything in the data folder except derived and temporary files."""
    if not data_dir.is_dir():
        return
    for root, dirs, files in os.walk(data_dir):
        rel_root = Path(root).relative_to(data_dir)
        if rel_root == Path("."):
            dirs[:] = [d for d in dirs if d not in DERIVED_DIRS]
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or path.is_symlink() or (exclude is not None and path == exclude):
                continue
            yield path, FILES_PREFIX + (rel_root / name).as_posix().removeprefix("./")


def create_backup(
    desk: Desk,
    actor: Actor,
    out: Path,
    *,
    action: str = "backup.create",
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> BackupInfo:
    """Write a backup file (a .zip) of the database and the data folder.

    Raises:
        PermissionDeniedError: the actor may not make backups.
        MeetingDeskError: the target cannot be written (nothing is left half-written).
        Cancelled: the user stopped it.
    """
    require(actor, "backup.create")
    out = Path(out).absolute()
    if out.exists() and out.is_dir():
        raise ValidationError(
            _("“{out}”是一个文件夹，请指定备份文件名（如 MeetingDesk-备份.zip）。").format(out=out), "out"
        )
    if out == desk.path.absolute() or desk.data_dir.absolute() in out.parents:
        raise ValidationError(
            _("备份文件不能保存在数据库或数据文件夹内，请另选位置（最好是另一块磁盘或 U 盘）。"), "out"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    snap_path = out.parent / f".{out.name}.{secrets.token_hex(4)}.snapshot"
    try:
        progress(0.02, _("复制数据库"))
        facts = _snapshot(desk, snap_path)
        check_cancel(should_cancel)
        files = list(_data_files(desk.data_dir, out))
        present = {name for _p, name in files}
        missing = tuple(
            _("{name}（{note}）").format(name=filename, note=stored)
            for stored, _sha, filename in facts["attachments"]
            if f"{FILES_PREFIX}attachments/{stored}" not in present
        )
        created_at = desk.now_text()
        entries: list[dict[str, Any]] = []
        total = snap_path.stat().st_size + sum(p.stat().st_size for p, _n in files) or 1
        done = [0]
        step = sub_progress(progress, 0.05, 0.98)

        def add(zf: zipfile.ZipFile, source: Path, name: str) -> None:
            check_cancel(should_cancel)
            digest = hashlib.sha256()
            size = 0
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with source.open("rb") as src, zf.open(info, "w", force_zip64=True) as dst:
                for block in iter(lambda: src.read(_CHUNK), b""):
                    digest.update(block)
                    dst.write(block)
                    size += len(block)
                    done[0] += len(block)
                    step(done[0] / total, name.removeprefix(FILES_PREFIX))
            entries.append({"path": name, "size": size, "sha256": digest.hexdigest()})

        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "created_at": created_at,
            "created_by": actor.username,
            "source_database": str(desk.path),
            "schema_version": facts["schema_version"],
            "integrity": facts["integrity"],
            "counts": facts["counts"],
            "audit": facts["audit"],
            "missing_attachments": list(missing),
            "files": entries,
        }

        def write(fh: BinaryIO) -> None:
            entries.clear()
            done[0] = 0
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                add(zf, snap_path, DB_ENTRY)
                for path, name in files:
                    add(zf, path, name)
                zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))

        atomic_write(out, write)
    finally:
        snap_path.unlink(missing_ok=True)
    with desk.write(actor, action) as tx:
        tx.note("backup", out.name, {"file": str(out), "files": len(entries), "bytes": out.stat().st_size})
    progress(1.0, _("完成"))
    return _info(out, manifest)


# ---- verifying


def _info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    files = manifest["files"]
    return BackupInfo(
        path=path,
        created_at=str(manifest.get("created_at", "")),
        app_version=str(manifest.get("app_version", "")),
        schema_version=int(manifest.get("schema_version", 0)),
        files=len(files) - 1,
        total_bytes=sum(int(f["size"]) for f in files),
        counts={str(k): int(v) for k, v in dict(manifest.get("counts") or {}).items()},
        audit_entries=int(dict(manifest.get("audit") or {}).get("entries", 0)),
        created_by=str(manifest.get("created_by", "")),
        missing_attachments=tuple(str(m) for m in manifest.get("missing_attachments") or ()),
    )


def _bad(path: Path, why: str) -> MeetingDeskError:
    return ValidationError(
        _("“{name}”不是完好的 MeetingDesk 备份文件：{why}。未作任何更改。").format(name=path.name, why=why), "backup"
    )


def _safe_member(name: str) -> PurePosixPath | None:
    """The archive name as a relative path that cannot leave the folder it is extracted into."""
    if not name or "\\" in name or "\x00" in name or ":" in name or name.startswith("/"):
        return None
    path = PurePosixPath(name)
    if any(part in ("", ".", "..") for part in path.parts) or len(name) > 1024:
        return None
    return path


def _read_manifest(path: Path, zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise _bad(path, _("缺少清单（manifest.json）")) from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise _bad(path, _("清单过大"))
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError) as exc:
        raise _bad(path, _("清单无法读取（{exc}）").format(exc=exc)) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _bad(path, _("清单格式不符"))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise _bad(
            path,
            _("备份格式版本为{found}，本程序只能读取第{supported}版").format(
                found=manifest.get("format_version"), supported=FORMAT_VERSION
            ),
        )
    files = manifest.get("files")
    if not isinstance(files, list) or not all(
        isinstance(f, dict)
        and isinstance(f.get("path"), str)
        and isinstance(f.get("size"), int)
        and f["size"] >= 0
        and isinstance(f.get("sha256"), str)
        for f in files
    ):
        raise _bad(path, _("清单中的文件列表无效"))
    return manifest


def _extract_verified(zf: zipfile.ZipFile, entry: dict[str, Any], target: Path, source: Path) -> None:
    """Copy one member out, checking its size and SHA-256 while reading (never more than declared)."""
    digest = hashlib.sha256()
    size = 0
    limit = int(entry["size"])
    target.parent.mkdir(parents=True, exist_ok=True)
    with zf.open(entry["path"]) as src, target.open("wb") as dst:
        while True:
            block = src.read(_CHUNK)
            if not block:
                break
            size += len(block)
            if size > limit:
                raise _bad(source, _("“{path}”比清单记载的更大").format(path=entry["path"]))
            digest.update(block)
            dst.write(block)
    if size != limit or digest.hexdigest() != entry["sha256"]:
        raise _bad(source, _("“{path}”的内容与清单记载的校验值不符（文件已损坏或被改动）").format(path=entry["path"]))


def _check_database(db: Path, source: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{db.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _bad(source, _("其中的数据库无法打开（{exc}）").format(exc=exc)) from exc
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise _bad(source, _("其中的数据库未通过完整性检查：") + _("；").join(rows[:3]))
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > latest_version():
            raise DatabaseError(
                _(
                    "该备份由较新版本的 MeetingDesk 制作（数据库版本{version}，"
                    "本程序支持到{latest_version}），请升级程序后再恢复。"
                    "未作任何更改。"
                ).format(version=version, latest_version=latest_version())
            )
        chain = verify_chain(conn)
        if not chain.ok:
            raise _bad(source, _("其中的审计链已断裂（{problem}）").format(problem=chain.problem))
    except sqlite3.DatabaseError as exc:
        raise _bad(source, _("其中的数据库已损坏（{exc}）").format(exc=exc)) from exc
    finally:
        conn.close()


def verify_backup(
    path: Path,
    into: Path | None = None,
    *,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> BackupInfo:
    """Check a backup completely: structure, every hash, and the database inside.

    Args:
        into: extract the verified content into this (empty) folder, as ``database/`` and ``files/``;
            when None, a temporary folder is used and removed.

    Raises:
        ValidationError: the file is not a complete, unaltered MeetingDesk backup (says why).
        DatabaseError: it was made by a newer MeetingDesk.
    """
    path = Path(path)
    if not path.is_file():
        raise ValidationError(_("找不到备份文件“{path}”。").format(path=path), "backup")
    if into is None:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="md-verify-") as tmp:
            return verify_backup(path, Path(tmp), progress=progress, should_cancel=should_cancel)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _bad(path, _("不是 zip 文件或已损坏")) from exc
    with zf:
        manifest = _read_manifest(path, zf)
        listed: dict[str, dict[str, Any]] = {}
        for entry in manifest["files"]:
            if _safe_member(entry["path"]) is None or entry["path"] in listed:
                raise _bad(path, _("清单中含有不安全或重复的路径“{path}”").format(path=entry["path"][:80]))
            if not (entry["path"] == DB_ENTRY or entry["path"].startswith(FILES_PREFIX)):
                raise _bad(path, _("清单中含有未知内容“{path}”").format(path=entry["path"][:80]))
            listed[entry["path"]] = entry
        if DB_ENTRY not in listed:
            raise _bad(path, _("缺少数据库"))
        members = {i.filename for i in zf.infolist() if not i.is_dir()}
        if members - set(listed) - {MANIFEST}:
            raise _bad(path, _("含有清单之外的文件"))
        if set(listed) - members:
            raise _bad(path, _("清单所列的文件缺失"))
        total = sum(int(e["size"]) for e in listed.values()) or 1
        done = 0
        for name, entry in listed.items():
            check_cancel(should_cancel)
            safe = _safe_member(name)
            assert safe is not None
            try:
                _extract_verified(zf, entry, into.joinpath(*safe.parts), path)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
                if isinstance(exc, MeetingDeskError):
                    raise
                raise _bad(path, _("“{name}”无法解压（{exc}）").format(name=name, exc=exc)) from exc
            done += int(entry["size"])
            progress(0.9 * done / total, name.removeprefix(FILES_PREFIX))
    progress(0.92, _("检查数据库"))
    _check_database(into.joinpath(*PurePosixPath(DB_ENTRY).parts), path)
    progress(1.0, _("校验通过"))
    return _info(path, manifest)
