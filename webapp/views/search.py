"""``/recherche`` — full-text search through ``index.search``: results with highlights,
facets with counts and toggle links, sorts, pagination; the database completes each hit
(ministry, deputy, deadline)."""

from __future__ import annotations

from datetime import date
from typing import Any

import nh3
from flask import Blueprint, Response

from relance.db import browse
from relance.db.browse import QUESTION_COLUMNS, Dimension
from relance.text import slugify
from webapp import params, searching
from webapp.state import relance
from webapp.state import today as get_today
from webapp.templating import STATUS_FR
from webapp.twins import Page, render, twin_route, url_with
from webapp.views import common

bp = Blueprint("search", __name__)

SORTS = ("relevance", "date")
#: Filters passed to ``index.search`` (the same names as its ``FILTERS``).
FILTERS = ("rubrique", "ministere", "groupe", "depute", "statut", "legislature")
#: Facet name (``SearchResult.facets``) → the parameter its toggle links set.
FACET_PARAMS = {
    "rubrique": "rubrique",
    "ministere": "ministere",
    "groupe": "groupe",
    "statut": "statut",
    "legislature": "legislature",
    "annee": "annee",
}
FACET_TITLES = {
    "statut": "Statut",
    "ministere": "Ministère",
    "rubrique": "Rubrique",
    "groupe": "Groupe",
    "legislature": "Législature",
    "annee": "Année de publication",
}
MAX_SIZE = 100  # index.search's own bounds
MAX_RESULTS = 10_000
DEFAULT_SIZE = 20


def _clean_highlight(snippet: str | None) -> str:
    """The index escapes texts and adds ``<mark>``; keep exactly that, whatever happens."""
    return nh3.clean(snippet or "", tags={"mark"}, attributes={}) if snippet else ""


def _period(annee: int | None) -> tuple[date | None, date | None]:
    since, until = params.day("depuis"), params.day("jusqua")
    if annee:
        since = max(since or date.min, date(annee, 1, 1))
        until = min(until or date.max, date(annee, 12, 31))
    if since and until and since > until:
        params.bad("depuis", "la date de début est après la date de fin (jusqua).")
    return since, until


def _facets(result: Any, chosen: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    labels = {
        "rubrique": common.names(Dimension.RUBRIQUE),
        "ministere": common.names(Dimension.MINISTERE),
        "statut": STATUS_FR,
    }
    out = {}
    for name, values in result.facets.items():
        param = FACET_PARAMS.get(name)
        if param is None:
            continue
        current = chosen.get(param)
        items = []
        for value, count in values:
            text = str(value)
            selected = current is not None and (
                str(current) == text or slugify(str(current)) == slugify(text)
            )
            items.append(
                {
                    "value": value,
                    "count": count,
                    "label": labels.get(name, {}).get(text, text),
                    "selected": selected,
                    "toggle_url": url_with(**{param: None if selected else text}),
                }
            )
        out[name] = items
    return out


def _from_index(uid: str, documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A hit the database does not have (the index lags behind a deletion): what the
    index knows of it."""
    doc = documents.get(uid, {})
    return {
        "uid": uid,
        "titre": doc.get("titre", ""),
        "status": doc.get("statut"),
        "date_publication": doc.get("date_publication"),
        "legislature": doc.get("legislature"),
    }


def _index_version() -> str:
    """Search pages are cached like the others, and also keyed on the index's version."""
    import index

    return index.index_version(relance().index_dir)


@twin_route(bp, "/recherche", vary=_index_version)
def recherche(fmt: str) -> Response:
    from index import SearchQuery

    today = get_today()
    text = params.text("q", max_chars=params.MAX_PARAM_CHARS) or ""
    chosen: dict[str, Any] = {name: params.text(name) for name in FILTERS if name != "legislature"}
    chosen["legislature"] = params.integer("legislature", low=1, high=99)
    annee = params.integer("annee", low=1900, high=2100)
    since, until = _period(annee)
    sort = params.choice("_sort", SORTS, "relevance")
    paging = params.paging(default_size=DEFAULT_SIZE, max_size=MAX_SIZE)
    filters = {k: v for k, v in chosen.items() if v is not None}
    searched = bool(text or filters or since or until)
    query = {
        "q": text,
        "filters": filters,
        "annee": annee,
        "depuis": since,
        "jusqua": until,
        "sort": sort,
    }
    context: dict[str, Any] = {"as_of": today, "query": query, "searched": searched}
    if not searched:
        context.update(
            total=0,
            page=1,
            size=paging.size,
            pages=1,
            next_url=None,
            previous_url=None,
            questions=[],
            highlights={},
            facets={},
            warnings=[],
            index_missing=False,
            elapsed_ms=0.0,
        )
    else:
        state = relance()
        result = searching.search(
            state.index_dir,
            SearchQuery(
                text=text,
                filters=filters,
                date_from=since,
                date_to=until,
                sort=sort,
                page=paging.page,
                size=paging.size,
            ),
        )
        found = {
            s.uid: s.as_dict() for s in browse.summaries(state.engine, result.uids, today=today)
        }
        questions = [found.get(uid) or _from_index(uid, result.documents) for uid in result.uids]
        context.update(
            common.pagination(
                result.total,
                params.Paging(result.page, result.size),
                max_pages=MAX_RESULTS // result.size,
            ),
            questions=questions,
            highlights={
                uid: {k: _clean_highlight(v) for k, v in h.items()}
                for uid, h in result.highlights.items()
            },
            facets=_facets(result, chosen),
            warnings=list(result.warnings),
            # index.search says so in English; the page says it in French too.
            index_missing=any("relance index" in w for w in result.warnings),
            elapsed_ms=round(result.elapsed_ms, 1),
        )
    return render(
        Page(
            "search.html",
            context,
            rows="questions",
            columns=QUESTION_COLUMNS,
            filename=f"recherche-{today.isoformat()}",
            extras={
                "choices": common.form_choices(today),
                "facet_titles": FACET_TITLES,
                "sorts": SORTS,
            },
        ),
        fmt,
    )
