"""Vectorized matching: a query's matching documents and their scores as numpy arrays.

Why: Whoosh matches and scores one document at a time in Python. Facets need *every*
match, so a common word (in half the corpus) meant scoring 50,000 documents one by one
(a quarter of a second at 100,000 questions). Here each posting list is read a block at
a time (128 postings) straight into numpy, the query's tree becomes boolean masks and
score vectors over all documents, and the top hits, the total and the facet counts are
array operations. Scores are Whoosh's own BM25F (same idf, field lengths and
parameters), so rankings agree with Whoosh's collector.

Supported: terms, And, Or, Not, AndNot, AndMaybe, Require, prefixes and wildcards
(expanded, at most ``MAX_EXPANSIONS`` terms), numeric and date ranges, Every, and
phrases (their documents checked by Whoosh's own phrase matcher; ranked by the BM25F of
their words, where Whoosh's collector would rank by the phrase's own frequency).
Anything else raises ``Unsupported`` and the caller falls back to Whoosh's collector.

Decoded posting lists are kept in a bounded LRU per searcher, so the same words asked
again (a facet toggled, the next page, an export) cost nothing.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from itertools import islice
from typing import Any

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.scoring import BM25F
from whoosh.util.numeric import _length_byte_cache

from index.analysis import FrenchPositions
from index.codec import PackedValues

MAX_EXPANSIONS = 2_000  # terms a prefix or wildcard may stand for
CACHE_POSTINGS = 5_000_000  # postings kept decoded per searcher (~60 MB)

_BYTE_TO_LENGTH = np.asarray(_length_byte_cache, dtype=np.float32)
_EMPTY = (np.zeros(0, np.int64), np.zeros(0, np.float32))


class Unsupported(Exception):
    """A query node this module does not evaluate: use Whoosh's collector."""


class Docsets:
    """Everything vectorized matching needs from one open searcher, loaded lazily and
    kept as long as the searcher: posting lists, field lengths, deletions, columns."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        reader = searcher.reader()
        self.leaves: list[tuple[Any, int]] = reader.leaf_readers()
        self.size: int = reader.doc_count_all()
        self.live = np.ones(self.size, dtype=bool)
        for leaf, offset in self.leaves:
            if leaf.has_deletions():
                deleted = np.fromiter(leaf.deleted_docs_set, dtype=np.int64)  # a property
                self.live[deleted + offset] = False
        weighting = searcher.weighting
        if not isinstance(weighting, BM25F):
            raise Unsupported(f"weighting {type(weighting).__name__}")
        self.weighting = weighting
        self._lengths: dict[str, np.ndarray] = {}
        self._arrays: dict[str, np.ndarray] = {}
        self._cache: OrderedDict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0
        self._lock = threading.Lock()

    # -- raw material -------------------------------------------------------------------------

    def postings(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(global docnums ascending, weights) of one term, deleted documents included."""
        key = (fieldname, btext)
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
        ids_parts, weight_parts = [], []
        for leaf, offset in self.leaves:
            if (fieldname, btext) not in leaf:
                continue
            matcher = leaf.postings(fieldname, btext)
            while hasattr(matcher, "child"):  # a segment with deletions wraps its matcher
                matcher = matcher.child
            ids, weights = _read_blocks(matcher)
            ids_parts.append(ids + offset)
            weight_parts.append(weights)
        if not ids_parts:
            return _EMPTY
        found = (np.concatenate(ids_parts), np.concatenate(weight_parts))
        with self._lock:
            self._cache[key] = found
            self._cached += len(found[0])
            while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
                _, (old, _) = self._cache.popitem(last=False)
                self._cached -= len(old)
        return found

    def lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length of one field, as Whoosh decodes it for BM25."""
        with self._lock:
            if fieldname not in self._lengths:
                parts = []
                for leaf, _ in self.leaves:
                    column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                    count = leaf.doc_count_all()
                    if column is None:
                        parts.append(np.zeros(count, dtype=np.uint8))
                    else:
                        parts.append(np.fromiter(iter(column), dtype=np.uint8, count=count))
                codes = np.concatenate(parts) if parts else np.zeros(0, np.uint8)
                self._lengths[fieldname] = _BYTE_TO_LENGTH[codes]
            return self._lengths[fieldname]

    def array(self, name: str, load: Any) -> np.ndarray:
        """A column as an int64 numpy array (``load()`` makes it), cached."""
        with self._lock:
            if name not in self._arrays:
                self._arrays[name] = load()
            return self._arrays[name]

    # -- evaluation -------------------------------------------------------------------------

    def evaluate(self, q: query.Query, columns: Any) -> tuple[np.ndarray, np.ndarray]:
        """(mask of matching documents, their scores) for ``q``; ``columns(name)`` gives a
        numeric column as an int64 array (ranges read it)."""
        if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
            return self._nothing()
        if isinstance(q, query.Every):
            return self.live.copy(), np.zeros(self.size, np.float32)
        if isinstance(q, query.Term):
            return self._term(q)
        if isinstance(q, query.Phrase):
            return self._phrase(q, columns)
        if isinstance(q, query.Prefix | query.Wildcard):
            return self._expanded(q)
        if isinstance(q, query.NumericRange):  # DateRange is one too
            return self._range(q, columns)
        if isinstance(q, query.Not):
            mask, _ = self.evaluate(q.query, columns)
            return ~mask, np.zeros(self.size, np.float32)
        if isinstance(q, query.AndNot):
            mask, scores = self.evaluate(q.a, columns)
            other, _ = self.evaluate(q.b, columns)
            return mask & ~other, scores
        if isinstance(q, query.AndMaybe):
            mask, scores = self.evaluate(q.a, columns)
            other, extra = self.evaluate(q.b, columns)
            return mask, scores + np.where(other & mask, extra, 0)
        if isinstance(q, query.Require):
            mask, scores = self.evaluate(q.a, columns)
            other, _ = self.evaluate(q.b, columns)
            return mask & other, scores
        if isinstance(q, query.And):
            return self._combine(q.subqueries, columns, all_of=True, boost=q.boost)
        if isinstance(q, query.Or) and not q.minmatch:
            return self._combine(q.subqueries, columns, all_of=False, boost=q.boost)
        raise Unsupported(type(q).__name__)

    def _nothing(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.size, bool), np.zeros(self.size, np.float32)

    def _combine(
        self, parts: list[query.Query], columns: Any, *, all_of: bool, boost: float
    ) -> tuple[np.ndarray, np.ndarray]:
        if not parts:
            return self._nothing()
        # Negations inside an And restrict it; evaluated after the positive parts.
        mask: np.ndarray | None = None
        scores = np.zeros(self.size, np.float32)
        for part in parts:
            sub_mask, sub_scores = self.evaluate(part, columns)
            if mask is None:
                mask = sub_mask.copy()
            elif all_of:
                mask &= sub_mask
            else:
                mask |= sub_mask
            scores += sub_scores
        assert mask is not None
        if boost != 1.0:
            scores *= boost
        return mask, scores

    def _term(self, q: query.Term) -> tuple[np.ndarray, np.ndarray]:
        if q.fieldname not in self.searcher.schema:  # a Schema has no .get()
            return self._nothing()
        field = self.searcher.schema[q.fieldname]
        try:
            btext = field.to_bytes(q.text)
        except ValueError:
            return self._nothing()
        ids, weights = self.postings(q.fieldname, btext)
        mask = np.zeros(self.size, bool)
        mask[ids] = True
        scores = np.zeros(self.size, np.float32)
        if len(ids):
            scores[ids] = self._score(q.fieldname, btext, ids, weights) * q.boost
        return mask, scores

    def _score(
        self, fieldname: str, btext: bytes, ids: np.ndarray, weights: np.ndarray
    ) -> np.ndarray:
        """Whoosh's BM25F for one term, for all its documents at once."""
        field = self.searcher.schema[fieldname]
        if not field.scorable:
            return weights
        parent = self.searcher.get_parent()
        idf = parent.idf(fieldname, btext)
        avgfl = parent.avg_field_length(fieldname) or 1
        b = self.weighting._field_B.get(fieldname, self.weighting.B)
        k1 = self.weighting.K1
        lengths = self.lengths(fieldname)[ids]
        return (
            idf * (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl))
        ).astype(np.float32)

    def _expanded(self, q: query.Prefix | query.Wildcard) -> tuple[np.ndarray, np.ndarray]:
        """Every indexed term the pattern stands for (at most ``MAX_EXPANSIONS``), scored
        like whoosh3 does: an OR of those terms, each scoring its BM25F (whoosh3 asks for
        a constant score but its term matchers still score)."""
        expanded = list(islice(q._btexts(self.searcher.reader()), MAX_EXPANSIONS))
        if len(expanded) == 1:
            btext = expanded[0]
            return self._term(query.Term(q.fieldname, btext.decode("utf-8"), boost=q.boost))
        mask = np.zeros(self.size, bool)
        scores = np.zeros(self.size, np.float32)
        for btext in expanded:
            ids, weights = self.postings(q.fieldname, btext)
            mask[ids] = True
            if len(ids):
                scores[ids] += self._score(q.fieldname, btext, ids, weights)
        return mask, scores * np.float32(q.boost)

    def _range(self, q: query.NumericRange, columns: Any) -> tuple[np.ndarray, np.ndarray]:
        values = columns(q.fieldname)
        if values is None:
            raise Unsupported(f"range on {q.fieldname}")
        field = self.searcher.schema[q.fieldname]
        mask = np.ones(self.size, bool)
        if q.start is not None:
            start = field.prepare_number(q.start)
            mask &= values > start if q.startexcl else values >= start
        if q.end is not None:
            end = field.prepare_number(q.end)
            mask &= values < end if q.endexcl else values <= end
        return mask, np.zeros(self.size, np.float32)

    def _phrase(self, q: query.Phrase, columns: Any) -> tuple[np.ndarray, np.ndarray]:
        """The documents holding every word (vectorized), then their positions: read from
        ``index.codec``'s packed values and checked with array operations, or by Whoosh's
        phrase matcher on segments of another codec or a phrase with a slop. A phrase
        costs about as much as reading its words' postings."""
        words = [query.Term(q.fieldname, w, boost=q.boost) for w in q.words]
        mask, scores = self._combine(words, columns, all_of=True, boost=1.0)
        if len(q.words) < 2 or not mask.any():
            return mask, scores
        found = None
        if q.slop == 1:
            try:
                found = self._adjacent(q, mask)
            except Unsupported:
                found = None
        if found is None:
            found = np.zeros(self.size, bool)
            for leaf_searcher, offset in self.searcher.subsearchers or [(self.searcher, 0)]:
                matcher = q.matcher(leaf_searcher)
                ids = np.fromiter(matcher.all_ids(), dtype=np.int64)
                found[ids + offset] = True
        mask &= found
        return mask, np.where(mask, scores, np.float32(0))

    def _adjacent(self, q: query.Phrase, candidates: np.ndarray) -> np.ndarray:
        """Documents among ``candidates`` where the words follow one another (Whoosh's
        phrase with slop 1): word i at position p - … + i for one p. Each word's
        (document, position - i) pairs become int64 keys; the phrase's documents are the
        keys all words share."""
        field = self.searcher.schema[q.fieldname]
        if not isinstance(field.format, FrenchPositions):  # other formats pickle positions
            raise Unsupported(f"positions of {q.fieldname}")
        shared: np.ndarray | None = None
        for i, word in enumerate(q.words):
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return np.zeros(self.size, bool)
            docs, positions = self._positions(q.fieldname, btext, candidates)
            keys = (docs << 32) + (positions - i)
            if len(keys) > 1 and not (keys[1:] > keys[:-1]).all():  # sorted as read, normally
                keys = np.unique(keys)
            shared = keys if shared is None else _sorted_common(shared, keys)
            if not len(shared):
                break
        found = np.zeros(self.size, bool)
        if shared is not None and len(shared):
            found[np.unique(shared >> 32)] = True
        return found

    def _positions(
        self, fieldname: str, btext: bytes, candidates: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """(document, position) of every occurrence of a term in the candidate documents,
        from packed blocks only (``Unsupported`` otherwise); blocks without a candidate
        are not inflated."""
        ids_parts, value_parts = [], []
        for leaf, offset in self.leaves:
            if (fieldname, btext) not in leaf:
                continue
            matcher = leaf.postings(fieldname, btext)
            while hasattr(matcher, "child"):
                matcher = matcher.child
            if not hasattr(matcher, "_read_data"):
                raise Unsupported("postings without blocks")
            while matcher.is_active():
                if matcher._data is None:
                    matcher._read_data()
                raw, _, values = matcher._data
                if not isinstance(raw, array) or not isinstance(values, PackedValues):
                    raise Unsupported("positions of another codec")
                ids = np.cumsum(np.frombuffer(raw, np.uint32), dtype=np.int64) + offset
                if candidates[ids].any():  # else its values stay deflated
                    ids_parts.append(ids)
                    value_parts.append(values)
                matcher._next_block()
        if not ids_parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        # All chosen blocks decoded at once: their values laid end to end.
        arrays = [v.arrays() for v in value_parts]
        sizes = np.array([len(words) for _, words in arrays], np.int64)
        shift = np.repeat(np.cumsum(sizes) - sizes, [len(ends) for ends, _ in arrays])
        ends = np.concatenate([ends for ends, _ in arrays]).astype(np.int64) // 4 + shift
        words = np.concatenate([words for _, words in arrays])
        ids = np.concatenate(ids_parts)
        chosen = np.flatnonzero(candidates[ids])
        # Each value: a 4-byte count, then the positions (uint32 each).
        starts = np.concatenate(([0], ends[:-1]))[chosen] + 1
        counts = ends[chosen] - starts
        within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        docs = np.repeat(ids[chosen], counts)
        return docs, words[np.repeat(starts, counts) + within].astype(np.int64)


def _sorted_common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values of ``a`` also in ``b``; both sorted, without repeats (no sort needed)."""
    if not len(a) or not len(b):
        return a[:0]
    at = np.searchsorted(b, a)
    inside = at < len(b)
    keep = np.zeros(len(a), bool)
    keep[inside] = b[at[inside]] == a[inside]
    return a[keep]


def _read_blocks(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """All (ids, weights) of a whoosh3 leaf matcher, a block at a time."""
    ids_parts, weight_parts = [], []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        data = matcher._data
        raw = data[0]
        # index.codec's blocks hold arrays (read without a copy); W3's, tuples of ints.
        deltas = np.frombuffer(raw, np.uint32) if isinstance(raw, array) else np.asarray(raw)
        ids = deltas.astype(np.int64) if matcher._byteids else np.cumsum(deltas, dtype=np.int64)
        ids_parts.append(ids)
        weights = data[1]
        if weights is None:
            weight_parts.append(np.ones(len(ids), np.float32))
        elif isinstance(weights, float):
            weight_parts.append(np.full(len(ids), weights, np.float32))
        elif isinstance(weights, array):
            weight_parts.append(np.frombuffer(weights, np.float32))
        else:
            weight_parts.append(np.asarray(weights, dtype=np.float32))
        matcher._next_block()
    if not ids_parts:
        return _EMPTY
    return np.concatenate(ids_parts), np.concatenate(weight_parts)
