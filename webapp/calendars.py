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
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import UTC, date, datetime, timedelta

from flask import Blueprint, Response, url_for
from icalendar import Calendar, Event

from relance.dates import french_long_date
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
#: Serialized events kept per process: a calendar regenerated after a data change reuses
#: the events of the questions that did not change (icalendar's serializer, its line
#: folding above all, costs 0.3 to 0.6 ms an event).
EVENT_CACHE_SIZE = 50_000

_events: OrderedDict[tuple, bytes] = OrderedDict()
_events_lock = threading.Lock()


def _summary_words(item: DueItem) -> str:
    q = item.question
    who = q.deputy_name or q.deputy_ref
    ministry = q.ministere or q.ministere_key
    return (
        f"question n° {q.number}"
        + (f" de {who}" if who else "")
        + (f" ({ministry})" if ministry else "")
    )


def _event_bytes(item: DueItem, kind: str, day: date, link: str) -> bytes:
    """One VEVENT, serialized by icalendar. Nothing in it depends on the day it is made
    (the event sits on its date; the feeds say "late by n days"), so a calendar client
    sees it change only when the question does, and it is cached per question, kind and
    change across data versions and days."""
    q = item.question
    key = (q.uid, kind, day, item.updated_at, link)
    with _events_lock:
        found = _events.get(key)
        if found is not None:
            _events.move_to_end(key)
            return found
    event = Event()
    event.add("uid", f"{q.uid}-{kind}@relance")
    event.add("dtstamp", item.updated_at or datetime(2000, 1, 1, tzinfo=UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    published = french_long_date(q.date_publication) if q.date_publication else "date inconnue"
    if kind == "echeance":
        summary = f"Échéance de la {_summary_words(item)}"
        what = (
            f"Réponse due au plus tard le {french_long_date(day)} : deux mois après la "
            f"publication au Journal officiel du {published}."
        )
    else:
        summary = f"Fin du délai de signalement de la {_summary_words(item)}"
        what = (
            f"Question signalée : réponse due au plus tard le {french_long_date(day)}, dix "
            "jours après le signalement."
        )
    status = "Statut : en attente de réponse"
    if q.signalement_due_date:
        status += " ; signalée"
    status += f" ; en retard à partir du {french_long_date(day + timedelta(days=1))} sans réponse."
    lines = [
        what,
        status,
        q.titre,
        f"Rubrique : {q.rubrique}." if q.rubrique else "",
        f"Ministère attributaire : {q.ministere}." if q.ministere else "",
        link,
    ]
    event.add("summary", clean_text(summary))
    event.add("description", clean_text("\n".join(line for line in lines if line)))
    event.add("url", link)
    event.add("transp", "TRANSPARENT")
    categories = [clean_text(c) for c in (q.rubrique, q.ministere, q.groupe) if c]
    if categories:
        event.add("categories", categories)
    data = event.to_ical()
    with _events_lock:
        _events[key] = data
        while len(_events) > EVENT_CACHE_SIZE:
            _events.popitem(last=False)
    return data


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
    # The question's URL (url_for once: uids are URL-safe).
    pattern = url_for("questions.question", uid="__UID__", _external=True)
    for item in items:
        q = item.question
        link = pattern.replace("__UID__", q.uid)
        assert q.due_date is not None
        parts.append(_event_bytes(item, "echeance", q.due_date, link))
        if q.signalement_due_date is not None:
            parts.append(_event_bytes(item, "signalement", q.signalement_due_date, link))
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
