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
from spiders.dumps import BadInput, iter_dump
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
            unreadable.append(f"{raw.source}: {raw.error}")
            admission.unreadable(
                raw.source, f"input: {raw.error.split(':')[0]}", None, f"{raw.source}: {raw.error}"
            )
            continue
        try:
            if raw.kind == "acteur":
                store.add_deputy(parse_acteur(raw.data))
                continue
            if raw.kind == "organe":
                store.add_organe(parse_organe(raw.data))
                continue
            question = parse_question(raw.data)
        except ParseError as error:
            if raw.kind == "question":
                error.source = raw.source
                admission.unreadable(raw.source, error.reason, error.uid, str(error))
            else:
                logger.warning("%s: %s", raw.source, error)
            continue
        question = normalize(question)
        if admission.check(question, raw.source):
            store.add(question)
    store.close()
    return report, unreadable
