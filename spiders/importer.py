"""``relance import``: the open-data parser and the pipeline stages over local files.

The same stages as the Scrapy pipelines (normalize → validate → store), without HTTP:
a zip, a JSON file, or a folder of them, streamed.

Reading is the costly part (inflate, decode, parse, normalize, build rows), and it
is pure: worker processes do it, one slice of zip members at a time, and hand prepared
records back (light tuples, and the rows packed in one document per slice); this process
keeps what needs the whole run (the in-run duplicate check, the report) and the database
writes. A record whose raw bytes have the digest stored for its uid is counted unchanged
without being parsed (nor even decoded, for a member named after its uid), which makes a
re-import fast.
"""

from __future__ import annotations

import gc
import logging
import os
import struct
import time
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from multiprocessing import get_context
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Engine

from relance.db.store import (
    Prepared,
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
    DumpError,
    Member,
    RawRecord,
    ZipReader,
    dump_files,
    is_json_member,
    iter_dump,
    raw_digest,
    zip_members,
)
from spiders.parsers.acteurs import parse_acteur, parse_organe
from spiders.parsers.common import ParseError
from spiders.parsers.opendata import parse_question
from spiders.readers import start_forkserver, worth_processes

logger = logging.getLogger(__name__)

#: Zip members per task handed to a worker. Smaller slices cost no measurable speed down to
#: 300 and bound what a reader holds (its decoded records) and what waits in the writer.
SLICE = 300
#: Slices per worker read ahead of the writer: enough that workers never wait for it. (The
#: slices waiting in the writing process are most of its memory after the page cache.)
LOOK_AHEAD = 4


# -- what a worker hands back ------------------------------------------------------------------


# The two outcomes of nearly every record are plain tuples: a slice hands hundreds of them
# over, and a tuple unpickles several times faster than a dataclass.


class Unchanged(NamedTuple):
    uid: str
    content_hash: str
    status: str
    source: str


class Read(NamedTuple):
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
    records: Iterable[RawRecord | BadInput | Unchanged],
    known: dict[str, dict[str, Any]],
    today: date,
) -> tuple[list[Outcome], PreparedSlice]:
    """Turn raw records into outcomes: skipped as unchanged, refused as unparsable, or
    parsed, normalized, validated and prepared for the store (their rows in the slice).
    (A record already found unchanged, or unreadable, is passed through.)"""
    out: list[Outcome] = []
    prepared: list[Prepared] = []
    for raw in records:
        if raw.__class__ is not RawRecord:
            out.append(raw)  # type: ignore[arg-type]
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
        item = prepare(question, raw.digest)
        out.append(Read(item[0], [], raw.source, len(prepared)))
        prepared.append(item)
    # the outcomes carry the light items; their rows travel packed in the slice
    return out, pack(prepared)


def _refused(question: Any) -> PreparedQuestion:
    """A refused record keeps only what the report needs (no row is built for it)."""
    return PreparedQuestion(question.uid, "", question.status.value, False, None, (), None)


_worker: dict[str, Any] = {}

#: A reading process's collector thresholds: a record allocates and drops a few hundred
#: objects, in no cycle; at the default pace (a pass every 700 allocations) the collector
#: took ~5 % of a reader's time.
_COLLECTOR_PACE = (20_000, 20, 20)


@contextmanager
def _collector_off() -> Iterator[None]:
    """No cyclic collection in the writing process while it imports: what it holds (the
    slices' outcomes and rows) forms no cycles — a 100,000-question import leaves under 300
    unreachable objects for the next collection — and the collector's passes over it took
    4–6 % of the writer's time. Restored afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _init_worker(database_url: str, today: date) -> None:
    from relance.db.engine import make_engine

    _worker["store"] = QuestionStore(make_engine(database_url))
    _worker["today"] = today
    # See _COLLECTOR_PACE (a reader process keeps the pace for its whole life).
    gc.freeze()
    gc.set_threshold(*_COLLECTOR_PACE)
    # Readers yield the CPU to the importing process: it is the one serial stage (its
    # writes follow the input order), so it must never be the one waiting for a core.
    os.nice(5)


def _reader(readers: dict[str, ZipReader], path: str) -> ZipReader:
    """The open handle on the zip being read, kept in ``readers`` from one slice to the
    next (opening a 20,000-member zip costs 0.1 s); the previous zip's handle is closed."""
    if path not in readers:
        for reader in readers.values():
            reader.close()
        readers.clear()
        readers[path] = ZipReader(path)
    return readers[path]


def _read_task(task: Task) -> tuple[list[Outcome], PreparedSlice]:
    """A worker's task: some members of one zip (their locations), or one JSON file."""
    path, members, _ = task
    store: QuestionStore = _worker["store"]
    if members:
        reader = _reader(_worker.setdefault("readers", {}), path)
        return _read_members(reader, members, store, _worker["today"])
    return _read_batch(list(iter_dump(Path(path))), store, _worker["today"])


def _read_members(
    reader: ZipReader, members: list[Member], store: QuestionStore, today: date
) -> tuple[list[Outcome], PreparedSlice]:
    """Read a slice of a per-question zip (in a worker, or in the importing process)."""
    # A per-question member is named after its uid: what is stored for those uids is looked
    # up first, so a member whose bytes did not change is counted unchanged without being
    # decoded (most of a re-import).
    named = [_named_uid(member.name) for member in members]
    asked = {uid for uid in named if uid}
    known = store.known(list(asked)) if asked else {}
    records = _member_records(reader, members, named, known, asked, store)
    return read_records(records, known, today)


def _member_records(
    reader: ZipReader,
    members: list[Member],
    named: list[str | None],
    known: dict[str, dict[str, Any]],
    asked: set[str],
    store: QuestionStore,
) -> Iterator[RawRecord | BadInput | Unchanged]:
    """The records of ``members``, in order, each decoded only when its turn comes: the
    parser then walks a document still in the processor's caches, and the next one reuses
    its memory (decoding a whole slice first cost the readers a fifth more CPU). A question
    whose uid its member's name did not give is looked up into ``known`` before it is
    yielded (so ``read_records`` sees what is stored for it)."""
    for member, uid in zip(members, named, strict=True):
        stored = known.get(uid) if uid else None
        if stored is not None and (same := _unchanged(reader, member, uid, stored)):
            yield same
            continue
        for record in reader.records(member):
            if (
                record.__class__ is RawRecord
                and record.kind == "question"  # type: ignore[union-attr]
                and (real := record.uid)  # type: ignore[union-attr]
                and real not in asked
            ):
                asked.add(real)
                known.update(store.known([real]))
            yield record


def _named_uid(name: str) -> str | None:
    """``json/QANR5L17QE1.json`` → ``QANR5L17QE1`` (only a guess: the record's own uid is
    what counts, see ``_unchanged``)."""
    stem = name.rpartition("/")[2]
    return stem[:-5] if stem[-5:].lower() == ".json" and stem.startswith("QANR") else None


def _unchanged(
    reader: ZipReader, member: Member, uid: str, stored: dict[str, Any]
) -> Unchanged | None:
    """The member's bytes are those stored for ``uid`` (the same digest): the record is
    that question, unchanged, and needs no decoding. (Stored digests are only ever those of
    bytes whose record has that uid, so a misleading member name cannot match.) None when
    the bytes differ or cannot be read here (``ZipReader.records`` then reads the member and
    reports any damage)."""
    digest = stored.get("source_digest")
    if not digest or member.size > SMALL_MEMBER:
        return None
    try:
        content = reader.read(member)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, zlib.error):
        return None
    if raw_digest(content) != digest:
        return None
    return Unchanged(uid, stored["content_hash"], stored["status"], reader.source(member))


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
    clock = _Clock()
    with _collector_off(), store.bulk_load():
        for outcomes, prepared in _outcomes(Path(path), store, today, workers, clock):
            start = time.perf_counter()
            admitted = [
                outcome.index
                for outcome in outcomes
                if _take(outcome, store, admission, unreadable) and isinstance(outcome, Read)
            ]
            store.add_slice(prepared, admitted)
            if progress:
                progress(len(outcomes))
            clock.writing += time.perf_counter() - start
        start = time.perf_counter()
        store.close()
        clock.writing += time.perf_counter() - start
        clock.indexing = time.perf_counter()
    clock.log()
    return report, unreadable


@dataclass
class _Clock:
    """Where the importing process spent a run (logged): is the writer or are the readers
    the bottleneck?"""

    started: float = field(default_factory=time.perf_counter)
    first: float = 0.0  # when the readers' first slice came in
    waiting: float = 0.0  # for the readers' next slice
    writing: float = 0.0  # deciding and writing (this process's own work)
    indexing: float = 0.0  # when the loading ended (indexes dropped for it are built after)

    def result(self, future: Future[Any]) -> Any:
        start = time.perf_counter()
        result = future.result()
        end = time.perf_counter()
        self.first = self.first or end
        self.waiting += end - start
        return result

    def log(self) -> None:
        end = time.perf_counter()
        logger.info(
            "import: %.1f s: first slice read after %.1f s; %.1f s waiting for the readers, "
            "%.1f s writing, %.1f s building indexes",
            end - self.started,
            self.first - self.started if self.first else 0.0,
            self.waiting,
            self.writing,
            end - self.indexing if self.indexing else 0.0,
        )


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
    path: Path, store: QuestionStore, today: date, workers: int, clock: _Clock
) -> Iterator[tuple[list[Outcome], PreparedSlice]]:
    """Outcomes in input order. Files are taken one after the other (deputies first); the
    members of a per-question zip are read by the workers, a bounded number of slices
    ahead so memory stays flat; large members are streamed here."""
    if not path.exists():
        raise DumpError(f"{path}: no such file or folder")
    if workers and worth_processes(path):
        start_forkserver()  # unless the command started it already (spiders.readers)
    tasks = _tasks(path) if workers else iter(())
    first: list[Task] = []
    for task in tasks:  # peek until the input is known to be worth the processes
        first.append(task)
        if sum(len(task.members) for task in first) >= 4 * SLICE:
            break
    if sum(len(task.members) for task in first) < 4 * SLICE:
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
            file, members, damage = task
            if not (_is_large(task) or damage) and (members or file.lower().endswith(".json")):
                pending.append(pool.submit(_read_task, task))
                if len(pending) > LOOK_AHEAD * workers:
                    yield clock.result(pending.popleft())
                continue
            while pending:  # keep the input order
                yield clock.result(pending.popleft())
            yield from _read_here(task, store, today)
        while pending:
            yield clock.result(pending.popleft())


class Task(NamedTuple):
    """What is read in one go: some small members of one zip (a slice, for a worker); a
    file that is not a zip (no members: a JSON file, read by a worker; anything else, such
    as a truncated zip, read in the importing process, which reports it); one large member
    (streamed in the importing process); or the damage that stopped a zip's listing
    (``damage``: reported, the members listed before it being read as usual, once)."""

    file: str
    members: list[Member]
    damage: str | None = None


def _tasks(path: Path) -> Iterator[Task]:
    """Slices of per-question zips, listed lazily from the central directory."""
    for file in dump_files(path):
        if not zipfile.is_zipfile(file):
            yield Task(str(file), [])
            continue
        batch: list[Member] = []
        try:
            for member in zip_members(file):
                if not is_json_member(member):
                    continue
                if member.size > SMALL_MEMBER:
                    yield Task(str(file), [member])
                    continue
                batch.append(member)
                if len(batch) == SLICE:
                    yield Task(str(file), batch)
                    batch = []
        except (zipfile.BadZipFile, OSError, struct.error, UnicodeDecodeError) as exc:
            # the members listed so far are read; the rest of the zip cannot be found
            if batch:
                yield Task(str(file), batch)
            yield Task(str(file), [], f"cannot read: {exc}")
            continue
        if batch:
            yield Task(str(file), batch)


def _is_large(task: Task) -> bool:
    return len(task.members) == 1 and task.members[0].size > SMALL_MEMBER


def _outcomes_here(
    path: Path, store: QuestionStore, today: date
) -> Iterator[tuple[list[Outcome], PreparedSlice]]:
    """Read in this process (no workers, or a small input): the workers' tasks, in turn."""
    readers: dict[str, ZipReader] = {}
    try:
        for task in _tasks(path):
            file, members, _ = task
            if not members or _is_large(task):
                yield from _read_here(task, store, today)
            else:
                yield _read_members(_reader(readers, file), members, store, today)
    finally:
        for reader in readers.values():
            reader.close()


def _read_here(
    task: Task, store: QuestionStore, today: date
) -> Iterator[tuple[list[Outcome], PreparedSlice]]:
    """What is read in the importing process whatever the workers: a large member (the
    L14/L15 single-file dumps), streamed; a file that is not a zip (reading it reports a
    truncated or damaged one); the damage that stopped a zip's listing."""
    file, members, damage = task
    if damage:
        yield [BadInput(file, damage, whole_file=True)], pack([])
    elif members:
        with ZipReader(file) as reader:
            yield from _batched(reader.records(members[0]), store, today)
    else:
        yield from _batched(iter_dump(Path(file)), store, today)


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
) -> tuple[list[Outcome], PreparedSlice]:
    uids = [uid for r in batch if isinstance(r, RawRecord) and (uid := r.uid)]
    known = store.known(uids) if uids else {}
    return read_records(batch, known, today)
