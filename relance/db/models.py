"""SQLAlchemy 2 typed models. Every schema change is an Alembic revision (relance/migrations).

One word per concept: column names are the record's field names (``rubrique``,
``ministere_attributaire_key``, ``date_signalement``).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from relance.db.types import UTCDateTime
from relance.record import EventKind, QuestionType, Status

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class TwinKind(StrEnum):
    """Which text of a question a signature or a cluster of near-duplicates is about."""

    QUESTION = "question"
    ANSWER = "answer"


class PageOutcome(StrEnum):
    """What fetching a question's page gave."""

    STORED = "stored"  # parsed and stored (changed or not)
    NOT_FOUND = "not_found"  # 404: not (or no longer) published
    REFUSED = "refused"  # parsed but refused (wrong question, not a QE, downgrade…)
    FAILED = "failed"  # unreadable page or HTTP failure after retries


def _one_of(column: str, vocabulary: type[StrEnum]) -> str:
    """A CHECK constraint keeping a column inside a closed vocabulary (an enum).

    Written as equalities joined by OR, not ``IN (…)``: SQLite (3.40) checks an IN list of
    more than two constants by building a temporary b-tree of the list for every row it
    writes, which was 40 % of the instructions of an import's inserts (migration 0009)."""
    return " OR ".join(f"{column} = {member.value!r}" for member in vocabulary)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class QuestionRow(Base):
    """One question, as last read. Nested parts (attributions, signalements…) are JSON;
    what lists filter and sort on is a column. Texts are kept as published (HTML); their
    plain text is derived from them (``Question.texte_question``), not stored twice."""

    __tablename__ = "questions"

    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    legislature: Mapped[int]
    number: Mapped[int]
    type: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    rubrique: Mapped[str | None] = mapped_column(String(200))
    rubrique_key: Mapped[str | None] = mapped_column(String(200), index=True)
    tete_analyse: Mapped[str | None] = mapped_column(String(500))
    analyses: Mapped[list[Any]]
    deputy_ref: Mapped[str | None] = mapped_column(String(32), index=True)
    mandate_ref: Mapped[str | None] = mapped_column(String(32))
    author_name: Mapped[str | None] = mapped_column(String(200))
    groupe_ref: Mapped[str | None] = mapped_column(String(32), index=True)
    groupe_abrege: Mapped[str | None] = mapped_column(String(64))
    groupe_libelle: Mapped[str | None] = mapped_column(String(300))
    circonscription: Mapped[str | None] = mapped_column(String(200))
    ministere_interroge_key: Mapped[str | None] = mapped_column(String(64))
    ministere_interroge: Mapped[str | None] = mapped_column(String(500))
    ministere_interroge_developpe: Mapped[str | None] = mapped_column(String(500))
    ministere_interroge_ref: Mapped[str | None] = mapped_column(String(32))
    ministere_attributaire_key: Mapped[str | None] = mapped_column(String(64))
    ministere_attributaire: Mapped[str | None] = mapped_column(String(500))
    attributions: Mapped[list[Any]]
    texte_question_html: Mapped[str | None] = mapped_column(Text)
    date_publication: Mapped[date | None] = mapped_column(Date, index=True)
    page_publication: Mapped[str | None] = mapped_column(String(32))
    texte_reponse_html: Mapped[str | None] = mapped_column(Text)
    date_reponse: Mapped[date | None] = mapped_column(Date)
    page_reponse: Mapped[str | None] = mapped_column(String(32))
    signalements: Mapped[list[Any]]
    date_signalement: Mapped[date | None] = mapped_column(Date)
    renouvellements: Mapped[list[Any]]
    closure_code: Mapped[str | None] = mapped_column(String(64))
    closure_label: Mapped[str | None] = mapped_column(String(300))
    closure: Mapped[dict[str, Any] | None]
    date_cloture: Mapped[date | None] = mapped_column(Date)
    errata: Mapped[list[Any]]
    due_date: Mapped[date | None] = mapped_column(Date)
    signalement_due_date: Mapped[date | None] = mapped_column(Date)
    source_url: Mapped[str | None] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64))
    # Digest of the raw record it was read from (with the reader's version): a re-import
    # skips records whose digest is unchanged without parsing them.
    source_digest: Mapped[str | None] = mapped_column(String(64))
    first_seen_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(index=True)

    __table_args__ = (
        Index("ix_questions_status_due_date", "status", "due_date"),
        # The feed of signalées past their 10 days (relance.db.feeds), newest first.
        Index("ix_questions_status_signalement_due_date", "status", "signalement_due_date"),
        Index("ix_questions_legislature_number", "legislature", "number"),
        # A ministry's questions (every list by ministry), its pending ones by due date
        # (calendars, overdue feeds and lists).
        Index(
            "ix_questions_ministry_status_due_date",
            "ministere_attributaire_key",
            "status",
            "due_date",
        ),
        # The selectors of the lists and feeds, by uid: a scan of the events checks each
        # event's question from this index without reading the (large) row.
        Index(
            "ix_questions_uid_selectors",
            "uid",
            "ministere_attributaire_key",
            "rubrique_key",
            "groupe_ref",
            "deputy_ref",
            "legislature",
            "date_publication",
        ),
        CheckConstraint(_one_of("status", Status), name="status"),
        CheckConstraint(_one_of("type", QuestionType), name="type"),
    )


class DeputyRow(Base):
    __tablename__ = "deputies"

    uid: Mapped[str] = mapped_column(String(32), primary_key=True)  # PA…
    civ: Mapped[str | None] = mapped_column(String(16))
    prenom: Mapped[str | None] = mapped_column(String(200))
    nom: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(400))
    updated_at: Mapped[datetime]


class MandateRow(Base):
    """Deputies' mandates: the ASSEMBLEE one gives the circonscription at the question's
    date (``auteur.identite.mandatRef``), the GP ones the group at any date."""

    __tablename__ = "mandates"

    uid: Mapped[str] = mapped_column(String(32), primary_key=True)  # PM…
    deputy_ref: Mapped[str] = mapped_column(String(32), index=True)
    organe_type: Mapped[str] = mapped_column(String(16))
    organe_ref: Mapped[str | None] = mapped_column(String(32))
    legislature: Mapped[int | None]
    date_debut: Mapped[date | None] = mapped_column(Date)
    date_fin: Mapped[date | None] = mapped_column(Date)
    departement: Mapped[str | None] = mapped_column(String(200))
    num_departement: Mapped[str | None] = mapped_column(String(8))
    num_circo: Mapped[int | None]
    region: Mapped[str | None] = mapped_column(String(200))
    circonscription: Mapped[str | None] = mapped_column(String(250))


class GroupRow(Base):
    __tablename__ = "groups"

    uid: Mapped[str] = mapped_column(String(32), primary_key=True)  # PO…
    abrege: Mapped[str | None] = mapped_column(String(64))
    libelle: Mapped[str | None] = mapped_column(String(300))
    legislature: Mapped[int | None]
    date_debut: Mapped[date | None] = mapped_column(Date)
    date_fin: Mapped[date | None] = mapped_column(Date)


class MinistryRow(Base):
    """A ministry's stable key (relance.ministries) and the last label seen under it."""

    __tablename__ = "ministries"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(String(500))


class MinistryLabelRow(Base):
    """Every label a ministry was published under, verbatim ("" when a part is absent)."""

    __tablename__ = "ministry_labels"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(ForeignKey("ministries.key"), index=True)
    abrege: Mapped[str] = mapped_column(String(500))
    developpe: Mapped[str] = mapped_column(String(500))
    organe_ref: Mapped[str] = mapped_column(String(32))

    __table_args__ = (UniqueConstraint("abrege", "developpe", "organe_ref"),)


class RubriqueRow(Base):
    __tablename__ = "rubriques"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))


class EventRow(Base):
    """What happened to a question, on the event's own date, and when Relance first saw
    it (``seen_at``): the feeds of new answers read this table."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(ForeignKey("questions.uid", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(200))  # natural key within (uid, kind)
    date: Mapped[date | None] = mapped_column(Date)
    seen_at: Mapped[datetime]
    ministry_key: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]]

    __table_args__ = (
        UniqueConstraint("uid", "kind", "ref"),
        Index("ix_events_kind_seen_at_uid", "kind", "seen_at", "uid"),
        Index("ix_events_kind_date", "kind", "date"),
        CheckConstraint(_one_of("kind", EventKind), name="kind"),
    )


class CalendarEventRow(Base):
    """A pending question's calendar event (``relance.calendar``), serialized by icalendar:
    kind ``echeance`` (due date) or ``signalement``; ``digest`` says what it was made from
    (the question's last change, the date, the page's URL, the renderer's version)."""

    __tablename__ = "calendar_events"

    uid: Mapped[str] = mapped_column(
        ForeignKey("questions.uid", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    digest: Mapped[str] = mapped_column(String(32))
    body: Mapped[bytes] = mapped_column(LargeBinary)


class StateRow(Base):
    """Small key/value state: dump ETags and hashes, crawl watermarks."""

    __tablename__ = "state"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class PageCheckRow(Base):
    """The last fetch of a question's public page: when, and what came of it. The pages
    crawl plans its refreshes from it (relance.crawlplan); it survives a killed crawl."""

    __tablename__ = "page_checks"

    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    checked_at: Mapped[datetime]
    # The crawl's "today" (Paris; pinned in tests and replays): what the plan compares.
    checked_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(16))  # PageOutcome
    http_status: Mapped[int | None]
    failures: Mapped[int] = mapped_column(default=0)  # consecutive failed fetches

    __table_args__ = (CheckConstraint(_one_of("outcome", PageOutcome), name="outcome"),)


class TextSignatureRow(Base):
    """The MinHash signature of a question's text or of its answer (``relance.twins``):
    placing new texts among the others reads these, not the others' texts."""

    __tablename__ = "text_signatures"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # TwinKind
    uid: Mapped[str] = mapped_column(
        String(32), ForeignKey("questions.uid", ondelete="CASCADE"), primary_key=True
    )
    # Publication day (question) or answer day (answer): first occurrences come first.
    day: Mapped[date | None] = mapped_column(Date)
    # Digest of what the signature depends on: a text read again unchanged is skipped.
    digest: Mapped[str] = mapped_column(String(32))
    shingles: Mapped[int]
    signature: Mapped[bytes] = mapped_column(LargeBinary)  # num_perm little-endian uint32
    updated_at: Mapped[datetime]

    __table_args__ = (CheckConstraint(_one_of("kind", TwinKind), name="kind"),)


class TwinClusterRow(Base):
    """A cluster of near-identical texts (questions or answers), named after its first
    occurrence: the id stays while the cluster grows, and changes only when an earlier text
    joins it (or it splits)."""

    __tablename__ = "twin_clusters"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # TwinKind
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # uid of the first occurrence
    size: Mapped[int]
    first_date: Mapped[date | None] = mapped_column(Date)
    last_date: Mapped[date | None] = mapped_column(Date)
    rubrique_key: Mapped[str | None] = mapped_column(String(200))  # the first occurrence's
    ministry_key: Mapped[str | None] = mapped_column(String(64))  # its ministère attributaire
    min_similarity: Mapped[float]  # the lowest similarity of a member to the first occurrence
    updated_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_twin_clusters_kind_size", "kind", "size"),
        Index("ix_twin_clusters_kind_last_date", "kind", "last_date"),
        CheckConstraint(_one_of("kind", TwinKind), name="kind"),
    )


class TwinMemberRow(Base):
    """A text's cluster (a text is in one cluster of its kind at most)."""

    __tablename__ = "twin_members"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # TwinKind
    uid: Mapped[str] = mapped_column(
        String(32), ForeignKey("questions.uid", ondelete="CASCADE"), primary_key=True
    )
    cluster_id: Mapped[str] = mapped_column(String(32))
    # Jaccard similarity of the shingles with the first occurrence's (1 for itself).
    similarity: Mapped[float]

    __table_args__ = (
        ForeignKeyConstraint(
            ["kind", "cluster_id"],
            ["twin_clusters.kind", "twin_clusters.id"],
            ondelete="CASCADE",
        ),
        Index("ix_twin_members_kind_cluster_id", "kind", "cluster_id"),
        CheckConstraint(_one_of("kind", TwinKind), name="kind"),
    )
