"""LeCaRD benchmark of the similar-case search, through the app's own import, index and search code.

    python -m bench.lecard --data DIR [--setting rerank|collection] [--out RUN.json]

DIR holds ``queries.jsonl``, ``labels.json``, ``candidates.tar.gz`` (or an unpacked ``candidates/``)
and optionally ``baseline_runs.json`` (see the folder's README). Every distinct candidate is written to
a JSONL file and imported with :func:`meetingdesk.library.importer.import_files`; each query (facts =
``q``, charges = ``crime``) runs through :func:`meetingdesk.search.similar.similar_cases`.

- ``rerank``: each query ranks its own pool (``SearchFilters(case_ids=pool)``), as in the paper.
- ``collection``: each query retrieves its top 100 from the whole library; also measures keyword and
  similar-search latency, indexing speed, memory peak and index size, next to a plain SQLite FTS5
  index of the same jieba terms.

Scores use both protocols of the README (paper: condensed lists; strict: unjudged documents count
as 0 and the ideal uses all judged grades) for the run and for every baseline run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from meetingdesk.library.cases import content_hash, validate
from meetingdesk.library.importer import import_files
from meetingdesk.library.records import RawRecord, to_case_input
from meetingdesk.search import index
from meetingdesk.search.query import SearchFilters, search
from meetingdesk.search.similar import PendingCase, similar_cases
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk

Run = dict[str, list[str]]
Labels = dict[str, dict[str, int]]
POOL_SIZE = 30  # the first 30 label keys of a query are its judged pool


# ---- data


def load_queries(data: Path) -> list[dict[str, Any]]:
    with (data / "queries.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_labels(data: Path) -> Labels:
    with (data / "labels.json").open(encoding="utf-8") as fh:
        raw = json.load(fh)  # key order matters: the first 30 keys are the judged pool
    return {str(q): {str(c): int(g) for c, g in cands.items()} for q, cands in raw.items()}


def iter_candidates(data: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(query id, candidate id, document) for every candidate file, from the archive or a folder."""
    folder = data / "candidates"
    if folder.is_dir():
        for qdir in sorted(folder.iterdir()):
            for f in sorted(qdir.glob("*.json")):
                yield qdir.name, f.stem, json.loads(f.read_text(encoding="utf-8"))
        return
    with tarfile.open(data / "candidates.tar.gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".json"):
                continue
            parts = Path(member.name).parts
            fh = tar.extractfile(member)
            if fh is None:
                continue
            yield parts[-2], Path(parts[-1]).stem, json.loads(fh.read().decode("utf-8"))


# ---- scoring (README protocol)


def score_run(run: Run, labels: Labels) -> dict[str, float]:
    """P@5, P@10, MAP, NDCG@10/20/30 under the paper protocol and strict NDCG, averaged over queries."""
    sums = dict.fromkeys(("P@5", "P@10", "MAP", "NDCG@10", "NDCG@20", "NDCG@30"), 0.0)
    strict = dict.fromkeys(("sNDCG@10", "sNDCG@20", "sNDCG@30"), 0.0)
    for qid, lab in labels.items():
        pool = list(lab)[:POOL_SIZE]
        judged = set(pool)
        ranked = [str(c) for c in run.get(qid, [])]
        condensed = [c for c in ranked if c in judged]
        rel = [1 if lab[c] == 3 else 0 for c in condensed]
        sums["P@5"] += sum(rel[:5]) / 5
        sums["P@10"] += sum(rel[:10]) / 10
        hits, ap = 0, 0.0
        for i, r in enumerate(rel):
            if r:
                hits += 1
                ap += hits / (i + 1)
        sums["MAP"] += ap / hits if hits else 0.0
        gains = [lab[c] for c in condensed][:POOL_SIZE]
        ideal = sorted(gains, reverse=True)
        strict_gains = [lab[c] if c in judged else 0 for c in ranked]
        strict_ideal = sorted((lab[c] for c in pool), reverse=True)
        for k in (10, 20, 30):
            sums[f"NDCG@{k}"] += _ndcg(gains, ideal, k)
            strict[f"sNDCG@{k}"] += _ndcg(strict_gains, strict_ideal, k)
    n = max(len(labels), 1)
    return {k: v / n for k, v in {**sums, **strict}.items()}


def _ndcg(gains: list[int], ideal: list[int], k: int) -> float:
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:k]))
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal[:k]))
    return dcg / idcg if idcg else 0.0


# ---- measuring


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = max(0, math.ceil(p / 100 * len(ordered)) - 1)
    return ordered[k]


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest child (worker) process, in MB."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / scale / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / scale / 1024
    return me, kids


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the indexing workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def folder_size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def keyword_queries(queries: list[dict[str, Any]], terms_for: dict[str, list[str]]) -> list[str]:
    """Realistic keyword searches derived from each query: a charge, two facts words, a field query."""
    out: list[str] = []
    for q in queries:
        crimes = [c.removesuffix("罪") for c in q["crime"]]
        words = terms_for.get(str(q["ridx"]), [])[:2]
        if crimes:
            out.append(crimes[0])
            out.append(f"案由:{crimes[0]}")
        if words:
            out.append(" ".join(words))
    return out


# ---- the run


def run_benchmark(args: argparse.Namespace) -> dict[str, Any]:
    data = Path(args.data)
    queries = load_queries(data)
    labels = load_labels(data)
    workdir = Path(tempfile.mkdtemp(prefix="lecard-"))
    try:
        return _run(args, data, queries, labels, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def _run(
    args: argparse.Namespace, data: Path, queries: list[dict[str, Any]], labels: Labels, workdir: Path
) -> dict[str, Any]:
    pools: dict[str, list[str]] = {}
    seen: set[str] = set()
    source = workdir / "lecard-candidates.jsonl"
    with source.open("w", encoding="utf-8") as fh:  # streamed: the benchmark holds no texts itself
        for qid, cid, doc in iter_candidates(data):
            pools.setdefault(qid, []).append(cid)
            if cid not in seen:
                seen.add(cid)
                fh.write(json.dumps({**doc, "id": cid}, ensure_ascii=False) + "\n")
    print(f"{len(queries)} 个查询，{len(seen)} 篇不重复的候选文书", file=sys.stderr)

    desk = Desk(workdir / "bench.db")
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    report = import_files(desk, SYSTEM, [source], progress=_bar("导入并索引"))
    import_seconds = time.perf_counter() - started
    import_cpu = _cpu_seconds() - cpu_before
    mem_self, mem_children = peak_memory_mb()
    print(f"\n{report.summary()}  用时 {import_seconds:.1f} 秒", file=sys.stderr)

    case_of = _candidate_cases(desk, source, seen)
    cid_of: dict[int, list[str]] = {}
    for cid, case_id in case_of.items():
        cid_of.setdefault(case_id, []).append(cid)

    run: Run = {}
    latencies: list[float] = []
    terms_for: dict[str, list[str]] = {}
    for q in queries:
        qid = str(q["ridx"])
        pool = pools.get(qid, [])
        pending = PendingCase(facts=q["q"], charges=tuple(q.get("crime") or ()), cause="")
        if args.setting == "rerank":
            ids = tuple(sorted({case_of[c] for c in pool if c in case_of}))
            flt, limit = SearchFilters(case_ids=ids), max(len(ids), 1)
        else:
            flt, limit = None, args.limit
        t0 = time.perf_counter()
        res = similar_cases(desk, SYSTEM, pending, limit=limit, filters=flt, as_of=None)
        latencies.append((time.perf_counter() - t0) * 1000)
        terms_for[qid] = list(res.terms)
        ranked: list[str] = []
        for h in res.hits:
            ranked.extend(c for c in cid_of.get(h.hit.id, []) if args.setting == "collection" or c in pool)
        if args.setting == "rerank":  # documents without any shared term go last, in a fixed order
            ranked.extend(sorted((c for c in pool if c not in set(ranked)), key=lambda c: int(c) if c.isdigit() else 0))
        run[qid] = _unique(ranked)

    result: dict[str, Any] = {
        "setting": args.setting,
        "date": date.today().isoformat(),
        "machine": _machine(),
        "queries": len(queries),
        "documents": len(seen),
        "imported": len(report.imported),
        "duplicates": len(report.duplicates),
        "problems": report.problems[:20],
        "scores": {"meetingdesk": score_run(run, labels)},
        "similar_ms": {
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "max": max(latencies),
        },
        "import_seconds": import_seconds,
        "docs_per_second": len(report.imported) / import_seconds if import_seconds else 0.0,
        "import_cpu_seconds": import_cpu,
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "memory_peak_mb": {"main": mem_self, "largest_worker": mem_children},
        "index_size_mb": folder_size_mb(index.index_dir(desk)),
        "database_size_mb": (workdir / "bench.db").stat().st_size / 1e6,
    }
    baselines = data / "baseline_runs.json"
    if baselines.exists():
        with baselines.open(encoding="utf-8") as fh:
            for name, brun in json.load(fh).items():
                clean = {str(q): [str(c) for c in cs] for q, cs in brun.items()}
                result["scores"][name] = score_run(clean, labels)

    if args.setting == "collection":
        kq = keyword_queries(queries, terms_for)
        result["keyword_queries"] = len(kq)
        result["keyword_ms"] = _time_keyword(desk, kq)
        if not args.no_fts:
            from bench.fts5 import compare_fts5

            result["fts5"] = compare_fts5(source, queries, pools, labels, kq, terms_for, workdir, setting=args.setting)
    if args.out:
        Path(args.out).write_text(json.dumps({"run": run, **result}, ensure_ascii=False, indent=1), encoding="utf-8")
    desk.close()
    return result


def _time_keyword(desk: Desk, kq: list[str]) -> dict[str, float]:
    search(desk, SYSTEM, kq[0], limit=20)  # warm
    times = []
    for text in kq:
        t0 = time.perf_counter()
        search(desk, SYSTEM, text, limit=20)
        times.append((time.perf_counter() - t0) * 1000)
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times)}


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _candidate_cases(desk: Desk, source: Path, wanted: set[str]) -> dict[str, int]:
    """Candidate id → library case id; a candidate skipped as a duplicate maps to its twin."""
    by_ref = {r["source_ref"]: r["id"] for r in desk.query("SELECT id, source_ref FROM library_cases")}
    out = {cid: by_ref[cid] for cid in wanted if cid in by_ref}
    if len(out) < len(wanted):
        by_hash = {r["content_hash"]: r["id"] for r in desk.query("SELECT id, content_hash FROM library_cases")}
        for doc in iter_jsonl(source):
            cid = str(doc["id"])
            if cid in out:
                continue
            try:
                digest = content_hash(validate(to_case_input(RawRecord(cid, doc), source="")))
            except ValueError:
                continue
            if digest in by_hash:
                out[cid] = by_hash[digest]
    return out


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def _bar(label: str) -> Any:
    last = [-1]

    def report(fraction: float, status: str = "") -> None:
        pct = int(fraction * 100)
        if pct != last[0]:
            last[0] = pct
            sys.stderr.write(f"\r{label} [{'#' * (pct // 4):<25}] {pct:3d}% {status[:30]:<30}")
            sys.stderr.flush()

    return report


# ---- output


METRICS = ("P@5", "P@10", "MAP", "NDCG@10", "NDCG@20", "NDCG@30")


def print_table(result: dict[str, Any]) -> None:
    print(f"LeCaRD ({result['setting']}): {result['queries']} queries, {result['documents']} documents")
    print("paper protocol:")
    print("| run | " + " | ".join(METRICS) + " |")
    print("|---|" + "---|" * len(METRICS))
    for name, s in result["scores"].items():
        print(f"| {name} | " + " | ".join(f"{s[m]:.3f}" for m in METRICS) + " |")
    print("strict protocol (unjudged = 0, ideal from all judged grades):")
    print("| run | NDCG@10 | NDCG@20 | NDCG@30 |")
    print("|---|---|---|---|")
    for name, s in result["scores"].items():
        print(f"| {name} | {s['sNDCG@10']:.3f} | {s['sNDCG@20']:.3f} | {s['sNDCG@30']:.3f} |")
    print(f"similar-case search: p50 {result['similar_ms']['p50']:.1f} ms, p95 {result['similar_ms']['p95']:.1f} ms")
    print(
        f"import + index: {result['imported']} docs in {result['import_seconds']:.1f} s "
        f"= {result['docs_per_second']:.1f} docs/s (CPU {result['import_cpu_seconds']:.0f} s, "
        f"{result['import_cpu_seconds'] * 1000 / max(result['imported'], 1):.0f} ms per doc; "
        f"load average {result['load_average']}); "
        f"memory peak {result['memory_peak_mb']['main']:.0f} MB "
        f"(largest worker {result['memory_peak_mb']['largest_worker']:.0f} MB); "
        f"index {result['index_size_mb']:.1f} MB"
    )
    if "keyword_ms" in result:
        k = result["keyword_ms"]
        print(f"keyword search ({result['keyword_queries']} queries): p50 {k['p50']:.1f} ms, p95 {k['p95']:.1f} ms")
    if "fts5" in result:
        f = result["fts5"]
        print(
            f"SQLite FTS5 (same jieba terms): index {f['docs_per_second']:.1f} docs/s, "
            f"{f['index_size_mb']:.1f} MB; "
            f"keyword p95 {f['keyword_ms']['p95']:.1f} ms; similar p95 {f['similar_ms']['p95']:.1f} ms; "
            f"P@5 {f['scores']['P@5']:.3f} MAP {f['scores']['MAP']:.3f} NDCG@30 {f['scores']['NDCG@30']:.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lecard", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="LeCaRD-format folder")
    parser.add_argument("--setting", choices=("rerank", "collection"), default="rerank")
    parser.add_argument("--out", help="write the run and the measures to this JSON file")
    parser.add_argument("--limit", type=int, default=100, help="documents retrieved per query (collection)")
    parser.add_argument("--no-fts", action="store_true", help="skip the SQLite FTS5 comparison")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and index")
    args = parser.parse_args(argv)
    result = run_benchmark(args)
    print_table(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
