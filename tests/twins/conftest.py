"""Generated corpora with planted near-duplicates, imported with ``relance import``'s code
path (``spiders.importer.import_path``), for the twins tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import orjson
import pytest
from sqlalchemy import Engine

from relance.db.engine import make_engine
from relance.db.migrate import upgrade
from relance.demo import generate_corpus, iter_records
from relance.twins import update_twins
from spiders.importer import import_path
from tests.dbcopy import copy_sqlite

AS_OF = date(2026, 11, 24)


@dataclass(frozen=True)
class Dumps:
    """A corpus (``full``) and the same as published ``new`` questions earlier."""

    full: Path
    earlier: Path
    cut: date
    new: int
    planted: dict[str, dict[str, list[str]]]  # kind → cluster id → uids (the manifest's)


def make_dumps(root: Path, questions: int, seed: int, new: int) -> Dumps:
    days = sorted(
        (
            g.truth.date_publication
            for g in iter_records(questions=questions, seed=seed, as_of=AS_OF)
            if g.copy == 0
        ),
        reverse=True,
    )
    cut = next(d for d in days if d < days[new - 1])  # at least ``new`` published after it
    full, earlier = root / "full", root / "earlier"
    manifest = generate_corpus(full, questions=questions, seed=seed, as_of=AS_OF, pages=False)
    generate_corpus(
        earlier, questions=questions, seed=seed, as_of=AS_OF, published_until=cut, pages=False
    )
    assert manifest.twins is not None
    planted = {kind: manifest.twins[kind]["uids"] for kind in ("question", "answer")}
    return Dumps(full, earlier, cut, sum(d > cut for d in days), planted)


def load(url: str, dump: Path, engine: Engine | None = None) -> Engine:
    """Import ``dump`` into ``url`` (migrated first)."""
    if engine is None:
        engine = make_engine(url)
        upgrade(engine)
    _, unreadable = import_path(dump, engine, today=AS_OF, workers=0)
    assert unreadable == []
    return engine


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Dumps:
    """1,200 questions, the last ~100 of them new in ``full``."""
    return make_dumps(tmp_path_factory.mktemp("twins-small"), 1200, 7, 100)


@pytest.fixture(scope="session")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dumps]:
    """5,000 questions imported into SQLite and clustered (the database file, read-only for
    the tests, and the dumps)."""
    root = tmp_path_factory.mktemp("twins-big")
    dumps = make_dumps(root, 5000, 7, 200)
    database = root / "relance.db"
    engine = load(f"sqlite:///{database}", dumps.full)
    report = update_twins(engine, workers=0)
    assert report.mode == "rebuild" and report.read == 5000
    engine.dispose()
    return database, dumps


@pytest.fixture
def big_copy(big: tuple[Path, Dumps], tmp_path: Path) -> Iterator[tuple[Engine, Dumps]]:
    """A copy of the big database of one's own (tests that write)."""
    database, dumps = big
    url = copy_sqlite(database, tmp_path / "copy.db")
    engine = make_engine(url)
    yield engine, dumps
    engine.dispose()


def planted_pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {(a, b) for uids in groups.values() for a in uids for b in uids if a < b}


def manifest_twins(root: Path) -> dict:
    return orjson.loads((root / "manifest.json").read_bytes())["twins"]
