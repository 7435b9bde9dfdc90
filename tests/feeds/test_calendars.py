"""iCalendar feeds of due dates, read back with the icalendar library: one all-day event
per pending question on its due date (``relance.rules.due_date``), one on its signalement
due date when signalée (``relance.rules.signalement_due_date``), none for answered,
withdrawn or lapsed questions; stable UIDs; conditional HTTP; hostile texts."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask.testing import FlaskClient
from icalendar import Calendar

from relance.rules import due_date, rule_in_force, signalement_due_date
from tests.feeds.conftest import HOSTILE_ANSWERED, HOSTILE_PENDING, Corpus, make_app


def read(client: FlaskClient, url: str) -> tuple[Calendar, bytes]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.data[:300])
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data), response.data


def events(calendar: Calendar) -> dict[str, date]:
    """UID → DTSTART of every event."""
    out = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in out, f"duplicate UID {uid}"
        start = event.decoded("DTSTART")
        assert type(start) is date, "all-day events"
        assert event.decoded("DTEND") == date.fromordinal(start.toordinal() + 1)
        out[uid] = start
    return out


def expected(corpus: Corpus, where: str, **bind: str) -> dict[str, date]:
    """From relance.rules, over the pending questions the SQL selects."""
    out = {}
    for uid, published, signalee in corpus.rows(
        "SELECT uid, date_publication, date_signalement FROM questions "
        f"WHERE status = 'pending' AND date_publication IS NOT NULL AND {where}",
        **bind,
    ):
        day = date.fromisoformat(published)
        out[f"{uid}-echeance@relance"] = due_date(day)
        if signalee and rule_in_force(day).has_signalement:
            out[f"{uid}-signalement@relance"] = signalement_due_date(date.fromisoformat(signalee))
    return out


@pytest.fixture(scope="module")
def busy(corpus: Corpus) -> dict[str, str]:
    def top(column: str, extra: str = "") -> str:
        return corpus.scalar(
            f"SELECT {column} FROM questions WHERE {column} IS NOT NULL {extra} "
            f"GROUP BY {column} ORDER BY count(*) DESC, {column} LIMIT 1"
        )

    return {
        "ministere": top("ministere_attributaire_key", "AND status = 'pending'"),
        "depute": top("deputy_ref", "AND status = 'pending'"),
        "signalee": top("deputy_ref", "AND status = 'pending' AND date_signalement IS NOT NULL"),
    }


def test_ministry_calendar(client: FlaskClient, corpus: Corpus, busy: dict[str, str]) -> None:
    key = busy["ministere"]
    calendar, body = read(client, f"/flux/echeances.ics?ministere={key}")
    assert events(calendar) == expected(corpus, "ministere_attributaire_key = :k", k=key)
    assert str(calendar["VERSION"]) == "2.0"
    assert "échéances" in str(calendar["X-WR-CALNAME"])
    assert b"\r\n" in body


def test_deputy_calendar_has_the_signalement_dates(
    client: FlaskClient, corpus: Corpus, busy: dict[str, str]
) -> None:
    ref = busy["signalee"]
    calendar, _ = read(client, f"/flux/echeances.ics?depute={ref}")
    found = events(calendar)
    assert found == expected(corpus, "deputy_ref = :d", d=ref)
    assert any(uid.endswith("-signalement@relance") for uid in found)
    answered = {u for (u,) in corpus.rows("SELECT uid FROM questions WHERE status != 'pending'")}
    assert not {uid.split("-")[0] for uid in found} & answered
    for event in calendar.walk("VEVENT"):
        summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
        assert summary.startswith(("Échéance de la question n° ", "Fin du délai de signalement"))
        assert "Statut : en attente de réponse" in description
        uid = str(event["UID"]).split("-")[0]
        assert str(event["URL"]) == f"http://localhost/questions/{uid}"
        assert f"http://localhost/questions/{uid}" in description


def test_watchlist_calendar(client: FlaskClient, corpus: Corpus, busy: dict[str, str]) -> None:
    pending = [
        u for (u,) in corpus.rows("SELECT uid FROM questions WHERE status = 'pending' LIMIT 2")
    ]
    answered = corpus.scalar("SELECT uid FROM questions WHERE status = 'answered' LIMIT 1")
    ref = busy["depute"]
    url = f"/suivi.ics?q={','.join([*pending, answered])}&deputes={ref}"
    calendar, _ = read(client, url)
    where = "(uid IN (:a, :b) OR deputy_ref = :d)"
    want = expected(corpus, where, a=pending[0], b=pending[1], d=ref)
    assert events(calendar) == want
    assert not any(uid.startswith(f"{answered}-") for uid in events(calendar))


def test_calendars_are_stable_and_conditional(client: FlaskClient, busy: dict[str, str]) -> None:
    url = f"/flux/echeances.ics?depute={busy['depute']}"
    first = client.get(url)
    again = client.get(url)
    assert first.data == again.data and first.headers["ETag"] == again.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    modified = first.headers["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert "max-age=300" in first.headers["Cache-Control"]
    assert first.headers["Content-Disposition"].startswith('inline; filename="echeances-')


def test_calendars_do_not_change_with_the_day(
    client: FlaskClient, corpus: Corpus, busy: dict[str, str]
) -> None:
    """Nothing in an event depends on "today": a client re-imports only what changed."""
    url = f"/flux/echeances.ics?depute={busy['signalee']}"
    tomorrow = make_app(corpus, RELANCE_TODAY="2026-11-25")
    assert tomorrow.test_client().get(url).data == client.get(url).data
    tomorrow.extensions["relance"].engine.dispose()


def test_calendar_size_and_parameters(client: FlaskClient, busy: dict[str, str]) -> None:
    key = busy["ministere"]
    calendar, _ = read(client, f"/flux/echeances.ics?ministere={key}&_size=3")
    uids = {str(e["UID"]).split("-")[0] for e in calendar.walk("VEVENT")}
    assert len(uids) == 3
    for url, status in [
        ("/flux/echeances.ics", 400),
        ("/flux/echeances.ics?legislature=17", 400),
        (f"/flux/echeances.ics?ministere={key}&_size=2001", 400),
        ("/flux/echeances.ics?ministere=inconnu_ici", 404),
        ("/flux/echeances.ics?depute=PA%3Cscript%3E", 400),
        ("/suivi.ics?q=" + ",".join(f"QANR5L17QE{n}" for n in range(1, 202)), 400),
        ("/suivi.ics", 200),
    ]:
        assert client.get(url).status_code == status, url


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\x7f-\x9f]")


def test_hostile_texts_in_a_calendar(nasty_client: FlaskClient) -> None:
    calendar, body = read(nasty_client, f"/suivi.ics?q={HOSTILE_PENDING},{HOSTILE_ANSWERED}")
    assert not _FORBIDDEN.search(body.decode("utf-8"))
    found = events(calendar)
    assert set(found) == {f"{HOSTILE_PENDING}-echeance@relance"}  # answered: none
    [event] = calendar.walk("VEVENT")
    assert "Analyse" in str(event["DESCRIPTION"])
