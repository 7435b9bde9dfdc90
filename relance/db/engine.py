"""Engines for SQLite (embedded default) and PostgreSQL, configured once here."""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

#: The page size of a new SQLite database (see ``_sqlite_pragmas``).
PAGE_SIZE = 16384
CHECKPOINT_BYTES = 64 << 20


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; for SQLite, creates the folder and turns on WAL (readers are
    not blocked by the importer) and foreign keys. JSON columns use orjson (fast)."""
    kwargs.setdefault("json_serializer", _json_dumps)
    kwargs.setdefault("json_deserializer", orjson.loads)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        _identity_adapters()
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


@lru_cache(maxsize=1)
def _identity_adapters() -> None:
    """Tell Python's sqlite3 that ``None`` and ``bytes`` bind as they are.

    Python 3.11's sqlite3 binds an int, float or str directly but sends any other value
    (``None``, ``bytes``) through its adapter registry first; finding no adapter there, it
    raises and clears an AttributeError for each one. An import binds ~19 such values per
    question (NULL columns, the UTF-8 texts and JSON): 10 % of the writing process's
    inserts. Registered here, the lookup succeeds and returns the value unchanged (``{}.get``
    gives None back, ``bytes`` gives a bytes object back): what is stored is the same."""
    sqlite3.register_adapter(type(None), {}.get)
    sqlite3.register_adapter(bytes, bytes)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # 16 KiB pages for a new database (an existing one keeps its own): a question's row
    # (~5 KB with its texts) fits in a page instead of spilling into overflow pages: an
    # import's inserts take 15 % less CPU and a fifth less system time, the database is 6 %
    # smaller, the site's aggregate queries are 15-35 % faster, lookups by uid a little
    # slower if anything (within the noise; bench/sqlite_pages.py). Only takes effect
    # before the first table is created, so it comes before everything else.
    cursor.execute(f"PRAGMA page_size={PAGE_SIZE}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # 16 MiB: an import updates many indexes; 8 MiB made it re-read and spill pages (a
    # third more system time), 32 MiB was no faster than 16 and used 16 MB more.
    cursor.execute("PRAGMA cache_size=-16384")
    # 64 MiB of WAL between checkpoints, whatever the database's page size
    page_size = cursor.execute("PRAGMA page_size").fetchone()[0]
    cursor.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_BYTES // page_size}")
    cursor.close()


def refresh_statistics(engine: Engine) -> None:
    """ANALYZE: the query planner's statistics, after a write run. Without them SQLite
    picks the first index that fits (a status index for a deputy's answered questions:
    a scan of every answered question, 250 ms on 100,000, instead of 15 ms)."""
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
