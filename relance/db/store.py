"""The question store: batched, idempotent upserts that never downgrade what is known.

- Same content (same ``content_hash``) → nothing written, counted "unchanged".
- An input that would remove a known answer, or move a closed question back to pending,
  is refused and logged with the uid: one bad page or dump never loses data.
- Every change adds the events it implies (answered, re-attributed, signalée…) with the
  time Relance first saw them; events are keyed so that replays add nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, bindparam, select, update

from relance.dates import utcnow
from relance.db.models import (
    DeputyRow,
    EventRow,
    GroupRow,
    MandateRow,
    MinistryLabelRow,
    MinistryRow,
    QuestionRow,
    RubriqueRow,
)
from relance.db.upsert import insert_missing, upsert
from relance.ministries import ministry_key
from relance.record import Deputy, EventKind, Organe, OrganeType, Question, Status
from relance.rules import due_date, rule_in_force, signalement_due_date
from relance.text import html_to_text, slugify

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

    MAX_EXAMPLES = 5

    def refuse(self, reason: str, example: str | None) -> None:
        self.refused[reason] += 1
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

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "refused": self.refused_total,
            "refused_reasons": [
                {"reason": reason, "count": count, "examples": self.examples.get(reason, [])}
                for reason, count in self.refused.most_common()
            ],
            "deputies": self.deputies,
            "organes": self.organes,
        }

    def lines(self) -> list[str]:
        out = [
            f"read {self.read}, inserted {self.inserted}, updated {self.updated}, "
            f"unchanged {self.unchanged}, refused {self.refused_total}"
            + (f" ({self.refused_rate:.1%})" if self.refused_total else "")
        ]
        if self.deputies or self.organes:
            out.append(f"deputies {self.deputies}, organes {self.organes}")
        for reason, count in self.refused.most_common():
            examples = ", ".join(self.examples.get(reason, []))
            out.append(f"  refused {count}× {reason}" + (f" (e.g. {examples})" if examples else ""))
        return out


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
        self.engine = engine
        self.report = report or Report()
        self.batch_size = batch_size
        self.now = now
        self._questions: list[tuple[Question, str | None]] = []
        self._deputies: list[Deputy] = []
        self._organes: list[Organe] = []
        self._known_ministries: set[tuple[str, str, str]] = set()
        self._known_rubriques: set[str] = set()

    # -- public ------------------------------------------------------------------------------
    def add(self, question: Question, source_digest: str | None = None) -> None:
        self._questions.append((question, source_digest))
        if len(self._questions) >= self.batch_size:
            self.flush()

    def add_deputy(self, deputy: Deputy) -> None:
        self._deputies.append(deputy)
        if len(self._deputies) >= self.batch_size:
            self.flush()

    def add_organe(self, organe: Organe) -> None:
        self._organes.append(organe)
        if len(self._organes) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if self._deputies or self._organes:
            self._flush_people()
        if self._questions:
            batch, self._questions = self._questions, []
            self._flush_questions(batch)

    def close(self) -> Report:
        self.flush()
        return self.report

    # -- questions ---------------------------------------------------------------------------
    def known(self, uids: list[str]) -> dict[str, dict[str, Any]]:
        """What is stored for these uids: content hash, status, source digest."""
        with self.engine.connect() as connection:
            return self._existing(connection, uids)

    def _flush_questions(self, batch: list[tuple[Question, str | None]]) -> None:
        now = self.now()
        latest: dict[str, Question] = {}
        digests: dict[str, str | None] = {}
        for question, digest in batch:  # within a batch, the last copy of a uid wins
            latest[question.uid] = question
            digests[question.uid] = digest
        with self.engine.begin() as connection:
            existing = self._existing(connection, list(latest))
            rows, events = [], []
            digest_updates: list[dict[str, str]] = []
            ministries: list[dict[str, str]] = []
            rubriques: dict[str, str] = {}
            for question in latest.values():
                digest = question.content_hash
                known = existing.get(question.uid)
                if known is not None and known["content_hash"] == digest:
                    self.report.unchanged += 1
                    new_digest = digests[question.uid]
                    if new_digest and known["source_digest"] != new_digest:
                        digest_updates.append({"key": question.uid, "digest": new_digest})
                    continue
                if known is not None and (problem := downgrade_problem(known, question)):
                    self.report.refuse(problem, question.uid)
                    logger.warning("%s: refused, %s", question.uid, problem)
                    continue
                if known is None:
                    self.report.inserted += 1
                else:
                    self.report.updated += 1
                rows.append(question_row(question, digest, now, digests[question.uid]))
                events.extend(question_events(question, now))
                ministries.extend(self._new_ministry_labels(question))
                if question.rubrique:
                    key = slugify(question.rubrique)
                    if key not in self._known_rubriques:
                        rubriques[key] = question.rubrique
            if ministries:
                by_key: dict[str, str] = {}
                for m in ministries:
                    by_key[m["key"]] = m["abrege"] or m["developpe"]
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
            upsert(connection, QuestionRow.__table__, rows, key=["uid"], keep=["first_seen_at"])
            if digest_updates:  # same content read from other bytes: remember the new bytes
                table = QuestionRow.__table__
                connection.execute(
                    update(table)
                    .where(table.c.uid == bindparam("key"))
                    .values(source_digest=bindparam("digest")),
                    digest_updates,
                )
            insert_missing(connection, EventRow.__table__, events, key=["uid", "kind", "ref"])

    def _existing(self, connection: Any, uids: list[str]) -> dict[str, dict[str, Any]]:
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

    def _new_ministry_labels(self, question: Question) -> list[dict[str, str]]:
        ministries = [a.ministry for a in question.attributions]
        if question.ministere_interroge:
            ministries.append(question.ministere_interroge)
        out = []
        for ministry in ministries:
            ident = (ministry.abrege or "", ministry.developpe or "", ministry.organe_ref or "")
            if ident in self._known_ministries:
                continue
            self._known_ministries.add(ident)
            out.append(
                {
                    "key": ministry.key,
                    "abrege": ident[0],
                    "developpe": ident[1],
                    "organe_ref": ident[2],
                }
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
            if labels:
                upsert(
                    connection,
                    MinistryRow.__table__,
                    list(
                        {
                            r["key"]: {"key": r["key"], "label": r["abrege"] or r["developpe"]}
                            for r in labels
                        }.values()
                    ),
                    key=["key"],
                )
                insert_missing(
                    connection,
                    MinistryLabelRow.__table__,
                    labels,
                    key=["abrege", "developpe", "organe_ref"],
                )
        self.report.deputies += len(deputies)
        self.report.organes += len(organes)


# -- pure helpers ------------------------------------------------------------------------------


def downgrade_problem(known: dict[str, Any], incoming: Question) -> str | None:
    """Why writing ``incoming`` over ``known`` would lose information, or None.

    Refused: an answer that disappears; an answered question that would become anything
    else; a closed question (withdrawn, lapsed) that would become pending again."""
    status = Status(known["status"])
    new_status = incoming.status
    if known.get("has_answer") and not incoming.texte_reponse_html:
        return "would remove a known answer"
    if status is Status.ANSWERED and new_status is not Status.ANSWERED:
        return f"would move an answered question to {new_status.value}"
    if status.is_final and new_status is Status.PENDING:
        return f"would move a {status.value} question back to pending"
    return None


def question_row(
    question: Question, digest: str, now: datetime, source_digest: str | None = None
) -> dict[str, Any]:
    """The ``questions`` row for a record: plain texts and due dates derived here."""
    interroge = question.ministere_interroge
    attributaire = question.ministere_attributaire
    data = question.to_dict()
    signalements = [s for s in question.signalements if s.date]
    last_signalement = max((s.date for s in signalements if s.date), default=None)
    return {
        "uid": question.uid,
        "legislature": question.legislature,
        "number": question.number,
        "type": question.type.value,
        "status": question.status.value,
        "rubrique": question.rubrique,
        "rubrique_key": slugify(question.rubrique) if question.rubrique else None,
        "tete_analyse": question.tete_analyse,
        "analyses": list(question.analyses),
        "deputy_ref": question.author.deputy_ref,
        "mandate_ref": question.author.mandate_ref,
        "author_name": question.author.name,
        "groupe_ref": question.author.groupe_ref,
        "groupe_abrege": question.author.groupe_abrege,
        "groupe_libelle": question.author.groupe_libelle,
        "circonscription": question.author.circonscription,
        "ministere_interroge_key": interroge.key if interroge else None,
        "ministere_interroge": interroge.label if interroge else None,
        "ministere_interroge_developpe": interroge.developpe if interroge else None,
        "ministere_interroge_ref": interroge.organe_ref if interroge else None,
        "ministere_attributaire_key": attributaire.key if attributaire else None,
        "ministere_attributaire": attributaire.label if attributaire else None,
        "attributions": data["attributions"],
        "texte_question_html": question.texte_question_html,
        "texte_question": html_to_text(question.texte_question_html) or None,
        "date_publication": question.date_publication,
        "page_publication": question.page_publication,
        "texte_reponse_html": question.texte_reponse_html,
        "texte_reponse": html_to_text(question.texte_reponse_html) or None,
        "date_reponse": question.date_reponse,
        "page_reponse": question.page_reponse,
        "signalements": data["signalements"],
        "date_signalement": last_signalement,
        "renouvellements": data["renouvellements"],
        "closure_code": question.closure.code if question.closure else None,
        "closure_label": question.closure.label if question.closure else None,
        "closure": data["closure"],
        "date_cloture": question.date_cloture,
        "errata": data["errata"],
        "due_date": due_date(question.date_publication) if question.date_publication else None,
        "signalement_due_date": (
            signalement_due_date(last_signalement)
            if last_signalement
            and question.date_publication
            and rule_in_force(question.date_publication).has_signalement
            else None
        ),
        "source_url": question.source_url,
        "content_hash": digest,
        "source_digest": source_digest,
        "first_seen_at": now,
        "updated_at": now,
    }


def question_events(question: Question, seen_at: datetime) -> list[dict[str, Any]]:
    """The events a record implies, each with a natural ``ref`` so replays add nothing."""
    events: list[dict[str, Any]] = []

    def add(kind: EventKind, ref: str, day: Any, ministry: str | None, **detail: Any) -> None:
        events.append(
            {
                "uid": question.uid,
                "kind": kind.value,
                "ref": ref[:200],
                "date": day,
                "seen_at": seen_at,
                "ministry_key": ministry,
                "detail": detail,
            }
        )

    attributaire = question.ministere_attributaire
    attributaire_key = attributaire.key if attributaire else None
    if question.date_publication:
        add(
            EventKind.PUBLISHED,
            "published",
            question.date_publication,
            attributaire_key,
            page=question.page_publication,
        )
    for index, attribution in enumerate(question.attributions):
        ministry = attribution.ministry
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
            add(
                EventKind.SIGNALEE, signalement.date.isoformat(), signalement.date, attributaire_key
            )
    for day in question.renouvellements:
        add(EventKind.RENEWED, day.isoformat(), day, attributaire_key)
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
