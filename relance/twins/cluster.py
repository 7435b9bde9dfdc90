"""MinHash signatures, LSH candidates, exact check, union-find: the clustering (pure).

How two texts become twins, step by step:

1. **Signature** (``Signer``): the MinHash of a text's shingle set, computed by datasketch
   (``MinHash``, permutation scheme ``affine32``: ``num_perm`` 32-bit values). It is stored,
   so a text is signed once.
2. **Candidates** (``candidate_pairs``): LSH banding over the signatures, ``b`` bands of
   ``r`` values each, with the ``(b, r)`` that datasketch's ``MinHashLSH`` picks for
   ``Params.lsh_threshold`` (lower than ``threshold``, for recall). Two texts are candidates
   when their values agree on a whole band. The bands are grouped with numpy over the
   signature matrix (sort, runs of equal keys) rather than in datasketch's in-memory index,
   which costs several kilobytes of Python objects a text: a million texts would not fit.
   Texts with identical signatures are grouped first: one of them stands for the others in
   the bands (identical answers, the same referral sentence a thousand times).
3. **Estimate**: the share of equal signature values between two candidates estimates
   their Jaccard similarity (±0.045 at 0.5 with 128 values); pairs below
   ``threshold - ESTIMATE_MARGIN`` are dropped without reading their texts.
4. **Exact check** (the caller's ``check``): Jaccard similarity of the two shingle sets
   ``>= Params.threshold``.
5. **Union-find**: each exact link joins two clusters; a cluster is a connected component
   of the links. A text needs one link to join a cluster: for each cluster among its
   candidates, the ``TRIES`` candidates with the best estimates are checked, best first,
   until one passes.

Placing new texts (``link``) checks only pairs with at least one new text, in the order of
the texts (first occurrence first): clusters come out the same whether the texts arrive at
once or in batches, up to the ``TRIES`` limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

#: Words per shingle: 5 keeps the sentence templates two texts share by chance (a few
#: words around a rubrique's phrase) from counting, and survives small edits.
SHINGLE = 5
#: MinHash values per text (4 bytes each in ``text_signatures``).
NUM_PERM = 128
SEED = 1
#: Two texts are twins when the Jaccard similarity of their shingle sets reaches this
#: (measured on the demo corpus: planted near-duplicates ≥ 0.6, unrelated texts on the same
#: rubrique ≤ 0.5; see ``bench/twins_bench.py``).
THRESHOLD = 0.55
#: The LSH bands are tuned for this similarity (datasketch's optimiser, equal weights).
LSH_THRESHOLD = 0.45
#: Texts with fewer shingles are left out (a one-line answer is not boilerplate).
MIN_SHINGLES = 8
#: Candidates whose estimated similarity is this far below ``THRESHOLD`` are not checked.
ESTIMATE_MARGIN = 0.15
#: Candidates checked per cluster, best estimate first, before giving up on that cluster.
TRIES = 3
#: A bucket with more texts than this (after grouping identical signatures) is linked as a
#: chain and a star (each text to the next and to the first) rather than all pairs.
MAX_BUCKET = 200
_PAIR_CHUNK = 200_000


@dataclass(frozen=True)
class Params:
    """Everything the clusters depend on; stored with them: other values mean a rebuild."""

    shingle: int = SHINGLE
    num_perm: int = NUM_PERM
    seed: int = SEED
    threshold: float = THRESHOLD
    lsh_threshold: float = LSH_THRESHOLD
    min_shingles: int = MIN_SHINGLES

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)

    @property
    def bands(self) -> tuple[int, int]:
        """(b, r): ``b`` bands of ``r`` signature values."""
        return _bands(self.lsh_threshold, self.num_perm)


@lru_cache(maxsize=16)
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


class Signer:
    """MinHash signatures (datasketch) of shingle sets (already 32-bit hashes)."""

    def __init__(self, params: Params) -> None:
        self._minhash = MinHash(
            num_perm=params.num_perm, seed=params.seed, scheme="affine32", hashfunc=int
        )

    def sign(self, shingles: np.ndarray) -> np.ndarray:
        minhash = self._minhash  # reused: cleared, then fed (a copy per text costs more)
        minhash.clear()
        minhash.update_batch(shingles.tolist())
        return minhash.hashvalues.astype(np.uint32, copy=True)


def to_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4", copy=False).tobytes()


def from_bytes(blobs: Iterable[bytes], num_perm: int) -> np.ndarray:
    """Stored signatures → an (n, num_perm) ``uint32`` matrix."""
    joined = b"".join(blobs)
    return np.frombuffer(joined, dtype="<u4").astype(np.uint32).reshape(-1, num_perm)


_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xBF58476D1CE4E5B9)
_K3 = np.uint64(0x94D049BB133111EB)


def band_keys(signatures: np.ndarray, b: int, r: int) -> np.ndarray:
    """(n, b) ``uint64`` keys, one per band: a hash of the band's ``r`` values. Two texts
    whose keys agree are candidates (a rare false agreement only adds a candidate)."""
    n = len(signatures)
    keys = np.empty((n, b), dtype=np.uint64)
    values = signatures.astype(np.uint64)
    for band in range(b):
        h = np.full(n, np.uint64(band + 1), dtype=np.uint64)
        for column in range(band * r, band * r + r):
            h = (h ^ values[:, column]) * _K1
            h ^= h >> np.uint64(29)
        h *= _K2
        h ^= h >> np.uint64(32)
        keys[:, band] = h * _K3
    return keys


def identical_groups(signatures: np.ndarray) -> np.ndarray:
    """For each row, the index of the first row with the same signature."""
    if not len(signatures):
        return np.empty(0, dtype=np.int64)
    rows = np.ascontiguousarray(signatures).view(
        np.dtype((np.void, signatures.dtype.itemsize * signatures.shape[1]))
    )[:, 0]
    _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
    return first[inverse.reshape(-1)]


def estimate(signatures: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of the pairs (a[i], b[i]): the share of equal values."""
    out = np.empty(len(a), dtype=np.float32)
    for start in range(0, len(a), _PAIR_CHUNK):
        stop = start + _PAIR_CHUNK
        equal = signatures[a[start:stop]] == signatures[b[start:stop]]
        out[start:stop] = equal.mean(axis=1)
    return out


def _bucket_pairs(members: np.ndarray, starts: np.ndarray, size: int) -> list[np.ndarray]:
    """Pairs inside buckets of ``size`` members (``members[starts + i]``), as two arrays."""
    if size > MAX_BUCKET:
        lefts: list[np.ndarray] = []
        rights: list[np.ndarray] = []
        for start in starts.tolist():
            run = members[start : start + size]
            lefts += [run[1:], run[2:]]
            rights += [np.full(size - 1, run[0]), run[1:-1]]
        return [np.concatenate(lefts), np.concatenate(rights)]
    upper = np.triu_indices(size, 1)
    left = members[starts[:, None] + upper[0][None, :]].reshape(-1)
    right = members[starts[:, None] + upper[1][None, :]].reshape(-1)
    return [left, right]


def candidate_pairs(
    signatures: np.ndarray,
    keys: np.ndarray,
    *,
    eligible: np.ndarray,
    active: np.ndarray | None,
    min_estimate: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs (i, j, estimate), i > j, unique, with an estimate ≥ ``min_estimate``.

    ``eligible``: the rows that take part (one per group of identical signatures);
    ``active``: the new or changed rows (``None``: all rows, a full run). Only pairs with
    at least one active row are returned."""
    found_a: list[np.ndarray] = []
    found_b: list[np.ndarray] = []
    found_e: list[np.ndarray] = []
    rows = np.flatnonzero(eligible)
    for band in range(keys.shape[1]):
        column = keys[rows, band]
        if active is not None:
            wanted = np.unique(keys[active & eligible, band])
            keep = np.isin(column, wanted)
            subset, column = rows[keep], column[keep]
        else:
            subset = rows
        if len(subset) < 2:
            continue
        order = np.argsort(column, kind="stable")
        sorted_keys = column[order]
        members = subset[order]
        boundary = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        starts = np.concatenate(([0], boundary))
        sizes = np.diff(np.concatenate((starts, [len(sorted_keys)])))
        for size in np.unique(sizes[sizes >= 2]):
            left, right = _bucket_pairs(members, starts[sizes == size], int(size))
            if active is not None:
                touches = active[left] | active[right]
                left, right = left[touches], right[touches]
            if len(left):  # filtered band by band: memory holds the survivors only
                estimates = estimate(signatures, left, right)
                keep = estimates >= min_estimate
                found_a.append(np.maximum(left, right)[keep])
                found_b.append(np.minimum(left, right)[keep])
                found_e.append(estimates[keep])
    empty = np.empty(0, dtype=np.int64)
    if not found_a:
        return empty, empty, np.empty(0, dtype=np.float32)
    a = np.concatenate(found_a).astype(np.int64)
    b = np.concatenate(found_b).astype(np.int64)
    estimates = np.concatenate(found_e)
    _, first = np.unique(a << 32 | b, return_index=True)
    return a[first], b[first], estimates[first]


class UnionFind:
    """Disjoint sets over row indices, with path halving; the root of a set is its
    smallest row, so that roots follow the order of the rows (first occurrence first)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return ra

    def isolate(self, rows: Iterable[int]) -> None:
        """Make each row a set of its own again (all the rows of their sets must be given)."""
        for row in rows:
            self.parent[row] = row


@dataclass
class LinkStats:
    candidates: int = 0  # pairs sharing a band, estimate high enough
    checked: int = 0  # exact checks run
    linked: int = 0  # exact checks passed that joined two clusters


def link(
    signatures: np.ndarray,
    uf: UnionFind,
    *,
    active: np.ndarray | None,
    params: Params,
    check: Callable[[list[tuple[int, int]]], list[float]],
    keys: np.ndarray | None = None,
) -> LinkStats:
    """Join the clusters of ``uf`` along the exact links found among the candidates (see
    the module docstring). Rows must be in first-occurrence order. ``check(pairs)`` returns
    the exact similarity of each pair (it may load texts: pairs come in batches)."""
    stats = LinkStats()
    n = len(signatures)
    if n < 2:
        return stats
    b, r = params.bands
    if keys is None:
        keys = band_keys(signatures, b, r)
    same = identical_groups(signatures)
    eligible = same == np.arange(n)
    # Identical signatures: each row against its group's first row.
    copies = np.flatnonzero(~eligible)
    if active is not None:
        group_active = np.zeros(n, dtype=bool)
        np.logical_or.at(group_active, same, active)
        copies = copies[active[copies] | group_active[same[copies]]]
    else:
        group_active = None
    pairs = [(int(row), int(same[row])) for row in copies if uf.find(row) != uf.find(same[row])]
    if pairs:
        stats.checked += len(pairs)
        for (row, first), similarity in zip(pairs, check(pairs), strict=True):
            if similarity >= params.threshold:
                stats.linked += uf.find(row) != uf.find(first)
                uf.union(row, first)
    # A group with an active member takes part in the bands as active.
    band_active = None
    if active is not None:
        band_active = active.copy()
        band_active[eligible] |= group_active[eligible]  # type: ignore[index]
    a, b_, est = candidate_pairs(
        signatures,
        keys,
        eligible=eligible,
        active=band_active,
        min_estimate=params.threshold - ESTIMATE_MARGIN,
    )
    stats.candidates = len(a)
    if not len(a):
        return stats
    # Later row first, then best estimate first: each row meets the clusters placed before.
    order = np.lexsort((-est, b_, a))
    a, b_, est = a[order], b_[order], est[order]
    later = np.maximum(a, b_)
    boundaries = np.flatnonzero(later[1:] != later[:-1]) + 1
    starts = np.concatenate(([0], boundaries))
    stops = np.concatenate((boundaries, [len(a)]))
    # Exact checks in batches: for each row, the candidates worth checking (TRIES per
    # cluster); a batch is checked at once, then unions are applied in row order.
    batch: list[tuple[int, list[int]]] = []
    for start, stop in zip(starts.tolist(), stops.tolist(), strict=True):
        batch.append((int(later[start]), [int(x) for x in b_[start:stop]]))
        if len(batch) >= 500:
            _resolve(batch, uf, params, check, stats)
            batch = []
    if batch:
        _resolve(batch, uf, params, check, stats)
    return stats


def _resolve(
    batch: list[tuple[int, list[int]]],
    uf: UnionFind,
    params: Params,
    check: Callable[[list[tuple[int, int]]], list[float]],
    stats: LinkStats,
) -> None:
    """Check each row's candidates, best first, ``TRIES`` per cluster, until linked."""
    pending = batch
    tried: dict[int, dict[int, int]] = {}
    while pending:
        # one round: the next untried candidate of each row, per cluster
        round_pairs: list[tuple[int, int]] = []
        next_pending: list[tuple[int, list[int]]] = []
        for row, others in pending:
            counts = tried.setdefault(row, {})
            root = uf.find(row)
            chosen = None
            rest: list[int] = []
            for i, other in enumerate(others):
                other_root = uf.find(other)
                if other_root == root or counts.get(other_root, 0) >= TRIES:
                    continue
                chosen = other
                counts[other_root] = counts.get(other_root, 0) + 1
                rest = others[i + 1 :]
                break
            if chosen is not None:
                round_pairs.append((row, chosen))
                if rest:
                    next_pending.append((row, rest))
        if not round_pairs:
            return
        stats.checked += len(round_pairs)
        for (row, other), similarity in zip(round_pairs, check(round_pairs), strict=True):
            if similarity >= params.threshold and uf.find(row) != uf.find(other):
                uf.union(row, other)
                stats.linked += 1
        pending = next_pending
