"""Read queries shared by the CLI and the web app (with relance.db.browse). "Today" is passed
in."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Engine, and_, func, select

from relance.db.models import DeputyRow, MandateRow, PageCheckRow, QuestionRow
from relance.record import Question, Status, titre
from relance.rules import Deadline
from relance.text import slugify

if TYPE_CHECKING:
    from relance.crawlplan import KnownQuestion

Q = QuestionRow.__table__
D = DeputyRow.__table__
M = MandateRow.__table__

#: The most rows a list query returns, whatever is asked.
MAX_LIMIT = 10_000


@dataclass(frozen=True)
class QuestionView:
    """A question as stored, with what the database adds (names, circonscription)."""

    question: Question
    deputy_name: str | None
    circonscription: str | None
    first_seen_at: Any
    updated_at: Any

    def deadline(self, today: date) -> Deadline:
        from relance.rules import deadline

        return deadline(self.question, today)


def get_question(engine: Engine, uid: str) -> QuestionView | None:
    query = (
        select(Q, D.c.name.label("deputy_name"), M.c.circonscription.label("mandate_circo"))
        .select_from(
            Q.outerjoin(D, D.c.uid == Q.c.deputy_ref).outerjoin(M, M.c.uid == Q.c.mandate_ref)
        )
        .where(Q.c.uid == uid)
    )
    with engine.connect() as connection:
        row = connection.execute(query).mappings().first()
    if row is None:
        return None
    return QuestionView(
        question=row_to_question(row),
        deputy_name=row["author_name"] or row["deputy_name"],
        circonscription=row["circonscription"] or row["mandate_circo"],
        first_seen_at=row["first_seen_at"],
        updated_at=row["updated_at"],
    )


def row_to_question(row: Any) -> Question:
    """Rebuild the record from its row (the row keeps every field of the record)."""
    return Question.from_dict(
        {
            "uid": row["uid"],
            "legislature": row["legislature"],
            "number": row["number"],
            "type": row["type"],
            "rubrique": row["rubrique"],
            "tete_analyse": row["tete_analyse"],
            "analyses": row["analyses"],
            "author": {
                "deputy_ref": row["deputy_ref"],
                "mandate_ref": row["mandate_ref"],
                "name": row["author_name"],
                "groupe_ref": row["groupe_ref"],
                "groupe_abrege": row["groupe_abrege"],
                "groupe_libelle": row["groupe_libelle"],
                "circonscription": row["circonscription"],
            },
            "ministere_interroge": _ministere_interroge(row),
            "attributions": row["attributions"],
            "texte_question_html": row["texte_question_html"],
            "date_publication": _iso(row["date_publication"]),
            "page_publication": row["page_publication"],
            "texte_reponse_html": row["texte_reponse_html"],
            "date_reponse": _iso(row["date_reponse"]),
            "page_reponse": row["page_reponse"],
            "signalements": row["signalements"],
            "renouvellements": row["renouvellements"],
            "closure": row["closure"],
            "errata": row["errata"],
            "source_url": row["source_url"],
        }
    )


def _ministere_interroge(row: Any) -> dict[str, Any] | None:
    if not (row["ministere_interroge"] or row["ministere_interroge_developpe"]):
        return None
    return {
        "abrege": row["ministere_interroge"] or "",
        "developpe": row["ministere_interroge_developpe"],
        "organe_ref": row["ministere_interroge_ref"],
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


#: The overdue list's CSV columns (``relance overdue --csv`` and the web app's twins).
OVERDUE_COLUMNS = (
    "uid",
    "number",
    "legislature",
    "days_overdue",
    "due_date",
    "date_publication",
    "ministere_key",
    "ministere",
    "deputy_ref",
    "deputy_name",
    "groupe",
    "rubrique",
    "titre",
    "date_signalement",
    "signalement_due_date",
    "signalement_overdue",
)


@dataclass(frozen=True)
class OverdueItem:
    uid: str
    legislature: int
    number: int
    titre: str
    rubrique: str | None
    deputy_ref: str | None
    deputy_name: str | None
    groupe: str | None
    ministere_key: str | None
    ministere: str | None
    date_publication: date
    due_date: date
    days_overdue: int
    date_signalement: date | None
    signalement_due_date: date | None
    signalement_overdue: bool

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in self.__dict__.items()}


#: Orders of the overdue list: most overdue first, newest first, by ministry.
OVERDUE_SORTS = ("retard", "date", "ministere")

#: A group's organe ref (``PO…``), as opposed to its abbreviation.
GROUP_REF = re.compile(r"^PO\d{1,12}$")


def question_conditions(
    *,
    ministry: str | None = None,
    rubrique: str | None = None,
    deputy: str | None = None,
    groupe: str | None = None,
    legislature: int | None = None,
    published_from: date | None = None,
    published_to: date | None = None,
    column: Callable[[Any], Any] = lambda c: c,
) -> list[ColumnElement[bool]]:
    """The filters every list shares, in one place: ministry key (attributaire), rubrique
    (key or label), deputy ref, group (abbreviation, any case, or ``PO…`` ref), legislature,
    publication date (both ends included). ``column`` wraps each column compared (a query
    may want them unusable by an index, to steer the planner)."""
    conditions: list[ColumnElement[bool]] = []
    if ministry:
        conditions.append(column(Q.c.ministere_attributaire_key) == ministry)
    if rubrique:
        conditions.append(column(Q.c.rubrique_key) == slugify(rubrique))
    if deputy:
        conditions.append(column(Q.c.deputy_ref) == deputy)
    if groupe:
        if GROUP_REF.match(groupe):
            conditions.append(column(Q.c.groupe_ref) == groupe)
        else:
            conditions.append(func.lower(Q.c.groupe_abrege) == groupe.lower())
    if legislature:
        conditions.append(column(Q.c.legislature) == legislature)
    if published_from:
        conditions.append(column(Q.c.date_publication) >= published_from)
    if published_to:
        conditions.append(column(Q.c.date_publication) <= published_to)
    return conditions


def _overdue_conditions(
    today: date, signalee_only: bool, filters: dict[str, Any]
) -> list[ColumnElement[bool]]:
    # status + due_date first: the shape ix_questions_status_due_date serves.
    conditions = [Q.c.status == Status.PENDING.value, Q.c.due_date < today]
    conditions += question_conditions(**filters)
    if signalee_only:
        conditions.append(Q.c.date_signalement.is_not(None))
    return conditions


def overdue(
    engine: Engine,
    *,
    today: date,
    ministry: str | None = None,
    rubrique: str | None = None,
    deputy: str | None = None,
    groupe: str | None = None,
    legislature: int | None = None,
    signalee_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
    sort: str = "retard",
    published_from: date | None = None,
    published_to: date | None = None,
) -> list[OverdueItem]:
    """Pending questions past their due date: most overdue first (``sort="retard"``, the
    due date then the uid), or newest first (``"date"``), or by ministry key then most
    overdue (``"ministere"``). At most ``MAX_LIMIT`` rows from ``offset``."""
    filters = dict(
        ministry=ministry,
        rubrique=rubrique,
        deputy=deputy,
        groupe=groupe,
        legislature=legislature,
        published_from=published_from,
        published_to=published_to,
    )
    order = {
        "retard": (Q.c.due_date, Q.c.uid),
        "date": (Q.c.date_publication.desc(), Q.c.uid),
        "ministere": (Q.c.ministere_attributaire_key, Q.c.due_date, Q.c.uid),
    }[sort]
    query = (
        select(
            Q.c.uid,
            Q.c.legislature,
            Q.c.number,
            Q.c.rubrique,
            Q.c.analyses,
            Q.c.tete_analyse,
            Q.c.deputy_ref,
            func.coalesce(Q.c.author_name, D.c.name).label("deputy_name"),
            Q.c.groupe_abrege,
            Q.c.ministere_attributaire_key,
            Q.c.ministere_attributaire,
            Q.c.date_publication,
            Q.c.due_date,
            Q.c.date_signalement,
            Q.c.signalement_due_date,
        )
        .select_from(Q.outerjoin(D, D.c.uid == Q.c.deputy_ref))
        .where(and_(*_overdue_conditions(today, signalee_only, filters)))
        .order_by(*order)
        .limit(min(limit or MAX_LIMIT, MAX_LIMIT))
        .offset(max(0, offset))
    )
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    return [
        OverdueItem(
            uid=r["uid"],
            legislature=r["legislature"],
            number=r["number"],
            titre=titre(r["analyses"], r["tete_analyse"], r["rubrique"]),
            rubrique=r["rubrique"],
            deputy_ref=r["deputy_ref"],
            deputy_name=r["deputy_name"],
            groupe=r["groupe_abrege"],
            ministere_key=r["ministere_attributaire_key"],
            ministere=r["ministere_attributaire"],
            date_publication=r["date_publication"],
            due_date=r["due_date"],
            days_overdue=(today - r["due_date"]).days,
            date_signalement=r["date_signalement"],
            signalement_due_date=r["signalement_due_date"],
            signalement_overdue=bool(
                r["signalement_due_date"] and r["signalement_due_date"] < today
            ),
        )
        for r in rows
    ]


def overdue_count(
    engine: Engine,
    *,
    today: date,
    ministry: str | None = None,
    rubrique: str | None = None,
    deputy: str | None = None,
    groupe: str | None = None,
    legislature: int | None = None,
    signalee_only: bool = False,
    published_from: date | None = None,
    published_to: date | None = None,
) -> int:
    """How many rows ``overdue`` has with the same filters (without a limit)."""
    filters = dict(
        ministry=ministry,
        rubrique=rubrique,
        deputy=deputy,
        groupe=groupe,
        legislature=legislature,
        published_from=published_from,
        published_to=published_to,
    )
    query = select(func.count()).where(*_overdue_conditions(today, signalee_only, filters))
    with engine.connect() as connection:
        return int(connection.execute(query.select_from(Q)).scalar_one())


def _rate(part: int | None, whole: int | None) -> float | None:
    return round((part or 0) / whole, 4) if whole else None


def _percentile(values: list[int], q: float) -> float | None:
    """Nearest-rank percentile of sorted ``values``."""
    if not values:
        return None
    rank = max(1, -(-len(values) * q // 1))  # ceil
    return float(values[int(rank) - 1])


# -- the pages crawl -----------------------------------------------------------------------


def known_for_crawl(engine: Engine, legislatures: tuple[int, ...]) -> list[KnownQuestion]:
    """Every stored question of these legislatures with its last page check, for
    ``relance.crawlplan.plan_crawl`` (a few columns per question: memory stays small)."""
    from relance.crawlplan import KnownQuestion

    C = PageCheckRow.__table__
    query = (
        select(
            Q.c.uid,
            Q.c.legislature,
            Q.c.number,
            Q.c.status,
            Q.c.date_publication,
            Q.c.due_date,
            Q.c.signalement_due_date,
            C.c.checked_on,
            C.c.checked_at,
        )
        .select_from(Q.outerjoin(C, C.c.uid == Q.c.uid))
        .where(Q.c.legislature.in_(legislatures), Q.c.type == "QE")
    )
    with engine.connect() as connection:
        return [
            KnownQuestion(
                uid=row.uid,
                legislature=row.legislature,
                number=row.number,
                final=row.status != Status.PENDING.value,
                date_publication=row.date_publication,
                due_date=row.due_date,
                signalement_due_date=row.signalement_due_date,
                last_checked=row.checked_on,
                last_checked_at=row.checked_at,
            )
            for row in connection.execute(query)
        ]


def stored_questions(engine: Engine, uids: list[str]) -> dict[str, Question]:
    """The stored records of these uids (those that exist)."""
    if not uids:
        return {}
    with engine.connect() as connection:
        rows = connection.execute(select(Q).where(Q.c.uid.in_(uids))).mappings()
        return {row["uid"]: row_to_question(row) for row in rows}


def legislatures_stored(engine: Engine) -> tuple[int, ...]:
    with engine.connect() as connection:
        return tuple(
            row[0]
            for row in connection.execute(
                select(Q.c.legislature).distinct().order_by(Q.c.legislature)
            )
        )
