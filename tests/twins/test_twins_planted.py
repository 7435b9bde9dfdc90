"""The near-duplicates the demo generator plants, and their ground truth (manifest)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from relance.demo import iter_records
from relance.demo.generator import QuestionTruth
from relance.demo.twins import REFERRAL, planted_twins
from tests.twins.conftest import Dumps

AS_OF = date(2026, 11, 24)


def truths(questions: int, seed: int) -> list[QuestionTruth]:
    return [
        g.truth
        for g in iter_records(questions=questions, seed=seed, as_of=AS_OF)
        if g.copy == (g.truth.newer_copy or 0)
    ]


@pytest.fixture(scope="module")
def corpus() -> list[QuestionTruth]:
    return truths(4000, 3)


def test_deterministic_per_seed(corpus: list[QuestionTruth]) -> None:
    assert planted_twins(truths(4000, 3)) == planted_twins(corpus)
    assert planted_twins(truths(4000, 4)) != planted_twins(corpus)


def test_a_modest_share_is_planted(corpus: list[QuestionTruth]) -> None:
    planted = planted_twins(corpus)
    questions = sum(len(u) for u in planted["question"].values())
    answered = sum(t.date_reponse is not None for t in corpus)
    answers = sum(len(u) for u in planted["answer"].values())
    assert 0.03 <= questions / len(corpus) <= 0.09, questions / len(corpus)
    assert 0.05 <= answers / answered <= 0.2, answers / answered
    kinds = Counter("referral" if c == REFERRAL else c.split("-")[1][0] for c in planted["answer"])
    assert kinds["B"] >= 10 and kinds["J"] >= 10 and kinds["referral"] == 1


def test_clusters_look_like_the_real_thing(corpus: list[QuestionTruth]) -> None:
    """Copy-paste questions: several deputies, one rubrique, a few weeks. Standard answers:
    one ministry, one rubrique."""
    by_uid = {t.uid: t for t in corpus}
    planted = planted_twins(corpus)
    for uids in planted["question"].values():
        members = [by_uid[u] for u in uids]
        assert len({m.acteur_ref for m in members}) >= 2
        assert len({m.rubrique for m in members}) == 1
        days = sorted(m.date_publication for m in members)
        assert (days[-1] - days[0]).days <= 8 * 7
    for cluster_id, uids in planted["answer"].items():
        members = [by_uid[u] for u in uids]
        assert all(m.date_reponse for m in members)
        if cluster_id != REFERRAL:
            assert len({m.rubrique for m in members}) == 1
        if "-B" in cluster_id:
            assert len({m.ministere_attributaire for m in members}) == 1


def test_the_manifest_holds_the_ground_truth(small: Dumps) -> None:
    planted = planted_twins(
        g.truth
        for g in iter_records(questions=1200, seed=7, as_of=AS_OF)
        if g.copy == (g.truth.newer_copy or 0)
    )
    assert small.planted == planted
    assert all(len(uids) >= 2 for kind in planted.values() for uids in kind.values())
