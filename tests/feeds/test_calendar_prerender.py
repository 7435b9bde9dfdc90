"""Pre-rendered calendar events (``relance.calendar``, ``relance calendars``): the web app
serves them byte for byte as it would render them, re-renders only what is stale (another
base URL, a changed question), and the step is incremental; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import Engine, text

import relance.calendar
import webapp.calendars
from relance.calendar import prerender_events
from relance.cli import main
from relance.db.engine import make_engine
from relance.db.migrate import upgrade
from tests.dbcopy import copy_sqlite
from tests.feeds.conftest import HOSTILE_PENDING, Corpus, make_app

BASE = "http://localhost"  # Flask's test client


@pytest.fixture
def copy(corpus: Corpus, tmp_path: Path) -> Iterator[Corpus]:
    """A copy of the web corpus of one's own (the step writes to it)."""
    url = copy_sqlite(corpus.engine, tmp_path / "copy.db")
    engine = make_engine(url)
    upgrade(engine)
    yield Corpus(engine, corpus.index_dir, url)
    engine.dispose()


@pytest.fixture
def app(copy: Corpus) -> Iterator[Flask]:
    application = make_app(copy)
    yield application
    application.extensions["relance"].engine.dispose()


def _stored(engine: Engine) -> dict[tuple[str, str], tuple[str, bytes]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT uid, kind, digest, body FROM calendar_events"))
        return {(u, k): (d, bytes(b)) for u, k, d, b in rows}


def _busy_ministry(corpus: Corpus) -> str:
    return corpus.scalar(
        "SELECT ministere_attributaire_key FROM questions WHERE status = 'pending'"
        " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )


def test_served_events_are_the_prerendered_ones_byte_for_byte(
    copy: Corpus, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = _busy_ministry(copy)
    url = f"/flux/echeances.ics?ministere={key}&_size=2000"
    webapp.calendars._events.clear()
    live = app.test_client().get(url).data  # rendered here, nothing stored yet
    report = prerender_events(copy.engine, BASE)
    pending = copy.scalar(
        "SELECT count(*) FROM questions WHERE status = 'pending' AND due_date IS NOT NULL"
    )
    assert report.pending == pending and report.rendered >= pending > 50
    assert report.kept == 0 and report.dropped == 0
    # Served without rendering anything: every event comes from the database.
    webapp.calendars._events.clear()

    def refuse(*args: object) -> bytes:
        raise AssertionError("rendered although pre-rendered")

    monkeypatch.setattr(webapp.calendars, "render_event", refuse)
    fresh = make_app(copy)
    try:
        served = fresh.test_client().get(url).data
    finally:
        fresh.extensions["relance"].engine.dispose()
    assert served == live
    assert served.count(b"BEGIN:VEVENT") > 20


def test_another_base_url_renders_its_own_links(copy: Corpus, app: Flask) -> None:
    prerender_events(copy.engine, "https://relance.example.org")
    key = _busy_ministry(copy)
    body = app.test_client().get(f"/flux/echeances.ics?ministere={key}").data
    assert b"relance.example.org" not in body
    assert b"URL:http://localhost/questions/" in body


def test_public_url_links_and_prerendered_events(copy: Corpus) -> None:
    prerender_events(copy.engine, "https://relance.example.org")
    application = make_app(copy, RELANCE_PUBLIC_URL="https://relance.example.org")
    try:
        key = _busy_ministry(copy)
        body = application.test_client().get(f"/flux/echeances.ics?ministere={key}").data
    finally:
        application.extensions["relance"].engine.dispose()
    assert b"URL:https://relance.example.org/questions/" in body
    assert b"http://localhost" not in body.replace(b"\r\n ", b"")


def test_the_step_is_incremental(copy: Corpus) -> None:
    first = prerender_events(copy.engine, BASE)
    before = _stored(copy.engine)
    again = prerender_events(copy.engine, BASE)
    assert again.rendered == 0 and again.dropped == 0 and again.kept == first.rendered
    assert _stored(copy.engine) == before
    changed, answered = copy.rows(
        "SELECT uid FROM questions WHERE status = 'pending' AND due_date IS NOT NULL"
        " ORDER BY uid LIMIT 2"
    )
    with copy.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE questions SET updated_at = :t, rubrique = 'Rubrique changée' WHERE uid = :u"
            ),
            {"t": datetime(2030, 1, 1, tzinfo=UTC).isoformat(), "u": changed.uid},
        )
        connection.execute(
            text("UPDATE questions SET status = 'answered' WHERE uid = :u"), {"u": answered.uid}
        )
    third = prerender_events(copy.engine, BASE)
    after = _stored(copy.engine)
    kinds_changed = [k for k in before if k[0] == changed.uid]
    assert third.rendered == len(kinds_changed) >= 1
    assert third.dropped == len([k for k in before if k[0] == answered.uid]) >= 1
    assert not any(k[0] == answered.uid for k in after)
    for k in kinds_changed:
        assert after[k][0] != before[k][0] and b"Rubrique chang" in after[k][1]
    untouched = [k for k in before if k[0] not in (changed.uid, answered.uid)]
    assert all(after[k] == before[k] for k in untouched)


def test_a_new_renderer_version_redoes_every_event(
    copy: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = prerender_events(copy.engine, BASE)
    monkeypatch.setattr(relance.calendar, "EVENT_VERSION", relance.calendar.EVENT_VERSION + 1)
    again = prerender_events(copy.engine, BASE)
    assert again.rendered == first.rendered and again.kept == 0


def test_hostile_texts_stay_inert_when_prerendered(hostile: Corpus, tmp_path: Path) -> None:
    from icalendar import Calendar

    url = copy_sqlite(hostile.engine, tmp_path / "h.db")
    engine = make_engine(url)
    upgrade(engine)
    try:
        prerender_events(engine, BASE)
        body = _stored(engine)[(HOSTILE_PENDING, "echeance")][1]
    finally:
        engine.dispose()
    event = Calendar.from_ical(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + body + b"END:VCALENDAR\r\n")
    [parsed] = event.walk("VEVENT")
    assert str(parsed["UID"]) == f"{HOSTILE_PENDING}-echeance@relance"
    assert b"\x00" not in body


def test_cli_calendars(copy: Corpus, tmp_path: Path) -> None:
    env = {
        "RELANCE_DATA_DIR": str(tmp_path / "var"),
        "RELANCE_DATABASE_URL": copy.url,
        "RELANCE_PUBLIC_URL": "https://relance.example.org/",
    }
    result = CliRunner().invoke(main, ["calendars"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "events rendered" in result.output
    stored = _stored(copy.engine)
    assert stored and all(b"relance.example.org/questions/" in b for _, b in stored.values())
    again = CliRunner().invoke(main, ["calendars"], env=env, catch_exceptions=False)
    assert ", 0 events rendered" in again.output
    bad = CliRunner().invoke(main, ["calendars", "--base-url", "ftp://x"], env=env)
    assert bad.exit_code == 2 and "http" in bad.output


def test_on_every_database(database_url: str, copy: Corpus) -> None:
    """The step on SQLite and PostgreSQL: the same events from the same questions."""
    from sqlalchemy import select

    from relance.db.models import Base

    target = make_engine(database_url)
    upgrade(target)
    try:
        tables = [Base.metadata.tables[n] for n in ("groups", "deputies", "questions")]
        with copy.engine.connect() as src, target.begin() as dst:
            for table in tables:
                rows = [dict(r._mapping) for r in src.execute(select(table))]
                if rows:
                    dst.execute(table.insert(), rows)
        ours = prerender_events(target, BASE)
        reference = prerender_events(copy.engine, BASE)
        assert ours.rendered == reference.rendered > 50
        assert _stored(target) == _stored(copy.engine)
        assert prerender_events(target, BASE).rendered == 0
    finally:
        target.dispose()


def test_one_prerender_at_a_time(copy: Corpus) -> None:
    from relance.db.lock import Busy, exclusive

    other = make_engine(copy.url)
    try:
        with exclusive(other, "calendars"), pytest.raises(Busy, match="calendars"):
            prerender_events(copy.engine, BASE)
    finally:
        other.dispose()
    assert _stored(copy.engine) == {}
    assert prerender_events(copy.engine, BASE).rendered > 0
