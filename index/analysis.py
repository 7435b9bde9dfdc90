"""French text analysis for the index: the same chain for indexing and for queries.

The rule, in this order (the order matters, see below):

1. words are runs of letters and digits, apostrophes inside a word kept ("l'hôpital",
   "aujourd'hui"), so that elisions are told apart from words;
2. lower case;
3. elisions dropped: ``l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu'`` (straight
   or typographic apostrophe): "l'hôpital" is indexed as "hôpital";
4. stop words dropped: Whoosh's French list (Snowball's), which lacks "les", plus a few
   more, in accented and unaccented forms so that "etait" is dropped like "était";
5. accents folded (``relance.text.fold``: "hôpitaux" → "hopitaux", "œuvre" → "oeuvre");
6. French Snowball stemming: "hopitaux" → "hopital", "agriculteurs" → "agriculteur".

Folding comes *before* stemming: the stemmer's rules are accent-sensitive, so stemming
first gives "sécurité" → "secur" but "securite" → "securit", and a query typed without
accents misses accented text.

Speed: steps 2–6 depend only on the word, and a corpus has few distinct words (about
50,000 for 20,000 questions), so they run once per distinct word and their result is
kept in a module-level cache. That one cached filter replaces the five-filter Whoosh
chain ``LowercaseFilter | StopFilter | CharsetFilter | StemFilter`` (plus an elision
filter) and gives the same terms (tests/index/test_analysis.py checks it); it makes
analysis several times faster, which matters for the build rate.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh import formats
from whoosh.analysis import Analyzer, Filter, RegexTokenizer, Token
from whoosh.lang import stemmer_for_language, stopwords_for_language

from relance.text import fold

#: A word: letters and digits, with apostrophes kept inside it (elisions, "aujourd'hui").
WORD_PATTERN = r"\w+(?:['’]\w+)*"

_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\w)")

#: Words too frequent to help a search. Whoosh's French list (Snowball's) lacks "les".
EXTRA_STOP_WORDS = frozenset({"les", "cette", "cet", "dont", "lors", "ainsi", "afin"})
STOP_WORDS = frozenset(
    {w for word in stopwords_for_language("fr") | EXTRA_STOP_WORDS for w in (word, fold(word))}
)
#: Tokens shorter than this are dropped (single letters and digits), as StopFilter does.
MIN_SIZE = 2

_stem = stemmer_for_language("fr")

#: raw token → (term or None for a stop word, length of the elided prefix). Bounded:
#: cleared when full (a corpus's vocabulary fits well within it).
_CACHE: dict[str, tuple[str | None, int]] = {}
CACHE_SIZE = 500_000


def normalize_word(raw: str) -> tuple[str | None, int]:
    """The indexed term for one token, or None when it is a stop word; and how many
    characters of elision were cut from its start (to keep highlights on the word)."""
    word = raw.lower()
    cut = 0
    match = _ELISION.match(word)
    if match:
        cut = match.end()
        word = word[cut:]
    if len(word) < MIN_SIZE or word in STOP_WORDS:
        return None, cut
    folded = fold(word)
    if folded in STOP_WORDS:
        return None, cut
    return _stem(folded), cut


def cached_term(raw: str) -> tuple[str | None, int]:
    """``normalize_word`` through the module's per-word cache."""
    found = _CACHE.get(raw)
    if found is None:
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.clear()
        found = _CACHE[raw] = normalize_word(raw)
    return found


class FrenchFilter(Filter):
    """Steps 2–6 of the module's rule in one filter, cached per distinct token.

    Stop words are dropped (or marked ``stopped`` when the caller keeps them, as the
    highlighter does), and the positions of the remaining words are renumbered like
    Whoosh's ``StopFilter`` does, so phrase queries match across dropped words the same
    way at index and query time.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        pos: int | None = None
        for t in tokens:
            term, cut = cached_term(t.text)
            if term is None:
                if not t.removestops:
                    t.stopped = True
                    yield t
                continue
            if t.positions:
                pos = t.pos if pos is None else pos + 1
                t.pos = pos
            if cut and t.chars:
                t.startchar += cut
            t.text = term
            t.stopped = False
            yield t


class FoldFilter(Filter):
    """Lower case and accents folded, nothing else: for names, where stemming would
    conflate "Martin" and "Martine"."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold(t.text)
            yield t


_WORD = re.compile(WORD_PATTERN)
_COUNT = struct.Struct("!I")  # how Whoosh's Positions format starts a value: the frequency


class FrenchPositions(formats.Positions):
    """The postings format of the French full-text fields: positions, like Whoosh's
    ``Positions``, built faster.

    Indexing runs the module's rule inline (one regex pass, the per-word cache, the same
    position numbering as ``FrenchFilter``) instead of pulling every word through the
    analyzer's chain of generators, and stores positions as packed integers instead of a
    pickled list: together about twice as fast to build, and phrase matching decodes
    them without unpickling. Only for fields analyzed by ``french_analyzer()`` (queries
    still go through it, so both sides give the same terms; tests check it).
    """

    def word_values(
        self, value: Any, analyzer: Any, **kwargs: Any
    ) -> Iterable[tuple[str, int, float, bytes]]:
        if not isinstance(value, str):  # pre-tokenized input: Whoosh's own way
            yield from super().word_values(value, analyzer, **kwargs)
            return
        positions: dict[str, list[int]] = {}
        pos = -1
        for raw_pos, match in enumerate(_WORD.finditer(value)):
            term = cached_term(match.group())[0]
            if term is None:
                continue
            # As FrenchFilter: the first kept word keeps its place, the next ones follow.
            pos = raw_pos if pos < 0 else pos + 1
            positions.setdefault(term, []).append(pos)
        boost = self.field_boost
        for term, where in positions.items():
            yield term, len(where), len(where) * boost, self.encode(where)

    def encode(self, poslist: Any) -> bytes:
        return _COUNT.pack(len(poslist)) + struct.pack(f"<{len(poslist)}I", *poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        count = (len(valuestring) - _COUNT.size) // 4
        return list(struct.unpack_from(f"<{count}I", valuestring, _COUNT.size))


def french_analyzer() -> Analyzer:
    """The analyzer of the full-text fields (questions, answers, analyses)."""
    return RegexTokenizer(WORD_PATTERN) | FrenchFilter()


def name_analyzer() -> Analyzer:
    """The analyzer of deputies' names and refs: "Hélène Dupont" finds "helene dupont"."""
    return RegexTokenizer(WORD_PATTERN) | FoldFilter()


def terms(text: str) -> list[str]:
    """The terms indexed for ``text`` (for tests and diagnostics)."""
    return [t.text for t in french_analyzer()(text)]
