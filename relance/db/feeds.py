"""Read queries of the feeds (Atom, RSS) and calendars (iCalendar): which answers, questions,
overdue questions and due dates a feed shows, newest first, always bounded. No Flask;
"today" is passed in.

What a feed covers is a ``Selection``: the filters every list shares (ministry key,
rubrique, group, deputy, legislature, publication period) and, for a watchlist or a search,
an explicit list of uids and deputies (any of which matches).

Entries and their dates (the feeds document these rules):

- *new answers* and *new questions* are the ``answered`` and ``published`` events, most
  recently **seen** by Relance first (``seen_at``, then the event id). ``published`` is the
  event's Journal officiel date at midnight in Paris (the official date; ``seen_at`` when the
  event has no date), ``updated`` is ``seen_at``;
- *overdue*: pending questions whose due date has passed, the most recently overdue first;
  both dates are midnight in Paris of the day after the due date (the first day late);
- *signalements*: pending signalées questions whose 10 days have passed, likewise on the day
  after the signalement due date.

GUIDs are built from the uid, the kind and the date only (``tag:relance,2026:UID/answered/
2025-02-11``): they never change when a feed is generated again.

Speed: the events feeds read ``ix_events_kind_seen_at_uid`` backwards and stop at the limit.
A narrow selection (a deputy, a small ministry, a watchlist, search hits) would make that
scan read most events before finding enough, so when few questions match (n² ≤ limit ×
questions) the questions are read first through their own index and their events looked
up by uid (``_drive_from_questions``). A selection within one legislature (its filter, or
groups of some legislatures) is also checked on the event's uid, read from that index,
before its question is read: an old legislature's events lie behind all the newer ones.
The overdue feeds read ``ix_questions_status_due_date`` and
``ix_questions_status_signalement_due_date`` the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, func, or_, select
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from relance.dates import PARIS
from relance.db.browse import _SUMMARY_COLUMNS, Filters, QuestionSummary, _summary
from relance.db.models import (
    DeputyRow,
    EventRow,
    GroupRow,
    MinistryRow,
    QuestionRow,
    RubriqueRow,
)
from relance.db.queries import GROUP_REF, question_conditions
from relance.record import EventKind, Status
from relance.text import html_to_text, slugify

Q = QuestionRow.__table__
E = EventRow.__table__
D = DeputyRow.__table__
G = GroupRow.__table__
MI = MinistryRow.__table__
R = RubriqueRow.__table__

#: The most entries a feed holds, whatever is asked.
MAX_ENTRIES = 200
#: The most pending questions a calendar holds (each gives one or two events).
MAX_CALENDAR_QUESTIONS = 2_000
#: How much of a text (HTML) is read for an excerpt, and how long the excerpt is at most.
EXCERPT_SOURCE_CHARS = 4_000
EXCERPT_CHARS = 600

#: The tagging entity of the GUIDs (RFC 4151): fixed for ever, whatever the host.
TAG = "tag:relance,2026:"

#: Feed kinds and the event or the deadline they read.
ANSWERS = "answered"
QUESTIONS = "published"
OVERDUE = "overdue"
SIGNALEMENTS = "signalement"
EVENT_KINDS = {ANSWERS: EventKind.ANSWERED, QUESTIONS: EventKind.PUBLISHED}

# Characters XML 1.0 forbids (C0 controls but tab and newlines, surrogates, U+FFFE/FFFF),
# and C1 controls and DEL, which no feed reader shows usefully.
_NOT_XML = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(value: Any) -> str:
    """A text fit for XML and iCalendar: characters XML 1.0 forbids (controls, lone
    surrogates, U+FFFE, U+FFFF) and C1 controls are removed; ``None`` gives ``""``."""
    if value is None:
        return ""
    text = str(value)
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def excerpt(fragment: str | None, limit: int = EXCERPT_CHARS) -> str:
    """The plain text of an HTML fragment (tags, scripts and styles dropped, entities
    decoded), cleaned for XML, cut at a word boundary to at most ``limit`` characters
    (with "…" when cut)."""
    text = clean_text(html_to_text(fragment))
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(None, 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def paris_midnight(day: date) -> datetime:
    """Midnight in Paris of ``day``, as an aware UTC timestamp."""
    return datetime.combine(day, time(0), tzinfo=PARIS).astimezone(UTC)


def entry_guid(uid: str, kind: str, day: date | None) -> str:
    """``tag:relance,2026:QANR5L17QE6778/answered/2025-02-11``: the uid, the kind and the
    event's date (the due date for ``overdue``, the signalement due date for
    ``signalement``); stable across regenerations and hosts."""
    return f"{TAG}{uid}/{kind}" + (f"/{day.isoformat()}" if day else "")


# -- what a feed covers ---------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The questions a feed covers: ``filters`` (all must match) and, when ``listed`` is
    true, only the questions of ``uids`` or of the deputies of ``deputies`` (a watchlist,
    search hits; an empty list then selects nothing)."""

    filters: Filters = field(default_factory=Filters)
    uids: tuple[str, ...] = ()
    deputies: tuple[str, ...] = ()
    listed: bool = False


def _group_condition(
    connection: Connection, value: str, column: Any = lambda c: c
) -> ColumnElement[bool]:
    """A group by ``PO…`` ref, or by abbreviation (any case) resolved through the groups
    table to its refs, so that the question index on ``groupe_ref`` serves it (the
    abbreviation column has no index); an abbreviation the groups table does not know is
    compared on the questions themselves."""
    if GROUP_REF.match(value):
        return column(Q.c.groupe_ref) == value
    refs = [
        ref
        for (ref,) in connection.execute(
            select(G.c.uid).where(func.lower(G.c.abrege) == value.lower())
        )
    ]
    if refs:
        return column(Q.c.groupe_ref).in_(refs)
    return func.lower(Q.c.groupe_abrege) == value.lower()


def conditions(
    connection: Connection, selection: Selection, *, unindexed: bool = False
) -> list[ColumnElement[bool]] | None:
    """The WHERE conditions on ``questions`` of a selection; None when it selects nothing.
    ``unindexed``: the columns wrapped so that SQLite serves none of them from an index (a
    scan of the events checks them on each event's question instead, from
    ``ix_questions_uid_selectors`` without reading the row)."""
    f = selection.filters

    def column(c: Any) -> Any:
        return _no_index(c, connection) if unindexed else c

    out = question_conditions(
        ministry=f.ministere,
        rubrique=f.rubrique,
        deputy=f.depute,
        legislature=f.legislature,
        published_from=f.depuis,
        published_to=f.jusqua,
        column=column,
    )
    if f.groupe:
        out.append(_group_condition(connection, f.groupe, column))
    if selection.listed:
        parts = []
        if selection.uids:
            parts.append(Q.c.uid.in_(list(selection.uids)))
        if selection.deputies:
            parts.append(Q.c.deputy_ref.in_(list(selection.deputies)))
        if not parts:
            return None
        out.append(or_(*parts))
    return out


def _uid_range(column: Any, legislature: int) -> ColumnElement[bool]:
    """Uids of one legislature, on any uid column: ``QANR5L{leg}`` then the type (``QE``,
    ``QG``, ``QOSD``: always a ``Q``; relance.uid), so a plain range of the key."""
    prefix = f"QANR5L{int(legislature)}"
    return (column >= f"{prefix}Q") & (column < f"{prefix}R")


def _legislatures(connection: Connection, selection: Selection) -> set[int] | None:
    """The legislatures every selected question belongs to, when the filters say so (a
    ``legislature``, or a group: the legislatures of its refs), else None."""
    f = selection.filters
    if f.legislature:
        return {f.legislature}
    if not f.groupe:
        return None
    own = (
        G.c.uid == f.groupe
        if GROUP_REF.match(f.groupe)
        else func.lower(G.c.abrege) == (f.groupe.lower())
    )
    found = {leg for (leg,) in connection.execute(select(G.c.legislature).where(own).distinct())}
    return found if found and None not in found else None


def unknown_selector(engine: Engine, filters: Filters) -> tuple[str, str] | None:
    """The first filter naming something Relance does not know — (parameter, value) —
    or None. Known: a ministry key of a question or of the ministries table, a rubrique
    key of a question or of the rubriques table, a group of the groups table or of a
    question, a deputy of the deputies table or of a question. A legislature is never
    unknown (its feed is empty)."""

    with engine.connect() as connection:

        def known(name: str, value: str) -> bool:
            if name == "ministere":
                queries = [
                    select(Q.c.uid).where(Q.c.ministere_attributaire_key == value),
                    select(MI.c.key).where(MI.c.key == value),
                ]
            elif name == "rubrique":
                key = slugify(value)
                queries = [
                    select(Q.c.uid).where(Q.c.rubrique_key == key),
                    select(R.c.key).where(R.c.key == key),
                ]
            elif name == "groupe":
                own = (
                    G.c.uid == value
                    if GROUP_REF.match(value)
                    else func.lower(G.c.abrege) == value.lower()
                )
                queries = [
                    select(G.c.uid).where(own),
                    select(Q.c.uid).where(_group_condition(connection, value)),
                ]
            else:
                queries = [
                    select(D.c.uid).where(D.c.uid == value),
                    select(Q.c.uid).where(Q.c.deputy_ref == value),
                ]
            return any(connection.execute(q.limit(1)).first() is not None for q in queries)

        for name in ("ministere", "rubrique", "groupe", "depute"):
            value = getattr(filters, name)
            if value and not known(name, value):
                return name, value
    return None


def watermark(engine: Engine) -> datetime | None:
    """The latest change of any question (``max(updated_at)``, read from its index)."""
    with engine.connect() as connection:
        return connection.execute(select(func.max(Q.c.updated_at))).scalar()


def _drive_from_questions(
    connection: Connection, where: list[ColumnElement[bool]], limit: int
) -> tuple[int, bool]:
    """(how many questions match, whether to read them first). Scanning the feed's own
    index until ``limit`` matches costs about limit × total / n rows; reading the n
    matching questions first costs n: the second wins when n² ≤ limit × total."""
    n = connection.execute(select(func.count()).select_from(Q).where(*where)).scalar_one()
    if not n:
        return 0, False
    total = connection.execute(select(func.count()).select_from(Q)).scalar_one()
    return int(n), n * n <= max(limit, 1) * total


def _no_index(column: Any, connection: Connection) -> Any:
    """``column`` as an expression SQLite cannot serve from an index (``+x``, a no-op on
    any value): the planner then starts from another index. Other databases plan on
    their statistics and get the plain column."""
    if connection.dialect.name != "sqlite":
        return column
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def _pending_plan(
    connection: Connection, selection: Selection, limit: int
) -> tuple[list[ColumnElement[bool]], Any] | None:
    """For the lists of pending questions (overdue feeds, calendars): the selection's
    conditions and the status column to compare, or None when nothing can match. The
    status is hidden from SQLite's indexes when the selection is small enough to read its
    questions first (n² ≤ limit × questions); a ministry's pending questions are read
    from ``ix_questions_ministry_status_due_date`` instead."""
    where = conditions(connection, selection)
    if where is None:
        return None
    status = Q.c.status
    if where:
        n, from_questions = _drive_from_questions(connection, where, limit)
        if not n:
            return None
        if from_questions and not selection.filters.ministere:
            status = _no_index(Q.c.status, connection)
    return where, status


# -- entries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: a question (as lists show it, with its deadline on "today")
    and what happened to it."""

    kind: str  # ANSWERS, QUESTIONS, OVERDUE or SIGNALEMENTS
    #: the event's JO date; for OVERDUE the due date, for SIGNALEMENTS the signalement's
    day: date | None
    #: when Relance first saw the event (events feeds only)
    seen_at: datetime | None
    question: QuestionSummary
    rubrique_key: str | None
    groupe_ref: str | None
    #: plain text: the answer's beginning (answers), else the question's
    excerpt: str
    #: the question row's last change
    updated_at: datetime | None

    @property
    def uid(self) -> str:
        return self.question.uid

    @property
    def guid(self) -> str:
        return entry_guid(self.uid, self.kind, self.day)

    @property
    def published(self) -> datetime:
        """Events: the JO date at midnight in Paris (``seen_at`` without a date); overdue
        and signalements: midnight in Paris of the first day late."""
        if self.kind in (OVERDUE, SIGNALEMENTS):
            assert self.day is not None
            return paris_midnight(self.day + timedelta(days=1))
        if self.day is not None:
            return paris_midnight(self.day)
        assert self.seen_at is not None
        return self.seen_at

    @property
    def updated(self) -> datetime:
        """Events: when Relance first saw them (``seen_at``); others: ``published``."""
        if self.kind in (OVERDUE, SIGNALEMENTS) or self.seen_at is None:
            return self.published
        return self.seen_at


def _details(
    connection: Connection, uids: list[str], today: date, text_column: Any
) -> dict[str, dict[str, Any]]:
    """Per uid: its summary, keys and the head of one text (for the excerpt)."""
    if not uids:
        return {}
    query = (
        select(
            *_SUMMARY_COLUMNS,
            Q.c.rubrique_key,
            Q.c.groupe_ref,
            Q.c.updated_at,
            func.substr(text_column, 1, EXCERPT_SOURCE_CHARS).label("text_head"),
        )
        .select_from(Q.outerjoin(D, D.c.uid == Q.c.deputy_ref))
        .where(Q.c.uid.in_(uids))
    )
    return {
        r["uid"]: {
            "question": _summary(r, today),
            "rubrique_key": r["rubrique_key"],
            "groupe_ref": r["groupe_ref"],
            "updated_at": r["updated_at"],
            "excerpt": excerpt(r["text_head"]),
        }
        for r in connection.execute(query).mappings()
    }


def event_entries(
    engine: Engine, *, kind: str, selection: Selection, today: date, limit: int
) -> list[FeedEntry]:
    """The ``limit`` latest events of ``kind`` (ANSWERS or QUESTIONS) on the selected
    questions, most recently seen first (``seen_at``, then the event id, descending)."""
    event_kind = EVENT_KINDS[kind].value
    limit = max(1, min(limit, MAX_ENTRIES))
    columns = (E.c.id, E.c.uid, E.c.date, E.c.seen_at)
    order = (E.c.seen_at.desc(), E.c.id.desc())
    with engine.connect() as connection:
        where = conditions(connection, selection)
        if where is None:
            return []
        if not where:
            query = select(*columns).where(E.c.kind == event_kind)
        else:
            n, from_questions = _drive_from_questions(connection, where, limit)
            if not n:
                return []
            if from_questions:
                kind_column = _no_index(E.c.kind, connection)
            else:  # scan the events, check each one's question (covering index)
                kind_column = E.c.kind
                where = conditions(connection, selection, unindexed=True) or []
            query = (
                select(*columns)
                .select_from(E.join(Q, Q.c.uid == E.c.uid))
                .where(kind_column == event_kind, *where)
            )
            if not from_questions and (legislatures := _legislatures(connection, selection)):
                # Checked on the event's own uid (in the index) before its question is
                # read: an old legislature's events lie behind every newer one in the scan.
                # Not as an index range: SQLite would read the legislature and sort it.
                uid = _no_index(E.c.uid, connection)
                query = query.where(or_(*(_uid_range(uid, leg) for leg in sorted(legislatures))))
        events = connection.execute(query.order_by(*order).limit(limit)).all()
        text = Q.c.texte_reponse_html if kind == ANSWERS else Q.c.texte_question_html
        details = _details(connection, list(dict.fromkeys(e.uid for e in events)), today, text)
    return [
        FeedEntry(kind=kind, day=e.date, seen_at=e.seen_at, **details[e.uid])
        for e in events
        if e.uid in details
    ]


def late_entries(
    engine: Engine, *, kind: str, selection: Selection, today: date, limit: int
) -> list[FeedEntry]:
    """Pending questions past their due date (OVERDUE) or past the 10 days of their
    signalement (SIGNALEMENTS) on ``today``, the most recently late first (that date
    descending, then the uid)."""
    column = Q.c.due_date if kind == OVERDUE else Q.c.signalement_due_date
    limit = max(1, min(limit, MAX_ENTRIES))
    with engine.connect() as connection:
        planned = _pending_plan(connection, selection, limit)
        if planned is None:
            return []
        where, status = planned
        query = (
            select(Q.c.uid, column.label("day"))
            .where(status == Status.PENDING.value, column < today, *where)
            .order_by(column.desc(), Q.c.uid.desc())
            .limit(limit)
        )
        rows = connection.execute(query).all()
        details = _details(connection, [r.uid for r in rows], today, Q.c.texte_question_html)
    return [
        FeedEntry(kind=kind, day=r.day, seen_at=None, **details[r.uid])
        for r in rows
        if r.uid in details
    ]


# -- calendars ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """A pending question of a calendar, with its deadline on "today" (``question.due_date``
    and, when signalée under a rule that has signalements, ``question.signalement_due_date``:
    both derived by ``relance.rules`` when the question is stored)."""

    question: QuestionSummary
    updated_at: datetime | None


def due_items(
    engine: Engine, *, selection: Selection, today: date, limit: int = MAX_CALENDAR_QUESTIONS
) -> list[DueItem]:
    """The pending questions of the selection that have a due date, the latest due date
    first (upcoming ones, then the most recently overdue), at most ``limit``."""
    limit = max(1, min(limit, MAX_CALENDAR_QUESTIONS))
    with engine.connect() as connection:
        planned = _pending_plan(connection, selection, limit)
        if planned is None:
            return []
        where, status = planned
        query = (
            select(*_SUMMARY_COLUMNS, Q.c.updated_at)
            .select_from(Q.outerjoin(D, D.c.uid == Q.c.deputy_ref))
            .where(status == Status.PENDING.value, Q.c.due_date.is_not(None), *where)
            .order_by(Q.c.due_date.desc(), Q.c.uid.desc())
            .limit(limit)
        )
        rows = connection.execute(query).mappings().all()
    return [DueItem(_summary(r, today), r["updated_at"]) for r in rows]
