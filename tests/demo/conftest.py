"""Shared demo corpora, generated once per test session by the project's own generator."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from relance.demo import GeneratedQuestion, Manifest, generate_corpus, iter_records
from relance.demo.corpus import amo_path, questions_path

AS_OF = date(2026, 11, 24)


@dataclass
class Corpus:
    root: Path
    manifest: Manifest
    items: list[GeneratedQuestion]  # from iter_records, same arguments
    legislatures: tuple[int, ...]
    seed: int

    @property
    def primaries(self) -> list[GeneratedQuestion]:
        """One item per uid: the newer copy of a planted duplicate."""
        return [g for g in self.items if g.copy == (g.truth.newer_copy or 0)]

    def zip_members(self, legislature: int) -> dict[str, bytes]:
        with zipfile.ZipFile(self.root / questions_path(legislature)) as zf:
            return {info.filename: zf.read(info) for info in zf.infolist()}

    def amo(self, legislature: int) -> dict[str, dict[str, Any]]:
        """uid → acteur or organe record."""
        out: dict[str, dict[str, Any]] = {}
        with zipfile.ZipFile(self.root / amo_path(legislature)) as zf:
            for name in zf.namelist():
                data = orjson.loads(zf.read(name))
                if "acteur" in data:
                    out[data["acteur"]["uid"]["#text"]] = data
                else:
                    out[data["organe"]["uid"]] = data
        return out


def _build(
    root: Path, *, questions: int, seed: int, legislatures: tuple[int, ...], edge_rate: float
) -> Corpus:
    manifest = generate_corpus(
        root,
        questions=questions,
        seed=seed,
        legislatures=legislatures,
        as_of=AS_OF,
        edge_rate=edge_rate,
    )
    items = list(
        iter_records(
            questions=questions,
            seed=seed,
            legislatures=legislatures,
            as_of=AS_OF,
            edge_rate=edge_rate,
        )
    )
    return Corpus(root, manifest, items, legislatures, seed)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """5,000 questions of the 16th and 17th legislatures, edge cases at 3 %."""
    return _build(
        tmp_path_factory.mktemp("demo"),
        questions=5000,
        seed=7,
        legislatures=(16, 17),
        edge_rate=0.03,
    )


@pytest.fixture(scope="session")
def legacy(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The 14th and 15th legislatures (one big JSON file each, DD/MM/YYYY dates)."""
    return _build(
        tmp_path_factory.mktemp("legacy"),
        questions=2500,
        seed=3,
        legislatures=(14, 15),
        edge_rate=0.05,
    )
