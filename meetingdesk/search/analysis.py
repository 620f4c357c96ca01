"""Chinese text analysis for the library index: jieba with a legal dictionary and stop words.

One pure function, :func:`analyse`, turns text into index terms; the whoosh analyzer wraps it, and
the parallel indexer calls it in worker processes and hands the finished terms to whoosh
(see :data:`PRETOKENIZED`), so both cores segment while one writes the index.

Why sub-words: jieba's precise mode keeps "故意伤害" as one word, so a search for "伤害" would miss it.
When indexing, each long word also yields the dictionary words inside it (as jieba's search mode
does) at the same position, so phrases still match; queries use the precise mode.
"""

from __future__ import annotations

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

PRETOKENIZED = "\x1f"
"""A field value starting with this character carries finished terms separated by spaces."""

_WORD = re.compile(r"[\w\-.%]+", re.UNICODE)
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


def warm_up() -> None:
    """Load the dictionary now (about a second) rather than on the first search."""
    _segmenter()


def prepare_worker_init() -> None:
    """Initialiser of the indexing worker processes."""
    warm_up()


@dataclass(frozen=True)
class Term:
    text: str
    pos: int
    start: int
    end: int


def analyse(text: str, *, index_mode: bool = False) -> Iterator[Term]:
    """Segment ``text`` into lower-case terms without stop words or bare numbers.

    Args:
        index_mode: also yield the dictionary words inside long words, at the same position.
    """
    tk = _segmenter()
    stops = stop_words()
    freq = tk.FREQ
    pos = 0
    for word, start, end in tk.tokenize(text, HMM=False):
        w = word.strip().lower()
        if not w or w in stops or not _WORD.fullmatch(w) or _NUMBERISH.match(w) or len(w) > _MAX_TERM:
            continue
        yield Term(w, pos, start, end)
        if index_mode and len(w) > 2:
            for n in (2, 3, 4):
                for i in range(len(w) - n + 1):
                    sub = w[i : i + n]
                    if sub != w and freq.get(sub) and sub not in stops:
                        yield Term(sub, pos, start + i, start + i + n)
        pos += 1


def pretokenize(text: str) -> str:
    """Index terms of ``text`` as a field value for :data:`PRETOKENIZED` ("+" marks a sub-word).

    The same terms as ``analyse(text, index_mode=True)``, built without offsets: this is the hot
    loop of indexing.
    """
    tk = _segmenter()
    stops = stop_words()
    freq = tk.FREQ
    out: list[str] = []
    append = out.append
    for word in tk.cut(text, HMM=False):
        w = word.strip().lower()
        if not w or w in stops or len(w) > _MAX_TERM or not _WORD.fullmatch(w) or _NUMBERISH.match(w):
            continue
        append(w)
        if len(w) > 2:
            for n in (2, 3, 4):
                for i in range(len(w) - n + 1):
                    sub = w[i : i + n]
                    if sub != w and freq.get(sub) and sub not in stops:
                        append("+" + sub)
    return PRETOKENIZED + " ".join(out)


class LegalTokenizer(Tokenizer):  # type: ignore[misc]
    """whoosh tokenizer over :func:`analyse` (or over pre-tokenized terms from a worker process)."""

    def __call__(  # noqa: PLR0913 - whoosh's tokenizer protocol
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        if value.startswith(PRETOKENIZED):
            pos = -1
            for raw in value[1:].split():
                sub = raw.startswith("+")
                text = raw[1:] if sub else raw
                if not sub or pos < 0:
                    pos += 1
                t.original = t.text = text
                t.boost = 1.0
                t.stopped = False
                if positions:
                    t.pos = start_pos + pos
                if chars:
                    t.startchar = t.endchar = start_char
                yield t
            return
        for term in analyse(value, index_mode=(mode == "index")):
            t.original = t.text = term.text
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + term.pos
            if chars:
                t.startchar, t.endchar = start_char + term.start, start_char + term.end
            yield t


def legal_analyzer() -> LegalTokenizer:
    return LegalTokenizer()
