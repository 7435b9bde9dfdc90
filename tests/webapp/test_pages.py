"""Every page and its ``.json`` and ``.csv`` twins: the three agree on the same rows, and
filters and sorts change the results the way independent SQL says they should."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from relance.db import browse
from relance.db.browse import Dimension
from relance.db.queries import get_question
from relance.record import Ministry
from relance.rules import status_phrase_fr
from tests.webapp.conftest import AS_OF, TODAY, Corpus, make_app

QUESTION_LINK = re.compile(r'href="/questions/(QANR5L\d+Q[A-Z]+\d+)"')


def get_json(client: FlaskClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == "application/json"
    return response.json


def get_csv(client: FlaskClient, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def get_html(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def twins(path: str, query: str = "") -> tuple[str, str, str]:
    """The HTML URL of a page and those of its JSON and CSV twins."""
    base = "/index" if path == "/" else path
    suffix = f"?{query}" if query else ""
    return f"{path}{suffix}", f"{base}.json{suffix}", f"{base}.csv{suffix}"


def table_body(html: str) -> str:
    """The first table's body (the page's main list)."""
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


# -- home: the overdue list ------------------------------------------------------------------


def test_home_twins_agree_with_sql(client: FlaskClient, corpus: Corpus) -> None:
    html_url, json_url, csv_url = twins("/", "_size=30")
    data = get_json(client, json_url)
    expected = corpus.scalar(
        "SELECT count(*) FROM questions WHERE status = 'pending' AND due_date < :t", t=TODAY
    )
    assert expected > 30
    assert data["total"] == expected
    assert data["as_of"] == TODAY
    uids = [q["uid"] for q in data["questions"]]
    assert len(uids) == 30
    assert [r["uid"] for r in get_csv(client, csv_url)] == uids
    assert QUESTION_LINK.findall(table_body(get_html(client, html_url))) == uids
    # most overdue first
    days = [q["days_overdue"] for q in data["questions"]]
    assert days == sorted(days, reverse=True)
    first = corpus.scalar(
        "SELECT uid FROM questions WHERE status = 'pending' AND due_date < :t "
        "ORDER BY due_date, uid LIMIT 1",
        t=TODAY,
    )
    assert uids[0] == first


def test_home_key_figures(client: FlaskClient, corpus: Corpus) -> None:
    figures = get_json(client, "/index.json")["figures"]
    assert figures["pending"] == corpus.scalar(
        "SELECT count(*) FROM questions WHERE status = 'pending'"
    )
    assert figures["overdue"] == corpus.scalar(
        "SELECT count(*) FROM questions WHERE status = 'pending' AND due_date < :t", t=TODAY
    )
    assert figures["answered_last_7_days"] == corpus.scalar(
        "SELECT count(*) FROM questions WHERE status = 'answered' "
        "AND date_reponse BETWEEN '2026-11-18' AND :t",
        t=TODAY,
    )
    delays = sorted(
        (date.fromisoformat(str(r[1])) - date.fromisoformat(str(r[0]))).days
        for r in corpus.rows(
            "SELECT date_publication, date_reponse FROM questions WHERE status = 'answered' "
            "AND date_reponse IS NOT NULL AND date_publication IS NOT NULL"
        )
    )
    n = len(delays)
    median = delays[n // 2] if n % 2 else (delays[n // 2 - 1] + delays[n // 2]) / 2
    assert figures["median_delay_days"] == median
    html = get_html(client, "/")
    assert "Réponses des 7 derniers jours" in html and "Délai médian de réponse" in html


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("ministere={ministry}", "ministere_attributaire_key = :ministry"),
        ("rubrique={rubrique}", "rubrique_key = :rubrique"),
        ("groupe={groupe}", "lower(groupe_abrege) = lower(:groupe)"),
        ("groupe={groupe_ref}", "groupe_ref = :groupe_ref"),
        ("depute={deputy}", "deputy_ref = :deputy"),
        ("signalee=1", "date_signalement IS NOT NULL"),
    ],
)
def test_home_filters(client: FlaskClient, corpus: Corpus, query: str, where: str) -> None:
    base = "status = 'pending' AND due_date < :t"
    top = corpus.rows(
        "SELECT ministere_attributaire_key, rubrique_key, groupe_abrege, deputy_ref, "
        f"groupe_ref, count(*) FROM questions WHERE {base} GROUP BY 1, 2, 3, 4, 5 "
        "ORDER BY 6 DESC LIMIT 1",
        t=TODAY,
    )[0]
    names = ("ministry", "rubrique", "groupe", "deputy", "groupe_ref")
    values = dict(zip(names, top, strict=False))
    expected = corpus.scalar(
        f"SELECT count(*) FROM questions WHERE {base} AND {where}", t=TODAY, **values
    )
    everything = corpus.scalar(f"SELECT count(*) FROM questions WHERE {base}", t=TODAY)
    data = get_json(client, "/index.json?_size=500&" + query.format(**values))
    assert 0 < data["total"] < everything
    assert data["total"] == expected == len(data["questions"])
    uids = [q["uid"] for q in data["questions"]]
    matching = {
        r[0]
        for r in corpus.rows(
            f"SELECT uid FROM questions WHERE {base} AND {where}", t=TODAY, **values
        )
    }
    assert set(uids) == matching
    if "signalee" in query:
        assert data["filters"]["signalee"] is True


def test_home_legislature_filter(client: FlaskClient, corpus: Corpus) -> None:
    for legislature in (16, 17):
        expected = corpus.scalar(
            "SELECT count(*) FROM questions WHERE status = 'pending' AND due_date < :t "
            "AND legislature = :l",
            t=TODAY,
            l=legislature,
        )
        data = get_json(client, f"/index.json?legislature={legislature}")
        assert data["total"] == expected
        assert all(q["legislature"] == legislature for q in data["questions"])


def test_home_signalees_stand_out(client: FlaskClient, corpus: Corpus) -> None:
    late = corpus.scalar(
        "SELECT count(*) FROM questions WHERE status = 'pending' AND due_date < :t "
        "AND signalement_due_date < :t",
        t=TODAY,
    )
    assert late > 0, "the corpus should have signalées past their 10 days"
    data = get_json(client, "/index.json?signalee=1&_size=500")
    flagged = [q for q in data["questions"] if q["signalement_overdue"]]
    assert len(flagged) == late
    html = get_html(client, "/?signalee=1&_size=500")
    assert html.count('class="signalee-depassee"') == late
    assert html.count("signalée, délai de 10 jours dépassé") >= late


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [
        ("retard", "days_overdue", True),
        ("date", "date_publication", True),
        ("ministere", "ministere_key", False),
    ],
)
def test_home_sorts(client: FlaskClient, sort: str, key: str, reverse: bool) -> None:
    rows = get_json(client, f"/index.json?_sort={sort}&_size=500")["questions"]
    values = [r[key] or "" for r in rows]
    assert values == sorted(values, reverse=reverse)
    assert len(set(values)) > 1


def test_home_pagination(client: FlaskClient) -> None:
    everything = [q["uid"] for q in get_json(client, "/index.json?_size=500")["questions"]]
    page1 = get_json(client, "/index.json?_size=10")
    page2 = get_json(client, page1["next_url"])
    assert page1["next_url"].startswith("/index.json?")
    assert [q["uid"] for q in page1["questions"] + page2["questions"]] == everything[:20]
    assert page2["previous_url"] and page2["page"] == 2
    last = get_json(client, f"/index.json?_size=10&_page={page1['pages']}")
    assert last["next_url"] is None and 0 < len(last["questions"]) <= 10
    beyond = get_json(client, "/index.json?_size=10&_page=9999")
    assert beyond["questions"] == [] and beyond["total"] == page1["total"]


def test_home_links_the_twins(client: FlaskClient) -> None:
    html = get_html(client, "/?ministere=interieur")
    json_type = 'type="application/json"'
    assert f'<link rel="alternate" {json_type} href="/index.json?ministere=interieur">' in html
    assert '<link rel="alternate" type="text/csv" href="/index.csv?ministere=interieur">' in html
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html and '<main id="contenu"' in html


# -- scoreboards ----------------------------------------------------------------------------


def test_ministries_match_relance_stats(client: FlaskClient, corpus: Corpus) -> None:
    data = get_json(client, "/ministeres.json")
    # `relance stats` prints the same core function (relance.db.browse.stats)
    rows = browse.stats(corpus.engine, today=AS_OF, by=Dimension.MINISTERE)
    expected = {s.key: s for s in rows}
    assert {r["key"] for r in data["rows"]} == set(expected)
    for row in data["rows"]:
        stats = expected[row["key"]]
        for column in ("received", "answered", "answer_rate", "on_time_rate", "pending"):
            assert row[column] == getattr(stats, column), (row["key"], column)
        assert row["median_delay_days"] == stats.median_delay_days
        assert row["p90_delay_days"] == stats.p90_delay_days
        assert row["overdue"] == stats.overdue
    # most received first by default
    received = [r["received"] for r in data["rows"]]
    assert received == sorted(received, reverse=True)
    relabelled = [r for r in data["rows"] if len(r["labels"]) > 1]
    assert relabelled, "renamed ministries keep every label"


@pytest.mark.parametrize("board", ["/ministeres", "/rubriques", "/groupes", "/deputes"])
def test_scoreboard_twins_agree(client: FlaskClient, board: str) -> None:
    html_url, json_url, csv_url = twins(board, "_sort=received&_desc=1")
    keys = [r["key"] for r in get_json(client, json_url)["rows"]]
    assert keys
    assert [r["key"] for r in get_csv(client, csv_url)] == keys
    detail = "/deputes" if board == "/deputes" else board
    links = re.findall(rf'href="{detail}/([^"?]+)"', table_body(get_html(client, html_url)))
    assert links == [k for k in keys if k != "unknown"]


@pytest.mark.parametrize("column", ["answer_rate", "median_delay_days", "overdue", "label"])
@pytest.mark.parametrize("desc", [False, True])
def test_scoreboard_sort(client: FlaskClient, column: str, desc: bool) -> None:
    url = f"/ministeres.json?_sort={column}" + ("&_desc=1" if desc else "")
    rows = get_json(client, url)["rows"]
    present = [r[column] for r in rows if r[column] is not None]
    if column == "label":
        present = [p.casefold() for p in present]
    assert present == sorted(present, reverse=desc)
    assert len(set(present)) > 1
    missing = [i for i, r in enumerate(rows) if r[column] is None]
    assert missing == list(range(len(present), len(rows))), "no value: always last"


def test_scoreboard_period_and_legislature(client: FlaskClient, corpus: Corpus) -> None:
    rows = get_json(client, "/ministeres.json?legislature=17")["rows"]
    assert sum(r["received"] for r in rows) == corpus.scalar(
        "SELECT count(*) FROM questions WHERE legislature = 17"
    )
    since, until = "2023-01-01", "2024-06-30"
    rows = get_json(client, f"/ministeres.json?depuis={since}&jusqua={until}")["rows"]
    expected = corpus.scalar(
        "SELECT count(*) FROM questions WHERE date_publication BETWEEN :a AND :b",
        a=since,
        b=until,
    )
    assert 0 < sum(r["received"] for r in rows) == expected
    assert client.get("/ministeres.json?depuis=2025-01-01&jusqua=2024-01-01").status_code == 400


def test_ministry_detail(client: FlaskClient, corpus: Corpus) -> None:
    key = corpus.scalar(
        "SELECT ministere_attributaire_key FROM questions WHERE status = 'pending' "
        "AND due_date < :t GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
        t=TODAY,
    )
    data = get_json(client, f"/ministeres/{key}.json")
    assert data["key"] == key
    assert data["figures"]["received"] == corpus.scalar(
        "SELECT count(*) FROM questions WHERE ministere_attributaire_key = :k", k=key
    )
    overdue = corpus.scalar(
        "SELECT count(*) FROM questions WHERE ministere_attributaire_key = :k "
        "AND status = 'pending' AND due_date < :t",
        k=key,
        t=TODAY,
    )
    assert data["total"] == overdue == data["figures"]["overdue"]
    assert all(q["ministere_key"] == key for q in data["questions"])
    assert sum(m["received"] for m in data["monthly"]) <= data["figures"]["received"]
    assert data["labels"]
    # re-attributions, recomputed from the attributions JSON
    incoming: dict[str, int] = {}
    outgoing: dict[str, int] = {}
    for _, attributions in corpus.rows("SELECT uid, attributions FROM questions"):
        keys = [Ministry(**a["ministry"]).key for a in json.loads(attributions)]
        for before, after in itertools.pairwise(keys):
            if before != after and after == key:
                incoming[before] = incoming.get(before, 0) + 1
            if before != after and before == key:
                outgoing[after] = outgoing.get(after, 0) + 1
    transfers = data["transfers"]
    assert {t["key"]: t["count"] for t in transfers["incoming"]} == incoming
    assert {t["key"]: t["count"] for t in transfers["outgoing"]} == outgoing
    html = get_html(client, f"/ministeres/{key}")
    assert '<svg class="chart"' in html and "<title id=" in html and "<desc id=" in html
    assert "Données du graphique" in html  # the text alternative
    assert "Réattributions" in html
    assert QUESTION_LINK.findall(html.split('id="retards"', 1)[1]) == [
        q["uid"] for q in data["questions"]
    ]
    assert [r["uid"] for r in get_csv(client, f"/ministeres/{key}.csv")] == [
        q["uid"] for q in data["questions"]
    ]


def test_rubrique_and_group_details(client: FlaskClient, corpus: Corpus) -> None:
    rubrique = corpus.scalar(
        "SELECT rubrique_key FROM questions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )
    data = get_json(client, f"/rubriques/{rubrique}.json")
    assert data["figures"]["received"] == corpus.scalar(
        "SELECT count(*) FROM questions WHERE rubrique_key = :r", r=rubrique
    )
    assert sum(m["received"] for m in data["ministries"]) <= data["figures"]["received"]
    abrege, ref = corpus.rows(
        "SELECT groupe_abrege, groupe_ref FROM questions WHERE groupe_ref IS NOT NULL "
        "GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1"
    )[0]
    by_ref = get_json(client, f"/groupes/{ref}.json")
    assert by_ref["figures"]["received"] == corpus.scalar(
        "SELECT count(*) FROM questions WHERE groupe_ref = :g", g=ref
    )
    by_name = get_json(client, f"/groupes/{abrege.lower()}.json")
    assert by_name["figures"]["received"] == corpus.scalar(
        "SELECT count(*) FROM questions WHERE lower(groupe_abrege) = lower(:g)", g=abrege
    )
    assert ref in by_name["refs"]
    rows = get_json(client, "/groupes.json")["rows"]
    assert sum(r["received"] for r in rows) == corpus.scalar("SELECT count(*) FROM questions")


@pytest.mark.parametrize(
    "url",
    [
        "/ministeres/nexiste_pas",
        "/rubriques/nexiste_pas",
        "/groupes/NEXISTEPAS",
        "/deputes/PA999999999",
        "/deputes/nimporte",
        "/questions/QANR5L17QE999999",
        "/questions/pas-un-uid",
        "/nulle-part",
    ],
)
def test_unknown_pages_are_french_404s(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Page introuvable" in html and '<html lang="fr">' in html
    as_json = client.get(url + ".json")
    assert as_json.status_code == 404
    assert as_json.json["status"] == 404 and as_json.json["error"] == "Page introuvable"


# -- deputies -------------------------------------------------------------------------------


def test_deputies_list(client: FlaskClient, corpus: Corpus) -> None:
    data = get_json(client, "/deputes.json?_size=500")
    expected = {
        r[0]: (r[1], r[2], r[3])
        for r in corpus.rows(
            "SELECT deputy_ref, count(*), sum(status = 'pending'), "
            "sum(status = 'pending' AND due_date < :t) FROM questions "
            "WHERE deputy_ref IS NOT NULL GROUP BY 1",
            t=TODAY,
        )
    }
    assert data["total"] == len(expected) == len(data["rows"])
    for row in data["rows"]:
        assert (row["received"], row["pending"], row["overdue"]) == expected[row["key"]]
    by_overdue = get_json(client, "/deputes.json?_sort=overdue&_desc=1&_size=5")["rows"]
    assert by_overdue[0]["overdue"] == max(v[2] for v in expected.values())
    name = data["rows"][0]["label"].split()[-1]
    found = get_json(client, f"/deputes.json?nom={name.lower()}")["rows"]
    assert found and all(name.lower() in r["label"].lower() for r in found)


def test_deputy_detail(client: FlaskClient, corpus: Corpus) -> None:
    ref = corpus.scalar(
        "SELECT deputy_ref FROM questions WHERE status = 'pending' AND due_date < :t "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
        t=TODAY,
    )
    data = get_json(client, f"/deputes/{ref}.json?_size=500")
    assert data["deputy"]["ref"] == ref
    assert data["total"] == corpus.scalar(
        "SELECT count(*) FROM questions WHERE deputy_ref = :r", r=ref
    )
    questions = data["questions"]
    overdue = [q for q in questions if q["days_overdue"] > 0]
    assert overdue and questions[: len(overdue)] == overdue, "overdue first"
    assert [q["days_overdue"] for q in overdue] == sorted(
        (q["days_overdue"] for q in overdue), reverse=True
    )
    assert sum(data["status_counts"].values()) == data["total"]
    assert sum(m["received"] for m in data["ministries"]) == data["total"]
    answered = get_json(client, f"/deputes/{ref}.json?statut=answered")
    assert answered["total"] == data["status_counts"]["answered"]
    assert all(q["status"] == "answered" for q in answered["questions"])
    html = get_html(client, f"/deputes/{ref}?_size=500")
    assert QUESTION_LINK.findall(table_body(html)) == [q["uid"] for q in questions]
    assert [r["uid"] for r in get_csv(client, f"/deputes/{ref}.csv?_size=500")] == [
        q["uid"] for q in questions
    ]


# -- one question -----------------------------------------------------------------------------


def test_question_page(client: FlaskClient, corpus: Corpus) -> None:
    uid = corpus.scalar(
        "SELECT q.uid FROM questions q JOIN events e ON e.uid = q.uid "
        "WHERE e.kind = 'reattributed' AND q.status = 'answered' LIMIT 1"
    )
    view = get_question(corpus.engine, uid)
    assert view is not None
    phrase = status_phrase_fr(view.deadline(AS_OF))
    data = get_json(client, f"/questions/{uid}.json")
    assert data["deadline"]["phrase"] == phrase
    assert data["question"]["uid"] == uid
    assert len(data["question"]["attributions"]) == len(view.question.attributions) > 1
    kinds = [e["kind"] for e in data["events"]]
    assert kinds[0] == "published" and "answered" in kinds and "reattributed" in kinds
    assert kinds.count("reattributed") == corpus.scalar(
        "SELECT count(*) FROM events WHERE uid = :u AND kind = 'reattributed'", u=uid
    )
    html = get_html(client, f"/questions/{uid}")
    assert phrase in html
    assert "Chronologie" in html and "Réattribuée" in html and "Réponse publiée" in html
    assert data["question"]["source_url"].startswith("http")
    assert f'href="{data["question"]["source_url"]}"' in html
    assert view.deputy_name and view.deputy_name in html
    rows = get_csv(client, f"/questions/{uid}.csv")
    assert len(rows) == 1 and rows[0]["uid"] == uid and rows[0]["deadline_phrase"] == phrase


def test_question_overdue_phrase(client: FlaskClient, corpus: Corpus) -> None:
    uid, due = corpus.rows(
        "SELECT uid, due_date FROM questions WHERE status = 'pending' AND due_date < :t "
        "ORDER BY due_date LIMIT 1",
        t=TODAY,
    )[0]
    days = (AS_OF - date.fromisoformat(str(due))).days
    assert f"en retard de {days} jours" in get_html(client, f"/questions/{uid}")


def test_similar_questions(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    import index

    client = make_app(corpus).test_client()  # a cache of its own
    uid, other, third = (r[0] for r in corpus.rows("SELECT uid FROM questions LIMIT 3"))
    page = get_json(client, f"/questions/{uid}.json")
    assert page["similar_url"] == f"/questions/{uid}/similaires"
    monkeypatch.delattr(index, "similar_questions", raising=False)
    assert get_json(client, f"/questions/{other}/similaires.json")["questions"] == []

    def similar(index_dir: Any, wanted: str, limit: int = 5) -> list[str]:
        assert wanted == uid and limit == 5
        return [other, wanted, "QANR5L17QE999999", third]

    monkeypatch.setattr(index, "similar_questions", similar, raising=False)
    assert "Questions proches par leur texte" not in get_html(client, f"/questions/{uid}")
    data = get_json(client, f"/questions/{uid}/similaires.json")
    assert [s["uid"] for s in data["questions"]] == [other, third]
    assert [r["uid"] for r in get_csv(client, f"/questions/{uid}/similaires.csv")] == [
        other,
        third,
    ]
    html = get_html(client, f"/questions/{uid}/similaires")
    assert QUESTION_LINK.findall(table_body(html)) == [other, third]
    # once computed, the question page shows them too
    page_html = get_html(client, f"/questions/{uid}")
    assert QUESTION_LINK.findall(page_html.split('id="similaires"', 1)[1]) == [other, third]

    def broken(*args: Any, **kwargs: Any) -> list[str]:
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(index, "similar_questions", broken, raising=False)
    assert get_json(client, f"/questions/{third}/similaires.json")["questions"] == []
    assert client.get("/questions/QANR5L17QE999999/similaires").status_code == 404


def test_similar_questions_from_the_real_index(client: FlaskClient, corpus: Corpus) -> None:
    uid = corpus.scalar("SELECT uid FROM questions WHERE rubrique_key IS NOT NULL LIMIT 1")
    found = get_json(client, f"/questions/{uid}/similaires.json")["questions"]
    assert 0 < len(found) <= 5 and uid not in [q["uid"] for q in found]
