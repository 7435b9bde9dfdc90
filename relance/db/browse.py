"""Read queries for browsing: figures, scoreboards, lists and details (the web app's data).

Imports no Flask: every function takes an engine and, where a deadline matters, ``today``
(passed in, never read here), and returns plain dataclasses whose ``as_dict()`` is
JSON-ready. Filters share their meaning with ``relance.db.queries`` (one place:
``question_conditions``); the overdue list itself is ``queries.overdue``.

Definitions (the same as ``relance stats``):

- ``answer_rate`` = answered / received;
- ``on_time_rate`` = answered on time / questions whose due date has passed or that were
  answered;
- delays are answer date − publication date, in days, over answered questions;
- ``overdue``: pending and today > due date.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, case, func, select

from relance.db.models import (
    DeputyRow,
    EventRow,
    GroupRow,
    MinistryLabelRow,
    MinistryRow,
    QuestionRow,
    RubriqueRow,
)
from relance.db.queries import (
    GROUP_REF,
    MAX_LIMIT,
    _percentile,
    _rate,
    question_conditions,
)
from relance.record import EventKind, Ministry, Status, titre
from relance.rules import compute_deadline, status_phrase_fr

Q = QuestionRow.__table__
D = DeputyRow.__table__
E = EventRow.__table__
G = GroupRow.__table__
ML = MinistryLabelRow.__table__
MI = MinistryRow.__table__
R = RubriqueRow.__table__

PENDING = Q.c.status == Status.PENDING.value
ANSWERED = Q.c.status == Status.ANSWERED.value


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _iso(v) for k, v in data.items()}


@dataclass(frozen=True)
class Filters:
    """What every list and figure can be narrowed to. ``groupe`` is an abbreviation (any
    case) or a ``PO…`` ref; ``rubrique`` a key or a label; ``depuis``/``jusqua`` bound the
    publication date, both included."""

    ministere: str | None = None
    rubrique: str | None = None
    groupe: str | None = None
    depute: str | None = None
    legislature: int | None = None
    depuis: date | None = None
    jusqua: date | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        return question_conditions(**self.overdue_kwargs())

    def overdue_kwargs(self) -> dict[str, Any]:
        """The filters as keyword arguments of ``queries.overdue`` (and of
        ``queries.question_conditions``)."""
        return {
            "ministry": self.ministere,
            "rubrique": self.rubrique,
            "deputy": self.depute,
            "groupe": self.groupe,
            "legislature": self.legislature,
            "published_from": self.depuis,
            "published_to": self.jusqua,
        }

    def as_dict(self) -> dict[str, Any]:
        """The filters that are set, JSON-ready."""
        return {k: _iso(v) for k, v in asdict(self).items() if v not in (None, "")}


# -- data version (what caches are keyed on) -------------------------------------------------


def data_version(engine: Engine) -> str:
    """A cheap value that changes when questions are added or something happens to one:
    the question count and the latest event id (both read from an index, under a
    millisecond on 100,000 questions; ``max(updated_at)`` would scan the table). An edit
    that writes no event (a corrected name) is not seen: caches also bound their age."""
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(Q)).scalar()
        last_event = connection.execute(select(func.max(E.c.id))).scalar()
    return f"{count or 0}/{last_event or 0}"


def group_abbreviations(engine: Engine) -> list[str]:
    """Every group abbreviation of the groups table (the filter forms' choices)."""
    with engine.connect() as connection:
        found = {a for (a,) in connection.execute(select(G.c.abrege).distinct()) if a}
    return sorted(found, key=str.casefold)


# -- key figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigures:
    received: int
    pending: int
    overdue: int
    #: pending, signalée and past the 10 days after the signalement
    signalees_overdue: int
    #: answers published in the 7 days up to today (today − 6 … today)
    answered_last_7_days: int
    median_delay_days: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def key_figures(engine: Engine, *, today: date, filters: Filters = Filters()) -> KeyFigures:
    """The figures on top of the home page, under ``filters``."""
    where = filters.conditions()
    overdue = and_(PENDING, Q.c.due_date < today)
    counts = select(
        func.count(),
        func.sum(case((PENDING, 1), else_=0)),
        func.sum(case((overdue, 1), else_=0)),
        func.sum(case((and_(PENDING, Q.c.signalement_due_date < today), 1), else_=0)),
        func.sum(
            case(
                (
                    and_(
                        ANSWERED,
                        Q.c.date_reponse >= today - timedelta(days=6),
                        Q.c.date_reponse <= today,
                    ),
                    1,
                ),
                else_=0,
            )
        ),
    ).where(*where)
    with engine.connect() as connection:
        received, pending, late, signalees, recent = connection.execute(counts.select_from(Q)).one()
        delays = sorted(_delays(connection, where).get(None, []))
    return KeyFigures(
        received=received or 0,
        pending=pending or 0,
        overdue=late or 0,
        signalees_overdue=signalees or 0,
        answered_last_7_days=recent or 0,
        median_delay_days=statistics.median(delays) if delays else None,
    )


def _delays(
    connection: Any, where: list[ColumnElement[bool]], key: Any = None
) -> dict[Any, list[int]]:
    """Answer delays in days, per value of ``key`` (one list under ``None`` without a key)."""
    columns = [Q.c.date_publication, Q.c.date_reponse]
    query = select(*columns, *([key.label("key")] if key is not None else [])).where(
        ANSWERED, Q.c.date_reponse.is_not(None), Q.c.date_publication.is_not(None), *where
    )
    out: dict[Any, list[int]] = defaultdict(list)
    for row in connection.execute(query):
        out[row.key if key is not None else None].append(
            (row.date_reponse - row.date_publication).days
        )
    return out


# -- scoreboards (per ministry, rubrique, group, deputy) -------------------------------------


class Dimension(StrEnum):
    """What a scoreboard groups questions by."""

    MINISTERE = "ministere"  # the ministère attributaire's stable key
    RUBRIQUE = "rubrique"  # the rubrique's key
    GROUPE = "groupe"  # the group's PO ref (abbreviations repeat across legislatures)
    DEPUTE = "depute"  # the deputy's PA ref


_KEY_COLUMN = {
    Dimension.MINISTERE: Q.c.ministere_attributaire_key,
    Dimension.RUBRIQUE: Q.c.rubrique_key,
    Dimension.GROUPE: Q.c.groupe_ref,
    Dimension.DEPUTE: Q.c.deputy_ref,
}

#: The columns of a scoreboard row (CSV order); every one can be sorted on.
STAT_COLUMNS = (
    "key",
    "label",
    "received",
    "answered",
    "answer_rate",
    "answered_on_time",
    "on_time_rate",
    "median_delay_days",
    "p90_delay_days",
    "pending",
    "overdue",
    "withdrawn",
    "lapsed",
    "oldest_pending",
)


@dataclass(frozen=True)
class Stats:
    """One row of a scoreboard (or the figures of one entity). ``labels``: every label
    the key was published under (ministries); ``groupe``/``legislature``: for groups and
    deputies (the group of their latest question)."""

    key: str
    label: str
    received: int
    answered: int
    answer_rate: float | None
    answered_on_time: int
    on_time_rate: float | None
    median_delay_days: float | None
    p90_delay_days: float | None
    pending: int
    overdue: int
    withdrawn: int
    lapsed: int
    oldest_pending: date | None
    labels: tuple[str, ...] = ()
    groupe: str | None = None
    legislature: int | None = None

    def as_dict(self) -> dict[str, Any]:
        data = _jsonable(asdict(self))
        data["labels"] = list(self.labels)
        return data


def stats(
    engine: Engine,
    *,
    today: date,
    by: Dimension | None = None,
    filters: Filters = Filters(),
) -> list[Stats]:
    """Counts, rates and delays of the questions under ``filters``, one row per value of
    ``by`` (questions without a value under the key ``"unknown"``), most received first;
    ``by=None`` gives one row (key ``"all"``), also when nothing matches."""
    where = filters.conditions()
    key = func.coalesce(_KEY_COLUMN[by], "unknown") if by else None
    on_time = and_(ANSWERED, Q.c.date_reponse <= Q.c.due_date)
    judged = ANSWERED | (Q.c.due_date < today)
    late = and_(PENDING, Q.c.due_date < today)
    aggregates = [
        func.count().label("received"),
        func.sum(case((ANSWERED, 1), else_=0)).label("answered"),
        func.sum(case((on_time, 1), else_=0)).label("on_time"),
        func.sum(case((judged, 1), else_=0)).label("judged"),
        func.sum(case((PENDING, 1), else_=0)).label("pending"),
        func.sum(case((late, 1), else_=0)).label("overdue"),
        func.sum(case((Q.c.status == Status.WITHDRAWN.value, 1), else_=0)).label("withdrawn"),
        func.sum(case((Q.c.status == Status.LAPSED.value, 1), else_=0)).label("lapsed"),
        func.min(case((PENDING, Q.c.date_publication))).label("oldest_pending"),
        func.max(Q.c.legislature).label("legislature"),
    ]
    if by is not None:
        aggregates.append(func.max(_label_column(by)).label("fallback_label"))
    query = select(*([key.label("key")] if key is not None else []), *aggregates).where(*where)
    if key is not None:
        query = query.group_by(key)
    with engine.connect() as connection:
        rows = connection.execute(query.select_from(Q)).mappings().all()
        delays = _delays(connection, where, key)
        names = _labels(connection, by)
        extra = _extras(connection, by, where)
    out = []
    for r in rows:
        if not r["received"] and by is not None:
            continue
        row_key = r["key"] if by else "all"
        values = sorted(delays.get(row_key if by else None, []))
        label, labels = names.get(row_key, (None, ()))
        groupe, legislature = extra.get(row_key, (None, r["legislature"]))
        out.append(
            Stats(
                key=row_key,
                label=label or (r["fallback_label"] if by else None) or row_key,
                received=r["received"] or 0,
                answered=r["answered"] or 0,
                answer_rate=_rate(r["answered"], r["received"]),
                answered_on_time=r["on_time"] or 0,
                on_time_rate=_rate(r["on_time"], r["judged"]),
                median_delay_days=statistics.median(values) if values else None,
                p90_delay_days=_percentile(values, 0.9),
                pending=r["pending"] or 0,
                overdue=r["overdue"] or 0,
                withdrawn=r["withdrawn"] or 0,
                lapsed=r["lapsed"] or 0,
                oldest_pending=r["oldest_pending"],
                labels=labels,
                groupe=groupe,
                legislature=legislature if by in (Dimension.GROUPE, None) else None,
            )
        )
    return sorted(out, key=lambda s: (-s.received, s.key))


def _label_column(by: Dimension) -> Any:
    """A label found on the questions themselves, when the dimension's table has none."""
    return {
        Dimension.MINISTERE: Q.c.ministere_attributaire,
        Dimension.RUBRIQUE: Q.c.rubrique,
        Dimension.GROUPE: Q.c.groupe_abrege,
        Dimension.DEPUTE: Q.c.author_name,
    }[by]


def _labels(connection: Any, by: Dimension | None) -> dict[str, tuple[str | None, tuple]]:
    """key → (display label, every label published) from the dimension's own table."""
    if by is Dimension.MINISTERE:
        current = dict(connection.execute(select(MI.c.key, MI.c.label)).all())
        seen: dict[str, list[str]] = defaultdict(list)
        for key, abrege, developpe in connection.execute(
            select(ML.c.key, ML.c.abrege, ML.c.developpe).order_by(ML.c.id)
        ):
            label = abrege or developpe
            if label and label not in seen[key]:
                seen[key].append(label)
        keys = set(current) | set(seen)
        return {k: (current.get(k), tuple(seen.get(k, ()))) for k in keys}
    if by is Dimension.RUBRIQUE:
        return {k: (label, ()) for k, label in connection.execute(select(R.c.key, R.c.label))}
    if by is Dimension.GROUPE:
        return {
            ref: (f"{abrege} — {libelle}" if abrege and libelle else abrege or libelle, ())
            for ref, abrege, libelle in connection.execute(select(G.c.uid, G.c.abrege, G.c.libelle))
        }
    if by is Dimension.DEPUTE:
        return {ref: (name, ()) for ref, name in connection.execute(select(D.c.uid, D.c.name))}
    return {}


def _extras(
    connection: Any, by: Dimension | None, where: list[ColumnElement[bool]]
) -> dict[str, tuple[str | None, int | None]]:
    """key → (group abbreviation, legislature): a group's own, or the group of a
    deputy's latest question."""
    if by is Dimension.GROUPE:
        return {
            ref: (abrege, legislature)
            for ref, abrege, legislature in connection.execute(
                select(G.c.uid, G.c.abrege, G.c.legislature)
            )
        }
    if by is not Dimension.DEPUTE:
        return {}
    query = (
        select(Q.c.deputy_ref, Q.c.groupe_abrege, func.max(Q.c.date_publication).label("last"))
        .where(Q.c.deputy_ref.is_not(None), *where)
        .group_by(Q.c.deputy_ref, Q.c.groupe_abrege)
    )
    latest: dict[str, tuple[Any, str | None]] = {}
    for ref, abrege, last in connection.execute(query):
        if ref not in latest or (last or date.min) > (latest[ref][0] or date.min):
            latest[ref] = (last, abrege)
    return {ref: (abrege, None) for ref, (_, abrege) in latest.items()}


def sort_stats(rows: list[Stats], column: str, descending: bool) -> list[Stats]:
    """Rows sorted on one of their fields; missing values (no rate yet) always last."""
    if column not in {f.name for f in fields(Stats)} - {"labels"}:
        raise ValueError(f"unknown column {column!r}")
    present = [r for r in rows if getattr(r, column) is not None]
    missing = [r for r in rows if getattr(r, column) is None]

    def value(row: Stats) -> Any:
        v = getattr(row, column)
        return v.casefold() if isinstance(v, str) else v

    present.sort(key=lambda r: r.key)  # stable tie-break on the key
    present.sort(key=value, reverse=descending)
    return present + missing


# -- monthly series ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    """Questions published in one month: how many, how many answered (so far), and the
    median delay of those answers."""

    month: str  # "YYYY-MM"
    received: int
    answered: int
    answer_rate: float | None
    median_delay_days: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def monthly(engine: Engine, *, filters: Filters, months: int = 36) -> list[Month]:
    """The ``months`` months up to the latest publication under ``filters``, by publication
    month, oldest first (months without questions included, with 0)."""
    query = select(Q.c.date_publication, Q.c.status, Q.c.date_reponse).where(
        Q.c.date_publication.is_not(None), *filters.conditions()
    )
    received: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    delays: dict[str, list[int]] = defaultdict(list)
    with engine.connect() as connection:
        for published, status, answer in connection.execute(query):
            month = f"{published.year:04d}-{published.month:02d}"
            received[month] += 1
            if status == Status.ANSWERED.value:
                answered[month] += 1
                if answer:
                    delays[month].append((answer - published).days)
    if not received:
        return []
    return [
        Month(
            month=m,
            received=received[m],
            answered=answered[m],
            answer_rate=_rate(answered[m], received[m]),
            median_delay_days=statistics.median(delays[m]) if delays[m] else None,
        )
        for m in _month_range(max(received), months)
    ]


def _month_range(last: str, months: int) -> list[str]:
    """The ``months`` months up to ``last`` ("YYYY-MM"), oldest first (gaps filled)."""
    year, month = int(last[:4]), int(last[5:7])
    out = []
    for _ in range(months):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[::-1]


# -- ministries: labels and re-attributions ----------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A question moved from one ministry to another (keys differ: renamings are not
    changes), on the JO date of the new attribution."""

    uid: str
    date: date | None
    from_key: str
    to_key: str

    def as_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def ministry_changes(engine: Engine) -> list[Change]:
    """Every change of ministry found in the questions' attributions, newest first. Only
    questions with a re-attribution event are read."""
    moved = select(E.c.uid).where(E.c.kind == EventKind.REATTRIBUTED.value).distinct()
    query = select(Q.c.uid, Q.c.attributions).where(Q.c.uid.in_(moved))
    changes = []
    with engine.connect() as connection:
        for uid, attributions in connection.execute(query):
            previous = None
            for attribution in attributions or ():
                ministry = Ministry(**(attribution.get("ministry") or {"abrege": ""}))
                key = ministry.key
                if previous is not None and key != previous:
                    day = (attribution.get("jo") or {}).get("date")
                    changes.append(
                        Change(uid, date.fromisoformat(day) if day else None, previous, key)
                    )
                previous = key
    return sorted(changes, key=lambda c: (c.date or date.min, c.uid), reverse=True)


@dataclass(frozen=True)
class Transfers:
    """A ministry's re-attributions: counts per other ministry, and the latest ones."""

    incoming: list[tuple[str, int]]
    outgoing: list[tuple[str, int]]
    incoming_total: int
    outgoing_total: int
    latest: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "incoming": [{"key": k, "count": n} for k, n in self.incoming],
            "outgoing": [{"key": k, "count": n} for k, n in self.outgoing],
            "incoming_total": self.incoming_total,
            "outgoing_total": self.outgoing_total,
            "latest": [c.as_dict() for c in self.latest],
        }


def transfers(changes: list[Change], key: str, latest: int = 50) -> Transfers:
    """The re-attributions into and out of ministry ``key`` among ``changes``."""
    incoming = Counter(c.from_key for c in changes if c.to_key == key)
    outgoing = Counter(c.to_key for c in changes if c.from_key == key)
    mine = [c for c in changes if key in (c.from_key, c.to_key)]
    return Transfers(
        incoming=sorted(incoming.items(), key=lambda kv: (-kv[1], kv[0])),
        outgoing=sorted(outgoing.items(), key=lambda kv: (-kv[1], kv[0])),
        incoming_total=sum(incoming.values()),
        outgoing_total=sum(outgoing.values()),
        latest=mine[:latest],
    )


def names(engine: Engine, by: Dimension) -> dict[str, str]:
    """key → display label for a dimension (ministries' latest label, rubriques, groups,
    deputies' names)."""
    with engine.connect() as connection:
        return {k: label for k, (label, _) in _labels(connection, by).items() if label}


# -- question lists ----------------------------------------------------------------------------


#: The columns of a question row (CSV order).
QUESTION_COLUMNS = (
    "uid",
    "legislature",
    "number",
    "titre",
    "rubrique",
    "status",
    "deadline",
    "days_overdue",
    "due_date",
    "date_publication",
    "date_reponse",
    "ministere_key",
    "ministere",
    "deputy_ref",
    "deputy_name",
    "groupe",
    "signalement_due_date",
    "signalement_overdue",
)


@dataclass(frozen=True)
class QuestionSummary:
    """A question as a list shows it, with its deadline on ``today`` (``deadline`` is the
    French phrase of ``relance.rules.status_phrase_fr``)."""

    uid: str
    legislature: int
    number: int
    titre: str
    rubrique: str | None
    status: str
    deadline: str
    days_overdue: int
    due_date: date | None
    date_publication: date | None
    date_reponse: date | None
    ministere_key: str | None
    ministere: str | None
    deputy_ref: str | None
    deputy_name: str | None
    groupe: str | None
    signalement_due_date: date | None
    signalement_overdue: bool

    def as_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


_SUMMARY_COLUMNS = (
    Q.c.uid,
    Q.c.legislature,
    Q.c.number,
    Q.c.rubrique,
    Q.c.analyses,
    Q.c.tete_analyse,
    Q.c.status,
    Q.c.due_date,
    Q.c.date_publication,
    Q.c.date_reponse,
    Q.c.date_cloture,
    Q.c.date_signalement,
    Q.c.signalement_due_date,
    Q.c.ministere_attributaire_key,
    Q.c.ministere_attributaire,
    Q.c.deputy_ref,
    func.coalesce(Q.c.author_name, D.c.name).label("deputy_name"),
    Q.c.groupe_abrege,
)


def _summary(r: Any, today: date) -> QuestionSummary:
    status = Status(r["status"])
    d = compute_deadline(
        r["date_publication"],
        today=today,
        status=status,
        answered_on=r["date_cloture"] if status is Status.ANSWERED else None,
        closed_on=r["date_cloture"] if status.is_final else None,
        signalements=[r["date_signalement"]],
    )
    return QuestionSummary(
        uid=r["uid"],
        legislature=r["legislature"],
        number=r["number"],
        titre=titre(r["analyses"], r["tete_analyse"], r["rubrique"]),
        rubrique=r["rubrique"],
        status=status.value,
        deadline=status_phrase_fr(d),
        days_overdue=d.days_overdue,
        due_date=r["due_date"],
        date_publication=r["date_publication"],
        date_reponse=r["date_reponse"],
        ministere_key=r["ministere_attributaire_key"],
        ministere=r["ministere_attributaire"],
        deputy_ref=r["deputy_ref"],
        deputy_name=r["deputy_name"],
        groupe=r["groupe_abrege"],
        signalement_due_date=r["signalement_due_date"],
        signalement_overdue=d.signalement_overdue,
    )


def summaries(engine: Engine, uids: list[str], *, today: date) -> list[QuestionSummary]:
    """The questions of ``uids`` that exist, in the order given (at most ``MAX_LIMIT``)."""
    uids = list(dict.fromkeys(uids))[:MAX_LIMIT]
    if not uids:
        return []
    query = (
        select(*_SUMMARY_COLUMNS)
        .select_from(Q.outerjoin(D, D.c.uid == Q.c.deputy_ref))
        .where(Q.c.uid.in_(uids))
    )
    with engine.connect() as connection:
        found = {r["uid"]: _summary(r, today) for r in connection.execute(query).mappings()}
    return [found[uid] for uid in uids if uid in found]


def question_list(
    engine: Engine,
    *,
    today: date,
    filters: Filters,
    status: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> tuple[int, list[QuestionSummary]]:
    """(count, one page) of the questions under ``filters`` (and ``status``): overdue
    first (most overdue first), then the other pending ones (due soonest first), then the
    rest (newest first)."""
    where = filters.conditions()
    if status:
        where.append(Q.c.status == status)
    overdue = and_(PENDING, Q.c.due_date < today)
    rank = case((overdue, 0), (PENDING, 1), else_=2)
    query = (
        select(*_SUMMARY_COLUMNS)
        .select_from(Q.outerjoin(D, D.c.uid == Q.c.deputy_ref))
        .where(*where)
        .order_by(
            rank,
            case((PENDING, Q.c.due_date)),
            Q.c.date_publication.desc(),
            Q.c.uid,
        )
        .limit(max(0, min(limit, MAX_LIMIT)))
        .offset(max(0, offset))
    )
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(Q).where(*where)).scalar_one()
        rows = [_summary(r, today) for r in connection.execute(query).mappings()]
    return int(total), rows


def status_counts(engine: Engine, *, filters: Filters) -> dict[str, int]:
    """Questions under ``filters`` per status (every status present, 0 when none)."""
    query = select(Q.c.status, func.count()).where(*filters.conditions()).group_by(Q.c.status)
    with engine.connect() as connection:
        found = dict(connection.execute(query).all())
    return {s.value: int(found.get(s.value, 0)) for s in Status}


# -- one question, one deputy --------------------------------------------------------------------


#: Events of the same day in the order they happen.
_EVENT_ORDER = {kind.value: i for i, kind in enumerate(EventKind)}


def events(engine: Engine, uid: str) -> list[dict[str, Any]]:
    """A question's events, oldest first (kind, date, ministry key, detail, seen_at)."""
    query = select(E.c.kind, E.c.date, E.c.ministry_key, E.c.detail, E.c.seen_at).where(
        E.c.uid == uid
    )
    with engine.connect() as connection:
        rows = [dict(r) for r in connection.execute(query).mappings()]
    rows.sort(key=lambda r: (r["date"] or date.max, _EVENT_ORDER.get(r["kind"], 99)))
    return [
        {
            "kind": r["kind"],
            "date": _iso(r["date"]),
            "ministry_key": r["ministry_key"],
            "detail": r["detail"] or {},
            "seen_at": r["seen_at"].isoformat() if r["seen_at"] else None,
        }
        for r in rows
    ]


@dataclass(frozen=True)
class DeputyInfo:
    ref: str
    name: str | None
    groupe: str | None
    groupe_ref: str | None
    circonscription: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def deputy(engine: Engine, ref: str) -> DeputyInfo | None:
    """A deputy known from the deputies table or from questions (None when neither)."""
    latest = (
        select(Q.c.author_name, Q.c.groupe_abrege, Q.c.groupe_ref, Q.c.circonscription)
        .where(Q.c.deputy_ref == ref)
        .order_by(Q.c.date_publication.desc().nulls_last(), Q.c.uid.desc())
        .limit(1)
    )
    with engine.connect() as connection:
        name = connection.execute(select(D.c.name).where(D.c.uid == ref)).scalar()
        row = connection.execute(latest).first()
    if name is None and row is None:
        return None
    return DeputyInfo(
        ref=ref,
        name=name or (row.author_name if row else None),
        groupe=row.groupe_abrege if row else None,
        groupe_ref=row.groupe_ref if row else None,
        circonscription=row.circonscription if row else None,
    )


def group_info(engine: Engine, value: str) -> dict[str, Any] | None:
    """A group by ``PO…`` ref or abbreviation (any case): its refs, abbreviation, names and
    legislatures; None when no question or group row has it."""
    refs = question_conditions(groupe=value)
    from_questions = (
        select(Q.c.groupe_ref, Q.c.groupe_abrege, Q.c.groupe_libelle, Q.c.legislature)
        .where(*refs)
        .distinct()
    )
    condition = (
        G.c.uid == value if GROUP_REF.match(value) else func.lower(G.c.abrege) == value.lower()
    )
    with engine.connect() as connection:
        rows = (
            connection.execute(
                select(G.c.uid, G.c.abrege, G.c.libelle, G.c.legislature).where(condition)
            ).all()
            + connection.execute(from_questions).all()
        )
    if not rows:
        return None
    return {
        "refs": sorted({r[0] for r in rows if r[0]}),
        "abrege": next((r[1] for r in rows if r[1]), value),
        "libelles": sorted({r[2] for r in rows if r[2]}),
        "legislatures": sorted({r[3] for r in rows if r[3]}),
    }


def exists(engine: Engine, by: Dimension, key: str) -> bool:
    """Whether any question has this key (an entity page for it makes sense)."""
    column = _KEY_COLUMN[by]
    with engine.connect() as connection:
        return connection.execute(select(Q.c.uid).where(column == key).limit(1)).first() is not None


def known_keys(engine: Engine, by: Dimension, keys: list[str]) -> set[str]:
    """Those of ``keys`` that some question has."""
    if not keys:
        return set()
    column = _KEY_COLUMN[by]
    with engine.connect() as connection:
        return {k for (k,) in connection.execute(select(column).where(column.in_(keys)).distinct())}
