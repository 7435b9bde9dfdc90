"""Atom and RSS feeds, read by a real feed client (feedparser): well-formed, the expected
entries in the expected order (checked against independent SQL over the events table),
dates with time zones, absolute links, stable GUIDs, hostile texts, conditional HTTP,
bounds, bad parameters and autodiscovery."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import feedparser
import pytest
from flask.testing import FlaskClient
from werkzeug.http import http_date

from relance.dates import PARIS
from relance.db.engine import make_engine
from spiders.importer import import_path
from tests.dbcopy import copy_sqlite
from tests.feeds.conftest import HOSTILE_ANSWERED, HOSTILE_PENDING, TODAY, Corpus
from tests.index.conftest import AS_OF
from tests.records import qe_record
from tests.webapp.conftest import make_app

BASE = "http://localhost"
TAG = "tag:relance,2026:"
KIND_EVENT = {"reponses": "answered", "questions": "published"}


def parse(client: FlaskClient, url: str) -> tuple[Any, bytes]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.data[:300])
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return parsed, response.data


def guid_of(uid: str, kind: str, day: Any) -> str:
    return f"{TAG}{uid}/{kind}" + (f"/{day}" if day else "")


def paris_midnight(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(0), tzinfo=PARIS).astimezone(UTC)


def sql_time(value: str) -> datetime:
    """A timestamp as SQLite keeps it (UTC, no offset)."""
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


# -- selectors picked from the corpus -------------------------------------------------------------


@pytest.fixture(scope="module")
def picks(corpus: Corpus) -> dict[str, str]:
    """A busy ministry, rubrique, group and deputy, a deputy with few questions."""

    def top(column: str) -> str:
        return corpus.scalar(
            f"SELECT {column} FROM questions WHERE {column} IS NOT NULL "
            f"GROUP BY {column} ORDER BY count(*) DESC, {column} LIMIT 1"
        )

    few = corpus.scalar(
        "SELECT q.deputy_ref FROM questions q JOIN events e ON e.uid = q.uid "
        "WHERE e.kind = 'answered' AND q.deputy_ref IS NOT NULL "
        "GROUP BY q.deputy_ref ORDER BY count(*), q.deputy_ref LIMIT 1"
    )
    return {
        "ministere": top("ministere_attributaire_key"),
        "rubrique": top("rubrique_key"),
        "groupe": top("groupe_abrege"),
        "groupe_ref": top("groupe_ref"),
        "depute": top("deputy_ref"),
        "depute_few": few,
    }


def _where(selector: str, value: str) -> tuple[str, dict[str, Any]]:
    """Independent SQL for a selector (the meaning the README gives it)."""
    if selector == "legislature":
        return "q.legislature = :v", {"v": int(value)}
    if not selector:
        return "1 = 1", {}
    column = {
        "ministere": "q.ministere_attributaire_key = :v",
        "rubrique": "q.rubrique_key = :v",
        "groupe": "lower(q.groupe_abrege) = lower(:v)",
        "groupe_ref": "q.groupe_ref = :v",
        "depute": "q.deputy_ref = :v",
        "depute_few": "q.deputy_ref = :v",
    }[selector]
    return column, {"v": value}


SELECTORS = [
    "",
    "ministere",
    "rubrique",
    "groupe",
    "groupe_ref",
    "depute",
    "depute_few",
    "legislature",
]


def _param(selector: str, picks: dict[str, str]) -> tuple[str, str]:
    if selector == "legislature":
        return "legislature", "17"
    name = {"groupe_ref": "groupe", "depute_few": "depute"}.get(selector, selector)
    return name, picks[selector]


# -- well-formed, expected entries --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["atom", "rss"])
@pytest.mark.parametrize("feed", ["reponses", "questions"])
@pytest.mark.parametrize("selector", SELECTORS)
def test_event_feeds_list_the_latest_events_seen(
    client: FlaskClient,
    corpus: Corpus,
    picks: dict[str, str],
    feed: str,
    fmt: str,
    selector: str,
) -> None:
    """New answers / new questions: the events of that kind on the selected questions,
    most recently seen first (seen_at, then id, descending), 50 by default."""
    url = f"/flux/{feed}.{fmt}"
    where, bind = "1 = 1", {}
    if selector:
        name, value = _param(selector, picks)
        url += f"?{name}={quote(value)}"
        where, bind = _where(selector, value if selector != "legislature" else "17")
    parsed, _ = parse(client, url)
    expected = corpus.rows(
        "SELECT e.uid, e.date, e.seen_at FROM events e JOIN questions q ON q.uid = e.uid "
        f"WHERE e.kind = :kind AND {where} ORDER BY e.seen_at DESC, e.id DESC LIMIT 50",
        kind=KIND_EVENT[feed],
        **bind,
    )
    assert expected, "the corpus must give this feed entries"
    assert [e.id for e in parsed.entries] == [
        guid_of(uid, KIND_EVENT[feed], day) for uid, day, _ in expected
    ]
    assert parsed.version == ("atom10" if fmt == "atom" else "rss20")
    for entry, (uid, day, seen_at) in zip(parsed.entries, expected, strict=True):
        assert entry.link == f"{BASE}/questions/{uid}"
        published = paris_midnight(day)
        if fmt == "atom":
            assert datetime.fromisoformat(entry.published) == published
            assert datetime.fromisoformat(entry.updated) == sql_time(seen_at)
            assert entry.published.endswith("+00:00")
        else:
            assert parsedate_to_datetime(entry.published) == published
            assert entry.published.endswith("+0000")


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_feed_level_metadata(client: FlaskClient, picks: dict[str, str], fmt: str) -> None:
    key = picks["ministere"]
    parsed, body = parse(client, f"/flux/reponses.{fmt}?ministere={key}")
    feed = parsed.feed
    assert feed.title.startswith("Relance — Nouvelles réponses — ministère : ")
    assert feed.language == "fr"
    assert "réponses des ministres" in feed.subtitle
    links = {link.rel: link.href for link in feed.links}
    assert links["self"] == f"{BASE}/flux/reponses.{fmt}?ministere={key}"
    if fmt == "atom":
        assert links["alternate"] == f"{BASE}/ministeres/{key}"
        assert feed.id == f"{TAG}flux/reponses?ministere={key}"
        assert b'xml:lang="fr"' in body
    else:
        assert feed.link == f"{BASE}/ministeres/{key}"
        assert b"<language>fr</language>" in body
    newest = max(datetime.fromisoformat(e.updated) for e in parsed.entries) if fmt == "atom" else 0
    if fmt == "atom":
        assert datetime.fromisoformat(feed.updated) == newest


def test_entries_carry_title_ministry_status_excerpt_and_categories(
    client: FlaskClient, corpus: Corpus
) -> None:
    parsed, _ = parse(client, "/flux/reponses.atom?_size=10")
    uid = parsed.entries[0].id.removeprefix(TAG).split("/")[0]
    number, rubrique, rubrique_key, ministry, ministry_key, groupe = corpus.rows(
        "SELECT number, rubrique, rubrique_key, ministere_attributaire, "
        "ministere_attributaire_key, groupe_abrege FROM questions WHERE uid = :u",
        u=uid,
    )[0]
    entry = parsed.entries[0]
    assert entry.title.startswith(f"Réponse — n° {number} (")
    assert rubrique in entry.title
    assert f"Ministère attributaire : {ministry}." in entry.summary
    assert "Délai : réponse " in entry.summary  # status_phrase_fr of an answered question
    assert "Extrait de la réponse : " in entry.summary
    terms = {(t.term, t.label) for t in entry.tags}
    assert (rubrique_key, rubrique) in terms
    assert (ministry_key, ministry) in terms
    assert any(t.label == groupe for t in entry.tags)
    assert {t.scheme for t in entry.tags} <= {
        f"{BASE}/rubriques",
        f"{BASE}/ministeres",
        f"{BASE}/groupes",
    }


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_overdue_feed(client: FlaskClient, corpus: Corpus, fmt: str) -> None:
    """Pending questions past their due date, the most recently overdue first; dated on
    the first day late (midnight in Paris)."""
    parsed, _ = parse(client, f"/flux/retards.{fmt}?_size=80")
    expected = corpus.rows(
        "SELECT uid, due_date FROM questions WHERE status = 'pending' AND due_date < :today "
        "ORDER BY due_date DESC, uid DESC LIMIT 80",
        today=TODAY,
    )
    assert len(expected) == 80
    assert [e.id for e in parsed.entries] == [guid_of(u, "overdue", d) for u, d in expected]
    first = parsed.entries[0]
    late = paris_midnight((date.fromisoformat(expected[0][1]) + timedelta(days=1)).isoformat())
    if fmt == "atom":
        assert datetime.fromisoformat(first.published) == late
        assert datetime.fromisoformat(first.updated) == late
    else:
        assert parsedate_to_datetime(first.published) == late
    assert "en retard de" in (first.summary if fmt == "atom" else first.description)


def test_signalements_feed(client: FlaskClient, corpus: Corpus, picks: dict[str, str]) -> None:
    for query, where, bind in [
        ("", "1 = 1", {}),
        (f"?ministere={picks['ministere']}", *_where("ministere", picks["ministere"])),
    ]:
        parsed, _ = parse(client, f"/flux/signalements.atom{query}")
        expected = corpus.rows(
            "SELECT q.uid, q.signalement_due_date FROM questions q WHERE q.status = 'pending' "
            f"AND q.signalement_due_date < :today AND {where} "
            "ORDER BY q.signalement_due_date DESC, q.uid DESC LIMIT 50",
            today=TODAY,
            **bind,
        )
        assert [e.id for e in parsed.entries] == [guid_of(u, "signalement", d) for u, d in expected]
    assert expected, "the corpus has signalées past their 10 days"


def test_atom_and_rss_have_the_same_guids(client: FlaskClient) -> None:
    for feed in ("reponses", "questions", "retards", "signalements"):
        atom, _ = parse(client, f"/flux/{feed}.atom")
        rss, body = parse(client, f"/flux/{feed}.rss")
        assert [e.id for e in atom.entries] == [e.id for e in rss.entries]
        assert b'isPermaLink="false"' in body or not rss.entries


def test_guids_and_bytes_are_stable_across_regenerations(corpus: Corpus) -> None:
    """Two apps without page cache generate the same bytes (hence the same ETag)."""
    bodies = []
    for _ in range(2):
        app = make_app(corpus, RELANCE_PAGE_CACHE_SIZE=0, RELANCE_CACHE_SIZE=1)
        client = app.test_client()
        responses = [client.get(f"/flux/{f}.atom") for f in ("reponses", "retards")]
        bodies.append([(r.data, r.headers["ETag"]) for r in responses])
        app.extensions["relance"].engine.dispose()
    assert bodies[0] == bodies[1]


# -- search and watchlist ---------------------------------------------------------------------


def _search_uids(corpus: Corpus, text_query: str, **filters: str) -> list[str]:
    from index import SearchQuery, search

    uids: list[str] = []
    for page in (1, 2):
        result = search(
            corpus.index_dir,
            SearchQuery(text=text_query, filters=filters, sort="date", page=page, size=100),
        )
        uids += result.uids
        if len(result.uids) < 100:
            break
    return uids


def _events_of(corpus: Corpus, kind: str, uids: list[str], limit: int = 50) -> list[str]:
    if not uids:
        return []
    marks = ", ".join(f":u{i}" for i in range(len(uids)))
    rows = corpus.rows(
        f"SELECT uid, date FROM events WHERE kind = :kind AND uid IN ({marks}) "
        f"ORDER BY seen_at DESC, id DESC LIMIT {limit}",
        kind=kind,
        **{f"u{i}": u for i, u in enumerate(uids)},
    )
    return [guid_of(u, kind, d) for u, d in rows]


def test_search_feeds(client: FlaskClient, corpus: Corpus) -> None:
    """/recherche.atom?q=…: the answers among the most recently published answered
    matches; _flux=questions: the matches' publications."""
    word = "question"
    parsed, _ = parse(client, f"/recherche.atom?q={word}")
    answered = _search_uids(corpus, word, statut="answered")
    assert answered
    assert [e.id for e in parsed.entries] == _events_of(corpus, "answered", answered)
    assert parsed.feed.title == f"Relance — Nouvelles réponses — recherche « {word} »"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["alternate"] == f"{BASE}/recherche?q={word}"
    parsed, _ = parse(client, f"/recherche.rss?q={word}&_flux=questions&_size=20")
    every = _search_uids(corpus, word)
    assert [e.id for e in parsed.entries] == _events_of(corpus, "published", every, 20)


def test_watchlist_feeds(client: FlaskClient, corpus: Corpus, picks: dict[str, str]) -> None:
    """/suivi.atom?q=UID,UID&deputes=PA…: the listed questions and the deputies'."""
    answered = [u for (u,) in corpus.rows("SELECT uid FROM events WHERE kind = 'answered' LIMIT 3")]
    deputy = picks["depute_few"]
    query = f"q={','.join(answered)},NOT-A-UID,QANR5L17QE999999&deputes={deputy}"
    parsed, _ = parse(client, f"/suivi.atom?{query}")
    mine = [u for (u,) in corpus.rows("SELECT uid FROM questions WHERE deputy_ref = :d", d=deputy)]
    assert [e.id for e in parsed.entries] == _events_of(corpus, "answered", answered + mine)
    assert len(parsed.entries) >= 3
    parsed, _ = parse(client, f"/suivi.rss?{query}&_flux=questions")
    assert [e.id for e in parsed.entries] == _events_of(corpus, "published", answered + mine)
    empty, _ = parse(client, "/suivi.atom")
    assert empty.entries == []


# -- hostile texts ------------------------------------------------------------------------------


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\x7f-\x9f]")


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_hostile_texts_never_break_a_feed(nasty_client: FlaskClient, fmt: str) -> None:
    """Scripts, tags, entities, control characters and characters XML forbids in the
    stored texts, rubrique, analyses, author and ministry: the feed stays well-formed,
    holds no live markup, and carries the questions."""
    urls = [
        f"/suivi.{fmt}?q={HOSTILE_PENDING},{HOSTILE_ANSWERED}",
        f"/suivi.{fmt}?q={HOSTILE_PENDING},{HOSTILE_ANSWERED}&_flux=questions",
        f"/flux/questions.{fmt}?_size=200",
        f"/flux/retards.{fmt}?_size=200",
    ]
    seen = set()
    for url in urls:
        parsed, body = parse(nasty_client, url)
        decoded = body.decode("utf-8")
        assert not _FORBIDDEN.search(decoded), url
        assert "<script" not in decoded.lower() and "<img" not in decoded.lower()
        assert "javascript:" not in decoded
        if fmt == "rss":  # descriptions are HTML for RSS readers: escaped once more
            assert "&lt;script" not in decoded and "&lt;b&gt;" not in decoded
        for entry in parsed.entries:
            seen.add(entry.id.removeprefix(TAG).split("/")[0])
            text = entry.summary
            assert not _FORBIDDEN.search(entry.title + text)
    assert {HOSTILE_PENDING, HOSTILE_ANSWERED} <= seen
    parsed, _ = parse(nasty_client, f"/suivi.{fmt}?q={HOSTILE_ANSWERED}")
    [entry] = parsed.entries
    assert "Analyse" in entry.title and "alert(6)" in entry.title  # kept as text
    if fmt == "atom":
        assert "Réponse" in entry.summary and "x()" not in entry.summary  # script dropped


def test_hostile_corpus_feeds_are_well_formed_everywhere(nasty_client: FlaskClient) -> None:
    for feed in ("reponses", "questions", "retards", "signalements"):
        for fmt in ("atom", "rss"):
            parse(nasty_client, f"/flux/{feed}.{fmt}?_size=200")


# -- HTTP ----------------------------------------------------------------------------------------


def test_conditional_requests(client: FlaskClient) -> None:
    url = "/flux/reponses.atom"
    first = client.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    assert first.headers["Cache-Control"] in ("public, max-age=300", "max-age=300, public")
    assert first.mimetype == "application/atom+xml"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    since = client.get(url, headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    older = http_date(parsedate_to_datetime(modified) - timedelta(seconds=1))
    assert client.get(url, headers={"If-Modified-Since": older}).status_code == 200
    assert client.get(url, headers={"If-None-Match": '"autre"'}).status_code == 200
    head = client.head(url, headers={"If-None-Match": etag})
    assert head.status_code == 304
    rss = client.get("/flux/reponses.rss")
    assert rss.mimetype == "application/rss+xml" and rss.headers["ETag"] != etag


def test_last_modified_is_the_latest_answer_seen(client: FlaskClient, corpus: Corpus) -> None:
    response = client.get("/flux/reponses.atom")
    latest = sql_time(corpus.scalar("SELECT max(seen_at) FROM events WHERE kind = 'answered'"))
    assert parsedate_to_datetime(response.headers["Last-Modified"]) == latest.replace(microsecond=0)
    # Feeds whose deadlines in words change by day: at least midnight (Paris) of today.
    overdue = client.get("/flux/retards.atom")
    assert parsedate_to_datetime(overdue.headers["Last-Modified"]) >= paris_midnight(TODAY)


def test_new_data_gives_a_new_etag(corpus: Corpus, tmp_path: Path) -> None:
    """A new answer changes the data version: the feed is generated again, the new answer
    comes first, the ETag changes and the old one no longer gets a 304."""
    url = copy_sqlite(corpus.engine, tmp_path / "relance.db")
    copy = Corpus(make_engine(url), corpus.index_dir, url)
    app = make_app(copy, RELANCE_CACHE_TTL=0)
    client = app.test_client()
    before = client.get("/flux/reponses.atom")
    dump = tmp_path / "new.zip"
    with zipfile.ZipFile(dump, "w") as archive:
        record = qe_record(99010, 17, published="2026-09-01", answered="2026-11-17")
        archive.writestr("json/0.json", json.dumps(record))
    _, unreadable = import_path(dump, copy.engine, today=AS_OF, workers=0)
    assert unreadable == []
    after = client.get("/flux/reponses.atom", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    parsed = feedparser.parse(after.data)
    assert parsed.entries[0].id == f"{TAG}QANR5L17QE99010/answered/2026-11-17"
    assert parsedate_to_datetime(after.headers["Last-Modified"]) > parsedate_to_datetime(
        before.headers["Last-Modified"]
    )
    app.extensions["relance"].engine.dispose()
    copy.engine.dispose()


def test_size_bounds_the_entries(client: FlaskClient) -> None:
    assert len(parse(client, "/flux/questions.atom")[0].entries) == 50
    assert len(parse(client, "/flux/questions.atom?_size=7")[0].entries) == 7
    assert len(parse(client, "/flux/questions.rss?_size=200")[0].entries) == 200
    for bad in ("201", "0", "-1", "abc", "1e9", "99999999999999"):
        response = client.get(f"/flux/questions.atom?_size={bad}")
        assert response.status_code == 400, bad
        assert "Paramètre « _size »" in response.get_data(as_text=True)


HOSTILE_PARAMS = [
    "/flux/reponses.atom?ministere=%3Cscript%3E",
    "/flux/reponses.atom?ministere=%27%20OR%201%3D1%20--",
    "/flux/reponses.atom?depute=xyz",
    "/flux/reponses.atom?groupe=R%C3%A9publicains!",
    "/flux/reponses.atom?rubrique=%E2%80%94",
    "/flux/reponses.atom?legislature=abc",
    "/flux/reponses.atom?legislature=999",
    "/flux/reponses.atom?depuis=2025-02-30",
    "/flux/reponses.atom?depuis=2025-03-01&jusqua=2025-01-01",
    "/flux/reponses.atom?ministere=%00",
    "/flux/reponses.atom?ministere=" + "a" * 6000,
    "/flux/retards.rss?_size=%F0%9F%92%A5",
    "/recherche.atom",
    "/recherche.atom?annee=3000",
    "/recherche.atom?q=x&_flux=autre",
    "/suivi.atom?q=" + ",".join(f"QANR5L17QE{n}" for n in range(1, 202)),
    "/suivi.rss?_flux=%00",
]


@pytest.mark.parametrize("url", HOSTILE_PARAMS)
def test_bad_parameters_are_a_french_400(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code)
    body = response.get_data(as_text=True)
    assert "Requête invalide" in body and "<html" in body


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/flux/reponses.atom?ministere=ministere_inconnu", 404),
        ("/flux/reponses.atom?rubrique=rubrique_inconnue", 404),
        ("/flux/reponses.atom?groupe=INCONNU", 404),
        ("/flux/reponses.atom?groupe=PO1", 404),
        ("/flux/reponses.atom?depute=PA1", 404),
        ("/flux/inconnu.atom", 404),
        ("/flux/reponses.json", 404),
        ("/flux/reponses.xml", 404),
        ("/recherche.atom?q=%22sans%20fin&statut=inconnu", 200),
        ("/recherche.atom?q=*&_size=3", 200),
        ("/recherche.rss?q=-", 200),
        ("/suivi.atom?q=%3Cscript%3E,QANR5L17QE0001&deputes=PA%00", 400),
        ("/suivi.atom?q=%3Cscript%3E,QANR5L17QE0001&deputes=javascript:", 200),
        ("/flux/reponses.atom?legislature=42", 200),
    ],
)
def test_unknown_or_odd_selectors_never_fail(client: FlaskClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status, (url, response.data[:300])
    if status == 200:
        assert not feedparser.parse(response.data).bozo
    if status == 404 and "?" in url:
        assert "inconnu de Relance" in response.get_data(as_text=True)


def test_unknown_legislature_is_an_empty_feed(client: FlaskClient) -> None:
    parsed, _ = parse(client, "/flux/reponses.atom?legislature=42")
    assert parsed.entries == []
    assert parsed.feed.updated  # Atom requires it even when empty


# -- autodiscovery ---------------------------------------------------------------------------


def _alternates(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in re.findall(r"<link rel=\"alternate\"[^>]*>", html):
        kind = re.search(r'type="([^"]+)"', tag)
        href = re.search(r'href="([^"]+)"', tag)
        assert kind and href
        found.setdefault(kind[1], []).append(href[1].replace("&amp;", "&"))
    return found


def test_pages_advertise_their_feeds(client: FlaskClient, picks: dict[str, str]) -> None:
    uid = "QANR5L17QE1"
    deputy, ministry, rubrique = picks["depute"], picks["ministere"], picks["rubrique"]
    group = picks["groupe"]
    pages = {
        "/": ("/flux/reponses.atom", None),
        "/?ministere=" + ministry: (f"/flux/reponses.atom?ministere={ministry}", None),
        f"/ministeres/{ministry}": (
            f"/flux/reponses.atom?ministere={ministry}",
            f"/flux/echeances.ics?ministere={ministry}",
        ),
        f"/rubriques/{rubrique}": (f"/flux/reponses.atom?rubrique={rubrique}", None),
        f"/groupes/{group}": (f"/flux/reponses.atom?groupe={group}", None),
        f"/deputes/{deputy}": (
            f"/flux/reponses.atom?depute={deputy}",
            f"/flux/echeances.ics?depute={deputy}",
        ),
        "/recherche?q=h%C3%B4pital": ("/recherche.atom?q=h%C3%B4pital", None),
        f"/suivi?q={uid}&deputes={deputy}": (
            f"/suivi.atom?q={uid}&deputes={deputy}",
            f"/suivi.ics?q={uid}&deputes={deputy}",
        ),
    }
    for page, (atom, calendar) in pages.items():
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.get_data(as_text=True)
        links = _alternates(html)
        assert atom in links["application/atom+xml"], (page, links)
        assert atom.replace(".atom", ".rss") in links["application/rss+xml"], page
        assert "S'abonner (Atom/RSS)" in html
        assert f'href="{atom.replace("&", "&amp;")}"' in html  # the visible link
        if calendar:
            assert links["text/calendar"] == [calendar], page
            assert "Calendrier des échéances (.ics)" in html
        else:
            assert "text/calendar" not in links, page
        for href in links["application/atom+xml"] + links["application/rss+xml"]:
            parse(client, href)
        for href in links.get("text/calendar", []):
            assert client.get(href).status_code == 200
    # pages without a feed of their own, and the twins, advertise none
    for page in ("/ministeres", "/recherche", "/suivi", "/questions/QANR5L17QE1"):
        html = client.get(page).get_data(as_text=True)
        assert "application/atom+xml" not in html, page
    assert "S'abonner" not in client.get("/index.json").get_data(as_text=True)
    missing = client.get("/ministeres/ministere_inconnu").get_data(as_text=True)
    assert "application/atom+xml" not in missing  # error pages neither
