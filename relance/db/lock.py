"""One writer at a time for a long step over the database (``exclusive(engine, "twins")``),
across processes: two ``relance twins`` runs, or a manual run during ``relance update``'s
twins step, would otherwise tear each other's clusters apart.

- SQLite: an advisory ``flock`` on a file beside the database (``relance.db.twins.lock``):
  the database is local, and the kernel drops the lock when a holder dies;
- PostgreSQL: a session advisory lock (``pg_try_advisory_lock``) held by a connection of
  its own for the step's duration; the server drops it when that session ends;
- an in-memory SQLite database is private to its process: nothing to lock.

Never waits: a second writer gets ``Busy`` at once, with a message naming the step and the
database (the scheduler's next run will do the work).
"""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text


class Busy(RuntimeError):
    """Another process holds the step's lock."""


def _advisory_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (PostgreSQL's advisory lock space)."""
    return int.from_bytes(
        hashlib.blake2b(f"relance:{name}".encode(), digest_size=8).digest(), "big", signed=True
    )


def lock_path(engine: Engine, name: str) -> Path | None:
    """The lock file of ``name`` beside a SQLite database file; None for other databases and
    in-memory SQLite."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database).with_name(f"{Path(database).name}.{name}.lock")


@contextmanager
def exclusive(engine: Engine, name: str) -> Iterator[None]:
    """Hold the lock of step ``name`` on this database for the ``with`` block; ``Busy``
    when another process holds it."""
    if engine.dialect.name == "postgresql":
        key = _advisory_key(name)
        with engine.connect() as connection:
            taken = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key})
            if not taken.scalar_one():
                connection.rollback()
                raise Busy(f"another process is running {name} on {engine.url.render_as_string()}")
            connection.commit()  # the lock belongs to the session, not the transaction
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                connection.commit()
        return
    path = lock_path(engine, name)
    if path is None:
        yield
        return
    with file_lock(path, f"another process is running {name} on {path.parent / path.stem}"):
        yield


@contextmanager
def file_lock(path: Path, busy: str) -> Iterator[None]:
    """An exclusive ``flock`` on ``path`` (created if need be) for the ``with`` block;
    ``Busy(busy)`` at once when another process holds it. The kernel releases it when
    the holder dies."""
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(busy) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
