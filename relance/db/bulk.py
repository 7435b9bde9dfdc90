"""Bulk writes for the import's hot path.

At thousands of questions a second, SQLAlchemy's per-value type processing and the
pickling of rows between processes cost more than the write itself. Here a row is a flat
list of scalars, prepared in the import's worker processes: JSON columns already
serialized, dates as ISO text (orjson writes them so). A batch of rows travels as one JSON
document, the writing process decodes it in one call and hands the rows to the driver's
``executemany``. The statement is plain SQL: ``INSERT … ON CONFLICT`` is the same in SQLite
and PostgreSQL (PostgreSQL gets explicit casts for dates and JSON). What lands is what
SQLAlchemy's own types store, so the ORM reads these rows back unchanged: the store's tests
check it on both databases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import Connection, Date, Integer, Table
from sqlalchemy.types import JSON

DIALECTS = ("sqlite", "postgresql")


class BulkUpsert:
    """``INSERT … ON CONFLICT (key) DO UPDATE`` (or ``DO NOTHING``) of many flat rows.

    ``row`` turns a dict into the flat list this writer takes; ``stamps`` are timestamp
    columns with one value per batch, written into the statement itself."""

    def __init__(
        self,
        table: Table,
        dialect: str,
        *,
        key: Sequence[str],
        keep: Sequence[str] = (),
        update: bool = True,
        stamps: Sequence[str] = (),
    ) -> None:
        if dialect not in DIALECTS:
            raise NotImplementedError(f"unsupported database: {dialect}")
        self.table = table
        self.dialect = dialect
        self.key = tuple(key)
        self.keep = frozenset(keep)
        self.update = update
        self.stamps = tuple(stamps)
        # every column but a surrogate integer key (the database numbers it) and the stamps
        self.columns = tuple(
            c.name
            for c in table.columns
            if not (c.primary_key and isinstance(c.type, Integer)) and c.name not in stamps
        )
        self._json = [i for i, n in enumerate(self.columns) if isinstance(table.c[n].type, JSON)]

    def row(self, values: Mapping[str, Any]) -> list[Any]:
        """The flat row: JSON columns serialized; dates left to the batch's JSON encoding."""
        row = [values.get(name) for name in self.columns]
        for index in self._json:
            row[index] = orjson.dumps(row[index]).decode()
        return row

    def sql(self, stamp: datetime | None) -> str:
        mark = "?" if self.dialect == "sqlite" else "%s"
        values = [self._placeholder(mark, name) for name in self.columns]
        values += [self._literal(stamp)] * len(self.stamps)
        order = self.columns + self.stamps
        changed = [n for n in order if n not in set(self.key) | self.keep]
        action = (
            "DO UPDATE SET " + ", ".join(f'"{n}" = excluded."{n}"' for n in changed)
            if self.update and changed
            else "DO NOTHING"
        )
        names = ", ".join(f'"{n}"' for n in order)
        conflict = ", ".join(f'"{n}"' for n in self.key)
        return (
            f'INSERT INTO "{self.table.name}" ({names}) VALUES ({", ".join(values)}) '
            f"ON CONFLICT ({conflict}) {action}"
        )

    def _placeholder(self, mark: str, name: str) -> str:
        if self.dialect == "sqlite":
            return mark
        kind = self.table.c[name].type
        return (
            f"{mark}::json"
            if isinstance(kind, JSON)
            else f"{mark}::date"
            if isinstance(kind, Date)
            else mark
        )

    def _literal(self, stamp: datetime | None) -> str:
        """The batch's timestamp, as ``relance.db.types.UTCDateTime`` stores it. It is made
        here (never user input), so writing it into the statement is safe."""
        if not isinstance(stamp, datetime) or stamp.tzinfo is None:
            raise ValueError(f"{self.table.name}: an aware UTC timestamp is required")
        text = stamp.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return f"'{text}'" if self.dialect == "sqlite" else f"'{text}+00'::timestamptz"

    def execute(
        self, connection: Connection, rows: Sequence[Sequence[Any]], stamp: datetime | None = None
    ) -> None:
        if not rows:
            return
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(self.sql(stamp), rows)
        finally:
            cursor.close()


@lru_cache(maxsize=4)
def question_writers(dialect: str) -> tuple[BulkUpsert, BulkUpsert]:
    """The writers of the ``questions`` and ``events`` tables for a dialect."""
    from relance.db.models import EventRow, QuestionRow

    questions = BulkUpsert(
        QuestionRow.__table__,
        dialect,
        key=["uid"],
        keep=["first_seen_at"],
        stamps=["first_seen_at", "updated_at"],
    )
    events = BulkUpsert(
        EventRow.__table__, dialect, key=["uid", "kind", "ref"], update=False, stamps=["seen_at"]
    )
    return questions, events
