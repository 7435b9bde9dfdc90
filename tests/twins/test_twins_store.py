"""The clusters in the database, on SQLite and on a real PostgreSQL server: a rebuild finds
the planted clusters, runs are idempotent, placing new questions in a second batch gives the
clusters of a full run, changed and removed texts leave their clusters, ids follow the first
occurrence, the read functions."""

from __future__ import annotations

from datetime import timedelta
from random import Random

import pytest
from sqlalchemy import Engine, func, select, update

from relance.dates import utcnow
from relance.db.models import QuestionRow, TextSignatureRow, TwinClusterRow, TwinMemberRow
from relance.twins import Params, update_twins
from relance.twins.queries import (
    deputy_shares,
    get_cluster,
    list_clusters,
    ministry_shares,
    twins_of,
)
from relance.twins.store import current_params
from tests.twins.conftest import Dumps, load

Q = QuestionRow.__table__
S = TextSignatureRow.__table__
C = TwinClusterRow.__table__
TM = TwinMemberRow.__table__


def snapshot(engine: Engine) -> dict[str, dict[str, list[tuple[str, float]]]]:
    """kind → cluster id → [(uid, similarity)]."""
    out: dict[str, dict[str, list[tuple[str, float]]]] = {"question": {}, "answer": {}}
    with engine.connect() as connection:
        rows = connection.execute(
            select(TM.c.kind, TM.c.cluster_id, TM.c.uid, TM.c.similarity).order_by(
                TM.c.kind, TM.c.cluster_id, TM.c.uid
            )
        )
        for kind, cluster_id, uid, similarity in rows:
            out[kind].setdefault(cluster_id, []).append((uid, round(similarity, 6)))
        sizes = dict(
            connection.execute(select(C.c.kind + ":" + C.c.id, C.c.size)).all()  # type: ignore[operator]
        )
    for kind, clusters in out.items():
        for cluster_id, members in clusters.items():
            assert sizes[f"{kind}:{cluster_id}"] == len(members)
            assert min(members)[0] == min(uid for uid, _ in members)
    assert len(sizes) == sum(len(c) for c in out.values())
    return out


def members_of(found: dict[str, list[tuple[str, float]]]) -> set[frozenset[str]]:
    return {frozenset(uid for uid, _ in members) for members in found.values()}


def touch(engine: Engine, uid: str, **values: object) -> None:
    """Change a question as an import would (``updated_at`` now)."""
    with engine.begin() as connection:
        connection.execute(
            update(Q)
            .where(Q.c.uid == uid)
            .values(updated_at=utcnow() + timedelta(seconds=1), **values)
        )


def test_rebuild_finds_the_planted_clusters_and_runs_are_idempotent(
    database_url: str, small: Dumps
) -> None:
    engine = load(database_url, small.full)
    report = update_twins(engine)
    assert report.mode == "rebuild"
    assert report.kinds["question"].signed == 1200
    found = snapshot(engine)
    for kind in ("question", "answer"):
        assert members_of(found[kind]) == {frozenset(u) for u in small.planted[kind].values()}
        for cluster_id, members in found[kind].items():  # named after the first occurrence
            assert (cluster_id, 1.0) in members
    again = update_twins(engine)
    assert again.mode == "incremental"
    assert all(k.signed == 0 and k.written == 0 and k.deleted == 0 for k in again.kinds.values())
    assert snapshot(engine) == found
    engine.dispose()


def test_new_questions_in_a_second_batch_give_the_clusters_of_one_run(
    database_url: str, small: Dumps
) -> None:
    engine = load(database_url, small.earlier)
    first = update_twins(engine)
    assert first.mode == "rebuild"
    load(database_url, small.full, engine)  # the new questions, and the answers since
    second = update_twins(engine)
    assert second.mode == "incremental"
    assert 0 < second.kinds["question"].signed < 200
    assert second.kinds["question"].written >= 1  # new clusters, or old ones grown
    placed = snapshot(engine)
    rebuilt = update_twins(engine, rebuild=True)
    assert rebuilt.mode == "rebuild"
    assert snapshot(engine) == placed
    engine.dispose()


def test_a_changed_text_leaves_its_cluster_and_comes_back(database_url: str, small: Dumps) -> None:
    engine = load(database_url, small.full)
    update_twins(engine)
    found = snapshot(engine)["question"]
    cluster_id, members = max(found.items(), key=lambda item: len(item[1]))
    leaving = members[-1][0] if members[-1][0] != cluster_id else members[0][0]
    with engine.connect() as connection:
        html = connection.execute(
            select(Q.c.texte_question_html).where(Q.c.uid == leaving)
        ).scalar_one()
    rng = Random(1)
    unrelated = " ".join("".join(rng.choice("abcdefghij") for _ in range(6)) for _ in range(200))
    touch(engine, leaving, texte_question_html=unrelated)
    report = update_twins(engine)
    assert report.kinds["question"].signed == 1
    now = snapshot(engine)["question"]
    assert {u for u, _ in now[cluster_id]} == {u for u, _ in members} - {leaving}
    assert twins_of(engine, leaving).question is None
    touch(engine, leaving, texte_question_html=html)
    update_twins(engine)
    assert snapshot(engine)["question"] == found
    engine.dispose()


def test_an_earlier_text_joining_renames_the_cluster(database_url: str, small: Dumps) -> None:
    """A cluster is named after its first occurrence: when a text published earlier joins
    it, the cluster takes that text's uid (the old row goes)."""
    engine = load(database_url, small.full)
    update_twins(engine)
    found = snapshot(engine)["question"]
    cluster_id = max(found, key=lambda c: len(found[c]))
    with engine.connect() as connection:
        html = connection.execute(
            select(Q.c.texte_question_html).where(Q.c.uid == cluster_id)
        ).scalar_one()
        day = connection.execute(
            select(Q.c.date_publication).where(Q.c.uid == cluster_id)
        ).scalar_one()
        earlier = connection.execute(
            select(Q.c.uid)
            .where(Q.c.date_publication < day, Q.c.uid.not_in(select(TM.c.uid)))
            .order_by(Q.c.date_publication)
            .limit(1)
        ).scalar_one()
    touch(engine, earlier, texte_question_html=html)
    report = update_twins(engine)
    assert report.kinds["question"].deleted == 1
    now = snapshot(engine)["question"]
    assert cluster_id not in now
    assert {u for u, _ in now[earlier]} == {u for u, _ in found[cluster_id]} | {earlier}
    assert get_cluster(engine, "question", cluster_id) is None
    assert get_cluster(engine, "question", earlier).summary.size == len(found[cluster_id]) + 1
    engine.dispose()


def test_an_emptied_answer_is_removed(database_url: str, small: Dumps) -> None:
    engine = load(database_url, small.full)
    update_twins(engine)
    found = snapshot(engine)["answer"]
    cluster_id = max(found, key=lambda c: len(found[c]))
    gone = found[cluster_id][-1][0]
    touch(engine, gone, texte_reponse_html=None)
    report = update_twins(engine)
    assert report.kinds["answer"].removed == 1
    with engine.connect() as connection:
        assert (
            connection.execute(
                select(func.count()).select_from(S).where(S.c.kind == "answer", S.c.uid == gone)
            ).scalar_one()
            == 0
        )
    now = snapshot(engine)["answer"]
    assert all(gone not in {u for u, _ in m} for m in now.values())
    if len(found[cluster_id]) > 2:
        assert (
            len(now[min(u for u, _ in found[cluster_id] if u != gone)])
            == len(found[cluster_id]) - 1
        )
    engine.dispose()


def test_other_parameters_rebuild_and_are_kept(database_url: str, small: Dumps) -> None:
    engine = load(database_url, small.earlier)
    update_twins(engine)
    strict = Params(threshold=0.95)
    report = update_twins(engine, params=strict)
    assert report.mode == "rebuild" and report.params["threshold"] == 0.95
    assert current_params(engine) == strict
    later = update_twins(engine)  # the next runs keep them
    assert later.mode == "incremental" and later.params["threshold"] == 0.95
    engine.dispose()


def test_read_functions(database_url: str, small: Dumps) -> None:
    engine = load(database_url, small.full)
    update_twins(engine)
    page = list_clusters(engine, "question")
    assert page.total == len(small.planted["question"]) == len(page.clusters)
    sizes = [c.size for c in page.clusters]
    assert sizes == sorted(sizes, reverse=True)
    largest = page.clusters[0]
    assert largest.deputies >= 2 and largest.groups and largest.rubrique
    newest = list_clusters(engine, "question", sort="newest").clusters
    assert [c.last_date for c in newest] == sorted((c.last_date for c in newest), reverse=True)
    assert list_clusters(engine, "question", min_size=largest.size).total >= 1
    assert list_clusters(engine, "question", min_size=largest.size + 1).total == 0
    by_rubrique = list_clusters(engine, "question", rubrique=largest.rubrique_key)
    assert largest.id in {c.id for c in by_rubrique.clusters}
    assert list_clusters(engine, "question", rubrique="no such rubrique").total == 0
    by_group = list_clusters(engine, "question", group=largest.groups[0].lower())
    assert largest.id in {c.id for c in by_group.clusters}
    window = list_clusters(
        engine, "question", date_from=largest.first_date, date_to=largest.first_date
    )
    assert largest.id in {c.id for c in window.clusters}
    later = max(c.last_date for c in page.clusters) + timedelta(days=1)
    assert list_clusters(engine, "question", date_from=later).total == 0
    assert list_clusters(engine, "answer", limit=1).total == len(small.planted["answer"])
    with pytest.raises(ValueError):
        list_clusters(engine, "nonsense")

    detail = get_cluster(engine, "question", largest.id)
    assert detail is not None and detail.members[0].first and detail.members[0].uid == largest.id
    assert len(detail.members) == largest.size
    assert detail.members[0].diff == [{"op": "same", "text": detail.text}]
    assert any(seg["op"] != "same" for m in detail.members[1:] for seg in m.diff or [])
    assert {seg["op"] for seg in detail.shared} <= {"same", "varies"}
    assert " ".join(seg["text"] for seg in detail.shared) == detail.text
    data = detail.as_dict()
    assert data["id"] == largest.id and len(data["members"]) == largest.size

    member = detail.members[1].uid
    twins = twins_of(engine, member)
    assert twins.question is not None and twins.question.id == largest.id
    assert member not in twins.question_members and largest.id in twins.question_members

    shares = deputy_shares(engine, limit=5)
    assert shares and shares[0].in_clusters >= 1 and 0 < shares[0].share <= 1
    assert deputy_shares(engine, deputy=detail.members[0].deputy_ref)[0].in_clusters >= 1
    ministries = ministry_shares(engine, limit=100)
    with engine.connect() as connection:
        answers = connection.execute(
            select(func.count()).select_from(Q).where(Q.c.texte_reponse_html.is_not(None))
        ).scalar_one()
    assert sum(s.total for s in ministries) == answers
    assert sum(s.in_clusters for s in ministries) == sum(
        len(u) for u in small.planted["answer"].values()
    )
    engine.dispose()
