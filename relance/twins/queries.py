"""Read functions over the clusters of near-identical texts, for the CLI and the web app.

JSON keys (``as_dict``) are only ever added. A cluster's ``id`` is the uid of its first
occurrence; with its ``kind`` (``question`` or ``answer``) it names the cluster.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sqlalchemy import Engine, and_, case, exists, func, select

from relance.db.models import (
    DeputyRow,
    MinistryRow,
    QuestionRow,
    RubriqueRow,
    TextSignatureRow,
    TwinClusterRow,
    TwinKind,
    TwinMemberRow,
)
from relance.db.queries import MAX_LIMIT, question_conditions
from relance.twins.diff import Segment, display_words, shared_segments, word_diff

Q = QuestionRow.__table__
D = DeputyRow.__table__
C = TwinClusterRow.__table__
TM = TwinMemberRow.__table__
S = TextSignatureRow.__table__
MIN = MinistryRow.__table__
R = RubriqueRow.__table__

Sort = Literal["size", "newest", "oldest"]
SORTS: tuple[str, ...] = ("size", "newest", "oldest")
#: Members whose diff ``get_cluster`` computes by default (the largest clusters have
#: thousands: the referral sentence).
DIFF_LIMIT = 100


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _kind(kind: str) -> str:
    return TwinKind(kind).value  # ValueError on anything else


@dataclass(frozen=True)
class ClusterSummary:
    kind: str
    id: str  # the first occurrence's uid
    size: int
    first_date: date | None
    last_date: date | None
    rubrique_key: str | None
    rubrique: str | None
    ministry_key: str | None  # the first occurrence's ministère attributaire
    min_similarity: float
    deputies: int = 0  # distinct authors among the members
    groups: tuple[str, ...] = ()  # their groups (abbreviations), most frequent first
    ministries: tuple[str, ...] = ()  # ministry keys of the members, most frequent first

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "size": self.size,
            "first_uid": self.id,
            "first_date": _iso(self.first_date),
            "last_date": _iso(self.last_date),
            "rubrique_key": self.rubrique_key,
            "rubrique": self.rubrique,
            "ministry_key": self.ministry_key,
            "min_similarity": round(self.min_similarity, 3),
            "deputies": self.deputies,
            "groups": list(self.groups),
            "ministries": list(self.ministries),
        }


@dataclass(frozen=True)
class ClusterPage:
    total: int
    clusters: list[ClusterSummary]

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "clusters": [c.as_dict() for c in self.clusters]}


@dataclass(frozen=True)
class Member:
    uid: str
    legislature: int
    number: int
    day: date | None  # the text's day: publication (questions) or answer (answers)
    date_publication: date | None
    deputy_ref: str | None
    deputy_name: str | None
    groupe: str | None
    rubrique: str | None
    ministry_key: str | None
    ministry: str | None
    status: str
    similarity: float  # Jaccard of shingles with the first occurrence
    first: bool
    diff: list[Segment] | None = None  # against the first occurrence (None: not computed)

    def as_dict(self) -> dict[str, Any]:
        out = {
            k: (v.isoformat() if isinstance(v, date) else v)
            for k, v in self.__dict__.items()
            if k != "diff"
        }
        out["similarity"] = round(self.similarity, 3)
        out["diff"] = self.diff
        return out


@dataclass(frozen=True)
class ClusterDetail:
    summary: ClusterSummary
    members: list[Member]  # first occurrence first, then by day
    text: str  # the first occurrence's text (plain)
    shared: list[Segment] = field(default_factory=list)  # "same" / "varies" runs of ``text``

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.summary.as_dict(),
            "text": self.text,
            "shared": self.shared,
            "members": [m.as_dict() for m in self.members],
        }


def _filters(
    kind: str,
    *,
    rubrique: str | None,
    group: str | None,
    ministry: str | None,
    deputy: str | None,
    legislature: int | None,
) -> list[Any]:
    """Clusters with at least one member matching the question filters."""
    member_conditions = question_conditions(
        ministry=ministry, rubrique=rubrique, deputy=deputy, groupe=group, legislature=legislature
    )
    if not member_conditions:
        return []
    return [
        exists(
            select(TM.c.uid)
            .select_from(TM.join(Q, Q.c.uid == TM.c.uid))
            .where(TM.c.kind == kind, TM.c.cluster_id == C.c.id, *member_conditions)
        )
    ]


def list_clusters(
    engine: Engine,
    kind: str = "question",
    *,
    min_size: int = 2,
    rubrique: str | None = None,
    group: str | None = None,
    ministry: str | None = None,
    deputy: str | None = None,
    legislature: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    sort: Sort = "size",
    limit: int = 20,
    offset: int = 0,
) -> ClusterPage:
    """Clusters of one kind, largest first (``sort="size"``), or by their latest member
    (``"newest"``) or first occurrence (``"oldest"``). Filters: at least ``min_size``
    members; a member on the rubrique, of the group (abbreviation or ``PO…`` ref), the
    deputy (``PA…``), the legislature, attributed to the ministry (key); some member dated
    within [``date_from``, ``date_to``] (the cluster's span overlaps it)."""
    kind = _kind(kind)
    if sort not in SORTS:
        raise ValueError(f"sort: one of {', '.join(SORTS)}")
    conditions = [C.c.kind == kind, C.c.size >= min_size]
    conditions += _filters(
        kind,
        rubrique=rubrique,
        group=group,
        ministry=ministry,
        deputy=deputy,
        legislature=legislature,
    )
    if date_from:
        conditions.append(C.c.last_date >= date_from)
    if date_to:
        conditions.append(C.c.first_date <= date_to)
    order = {
        "size": (C.c.size.desc(), C.c.last_date.desc(), C.c.id),
        "newest": (C.c.last_date.desc(), C.c.size.desc(), C.c.id),
        "oldest": (C.c.first_date, C.c.id),
    }[sort]
    limit = max(0, min(limit, MAX_LIMIT))
    with engine.connect() as connection:
        total = connection.execute(
            select(func.count()).select_from(C).where(*conditions)
        ).scalar_one()
        rows = connection.execute(
            select(C, R.c.label.label("rubrique_label"))
            .select_from(C.outerjoin(R, R.c.key == C.c.rubrique_key))
            .where(*conditions)
            .order_by(*order)
            .limit(limit)
            .offset(max(0, offset))
        ).all()
        clusters = _summaries(connection, kind, rows)
    return ClusterPage(total, clusters)


def _summaries(connection: Any, kind: str, rows: list[Any]) -> list[ClusterSummary]:
    """Cluster rows with their members' deputies, groups and ministries."""
    ids = [row.id for row in rows]
    deputies: dict[str, set[str]] = defaultdict(set)
    groups: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    ministries: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for start in range(0, len(ids), 500):
        query = (
            select(
                TM.c.cluster_id, Q.c.deputy_ref, Q.c.groupe_abrege, Q.c.ministere_attributaire_key
            )
            .select_from(TM.join(Q, Q.c.uid == TM.c.uid))
            .where(TM.c.kind == kind, TM.c.cluster_id.in_(ids[start : start + 500]))
        )
        for member in connection.execute(query):
            if member.deputy_ref:
                deputies[member.cluster_id].add(member.deputy_ref)
            if member.groupe_abrege:
                groups[member.cluster_id][member.groupe_abrege] += 1
            if member.ministere_attributaire_key:
                ministries[member.cluster_id][member.ministere_attributaire_key] += 1

    def ranked(counts: dict[str, int]) -> tuple[str, ...]:
        return tuple(sorted(counts, key=lambda k: (-counts[k], k)))

    return [
        ClusterSummary(
            kind=row.kind,
            id=row.id,
            size=row.size,
            first_date=row.first_date,
            last_date=row.last_date,
            rubrique_key=row.rubrique_key,
            rubrique=getattr(row, "rubrique_label", None) or row.rubrique_key,
            ministry_key=row.ministry_key,
            min_similarity=row.min_similarity,
            deputies=len(deputies[row.id]),
            groups=ranked(groups[row.id]),
            ministries=ranked(ministries[row.id]),
        )
        for row in rows
    ]


def get_cluster(
    engine: Engine, kind: str, cluster_id: str, *, diff_limit: int = DIFF_LIMIT
) -> ClusterDetail | None:
    """One cluster: its members (first occurrence first), the first occurrence's text, the
    shared text and each member's diff against the first occurrence (the first
    ``diff_limit`` members; the shared text is computed over them)."""
    kind = _kind(kind)
    text_column = Q.c.texte_question_html if kind == "question" else Q.c.texte_reponse_html
    with engine.connect() as connection:
        row = connection.execute(
            select(C, R.c.label.label("rubrique_label"))
            .select_from(C.outerjoin(R, R.c.key == C.c.rubrique_key))
            .where(C.c.kind == kind, C.c.id == cluster_id)
        ).first()
        if row is None:
            return None
        summary = _summaries(connection, kind, [row])[0]
        members = connection.execute(
            select(
                TM.c.uid,
                TM.c.similarity,
                S.c.day,
                Q.c.legislature,
                Q.c.number,
                Q.c.date_publication,
                Q.c.deputy_ref,
                func.coalesce(Q.c.author_name, D.c.name).label("deputy_name"),
                Q.c.groupe_abrege,
                Q.c.rubrique,
                Q.c.ministere_attributaire_key,
                Q.c.ministere_attributaire,
                Q.c.status,
                text_column.label("html"),
            )
            .select_from(
                TM.join(Q, Q.c.uid == TM.c.uid)
                .outerjoin(D, D.c.uid == Q.c.deputy_ref)
                .outerjoin(S, and_(S.c.kind == TM.c.kind, S.c.uid == TM.c.uid))
            )
            .where(TM.c.kind == kind, TM.c.cluster_id == cluster_id)
            .order_by(
                case((TM.c.uid == cluster_id, 0), else_=1),
                S.c.day,
                Q.c.legislature,
                Q.c.number,
            )
        ).all()
    first_words: list[str] = []
    for m in members:
        if m.uid == cluster_id:
            first_words = display_words(m.html)
    out: list[Member] = []
    diffed: list[list[str]] = []
    for i, m in enumerate(members):
        diff = None
        if i < diff_limit:
            member_words = display_words(m.html)
            diff = word_diff(first_words, member_words)
            if m.uid != cluster_id:
                diffed.append(member_words)
        out.append(
            Member(
                uid=m.uid,
                legislature=m.legislature,
                number=m.number,
                day=m.day,
                date_publication=m.date_publication,
                deputy_ref=m.deputy_ref,
                deputy_name=m.deputy_name,
                groupe=m.groupe_abrege,
                rubrique=m.rubrique,
                ministry_key=m.ministere_attributaire_key,
                ministry=m.ministere_attributaire,
                status=m.status,
                similarity=m.similarity,
                first=m.uid == cluster_id,
                diff=diff,
            )
        )
    return ClusterDetail(
        summary=summary,
        members=out,
        text=" ".join(first_words),
        shared=shared_segments(first_words, diffed),
    )


@dataclass(frozen=True)
class QuestionTwins:
    """A question's clusters: of its text, of its answer's (None: not in one)."""

    uid: str
    question: ClusterSummary | None
    question_members: list[str]
    answer: ClusterSummary | None
    answer_members: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "question": self.question.as_dict() if self.question else None,
            "question_members": self.question_members,
            "answer": self.answer.as_dict() if self.answer else None,
            "answer_members": self.answer_members,
        }


def twins_of(engine: Engine, uid: str, *, limit: int = 200) -> QuestionTwins:
    """The clusters a question is in, with the other members' uids (the first ``limit``, in
    first-occurrence order)."""
    found: dict[str, tuple[ClusterSummary | None, list[str]]] = {}
    with engine.connect() as connection:
        for kind in ("question", "answer"):
            cluster_id = connection.execute(
                select(TM.c.cluster_id).where(TM.c.kind == kind, TM.c.uid == uid)
            ).scalar()
            if cluster_id is None:
                found[kind] = (None, [])
                continue
            row = connection.execute(
                select(C, R.c.label.label("rubrique_label"))
                .select_from(C.outerjoin(R, R.c.key == C.c.rubrique_key))
                .where(C.c.kind == kind, C.c.id == cluster_id)
            ).one()
            others = connection.execute(
                select(TM.c.uid)
                .select_from(
                    TM.outerjoin(S, and_(S.c.kind == TM.c.kind, S.c.uid == TM.c.uid)).join(
                        Q, Q.c.uid == TM.c.uid
                    )
                )
                .where(TM.c.kind == kind, TM.c.cluster_id == cluster_id, TM.c.uid != uid)
                .order_by(S.c.day, Q.c.legislature, Q.c.number)
                .limit(limit)
            ).scalars()
            found[kind] = (_summaries(connection, kind, [row])[0], list(others))
    return QuestionTwins(uid, *found["question"], *found["answer"])


@dataclass(frozen=True)
class Share:
    """A deputy's questions in clusters, or a ministry's answers in clusters."""

    key: str  # deputy ref (PA…) or ministry key
    name: str | None
    total: int  # questions filed (deputy) or answers given (ministry)
    in_clusters: int
    clusters: int  # distinct clusters they are in

    @property
    def share(self) -> float:
        return self.in_clusters / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "total": self.total,
            "in_clusters": self.in_clusters,
            "clusters": self.clusters,
            "share": round(self.share, 4),
        }


def deputy_shares(
    engine: Engine,
    *,
    deputy: str | None = None,
    legislature: int | None = None,
    min_total: int = 1,
    limit: int = 50,
) -> list[Share]:
    """Per deputy: questions filed, how many are in a question cluster (copy-paste
    questions), most such questions first."""
    return _shares(
        engine,
        kind="question",
        key=Q.c.deputy_ref,
        name=func.max(func.coalesce(Q.c.author_name, D.c.name)),
        joins=lambda j: j.outerjoin(D, D.c.uid == Q.c.deputy_ref),
        conditions=question_conditions(deputy=deputy, legislature=legislature),
        min_total=min_total,
        limit=limit,
    )


def ministry_shares(
    engine: Engine,
    *,
    ministry: str | None = None,
    legislature: int | None = None,
    min_total: int = 1,
    limit: int = 50,
) -> list[Share]:
    """Per ministry (attributaire): answers given, how many are in an answer cluster
    (boilerplate answers), most such answers first."""
    return _shares(
        engine,
        kind="answer",
        key=Q.c.ministere_attributaire_key,
        name=func.max(MIN.c.label),
        joins=lambda j: j.outerjoin(MIN, MIN.c.key == Q.c.ministere_attributaire_key),
        conditions=[
            Q.c.texte_reponse_html.is_not(None),
            *question_conditions(ministry=ministry, legislature=legislature),
        ],
        min_total=min_total,
        limit=limit,
    )


def _shares(
    engine: Engine,
    *,
    kind: str,
    key: Any,
    name: Any,
    joins: Any,
    conditions: list[Any],
    min_total: int,
    limit: int,
) -> list[Share]:
    member = and_(TM.c.kind == kind, TM.c.uid == Q.c.uid)
    in_clusters = func.count(TM.c.uid)
    query = (
        select(
            key.label("key"),
            name.label("name"),
            func.count().label("total"),
            in_clusters.label("in_clusters"),
            func.count(func.distinct(TM.c.cluster_id)).label("clusters"),
        )
        .select_from(joins(Q.outerjoin(TM, member)))
        .where(key.is_not(None), *conditions)
        .group_by(key)
        .having(func.count() >= min_total)
        .order_by(in_clusters.desc(), func.count().desc(), key)
        .limit(max(0, min(limit, MAX_LIMIT)))
    )
    with engine.connect() as connection:
        return [
            Share(row.key, row.name, row.total, row.in_clusters, row.clusters)
            for row in connection.execute(query)
        ]
