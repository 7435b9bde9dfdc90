"""Bulk writes of many rows in one statement, for the import's hot path.

SQLAlchemy's per-value type processing costs more than the write itself when an import
stores thousands of rows a second. Here each value is converted once, explicitly, to what
the driver takes, and rows go through the driver's ``executemany`` with plain SQL: the
``INSERT … ON CONFLICT`` syntax is the same in SQLite and PostgreSQL. The conversions
match what SQLAlchemy's own types store, so the ORM reads these rows back unchanged (the
store's tests check it on both databases).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import Connection, Date, Integer, Table
from sqlalchemy.types import JSON

from relance.db.types import UTCDateTime

Converter = Callable[[Any], Any]


def _sqlite_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _sqlite_datetime(value: datetime | None) -> str | None:
    """SQLAlchemy's SQLite storage format for our UTC timestamps (naive UTC text)."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError(f"naive datetime refused (store aware UTC): {value!r}")
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValueError(f"naive datetime refused (store aware UTC): {value!r}")
    return value


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode()


class BulkUpsert:
    """``INSERT … ON CONFLICT (key) DO UPDATE`` (or ``DO NOTHING``) for many rows of
    identical shape (dicts with the same keys)."""

    def __init__(
        self,
        table: Table,
        dialect: str,
        *,
        key: Sequence[str],
        keep: Sequence[str] = (),
        update: bool = True,
    ) -> None:
        if dialect not in ("sqlite", "postgresql"):
            raise NotImplementedError(f"unsupported database: {dialect}")
        self.table = table
        self.dialect = dialect
        self.key = tuple(key)
        self.keep = frozenset(keep)
        self.update = update
        # every column but a surrogate integer key, which the database numbers itself
        self.columns = tuple(
            c.name for c in table.columns if not (c.primary_key and isinstance(c.type, Integer))
        )
        self.converters: dict[str, Converter | None] = {
            name: self._converter(name) for name in self.columns
        }

    def _converter(self, name: str) -> Converter | None:
        kind = self.table.c[name].type
        if isinstance(kind, JSON):
            return _json_text
        if isinstance(kind, UTCDateTime):
            return _sqlite_datetime if self.dialect == "sqlite" else _aware
        if isinstance(kind, Date) and self.dialect == "sqlite":
            return _sqlite_date
        return None

    @lru_cache(maxsize=8)  # noqa: B019 - a handful of shapes per writer, kept with it
    def _sql(self, order: tuple[str, ...]) -> str:
        mark = "?" if self.dialect == "sqlite" else "%s"
        json_columns = {n for n in order if isinstance(self.table.c[n].type, JSON)}
        values = ", ".join(
            f"{mark}::json" if self.dialect == "postgresql" and n in json_columns else mark
            for n in order
        )
        changed = [n for n in order if n not in set(self.key) | self.keep]
        action = (
            "DO UPDATE SET " + ", ".join(f'"{n}" = excluded."{n}"' for n in changed)
            if self.update and changed
            else "DO NOTHING"
        )
        names = ", ".join(f'"{n}"' for n in order)
        conflict = ", ".join(f'"{n}"' for n in self.key)
        return (
            f'INSERT INTO "{self.table.name}" ({names}) VALUES ({values}) '
            f"ON CONFLICT ({conflict}) {action}"
        )

    def execute(
        self,
        connection: Connection,
        rows: Sequence[Mapping[str, Any]],
        constants: Mapping[str, Any] | None = None,
    ) -> None:
        """Write ``rows``; ``constants`` are columns with one value for the whole batch
        (a timestamp), converted once. Columns missing from both are written as NULL."""
        if not rows:
            return
        constants = dict(constants or {})
        present = set(rows[0])
        names = tuple(n for n in self.columns if n in present and n not in constants)
        fixed = {n: constants.get(n) for n in self.columns if n not in names}
        tail = tuple((c(v) if (c := self.converters[n]) else v) for n, v in fixed.items())
        get = itemgetter(*names)
        converted = [(i, c) for i, n in enumerate(names) if (c := self.converters[n])]
        params = []
        for row in rows:
            values = list(get(row)) if len(names) > 1 else [get(row)]
            for index, convert in converted:
                values[index] = convert(values[index])
            params.append((*values, *tail))
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(self._sql(names + tuple(fixed)), params)
        finally:
            cursor.close()
