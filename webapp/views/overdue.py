"""``/`` — Accueil / En retard: pending questions past their due date, most overdue first,
with the key figures on top."""

from __future__ import annotations

from flask import Blueprint, Response

from relance.db.queries import (
    OVERDUE_COLUMNS,
    OVERDUE_SORTS,
)
from webapp import params
from webapp.state import today as get_today
from webapp.twins import Page, render, twin_route
from webapp.views import common

bp = Blueprint("overdue", __name__)

#: The overdue list's CSV columns (the same as ``relance overdue --csv``).
COLUMNS = OVERDUE_COLUMNS


@twin_route(bp, "/")
def index(fmt: str) -> Response:
    today = get_today()
    filters = params.filters(period=False)
    signalee = params.flag("signalee")
    sort = params.choice("_sort", OVERDUE_SORTS, "retard")
    paging = params.paging()
    total = common.overdue_count(today, filters, signalee)
    context = {
        "as_of": today,
        "filters": {**filters.as_dict(), **({"signalee": True} if signalee else {})},
        "sort": sort,
        "figures": common.figures(today, filters).as_dict(),
        **common.pagination(total, paging),
        "questions": common.overdue_rows(today, filters, signalee, sort, paging),
    }
    page = Page(
        "overdue.html",
        context,
        rows="questions",
        columns=COLUMNS,
        filename=f"en-retard-{today.isoformat()}",
        extras={"choices": common.form_choices(today), "sorts": OVERDUE_SORTS},
    )
    return render(page, fmt)
