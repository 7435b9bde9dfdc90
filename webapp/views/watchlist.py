"""``/suivi?q=UID,UID&deputes=PA…`` — a watchlist without an account: the list is the URL
(shareable, bookmarkable); ``static/suivi.js`` also keeps it in the browser's
localStorage and adds "suivre" buttons. Each question shows its deadline status, each
deputy their counts."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, url_for

from relance.db import browse
from relance.db.browse import Dimension, Filters
from relance.uid import is_uid
from webapp import params
from webapp.state import relance
from webapp.state import today as get_today
from webapp.twins import Page, render, twin_route
from webapp.views import common
from webapp.views.deputes import DEPUTY_REF

bp = Blueprint("watchlist", __name__)

#: The most items (questions and deputies together) a watchlist holds.
MAX_ITEMS = 200
_SEPARATORS = re.compile(r"[\s,;]+")

COLUMNS = (
    "kind",
    "id",
    "label",
    "status",
    "deadline",
    "days_overdue",
    "due_date",
    "ministere_key",
    "ministere",
    "groupe",
    "received",
    "answered",
    "pending",
    "overdue",
    "answer_rate",
)


def _tokens(name: str) -> list[str]:
    raw = params.text(name, max_chars=params.MAX_PARAM_CHARS) or ""
    return list(dict.fromkeys(t.upper() for t in _SEPARATORS.split(raw) if t))


def _question_item(s: browse.QuestionSummary) -> dict[str, Any]:
    return {
        "kind": "question",
        "id": s.uid,
        "label": s.titre,
        "status": s.status,
        "deadline": s.deadline,
        "days_overdue": s.days_overdue,
        "due_date": s.due_date.isoformat() if s.due_date else None,
        "ministere_key": s.ministere_key,
        "ministere": s.ministere,
        "groupe": s.groupe,
        "deputy_ref": s.deputy_ref,
        "deputy_name": s.deputy_name,
        "signalement_overdue": s.signalement_overdue,
    }


def _deputy_item(s: browse.Stats) -> dict[str, Any]:
    return {
        "kind": "depute",
        "id": s.key,
        "label": s.label,
        "groupe": s.groupe,
        "received": s.received,
        "answered": s.answered,
        "pending": s.pending,
        "overdue": s.overdue,
        "answer_rate": s.answer_rate,
    }


@twin_route(bp, "/suivi")
def suivi(fmt: str) -> Response:
    today = get_today()
    uids_in, refs_in = _tokens("q"), _tokens("deputes")
    if len(uids_in) + len(refs_in) > MAX_ITEMS:
        params.bad("q", f"une liste de suivi compte au plus {MAX_ITEMS} éléments.")
    uids = [u for u in uids_in if is_uid(u)]
    refs = [r for r in refs_in if DEPUTY_REF.match(r)]
    invalid = [t[:40] for t in uids_in + refs_in if t not in uids and t not in refs]
    questions = browse.summaries(relance().engine, uids, today=today)
    everyone = {s.key: s for s in common.stats(today, Dimension.DEPUTE, Filters())}
    deputies = [everyone[r] for r in refs if r in everyone]
    found = {q.uid for q in questions} | {d.key for d in deputies}
    context = {
        "as_of": today,
        "uids": uids,
        "deputes": refs,
        "max_items": MAX_ITEMS,
        "permalink": url_for(
            "watchlist.suivi", q=",".join(uids) or None, deputes=",".join(refs) or None
        ),
        "items": [_question_item(q) for q in questions] + [_deputy_item(d) for d in deputies],
        "missing": [x for x in uids + refs if x not in found],
        "invalid": invalid[:50],
    }
    return render(
        Page(
            "suivi.html",
            context,
            rows="items",
            columns=COLUMNS,
            filename=f"suivi-{today.isoformat()}",
        ),
        fmt,
    )
