"""BM25F as whoosh computes it, with each segment's field lengths read once instead of per posting.

Similar-case search scores tens of thousands of postings per query; whoosh's own scorer looks the
field length of every posting up in the segment's column file, which was a fifth of the time. Here
the per-document length normalisation is computed once per segment and field and kept with the
segment reader, so a posting costs one list lookup. Scores are identical to ``scoring.BM25F``.
"""

from __future__ import annotations

from typing import Any

from whoosh import scoring


class CachedBM25F(scoring.BM25F):  # type: ignore[misc]
    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> Any:
        base = super().scorer(searcher, fieldname, text, qf=qf)
        if not isinstance(base, scoring.BM25FScorer):
            return base
        norms = _norms(searcher, fieldname, base.B, base.K1, base.avgfl)
        return _CachedScorer(base, norms)


def _norms(searcher: Any, fieldname: str, b: float, k1: float, avgfl: float) -> list[float]:
    reader = searcher.reader()
    cache: dict[tuple[str, float, float, float], list[float]] | None = getattr(reader, "_md_bm25_norms", None)
    if cache is None:
        cache = {}
        reader._md_bm25_norms = cache
    key = (fieldname, b, k1, avgfl)
    norms = cache.get(key)
    if norms is None:
        length = reader.doc_field_length
        norms = [k1 * ((1 - b) + b * (length(d, fieldname, 1) or 1) / avgfl) for d in range(reader.doc_count_all())]
        cache[key] = norms
    return norms


class _CachedScorer(scoring.BaseScorer):  # type: ignore[misc]
    def __init__(self, base: Any, norms: list[float]) -> None:
        self._base = base
        self._norms = norms
        self._factor = base.idf * (base.K1 + 1)  # whoosh's BM25F ignores the query frequency too

    def supports_block_quality(self) -> bool:
        return bool(self._base.supports_block_quality())

    def max_quality(self) -> float:
        return float(self._base.max_quality())

    def block_quality(self, matcher: Any) -> float:
        return float(self._base.block_quality(matcher))

    def score(self, matcher: Any) -> float:
        tf = matcher.weight()
        return float(self._factor * tf / (tf + self._norms[matcher.id()]))
