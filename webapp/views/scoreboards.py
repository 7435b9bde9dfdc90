"""Scoreboards and their detail pages: ``/ministeres``, ``/rubriques``, ``/groupes`` and
``/<board>/<key>`` (figures, monthly chart, overdue list; ministries add their labels and
re-attributions, rubriques and groups the ministries that must answer)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from flask import Blueprint, Response, abort

from relance.db import browse
from relance.db.browse import STAT_COLUMNS, Dimension, Filters
from relance.twins.queries import ministry_shares
from webapp import params
from webapp.state import relance
from webapp.state import today as get_today
from webapp.twins import Page, render, twin_route
from webapp.views import common
from webapp.views.overdue import COLUMNS as OVERDUE_COLUMNS

bp = Blueprint("scoreboards", __name__)

#: Keys are slugs; group abbreviations have letters, digits and dashes ("LFI-NFP").
_KEY = re.compile(r"^[\w\-]{1,64}$")


@dataclass(frozen=True)
class Board:
    dimension: Dimension
    path: str  # URL segment and endpoint prefix
    title: str  # page title (French)
    singular: str  # "ministère", "rubrique", "groupe"
    #: CSV columns beyond ``STAT_COLUMNS``
    extra_columns: tuple[str, ...] = ()


BOARDS = {
    Dimension.MINISTERE: Board(
        Dimension.MINISTERE, "ministeres", "Ministères", "ministère", ("labels",)
    ),
    Dimension.RUBRIQUE: Board(Dimension.RUBRIQUE, "rubriques", "Rubriques", "rubrique"),
    Dimension.GROUPE: Board(
        Dimension.GROUPE, "groupes", "Groupes politiques", "groupe", ("groupe", "legislature")
    ),
}


def _list(board: Board, fmt: str) -> Response:
    today = get_today()
    filters = params.filters()
    column, descending = params.sort(STAT_COLUMNS, "received")
    rows = browse.sort_stats(common.stats(today, board.dimension, filters), column, descending)
    context = {
        "as_of": today,
        "board": board.path,
        "filters": filters.as_dict(),
        "sort": column,
        "desc": descending,
        "total": len(rows),
        "rows": [r.as_dict() for r in rows],
    }
    return render(
        Page(
            "scoreboard.html",
            context,
            rows="rows",
            columns=STAT_COLUMNS + board.extra_columns,
            filename=f"{board.path}-{today.isoformat()}",
            extras={
                "title": board.title,
                "b": board,
                "columns": STAT_COLUMNS,
                "choices": common.form_choices(today),
            },
        ),
        fmt,
    )


def _detail(board: Board, key: str, fmt: str) -> Response:
    today = get_today()
    if not _KEY.match(key):
        abort(404)
    state = relance()
    entity: dict[str, Any] = {"key": key}
    if board.dimension is Dimension.GROUPE:
        info = common.group_info(key)
        if info is None:
            abort(404)
        entity.update(info, label=" / ".join(info["libelles"]) or info["abrege"])
        scope = {"groupe": key}
    else:
        if not browse.exists(state.engine, board.dimension, key):
            abort(404)
        entity["label"] = common.names(board.dimension).get(key, key)
        scope = {board.dimension.value: key}
    filters = replace(params.filters(), **scope)
    paging = params.paging()
    [figures] = common.stats(today, None, filters)
    total = common.overdue_count(today, filters, False)
    context: dict[str, Any] = {
        "as_of": today,
        "board": board.path,
        **entity,
        "filters": filters.as_dict(),
        "figures": figures.as_dict(),
        "monthly": common.monthly(filters),
    }
    if board.dimension is Dimension.MINISTERE:
        everything = common.stats(today, Dimension.MINISTERE, Filters())
        context["labels"] = next((list(r.labels) for r in everything if r.key == key), [])
        context["transfers"] = browse.transfers(common.changes(), key).as_dict()
        # Its answers that are boilerplate (in a cluster of near-identical answers).
        context["twins_share"] = common.share_row(ministry_shares(state.engine, ministry=key), key)
    else:
        context["ministries"] = [
            r.as_dict() for r in common.stats(today, Dimension.MINISTERE, filters)[:15]
        ]
    context.update(common.pagination(total, paging))
    context["questions"] = common.overdue_rows(today, filters, False, "retard", paging)
    return render(
        Page(
            "entity.html",
            context,
            rows="questions",
            columns=OVERDUE_COLUMNS,
            filename=f"{board.path}-{key}-en-retard-{today.isoformat()}",
            extras={
                "title": board.title,
                "b": board,
                "ministry_names": common.names(Dimension.MINISTERE),
            },
        ),
        fmt,
    )


@twin_route(bp, "/ministeres")
def ministeres(fmt: str) -> Response:
    return _list(BOARDS[Dimension.MINISTERE], fmt)


@twin_route(bp, "/ministeres/<key>")
def ministere(key: str, fmt: str) -> Response:
    return _detail(BOARDS[Dimension.MINISTERE], key, fmt)


@twin_route(bp, "/rubriques")
def rubriques(fmt: str) -> Response:
    return _list(BOARDS[Dimension.RUBRIQUE], fmt)


@twin_route(bp, "/rubriques/<key>")
def rubrique(key: str, fmt: str) -> Response:
    return _detail(BOARDS[Dimension.RUBRIQUE], key, fmt)


@twin_route(bp, "/groupes")
def groupes(fmt: str) -> Response:
    return _list(BOARDS[Dimension.GROUPE], fmt)


@twin_route(bp, "/groupes/<key>")
def groupe(key: str, fmt: str) -> Response:
    return _detail(BOARDS[Dimension.GROUPE], key, fmt)
