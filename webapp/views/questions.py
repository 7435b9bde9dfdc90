"""``/questions/<uid>`` — one question: sanitized texts, author, ministries and every
attribution, the timeline of its events, its deadline in words, similar questions."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, url_for

from relance.db import browse
from relance.db.browse import QUESTION_COLUMNS
from relance.db.queries import get_question
from relance.rules import Deadline, status_phrase_fr
from relance.text import sanitize_html, slugify
from relance.twins.queries import twins_of
from relance.uid import is_uid, page_url
from webapp import searching
from webapp.state import relance
from webapp.state import today as get_today
from webapp.twins import Page, render, twin_route

bp = Blueprint("questions", __name__)

COLUMNS = (
    "uid",
    "legislature",
    "number",
    "titre",
    "rubrique",
    "status",
    "deadline_phrase",
    "date_publication",
    "due_date",
    "date_reponse",
    "ministere_attributaire_key",
    "ministere_attributaire",
    "deputy_ref",
    "deputy_name",
    "groupe",
    "source_url",
    "texte_question",
    "texte_reponse",
)

SIMILAR_LIMIT = 5


def _official_url(source_url: str | None, uid: str) -> str:
    """The question's page on the Assemblée's site; a stored URL is used only when it is
    http(s) (it is shown as a link)."""
    if source_url and source_url.startswith(("https://", "http://")):
        return source_url
    settings = relance().settings
    return page_url(uid, site_base=settings.site_base, questions_base=settings.questions_site_base)


def _deadline(d: Deadline) -> dict[str, Any]:
    data = asdict(d)
    data["rule"] = d.rule.label if d.rule else None
    data["status"] = d.status.value
    data["phrase"] = status_phrase_fr(d)
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


@twin_route(bp, "/questions/<uid>", cached=False)
def question(uid: str, fmt: str) -> Response:
    if not is_uid(uid):
        abort(404)
    state = relance()
    view = get_question(state.engine, uid)
    if view is None:
        abort(404)
    today = get_today()
    q = view.question
    deadline = view.deadline(today)
    attributaire = q.ministere_attributaire
    interroge = q.ministere_interroge
    record = q.to_dict()
    data = {
        "uid": q.uid,
        "legislature": q.legislature,
        "number": q.number,
        "type": q.type.value,
        "titre": q.titre,
        "rubrique": q.rubrique,
        "rubrique_key": slugify(q.rubrique) if q.rubrique else None,
        "tete_analyse": q.tete_analyse,
        "analyses": list(q.analyses),
        "status": q.status.value,
        "deputy_ref": q.author.deputy_ref,
        "deputy_name": view.deputy_name,
        "groupe": q.author.groupe_abrege,
        "groupe_ref": q.author.groupe_ref,
        "groupe_libelle": q.author.groupe_libelle,
        "circonscription": view.circonscription,
        "ministere_interroge": interroge.label if interroge else None,
        "ministere_interroge_key": interroge.key if interroge else None,
        "ministere_attributaire": attributaire.label if attributaire else None,
        "ministere_attributaire_key": attributaire.key if attributaire else None,
        "attributions": [
            {**a, "ministry_key": attribution.ministry.key}
            for a, attribution in zip(record["attributions"], q.attributions, strict=True)
        ],
        "date_publication": record["date_publication"],
        "page_publication": q.page_publication,
        "date_reponse": record["date_reponse"],
        "page_reponse": q.page_reponse,
        "signalements": record["signalements"],
        "renouvellements": record["renouvellements"],
        "closure": record["closure"],
        "errata": record["errata"],
        # Sanitized here, once: the page shows these with |safe, the JSON gives them as is.
        "texte_question_html": sanitize_html(q.texte_question_html),
        "texte_reponse_html": sanitize_html(q.texte_reponse_html),
        "texte_question": q.texte_question,
        "texte_reponse": q.texte_reponse,
        "source_url": _official_url(q.source_url, q.uid),
    }
    context = {
        "as_of": today,
        "question": data,
        "deadline": _deadline(deadline),
        "events": browse.events(state.engine, uid),
        "similar_url": url_for("questions.similaires", uid=uid),
        # Its near-identical questions, and the answers its answer is a boilerplate of.
        "twins": twins_of(state.engine, uid).as_dict(),
    }
    # Similar questions cost the index ~200 ms on 100,000 questions: they have their own
    # page, and show here only when someone already asked for them (cached).
    cached = state.cache.peek("similar", uid)
    similar = browse.summaries(state.engine, cached, today=today) if cached else []
    return render(
        Page(
            "question.html",
            context,
            rows=_csv_row,
            columns=COLUMNS,
            filename=uid,
            extras={"similar": [q.as_dict() for q in similar]},
        ),
        fmt,
    )


def _similar(uid: str) -> list[str]:
    state = relance()
    return state.cache.get(
        "similar", uid, lambda: searching.similar(state.index_dir, uid, SIMILAR_LIMIT)
    )


@twin_route(bp, "/questions/<uid>/similaires")
def similaires(uid: str, fmt: str) -> Response:
    """The questions closest to one question by their text (from the search index)."""
    if not is_uid(uid):
        abort(404)
    state = relance()
    view = get_question(state.engine, uid)
    if view is None:
        abort(404)
    today = get_today()
    found = browse.summaries(state.engine, _similar(uid), today=today)
    context = {
        "as_of": today,
        "uid": uid,
        "titre": view.question.titre,
        "questions": [s.as_dict() for s in found],
    }
    return render(
        Page(
            "similaires.html",
            context,
            rows="questions",
            columns=QUESTION_COLUMNS,
            filename=f"{uid}-similaires",
        ),
        fmt,
    )


def _csv_row(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The CSV of a question: one row, its fields and its deadline."""
    deadline = context["deadline"]
    return [
        {
            **context["question"],
            "deadline_phrase": deadline["phrase"],
            "due_date": deadline["due_date"],
        }
    ]
