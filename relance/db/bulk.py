"""Bulk writes for the import's hot path.

At thousands of questions a second, SQLAlchemy's per-value type processing and the
pickling of rows between processes cost more than the write itself. Here a row is a flat
tuple of scalars in the writer's column order (``BulkUpsert.columns``), prepared in the
import's worker processes (``relance.db.store.question_values``): JSON columns already
serialized, dates as ISO text. A batch of rows travels as one ``marshal`` document, the
writing process decodes it in one call and hands the rows to the driver's
``executemany``. The long texts and the JSON documents travel as UTF-8 bytes and reach the
database as they are: decoding them into Python strings, only for the driver to encode
them back, cost the writing process more than inserting them; the statement makes them
text again (``CAST(? AS TEXT)``, ``convert_from(%s, 'UTF8')``).

The statement is plain SQL: ``INSERT … ON CONFLICT`` is the same in SQLite and PostgreSQL
(PostgreSQL gets explicit casts for dates and JSON). What lands is what SQLAlchemy's own
types store, so the ORM reads these rows back unchanged: the store's tests check it on
both databases.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Date, Integer, Table
from sqlalchemy.types import JSON

DIALECTS = ("sqlite", "postgresql")


class BulkUpsert:
    """``INSERT … ON CONFLICT (key) DO UPDATE`` (or ``DO NOTHING``) of many flat rows.

    Rows are flat sequences in the order of ``columns``; ``stamps`` are timestamp columns
    with one value per batch, written into the statement itself; the values of the ``utf8``
    columns are UTF-8 encoded bytes (or None), stored as text."""

    def __init__(
        self,
        table: Table,
        dialect: str,
        *,
        key: Sequence[str],
        keep: Sequence[str] = (),
        update: bool = True,
        stamps: Sequence[str] = (),
        utf8: Sequence[str] = (),
    ) -> None:
        if dialect not in DIALECTS:
            raise NotImplementedError(f"unsupported database: {dialect}")
        self.table = table
        self.dialect = dialect
        self.key = tuple(key)
        self.keep = frozenset(keep)
        self.update = update
        self.stamps = tuple(stamps)
        self.utf8 = frozenset(utf8)
        # every column but a surrogate integer key (the database numbers it) and the stamps
        self.columns = tuple(
            c.name
            for c in table.columns
            if not (c.primary_key and isinstance(c.type, Integer)) and c.name not in stamps
        )

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
        kind = self.table.c[name].type
        if self.dialect == "sqlite":
            # SQLite reads a blob cast to text as text in the database's encoding (UTF-8)
            return f"CAST({mark} AS TEXT)" if name in self.utf8 else mark
        value = f"convert_from({mark}, 'UTF8')" if name in self.utf8 else mark
        if isinstance(kind, JSON):
            return f"{value}::json"
        return f"{value}::date" if isinstance(kind, Date) else value

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


#: The columns whose values travel as UTF-8 bytes: the texts (a few KB a question) and the
#: JSON documents (orjson writes bytes).
QUESTION_UTF8 = (
    "analyses",
    "attributions",
    "texte_question_html",
    "texte_reponse_html",
    "signalements",
    "renouvellements",
    "closure",
    "errata",
)
EVENT_UTF8 = ("detail",)


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
        utf8=QUESTION_UTF8,
    )
    events = BulkUpsert(
        EventRow.__table__,
        dialect,
        key=["uid", "kind", "ref"],
        update=False,
        stamps=["seen_at"],
        utf8=EVENT_UTF8,
    )
    return questions, events
