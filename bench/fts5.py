"""The embedded alternative: the same jieba terms in a plain SQLite FTS5 index, measured the same way.

Used by ``bench.lecard --setting collection``: indexing speed (segmenting on all cores, as the app
does), index size, keyword-search and similar-search latency, and the similar-search quality with
the same term selection and the same charge bonus as :mod:`meetingdesk.search.similar`, so the
difference shown is the engine's, not the method's.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from meetingdesk.library.charges import case_charges, charges_in
from meetingdesk.search.analysis import analyse, index_terms, warm_up
from meetingdesk.search.similar import CHARGE_WEIGHT

COLUMNS = ("title", "cause", "charges", "facts", "reasoning", "result", "rest")
WEIGHTS = (3.0, 2.0, 0.0, 1.0, 1.0, 0.8, 0.5)  # as meetingdesk.search.documents.FIELD_WEIGHTS


def _token(charge: str) -> str:
    return charge.replace("、", "")


def _row(item: tuple[str, dict[str, Any]]) -> tuple[str, list[str], str]:
    cid, doc = item
    facts, reasoning, result = doc.get("ajjbqk") or "", doc.get("cpfxgc") or "", doc.get("pjjg") or ""
    full = doc.get("qw") or ""
    rest = full
    for part in (facts, reasoning, result):
        if len(part.strip()) >= 20:
            rest = rest.replace(part.strip(), "\n", 1)
    title = doc.get("ajName") or ""
    charges = case_charges(cause="、".join(charges_in(title)), result=result, title=title)
    texts = [
        title,
        "、".join(charges_in(title)),
        " ".join(_token(c) for c in charges),
        facts,
        reasoning,
        result,
        rest,
    ]
    cols = [t if i == 2 else " ".join(w for w, _sub in index_terms(t)) for i, t in enumerate(texts)]
    return cid, cols, ",".join(charges)


def compare_fts5(
    source: Path,
    queries: list[dict[str, Any]],
    pools: dict[str, list[str]],
    labels: dict[str, dict[str, int]],
    keyword_queries: list[str],
    terms_for: dict[str, list[str]],
    workdir: Path,
    *,
    setting: str,
) -> dict[str, Any]:
    from bench.lecard import iter_jsonl, percentile, score_run

    path = workdir / "fts5.db"
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE VIRTUAL TABLE docs USING fts5({', '.join(COLUMNS)}, tokenize='unicode61')")
    conn.execute("CREATE TABLE meta (rowid INTEGER PRIMARY KEY, cid TEXT, charges TEXT)")
    warm_up()
    started = time.perf_counter()
    ctx = multiprocessing.get_context("fork" if os.name != "nt" else "spawn")
    with ctx.Pool(os.cpu_count() or 1) as pool:
        conn.execute("BEGIN")
        items = ((str(d["id"]), d) for d in iter_jsonl(source))
        for n, (cid, cols, charges) in enumerate(pool.imap(_row, items, chunksize=16), start=1):
            conn.execute(
                f"INSERT INTO docs (rowid, {', '.join(COLUMNS)}) VALUES (?, {', '.join('?' * len(COLUMNS))})",
                (n, *cols),
            )
            conn.execute("INSERT INTO meta VALUES (?, ?, ?)", (n, cid, charges))
        conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    size = path.stat().st_size / 1e6
    cid_of = dict(conn.execute("SELECT rowid, cid FROM meta").fetchall())
    charges_of = {r: set(c.split(",")) - {""} for r, c in conn.execute("SELECT rowid, charges FROM meta")}
    weights = ", ".join(str(w) for w in WEIGHTS)

    def keyword(text: str) -> list[tuple[int, str]]:
        column = ""
        if ":" in text:
            column, text = text.split(":", 1)
            column = {"案由": "cause"}.get(column, "")
        words = [t.text for t in analyse(text)]
        if not words:
            return []
        match = " AND ".join(f'"{w}"' for w in words)
        if column:
            match = f"{column} : ({match})"
        return conn.execute(
            f"SELECT rowid, snippet(docs, -1, '【', '】', '…', 24) FROM docs WHERE docs MATCH ?"
            f" ORDER BY bm25(docs, {weights}) LIMIT 20",
            (match,),
        ).fetchall()

    keyword(keyword_queries[0])
    times = []
    for text in keyword_queries:
        t0 = time.perf_counter()
        keyword(text)
        times.append((time.perf_counter() - t0) * 1000)

    run: dict[str, list[str]] = {}
    sim_times = []
    for q in queries:
        qid = str(q["ridx"])
        terms = terms_for.get(qid, [])
        wanted = set(q.get("crime") or ())
        t0 = time.perf_counter()
        scores: dict[int, float] = {}
        if terms:
            facts = "facts : (" + " OR ".join(f'"{t}"' for t in terms) + ")"
            passes = [facts]
            if wanted:
                passes.append(facts + " AND charges : (" + " OR ".join(f'"{_token(c)}"' for c in wanted) + ")")
            restrict = ""
            params: tuple[Any, ...] = ()
            if setting == "rerank":
                ids = [r for r, c in cid_of.items() if c in set(pools.get(qid, []))]
                restrict = f" AND rowid IN ({','.join('?' * len(ids))})"
                params = tuple(ids)
            for match in passes:
                for rowid, score in conn.execute(
                    "SELECT rowid, -bm25(docs, 0, 0, 0, 1, 0, 0, 0) FROM docs WHERE docs MATCH ?"
                    + restrict
                    + " ORDER BY bm25(docs, 0, 0, 0, 1, 0, 0, 0) LIMIT 300",
                    (match, *params),
                ):
                    scores[rowid] = score
        best = max(scores.values(), default=1.0) or 1.0
        final = {
            r: s / best + (CHARGE_WEIGHT * len(charges_of[r] & wanted) / len(wanted) if wanted else 0.0)
            for r, s in scores.items()
        }
        ranked = sorted(final, key=lambda r: (-final[r], r))[:100]
        sim_times.append((time.perf_counter() - t0) * 1000)
        run[qid] = [cid_of[r] for r in ranked]
    conn.close()
    return {
        "docs_per_second": len(cid_of) / seconds,
        "index_seconds": seconds,
        "index_size_mb": size,
        "keyword_ms": {"p50": percentile(times, 50), "p95": percentile(times, 95)},
        "similar_ms": {"p50": percentile(sim_times, 50), "p95": percentile(sim_times, 95)},
        "scores": score_run(run, labels),
    }
