"""``/recherche``: results through ``index.search``, facets with toggle links, sorts,
pagination, permalinks, twins; a missing index is said nicely."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient

from tests.webapp.conftest import Corpus, make_app


def search(client: FlaskClient, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    return response.json


def test_results_twins_agree(client: FlaskClient) -> None:
    data = search(client, "/recherche.json?q=sante&_size=10")
    uids = [q["uid"] for q in data["questions"]]
    assert data["total"] > 10 and len(uids) == 10
    assert data["warnings"] == []
    text = client.get("/recherche.csv?q=sante&_size=10").get_data(as_text=True)
    assert [r["uid"] for r in csv.DictReader(io.StringIO(text))] == uids
    html = client.get("/recherche?q=sante&_size=10").get_data(as_text=True)
    results = html.split('<ol class="results"', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r'href="/questions/(QANR5L\d+QE\d+)"', results) == uids
    assert "<mark>" in results, "highlights are rendered, not escaped twice"
    assert f"{data['total']} résultats" in html
    # the database completes each hit
    assert all(q["deadline"] and q["ministere_key"] for q in data["questions"])


def test_facet_toggle_links(client: FlaskClient) -> None:
    first = search(client, "/recherche.json?q=sante&legislature=17")
    assert first["query"]["filters"] == {"legislature": 17}
    statut = first["facets"]["statut"][0]
    assert not statut["selected"]
    url = statut["toggle_url"]
    assert parse_qs(urlsplit(url).query) == {
        "q": ["sante"],
        "legislature": ["17"],
        "statut": [str(statut["value"])],
    }
    narrowed = search(client, url)
    assert narrowed["total"] == statut["count"] < first["total"]
    assert all(q["status"] == statut["value"] for q in narrowed["questions"])
    [selected] = [v for v in narrowed["facets"]["statut"] if v["selected"]]
    back = search(client, selected["toggle_url"])
    assert back["total"] == first["total"]
    assert back["query"]["filters"] == {"legislature": 17}, "other filters are kept"
    html = client.get(url.replace(".json", "")).get_data(as_text=True)
    assert 'aria-current="true"' in html and "Retirer le filtre" in html


def test_year_facet_sets_a_period(client: FlaskClient, corpus: Corpus) -> None:
    data = search(client, "/recherche.json?q=sante")
    year = data["facets"]["annee"][0]
    narrowed = search(client, year["toggle_url"])
    assert narrowed["total"] == year["count"]
    assert narrowed["query"]["depuis"] == f"{year['value']}-01-01"
    assert all(q["date_publication"].startswith(str(year["value"])) for q in narrowed["questions"])


def test_filters_without_words(client: FlaskClient, corpus: Corpus) -> None:
    ministry = corpus.scalar(
        "SELECT ministere_attributaire_key FROM questions GROUP BY 1 ORDER BY count(*) DESC"
    )
    data = search(client, f"/recherche.json?ministere={ministry}&_sort=date&_size=100")
    assert data["total"] == corpus.scalar(
        "SELECT count(*) FROM questions WHERE ministere_attributaire_key = :m", m=ministry
    )
    dates = [q["date_publication"] for q in data["questions"]]
    assert dates == sorted(dates, reverse=True)


def test_pagination_and_permalink(client: FlaskClient) -> None:
    page1 = search(client, "/recherche.json?q=sante&_size=5")
    page2 = search(client, page1["next_url"])
    assert page2["page"] == 2 and set(q["uid"] for q in page1["questions"]).isdisjoint(
        q["uid"] for q in page2["questions"]
    )
    assert "_size=5" in page1["next_url"] and "q=sante" in page1["next_url"]
    html = client.get("/recherche?q=sante&statut=pending").get_data(as_text=True)
    assert 'Lien permanent : <a href="/recherche?q=sante&amp;statut=pending">' in html


def test_empty_form_searches_nothing(client: FlaskClient) -> None:
    data = search(client, "/recherche.json")
    assert data["searched"] is False and data["questions"] == []
    html = client.get("/recherche").get_data(as_text=True)
    assert '<label for="f-q">' in html and 'role="search"' in html


def test_unknown_filter_value_is_a_warning(client: FlaskClient) -> None:
    data = search(client, "/recherche.json?q=sante&ministere=nexistepas")
    assert any("nexistepas" in w for w in data["warnings"])
    html = client.get("/recherche?q=sante&ministere=nexistepas").get_data(as_text=True)
    assert "Remarques sur la recherche" in html and "nexistepas" in html


def test_missing_index_is_said_nicely(corpus: Corpus, tmp_path: Path) -> None:
    app = make_app(corpus, RELANCE_INDEX_DIR=str(tmp_path / "pas-d-index"))
    client = app.test_client()
    response = client.get("/recherche?q=sante")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "La recherche n’est pas disponible" in html and "relance index" in html
    data = client.get("/recherche.json?q=sante").json
    assert data["index_missing"] is True and data["total"] == 0 and data["warnings"]
    assert client.get("/").status_code == 200, "the other pages do not need the index"
    app.extensions["relance"].engine.dispose()
