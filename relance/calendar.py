"""The events of the deadline calendars (iCalendar, generated with the ``icalendar``
library), and their pre-rendering after each update.

A pending question gives one all-day VEVENT on its due date (``echeance``) and, when it is
signalée, one on its signalement due date (``signalement``). Nothing in an event depends on
the day it is made (it sits on its date; the status says "late from the day after"), so an
event changes only with its question, its date, the question's page URL or this module's
``EVENT_VERSION``: its ``event_digest``.

Why pre-render: icalendar serializes about 2,000 events a second (its line folding above
all), so a ministry's calendar of 600 events cost ~0.3 s to make from nothing. After each
``relance update`` (and by ``relance calendars``), ``prerender_events`` stores every pending
question's events, serialized, in ``calendar_events``, re-rendering only those whose digest
changed and dropping those of questions no longer pending; the web app reads them back
(``stored_events``) and renders only what is missing or stale. Links are absolute: the
stored events are made for one base URL (``RELANCE_PUBLIC_URL``), and a request under
another one gets events rendered for it instead (another digest).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Event
from sqlalchemy import Connection, Engine, delete, select, tuple_

from relance.dates import french_long_date
from relance.db.browse import _SUMMARY_COLUMNS, QuestionSummary, _summary
from relance.db.feeds import clean_text
from relance.db.lock import exclusive
from relance.db.models import CalendarEventRow, DeputyRow, QuestionRow
from relance.record import Status

logger = logging.getLogger(__name__)

#: Bump when what an event says or how it is written changes: every stored one is redone.
EVENT_VERSION = 1
ECHEANCE = "echeance"
SIGNALEMENT = "signalement"

Q = QuestionRow.__table__
D = DeputyRow.__table__
CE = CalendarEventRow.__table__

#: Pending questions read and written per transaction by ``prerender_events``.
CHUNK = 2_000


def question_link(base_url: str, uid: str) -> str:
    """The absolute URL of a question's page (the web app's ``/questions/<uid>``)."""
    return f"{base_url.rstrip('/')}/questions/{uid}"


def event_digest(uid: str, kind: str, day: date, updated_at: datetime | None, link: str) -> str:
    """What an event depends on, digested: a stored event is reused only when it matches."""
    stamp = updated_at.astimezone(UTC).isoformat() if updated_at else "-"
    text = f"{EVENT_VERSION}|{uid}|{kind}|{day.isoformat()}|{stamp}|{link}"
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def question_events(q: QuestionSummary) -> list[tuple[str, date]]:
    """(kind, day) of a pending question's events: its due date, and its signalement's."""
    out = []
    if q.due_date is not None:
        out.append((ECHEANCE, q.due_date))
    if q.signalement_due_date is not None:
        out.append((SIGNALEMENT, q.signalement_due_date))
    return out


def _summary_words(q: QuestionSummary) -> str:
    who = q.deputy_name or q.deputy_ref
    ministry = q.ministere or q.ministere_key
    return (
        f"question n° {q.number}"
        + (f" de {who}" if who else "")
        + (f" ({ministry})" if ministry else "")
    )


def render_event(
    q: QuestionSummary, updated_at: datetime | None, kind: str, day: date, link: str
) -> bytes:
    """One VEVENT, serialized by icalendar (texts cleaned of what XML and iCalendar
    readers choke on; icalendar escapes the rest)."""
    event = Event()
    event.add("uid", f"{q.uid}-{kind}@relance")
    event.add("dtstamp", updated_at or datetime(2000, 1, 1, tzinfo=UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    published = french_long_date(q.date_publication) if q.date_publication else "date inconnue"
    if kind == ECHEANCE:
        summary = f"Échéance de la {_summary_words(q)}"
        what = (
            f"Réponse due au plus tard le {french_long_date(day)} : deux mois après la "
            f"publication au Journal officiel du {published}."
        )
    else:
        summary = f"Fin du délai de signalement de la {_summary_words(q)}"
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
    return event.to_ical()


def stored_events(engine: Engine, uids: Iterable[str]) -> dict[tuple[str, str], tuple[str, bytes]]:
    """The stored events of these questions: (uid, kind) → (digest, body)."""
    wanted = list(dict.fromkeys(uids))
    out: dict[tuple[str, str], tuple[str, bytes]] = {}
    with engine.connect() as connection:
        for start in range(0, len(wanted), 900):
            rows = connection.execute(
                select(CE.c.uid, CE.c.kind, CE.c.digest, CE.c.body).where(
                    CE.c.uid.in_(wanted[start : start + 900])
                )
            )
            for uid, kind, digest, body in rows:
                out[(uid, kind)] = (digest, bytes(body))
    return out


@dataclass
class PrerenderReport:
    pending: int = 0
    rendered: int = 0
    kept: int = 0
    dropped: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"calendars: {self.pending} pending questions, {self.rendered} events rendered, "
            f"{self.kept} kept, {self.dropped} dropped, in {self.seconds:.1f} s"
        ]


def _pending(engine: Engine, today: date) -> Iterator[list[tuple[QuestionSummary, datetime]]]:
    """Pending questions with a due date, ``CHUNK`` at a time, by uid (keyset)."""
    last = ""
    while True:
        query = (
            select(*_SUMMARY_COLUMNS, Q.c.updated_at)
            .select_from(Q.outerjoin(D, D.c.uid == Q.c.deputy_ref))
            .where(Q.c.uid > last, Q.c.status == Status.PENDING.value, Q.c.due_date.is_not(None))
            .order_by(Q.c.uid)
            .limit(CHUNK)
        )
        with engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        if not rows:
            return
        yield [(_summary(r, today), r["updated_at"]) for r in rows]
        last = rows[-1]["uid"]


def prerender_events(
    engine: Engine,
    base_url: str,
    *,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> PrerenderReport:
    """Store the serialized events of every pending question for ``base_url``; only the
    missing and stale ones are rendered, and those of questions no longer pending (or of
    events gone: a signalement withdrawn) are dropped. One run at a time (``Busy``)."""
    with exclusive(engine, "calendars"):
        return _prerender(engine, base_url, today, progress)


def _prerender(
    engine: Engine,
    base_url: str,
    today: date | None,
    progress: Callable[[int], None] | None,
) -> PrerenderReport:
    started = time.perf_counter()
    today = today or datetime.now(UTC).date()
    report = PrerenderReport()
    with engine.connect() as connection:
        known = {
            (uid, kind): digest
            for uid, kind, digest in connection.execute(select(CE.c.uid, CE.c.kind, CE.c.digest))
        }
    seen: set[tuple[str, str]] = set()
    for chunk in _pending(engine, today):
        rows = []
        for q, updated_at in chunk:
            report.pending += 1
            link = question_link(base_url, q.uid)
            for kind, day in question_events(q):
                key = (q.uid, kind)
                seen.add(key)
                digest = event_digest(q.uid, kind, day, updated_at, link)
                if known.get(key) == digest:
                    report.kept += 1
                    continue
                body = render_event(q, updated_at, kind, day, link)
                rows.append({"uid": q.uid, "kind": kind, "digest": digest, "body": body})
        if rows:
            stale = [(r["uid"], r["kind"]) for r in rows if (r["uid"], r["kind"]) in known]
            with engine.begin() as connection:
                _delete(connection, stale)
                connection.execute(CE.insert(), rows)
            report.rendered += len(rows)
        if progress:
            progress(len(chunk))
    gone = [key for key in known if key not in seen]
    if gone:
        with engine.begin() as connection:
            _delete(connection, gone)
        report.dropped = len(gone)
    report.seconds = time.perf_counter() - started
    for line in report.lines():
        logger.info("%s", line)
    return report


def _delete(connection: Connection, keys: list[tuple[str, str]]) -> None:
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        connection.execute(delete(CE).where(tuple_(CE.c.uid, CE.c.kind).in_(part)))
