"""The whoosh index under ``<data dir>/index``: opened, kept in step, and rebuilt from SQLite.

The database is the truth. Triggers note every changed case and rule in ``search_pending`` within the
change's own transaction; every library write then calls :func:`sync`, and so does the next
:func:`searcher`, so nothing is missed if a process dies in between. When the index
is missing, unreadable, of another :data:`SCHEMA_VERSION` or marked dirty (a sync failed), the next
:func:`searcher` rebuilds it from the database, with progress. A rebuild writes a fresh folder and
swaps it in, so cancelling or crashing never leaves a half index behind.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.multiproc import MpWriter
from whoosh.searching import Searcher

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _, ngettext
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress
from meetingdesk.search.analysis import legal_words_files, warm_up
from meetingdesk.search.documents import SCHEMA_VERSION, case_document, rule_document, schema
from meetingdesk.search.scoring import CachedBM25F
from meetingdesk.services.desk import Desk

META_NAME = "meetingdesk-index.json"
PARALLEL_MIN_DOCS = 200
"""Below this, indexing in this process beats starting one process per core."""

_lock = threading.RLock()
_searchers: dict[tuple[Path, int], Searcher] = {}
"""One searcher per index folder and thread: whoosh searchers are not meant to be shared across threads."""


def index_dir(desk: Desk) -> Path:
    return desk.data_dir / "index"


@functools.cache
def _fingerprint() -> str:
    """Changes with the schema version and the dictionary/stop-word files the terms depend on."""
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    for path in [*legal_words_files()]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _read_meta(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / META_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_meta(folder: Path, **values: Any) -> None:
    meta = _read_meta(folder)
    meta.update(values)
    tmp = folder / (META_NAME + ".tmp")
    tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / META_NAME)


def index_state(desk: Desk) -> str:
    """``ok``, or why the index must be rebuilt: ``missing``, ``old``, ``dirty`` or ``corrupt``."""
    folder = index_dir(desk)
    try:
        if not folder.is_dir() or not whoosh_index.exists_in(str(folder)):
            return "missing"
    except Exception:  # exists_in reads the table of contents, which may be damaged
        return "corrupt"
    meta = _read_meta(folder)
    if meta.get("fingerprint") != _fingerprint():
        return "old"
    if meta.get("dirty"):
        return "dirty"
    try:
        ix = whoosh_index.open_dir(str(folder))
        ix.doc_count()
        ix.close()
    except Exception:  # whoosh raises many kinds on a damaged folder
        return "corrupt"
    return "ok"


def needs_building(desk: Desk) -> bool:
    """A cheap guess for the GUI thread, which must not open the index: missing, built by another version
    or marked dirty. (A damaged index is found, and rebuilt, by :func:`searcher` itself.)"""
    folder = index_dir(desk)
    meta = _read_meta(folder)
    return not meta or meta.get("fingerprint") != _fingerprint() or bool(meta.get("dirty"))


def searcher(desk: Desk, *, progress: ProgressFn = no_progress, should_cancel: CancelFn = never) -> Searcher:
    """A fresh-enough searcher, rebuilding the index first if it is missing, old or damaged."""
    folder = index_dir(desk)
    with _lock:
        if desk.conn.execute("SELECT 1 FROM search_pending LIMIT 1").fetchone():
            sync(desk, progress=progress, should_cancel=should_cancel)  # left by a crash, or by another process
        key = (folder, threading.get_ident())
        cached = _searchers.get(key)
        if cached is not None:
            try:
                if cached.up_to_date():
                    return cached
            except Exception:  # the folder was replaced or damaged under us
                pass
            # Not Searcher.refresh(): it reuses segment readers by segment id and so would miss
            # deletions made since in those segments.
            _searchers.pop(key, None)
            cached.close()
        if index_state(desk) != "ok":
            rebuild(desk, progress=progress, should_cancel=should_cancel)
        s = whoosh_index.open_dir(str(folder)).searcher(weighting=CachedBM25F())
        _searchers[key] = s
        return s


def forget(desk: Desk) -> None:
    """Close the cached searcher (before a rebuild, and when a database is closed)."""
    with _lock:
        folder = index_dir(desk)
        for key in [k for k in _searchers if k[0] == folder]:
            _searchers.pop(key).close()


# ---- reading documents out of the database


def _case_rows(desk: Desk, ids: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
    sql = "SELECT * FROM library_cases"
    if ids is None:
        cur = desk.conn.execute(sql + " ORDER BY id")
    else:
        wanted = sorted(set(ids))
        if not wanted:
            return
        cur = desk.conn.execute(sql + f" WHERE id IN ({','.join('?' * len(wanted))})", wanted)
    cols = [d[0] for d in cur.description]
    for values in cur:
        yield dict(zip(cols, values, strict=True))


def _rule_rows(desk: Desk, ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    if ids is None:
        return desk.query("SELECT * FROM library_rules ORDER BY id")
    wanted = sorted(set(ids))
    if not wanted:
        return []
    return desk.query(f"SELECT * FROM library_rules WHERE id IN ({','.join('?' * len(wanted))})", tuple(wanted))


def _documents(desk: Desk, case_ids: Iterable[int] | None, rule_ids: Iterable[int] | None) -> Iterator[dict[str, Any]]:
    for row in _case_rows(desk, case_ids):
        yield case_document(row)
    for row in _rule_rows(desk, rule_ids):
        yield rule_document(row)


def _writer(ix: Any, total: int, workers: int | None) -> Any:
    """A plain writer for a few documents; for many, whoosh's multi-process writer, which segments
    and writes postings in one process per core (each adds its own segment: no final merge)."""
    procs = workers if workers is not None else (os.cpu_count() or 1)
    if getattr(sys, "frozen", False) and os.name == "nt":
        procs = 1  # a frozen Windows build cannot fork; spawning would re-run the GUI's entry point
    if total >= PARALLEL_MIN_DOCS and procs > 1:
        warm_up()  # load the dictionary once, before the sub-writers fork
        return MpWriter(ix, procs=procs, batchsize=32, multisegment=True, limitmb=96)
    return ix.writer(limitmb=96, timeout=10.0)


def _write(
    writer: Any,
    docs: Iterable[dict[str, Any]],
    total: int,
    *,
    progress: ProgressFn,
    should_cancel: CancelFn,
) -> int:
    done = 0
    for doc in docs:
        check_cancel(should_cancel)
        writer.add_document(**doc)
        done += 1
        if done % 25 == 0 or done == total:
            progress(done / max(total, 1), _("已索引 {done}/{total}").format(done=done, total=total))
    return done


def rebuild(
    desk: Desk,
    *,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
    workers: int | None = None,
) -> int:
    """Build the whole index afresh from the database; returns the number of documents.

    Raises:
        Cancelled: the old index (if any) is left as it was.
    """
    folder = index_dir(desk)
    fresh = folder.with_name(folder.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    covered = int(desk.scalar("SELECT COALESCE(MAX(seq), 0) FROM search_pending"))  # all read below
    total = int(desk.scalar("SELECT (SELECT count(*) FROM library_cases) + (SELECT count(*) FROM library_rules)"))
    progress(0.0, _("正在重建检索索引"))
    try:
        ix = whoosh_index.create_in(str(fresh), schema())
        writer = _writer(ix, total, workers)
        try:
            count = _write(writer, _documents(desk, None, None), total, progress=progress, should_cancel=should_cancel)
        except BaseException:
            writer.cancel()
            raise
        progress(1.0, _("正在保存索引"))
        writer.commit()
        ix.close()
        _write_meta(fresh, fingerprint=_fingerprint(), dirty=False, documents=count)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    with _lock:
        forget(desk)
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            os.replace(folder, old)
        os.replace(fresh, folder)
        shutil.rmtree(old, ignore_errors=True)
    _applied(desk, covered)
    progress(1.0, ngettext("索引完成：{count}篇", "索引完成：{count}篇", count).format(count=count))
    return count


def sync(desk: Desk, *, progress: ProgressFn = no_progress, should_cancel: CancelFn = never) -> int:
    """Apply every change still pending for the index (``search_pending``, filled by triggers in the
    same transaction as the change); returns how many documents were touched.

    Called by every library write right after its commit, and by :func:`searcher` before a search, so
    a change whose process crashed before it reached the index is applied by the next one. If the index
    cannot be written it is marked dirty, and the next search rebuilds it: the database write is never lost.
    """
    pending = desk.conn.execute("SELECT seq, key FROM search_pending ORDER BY seq").fetchall()
    if not pending:
        return 0
    upto = int(pending[-1][0])
    keys = sorted({str(k) for _seq, k in pending})
    folder = index_dir(desk)
    if index_state(desk) != "ok":
        forget(desk)
        return rebuild(desk, progress=progress, should_cancel=should_cancel)
    cases = [int(k[5:]) for k in keys if k.startswith("case:")]
    rules = [int(k[5:]) for k in keys if k.startswith("rule:")]
    try:
        with _lock:
            ix = whoosh_index.open_dir(str(folder))
            writer = _writer(ix, len(keys), None)
            try:
                for key in keys:
                    writer.delete_by_term("key", key)
                docs = _batched_documents(desk, cases, rules)
                _write(writer, docs, len(keys), progress=progress, should_cancel=should_cancel)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            ix.close()
    except MeetingDeskError:
        raise
    except Exception:
        _write_meta(folder, dirty=True)
        return 0
    _applied(desk, upto)
    return len(keys)


_BATCH = 500
"""Rows read per query while applying pending changes (SQLite limits the parameters of one statement)."""


def _batched_documents(desk: Desk, cases: list[int], rules: list[int]) -> Iterator[dict[str, Any]]:
    for at in range(0, len(cases), _BATCH):
        yield from _documents(desk, cases[at : at + _BATCH], [])
    for at in range(0, len(rules), _BATCH):
        yield from _documents(desk, [], rules[at : at + _BATCH])


def _applied(desk: Desk, upto: int) -> None:
    """Forget the pending entries up to ``upto`` now that the index holds them; a busy database only
    means they are applied once more later (applying is idempotent)."""
    try:
        desk.conn.execute("DELETE FROM search_pending WHERE seq <= ?", (upto,))
    except sqlite3.OperationalError:
        pass


def pending_keys(desk: Desk) -> set[str]:
    return {str(r[0]) for r in desk.conn.execute("SELECT key FROM search_pending")}


def indexed_revisions(desk: Desk) -> dict[str, int]:
    """``{key: revision}`` of every document in the index (for the consistency check)."""
    s = searcher(desk)
    return {f["key"]: int(f["revision"]) for f in s.all_stored_fields()}


def database_revisions(desk: Desk) -> dict[str, int]:
    rows = desk.conn.execute(
        "SELECT 'case:' || id, revision FROM library_cases UNION ALL SELECT 'rule:' || id, revision FROM library_rules"
    ).fetchall()
    return {k: int(r) for k, r in rows}
