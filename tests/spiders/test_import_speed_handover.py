"""The import's fast paths give exactly what the plain paths give.

- rows are built flat (``question_values``) in the writers' column order, long texts and JSON
  as UTF-8 bytes that are stored as text;
- the content hash skips its defensive copy only when the copy would serialize the same;
- ``normalize`` gives the same record as repairing every label would;
- a re-import counts a member unchanged from its bytes without decoding them, and a member
  name that lies about its uid cannot make a changed record pass for unchanged;
- a worker decodes each member just before parsing it, not a whole slice ahead.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, select

from relance.db.bulk import QUESTION_UTF8, question_writers
from relance.db.engine import make_engine
from relance.db.migrate import upgrade
from relance.db.models import EventRow, QuestionRow
from relance.db.store import (
    EVENT_COLUMNS,
    QUESTION_COLUMNS,
    QuestionStore,
    check_columns,
    question_events,
    question_values,
)
from relance.ingest import normalize
from relance.record import DERIVED_VERSION, Attribution, Ministry, Question, content_hash
from spiders import importer
from spiders.dumps import ZipReader, is_json_member, zip_members
from spiders.importer import SLICE, Unchanged, import_path
from spiders.parsers.opendata import parse_question
from tests.records import ministry, qe_record

TODAY = date(2026, 11, 26)


def records(count: int) -> list[dict[str, Any]]:
    """Varied records: answered ones, re-attributed ones, damaged labels, signalements."""
    out = []
    for n in range(1, count + 1):
        changes: dict[str, Any] = {}
        if n % 4 == 1:
            changes["minAttribs"] = {
                "minAttrib": [
                    {
                        "infoJO": {"dateJO": "2025-05-20", "pageJO": "1"},
                        "denomination": ministry("Intérieur"),
                    },
                    {
                        "infoJO": {"dateJO": "2025-07-01", "pageJO": "2"},
                        "denomination": ministry("Minsitère  des Armées", "PO2"),
                    },
                ]
            }
        if n % 5 == 2:
            changes["minInt"] = ministry("Ã‰conomie", "PO3", "MinistÃ¨re de l'Ã©conomie")
        if n % 6 == 3:
            changes["signalement"] = {"dateDepotSignal": "2025-08-01"}
        out.append(qe_record(n, answered="2025-09-02" if n % 3 == 0 else None, **changes))
    return out


def dump(path: Path, data: list[dict[str, Any]], names: list[str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, record in enumerate(data):
            uid = record["question"]["uid"]
            name = names[index] if names else f"json/{uid}.json"
            archive.writestr(name, json.dumps(record, ensure_ascii=False))
    return path


def test_rows_follow_the_writers_columns() -> None:
    check_columns()
    questions, events = question_writers("sqlite")
    assert questions.columns == QUESTION_COLUMNS
    assert events.columns == EVENT_COLUMNS
    question = normalize(parse_question(records(3)[2]))  # answered
    row = dict(zip(QUESTION_COLUMNS, question_values(question, "h"), strict=True))
    for column in QUESTION_UTF8:
        assert isinstance(row[column], bytes | None), column
    assert row["texte_reponse_html"] == question.texte_reponse_html.encode()
    assert orjson.loads(row["attributions"]) == orjson.loads(orjson.dumps(question.attributions))
    assert row["closure"] != b"null" and row["errata"] == b"[]"
    assert row["date_publication"] == "2025-05-20"
    assert all(isinstance(event[-1], bytes) for event in question_events(question))


def test_texts_travel_as_bytes_and_are_stored_as_text(tmp_path: Path, database_url: str) -> None:
    """What the ORM reads back is the text, on SQLite and PostgreSQL alike."""
    engine = make_engine(database_url)
    upgrade(engine)
    store = QuestionStore(engine)
    question = normalize(parse_question(records(3)[2]))
    store.add(question, "digest")
    store.close()
    with engine.connect() as connection:
        row = connection.execute(select(QuestionRow.__table__)).mappings().one()
        events = connection.execute(select(EventRow.__table__)).mappings().all()
    assert row["texte_reponse_html"] == question.texte_reponse_html
    assert row["texte_question_html"] == question.texte_question_html
    assert row["attributions"] == orjson.loads(orjson.dumps(question.attributions))
    assert row["errata"] == [] and row["closure"]["code"] == "REP_PUB"
    assert row["date_reponse"] == question.date_reponse
    assert {e["kind"] for e in events} == {"published", "signalee", "answered"}
    assert all(isinstance(e["detail"], dict) for e in events)
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as raw:
            kinds = raw.execute(
                "SELECT typeof(texte_reponse_html), typeof(attributions), typeof(errata) "
                "FROM questions"
            ).fetchone()
        assert kinds == ("text", "text", "text")
    engine.dispose()


def _reference_hash(question: Question) -> str:
    """The content hash as defined: of a fresh copy without the source URL."""
    salt = f"relance-record-{DERIVED_VERSION}:".encode()
    return hashlib.sha256(salt + orjson.dumps(replace(question, source_url=None))).hexdigest()


@pytest.mark.parametrize("touch", ["nothing", "status", "hash", "source_url"])
def test_the_content_hash_does_not_depend_on_what_was_read(touch: str) -> None:
    for record in records(8):
        question = normalize(parse_question(record))
        expected = _reference_hash(question)
        if touch == "status":
            assert question.status  # cached in the record's __dict__
        elif touch == "hash":
            assert question.content_hash == expected
        elif touch == "source_url":
            question = replace(question, source_url="https://example.org/q")
        assert content_hash(question) == expected


def _normalize_everything(question: Question) -> Question:
    """The rule ``normalize`` implements, spelled out without its shortcuts."""
    from relance.ingest import _clean_label, fix_mojibake

    def clean(ministry: Ministry | None) -> Ministry | None:
        if ministry is None:
            return None
        return Ministry(
            abrege=_clean_label(ministry.abrege) or "",
            developpe=_clean_label(ministry.developpe),
            organe_ref=ministry.organe_ref,
        )

    return replace(
        question,
        rubrique=_clean_label(question.rubrique),
        tete_analyse=_clean_label(question.tete_analyse),
        analyses=tuple(a for a in (_clean_label(x) for x in question.analyses) if a),
        ministere_interroge=clean(question.ministere_interroge),
        attributions=tuple(
            Attribution(clean(a.ministry) or a.ministry, a.jo) for a in question.attributions
        ),
        texte_question_html=fix_mojibake(question.texte_question_html),
        texte_reponse_html=fix_mojibake(question.texte_reponse_html),
    )


def test_normalize_repairs_like_the_rule_and_keeps_clean_records() -> None:
    for record in records(12):
        question = parse_question(record)
        normalized = normalize(question)
        assert normalized == _normalize_everything(question)
        assert normalize(normalized) is normalized  # nothing left to repair: same record
    damaged = normalize(parse_question(records(2)[1]))
    assert damaged.ministere_interroge.abrege == "Économie"
    armees = normalize(parse_question(records(1)[0])).attributions[1].ministry
    assert armees.abrege == "Ministère des Armées"


def snapshot(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.execute(
                select(
                    QuestionRow.uid, QuestionRow.content_hash, QuestionRow.source_digest
                ).order_by(QuestionRow.uid)
            ).all()
        ]


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Engine], None]]:
    """Run ``importer._read_task`` in this process as a reading worker would, its store on
    the given engine (the worker's open zips are closed afterwards)."""

    def start(engine: Engine) -> None:
        monkeypatch.setattr(importer, "_worker", {"store": QuestionStore(engine), "today": TODAY})

    yield start
    for reader in importer._worker.get("readers", {}).values():
        reader.close()


def imported(source: Path, database: Path) -> Engine:
    """A database into which ``source`` was imported once."""
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    import_path(source, engine, today=TODAY, workers=0)
    return engine


def test_a_reimport_does_not_decode_unchanged_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker: Callable[[Engine], None]
) -> None:
    source = dump(tmp_path / "d.zip", records(40))
    engine = imported(source, tmp_path / "r.db")
    members = [m for m in zip_members(source) if is_json_member(m)]
    worker(engine)

    def no_decoding(*_: Any) -> Any:
        raise AssertionError("an unchanged member was decoded")

    monkeypatch.setattr(ZipReader, "records", no_decoding)
    outcomes, prepared = importer._read_task(importer.Task(str(source), members))
    assert all(isinstance(o, Unchanged) for o in outcomes) and len(outcomes) == 40
    assert [o.uid for o in outcomes] == [f"QANR5L17QE{n}" for n in range(1, 41)]
    assert outcomes[0].source == f"d.zip:{members[0].name}"
    assert prepared.items == []
    engine.dispose()


def test_a_reimport_skips_unchanged_records_of_members_not_named_after_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker: Callable[[Engine], None]
) -> None:
    """Members named otherwise than ``<uid>.json``: each record's uid is looked up once it
    is decoded, so an unchanged one is still not parsed."""
    source = dump(tmp_path / "d.zip", records(30), [f"data/{n}.json" for n in range(30)])
    engine = imported(source, tmp_path / "r.db")
    members = [m for m in zip_members(source) if is_json_member(m)]
    worker(engine)

    def no_parsing(*_: Any, **__: Any) -> Any:
        raise AssertionError("an unchanged record was parsed")

    monkeypatch.setattr(importer, "parse_question", no_parsing)
    outcomes, _ = importer._read_task(importer.Task(str(source), members))
    assert [o.uid for o in outcomes if isinstance(o, Unchanged)] == [
        f"QANR5L17QE{n}" for n in range(1, 31)
    ]
    engine.dispose()


def test_a_worker_parses_each_member_right_after_decoding_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker: Callable[[Engine], None]
) -> None:
    """Decode one, parse it, then the next: not the whole slice decoded first (the parser
    then walks a document still in the processor's caches: a fifth less CPU)."""
    source = dump(tmp_path / "d.zip", records(5))
    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    upgrade(engine)
    members = [m for m in zip_members(source) if is_json_member(m)]
    worker(engine)
    steps: list[str] = []
    decode, parse = ZipReader.records, importer.parse_question

    def decoding(self: ZipReader, member: Any) -> Any:
        steps.append("decode")
        return decode(self, member)

    def parsing(data: Any, **kwargs: Any) -> Any:
        steps.append("parse")
        return parse(data, **kwargs)

    monkeypatch.setattr(ZipReader, "records", decoding)
    monkeypatch.setattr(importer, "parse_question", parsing)
    _, prepared = importer._read_task(importer.Task(str(source), members))
    assert steps == ["decode", "parse"] * 5
    assert len(prepared.items) == 5
    engine.dispose()


def test_member_names_that_lie_cannot_pass_a_changed_record_for_unchanged(
    tmp_path: Path,
) -> None:
    """Two members swap names, and later one record changes: the re-import sees exactly
    what decoding every member sees."""
    count = 4 * SLICE
    first = records(count)
    names = [f"json/{r['question']['uid']}.json" for r in first]
    names[0], names[1] = names[1], names[0]  # QE1's bytes under QE2's name, and back
    later = [dict(r) for r in first]
    later[0] = qe_record(1, answered="2025-10-07")  # QE1 gets an answer
    later[5] = qe_record(6, answered="2025-10-07")
    v1 = dump(tmp_path / "v1.zip", first, names)
    v2 = dump(tmp_path / "v2.zip", later, names)
    engines = {}
    for mode, workers in (("decode", 0), ("shortcut", 2)):
        engine = make_engine(f"sqlite:///{tmp_path / mode}.db")
        upgrade(engine)
        reports = [
            import_path(source, engine, today=TODAY, workers=workers)[0].as_dict()
            for source in (v1, v1, v2, v2)
        ]
        engines[mode] = (engine, reports)
    (decode, decode_reports), (shortcut, shortcut_reports) = engines.values()
    assert shortcut_reports == decode_reports
    assert [(r["inserted"], r["updated"], r["unchanged"]) for r in shortcut_reports] == [
        (count, 0, 0),
        (0, 0, count),
        (0, 2, count - 2),
        (0, 0, count),
    ]
    assert snapshot(shortcut) == snapshot(decode)
    for engine in (decode, shortcut):
        engine.dispose()


def test_the_collector_is_off_while_importing_and_back_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    source = dump(tmp_path / "d.zip", records(10))
    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    upgrade(engine)
    seen: list[bool] = []
    add_slice = QuestionStore.add_slice

    def spy(self: QuestionStore, *args: Any) -> None:
        seen.append(gc.isenabled())
        add_slice(self, *args)

    monkeypatch.setattr(QuestionStore, "add_slice", spy)
    assert gc.isenabled()
    report, _ = import_path(source, engine, today=TODAY, workers=0)
    assert report.inserted == 10
    assert seen and not any(seen)
    assert gc.isenabled()
    engine.dispose()
