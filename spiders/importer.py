"""``relance import``: the open-data parser and the pipeline stages over local files.

The same stages as the Scrapy pipelines (normalize → validate → store), without HTTP:
a zip, a JSON file, or a folder of them, streamed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from relance.db.store import QuestionStore, Report
from relance.ingest import normalize, validate
from relance.record import Question, Status
from spiders.dumps import BadInput, iter_dump
from spiders.parsers.acteurs import parse_acteur, parse_organe
from spiders.parsers.common import ParseError
from spiders.parsers.opendata import parse_question

logger = logging.getLogger(__name__)

_RANK = {Status.PENDING: 0, Status.WITHDRAWN: 1, Status.LAPSED: 1, Status.ANSWERED: 2}


class Admission:
    """The door every question passes: parse errors, validation and in-run duplicates
    are counted in the report and logged with the input, the uid and the field."""

    def __init__(self, report: Report, *, today: date) -> None:
        self.report = report
        self.today = today
        self._seen: dict[str, tuple[str, int, str]] = {}  # uid → (hash, status rank, source)

    def admit(self, question: Question, source: str) -> Question | None:
        question = normalize(question)
        problems = validate(question, today=self.today)
        if problems:
            for problem in problems[:1]:  # one reason per record keeps counts honest
                self.report.refuse(problem.reason, question.uid)
            logger.warning(
                "%s, uid %s: refused: %s",
                source,
                question.uid,
                "; ".join(p.reason for p in problems),
            )
            return None
        digest, rank = question.content_hash, _RANK[question.status]
        previous = self._seen.get(question.uid)
        if previous is not None:
            if previous[0] == digest:
                self.report.unchanged += 1
                return None
            if rank <= previous[1]:
                reason = "uid: duplicate in this input with different content"
                self.report.refuse(reason, question.uid)
                logger.warning(
                    "%s, uid %s: %s (first copy in %s)", source, question.uid, reason, previous[2]
                )
                return None
            # a later, more advanced copy (answered after pending): let it through
        self._seen[question.uid] = (digest, rank, source)
        return question

    def parse_error(self, error: ParseError, source: str) -> None:
        error.source = error.source or source
        self.report.refuse(error.reason, error.uid or source)
        logger.warning("%s", error)


def import_path(
    path: Path,
    engine: Engine,
    *,
    today: date,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 1000,
) -> tuple[Report, list[str]]:
    """Import every record under ``path``. Returns the report and the list of files or
    members that could not be read at all."""
    report = Report()
    store = QuestionStore(engine, report, batch_size=batch_size)
    admission = Admission(report, today=today)
    unreadable: list[str] = []
    for raw in iter_dump(path):
        if progress:
            progress(1)
        if isinstance(raw, BadInput):
            report.read += 1
            report.refuse(f"input: {raw.error.split(':')[0]}", raw.source)
            unreadable.append(f"{raw.source}: {raw.error}")
            logger.error("%s: %s", raw.source, raw.error)
            continue
        try:
            if raw.kind == "acteur":
                store.add_deputy(parse_acteur(raw.data))
                continue
            if raw.kind == "organe":
                store.add_organe(parse_organe(raw.data))
                continue
            report.read += 1
            question = parse_question(raw.data)
        except ParseError as error:
            if raw.kind == "question":
                admission.parse_error(error, raw.source)
            else:
                logger.warning("%s: %s", raw.source, error)
            continue
        admitted = admission.admit(question, raw.source)
        if admitted is not None:
            store.add(admitted)
    store.close()
    return report, unreadable
