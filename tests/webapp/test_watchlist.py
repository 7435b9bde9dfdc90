"""``/suivi``: the watchlist lives in the URL (round trip), is bounded, exports, and the
vendored script that keeps it in localStorage is served without inline code."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from flask.testing import FlaskClient

from tests.webapp.conftest import TODAY, Corpus
from webapp.views.watchlist import MAX_ITEMS

STATIC = Path(__file__).resolve().parents[2] / "webapp" / "static"


def test_round_trip(client: FlaskClient, corpus: Corpus) -> None:
    overdue, answered = (
        corpus.scalar(
            f"SELECT uid FROM questions WHERE {where} ORDER BY uid LIMIT 1",
            t=TODAY,
        )
        for where in ("status = 'pending' AND due_date < :t", "status = 'answered'")
    )
    deputy = corpus.scalar("SELECT deputy_ref FROM questions WHERE deputy_ref IS NOT NULL")
    query = f"q={overdue.lower()}, {answered};pas-un-uid,QANR5L17QE999999&deputes={deputy}"
    data = client.get(f"/suivi.json?{query}").json
    assert data["uids"] == [overdue, answered, "QANR5L17QE999999"]
    assert data["deputes"] == [deputy]
    assert data["missing"] == ["QANR5L17QE999999"]
    assert data["invalid"] == ["PAS-UN-UID"]
    assert [(i["kind"], i["id"]) for i in data["items"]] == [
        ("question", overdue),
        ("question", answered),
        ("depute", deputy),
    ]
    assert data["items"][0]["deadline"].startswith("en retard de ")
    assert data["items"][1]["deadline"].startswith("réponse en ")
    assert data["items"][2]["received"] == corpus.scalar(
        "SELECT count(*) FROM questions WHERE deputy_ref = :d", d=deputy
    )
    # the permalink is the normalized list, and gives the same list back
    permalink = data["permalink"]
    assert permalink == (f"/suivi?q={overdue},{answered},QANR5L17QE999999&deputes={deputy}")
    again = client.get(permalink.replace("/suivi", "/suivi.json")).json
    assert again["items"] == data["items"]
    html = client.get(permalink).get_data(as_text=True)
    assert f'data-suivi-q="{overdue},{answered},QANR5L17QE999999"' in html
    assert "en retard de " in html and "Introuvables" in html
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"/suivi.csv?{query}").get_data(as_text=True)))
    )
    assert [(r["kind"], r["id"]) for r in rows] == [(i["kind"], i["id"]) for i in data["items"]]


def test_bounded(client: FlaskClient) -> None:
    many = ",".join(f"QANR5L17QE{n}" for n in range(1, MAX_ITEMS + 2))
    response = client.get(f"/suivi?q={many}")
    assert response.status_code == 400
    assert str(MAX_ITEMS) in response.get_data(as_text=True)
    just = ",".join(f"QANR5L17QE{n}" for n in range(1, MAX_ITEMS + 1))
    assert client.get(f"/suivi.json?q={just}").status_code == 200


def test_empty_list_explains_itself(client: FlaskClient) -> None:
    html = client.get("/suivi").get_data(as_text=True)
    assert "data-suivi-empty" in html and "Votre liste est vide" in html
    assert '<label for="f-q">' in html and '<label for="f-deputes">' in html
    assert client.get("/suivi.json").json["items"] == []


def test_follow_buttons_work_without_javascript(client: FlaskClient, corpus: Corpus) -> None:
    uid = corpus.scalar("SELECT uid FROM questions LIMIT 1")
    html = client.get(f"/questions/{uid}").get_data(as_text=True)
    # a plain link (no script needed) and a button the script reveals
    assert f'href="/suivi?q={uid}"' in html
    assert re.search(
        rf'<button type="button" class="suivre" data-suivi-kind="q" '
        rf'data-suivi-id="{uid}" hidden>',
        html,
    )
    assert "data-suivi-nav" in html


def test_script_is_vendored_and_small(client: FlaskClient) -> None:
    script = (STATIC / "suivi.js").read_text(encoding="utf-8")
    assert len(script) < 10_000
    assert "localStorage" in script and f"MAX_ITEMS = {MAX_ITEMS};" in script
    assert "http://" not in script and "https://" not in script, "no CDN, no network"
    assert "eval(" not in script and "innerHTML" not in script
    with client.get("/static/suivi.js") as response:
        assert response.status_code == 200
        assert response.mimetype in ("text/javascript", "application/javascript")
