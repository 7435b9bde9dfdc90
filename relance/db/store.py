"""The question store: batched, idempotent upserts that never downgrade what is known.

- Same content (same ``content_hash``) → nothing written, counted "unchanged".
- An input that would remove a known answer, or move a closed question back to pending,
  is refused and logged with the uid: one bad page or dump never loses data.
- Every change adds the events it implies (answered, re-attributed, signalée…) with the
  time Relance first saw them; events are keyed so that replays add nothing.
"""

from __future__ import annotations

import logging
import marshal
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Engine, bindparam, select, update

from relance.dates import utcnow
from relance.db.bulk import question_writers
from relance.db.models import (
    DeputyRow,
    EventRow,
    GroupRow,
    MandateRow,
    MinistryLabelRow,
    MinistryRow,
    PageCheckRow,
    PageOutcome,
    QuestionRow,
    RubriqueRow,
)
from relance.db.upsert import insert_missing, upsert
from relance.ministries import ministry_key
from relance.record import Deputy, EventKind, Organe, OrganeType, Question, Status
from relance.rules import due_date, rule_in_force, signalement_due_date
from relance.text import slugify

logger = logging.getLogger(__name__)

# SQLite accepts 32,766 bound parameters per statement; stay well below for IN lists.
_IN_CHUNK = 900


@dataclass
class Report:
    """What a run did: read, inserted, updated, unchanged, refused (reasons grouped, with
    example uids). Parsers and validators add their refusals here too."""

    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    deputies: int = 0
    organes: int = 0
    # Pages crawl: fetches that gave nothing to store (HTTP errors, truncated or damaged
    # pages, a wrong question…), and what looked wrong but was kept (an answer gone).
    failed: Counter[str] = field(default_factory=Counter)
    anomalies: Counter[str] = field(default_factory=Counter)
    # Refused because older than what is stored (a dump lagging behind the pages): refused
    # and logged like any downgrade, but not an error of the input.
    stale: int = 0

    MAX_EXAMPLES = 5

    def refuse(self, reason: str, example: str | None) -> None:
        self.refused[reason] += 1
        self._example(reason, example)

    def refuse_stale(self, reason: str, example: str | None) -> None:
        self.refuse(reason, example)
        self.stale += 1

    def fail(self, reason: str, example: str | None) -> None:
        self.failed[reason] += 1
        self._example(reason, example)

    def anomaly(self, reason: str, example: str | None) -> None:
        self.anomalies[reason] += 1
        self._example(reason, example)

    def _example(self, reason: str, example: str | None) -> None:
        if example:
            bucket = self.examples.setdefault(reason, [])
            if len(bucket) < self.MAX_EXAMPLES:
                bucket.append(example)

    @property
    def refused_total(self) -> int:
        return sum(self.refused.values())

    @property
    def refused_rate(self) -> float:
        return self.refused_total / self.read if self.read else 0.0

    @property
    def invalid_rate(self) -> float:
        """The share of records refused for being wrong (stale copies left out): what a
        run's failure threshold is about."""
        return (self.refused_total - self.stale) / self.read if self.read else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "refused": self.refused_total,
            "stale": self.stale,
            "refused_reasons": [
                {"reason": reason, "count": count, "examples": self.examples.get(reason, [])}
                for reason, count in self.refused.most_common()
            ],
            "deputies": self.deputies,
            "organes": self.organes,
            "failed": sum(self.failed.values()),
            "failed_reasons": self._grouped(self.failed),
            "anomalies": sum(self.anomalies.values()),
            "anomaly_reasons": self._grouped(self.anomalies),
        }

    def _grouped(self, counter: Counter[str]) -> list[dict[str, Any]]:
        return [
            {"reason": reason, "count": count, "examples": self.examples.get(reason, [])}
            for reason, count in counter.most_common()
        ]

    def lines(self) -> list[str]:
        out = [
            f"read {self.read}, inserted {self.inserted}, updated {self.updated}, "
            f"unchanged {self.unchanged}, refused {self.refused_total}"
            + (f" ({self.refused_rate:.1%})" if self.refused_total else "")
        ]
        if self.stale:
            out.append(f"  of which {self.stale} stale: older than what is stored, kept out")
        if self.deputies or self.organes:
            out.append(f"deputies {self.deputies}, organes {self.organes}")
        for word, counter in (
            ("refused", self.refused),
            ("failed", self.failed),
            ("anomaly", self.anomalies),
        ):
            for reason, count in counter.most_common():
                examples = ", ".join(self.examples.get(reason, []))
                out.append(
                    f"  {word} {count}× {reason}" + (f" (e.g. {examples})" if examples else "")
                )
        return out


class PreparedQuestion(NamedTuple):
    """What the store decides on for a record (its row and events travel apart, see
    ``PreparedSlice``). A plain tuple: ``relance import`` prepares in worker processes and
    hands thousands of these over a second, and a tuple unpickles several times faster
    than a dataclass."""

    uid: str
    content_hash: str
    status: str  # a ``Status`` value
    has_answer: bool
    source_digest: str | None
    ministries: tuple[tuple[str, str, str, str], ...]  # (key, abrege, developpe, organe_ref)
    rubrique: tuple[str, str] | None  # (key, label)


#: A prepared record: what the store decides on, its ``questions`` row and its events rows
#: (flat tuples in the order of ``QUESTION_COLUMNS`` and ``EVENT_COLUMNS``).
Prepared = tuple[PreparedQuestion, tuple[Any, ...], list[tuple[Any, ...]]]


@dataclass(frozen=True, slots=True)
class PreparedSlice:
    """Prepared questions whose rows and events are packed into one ``marshal`` document:
    what a worker hands to the writer, which decodes it in one C call (flat tuples of
    strings and numbers, no per-row object to rebuild) and passes the rows to the driver."""

    items: list[PreparedQuestion]
    data: bytes  # marshal of (rows, events per item), aligned with items

    def rows(self) -> tuple[list[tuple[Any, ...]], list[list[tuple[Any, ...]]]]:
        return marshal.loads(self.data)  # type: ignore[no-any-return]


def prepare(question: Question, source_digest: str | None = None) -> Prepared:
    """Everything the store needs to write ``question``."""
    ministries = [a.ministry for a in question.attributions]
    if question.ministere_interroge:
        ministries.append(question.ministere_interroge)
    rubrique = question.rubrique
    content = question.content_hash
    return (
        PreparedQuestion(
            question.uid,
            content,
            question.status.value,
            bool(question.texte_reponse_html),
            source_digest,
            tuple(
                (m.key, m.abrege or "", m.developpe or "", m.organe_ref or "") for m in ministries
            ),
            (slugify(rubrique), rubrique) if rubrique else None,
        ),
        question_values(question, content, source_digest),
        question_events(question),
    )


def pack(prepared: list[Prepared]) -> PreparedSlice:
    """Pack prepared questions into a slice (their rows become one marshal document)."""
    rows = marshal.dumps(([p[1] for p in prepared], [p[2] for p in prepared]))
    return PreparedSlice([p[0] for p in prepared], rows)


class QuestionStore:
    """Buffer records and write them in batches (one transaction per batch)."""

    def __init__(
        self,
        engine: Engine,
        report: Report | None = None,
        *,
        batch_size: int = 1000,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        check_columns()
        self.engine = engine
        self.report = report or Report()
        self.batch_size = batch_size
        self.now = now
        self._loose: list[Prepared] = []
        self._slices: list[tuple[PreparedSlice, list[int]]] = []
        self._pending = 0
        self._deputies: list[Deputy] = []
        self._organes: list[Organe] = []
        self._checks: dict[str, dict[str, Any]] = {}
        self._known_ministries: set[tuple[str, str, str]] = set()
        self._known_rubriques: set[str] = set()

    # -- public ------------------------------------------------------------------------------
    @contextmanager
    def bulk_load(self) -> Iterator[bool]:
        """Load into an empty database. On PostgreSQL, the secondary indexes of
        ``questions`` and ``events`` are dropped while loading and built once at the end
        (always rebuilt, even after an error). On SQLite they stay: keeping them up to date
        costs the writing process about what building them at the end costs (~3 s for
        100,000 questions), but it does so while the reading workers are busy, where
        building them is a phase of its own with the workers idle. Yields whether the
        database was empty. Uniqueness constraints stay: upserts rely on them."""
        indexes = _secondary_indexes()
        with self.engine.begin() as connection:
            for index in indexes:  # a crash in an earlier bulk load left them dropped
                index.create(connection, checkfirst=True)
            empty = connection.execute(select(QuestionRow.uid).limit(1)).first() is None
            rebuild = empty and connection.dialect.name != "sqlite"
            if rebuild:
                for index in indexes:
                    index.drop(connection)
        try:
            yield empty
        finally:
            if rebuild:
                with self.engine.begin() as connection:
                    for index in indexes:
                        index.create(connection, checkfirst=True)

    def add(self, question: Question, source_digest: str | None = None) -> None:
        self.add_prepared(prepare(question, source_digest))

    def add_prepared(self, prepared: Prepared) -> None:
        self._loose.append(prepared)
        self._pending += 1
        if self._pending >= self.batch_size:
            self.flush()

    def add_slice(self, prepared: PreparedSlice, admitted: list[int]) -> None:
        """Write the ``admitted`` items of a slice (the others were refused upstream)."""
        if admitted:
            self._slices.append((prepared, admitted))
            self._pending += len(admitted)
        if self._pending >= self.batch_size:
            self.flush()

    def add_deputy(self, deputy: Deputy) -> None:
        self._deputies.append(deputy)
        if len(self._deputies) >= self.batch_size:
            self.flush()

    def add_organe(self, organe: Organe) -> None:
        self._organes.append(organe)
        if len(self._organes) >= self.batch_size:
            self.flush()

    def add_check(
        self, uid: str, outcome: PageOutcome, *, day: date, http_status: int | None = None
    ) -> None:
        """Remember that ``uid``'s page was fetched on ``day`` (written with the next batch,
        in the same transaction as the questions: a killed crawl never records a check
        whose question was not stored)."""
        self._checks[uid] = {
            "uid": uid,
            "checked_at": self.now(),
            "checked_on": day,
            "outcome": outcome.value,
            "http_status": http_status,
            "failed": outcome is PageOutcome.FAILED,
        }

    def flush(self) -> None:
        if self._deputies or self._organes:
            self._flush_people()
        if self._loose:
            loose, self._loose = self._loose, []
            self._slices.append((pack(loose), list(range(len(loose)))))
        slices, self._slices, self._pending = self._slices, [], 0
        checks, self._checks = self._checks, {}
        if slices or checks:
            self._flush_questions(slices, checks)

    def close(self) -> Report:
        self.flush()
        return self.report

    # -- questions ---------------------------------------------------------------------------
    def known(self, uids: list[str]) -> dict[str, dict[str, Any]]:
        """What is stored for these uids: content hash, status, source digest."""
        with self.engine.connect() as connection:
            return self._existing(connection, uids)

    def _flush_questions(
        self,
        slices: list[tuple[PreparedSlice, list[int]]],
        checks: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        now = self.now()
        last: dict[str, tuple[int, int]] = {}  # within a flush, the last copy of a uid wins
        replaced: list[tuple[str, PreparedQuestion]] = []  # the earlier copies it replaces
        for number, (prepared, admitted) in enumerate(slices):
            for index in admitted:
                item = prepared.items[index]
                if item.uid in last:
                    number_before, index_before = last[item.uid]
                    replaced.append((item.uid, slices[number_before][0].items[index_before]))
                last[item.uid] = (number, index)
        chosen: list[list[int]] = [[] for _ in slices]
        with self.engine.begin() as connection:
            existing = self._existing(connection, list(last))
            for uid, item in replaced:
                self._count_replaced(existing.get(uid), item)
            digest_updates: list[dict[str, str]] = []
            ministries: list[dict[str, str]] = []
            rubriques: dict[str, str] = {}
            for uid, (number, index) in last.items():
                item = slices[number][0].items[index]
                known = existing.get(uid)
                if known is not None and known["content_hash"] == item.content_hash:
                    self.report.unchanged += 1
                    if item.source_digest and known["source_digest"] != item.source_digest:
                        digest_updates.append({"key": uid, "digest": item.source_digest})
                    continue
                if known is not None and (problem := downgrade_problem(known, item)):
                    self.report.refuse_stale(problem, uid)
                    logger.warning("%s: refused, %s", uid, problem)
                    continue
                if known is None:
                    self.report.inserted += 1
                else:
                    self.report.updated += 1
                chosen[number].append(index)
                ministries.extend(self._new_ministry_labels(item))
                if item.rubrique and item.rubrique[0] not in self._known_rubriques:
                    rubriques[item.rubrique[0]] = item.rubrique[1]
            self._write_dimensions(connection, ministries, rubriques)
            question_writer, event_writer = question_writers(connection.dialect.name)
            rows: list[Any] = []
            events: list[Any] = []
            for (prepared, _), indexes in zip(slices, chosen, strict=True):
                if indexes:
                    all_rows, all_events = prepared.rows()
                    rows.extend(all_rows[i] for i in indexes)
                    events.extend(event for i in indexes for event in all_events[i])
            question_writer.execute(connection, rows, now)
            event_writer.execute(connection, events, now)
            if checks:
                self._write_checks(connection, checks)
            if digest_updates:  # same content read from other bytes: remember the new bytes
                table = QuestionRow.__table__
                connection.execute(
                    update(table)
                    .where(table.c.uid == bindparam("key"))
                    .values(source_digest=bindparam("digest")),
                    digest_updates,
                )

    def _count_replaced(self, known: dict[str, Any] | None, item: PreparedQuestion) -> None:
        """Count a copy that a later copy of its uid replaced in the same batch (a more
        advanced one, later in the input) as it would count with a batch boundary between
        them, judged against the stored row: the report adds up to ``read`` wherever the
        batches end. (Nothing of it is written: the later copy is.)"""
        if known is None:  # with a boundary it would be the insert, the later copy an update
            self.report.updated += 1
            return
        if known["content_hash"] == item.content_hash:
            self.report.unchanged += 1
        elif problem := downgrade_problem(known, item):
            self.report.refuse_stale(problem, item.uid)
        else:
            self.report.updated += 1

    def _write_checks(self, connection: Any, checks: dict[str, dict[str, Any]]) -> None:
        """Upsert the page checks; ``failures`` counts consecutive failed fetches."""
        table = PageCheckRow.__table__
        previous = dict(
            connection.execute(
                select(table.c.uid, table.c.failures).where(table.c.uid.in_(list(checks)))
            ).all()
        )
        rows = [
            {
                **{k: v for k, v in check.items() if k != "failed"},
                "failures": previous.get(uid, 0) + 1 if check["failed"] else 0,
            }
            for uid, check in checks.items()
        ]
        upsert(connection, table, rows, key=["uid"])

    def _write_dimensions(
        self, connection: Any, ministries: list[dict[str, str]], rubriques: dict[str, str]
    ) -> None:
        if ministries:
            by_key = {m["key"]: m["abrege"] or m["developpe"] for m in ministries}
            upsert(
                connection,
                MinistryRow.__table__,
                [{"key": k, "label": v} for k, v in by_key.items()],
                key=["key"],
            )
            insert_missing(
                connection,
                MinistryLabelRow.__table__,
                ministries,
                key=["abrege", "developpe", "organe_ref"],
            )
        if rubriques:
            insert_missing(
                connection,
                RubriqueRow.__table__,
                [{"key": k, "label": v} for k, v in rubriques.items()],
                key=["key"],
            )
            self._known_rubriques.update(rubriques)

    def _existing(self, connection: Any, uids: list[str]) -> dict[str, dict[str, Any]]:
        if connection.dialect.name == "sqlite":
            return _existing_sqlite(connection, uids)
        table = QuestionRow.__table__
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(uids), _IN_CHUNK):
            chunk = uids[start : start + _IN_CHUNK]
            query = select(
                table.c.uid,
                table.c.content_hash,
                table.c.source_digest,
                table.c.status,
                table.c.date_reponse,
                (table.c.texte_reponse_html.is_not(None)).label("has_answer"),
            ).where(table.c.uid.in_(chunk))
            for row in connection.execute(query).mappings():
                found[row["uid"]] = dict(row)
        return found

    def _new_ministry_labels(self, prepared: PreparedQuestion) -> list[dict[str, str]]:
        out = []
        for key, abrege, developpe, organe_ref in prepared.ministries:
            ident = (abrege, developpe, organe_ref)
            if ident in self._known_ministries:
                continue
            self._known_ministries.add(ident)
            out.append(
                {"key": key, "abrege": abrege, "developpe": developpe, "organe_ref": organe_ref}
            )
        return out

    # -- deputies and organes ----------------------------------------------------------------
    def _flush_people(self) -> None:
        now = self.now()
        deputies, self._deputies = self._deputies, []
        organes, self._organes = self._organes, []
        with self.engine.begin() as connection:
            upsert(
                connection,
                DeputyRow.__table__,
                [
                    {
                        "uid": d.uid,
                        "civ": d.civ,
                        "prenom": d.prenom,
                        "nom": d.nom,
                        "name": d.name or d.uid,
                        "updated_at": now,
                    }
                    for d in {d.uid: d for d in deputies}.values()
                ],
                key=["uid"],
            )
            mandates = {
                m.uid: {
                    "uid": m.uid,
                    "deputy_ref": d.uid,
                    "organe_type": m.organe_type.value,
                    "organe_ref": m.organe_ref,
                    "legislature": m.legislature,
                    "date_debut": m.date_debut,
                    "date_fin": m.date_fin,
                    "departement": m.departement,
                    "num_departement": m.num_departement,
                    "num_circo": m.num_circo,
                    "region": m.region,
                    "circonscription": m.circonscription,
                }
                for d in deputies
                for m in d.mandates
                if m.organe_type in (OrganeType.ASSEMBLEE, OrganeType.GP)
            }
            upsert(connection, MandateRow.__table__, list(mandates.values()), key=["uid"])
            groups = {
                o.uid: {
                    "uid": o.uid,
                    "abrege": o.abrege,
                    "libelle": o.libelle,
                    "legislature": o.legislature,
                    "date_debut": o.date_debut,
                    "date_fin": o.date_fin,
                }
                for o in organes
                if o.type is OrganeType.GP
            }
            upsert(connection, GroupRow.__table__, list(groups.values()), key=["uid"])
            labels = [
                {
                    "key": ministry_key(o.abrege or o.libelle or ""),
                    "abrege": o.abrege or o.libelle or "",
                    "developpe": o.libelle or "",
                    "organe_ref": o.uid,
                }
                for o in organes
                if o.type is OrganeType.MINISTERE and (o.abrege or o.libelle)
            ]
            self._write_dimensions(connection, labels, {})
        self.report.deputies += len(deputies)
        self.report.organes += len(organes)


def _existing_sqlite(connection: Any, uids: list[str]) -> dict[str, dict[str, Any]]:
    """``QuestionStore._existing`` on SQLite, with the driver's cursor: the import asks it
    for every slice, and SQLAlchemy's expanding IN and row processing cost four times the
    query itself (15 µs a uid, a third of a re-import's reading)."""
    found: dict[str, dict[str, Any]] = {}
    cursor = connection.connection.driver_connection.cursor()
    try:
        for start in range(0, len(uids), _IN_CHUNK):
            chunk = uids[start : start + _IN_CHUNK]
            cursor.execute(
                "SELECT uid, content_hash, source_digest, status, date_reponse, "
                "texte_reponse_html IS NOT NULL FROM questions "
                f"WHERE uid IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            for uid, content, digest, status, answered, has_answer in cursor:
                found[uid] = {
                    "uid": uid,
                    "content_hash": content,
                    "source_digest": digest,
                    "status": status,
                    "date_reponse": date.fromisoformat(answered) if answered else None,
                    "has_answer": bool(has_answer),
                }
    finally:
        cursor.close()
    return found


def _secondary_indexes() -> list[Any]:
    return [
        i for t in (QuestionRow.__table__, EventRow.__table__) for i in t.indexes if not i.unique
    ]


# -- pure helpers ------------------------------------------------------------------------------


def downgrade_problem(known: dict[str, Any], incoming: PreparedQuestion) -> str | None:
    """Why writing ``incoming`` over ``known`` would lose information, or None.

    Refused: an answer that disappears; an answered question that would become anything
    else; a closed question (withdrawn, lapsed) that would become pending again."""
    status = Status(known["status"])
    new_status = Status(incoming.status)
    if known.get("has_answer") and not incoming.has_answer:
        return "would remove a known answer"
    if status is Status.ANSWERED and new_status is not Status.ANSWERED:
        return f"would move an answered question to {new_status.value}"
    if status.is_final and new_status is Status.PENDING:
        return f"would move a {status.value} question back to pending"
    return None


#: The columns of a ``questions`` row as ``question_values`` builds it, in the table's order
#: (``first_seen_at`` and ``updated_at`` are stamped when the row is written).
QUESTION_COLUMNS = (
    "uid",
    "legislature",
    "number",
    "type",
    "status",
    "rubrique",
    "rubrique_key",
    "tete_analyse",
    "analyses",
    "deputy_ref",
    "mandate_ref",
    "author_name",
    "groupe_ref",
    "groupe_abrege",
    "groupe_libelle",
    "circonscription",
    "ministere_interroge_key",
    "ministere_interroge",
    "ministere_interroge_developpe",
    "ministere_interroge_ref",
    "ministere_attributaire_key",
    "ministere_attributaire",
    "attributions",
    "texte_question_html",
    "date_publication",
    "page_publication",
    "texte_reponse_html",
    "date_reponse",
    "page_reponse",
    "signalements",
    "date_signalement",
    "renouvellements",
    "closure_code",
    "closure_label",
    "closure",
    "date_cloture",
    "errata",
    "due_date",
    "signalement_due_date",
    "source_url",
    "content_hash",
    "source_digest",
)
#: The columns of an ``events`` row as ``question_events`` builds it (``seen_at`` is stamped
#: when the row is written; ``id`` is numbered by the database).
EVENT_COLUMNS = ("uid", "kind", "ref", "date", "ministry_key", "detail")


def _json(value: Any) -> bytes:
    """A JSON column's text, as SQLAlchemy's JSON type (with orjson) stores it, in UTF-8."""
    if value is None:
        return b"null"
    if value.__class__ is tuple and not value:
        return b"[]"
    return orjson.dumps(value)


def _utf8(text: str | None) -> bytes | None:
    return text.encode() if text is not None else None


def _iso(day: date | None) -> str | None:
    """A DATE column's text, as SQLAlchemy's Date type stores it in SQLite (PostgreSQL
    reads the same text with a cast)."""
    return _iso_text(day) if day else None


@lru_cache(maxsize=16384)  # ~9 dates a question, and they repeat (one JO issue a week)
def _iso_text(day: date) -> str:
    return day.isoformat()


def question_values(
    question: Question, digest: str, source_digest: str | None = None
) -> tuple[Any, ...]:
    """The ``questions`` row for a record, flat, in the order of ``QUESTION_COLUMNS``:
    plain texts and due dates derived here, JSON columns serialized, dates as ISO text
    (what the database stores; no Python object is left for the writer to convert). The
    texts and JSON documents are UTF-8 bytes (``relance.db.bulk.QUESTION_UTF8``)."""
    interroge = question.ministere_interroge
    attributaire = question.ministere_attributaire
    author = question.author
    closure = question.closure
    published = question.date_publication
    rubrique = question.rubrique
    last_signalement = max((s.date for s in question.signalements if s.date), default=None)
    return (
        question.uid,
        question.legislature,
        question.number,
        question.type.value,
        question.status.value,
        rubrique,
        slugify(rubrique) if rubrique else None,
        question.tete_analyse,
        _json(question.analyses),
        author.deputy_ref,
        author.mandate_ref,
        author.name,
        author.groupe_ref,
        author.groupe_abrege,
        author.groupe_libelle,
        author.circonscription,
        interroge.key if interroge else None,
        interroge.label if interroge else None,
        interroge.developpe if interroge else None,
        interroge.organe_ref if interroge else None,
        attributaire.key if attributaire else None,
        attributaire.label if attributaire else None,
        _json(question.attributions),
        _utf8(question.texte_question_html),
        _iso(published),
        question.page_publication,
        _utf8(question.texte_reponse_html),
        _iso(question.date_reponse),
        question.page_reponse,
        _json(question.signalements),
        _iso(last_signalement),
        _json(question.renouvellements),
        closure.code if closure else None,
        closure.label if closure else None,
        _json(closure),
        _iso(question.date_cloture),
        _json(question.errata),
        _iso(due_date(published)) if published else None,
        (
            _iso(signalement_due_date(last_signalement))
            if last_signalement and published and rule_in_force(published).has_signalement
            else None
        ),
        question.source_url,
        digest,
        source_digest,
    )


@lru_cache(maxsize=1)
def check_columns() -> None:
    """The flat rows built here follow the writers' column order (checked by every store
    when it is made, a tuple comparison: a column added to the model without its value
    here would shift every value after it)."""
    questions, events = question_writers("sqlite")
    if questions.columns != QUESTION_COLUMNS or events.columns != EVENT_COLUMNS:
        raise RuntimeError(
            "relance.db.store: QUESTION_COLUMNS/EVENT_COLUMNS and question_values/"
            "question_events no longer match the questions/events tables; update them"
        )


def question_events(question: Question) -> list[tuple[Any, ...]]:
    """The events a record implies, each with a natural ``ref`` so replays add nothing
    (``seen_at`` is set when they are written): flat rows in the order of
    ``EVENT_COLUMNS``, the detail serialized (UTF-8 JSON), dates as ISO text."""
    events: list[tuple[Any, ...]] = []
    uid = question.uid

    def add(kind: EventKind, ref: str, day: Any, ministry: str | None, **detail: Any) -> None:
        events.append((uid, kind.value, ref[:200], _iso(day), ministry, orjson.dumps(detail)))

    attributaire = question.ministere_attributaire
    attributaire_key = attributaire.key if attributaire else None
    if question.date_publication:
        first = question.attributions[0].ministry if question.attributions else None
        add(
            EventKind.PUBLISHED,
            "published",
            question.date_publication,
            attributaire_key,
            page=question.page_publication,
            ministere=first.label if first else None,
            ministere_key=first.key if first else None,
        )
    for index, attribution in enumerate(question.attributions):
        ministry = attribution.ministry
        if index == 0 and attribution.jo.date in (None, question.date_publication):
            continue  # attributed on publication: the "published" event says it
        kind = EventKind.ATTRIBUTED if index == 0 else EventKind.REATTRIBUTED
        add(
            kind,
            f"{index}:{ministry.organe_ref or ministry.label}",
            attribution.jo.date or (question.date_publication if index == 0 else None),
            ministry.key,
            ministere=ministry.label,
        )
    for signalement in question.signalements:
        if signalement.date:
            add(EventKind.SIGNALEE, _iso_text(signalement.date), signalement.date, attributaire_key)
    for day in question.renouvellements:
        add(EventKind.RENEWED, _iso_text(day), day, attributaire_key)
    status = question.status
    if status is not Status.PENDING:
        kind = {
            Status.ANSWERED: EventKind.ANSWERED,
            Status.WITHDRAWN: EventKind.WITHDRAWN,
            Status.LAPSED: EventKind.LAPSED,
        }[status]
        closure = question.closure
        add(
            kind,
            kind.value,
            question.date_cloture,
            attributaire_key,
            page=question.page_reponse if status is Status.ANSWERED else None,
            code=closure.code if closure else None,
            label=closure.label if closure else None,
        )
    for erratum in question.errata:
        add(
            EventKind.CORRECTED,
            f"{erratum.target}:{erratum.jo.date or erratum.text or ''}",
            erratum.jo.date,
            attributaire_key,
            target=erratum.target,
        )
    return events
