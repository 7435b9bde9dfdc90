"""`relance import` of a generated corpus of the four open-data legislatures (per-question
zips and the single-file L14/L15 archives), checked against the corpus manifest."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from relance.db.engine import make_engine
from relance.db.migrate import upgrade
from relance.db.models import DeputyRow, QuestionRow
from relance.db.queries import get_question
from relance.demo import generate_corpus
from spiders.importer import import_path

AS_OF = date(2026, 11, 24)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(out, questions=3000, seed=3, legislatures=(14, 15, 16, 17), as_of=AS_OF)
    return out


def test_import_matches_the_manifest(corpus: Path, database_url: str) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text())
    engine = make_engine(database_url)
    upgrade(engine)
    report, unreadable = import_path(corpus, engine, today=AS_OF)
    assert unreadable == []
    assert report.read == manifest["records"]
    assert report.inserted == manifest["questions"]
    # only the planted conflicting copies are refused, never more than 1 %
    assert set(report.refused) <= {"uid: duplicate in this input with different content"}
    assert report.refused_rate < 0.01
    with engine.connect() as connection:
        statuses = Counter(
            dict(
                connection.execute(
                    select(QuestionRow.status, func.count()).group_by(QuestionRow.status)
                ).all()
            )
        )
        deputies = connection.execute(select(func.count()).select_from(DeputyRow)).scalar_one()
        legislatures = {
            leg for (leg,) in connection.execute(select(QuestionRow.legislature).distinct())
        }
    assert dict(statuses) == manifest["status"]
    assert deputies == manifest["deputies"]
    assert legislatures == {14, 15, 16, 17}
    view = get_question(engine, "QANR5L14QE1")
    assert view is not None and view.deputy_name and view.circonscription
    again, _ = import_path(corpus, engine, today=AS_OF)
    assert (again.inserted, again.updated) == (0, 0)
    engine.dispose()


def test_large_members_are_streamed_beside_the_workers(
    corpus: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The L14/L15 single-file dumps, once "large", are streamed by the importing process
    (ijson) while workers read the per-question zips; the result is the same."""
    import spiders.dumps
    import spiders.importer

    monkeypatch.setattr(spiders.dumps, "SMALL_MEMBER", 100_000)
    monkeypatch.setattr(spiders.importer, "SMALL_MEMBER", 100_000)
    manifest = json.loads((corpus / "manifest.json").read_text())
    assert any(
        m.size > 100_000
        for m in spiders.dumps.zip_members(
            corpus / "14/questions/questions_ecrites/Questions_ecrites_XIV.json.zip"
        )
    )
    engine = make_engine(sqlite_url)
    upgrade(engine)
    report, unreadable = import_path(corpus, engine, today=AS_OF, workers=2)
    assert unreadable == [] and report.inserted == manifest["questions"]
    assert report.read == manifest["records"]
    engine.dispose()


def test_workers_are_used_when_small_dumps_come_first(
    corpus: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deputies dumps are listed first, in small slices: the decision to start worker
    processes must look past them (a regression once read 100,000 questions in one process)."""
    import spiders.importer

    def in_process(*args: object) -> None:
        raise AssertionError("read in the importing process instead of the workers")

    monkeypatch.setattr(spiders.importer, "_outcomes_here", in_process)
    engine = make_engine(sqlite_url)
    upgrade(engine)
    report, _ = import_path(corpus, engine, today=AS_OF, workers=2)
    assert report.inserted == json.loads((corpus / "manifest.json").read_text())["questions"]
    engine.dispose()
