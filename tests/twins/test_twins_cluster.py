"""Signatures, LSH candidates, the exact check at its threshold, union-find (pure)."""

from __future__ import annotations

from dataclasses import replace
from random import Random

import numpy as np
import pytest

from relance.twins.cluster import (
    ESTIMATE_MARGIN,
    THRESHOLD,
    Params,
    Signer,
    UnionFind,
    band_keys,
    candidate_pairs,
    estimate,
    from_bytes,
    identical_groups,
    link,
    to_bytes,
)
from relance.twins.text import jaccard, shingles

PARAMS = Params()
VOCABULARY = [f"w{i}" for i in range(5000)]


def text(rng: Random, n: int = 120) -> list[str]:
    return [VOCABULARY[int(rng.random() * len(VOCABULARY))] for _ in range(n)]


def edited(rng: Random, words: list[str], edits: int) -> list[str]:
    """``words`` with ``edits`` words replaced at random places."""
    out = list(words)
    for _ in range(edits):
        out[int(rng.random() * len(out))] = VOCABULARY[int(rng.random() * len(VOCABULARY))]
    return out


class Corpus:
    """Texts as shingle sets, their signatures, and an exact ``check`` that counts calls."""

    def __init__(self, texts: list[list[str]], params: Params = PARAMS) -> None:
        self.sets = [shingles(t, params.shingle) for t in texts]
        signer = Signer(params)
        self.signatures = np.stack([signer.sign(s) for s in self.sets])
        self.checked: list[tuple[int, int]] = []

    def check(self, pairs: list[tuple[int, int]]) -> list[float]:
        self.checked += pairs
        return [jaccard(self.sets[a], self.sets[b]) for a, b in pairs]

    def clusters(self, uf: UnionFind) -> list[list[int]]:
        groups: dict[int, list[int]] = {}
        for row in range(len(self.sets)):
            groups.setdefault(uf.find(row), []).append(row)
        return sorted(g for g in groups.values() if len(g) > 1)


def test_params_bands_come_from_datasketch() -> None:
    b, r = PARAMS.bands
    assert b * r <= PARAMS.num_perm and b >= 2 and r >= 2
    assert Params(lsh_threshold=0.8).bands[1] > r  # stricter: longer bands


def test_signature_estimates_jaccard_and_round_trips() -> None:
    rng = Random(1)
    a = text(rng, 400)
    b = edited(rng, a, 20)
    corpus = Corpus([a, b])
    exact = jaccard(corpus.sets[0], corpus.sets[1])
    est = estimate(corpus.signatures, np.array([0]), np.array([1]))[0]
    assert abs(est - exact) < 0.15
    assert corpus.signatures.dtype == np.uint32 and corpus.signatures.shape == (2, 128)
    blobs = [to_bytes(s) for s in corpus.signatures]
    assert len(blobs[0]) == 4 * 128
    assert np.array_equal(from_bytes(blobs, 128), corpus.signatures)
    # the same set, the same signature, whoever signs it
    assert np.array_equal(Signer(PARAMS).sign(corpus.sets[0]), corpus.signatures[0])


def test_band_keys_and_identical_groups() -> None:
    rng = Random(2)
    a, b = text(rng), text(rng)
    corpus = Corpus([a, b, a])
    keys = band_keys(corpus.signatures, *PARAMS.bands)
    assert keys.shape == (3, PARAMS.bands[0])
    assert np.array_equal(keys[0], keys[2]) and not np.array_equal(keys[0], keys[1])
    assert identical_groups(corpus.signatures).tolist() == [0, 1, 0]


def test_candidates_find_near_duplicates_not_strangers() -> None:
    rng = Random(3)
    base = text(rng)
    texts = [base, edited(rng, base, 3), text(rng), text(rng)]
    corpus = Corpus(texts)
    keys = band_keys(corpus.signatures, *PARAMS.bands)
    a, b, est = candidate_pairs(
        corpus.signatures,
        keys,
        eligible=np.ones(4, dtype=bool),
        active=None,
        min_estimate=0.3,
    )
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == [(1, 0)]
    assert est[0] > 0.5
    # only pairs touching an active row
    a, _, _ = candidate_pairs(
        corpus.signatures,
        keys,
        eligible=np.ones(4, dtype=bool),
        active=np.array([False, False, True, True]),
        min_estimate=0.3,
    )
    assert len(a) == 0


def pair_at(similarity_wanted: float, k: int) -> tuple[list[str], list[str], float]:
    """Two texts whose shingle Jaccard is as close to ``similarity_wanted`` as word edits
    allow, and that similarity."""
    base = [f"u{i}" for i in range(400)]  # no repeated words: shingles are all distinct
    best = None
    for cut in range(0, 400):
        other = base[:cut] + [f"v{i}" for i in range(400 - cut)]
        sim = jaccard(shingles(base, k), shingles(other, k))
        if best is None or abs(sim - similarity_wanted) < abs(best[2] - similarity_wanted):
            best = (base, other, sim)
    assert best is not None
    return best


@pytest.mark.parametrize("delta", [0.0, 0.004, -0.004])
def test_the_exact_check_decides_at_the_threshold(delta: float) -> None:
    """Two texts are twins iff the Jaccard similarity of their shingles is at least the
    threshold: just at it, linked; just below, not; just above, linked."""
    a, b, sim = pair_at(THRESHOLD + delta, PARAMS.shingle)
    assert abs(sim - (THRESHOLD + delta)) < 0.004
    for threshold in (sim, np.nextafter(sim, 1.0)):
        params = replace(PARAMS, threshold=float(threshold), lsh_threshold=0.3)
        corpus = Corpus([a, b], params)
        uf = UnionFind(2)
        link(corpus.signatures, uf, active=None, params=params, check=corpus.check)
        assert (uf.find(0) == uf.find(1)) == (threshold <= sim)


def test_link_checks_few_pairs_and_joins_transitively() -> None:
    """A chain a ~ b ~ c where a and c are not twins is one cluster (union-find)."""
    rng = Random(5)
    a = text(rng, 200)
    b = a[:150] + text(rng, 50)
    c = b[50:] + text(rng, 50)
    texts = [a, b, c] + [text(rng, 200) for _ in range(50)]
    corpus = Corpus(texts)
    assert jaccard(corpus.sets[0], corpus.sets[2]) < THRESHOLD
    assert jaccard(corpus.sets[0], corpus.sets[1]) >= THRESHOLD
    assert jaccard(corpus.sets[1], corpus.sets[2]) >= THRESHOLD
    uf = UnionFind(len(texts))
    stats = link(corpus.signatures, uf, active=None, params=PARAMS, check=corpus.check)
    assert corpus.clusters(uf) == [[0, 1, 2]]
    assert stats.linked == 2 and len(corpus.checked) < 10


def test_identical_texts_are_linked_through_their_first() -> None:
    rng = Random(6)
    same = text(rng)
    texts = [same] * 30 + [text(rng) for _ in range(5)]
    corpus = Corpus(texts)
    uf = UnionFind(len(texts))
    link(corpus.signatures, uf, active=None, params=PARAMS, check=corpus.check)
    assert corpus.clusters(uf) == [list(range(30))]
    assert all(b == 0 for _, b in corpus.checked[:29])  # each against the group's first


def clusters_by_batches(texts: list[list[str]], batches: list[int]) -> list[list[int]]:
    """Place the texts batch by batch (``batches``: cumulative sizes), like the store."""
    corpus = Corpus(texts)
    uf = UnionFind(len(texts))
    done = 0
    for upto in batches:
        active = np.zeros(len(texts), dtype=bool)
        active[done:upto] = True
        sub = UnionFind(upto)
        sub.parent = uf.parent[:upto]
        link(corpus.signatures[:upto], sub, active=active[:upto], params=PARAMS, check=corpus.check)
        uf.parent[:upto] = sub.parent
        done = upto
    return corpus.clusters(uf)


def test_incremental_placement_gives_the_clusters_of_a_full_run() -> None:
    rng = Random(7)
    texts: list[list[str]] = []
    for _ in range(40):  # families of near-duplicates among strangers
        base = text(rng, 150)
        texts += [edited(rng, base, 4) for _ in range(1 + int(rng.random() * 4))]
        texts += [text(rng, 150) for _ in range(3)]
    full = clusters_by_batches(texts, [len(texts)])
    assert len(full) >= 20
    assert clusters_by_batches(texts, [len(texts) // 3, len(texts)]) == full
    assert clusters_by_batches(texts, [*range(10, len(texts), 37), len(texts)]) == full


def test_estimate_margin_keeps_twins() -> None:
    """A pair just at the threshold is never dropped by the estimate (margin ≥ 3 σ)."""
    sigma = (THRESHOLD * (1 - THRESHOLD) / PARAMS.num_perm) ** 0.5
    assert 3 * sigma <= ESTIMATE_MARGIN


def test_union_find() -> None:
    uf = UnionFind(5)
    uf.union(3, 4)
    uf.union(4, 1)
    assert uf.find(3) == 1  # the smallest row is the root: the first occurrence
    assert uf.find(0) == 0
    uf.isolate([1, 3, 4])
    assert {uf.find(i) for i in (1, 3, 4)} == {1, 3, 4}
