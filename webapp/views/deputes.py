"""``/deputes`` (every deputy who asked, with counts) and ``/deputes/<PA…>`` (their
questions, overdue first; answer rate; the ministries they asked)."""

from __future__ import annotations

import re
from dataclasses import replace

from flask import Blueprint, Response, abort

from relance.db import browse
from relance.db.browse import QUESTION_COLUMNS, STAT_COLUMNS, Dimension
from relance.record import Status
from relance.text import fold
from relance.twins.queries import deputy_shares
from webapp import params
from webapp.state import relance
from webapp.state import today as get_today
from webapp.twins import Page, render, twin_route
from webapp.views import common

bp = Blueprint("deputes", __name__)

DEPUTY_REF = re.compile(r"^PA\d{1,12}$")
#: The deputies list's columns: the scoreboard's, with the group.
COLUMNS = ("key", "label", "groupe", *STAT_COLUMNS[2:])
SORTS = (*STAT_COLUMNS, "groupe")


@twin_route(bp, "/deputes")
def deputes(fmt: str) -> Response:
    today = get_today()
    filters = params.filters()
    name = params.text("nom")
    column, descending = params.sort(SORTS, "received")
    paging = params.paging()
    rows = common.stats(today, Dimension.DEPUTE, filters)
    if name:
        needle = fold(name)
        rows = [r for r in rows if needle in fold(r.label) or needle in r.key.casefold()]
    rows = browse.sort_stats(rows, column, descending)
    total = len(rows)
    context = {
        "as_of": today,
        "filters": {**filters.as_dict(), **({"nom": name} if name else {})},
        "sort": column,
        "desc": descending,
        **common.pagination(total, paging),
        "rows": [r.as_dict() for r in rows[paging.offset : paging.offset + paging.size]],
    }
    return render(
        Page(
            "deputes.html",
            context,
            rows="rows",
            columns=COLUMNS,
            filename=f"deputes-{today.isoformat()}",
            extras={"choices": common.form_choices(today)},
        ),
        fmt,
    )


@twin_route(bp, "/deputes/<ref>")
def depute(ref: str, fmt: str) -> Response:
    if not DEPUTY_REF.match(ref):
        abort(404)
    state = relance()
    info = browse.deputy(state.engine, ref)
    if info is None:
        abort(404)
    today = get_today()
    filters = replace(params.filters(), depute=ref)
    status = params.choice("statut", [s.value for s in Status], "")
    paging = params.paging()
    [figures] = common.stats(today, None, filters)
    total, questions = browse.question_list(
        state.engine,
        today=today,
        filters=filters,
        status=status or None,
        offset=paging.offset,
        limit=paging.size,
    )
    context = {
        "as_of": today,
        "deputy": info.as_dict(),
        "filters": {**filters.as_dict(), **({"statut": status} if status else {})},
        "figures": figures.as_dict(),
        "status_counts": browse.status_counts(state.engine, filters=filters),
        "ministries": [r.as_dict() for r in common.stats(today, Dimension.MINISTERE, filters)],
        **common.pagination(total, paging),
        "questions": [q.as_dict() for q in questions],
        # Their questions in a cluster of near-identical ones (all legislatures).
        "twins_share": common.share_row(deputy_shares(state.engine, deputy=ref), ref),
    }
    return render(
        Page(
            "depute.html",
            context,
            rows="questions",
            columns=QUESTION_COLUMNS,
            filename=f"{ref}-{today.isoformat()}",
        ),
        fmt,
    )
