"""Corpora with pages, generated once per session, and mirrors serving them on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import orjson
import pytest

from relance.demo import Manifest, generate_corpus
from relance.mirror import MirrorServer
from relance.mirror.site import RECORDS
from relance.record import Question

AS_OF = date(2026, 11, 24)


@dataclass
class SiteCorpus:
    root: Path
    manifest: Manifest
    records: dict[str, Question]  # uid → page record, from site/records.jsonl

    def uids(self, legislature: int) -> list[str]:
        return [u for u, q in self.records.items() if q.legislature == legislature]


def _build(root: Path, **kwargs) -> SiteCorpus:
    manifest = generate_corpus(root, as_of=AS_OF, **kwargs)
    records = {}
    with (root / RECORDS).open("rb") as lines:
        for line in lines:
            question = Question.from_dict(orjson.loads(line))
            records[question.uid] = question
    return SiteCorpus(root, manifest, records)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteCorpus:
    """1,500 questions of the 15th (questions.… pages) and 17th (/dyn pages) legislatures."""
    return _build(
        tmp_path_factory.mktemp("site"),
        questions=1500,
        seed=5,
        legislatures=(15, 17),
        edge_rate=0.03,
    )


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> SiteCorpus:
    """400 questions of the 17th legislature, for time replay (dumps regenerated per day)."""
    return _build(tmp_path_factory.mktemp("small"), questions=400, seed=9, legislatures=(17,))


@pytest.fixture(scope="session")
def _mirror(site: SiteCorpus) -> Iterator[MirrorServer]:
    with MirrorServer(site.root) as server:
        yield server


@pytest.fixture
def mirror(_mirror: MirrorServer) -> Iterator[MirrorServer]:
    """The session's mirror of ``site`` (no clock), with no fault and fresh counters."""
    _mirror.faults.off()
    _mirror.reset_counts()
    yield _mirror
    _mirror.faults.off()
