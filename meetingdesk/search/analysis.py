"""Chinese text analysis for the library index: jieba with a legal dictionary and stop words.

One pure function, :func:`analyse`, turns text into index terms and the whoosh analyzer wraps it.
:func:`cut` reproduces jieba's dictionary segmentation (HMM off) about twice as fast.

Why sub-words: jieba's precise mode keeps "故意伤害" as one word, so a search for "伤害" would miss it.
When indexing, each long word also yields the dictionary words inside it (as jieba's search mode
does) at the same position, so phrases still match; queries use the precise mode.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jieba
from whoosh.analysis import Token, Tokenizer

from meetingdesk.paths import resource_path

_NUMBERISH = re.compile(r"^[\d.\-%×xX]+$")
_MAX_TERM = 40
_lock = threading.Lock()


def legal_words_files() -> list[Path]:
    return [resource_path("legal", "charges.txt"), resource_path("legal", "terms.txt")]


def read_list(path: Path) -> list[str]:
    """Lines of a resource list, without comments and blanks."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]


@cache
def charge_names() -> tuple[str, ...]:
    return tuple(read_list(resource_path("legal", "charges.txt")))


@cache
def stop_words() -> frozenset[str]:
    return frozenset(read_list(resource_path("legal", "stopwords.txt")))


@cache
def keyword_boilerplate() -> frozenset[str]:
    """Words of judgment boilerplate (被告人, 人民币, 行为…) never shown as 检索关键词.

    For display only: ranking keeps them (their idf already weighs them down, and the LeCaRD figures
    in docs/benchmarks.md were measured with them).
    """
    return frozenset(read_list(resource_path("legal", "keyword_boilerplate.txt")))


def dictionary_words() -> list[str]:
    """The user dictionary: legal terms, charge names, their stems without 罪 and their 、 parts."""
    words: set[str] = set(read_list(resource_path("legal", "terms.txt")))
    for name in charge_names():
        for part in name.split("、"):
            words.add(part)
        if "、" not in name:
            words.add(name)
            if len(name) > 2:
                words.add(name.removesuffix("罪"))
    return sorted(w for w in words if len(w) >= 2)


@cache
def _segmenter() -> jieba.Tokenizer:
    with _lock:
        jieba.setLogLevel(60)
        tk = jieba.Tokenizer()
        tk.initialize()
        for word in dictionary_words():
            tk.add_word(word, freq=max(2000, 400 * len(word)))
        return tk


@cache
def _log_probabilities() -> dict[str, float]:
    tk = _segmenter()
    log_total = math.log(tk.total)
    return {w: math.log(f) - log_total for w, f in tk.FREQ.items() if f}


_RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_RE_ENG1 = re.compile("[a-zA-Z0-9]")


def cut(text: str) -> Iterator[tuple[str, int]]:
    """(word, offset) pairs exactly as ``jieba.Tokenizer.cut(text, HMM=False)`` gives the words.

    The same dictionary DAG and maximum-probability route, with the log-probabilities computed once
    and the DAG walk merged into the route: about twice as fast, which matters because segmenting
    is most of the indexing time. Non-word characters (punctuation, spaces) are not yielded.
    """
    freq = _segmenter().FREQ
    logp = _log_probabilities()
    floor = -math.log(_segmenter().total)
    for match in _RE_HAN.finditer(text):
        block, base = match.group(0), match.start()
        n = len(block)
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for idx in range(n - 1, -1, -1):
            best, best_end = -math.inf, idx
            i = idx + 1
            frag = block[idx]
            while frag in freq:
                lp = logp.get(frag)
                if lp is not None:
                    value = lp + score[i]
                    if value >= best:
                        best, best_end = value, i
                i += 1
                if i > n:
                    break
                frag = block[idx:i]
            if best_end == idx:
                best, best_end = floor + score[idx + 1], idx + 1
            score[idx], end[idx] = best, best_end
        x = 0
        buf_start = -1
        while x < n:
            y = end[x]
            if y - x == 1 and _RE_ENG1.match(block[x]):
                if buf_start < 0:
                    buf_start = x
            else:
                if buf_start >= 0:
                    yield block[buf_start:x], base + buf_start
                    buf_start = -1
                yield block[x:y], base + x
            x = y
        if buf_start >= 0:
            yield block[buf_start:n], base + buf_start


def warm_up() -> None:
    """Load the dictionary now (about a second) rather than on the first search."""
    _log_probabilities()


@dataclass(frozen=True)
class Term:
    text: str
    pos: int
    start: int
    end: int


def _keep(word: str, stops: frozenset[str]) -> bool:
    """A word worth indexing: not a stop word, not a bare number, not absurdly long."""
    if word in stops or len(word) > _MAX_TERM:
        return False
    return not (word[0] in _NUMBER_START and _NUMBERISH.match(word))


_NUMBER_START = frozenset("0123456789.-%")


def _subwords(word: str, freq: dict[str, int], stops: frozenset[str]) -> Iterator[tuple[str, int]]:
    """Dictionary words inside a longer word, with their offset in it (jieba's search mode)."""
    size = len(word)
    for n in (2, 3, 4):
        if n >= size:
            break
        for i in range(size - n + 1):
            sub = word[i : i + n]
            if freq.get(sub) and sub not in stops:
                yield sub, i


def analyse(text: str, *, index_mode: bool = False) -> Iterator[Term]:
    """Segment ``text`` into lower-case terms without stop words or bare numbers.

    Args:
        index_mode: also yield the dictionary words inside long words, at the same position.
    """
    freq = _segmenter().FREQ
    stops = stop_words()
    pos = 0
    for word, start in cut(text):
        w = word.lower()
        if not _keep(w, stops):
            continue
        yield Term(w, pos, start, start + len(w))
        if index_mode and len(w) > 2:
            for sub, offset in _subwords(w, freq, stops):
                yield Term(sub, pos, start + offset, start + offset + len(sub))
        pos += 1


def index_terms(text: str) -> Iterator[tuple[str, bool]]:
    """(term, is_sub_word) pairs: the terms of ``analyse(text, index_mode=True)`` without offsets.

    This is the hot loop of indexing, so it avoids building a :class:`Term` per word.
    """
    freq = _segmenter().FREQ
    stops = stop_words()
    for word, _start in cut(text):
        w = word.lower()
        if not _keep(w, stops):
            continue
        yield w, False
        if len(w) > 2:
            for sub, _offset in _subwords(w, freq, stops):
                yield sub, True


class LegalTokenizer(Tokenizer):  # type: ignore[misc]
    """whoosh tokenizer over :func:`analyse` (sub-words when indexing, precise words for queries)."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,  # noqa: ARG002 - whoosh's tokenizer protocol
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        t.stopped = False
        if not tokenize:
            t.original = t.text = value
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        if mode == "index" and not chars:
            pos = start_pos - 1
            for text, sub in index_terms(value):
                if not sub:
                    pos += 1
                t.original = t.text = text
                if positions:
                    t.pos = max(pos, start_pos)
                yield t
            return
        for term in analyse(value, index_mode=(mode == "index")):
            t.original = t.text = term.text
            if positions:
                t.pos = start_pos + term.pos
            if chars:
                t.startchar, t.endchar = start_char + term.start, start_char + term.end
            yield t


def legal_analyzer() -> LegalTokenizer:
    return LegalTokenizer()
