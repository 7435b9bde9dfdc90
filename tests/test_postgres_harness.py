"""The database fixtures give each test an empty, writable database of its own, on SQLite and
on a PostgreSQL server that listens on 127.0.0.1 only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

try:
    from tests import pg
except ImportError:  # tests/ has no __init__.py and the repo root is not on sys.path
    import pg  # type: ignore[no-redef]

PROBE = "harness_probe"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = sa.create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("run", ["first", "second"])
def test_database_is_empty_writable_and_private(engine: Engine, run: str) -> None:
    """Each test starts from a database with no table at all, so the second run does not see
    the table the first one created; and it can create, write and read back."""
    assert sa.inspect(engine).get_table_names() == []

    probe = sa.Table(
        PROBE,
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
    )
    probe.create(engine)
    with engine.begin() as conn:
        conn.execute(probe.insert(), [{"id": 1, "label": run}, {"id": 2, "label": "é ≠ e"}])
    with engine.connect() as conn:
        rows = conn.execute(sa.select(probe.c.id, probe.c.label).order_by(probe.c.id)).all()
    assert [tuple(row) for row in rows] == [(1, run), (2, "é ≠ e")]
    assert sa.inspect(engine).get_table_names() == [PROBE]


def test_sqlite_database_lives_in_tmp_path(sqlite_url: str, tmp_path: Path) -> None:
    """``sqlite_url`` is a file inside the test's own temporary directory."""
    database = make_url(sqlite_url).database
    assert database is not None
    assert Path(database).parent == tmp_path
    assert not Path(database).exists()


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_postgresql_database_is_a_new_one(database_url: str) -> None:
    """On PostgreSQL the test does not get the server's ``postgres`` database but one of its
    own, reached with the psycopg driver over TCP on 127.0.0.1. (Indirect parametrization is
    how a test takes ``database_url`` on one backend only.)"""
    url = make_url(database_url)
    assert url.drivername == "postgresql+psycopg"
    assert url.host == "127.0.0.1"
    assert url.database not in (None, "postgres", "template0", "template1")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT current_database()")) == url.database
            assert conn.scalar(sa.text("SHOW server_encoding")) == "UTF8"
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_server_listens_on_loopback(postgres_server_url: str) -> None:
    """The server answers on 127.0.0.1, and the connection really arrives there (not through
    a Unix socket or another address)."""
    url = make_url(postgres_server_url)
    assert url.host == "127.0.0.1"
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT host(inet_server_addr())")) == "127.0.0.1"
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_temporary_database_is_dropped_afterwards(postgres_server_url: str) -> None:
    """The database made for a test no longer exists once the test is over, even when a
    connection to it was left open."""
    admin = sa.create_engine(postgres_server_url)
    exists = sa.text("SELECT count(*) FROM pg_database WHERE datname = :name")
    try:
        with pg.temporary_database(postgres_server_url) as url:
            name = make_url(url).database
            leftover = sa.create_engine(url)
            leftover_conn = leftover.connect()
            with admin.connect() as conn:
                assert conn.scalar(exists, {"name": name}) == 1
        leftover_conn.invalidate()
        leftover.dispose()
        with admin.connect() as conn:
            assert conn.scalar(exists, {"name": name}) == 0
    finally:
        admin.dispose()
