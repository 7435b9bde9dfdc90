"""A small generated corpus imported into SQLite, and its index, shared by a module."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from index import close_searchers, update_index
from relance.db.engine import make_engine
from relance.db.migrate import upgrade
from relance.demo import generate_corpus
from spiders.importer import import_path
from tests.dbcopy import copy_sqlite

AS_OF = date(2026, 11, 24)


def load_corpus(url: str, out: Path, questions: int = 400) -> Engine:
    """``relance import`` of a generated corpus (the same code path), into ``url``."""
    generate_corpus(out, questions=questions, seed=7, as_of=AS_OF, pages=False)
    engine = make_engine(url)
    upgrade(engine)
    _, unreadable = import_path(out, engine, today=AS_OF, workers=0)
    assert unreadable == []
    return engine


@pytest.fixture(scope="module")
def corpus_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    base = tmp_path_factory.mktemp("corpus")
    engine = load_corpus(f"sqlite:///{base}/relance.db", base / "dump")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def built_index(corpus_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("index") / "index"
    report = update_index(corpus_engine, index_dir)
    assert report.mode == "rebuild" and not report.failed
    return index_dir


@pytest.fixture
def fresh_engine(corpus_engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """A copy of the corpus database of one's own (tests that change rows)."""
    url = copy_sqlite(corpus_engine, tmp_path / "copy.db")
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _close_searchers() -> Iterator[None]:
    """Cached searchers hold files open: close them after each test."""
    yield
    close_searchers()
