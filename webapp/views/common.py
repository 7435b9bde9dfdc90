"""What the views share: cached aggregates, pagination, the choices of the filter forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from relance.db import browse, queries
from relance.db.browse import Dimension, Filters, KeyFigures, Stats
from relance.twins.queries import Share
from webapp.params import Paging
from webapp.state import relance
from webapp.twins import url_with


def stats(today: date, by: Dimension | None, filters: Filters) -> list[Stats]:
    """``browse.stats``, cached."""
    state = relance()
    return state.cache.get(
        "stats",
        (today, by, filters),
        lambda: browse.stats(state.engine, today=today, by=by, filters=filters),
    )


def figures(today: date, filters: Filters) -> KeyFigures:
    state = relance()
    return state.cache.get(
        "figures",
        (today, filters),
        lambda: browse.key_figures(state.engine, today=today, filters=filters),
    )


def overdue_count(today: date, filters: Filters, signalee: bool) -> int:
    state = relance()
    return state.cache.get(
        "overdue_count",
        (today, filters, signalee),
        lambda: queries.overdue_count(
            state.engine, today=today, signalee_only=signalee, **filters.overdue_kwargs()
        ),
    )


def overdue_rows(
    today: date, filters: Filters, signalee: bool, sort: str, paging: Paging
) -> list[dict[str, Any]]:
    """One page of the overdue list (uses ix_questions_status_due_date, LIMIT/OFFSET)."""
    items = queries.overdue(
        relance().engine,
        today=today,
        signalee_only=signalee,
        sort=sort,
        limit=paging.size,
        offset=paging.offset,
        **filters.overdue_kwargs(),
    )
    return [item.as_dict() for item in items]


def names(by: Dimension) -> dict[str, str]:
    state = relance()
    return state.cache.get("names", by, lambda: browse.names(state.engine, by))


def monthly(filters: Filters) -> list[dict[str, Any]]:
    state = relance()
    return state.cache.get(
        "monthly",
        filters,
        lambda: [m.as_dict() for m in browse.monthly(state.engine, filters=filters)],
    )


def changes() -> list[browse.Change]:
    state = relance()
    return state.cache.get("changes", None, lambda: browse.ministry_changes(state.engine))


def legislatures() -> tuple[int, ...]:
    state = relance()
    return state.cache.get("legislatures", None, lambda: queries.legislatures_stored(state.engine))


def pagination(total: int, paging: Paging, max_pages: int | None = None) -> dict[str, Any]:
    """The paging part of a list's context (links in the current format)."""
    pages = max(1, -(-total // paging.size))
    if max_pages:
        pages = min(pages, max_pages)
    return {
        "page": paging.page,
        "size": paging.size,
        "total": total,
        "pages": pages,
        "next_url": url_with(_page=paging.page + 1) if paging.page < pages else None,
        "previous_url": (url_with(_page=min(paging.page - 1, pages)) if paging.page > 1 else None),
    }


def form_choices(today: date) -> dict[str, Any]:
    """The options of the filter forms (HTML only)."""
    state = relance()
    return {
        "ministeres": sorted(names(Dimension.MINISTERE).items(), key=lambda kv: kv[1].casefold()),
        "rubriques": sorted(names(Dimension.RUBRIQUE).items(), key=lambda kv: kv[1].casefold()),
        "groupes": state.cache.get(
            "groupes", None, lambda: browse.group_abbreviations(state.engine)
        ),
        "legislatures": legislatures(),
    }


def group_info(key: str) -> dict[str, Any] | None:
    state = relance()
    return state.cache.get("group_info", key, lambda: browse.group_info(state.engine, key))


def share_row(shares: list[Share], key: str) -> dict[str, Any]:
    """The row of ``deputy_shares``/``ministry_shares`` for ``key`` (zeros if none)."""
    found = next((s for s in shares if s.key == key), None)
    return (found or Share(key, None, 0, 0, 0)).as_dict()
