"""``INSERT … ON CONFLICT`` for SQLite and PostgreSQL, chosen in one place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def _insert(connection: Connection, table: Table) -> Any:
    if connection.dialect.name == "postgresql":
        return postgresql.insert(table)
    if connection.dialect.name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"unsupported database: {connection.dialect.name}")


def upsert(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    key: Sequence[str],
    keep: Iterable[str] = (),
) -> None:
    """Insert rows, or update every column but ``key`` and ``keep`` when the key exists."""
    if not rows:
        return
    statement = _insert(connection, table)
    frozen = set(key) | set(keep)
    columns = [c for c in rows[0] if c not in frozen]
    statement = statement.on_conflict_do_update(
        index_elements=list(key),
        set_={c: statement.excluded[c] for c in columns},
    )
    connection.execute(statement, list(rows))


def insert_missing(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    key: Sequence[str] | None = None,
) -> None:
    """Insert rows whose key is not there yet; leave existing ones untouched."""
    if not rows:
        return
    statement = _insert(connection, table).on_conflict_do_nothing(index_elements=key)
    connection.execute(statement, list(rows))
