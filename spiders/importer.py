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
from relance.ingest import Admission, normalize
from spiders.dumps import BadInput, RawRecord, iter_dump
from spiders.parsers.acteurs import parse_acteur, parse_organe
from spiders.parsers.common import ParseError
from spiders.parsers.opendata import parse_question

logger = logging.getLogger(__name__)


def import_path(
    path: Path,
    engine: Engine,
    *,
    today: date,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 1000,
) -> tuple[Report, list[str]]:
    """Import every record under ``path``. Returns the report and the list of files that
    could not be read at all.

    Records are taken in batches: a record whose raw bytes have the digest stored for its
    uid is counted unchanged without being parsed (what makes a re-import fast)."""
    report = Report()
    store = QuestionStore(engine, report, batch_size=batch_size)
    admission = Admission(report, today=today)
    unreadable: list[str] = []
    batch: list[RawRecord] = []
    for raw in iter_dump(path):
        if progress:
            progress(1)
        if isinstance(raw, BadInput):
            if raw.whole_file:
                unreadable.append(f"{raw.source}: {raw.error}")
                logger.error("%s: %s", raw.source, raw.error)
            else:
                admission.unreadable(
                    raw.source,
                    f"input: {raw.error.split(':')[0]}",
                    None,
                    f"{raw.source}: {raw.error}",
                )
            continue
        if raw.kind == "question":
            batch.append(raw)
            if len(batch) >= batch_size:
                _import_questions(batch, store, admission)
                batch = []
            continue
        try:
            if raw.kind == "acteur":
                store.add_deputy(parse_acteur(raw.data))
            else:
                store.add_organe(parse_organe(raw.data))
        except ParseError as error:
            logger.warning("%s: %s", raw.source, error)
    _import_questions(batch, store, admission)
    store.close()
    return report, unreadable


def _import_questions(batch: list[RawRecord], store: QuestionStore, admission: Admission) -> None:
    known = store.known([uid for raw in batch if (uid := raw.uid)])
    for raw in batch:
        stored = known.get(raw.uid or "")
        if stored and raw.digest and stored["source_digest"] == raw.digest:
            admission.seen_unchanged(
                raw.uid or "", stored["content_hash"], stored["status"], raw.source
            )
            continue
        try:
            question = parse_question(raw.data)
        except ParseError as error:
            error.source = raw.source
            admission.unreadable(raw.source, error.reason, error.uid, str(error))
            continue
        question = normalize(question)
        if admission.check(question, raw.source):
            store.add(question, raw.digest)
