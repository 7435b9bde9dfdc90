"""Security: headers on every response, sanitized texts, neutralized spreadsheet formulas,
and hostile input in every parameter and path segment answered with a clear 4xx or an
empty result — never a 500, never unbounded."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from index import update_index
from tests.webapp.conftest import (
    FORMULA_ANALYSE,
    FORMULA_RUBRIQUE,
    HOSTILE_ANSWERED,
    HOSTILE_PENDING,
    Corpus,
    make_app,
)
from webapp.security import CONTENT_SECURITY_POLICY
from webapp.twins import KNOWN_PARAMS

EXPECTED_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

HOSTILE_VALUES = {
    "script": "<script>alert(1)</script>",
    "sql": "' OR 1=1--",
    "sql-union": "1 UNION SELECT uid FROM questions--",
    "huge": str(10**30),
    "negative": "-1",
    "zero": "0",
    "bad-date": "2025-13-45",
    "float": "1e5",
    "unicode": "🙂 é \u202e",
    "path": "../../etc/passwd",
    "long": "x" * 10_000,
    "nul": "a\x00b",
}

#: A route per page, with the keys of real entities filled in by ``routes``.
ROUTE_TEMPLATES = (
    "/",
    "/index.json",
    "/ministeres",
    "/ministeres/{ministry}",
    "/rubriques",
    "/rubriques/{rubrique}",
    "/groupes",
    "/groupes/{groupe}",
    "/deputes",
    "/deputes/{deputy}",
    "/questions/{uid}",
    "/questions/{uid}/similaires",
    "/recherche",
    "/recherche.csv",
    "/suivi",
)
DETAIL_TEMPLATES = (
    "/ministeres/{}",
    "/rubriques/{}",
    "/groupes/{}",
    "/deputes/{}",
    "/questions/{}",
    "/questions/{}/similaires",
)
MAX_BODY = 3_000_000


@pytest.fixture(scope="module")
def keys(corpus: Corpus) -> dict[str, str]:
    row = corpus.rows(
        "SELECT ministere_attributaire_key, rubrique_key, groupe_abrege, deputy_ref, uid "
        "FROM questions WHERE status = 'pending' AND groupe_abrege IS NOT NULL LIMIT 1"
    )[0]
    return dict(zip(("ministry", "rubrique", "groupe", "deputy", "uid"), row, strict=True))


def routes(keys: dict[str, str]) -> list[str]:
    return [template.format(**keys) for template in ROUTE_TEMPLATES]


def assert_sane(response, value: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 500, response.data[:300]
    assert len(response.data) < MAX_BODY
    if response.mimetype == "text/html":
        assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


# -- headers ----------------------------------------------------------------------------------


def test_policy_constant_is_the_expected_one() -> None:
    assert EXPECTED_HEADERS["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_security_headers_on_every_response(client: FlaskClient, keys: dict[str, str]) -> None:
    urls = [
        *routes(keys),
        *(r + ".csv" for r in routes(keys) if "." not in r.rsplit("/", 1)[-1] and r != "/"),
        "/index.csv",
        "/static/relance.css",
        "/static/suivi.js",
        "/nulle-part",
        "/nulle-part.json",
        "/index.json?_page=abc",
    ]
    statuses = set()
    for url in urls:
        with client.get(url) as response:  # static files are streamed: close them
            statuses.add(response.status_code)
            for name, value in EXPECTED_HEADERS.items():
                assert response.headers.get(name) == value, (url, name)
    assert {200, 400, 404} <= statuses


def test_pages_have_no_inline_script_or_style(client: FlaskClient, keys: dict[str, str]) -> None:
    """The policy forbids inline scripts and styles: none may be needed."""
    for url in routes(keys):
        response = client.get(url)
        if response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        scripts = html.count("<script")
        assert scripts == html.count('<script src="/static/suivi.js" defer></script>') == 1
        assert " style=" not in html and "<style" not in html
        assert " onclick=" not in html and " onload=" not in html


# -- sanitizing -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_app(hostile: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    index_dir = tmp_path_factory.mktemp("hostile-index") / "index"
    update_index(hostile.engine, index_dir)
    return make_app(hostile, RELANCE_INDEX_DIR=str(index_dir))


@pytest.mark.parametrize("uid", [HOSTILE_PENDING, HOSTILE_ANSWERED])
def test_question_texts_are_sanitized(hostile_app: Flask, uid: str) -> None:
    client = hostile_app.test_client()
    for url in (f"/questions/{uid}", f"/questions/{uid}.json", f"/questions/{uid}.csv"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert "alert(1)" not in body and "alert(2)" not in body and "alert(3)" not in body
        assert "onerror" not in body
        assert "javascript:" not in body
        assert "<img" not in body
    html = client.get(f"/questions/{uid}").get_data(as_text=True)
    assert "Début" in html and "milieu" in html and "clic" in html
    assert f'href="https://www.assemblee-nationale.fr/dyn/17/questions/{uid}"' in html
    # an escaped tag in the published text is shown as text, never run
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in html
    assert "<script>alert(4)" not in html
    if uid == HOSTILE_ANSWERED:
        assert "<b>gras</b>" in html, "the allowlist keeps simple emphasis"
        data = client.get(f"/questions/{uid}.json").json
        assert "<b>gras</b>" in data["question"]["texte_reponse_html"]


def test_search_highlights_stay_escaped(hostile_app: Flask) -> None:
    client = hostile_app.test_client()
    data = client.get("/recherche.json?q=milieu").json
    assert HOSTILE_PENDING in [q["uid"] for q in data["questions"]]
    snippet = data["highlights"][HOSTILE_PENDING]["question"]
    assert "<mark>milieu</mark>" in snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    html = client.get("/recherche?q=milieu").get_data(as_text=True)
    assert "<mark>milieu</mark>" in html and "<script>alert(4)" not in html


# -- CSV formula injection ------------------------------------------------------------------------


def _csv(client: FlaskClient, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_csv_exports_neutralize_formulas(hostile_app: Flask, hostile: Corpus) -> None:
    client = hostile_app.test_client()
    rows = {r["uid"]: r for r in _csv(client, "/index.csv?_size=500")}
    assert rows[HOSTILE_PENDING]["rubrique"] == "'" + FORMULA_RUBRIQUE
    assert rows[HOSTILE_PENDING]["titre"] == "'" + FORMULA_ANALYSE
    [question] = _csv(client, f"/questions/{HOSTILE_ANSWERED}.csv")
    assert question["rubrique"] == "'" + FORMULA_RUBRIQUE
    assert question["titre"] == "'" + FORMULA_ANALYSE
    rubriques = [r["label"] for r in _csv(client, "/rubriques.csv")]
    assert "'" + FORMULA_RUBRIQUE in rubriques
    assert not any(label.startswith(("=", "+", "-", "@")) for label in rubriques)
    watched = _csv(client, f"/suivi.csv?q={HOSTILE_PENDING}")
    assert watched[0]["label"] == "'" + FORMULA_ANALYSE
    found = _csv(client, "/recherche.csv?q=milieu")
    assert any(r["titre"] == "'" + FORMULA_ANALYSE for r in found)


# -- hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", list(HOSTILE_VALUES.values()), ids=list(HOSTILE_VALUES))
@pytest.mark.parametrize("template", ROUTE_TEMPLATES)
def test_hostile_parameters(
    client: FlaskClient, keys: dict[str, str], template: str, value: str
) -> None:
    """Every parameter a page knows, and an unknown one, with a hostile value."""
    url = template.format(**keys)
    for name in (*KNOWN_PARAMS, "inconnu", "_external", "fmt"):
        response = client.get(url, query_string={name: value})
        assert_sane(response, value)
        if len(value) > 5_000 or "\x00" in value:
            assert response.status_code == 400, (url, name)


@pytest.mark.parametrize("value", list(HOSTILE_VALUES.values()), ids=list(HOSTILE_VALUES))
@pytest.mark.parametrize("template", DETAIL_TEMPLATES)
def test_hostile_path_segments(client: FlaskClient, template: str, value: str) -> None:
    for suffix in ("", ".json", ".csv"):
        response = client.get(template.format(quote(value, safe="")) + suffix)
        assert_sane(response, value)
        assert response.status_code in (400, 404), (template, suffix)
        if suffix == ".json":
            assert response.mimetype == "application/json"
            assert response.json["status"] == response.status_code


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ("_page=0", "_page"),
        ("_page=-3", "_page"),
        (f"_page={10**30}", "_page"),
        ("_size=0", "_size"),
        ("_size=501", "_size"),
        ("_size=abc", "_size"),
        ("legislature=abc", "legislature"),
        ("legislature=100", "legislature"),
        ("signalee=peut-etre", "signalee"),
        ("_sort=uid;DROP TABLE questions", "_sort"),
    ],
)
def test_bad_parameters_are_explained(client: FlaskClient, query: str, needle: str) -> None:
    html = client.get(f"/?{query}")
    assert html.status_code == 400
    text = html.get_data(as_text=True)
    assert "Requête invalide" in text and f"« {needle} »" in text
    data = client.get(f"/index.json?{query}")
    assert data.status_code == 400 and needle in data.json["message"]


def test_bad_dates_are_explained(client: FlaskClient) -> None:
    for url in ("/ministeres?depuis=2025-02-30", "/recherche?jusqua=hier", "/deputes?depuis=1"):
        response = client.get(url)
        assert response.status_code == 400
        assert "AAAA-MM-JJ" in response.get_data(as_text=True)


def test_search_query_is_bounded(client: FlaskClient) -> None:
    long = " ".join(["hôpital"] * 600)  # 4,800 characters: accepted, cut by the index
    data = client.get("/recherche.json", query_string={"q": long}).json
    assert any("500" in w or "32" in w for w in data["warnings"])
    too_long = client.get("/recherche.json", query_string={"q": "x" * 10_000})
    assert too_long.status_code == 400
    deep = client.get("/recherche.json?q=eau&_page=10000&_size=100")
    assert deep.status_code == 200 and len(deep.json["questions"]) <= 100


def test_other_methods_are_refused(client: FlaskClient) -> None:
    response = client.post("/")
    assert response.status_code == 405
    assert "Méthode non autorisée" in response.get_data(as_text=True)
    assert "GET" in response.headers["Allow"]


def test_unexpected_errors_are_french_500s(corpus: Corpus, tmp_path: Path) -> None:
    app = make_app(corpus)

    def boom(fmt: str = "html") -> str:
        raise RuntimeError("broken")

    app.add_url_rule("/boom", view_func=boom, defaults={"fmt": "html"})
    app.add_url_rule("/boom.json", view_func=boom, defaults={"fmt": "json"})
    client = app.test_client()
    response = client.get("/boom")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Erreur interne" in text and "broken" not in text
    as_json = client.get("/boom.json")
    assert as_json.status_code == 500 and as_json.json["error"] == "Erreur interne"
    assert as_json.headers["X-Frame-Options"] == "DENY"
