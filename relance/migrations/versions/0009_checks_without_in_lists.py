"""The closed-vocabulary CHECK constraints written as equalities joined by OR, not IN lists.

SQLite (3.40) checks ``status IN ('pending', 'answered', 'withdrawn', 'lapsed')`` by
building a temporary b-tree of the list each time it writes a row (a list of more than two
constants; each row of an ``executemany`` is a fresh execution): 4 such trees for every
question and one for every event made up 40 % of the instructions of an import's inserts.
``status = 'pending' OR …`` accepts exactly the same values and costs a few comparisons.

On SQLite the new text is written into the schema table, the procedure SQLite documents for
changes that leave the stored rows as they are (removing or changing a CHECK constraint):
no table is copied, so the migration is instant on a database of any size. Each new table
definition is first compiled in a scratch database, and the schema version is bumped so
every connection reloads it. On PostgreSQL the constraints are dropped and added again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""

import sqlite3
from collections.abc import Sequence

from alembic import op
from sqlalchemy import Connection

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, constraint, column, values): the vocabularies as migrations 0001, 0002 and 0005
#: wrote them (frozen here: a later change to an enum gets its own revision).
CHECKS = (
    ("questions", "ck_questions_status", "status", ("pending", "answered", "withdrawn", "lapsed")),
    ("questions", "ck_questions_type", "type", ("QE", "QG", "QOSD")),
    (
        "events",
        "ck_events_kind",
        "kind",
        (
            "published",
            "attributed",
            "reattributed",
            "signalee",
            "renewed",
            "answered",
            "withdrawn",
            "lapsed",
            "corrected",
        ),
    ),
    (
        "page_checks",
        "ck_page_checks_outcome",
        "outcome",
        ("stored", "not_found", "refused", "failed"),
    ),
    ("text_signatures", "ck_text_signatures_kind", "kind", ("question", "answer")),
    ("twin_clusters", "ck_twin_clusters_kind", "kind", ("question", "answer")),
    ("twin_members", "ck_twin_members_kind", "kind", ("question", "answer")),
)


def in_list(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def equalities(column: str, values: Sequence[str]) -> str:
    return " OR ".join(f"{column} = {v!r}" for v in values)


def upgrade() -> None:
    _rewrite([(t, n, in_list(c, v), equalities(c, v)) for t, n, c, v in CHECKS])


def downgrade() -> None:
    _rewrite([(t, n, equalities(c, v), in_list(c, v)) for t, n, c, v in CHECKS])


def _rewrite(changes: list[tuple[str, str, str, str]]) -> None:
    """Replace each constraint's expression ``old`` by ``new``."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _rewrite_sqlite(bind, changes)
        return
    for table, name, _old, new in changes:
        op.execute(
            f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}", ADD CONSTRAINT "{name}" CHECK ({new})'
        )


def _rewrite_sqlite(bind: Connection, changes: list[tuple[str, str, str, str]]) -> None:
    tables: dict[str, str] = {}
    for table, name, old, new in changes:
        sql = tables.get(table)
        if sql is None:
            sql = bind.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
            ).scalar_one()
        clause = f"CONSTRAINT {name} CHECK ({old})"
        if sql.count(clause) != 1:
            raise RuntimeError(f"{table}: constraint {name} is not `CHECK ({old})` as expected")
        tables[table] = sql.replace(clause, f"CONSTRAINT {name} CHECK ({new})")
    scratch = sqlite3.connect(":memory:")
    try:
        for sql in tables.values():
            scratch.execute(sql)  # the new definition compiles (else nothing is written)
    finally:
        scratch.close()
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        for table, sql in tables.items():
            bind.exec_driver_sql(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                (sql, table),
            )
        bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
