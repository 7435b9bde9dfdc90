"""Fixtures shared by every test: databases on both backends, the real-sample directory.

Storage tests take ``database_url`` and run once on SQLite and once on PostgreSQL, each time
on a fresh empty database. The PostgreSQL server comes from ``RELANCE_TEST_POSTGRES_URL``
(a server URL; the tests create and drop their own databases on it) or, failing that, is a
throwaway cluster started for the test session when ``initdb`` is installed. Without either,
the PostgreSQL cases are skipped, unless ``RELANCE_REQUIRE_POSTGRES=1`` (CI), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    from tests import pg
except ImportError:  # tests/ has no __init__.py and the repo root is not on sys.path
    import pg  # type: ignore[no-redef]

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_REFERENCE = REPO_ROOT.parent / "shared" / "reference"

POSTGRES_URL_ENV = "RELANCE_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "RELANCE_REQUIRE_POSTGRES"


def postgres_required() -> bool:
    """CI sets ``RELANCE_REQUIRE_POSTGRES=1``: a missing server is then a failure."""
    return os.environ.get(REQUIRE_POSTGRES_ENV, "").strip().lower() in ("1", "true", "yes")


def _unavailable(reason: str) -> None:
    if postgres_required():
        pytest.fail(f"{reason} ({REQUIRE_POSTGRES_ENV}=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """URL of a PostgreSQL server for the whole session (its ``postgres`` database).

    Tests should not write to it directly: take ``database_url`` for a database of one's own.
    """
    url = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if url:
        yield pg.normalise_url(url)
        return
    base_dir = pg.make_base_dir()
    try:
        try:
            server = pg.start(base_dir)
        except pg.PostgresUnavailable as exc:
            _unavailable(str(exc))
        except pg.PostgresStartError as exc:
            pytest.fail(f"could not start a throwaway PostgreSQL server: {exc}", pytrace=False)
        yield server.url
    finally:
        pg.stop(base_dir)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of a fresh, empty database: a SQLite file in ``tmp_path``, or a database created
    for this test on the PostgreSQL server and dropped after it."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/relance.db"
        return
    server_url = request.getfixturevalue("postgres_server_url")
    with pg.temporary_database(server_url) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a fresh, empty SQLite database, for tests that need no PostgreSQL."""
    return f"sqlite:///{tmp_path}/relance.db"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared/reference``: real samples kept beside the repository, not in it."""
    if not SHARED_REFERENCE.is_dir():
        pytest.skip("../shared/reference is absent: real samples are not part of the repository")
    return SHARED_REFERENCE
