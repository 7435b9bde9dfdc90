"""The web app on a small generated corpus (imported with the real importer, indexed with
the real index), built once per test module; "today" frozen to the corpus's day."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text

from index import close_searchers, update_index
from relance.db.engine import make_engine
from spiders.importer import import_path
from tests.dbcopy import copy_sqlite
from tests.index.conftest import AS_OF, load_corpus
from tests.records import info_jo, qe_record
from webapp import create_app

TODAY = AS_OF.isoformat()  # "2026-11-24"

#: Hostile texts planted in two questions of the ``hostile`` corpus.
SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
JS_LINK = '<a href="javascript:alert(3)">clic</a>'
ESCAPED = "&lt;script&gt;alert(4)&lt;/script&gt;"  # text that reads as a tag once decoded
FORMULA_RUBRIQUE = "=cmd|' /C calc'!A0"
FORMULA_ANALYSE = '=HYPERLINK("http://evil.example/","x")'
HOSTILE_PENDING = "QANR5L17QE99001"
HOSTILE_ANSWERED = "QANR5L17QE99002"


@dataclass
class Corpus:
    engine: Engine
    index_dir: Path
    url: str

    def scalar(self, sql: str, **params: Any) -> Any:
        """An independent answer, straight from SQL."""
        with self.engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as connection:
            return list(connection.execute(text(sql), params))


def make_app(corpus: Corpus, **config: Any) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "RELANCE_DATABASE_URL": corpus.url,
            "RELANCE_INDEX_DIR": str(corpus.index_dir),
            "RELANCE_TODAY": TODAY,
            **config,
        }
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    base = tmp_path_factory.mktemp("webcorpus")
    url = f"sqlite:///{base}/relance.db"
    engine = load_corpus(url, base / "dump")
    index_dir = base / "index"
    report = update_index(engine, index_dir)
    assert not report.failed
    yield Corpus(engine, index_dir, url)
    close_searchers()
    engine.dispose()


@pytest.fixture(scope="module")
def app(corpus: Corpus) -> Iterator[Flask]:
    application = make_app(corpus)
    yield application
    application.extensions["relance"].engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _hostile_records() -> list[dict[str, Any]]:
    pending = qe_record(99001, 17, published="2026-01-06")
    answered = qe_record(99002, 17, published="2026-01-06", answered="2026-02-10")
    for record in (pending["question"], answered["question"]):
        record["indexationAN"]["rubrique"] = FORMULA_RUBRIQUE
        record["indexationAN"]["analyses"] = {"analyse": FORMULA_ANALYSE}
        record["textesQuestion"]["texteQuestion"]["texte"] = (
            f"<p>Début {SCRIPT} milieu {IMG} puis {JS_LINK} fin {ESCAPED}.</p>"
        )
    answered["question"]["textesReponse"]["texteReponse"] = {
        "infoJO": info_jo("2026-02-10", "4253"),
        "texte": f"<p>Réponse {SCRIPT}{IMG}{JS_LINK}<b>gras</b></p>",
    }
    return [pending, answered]


@pytest.fixture(scope="module")
def hostile(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """A copy of the corpus with two questions whose texts, rubrique, analysis and source
    URL are hostile (scripts, event handlers, javascript: links, spreadsheet formulas)."""
    base = tmp_path_factory.mktemp("hostile")
    url = copy_sqlite(corpus.engine, base / "relance.db")
    engine = make_engine(url)
    dump = base / "hostile.zip"
    with zipfile.ZipFile(dump, "w") as archive:
        for n, record in enumerate(_hostile_records()):
            archive.writestr(f"json/{n}.json", json.dumps(record))
    _, unreadable = import_path(dump, engine, today=AS_OF, workers=0)
    assert unreadable == []
    with engine.begin() as connection:  # a stored link that must never become a link
        connection.execute(
            text("UPDATE questions SET source_url = 'javascript:alert(5)' WHERE uid = :u"),
            {"u": HOSTILE_PENDING},
        )
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT count(*) FROM questions WHERE uid IN (:a, :b)"),
            {"a": HOSTILE_PENDING, "b": HOSTILE_ANSWERED},
        ).scalar()
    assert stored == 2, "the hostile records must be imported"
    yield Corpus(engine, corpus.index_dir, url)
    engine.dispose()
