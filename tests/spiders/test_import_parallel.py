"""Reading in worker processes gives exactly what reading in-process gives."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from relance.db.engine import make_engine
from relance.db.migrate import upgrade
from relance.db.models import EventRow, QuestionRow
from spiders.importer import SLICE, import_path
from tests.records import qe_record

TODAY = date(2026, 11, 26)


def dump(path: Path, count: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(1, count + 1):
            answered = "2025-09-02" if n % 3 == 0 else None
            archive.writestr(
                f"json/QANR5L17QE{n}.json", json.dumps(qe_record(n, answered=answered))
            )
        archive.writestr("json/broken.json", "{")
        archive.writestr("json2/QANR5L17QE5.json", json.dumps(qe_record(5, minInt={"abrege": "X"})))
    return path


def snapshot(engine: Engine) -> tuple[list, list]:
    with engine.connect() as connection:
        questions = connection.execute(
            select(
                QuestionRow.uid,
                QuestionRow.content_hash,
                QuestionRow.status,
                QuestionRow.source_digest,
            ).order_by(QuestionRow.uid)
        ).all()
        events = connection.execute(
            select(EventRow.uid, EventRow.kind, EventRow.ref, EventRow.date).order_by(
                EventRow.uid, EventRow.kind, EventRow.ref
            )
        ).all()
    return [tuple(r) for r in questions], [tuple(r) for r in events]


def test_workers_and_in_process_agree(tmp_path: Path, database_url: str) -> None:
    source = dump(tmp_path / "d.zip", 5 * SLICE)
    serial = make_engine(f"sqlite:///{tmp_path / 'serial.db'}")
    parallel = make_engine(database_url)
    for engine in (serial, parallel):
        upgrade(engine)
    report_serial, bad_serial = import_path(source, serial, today=TODAY, workers=0)
    report_parallel, bad_parallel = import_path(source, parallel, today=TODAY, workers=2)
    assert report_parallel.as_dict() == report_serial.as_dict()
    assert report_serial.inserted == 5 * SLICE
    assert report_serial.refused_total == 2  # the broken member, the conflicting duplicate
    assert bad_serial == bad_parallel == []
    assert snapshot(parallel) == snapshot(serial)
    again, _ = import_path(source, parallel, today=TODAY, workers=2)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 5 * SLICE)
    serial.dispose()
    parallel.dispose()
