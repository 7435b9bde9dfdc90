"""The store, on SQLite and on a real PostgreSQL server: migrations, idempotent upserts,
no downgrade, events, dimensions. Every test runs on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, inspect, select

from relance.db.browse import Dimension
from relance.db.browse import stats as scoreboard
from relance.db.engine import make_engine
from relance.db.migrate import downgrade, upgrade
from relance.db.models import (
    EventRow,
    MinistryLabelRow,
    MinistryRow,
    QuestionRow,
    RubriqueRow,
    StateRow,
)
from relance.db.queries import get_question, overdue
from relance.db.store import QuestionStore, Report
from relance.record import Question, Status
from spiders.parsers.opendata import parse_question
from tests.records import full_life_record, info_jo, ministry, qe_record

T0 = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
NAIVE = T0.replace(tzinfo=None)  # a naive timestamp: always a bug


@pytest.fixture
def engine(database_url: str) -> Engine:
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def store(engine: Engine, when: datetime = T0, batch_size: int = 1000) -> QuestionStore:
    return QuestionStore(engine, Report(), batch_size=batch_size, now=lambda: when)


def q(number: int = 1, **kwargs) -> Question:
    return parse_question(qe_record(number, **kwargs))


def count(engine: Engine, model, *where) -> int:
    with engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(model).where(*where)
        ).scalar_one()


def test_migrations_create_every_table_and_go_down(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert {
        "questions",
        "deputies",
        "mandates",
        "groups",
        "ministries",
        "ministry_labels",
        "rubriques",
        "events",
        "state",
        "alembic_version",
    } <= tables
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert "questions" in inspect(engine).get_table_names()


def _check_clause(engine: Engine, table: str, name: str) -> str:
    """A CHECK constraint's text as the database holds it."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            sql = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
            ).scalar_one()
            return next(line for line in sql.splitlines() if f"CONSTRAINT {name} " in line)
        return connection.exec_driver_sql(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s", (name,)
        ).scalar_one()


def _set_status(engine: Engine, uid: str, status: str) -> None:
    with engine.begin() as connection:
        connection.execute(
            QuestionRow.__table__.update().where(QuestionRow.uid == uid).values(status=status)
        )


def test_migration_0009_rewrites_the_vocabulary_checks_and_keeps_the_rows(engine: Engine) -> None:
    """0009 turns ``status IN (…)`` into equalities joined by OR, on a database holding
    rows: nothing is lost, the same values are accepted and refused before and after,
    and it goes back down."""
    from sqlalchemy.exc import IntegrityError

    downgrade(engine, "0008")
    before = _check_clause(engine, "questions", "ck_questions_status")
    assert " OR " not in before and ("IN (" in before or "ANY" in before), before  # PG: ANY
    writer = store(engine)
    for record in [q(1), q(2, answered="2025-09-02")]:
        writer.add(record)
    writer.close()
    upgrade(engine)
    for table, name in [
        ("questions", "ck_questions_status"),
        ("questions", "ck_questions_type"),
        ("events", "ck_events_kind"),
        ("page_checks", "ck_page_checks_outcome"),
        ("twin_members", "ck_twin_members_kind"),
    ]:
        clause = _check_clause(engine, table, name)
        assert " OR " in clause and "IN (" not in clause and "ANY" not in clause, clause
    assert count(engine, QuestionRow) == 2 and count(engine, EventRow) >= 3
    uid = q(1).uid
    for status in Status:
        _set_status(engine, uid, status.value)  # every value of the vocabulary is accepted
    for bad in ("bogus", "Pending", ""):
        with pytest.raises(IntegrityError):
            _set_status(engine, uid, bad)
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    downgrade(engine, "0008")
    assert " OR " not in _check_clause(engine, "questions", "ck_questions_status")
    with pytest.raises(IntegrityError):
        _set_status(engine, uid, "bogus")
    upgrade(engine)


def test_sqlite_writes_rows_without_building_a_temporary_table(sqlite_url: str) -> None:
    """The import's insert statements compile to programs that open no ephemeral table: a
    CHECK written ``IN (a, b, c)`` made SQLite build one per row written (migration
    0009)."""
    from relance.db.bulk import question_writers

    engine = make_engine(sqlite_url)
    upgrade(engine)
    questions, events = question_writers("sqlite")
    with engine.connect() as connection:
        for writer in (questions, events):
            sql = writer.sql(T0)
            program = connection.exec_driver_sql(
                "EXPLAIN " + sql, tuple([None] * sql.count("?"))
            ).all()
            opcodes = {row[1] for row in program}
            assert "Insert" in opcodes and "OpenEphemeral" not in opcodes, writer.table.name
    engine.dispose()


def test_models_match_the_migrations(engine: Engine) -> None:
    """Autogenerate finds nothing to do: every model change has its revision."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from relance.db.models import Base

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_insert_then_same_input_is_unchanged(engine: Engine) -> None:
    records = [q(n, answered="2025-09-02" if n % 2 else None) for n in range(1, 51)]
    first = store(engine)
    for record in records:
        first.add(record)
    assert (first.close().inserted, first.report.unchanged) == (50, 0)
    events_before = count(engine, EventRow)
    again = store(engine, T0 + timedelta(days=1), batch_size=7)
    for record in records:
        again.add(record)
    report = again.close()
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 50)
    assert count(engine, EventRow) == events_before
    with engine.connect() as connection:
        seen = connection.execute(select(func.max(QuestionRow.updated_at))).scalar_one()
    assert seen == T0  # nothing was rewritten


def test_an_answer_arrives_adds_the_event_seen_now(engine: Engine) -> None:
    s = store(engine)
    s.add(q(7))
    s.close()
    later = T0 + timedelta(days=30)
    s = store(engine, later)
    s.add(q(7, answered="2025-09-02"))
    assert s.close().updated == 1
    with engine.connect() as connection:
        answered = connection.execute(
            select(EventRow.date, EventRow.seen_at, EventRow.ministry_key).where(
                EventRow.uid == "QANR5L17QE7", EventRow.kind == "answered"
            )
        ).one()
        first_seen = connection.execute(
            select(QuestionRow.first_seen_at).where(QuestionRow.uid == "QANR5L17QE7")
        ).scalar_one()
    assert answered == (date(2025, 9, 2), later, "interieur")
    assert first_seen == T0  # kept across updates
    view = get_question(engine, "QANR5L17QE7")
    assert view and view.question.status is Status.ANSWERED


@pytest.mark.parametrize(
    ("incoming", "reason"),
    [
        ({}, "would remove a known answer"),
        (
            {
                "cloture": {
                    "codeCloture": "RET",
                    "libelleCloture": "Retirée",
                    "dateCloture": "2025-09-09",
                }
            },
            "would remove a known answer",
        ),
    ],
)
def test_never_downgrade_an_answered_question(engine: Engine, incoming: dict, reason: str) -> None:
    s = store(engine)
    s.add(q(9, answered="2025-09-02"))
    s.close()
    s = store(engine, T0 + timedelta(days=1))
    s.add(q(9, **incoming))
    report = s.close()
    assert report.refused == {reason: 1}
    assert report.examples[reason] == ["QANR5L17QE9"]
    assert report.stale == 1 and report.invalid_rate == 0  # older, not wrong: not an error
    view = get_question(engine, "QANR5L17QE9")
    assert view and view.question.status is Status.ANSWERED
    assert view.question.texte_reponse == "Le Gouvernement répond."


def test_a_withdrawn_question_never_reopens(engine: Engine) -> None:
    withdrawn = {
        "cloture": {"codeCloture": "RET", "libelleCloture": "Retirée", "dateCloture": "2025-09-09"}
    }
    s = store(engine)
    s.add(q(11, **withdrawn))
    s.close()
    s = store(engine)
    s.add(q(11))
    assert s.close().refused == {"would move a withdrawn question back to pending": 1}
    view = get_question(engine, "QANR5L17QE11")
    assert view and view.question.status is Status.WITHDRAWN


def test_upgrade_from_withdrawn_to_answered_is_accepted(engine: Engine) -> None:
    s = store(engine)
    s.add(
        q(
            12,
            cloture={
                "codeCloture": "RET",
                "libelleCloture": "Retirée",
                "dateCloture": "2025-09-09",
            },
        )
    )
    s.close()
    s = store(engine)
    s.add(q(12, answered="2025-09-16"))
    assert s.close().updated == 1


def full_life(number: int) -> Question:
    """Signalée, renewed, re-attributed at a reshuffle, then answered."""
    return parse_question(full_life_record(number))


def test_round_trip_record_to_row_and_back(engine: Engine) -> None:
    record = full_life(21)
    s = store(engine)
    s.add(record)
    s.close()
    view = get_question(engine, record.uid)
    assert view is not None
    assert view.question == record
    assert view.question.content_hash == record.content_hash


def test_an_attribution_after_publication_is_its_own_event(engine: Engine) -> None:
    record = q(
        23,
        minAttribs={
            "minAttrib": {
                "infoJO": info_jo("2025-06-03"),
                "denomination": ministry("Justice", "PO2"),
            }
        },
    )
    s = store(engine)
    s.add(record)
    s.close()
    with engine.connect() as connection:
        kinds = connection.execute(
            select(EventRow.kind, EventRow.date)
            .where(EventRow.uid == record.uid)
            .order_by(EventRow.date)
        ).all()
    assert [tuple(k) for k in kinds] == [
        ("published", date(2025, 5, 20)),
        ("attributed", date(2025, 6, 3)),
    ]


def test_events_of_a_full_life(engine: Engine) -> None:
    record = full_life(22)
    s = store(engine)
    s.add(record)
    s.close()
    with engine.connect() as connection:
        events = connection.execute(
            select(EventRow.kind, EventRow.date, EventRow.ministry_key)
            .where(EventRow.uid == record.uid)
            .order_by(EventRow.date, EventRow.kind)
        ).all()
    # The first attribution is the publication's (same day): the "published" event says it.
    assert [tuple(e) for e in events] == [
        ("published", date(2025, 5, 20), "justice"),
        ("reattributed", date(2025, 6, 10), "justice"),
        ("signalee", date(2025, 7, 29), "justice"),
        ("renewed", date(2025, 8, 26), "justice"),
        ("answered", date(2025, 9, 2), "justice"),
    ]


def test_dimensions_keep_every_label_under_one_key(engine: Engine) -> None:
    s = store(engine)
    s.add(q(31, minInt=ministry("Intérieur", "PO1")))
    s.add(
        q(
            32,
            minInt=ministry("Intérieur et outre-mer", "PO2"),
            minAttribs={
                "minAttrib": {
                    "infoJO": info_jo("2025-05-20"),
                    "denomination": ministry("Intérieur et outre-mer", "PO2"),
                }
            },
        )
    )
    s.close()
    assert count(engine, MinistryRow, MinistryRow.key == "interieur") == 1
    assert count(engine, MinistryLabelRow, MinistryLabelRow.key == "interieur") == 2
    assert count(engine, RubriqueRow) == 1


def test_timestamps_are_aware_utc_and_naive_ones_are_refused(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            StateRow.__table__.insert().values(key="k", value={"a": 1}, updated_at=T0)
        )
        stored = connection.execute(select(StateRow.updated_at)).scalar_one()
    assert stored == T0 and stored.tzinfo is not None
    from sqlalchemy.exc import StatementError

    with pytest.raises(StatementError, match="naive datetime refused"), engine.begin() as c:
        c.execute(StateRow.__table__.insert().values(key="n", value={}, updated_at=NAIVE))


def test_overdue_and_stats_queries(engine: Engine) -> None:
    today = date(2025, 10, 1)
    s = store(engine)
    s.add(q(41, published="2025-05-20"))  # due 2025-07-20: overdue by 73 days
    s.add(q(42, published="2025-07-29"))  # due 2025-09-29: overdue by 2 days
    s.add(q(43, published="2025-09-02"))  # not yet due
    s.add(q(44, published="2025-05-20", answered="2025-07-15"))  # on time
    s.add(q(45, published="2025-05-20", answered="2025-08-26"))  # late
    s.add(
        q(
            46,
            published="2025-05-20",
            minInt=ministry("Justice"),
            minAttribs={
                "minAttrib": {"infoJO": info_jo("2025-05-20"), "denomination": ministry("Justice")}
            },
        )
    )
    s.close()
    items = overdue(engine, today=today)
    assert [(i.uid, i.days_overdue) for i in items] == [
        ("QANR5L17QE41", 73),
        ("QANR5L17QE46", 73),
        ("QANR5L17QE42", 2),
    ]
    assert [i.uid for i in overdue(engine, today=today, ministry="justice")] == ["QANR5L17QE46"]
    assert overdue(engine, today=today, rubrique="Étrangers")[0].rubrique == "étrangers"
    assert overdue(engine, today=today, deputy="PA999") == []
    stats = {s.key: s for s in scoreboard(engine, today=today, by=Dimension.MINISTERE)}
    interieur = stats["interieur"]
    assert (interieur.received, interieur.answered, interieur.pending, interieur.overdue) == (
        5,
        2,
        3,
        2,
    )
    assert interieur.answer_rate == 0.4
    assert interieur.on_time_rate == 0.25  # 1 on time among 4 judged (43 is not due yet)
    assert interieur.median_delay_days == (56 + 98) / 2
    assert stats["justice"].overdue == 1


def test_sqlite_binds_none_and_bytes_as_they_are(sqlite_url: str) -> None:
    """The identity adapters registered for SQLite engines (a faster path through Python's
    sqlite3 binding) change nothing that is stored: None is NULL, bytes a blob."""
    import sqlite3

    make_engine(sqlite_url).dispose()
    assert (type(None), sqlite3.PrepareProtocol) in sqlite3.adapters
    assert (bytes, sqlite3.PrepareProtocol) in sqlite3.adapters
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (a, b, c)")
    connection.execute(
        "INSERT INTO t VALUES (?, ?, CAST(? AS TEXT))", (None, b"\xc3\xa9", b"\xc3\xa9")
    )
    row = connection.execute("SELECT a IS NULL, typeof(b), b, typeof(c), c FROM t").fetchone()
    assert row == (1, "blob", b"\xc3\xa9", "text", "é")
    connection.close()


def test_a_new_sqlite_database_has_16_kib_pages_and_an_old_one_keeps_its_own(
    tmp_path, sqlite_url: str
) -> None:
    """New databases get 16 KiB pages (a question's row fits in one; docs/benchmarks.md);
    a database made with 4 KiB pages keeps them, migrates and takes rows as before. Both
    checkpoint their WAL every 64 MiB."""
    import sqlite3

    fresh = make_engine(sqlite_url)
    upgrade(fresh)
    with fresh.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw.execute("PRAGMA page_size").fetchone()[0] == 16384
        assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 4096
    fresh.dispose()

    old_path = tmp_path / "old.db"
    made = sqlite3.connect(old_path)
    made.execute("PRAGMA page_size=4096")
    made.execute("CREATE TABLE before_relance (a)")  # the page size is fixed from here on
    made.commit()
    made.close()
    old = make_engine(f"sqlite:///{old_path}")
    upgrade(old)
    store = QuestionStore(old)
    store.add(parse_question(qe_record(1, published="2025-05-20")))
    store.close()
    with old.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw.execute("PRAGMA page_size").fetchone()[0] == 4096
        assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 16384
    assert get_question(old, "QANR5L17QE1") is not None
    old.dispose()
