"""The feeds' read queries (``relance.db.feeds``), on SQLite and on a real PostgreSQL
server, over questions stored at known times; and their pure helpers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from relance.db import feeds
from relance.db.browse import Filters
from relance.db.engine import make_engine
from relance.db.feeds import Selection
from relance.db.migrate import upgrade
from relance.db.store import QuestionStore, Report
from relance.rules import due_date, signalement_due_date
from spiders.parsers.opendata import parse_question
from tests.records import info_jo, qe_record

T0 = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
TODAY = date(2026, 3, 1)


def _record(number: int, deputy: str = "PA1", **kwargs: object) -> dict:
    record = qe_record(number, **kwargs)  # type: ignore[arg-type]
    record["question"]["auteur"]["identite"]["acteurRef"] = deputy
    return record


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """Questions stored on three days: an answer seen a day after its question, a
    signalée, overdue and in-time pending questions, two deputies."""
    engine = make_engine(database_url)
    upgrade(engine)
    days = [
        [
            _record(1, published="2025-10-07"),  # answered on the second day
            _record(2, published="2025-10-14", answered="2025-12-02"),
            _record(3, "PA2", published="2025-11-04"),  # pending, overdue since 5 January
        ],
        [
            _record(1, published="2025-10-07", answered="2026-01-13"),
            _record(4, published="2026-01-13"),  # pending, in time
        ],
        [
            _record(
                5,
                "PA2",
                published="2025-09-02",
                signalement={"dateDepotSignal": "2025-12-01", "infoJO": info_jo("2025-12-09")},
            ),
        ],
    ]
    for offset, records in enumerate(days):
        store = QuestionStore(engine, Report(), now=lambda o=offset: T0 + timedelta(days=o))
        for record in records:
            store.add(parse_question(record))
        store.close()
    yield engine
    engine.dispose()


def _uids(entries: list[feeds.FeedEntry]) -> list[str]:
    return [e.uid for e in entries]


def test_events_most_recently_seen_first(engine: Engine) -> None:
    answers = feeds.event_entries(
        engine, kind=feeds.ANSWERS, selection=Selection(), today=TODAY, limit=10
    )
    assert _uids(answers) == ["QANR5L17QE1", "QANR5L17QE2"]  # QE1's answer was seen later
    first = answers[0]
    assert first.guid == "tag:relance,2026:QANR5L17QE1/answered/2026-01-13"
    assert first.updated == T0 + timedelta(days=1)  # seen_at
    assert first.published == datetime(2026, 1, 12, 23, 0, tzinfo=UTC)  # JO date, Paris
    assert first.excerpt == "Le Gouvernement répond."
    questions = feeds.event_entries(
        engine, kind=feeds.QUESTIONS, selection=Selection(), today=TODAY, limit=2
    )
    assert _uids(questions) == ["QANR5L17QE5", "QANR5L17QE4"]


@pytest.mark.parametrize("limit", [1, 10, 1_000])
def test_selections_whatever_the_plan(engine: Engine, limit: int) -> None:
    """A narrow selection reads the questions first (small limit × total), a wide one the
    events' index: the same answer either way."""
    pa2 = Selection(filters=Filters(depute="PA2"))
    questions = feeds.event_entries(
        engine, kind=feeds.QUESTIONS, selection=pa2, today=TODAY, limit=limit
    )
    assert _uids(questions) == ["QANR5L17QE5", "QANR5L17QE3"][:limit]
    listed = Selection(uids=("QANR5L17QE2", "QANR5L17QE4"), deputies=("PA2",), listed=True)
    found = feeds.event_entries(
        engine, kind=feeds.QUESTIONS, selection=listed, today=TODAY, limit=limit
    )
    # seen on the third day, the second, then the first (same seen_at: latest id first)
    assert _uids(found) == ["QANR5L17QE5", "QANR5L17QE4", "QANR5L17QE3", "QANR5L17QE2"][:limit]
    nothing = Selection(listed=True)
    assert (
        feeds.event_entries(engine, kind=feeds.ANSWERS, selection=nothing, today=TODAY, limit=5)
        == []
    )
    group = Selection(filters=Filters(groupe="lfi-nfp", legislature=17))
    wide = feeds.event_entries(
        engine, kind=feeds.QUESTIONS, selection=group, today=TODAY, limit=limit
    )
    assert _uids(wide) == [f"QANR5L17QE{n}" for n in (5, 4, 3, 2, 1)][:limit]


def test_late_entries(engine: Engine) -> None:
    overdue = feeds.late_entries(
        engine, kind=feeds.OVERDUE, selection=Selection(), today=TODAY, limit=10
    )
    assert [(e.uid, e.day) for e in overdue] == [
        ("QANR5L17QE3", due_date(date(2025, 11, 4))),
        ("QANR5L17QE5", due_date(date(2025, 9, 2))),
    ]
    assert overdue[0].published == overdue[0].updated == datetime(2026, 1, 4, 23, tzinfo=UTC)
    assert overdue[0].question.deadline.startswith("en retard de ")
    signalees = feeds.late_entries(
        engine, kind=feeds.SIGNALEMENTS, selection=Selection(), today=TODAY, limit=10
    )
    assert [(e.uid, e.day) for e in signalees] == [
        ("QANR5L17QE5", signalement_due_date(date(2025, 12, 9)))
    ]
    assert signalees[0].guid == "tag:relance,2026:QANR5L17QE5/signalement/2025-12-19"
    before = feeds.late_entries(
        engine, kind=feeds.OVERDUE, selection=Selection(), today=date(2026, 1, 4), limit=10
    )
    assert _uids(before) == ["QANR5L17QE5"]  # QE3 is due on 4 January: on time that day


def test_due_items(engine: Engine) -> None:
    items = feeds.due_items(engine, selection=Selection(filters=Filters(depute="PA2")), today=TODAY)
    assert [
        (i.question.uid, i.question.due_date, i.question.signalement_due_date) for i in items
    ] == [
        ("QANR5L17QE3", date(2026, 1, 4), None),
        ("QANR5L17QE5", date(2025, 11, 2), date(2025, 12, 19)),
    ]
    everything = feeds.due_items(
        engine, selection=Selection(filters=Filters(legislature=17)), today=TODAY
    )
    assert "QANR5L17QE1" not in {i.question.uid for i in everything}  # answered


def test_unknown_selectors(engine: Engine) -> None:
    assert feeds.unknown_selector(engine, Filters(ministere="interieur", depute="PA2")) is None
    assert feeds.unknown_selector(engine, Filters(ministere="nulle_part")) == (
        "ministere",
        "nulle_part",
    )
    assert feeds.unknown_selector(engine, Filters(groupe="PO10")) is None
    assert feeds.unknown_selector(engine, Filters(groupe="LFI-NFP")) is None
    assert feeds.unknown_selector(engine, Filters(groupe="XYZ")) == ("groupe", "XYZ")
    assert feeds.unknown_selector(engine, Filters(depute="PA9")) == ("depute", "PA9")
    assert feeds.unknown_selector(engine, Filters(rubrique="Étrangers")) is None
    assert feeds.watermark(engine) == T0 + timedelta(days=2)


def test_clean_text_and_excerpt() -> None:
    """What XML 1.0 forbids goes; the rest stays (tabs, newlines, accents, emoji)."""
    assert feeds.clean_text("a\x00b\x08c\x0bd\x0ce\x1ff\ufffeg\uffffh\x85i\x7fj") == "abcdefghij"
    assert feeds.clean_text("\tété\n😀\r") == "\tété\n😀\r"
    assert feeds.clean_text("\ud800x") == "x"  # a lone surrogate
    assert feeds.clean_text(None) == ""
    assert feeds.excerpt("<p>Un <script>alert(1)</script>texte</p>") == "Un texte"
    long = feeds.excerpt("<p>" + "mot " * 500 + "</p>", limit=50)
    assert long.endswith("…") and len(long) <= 51 and not long.endswith(" …")
    assert (
        feeds.entry_guid("QANR5L17QE1", "published", None)
        == "tag:relance,2026:QANR5L17QE1/published"
    )
