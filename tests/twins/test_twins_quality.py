"""Quality on a generated corpus (5,000 questions, planted near-duplicates): pairwise
precision and recall against the ground truth, for questions and for answers; unrelated
questions on one rubrique and topic stay apart."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from random import Random

import pytest
from sqlalchemy import Engine, select

from relance.db.engine import make_engine
from relance.db.models import QuestionRow, TwinMemberRow
from relance.demo.texts import RUBRIQUES, answer_text, question_text
from relance.twins import THRESHOLD
from relance.twins.store import normalized, sources, text_query
from relance.twins.text import jaccard, shingles, words
from tests.twins.conftest import Dumps, planted_pairs

Q = QuestionRow.__table__
TM = TwinMemberRow.__table__


@pytest.fixture(scope="module")
def clustered(big: tuple[Path, Dumps]) -> Iterator[Engine]:
    database, _ = big  # clustered by the fixture
    engine = make_engine(f"sqlite:///{database}")
    yield engine
    engine.dispose()


def found(engine: Engine, kind: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    with engine.connect() as connection:
        for uid, cluster_id in connection.execute(
            select(TM.c.uid, TM.c.cluster_id).where(TM.c.kind == kind)
        ):
            out[cluster_id].append(uid)
    return dict(out)


@pytest.mark.parametrize("kind", ["question", "answer"])
def test_pairwise_precision_and_recall(
    clustered: Engine, big: tuple[Path, Dumps], kind: str
) -> None:
    _, dumps = big
    planted = dumps.planted[kind]
    expected = planted_pairs(planted)
    got = planted_pairs(found(clustered, kind))
    assert len(expected) > 300
    right = len(expected & got)
    assert right / len(got) >= 0.95, ("precision", right / len(got))
    assert right / len(expected) >= 0.95, ("recall", right / len(expected))


def test_answers_without_the_referral_cluster(clustered: Engine, big: tuple[Path, Dumps]) -> None:
    """The referral sentence is one large cluster that weighs most answer pairs: the
    standard answers and the joint answers reach the same quality on their own."""
    _, dumps = big
    referral = set(dumps.planted["answer"].get("referral", []))
    planted = {k: v for k, v in dumps.planted["answer"].items() if k != "referral"}
    clusters = {
        k: [u for u in v if u not in referral] for k, v in found(clustered, "answer").items()
    }
    expected, got = planted_pairs(planted), planted_pairs(clusters)
    assert len(expected) > 200
    right = len(expected & got)
    assert right / len(got) >= 0.95 and right / len(expected) >= 0.95


def test_unrelated_questions_on_one_rubrique_and_topic_are_not_merged(
    clustered: Engine, big: tuple[Path, Dumps]
) -> None:
    _, dumps = big
    planted = {u for uids in dumps.planted["question"].values() for u in uids}
    cluster_of = {u: c for c, uids in found(clustered, "question").items() for u in uids}
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    with clustered.connect() as connection:
        for uid, rubrique, analyses in connection.execute(
            select(Q.c.uid, Q.c.rubrique_key, Q.c.analyses)
        ):
            if uid not in planted and analyses:
                groups[(rubrique, analyses[0])].append(uid)
    pairs = [pair for uids in groups.values() for pair in itertools.combinations(uids, 2)]
    assert len(pairs) > 5000  # many unrelated questions share a rubrique and a topic
    merged = [(a, b) for a, b in pairs if a in cluster_of and cluster_of.get(b) == cluster_of[a]]
    assert merged == []


def test_generated_unrelated_texts_stay_below_the_threshold() -> None:
    """Texts the generator writes independently on one rubrique and topic share sentence
    templates, not enough to be twins."""
    rng = Random(5)
    worst = {"question": 0.0, "answer": 0.0}
    for rub in RUBRIQUES[:20]:
        topic, but = rub.topics[0], rub.buts[0]
        questions, answers = [], []
        for i in range(8):
            text, _ = question_text(
                rng,
                rub,
                author=f"M. Auteur{i}",
                female=False,
                dest="M. le ministre",
                topic=topic,
                but=but,
                lieu="dans le département du Nord",
                year=2025,
                target_words=390,
            )
            questions.append(shingles(words(text, author=f"M. Auteur{i}"), 5))
            answer = answer_text(rng, rub, topic=topic, but=but, year=2025, target_words=800)
            answers.append(shingles(words(answer), 5))
        for kind, sets in (("question", questions), ("answer", answers)):
            for a, b in itertools.combinations(sets, 2):
                worst[kind] = max(worst[kind], jaccard(a, b))
    assert worst["question"] < THRESHOLD - 0.05, worst
    assert worst["answer"] < THRESHOLD - 0.05, worst


def test_planted_members_read_as_twins(big: tuple[Path, Dumps]) -> None:
    """Each planted question has a twin in its cluster above the threshold (the detector
    can find every planted cluster of questions), normalized as the store does."""
    database, dumps = big
    engine = make_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        rows = {row.uid: row for row in connection.execute(text_query())}
    engine.dispose()
    weakest = 1.0
    for uids in dumps.planted["question"].values():
        sets = {u: shingles(normalized(sources(rows[u])[0]), 5) for u in uids}
        for u in uids:
            best = max(jaccard(sets[u], sets[v]) for v in uids if v != u)
            weakest = min(weakest, best)
    assert weakest >= THRESHOLD, weakest
