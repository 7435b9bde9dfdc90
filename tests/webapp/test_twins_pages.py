"""The twins' pages (``/jumelles``), and the twins on the question, deputy and ministry
pages, on a copy of the web corpus with ``update_twins`` run; counts checked against SQL."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from relance.db.engine import make_engine
from relance.twins import update_twins
from tests.dbcopy import copy_sqlite
from tests.webapp.conftest import Corpus, make_app

PLANTED = "<script>alert(9)</script>"


@pytest.fixture(scope="module")
def twins_corpus(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    base = tmp_path_factory.mktemp("twinsweb")
    url = copy_sqlite(corpus.engine, base / "relance.db")
    engine = make_engine(url)
    update_twins(engine)
    copy = Corpus(engine, corpus.index_dir, url)
    # A member's text (not the first occurrence) that reads as a tag once decoded.
    uid = copy.scalar(
        "SELECT uid FROM twin_members WHERE kind = 'question' AND cluster_id = :c"
        " AND uid != :c ORDER BY uid DESC",
        c=_largest(copy),
    )
    assert uid, "the corpus has planted twins"
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE questions SET texte_question_html = texte_question_html || :t"
                " WHERE uid = :u"
            ),
            {"t": "<p>&lt;script&gt;alert(9)&lt;/script&gt;</p>", "u": uid},
        )
    yield copy
    engine.dispose()


@pytest.fixture(scope="module")
def twins_app(twins_corpus: Corpus) -> Iterator[Flask]:
    application = make_app(twins_corpus)
    yield application
    application.extensions["relance"].engine.dispose()


@pytest.fixture
def client(twins_app: Flask) -> FlaskClient:
    return twins_app.test_client()


def _csv(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode())))


def _largest(c: Corpus, kind: str = "question") -> str:
    return c.scalar(
        "SELECT id FROM twin_clusters WHERE kind = :k ORDER BY size DESC, last_date DESC, id",
        k=kind,
    )


@pytest.mark.parametrize(("type_", "kind"), [("question", "question"), ("reponse", "answer")])
def test_list_counts_and_twins_agree(
    client: FlaskClient, twins_corpus: Corpus, type_: str, kind: str
) -> None:
    data = client.get(f"/jumelles.json?type={type_}&_size=200").get_json()
    expected = twins_corpus.scalar(
        "SELECT count(*) FROM twin_clusters WHERE kind = :k AND size >= 2", k=kind
    )
    assert data["total"] == expected
    assert data["kind"] == kind
    sizes = [c["size"] for c in data["clusters"]]
    assert sizes == sorted(sizes, reverse=True)
    for c in data["clusters"][:5]:
        members = twins_corpus.scalar(
            "SELECT count(*) FROM twin_members WHERE kind = :k AND cluster_id = :c",
            k=kind,
            c=c["id"],
        )
        assert members == c["size"]
        deputies = twins_corpus.scalar(
            "SELECT count(DISTINCT q.deputy_ref) FROM twin_members m JOIN questions q"
            " ON q.uid = m.uid WHERE m.kind = :k AND m.cluster_id = :c",
            k=kind,
            c=c["id"],
        )
        assert deputies == c["deputies"]
    rows = _csv(client.get(f"/jumelles.csv?type={type_}&_size=200").data)
    assert [r["id"] for r in rows] == [c["id"] for c in data["clusters"]]
    html = client.get(f"/jumelles?type={type_}&_size=200")
    assert html.status_code == 200
    page = html.get_data(as_text=True)
    for c in data["clusters"][:5]:
        assert f"/jumelles/{type_}/{c['id']}" in page


def test_recent_sort_and_filters(client: FlaskClient, twins_corpus: Corpus) -> None:
    data = client.get("/jumelles.json?_sort=recent&_size=200").get_json()
    last = [c["last_date"] for c in data["clusters"]]
    assert last == sorted(last, reverse=True)
    newest = twins_corpus.scalar("SELECT max(last_date) FROM twin_clusters WHERE kind = 'question'")
    assert last[0] == str(newest)
    first = data["clusters"][0]
    since = client.get(f"/jumelles.json?depuis={first['last_date']}").get_json()
    expected = twins_corpus.scalar(
        "SELECT count(*) FROM twin_clusters WHERE kind = 'question' AND last_date >= :d",
        d=first["last_date"],
    )
    assert since["total"] == expected
    rubrique = first["rubrique_key"]
    if rubrique:
        by_rubrique = client.get(f"/jumelles.json?rubrique={rubrique}").get_json()
        assert first["id"] in {c["id"] for c in by_rubrique["clusters"]}
    paged = client.get("/jumelles.json?_size=1&_page=2").get_json()
    assert paged["page"] == 2 and len(paged["clusters"]) <= 1


def test_cluster_detail(client: FlaskClient, twins_corpus: Corpus) -> None:
    cluster_id = _largest(twins_corpus)
    data = client.get(f"/jumelles/question/{cluster_id}.json").get_json()
    members = twins_corpus.rows(
        "SELECT uid FROM twin_members WHERE kind = 'question' AND cluster_id = :c", c=cluster_id
    )
    assert data["cluster"]["id"] == cluster_id
    assert data["total"] == len(members) == data["cluster"]["size"]
    assert {m["uid"] for m in data["members"]} == {r.uid for r in members}
    assert data["members"][0]["uid"] == cluster_id and data["members"][0]["first"]
    assert data["shared"] and {s["op"] for s in data["shared"]} <= {"same", "varies"}
    rows = _csv(client.get(f"/jumelles/question/{cluster_id}.csv").data)
    assert [r["uid"] for r in rows] == [m["uid"] for m in data["members"]]
    page = client.get(f"/jumelles/question/{cluster_id}").get_data(as_text=True)
    for m in data["members"]:
        assert f"/questions/{m['uid']}" in page
    # The planted text is a diff segment, shown escaped.
    assert any(PLANTED in s["text"] for m in data["members"] for s in m["diff"] or [])
    assert PLANTED not in page and "alert(9)<" not in page
    assert "&lt;script&gt;alert(9)&lt;/script&gt;" in page
    assert "<ins>" in page


def test_question_page_shows_twins(client: FlaskClient, twins_corpus: Corpus) -> None:
    cluster_id = _largest(twins_corpus)
    other = twins_corpus.scalar(
        "SELECT uid FROM twin_members WHERE kind = 'question' AND cluster_id = :c"
        " AND uid != :c ORDER BY uid",
        c=cluster_id,
    )
    data = client.get(f"/questions/{other}.json").get_json()
    twins = data["twins"]
    assert twins["question"]["id"] == cluster_id
    assert cluster_id in twins["question_members"] and other not in twins["question_members"]
    page = client.get(f"/questions/{other}").get_data(as_text=True)
    assert "Questions jumelles" in page
    assert f"/jumelles/question/{cluster_id}" in page
    lonely = twins_corpus.scalar(
        "SELECT uid FROM questions WHERE uid NOT IN (SELECT uid FROM twin_members) ORDER BY uid"
    )
    assert client.get(f"/questions/{lonely}.json").get_json()["twins"]["question"] is None


def test_deputy_and_ministry_shares(client: FlaskClient, twins_corpus: Corpus) -> None:
    ref, total, clustered = twins_corpus.rows(
        "SELECT q.deputy_ref, count(*), count(m.uid) FROM questions q LEFT JOIN twin_members m"
        " ON m.kind = 'question' AND m.uid = q.uid WHERE q.deputy_ref IS NOT NULL"
        " GROUP BY q.deputy_ref ORDER BY count(m.uid) DESC, q.deputy_ref LIMIT 1"
    )[0]
    assert clustered > 0
    share = client.get(f"/deputes/{ref}.json").get_json()["twins_share"]
    assert (share["total"], share["in_clusters"]) == (total, clustered)
    assert "Questions jumelles" in client.get(f"/deputes/{ref}").get_data(as_text=True)
    key, answers, boilerplate = twins_corpus.rows(
        "SELECT q.ministere_attributaire_key, count(*), count(m.uid) FROM questions q"
        " LEFT JOIN twin_members m ON m.kind = 'answer' AND m.uid = q.uid"
        " WHERE q.texte_reponse_html IS NOT NULL AND q.ministere_attributaire_key IS NOT NULL"
        " GROUP BY 1 ORDER BY count(m.uid) DESC, 1 LIMIT 1"
    )[0]
    share = client.get(f"/ministeres/{key}.json").get_json()["twins_share"]
    assert (share["total"], share["in_clusters"]) == (answers, boilerplate)
    assert "Réponses types" in client.get(f"/ministeres/{key}").get_data(as_text=True)


def test_nav_has_jumelles(client: FlaskClient) -> None:
    assert 'href="/jumelles"' in client.get("/jumelles").get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/jumelles?type=autre", 400),
        ("/jumelles?_sort=nom", 400),
        ("/jumelles?depuis=2026-02-30", 400),
        ("/jumelles?depuis=2026-02-01&jusqua=2026-01-01", 400),
        ("/jumelles?_page=0", 400),
        ("/jumelles?_page=9999", 400),
        ("/jumelles?_size=100000", 400),
        ("/jumelles?rubrique=%3Cscript%3E&groupe=%27%3B--", 200),
        ("/jumelles.json?groupe=" + "x" * 300, 400),
        ("/jumelles?_external=1&_anchor=x&kind=y", 200),
        ("/jumelles/autre/QANR5L17QE1", 404),
        ("/jumelles/question/pas-un-uid", 404),
        ("/jumelles/question/QANR5L17QE999999.json", 404),
        ("/jumelles/reponse/QANR5L17QE999999.csv", 404),
        ("/jumelles/question/%3Cscript%3E", 404),
    ],
)
def test_hostile_params(client: FlaskClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert b"<script>" not in response.data


def test_feed(client: FlaskClient, twins_corpus: Corpus) -> None:
    from xml.etree import ElementTree

    response = client.get("/flux/jumelles.atom?_size=5")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ElementTree.fromstring(response.data).findall("a:entry", ns)
    newest = twins_corpus.rows(
        "SELECT id FROM twin_clusters WHERE kind = 'question'"
        " ORDER BY last_date DESC, size DESC, id LIMIT 5"
    )
    assert [e.find("a:id", ns).text.rsplit("/", 1)[1] for e in entries] == [  # type: ignore[union-attr]
        r.id for r in newest
    ]
    again = client.get(
        "/flux/jumelles.atom?_size=5", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304
    answers = client.get("/flux/jumelles.atom?type=reponse")
    assert answers.status_code == 200 and b"/jumelles/reponse/" in answers.data
    assert client.get("/flux/jumelles.atom?type=x").status_code == 400
    assert client.get("/flux/jumelles.atom?_size=0").status_code == 400


def test_feed_rss_matches_atom(client: FlaskClient) -> None:
    import feedparser

    atom = feedparser.parse(client.get("/flux/jumelles.atom?type=reponse&_size=7").data)
    response = client.get("/flux/jumelles.rss?type=reponse&_size=7")
    assert response.mimetype == "application/rss+xml"
    rss = feedparser.parse(response.data)
    assert not atom.bozo and not rss.bozo
    assert len(rss.entries) == len(atom.entries) > 0
    assert [e.id for e in rss.entries] == [e.id for e in atom.entries]
    assert [e.link for e in rss.entries] == [e.link for e in atom.entries]
    assert all(e.link.startswith("http://localhost/jumelles/reponse/") for e in rss.entries)
    assert all(e.published_parsed for e in rss.entries)


def test_clusters_page_advertises_its_feed(client: FlaskClient, twins_corpus: Corpus) -> None:
    """Autodiscovery: the /jumelles page links the feed of its own type and filters, and
    the advertised feed answers."""
    import re

    rubrique = twins_corpus.scalar(
        "SELECT rubrique_key FROM twin_clusters WHERE kind = 'answer'"
        " AND rubrique_key IS NOT NULL ORDER BY size DESC, id LIMIT 1"
    )
    page = client.get(f"/jumelles?type=reponse&rubrique={rubrique}").get_data(as_text=True)
    links = re.findall(
        r'<link rel="alternate" type="application/(atom|rss)\+xml" title="([^"]*)" href="([^"]*)"',
        page,
    )
    hrefs = {kind: href.replace("&amp;", "&") for kind, _, href in links}
    assert set(hrefs) == {"atom", "rss"}, links
    assert hrefs["atom"].startswith("/flux/jumelles.atom?")
    assert f"rubrique={rubrique}" in hrefs["atom"] and "type=reponse" in hrefs["atom"]
    assert all("réponses types" in title for _, title, _ in links)
    expected = twins_corpus.rows(
        "SELECT id FROM twin_clusters WHERE kind = 'answer' AND rubrique_key = :r"
        " ORDER BY last_date DESC, size DESC, id LIMIT 50",
        r=rubrique,
    )
    import feedparser

    for kind, href in hrefs.items():
        parsed = feedparser.parse(client.get(href).data)
        assert [e.id.rsplit("/", 1)[1] for e in parsed.entries] == [r.id for r in expected], kind
    plain = client.get("/jumelles").get_data(as_text=True)
    assert 'href="/flux/jumelles.atom?type=question"' in plain
