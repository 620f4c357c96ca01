"""The open export (``meetingdesk export-all``): every table as JSON plus the attachments, so a court can
always take its data elsewhere. The format is documented in docs/data-format.md; keep the two in step.

The export is written into a temporary folder beside the target and renamed into place at the end, so
an interrupted export never looks complete. :func:`restore_open_export` rebuilds a database from it
(it is also the round-trip proof in the tests).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from meetingdesk import __version__
from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.exchange.database_tables import data_tables, rows_of, snapshot
from meetingdesk.i18n import _
from meetingdesk.paths import data_dir_for
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress
from meetingdesk.services.actor import Actor
from meetingdesk.services.attachments import attachment_file
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import require
from meetingdesk.services.settings import get_setting
from meetingdesk.storage.migrate import latest_version, schema_version

FORMAT = "meetingdesk-open-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

_README = """MeetingDesk 数据导出 / MeetingDesk data export

manifest.json   说明本导出的格式、版本、时间、每个表的文件/行数/列，以及每个文件的 SHA-256 校验值
schema.sql      数据库结构（SQLite 的 CREATE 语句），可据此重建数据库
tables/*.json   每个表一个文件：JSON 数组，每行一个对象（键为列名），按插入顺序排列
attachments/    案件报告的附件原文件，路径即 attachments 表的 stored_name（按 SHA-256 命名）

完整说明见程序文档 docs/data-format.md。
本导出包含保密的会议记录、审计日志和账户密码的散列值，请像保管数据库本身一样妥善保管。
This export holds confidential meeting records, the audit log and password hashes: keep it as safe as the database.
"""


@dataclass(frozen=True)
class ExportSummary:
    folder: Path
    tables: int
    rows: int
    attachments: int
    attachment_bytes: int
    missing_attachments: tuple[str, ...]


def _json_value(value: Any) -> Any:
    """SQLite values as JSON: text, integers, reals and null as they are; blobs as {"$base64": …}."""
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode("ascii")}
    return value


def _restore_value(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"$base64"}:
        return base64.b64decode(value["$base64"])
    return value


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_all(
    desk: Desk,
    actor: Actor,
    out_dir: Path,
    *,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> ExportSummary:
    """Write the open export to ``out_dir`` (which must not exist, or be empty).

    Raises:
        ValidationError: ``out_dir`` already holds files.
        Cancelled: the user stopped it; nothing is left behind.
    """
    require(actor, "data.export_all")
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ValidationError(
            _("“{path}”已存在且不是空文件夹。为免覆盖，请指定一个新的（或空的）文件夹。").format(path=out_dir), "out"
        )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
    try:
        summary = _write(desk, work, progress, should_cancel)
        if out_dir.exists():
            out_dir.rmdir()
        work.replace(out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    with desk.write(actor, "data.export_all") as tx:
        tx.note("database", "export", {"folder": str(out_dir), "tables": summary.tables, "rows": summary.rows})
    return replace(summary, folder=out_dir)


def _write(desk: Desk, work: Path, progress: ProgressFn, should_cancel: CancelFn) -> ExportSummary:
    (work / "tables").mkdir()
    checksums: dict[str, str] = {}
    tables_meta: list[dict[str, Any]] = []
    total_rows = 0
    with snapshot(desk) as conn:
        version = schema_version(conn)
        infos = data_tables(conn)
        real = {i.name for i in infos}
        schema = [
            sql + ";"
            for kind, name, table, sql in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
                " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            )
            if table in real or (kind == "table" and sql.upper().startswith("CREATE VIRTUAL TABLE"))
        ]
        stored: list[tuple[str, str]] = []
        for n, info in enumerate(infos):
            check_cancel(should_cancel)
            progress(0.6 * n / max(len(infos), 1), _("导出表 {name}").format(name=info.name))
            names = info.column_names
            rows = [dict(zip(names, (_json_value(v) for v in row), strict=True)) for row in rows_of(conn, info)]
            rel = f"tables/{info.name}.json"
            path = work / rel
            path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
            checksums[rel] = _sha256(path)
            tables_meta.append({"name": info.name, "file": rel, "rows": len(rows), "columns": list(info.columns)})
            total_rows += len(rows)
            if info.name == "attachments":
                stored = [(str(r["stored_name"]), str(r["sha256"])) for r in rows]
    (work / "schema.sql").write_text(
        f"-- MeetingDesk schema version {version}\n" + "\n\n".join(schema) + "\n", encoding="utf-8"
    )
    checksums["schema.sql"] = _sha256(work / "schema.sql")

    copied, size, missing = 0, 0, []
    unique = sorted(set(stored))
    for n, (stored_name, sha) in enumerate(unique):
        check_cancel(should_cancel)
        progress(0.6 + 0.35 * n / max(len(unique), 1), _("导出附件"))
        source = attachment_file(desk, stored_name)
        if not source.is_file() or _sha256(source) != sha:
            missing.append(stored_name)
            continue
        target = work / "attachments" / stored_name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied += 1
        size += target.stat().st_size

    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "schema_version": version,
        "exported_at": desk.now().isoformat(timespec="seconds"),
        "court": get_setting(desk, "court.name"),
        "database": desk.path.name,
        "tables": tables_meta,
        "attachments": {"folder": "attachments", "files": copied, "bytes": size, "missing": missing},
        "sha256": checksums,
    }
    (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    (work / "README.txt").write_text(_README, encoding="utf-8")
    progress(1.0, _("完成"))
    return ExportSummary(work, len(infos), total_rows, copied, size, tuple(missing))


def read_manifest(folder: Path) -> dict[str, Any]:
    """The export's manifest, checked for format and version.

    Raises:
        ValidationError: not an export of this format, or from a newer MeetingDesk.
    """
    path = Path(folder) / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(
            _("“{folder}”不是 MeetingDesk 数据导出（缺少或无法读取 manifest.json）。").format(folder=folder)
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationError(_("“{folder}”不是 MeetingDesk 数据导出。").format(folder=folder))
    try:
        newer = int(manifest.get("format_version", 0)) > FORMAT_VERSION
        newer = newer or int(manifest["schema_version"]) > latest_version()
        if not isinstance(manifest["sha256"], dict) or not isinstance(manifest["tables"], list):
            raise TypeError("sha256/tables")
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(_("“{folder}”的 manifest.json 内容不完整或格式不符。").format(folder=folder)) from exc
    if newer:
        raise ValidationError(_("该导出来自更新版本的 MeetingDesk，请升级后再导入。"))
    return manifest


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SCHEMA_STATEMENT = re.compile(
    r"^CREATE\s+(?:UNIQUE\s+INDEX|INDEX|TABLE|TRIGGER|VIEW|VIRTUAL\s+TABLE)\s", re.IGNORECASE
)
_TRIGGER_STATEMENT = re.compile(r"^CREATE\s+TRIGGER\s", re.IGNORECASE)


def _inside(folder: Path, rel: object) -> Path:
    """A path named by the manifest, refused unless it stays inside the export folder."""
    if not isinstance(rel, str) or not rel or "\x00" in rel:
        raise ValidationError(_("导出清单中有无效的文件名。"))
    root = folder.resolve()
    path = (folder / rel).resolve()
    if path != root and root not in path.parents:
        raise ValidationError(_("导出清单中的路径“{rel}”指向导出文件夹之外，已拒绝。").format(rel=rel[:80]))
    return path


def _identifier(name: object) -> str:
    if not isinstance(name, str) or not _IDENTIFIER.match(name):
        raise ValidationError(_("导出清单中的表名或列名“{name}”无效。").format(name=str(name)[:40]))
    return name


def _schema_only(action: int, *_args: object) -> int:
    """While schema.sql runs: no ATTACH (which could write any file on disk), DETACH or PRAGMA."""
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH, sqlite3.SQLITE_PRAGMA):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def restore_open_export(folder: Path, db_path: Path) -> Path:
    """Rebuild a database (and its attachments) from an open export; ``db_path`` must not exist yet.

    The schema is recreated from ``schema.sql`` at the export's version, the rows inserted as they were
    (the audit chain stays verifiable), files checked against their checksums, then the database is
    opened normally, which migrates it to this program's version.
    """
    folder, db_path = Path(folder), Path(db_path)
    manifest = read_manifest(folder)
    if db_path.exists():
        raise ValidationError(_("“{path}”已存在：请指定一个新的数据库文件。").format(path=db_path), "db")
    for rel, digest in manifest["sha256"].items():
        if _sha256(_inside(folder, rel)) != digest:
            raise ValidationError(_("导出文件“{rel}”的校验值不符，文件可能已损坏或被修改。").format(rel=rel))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    work = db_path.with_name(f".{db_path.name}.restoring")
    work.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(str(work), isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("BEGIN")
            statements = _statements((folder / "schema.sql").read_text(encoding="utf-8"))
            if not all(_SCHEMA_STATEMENT.match(s) for s in statements):
                raise ValidationError(_("schema.sql 含有建表以外的语句，已拒绝导入。"))
            # Triggers come after the rows, so the rows (and tables triggers fill) are restored exactly as exported.
            triggers = [s for s in statements if _TRIGGER_STATEMENT.match(s)]
            conn.set_authorizer(_schema_only)
            for statement in statements:
                if statement not in triggers:
                    conn.execute(statement)
            conn.set_authorizer(None)
            for table in manifest["tables"]:
                rows = json.loads(_inside(folder, table["file"]).read_text(encoding="utf-8"))
                _identifier(table["name"])
                cols = [_identifier(c["name"]) for c in table["columns"]]
                names = ", ".join(f'"{c}"' for c in cols)
                sql = f'INSERT INTO "{table["name"]}" ({names}) VALUES ({", ".join("?" for _ in cols)})'
                conn.executemany(sql, ([_restore_value(r.get(c)) for c in cols] for r in rows))
            conn.set_authorizer(_schema_only)
            for statement in triggers:
                conn.execute(statement)
            conn.set_authorizer(None)
            conn.execute(f"PRAGMA user_version = {int(manifest['schema_version'])}")
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise MeetingDeskError(_("导出数据的引用关系不完整（{n}处），未能重建数据库。").format(n=len(problems)))
            conn.execute("COMMIT")
        finally:
            conn.close()
        files = data_dir_for(db_path) / "attachments"
        source = _inside(folder, manifest["attachments"]["folder"])
        if source.is_dir():
            shutil.copytree(source, files, dirs_exist_ok=True)
        work.replace(db_path)
    except (KeyError, TypeError, ValueError, sqlite3.Error) as exc:
        work.unlink(missing_ok=True)
        if isinstance(exc, MeetingDeskError):
            raise
        raise ValidationError(
            _("导出数据不完整或格式不符，未能重建数据库（{error}）。").format(error=str(exc)[:200])
        ) from exc
    except BaseException:
        work.unlink(missing_ok=True)
        raise
    Desk(db_path).close()  # migrate to this program's schema version
    return db_path


def _statements(script: str) -> list[str]:
    """Split schema.sql into complete statements (triggers contain semicolons)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.startswith("--") and not buf:
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    return out
