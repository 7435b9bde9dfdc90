"""Small key/value state kept in the database (``state`` table): what the last crawl saw of
each open-data dump (ETag, content hash), so an unchanged dump is not imported again."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from relance.dates import utcnow
from relance.db.models import StateRow
from relance.db.upsert import upsert

S = StateRow.__table__


def get_state(engine: Engine, prefix: str) -> dict[str, dict[str, Any]]:
    """Every state entry whose key starts with ``prefix``."""
    with engine.connect() as connection:
        rows = connection.execute(select(S.c.key, S.c.value).where(S.c.key.startswith(prefix)))
        return {row.key: row.value for row in rows}


def set_state(engine: Engine, entries: dict[str, dict[str, Any]]) -> None:
    if not entries:
        return
    now = utcnow()
    with engine.begin() as connection:
        upsert(
            connection,
            S,
            [{"key": key, "value": value, "updated_at": now} for key, value in entries.items()],
            key=["key"],
        )
