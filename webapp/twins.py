"""HTML pages and their ``.json`` and ``.csv`` twins, from one context (Datasette style).

A view builds a ``Page``: a JSON-ready ``context`` (the data), the template that shows it,
and which list of the context the CSV exports. ``render`` turns it into the format the URL
asked for. ``twin_route`` registers ``/path``, ``/path.json`` and ``/path.csv`` (``/`` has
``/index.json`` and ``/index.csv``) on one endpoint; the view receives ``fmt``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from flask import Blueprint, Response, render_template, request, url_for

from relance.export import to_csv

FORMATS = ("html", "json", "csv")
MIME = {"json": "application/json", "csv": "text/csv; charset=utf-8"}

#: Every query parameter a page may carry over into its own links (sorts, pages, facets,
#: twins). Anything else in the URL is dropped from links: ``url_for`` must never see a
#: user's ``_external``, ``_anchor`` or a view argument's name.
KNOWN_PARAMS = (
    "q",
    "ministere",
    "rubrique",
    "groupe",
    "depute",
    "deputes",
    "statut",
    "legislature",
    "annee",
    "depuis",
    "jusqua",
    "signalee",
    "nom",
    "type",
    "_sort",
    "_desc",
    "_page",
    "_size",
)


@dataclass
class Page:
    template: str
    context: dict[str, Any]
    #: the key of the context's list that the CSV exports (or a function of the context
    #: giving the rows, for a detail page), and its columns
    rows: str | Callable[[dict[str, Any]], list[dict[str, Any]]]
    columns: Sequence[str]
    filename: str
    #: what only the HTML needs (choices of a form…), never in the JSON
    extras: dict[str, Any] = field(default_factory=dict)


def twin_route(
    bp: Blueprint,
    rule: str,
    *,
    cached: bool = True,
    vary: Callable[[], Any] | None = None,
    **options: Any,
) -> Callable[[Callable], Callable]:
    """Register ``rule`` for HTML and its ``.json`` and ``.csv`` twins. ``cached`` pages
    (the default) are kept whole in the page cache: only pages that depend on nothing but
    the database, "today", the URL and ``vary()`` (e.g. the search index's version) may
    be."""

    def decorator(view: Callable) -> Callable:
        target = _page_cached(view, vary) if cached else view
        bp.add_url_rule(rule, view_func=target, defaults={"fmt": "html"}, **options)
        base = rule.rstrip("/") or "/index"
        for fmt in ("json", "csv"):
            bp.add_url_rule(f"{base}.{fmt}", view_func=target, defaults={"fmt": fmt}, **options)
        return view

    return decorator


def _page_cached(
    view: Callable[..., Response], vary: Callable[[], Any] | None = None
) -> Callable[..., Response]:
    """The view through the page cache (``state.pages``): the same URL on the same day and
    data version gets the same bytes without running the view again."""

    @functools.wraps(view)
    def wrapper(**kwargs: Any) -> Response:
        from webapp.state import relance, today

        pages = relance().pages
        if pages is None:
            return view(**kwargs)
        key = (
            request.path,
            tuple(sorted(request.args.items(multi=True))),
            today(),
            vary() if vary else None,
        )

        def freeze() -> tuple[bytes, int, list[tuple[str, str]]]:
            response = view(**kwargs)
            return response.get_data(), response.status_code, list(response.headers.items())

        body, status, headers = pages.get("page", key, freeze)
        return Response(body, status=status, headers=headers)

    return wrapper


def dumps(data: Any) -> bytes:
    """JSON as the twins write it (dates ISO, dataclasses as objects)."""
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


def render(page: Page, fmt: str) -> Response:
    if fmt == "json":
        return Response(dumps(page.context), mimetype=MIME["json"])
    if fmt == "csv":
        rows = page.rows(page.context) if callable(page.rows) else page.context[page.rows]
        body = to_csv(rows, page.columns)
        response = Response(body, content_type=MIME["csv"])
        response.headers["Content-Disposition"] = f'inline; filename="{page.filename}.csv"'
        return response
    return Response(render_template(page.template, **page.context, **page.extras))


def current_params() -> dict[str, list[str]]:
    """The known parameters of the current request, as lists (repeated values kept)."""
    return {k: request.args.getlist(k) for k in KNOWN_PARAMS if k in request.args}


def url_with(fmt: str | None = None, **changes: Any) -> str:
    """The current page's URL with some parameters changed (``None`` removes one), in the
    current format or ``fmt``. A change of any filter or sort goes back to page 1."""
    params: dict[str, Any] = current_params()
    if changes and "_page" not in changes:
        params.pop("_page", None)
    for key, value in changes.items():
        if value is None or value == "" or value is False:
            params.pop(key, None)
        else:
            params[key] = "1" if value is True else str(value)
    view_args = dict(request.view_args or {})
    view_args["fmt"] = fmt or view_args.get("fmt", "html")
    return url_for(request.endpoint or "overdue.index", **view_args, **params)
