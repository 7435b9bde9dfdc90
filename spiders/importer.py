"""``relance import``: the open-data parser and the pipeline stages over local files.

The same stages as the Scrapy pipelines (normalize → validate → store), without HTTP:
a zip, a JSON file, or a folder of them, streamed.

Reading is the costly part (inflate, decode, parse, normalize, build rows), and it
is pure: worker processes do it, one slice of zip members at a time, and hand prepared
records back; this process keeps what needs the whole run (the in-run duplicate check,
the report) and the database writes. A record whose raw bytes have the digest stored for
its uid is counted unchanged without being parsed, which makes a re-import fast.
"""

from __future__ import annotations

import logging
import os
import struct
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from relance.db.store import (
    PreparedQuestion,
    PreparedSlice,
    QuestionStore,
    Report,
    pack,
    prepare,
)
from relance.ingest import Admission, Problem, normalize, validate
from relance.record import Deputy, Organe
from spiders.dumps import (
    SMALL_MEMBER,
    BadInput,
    Member,
    RawRecord,
    ZipReader,
    dump_files,
    is_json_member,
    iter_dump,
    zip_members,
)
from spiders.parsers.acteurs import parse_acteur, parse_organe
from spiders.parsers.common import ParseError
from spiders.parsers.opendata import parse_question

logger = logging.getLogger(__name__)

#: Zip members per task handed to a worker.
SLICE = 500
#: Slices per worker read ahead of the writer: enough that workers never wait for it.
LOOK_AHEAD = 6


# -- what a worker hands back ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unchanged:
    uid: str
    content_hash: str
    status: str
    source: str


@dataclass(frozen=True, slots=True)
class Read:
    prepared: PreparedQuestion
    problems: list[Problem]
    source: str
    index: int  # its place in the slice (-1 when refused: no row was built)


@dataclass(frozen=True, slots=True)
class Unparsable:
    source: str
    reason: str
    uid: str | None
    message: str


Outcome = Unchanged | Read | Unparsable | BadInput | Deputy | Organe


# -- reading (pure, runs in workers) -------------------------------------------------------


def read_records(
    records: list[RawRecord | BadInput], known: dict[str, dict[str, Any]], today: date
) -> tuple[list[Outcome], PreparedSlice]:
    """Turn raw records into outcomes: skipped as unchanged, refused as unparsable, or
    parsed, normalized, validated and prepared for the store (their rows in the slice)."""
    out: list[Outcome] = []
    prepared: list[PreparedQuestion] = []
    for raw in records:
        if isinstance(raw, BadInput):
            out.append(raw)
            continue
        if raw.kind != "question":
            try:
                out.append(
                    parse_acteur(raw.data) if raw.kind == "acteur" else parse_organe(raw.data)
                )
            except ParseError as error:
                logger.warning("%s: %s", raw.source, error)
            continue
        stored = known.get(raw.uid or "")
        if stored and raw.digest and stored["source_digest"] == raw.digest:
            out.append(
                Unchanged(raw.uid or "", stored["content_hash"], stored["status"], raw.source)
            )
            continue
        try:
            question = normalize(parse_question(raw.data))
        except ParseError as error:
            error.source = raw.source
            out.append(Unparsable(raw.source, error.reason, error.uid, str(error)))
            continue
        problems = validate(question, today=today)
        if problems:
            out.append(Read(_refused(question), problems, raw.source, -1))
            continue
        out.append(Read(prepare(question, raw.digest), [], raw.source, len(prepared)))
        prepared.append(out[-1].prepared)  # type: ignore[union-attr]
    packed = pack(prepared)
    # the outcomes carry the light items (their rows travel in the slice)
    out = [
        replace(o, prepared=packed.items[o.index]) if isinstance(o, Read) and o.index >= 0 else o
        for o in out
    ]
    return out, packed


def _refused(question: Any) -> PreparedQuestion:
    """A refused record keeps only what the report needs (no row is built for it)."""
    return PreparedQuestion(question.uid, "", question.status, False, None, [], None)


_worker: dict[str, Any] = {}


def _init_worker(database_url: str, today: date) -> None:
    from relance.db.engine import make_engine

    _worker["store"] = QuestionStore(make_engine(database_url))
    _worker["today"] = today


def _reader(path: str) -> ZipReader:
    """The worker's open handle on the zip it is reading."""
    readers: dict[str, ZipReader] = _worker.setdefault("readers", {})
    if path not in readers:
        for reader in readers.values():
            reader.close()
        readers.clear()
        readers[path] = ZipReader(path)
    return readers[path]


def _read_task(task: Task) -> tuple[list[Outcome], PreparedSlice]:
    """A worker's task: some members of one zip (their locations), or one JSON file."""
    path, members = task
    if members:
        reader = _reader(path)
        records = [r for member in members for r in reader.records(member)]
    else:
        records = list(iter_dump(Path(path)))
    uids = [uid for r in records if isinstance(r, RawRecord) and (uid := r.uid)]
    known = _worker["store"].known(uids) if uids else {}
    return read_records(records, known, _worker["today"])


# -- the run ---------------------------------------------------------------------------------


def import_path(
    path: Path,
    engine: Engine,
    *,
    today: date,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 2000,
    workers: int | None = None,
) -> tuple[Report, list[str]]:
    """Import every record under ``path``. Returns the report and the files that could not
    be read at all. ``workers`` processes read in parallel (default: one per core; 0 reads
    in this process)."""
    report = Report()
    store = QuestionStore(engine, report, batch_size=batch_size)
    admission = Admission(report, today=today)
    unreadable: list[str] = []
    workers = (os.cpu_count() or 1) if workers is None else workers
    with store.bulk_load():
        for outcomes, prepared in _outcomes(Path(path), store, today, workers):
            admitted = [
                outcome.index
                for outcome in outcomes
                if _take(outcome, store, admission, unreadable) and isinstance(outcome, Read)
            ]
            store.add_slice(prepared, admitted)
            if progress:
                progress(len(outcomes))
        store.close()
    return report, unreadable


def _take(
    outcome: Outcome, store: QuestionStore, admission: Admission, unreadable: list[str]
) -> bool:
    """Count an outcome in the report; True for a question admitted to the store."""
    if isinstance(outcome, Read):
        prepared = outcome.prepared
        return admission.admit(
            prepared.uid, prepared.content_hash, prepared.status, outcome.problems, outcome.source
        )
    if isinstance(outcome, Unchanged):
        admission.seen_unchanged(outcome.uid, outcome.content_hash, outcome.status, outcome.source)
    elif isinstance(outcome, Unparsable):
        admission.unreadable(outcome.source, outcome.reason, outcome.uid, outcome.message)
    elif isinstance(outcome, BadInput):
        if outcome.whole_file:
            unreadable.append(f"{outcome.source}: {outcome.error}")
            logger.error("%s: %s", outcome.source, outcome.error)
        else:
            admission.unreadable(
                outcome.source,
                f"input: {outcome.error.split(':')[0]}",
                None,
                f"{outcome.source}: {outcome.error}",
            )
    elif isinstance(outcome, Deputy):
        store.add_deputy(outcome)
    elif isinstance(outcome, Organe):
        store.add_organe(outcome)
    return False


def _outcomes(
    path: Path, store: QuestionStore, today: date, workers: int
) -> Iterator[tuple[list[Outcome], PreparedSlice]]:
    """Outcomes in input order. Files are taken one after the other (deputies first); the
    members of a per-question zip are read by the workers, a bounded number of slices
    ahead so memory stays flat; large members are streamed here."""
    tasks = _tasks(path) if workers else iter(())
    first: list[Task] = []
    for task in tasks:  # peek until the input is known to be worth the processes
        first.append(task)
        if sum(len(members) for _, members in first) >= 4 * SLICE:
            break
    if sum(len(members) for _, members in first) < 4 * SLICE:
        # a small input: starting processes would cost more than they save
        yield from _outcomes_here(path, store, today)
        return
    url = store.engine.url.render_as_string(hide_password=False)
    context = get_context("forkserver")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(url, today)
    ) as pool:
        pending: deque[Future[tuple[list[Outcome], PreparedSlice]]] = deque()
        for task in chain(first, tasks):
            file, members = task
            if not _is_large(task) and (members or file.lower().endswith(".json")):
                pending.append(pool.submit(_read_task, task))
                if len(pending) > LOOK_AHEAD * workers:
                    yield pending.popleft().result()
                continue
            while pending:  # keep the input order
                yield pending.popleft().result()
            if members:  # a large member (the L14/L15 single-file dumps): streamed here
                with ZipReader(file) as reader:
                    yield from _batched(reader.records(members[0]), store, today)
            else:  # a zip that cannot be listed: read here, which reports the damage
                yield from _outcomes_here(Path(file), store, today)
        while pending:
            yield pending.popleft().result()


#: (file, members): some small members of one zip for a worker; (file, []) for a JSON file
#: or a zip that cannot be listed; (file, [member]) with a large member is streamed here.
Task = tuple[str, list[Member]]


def _tasks(path: Path) -> Iterator[Task]:
    """Slices of per-question zips, listed lazily from the central directory."""
    for file in dump_files(path):
        if not zipfile.is_zipfile(file):
            yield str(file), []
            continue
        try:
            batch: list[Member] = []
            for member in zip_members(file):
                if not is_json_member(member):
                    continue
                if member.size > SMALL_MEMBER:
                    yield str(file), [member]
                    continue
                batch.append(member)
                if len(batch) == SLICE:
                    yield str(file), batch
                    batch = []
            if batch:
                yield str(file), batch
        except (zipfile.BadZipFile, OSError, struct.error, UnicodeDecodeError):
            yield str(file), []  # read in the importing process, which reports the damage


def _is_large(task: Task) -> bool:
    return len(task[1]) == 1 and task[1][0].size > SMALL_MEMBER


def _outcomes_here(
    path: Path, store: QuestionStore, today: date
) -> Iterator[tuple[list[Outcome], PreparedSlice]]:
    """Read in this process (no workers, a small input, or a damaged zip)."""
    yield from _batched(iter_dump(path), store, today)


def _batched(
    records: Iterator[RawRecord | BadInput], store: QuestionStore, today: date
) -> Iterator[tuple[list[Outcome], PreparedSlice]]:
    batch: list[RawRecord | BadInput] = []
    for raw in records:
        batch.append(raw)
        if len(batch) >= SLICE:
            yield _read_batch(batch, store, today)
            batch = []
    if batch:
        yield _read_batch(batch, store, today)


def _read_batch(
    batch: list[RawRecord | BadInput], store: QuestionStore, today: date
) -> list[Outcome]:
    uids = [uid for r in batch if isinstance(r, RawRecord) and (uid := r.uid)]
    known = store.known(uids) if uids else {}
    return read_records(batch, known, today)
