"""The feeds and calendars on the web app's generated corpus (``tests/webapp/conftest.py``:
imported with the real importer, indexed with the real index, "today" frozen), and on a
copy of it whose hostile questions also carry control characters and characters XML
forbids."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from relance.db.engine import make_engine
from tests.dbcopy import copy_sqlite
from tests.webapp.conftest import (  # noqa: F401 (fixtures)
    HOSTILE_ANSWERED,
    HOSTILE_PENDING,
    TODAY,
    Corpus,
    corpus,
    hostile,
    make_app,
)

#: Characters no XML document may hold (C0 controls, U+FFFE, U+FFFF) and a C1 control.
CONTROL = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x1f\ufffe\uffff\x85"


@pytest.fixture(scope="module")
def app(corpus: Corpus) -> Iterator[Flask]:  # noqa: F811
    application = make_app(corpus)
    yield application
    application.extensions["relance"].engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def nasty(
    hostile: Corpus,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Corpus]:
    """The hostile corpus, with control characters written straight into the stored
    texts, rubrique, analyses, author and ministry of its two hostile questions (the
    importer may clean them: the feeds must not rely on it)."""
    base = tmp_path_factory.mktemp("nasty")
    url = copy_sqlite(hostile.engine, base / "relance.db")
    engine = make_engine(url)
    with engine.begin() as connection:
        for uid in (HOSTILE_PENDING, HOSTILE_ANSWERED):
            connection.execute(
                text(
                    "UPDATE questions SET "
                    "texte_question_html = :c || texte_question_html || :c, "
                    "texte_reponse_html = CASE WHEN texte_reponse_html IS NULL THEN NULL "
                    "  ELSE texte_reponse_html || '<p>fin' || :c || '</p><script>x()</script>'"
                    "  END, "
                    "rubrique = rubrique || :c || '<b>gras</b>', "
                    "analyses = :analyses, "
                    "author_name = 'Mme <i>Ctrl</i>' || :c, "
                    "ministere_attributaire = 'Intérieur' || :c || ' & <script>' "
                    "WHERE uid = :u"
                ),
                {
                    "c": CONTROL,
                    "u": uid,
                    "analyses": json.dumps([f"Analyse {CONTROL} <script>alert(6)</script>"]),
                },
            )
    yield Corpus(engine, hostile.index_dir, url)
    engine.dispose()


@pytest.fixture(scope="module")
def nasty_client(nasty: Corpus) -> Iterator[FlaskClient]:
    application = make_app(nasty)
    yield application.test_client()
    application.extensions["relance"].engine.dispose()
