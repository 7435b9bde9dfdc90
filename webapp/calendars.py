"""iCalendar feeds (generated with the ``icalendar`` library) of due dates: one all-day
event per pending question on its due date, and one on its signalement due date when it
is signalée. Answered, withdrawn and lapsed questions drop out as soon as Relance sees it.

URLs: ``/flux/echeances.ics?ministere=…`` or ``?depute=PA…`` (or ``rubrique``, ``groupe``;
``legislature``, ``depuis`` and ``jusqua`` narrow them), and ``/suivi.ics?q=UID,UID&
deputes=PA…`` for a watchlist. At most ``_size`` pending questions (1 to 2,000, default
500), the latest due dates first (the upcoming ones, then the most recently overdue).
Event UIDs are stable per question and kind (``QANR5L17QE6778-echeance@relance``,
``…-signalement@relance``): a calendar client updates the event when a date or the status
changes. An event's text does not depend on the day it is generated (its status is
"pending", "signalée", "late from the day after"), so a calendar changes only with the
data. Same caching and conditional HTTP as the feeds (``webapp.feeds.respond``).

Events are read pre-rendered from the database (``relance.calendar``, written after each
update for ``RELANCE_PUBLIC_URL``); those missing or stale (another base URL, a question
changed since) are serialized here and kept in a per-process cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, timedelta
from typing import Any

from flask import Blueprint, Response, request
from icalendar import Calendar

from relance.calendar import (
    event_digest,
    question_events,
    question_link,
    render_event,
    stored_events,
)
from relance.db import feeds as core
from relance.db.browse import Filters
from relance.db.feeds import DueItem, Selection, clean_text
from webapp import feeds, params
from webapp.state import relance
from webapp.state import today as get_today

bp = Blueprint("calendars", __name__)

MIME = "text/calendar; charset=utf-8"
DEFAULT_SIZE = 500
MAX_SIZE = core.MAX_CALENDAR_QUESTIONS
#: Events serialized here, kept per process by digest: those not pre-rendered (another
#: base URL, questions changed since the last update) are made once (icalendar's
#: serializer, its line folding above all, costs 0.3 to 0.6 ms an event).
EVENT_CACHE_SIZE = 50_000

_events: OrderedDict[str, bytes] = OrderedDict()
_events_lock = threading.Lock()


def _event_bytes(
    item: DueItem, kind: str, day: date, link: str, stored: dict[tuple[str, str], Any]
) -> bytes:
    """One VEVENT: the pre-rendered one when its digest matches (``relance.calendar``),
    else from this process's cache, else serialized now by icalendar (and kept)."""
    q = item.question
    digest = event_digest(q.uid, kind, day, item.updated_at, link)
    found = stored.get((q.uid, kind))
    if found is not None and found[0] == digest:
        return found[1]
    with _events_lock:
        cached = _events.get(digest)
        if cached is not None:
            _events.move_to_end(digest)
            return cached
    data = render_event(q, item.updated_at, kind, day, link)
    with _events_lock:
        _events[digest] = data
        while len(_events) > EVENT_CACHE_SIZE:
            _events.popitem(last=False)
    return data


def base_url() -> str:
    """Where the events' links point: ``RELANCE_PUBLIC_URL`` when set (the pre-rendered
    events are made for it), else this request's root."""
    return relance().settings.public_url or request.url_root.rstrip("/")


def render_calendar(name: str, items: list[DueItem]) -> bytes:
    """The VCALENDAR: its properties by icalendar, then each event."""
    calendar = Calendar()
    calendar.add("prodid", "-//Relance//Echeances des questions ecrites//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", clean_text(name))
    calendar.add("x-wr-calname", clean_text(name))
    calendar.add("x-wr-timezone", "Europe/Paris")
    calendar.add(
        "description",
        "Échéances des questions écrites en attente de réponse (Relance) : une journée par "
        "question à sa date limite, une autre à la fin du délai de dix jours si elle est "
        "signalée.",
    )
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    parts = [head[: -len(end)]]
    base = base_url()
    stored = stored_events(relance().engine, (item.question.uid for item in items))
    for item in items:
        q = item.question
        link = question_link(base, q.uid)
        for kind, day in question_events(q):
            parts.append(_event_bytes(item, kind, day, link, stored))
    parts.append(end)
    return b"".join(parts)


def _respond(name: str, selection: Selection, filename: str, key: tuple) -> Response:
    limit = feeds.size(default=DEFAULT_SIZE, high=MAX_SIZE)
    today = get_today()
    engine = relance().engine

    def build() -> feeds.Rendered:
        items = core.due_items(engine, selection=selection, today=today, limit=limit)
        # Answered questions leave without a trace: the latest change of any question.
        marks = [i.updated_at for i in items if i.updated_at is not None]
        marks += [m for m in [core.watermark(engine)] if m is not None]
        body = render_calendar(name, items)
        return feeds.Rendered(body, MIME, max(marks) if marks else None, filename)

    return feeds.respond((*key, limit), build)


@bp.route("/flux/echeances.ics")
def echeances() -> Response:
    """Due dates of a ministry's, a deputy's (or a rubrique's, a group's) pending
    questions."""
    filters: Filters = feeds.selection_filters()
    if not (filters.ministere or filters.depute or filters.rubrique or filters.groupe):
        params.bad(
            "ministere",
            "précisez un ministère (ministere=…) ou un député (depute=PA…) ; un calendrier de "
            "toutes les questions serait trop grand.",
        )
    scope = feeds.scope_words(filters)
    args = feeds.canonical(feeds.FILTER_PARAMS)
    slug = "-".join(core.slugify(v) for v in args.values())[:80] or "echeances"
    return _respond(
        f"Relance — échéances — {scope}",
        Selection(filters=filters),
        f"echeances-{slug}.ics",
        tuple(sorted(args.items())),
    )


@bp.route("/suivi.ics")
def suivi() -> Response:
    """Due dates of a watchlist's questions and of its deputies' pending questions."""
    uids, refs = feeds.watchlist()
    count = len(uids) + len(refs)
    return _respond(
        f"Relance — échéances — liste de suivi ({count} élément{'s' if count > 1 else ''})",
        Selection(uids=uids, deputies=refs, listed=True),
        "suivi.ics",
        (uids, refs),
    )
