"""Build and update the index from the database, and check it against the database.

Layout of the index directory (``RELANCE_DATA_DIR/index``)::

    CURRENT            name of the live generation (replaced atomically)
    gen-<stamp>/       a complete Whoosh index + relance-index.json (schema version,
                       watermark); the previous generation is kept until the next rebuild
    .building-<...>/   a rebuild in progress (removed by the next run if it crashed)
    writer.lock        one writer at a time (flock)

Rules:

- **Incremental** (the default): the rows whose ``updated_at`` is at or after the watermark
  stored with the index (minus a safety overlap, for transactions that committed late) are
  re-indexed in chunks, each chunk one commit (delete its uids through one searcher, then
  add). The watermark is written only after the last chunk: a crash leaves the previous
  commits readable, and the next run starts again from the old watermark and repairs the
  gap (re-indexing is idempotent).
- **Rebuild** (``rebuild=True``, no index yet, or another ``SCHEMA_VERSION``): a new
  generation is built beside the live one (one segment per range of uids, written by two
  processes in parallel) and ``CURRENT`` is switched to it with one atomic rename: readers
  see the old index or the new one, never a half-written one; a crash leaves the old one
  live.
- One bad record never aborts a run: it is counted, with example uids, and logged.
"""

from __future__ import annotations

import logging
import os
import resource
import secrets
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, func, select
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Or, Term
from whoosh.writing import SegmentWriter

from index.codec import PackedCodec, TermPool, finish_segment
from index.schema import SCHEMA_VERSION, build_schema
from relance.db.lock import Busy, file_lock
from relance.db.models import DeputyRow, QuestionRow
from relance.record import titre
from relance.text import html_to_text

logger = logging.getLogger(__name__)

Q = QuestionRow.__table__
D = DeputyRow.__table__

CURRENT = "CURRENT"
META = "relance-index.json"
LOCK = "writer.lock"
#: Rows changed this long before the watermark are re-read: a transaction that stamped
#: its rows before the last run read the table, but committed after, is not missed.
OVERLAP = timedelta(minutes=10)
#: Memory of each writer's posting pool before it spills to disk (bounded memory). A spill
#: pickles every posting out and back in: 512 MB keeps about 15,000 questions in memory.
LIMIT_MB = 512
#: Rows per segment of a rebuild at most. One process writes each, its postings held in
#: memory (``index.codec.TermPool`` never spills): ~650 MB a process at this size.
SEGMENT_ROWS = 12_000
#: Below this many rows a rebuild runs in this process (starting workers costs more).
PARALLEL_MIN_ROWS = 5_000
#: Segments below this many live documents are merged by the next incremental commit.
SMALL_SEGMENT = 5_000
#: More small segments than this (searches read every segment) and a run merges them.
MAX_SMALL_SEGMENTS = 6
MAX_EXAMPLES = 5

_COLUMNS = (
    Q.c.uid,
    Q.c.number,
    Q.c.legislature,
    Q.c.status,
    Q.c.rubrique,
    Q.c.rubrique_key,
    Q.c.tete_analyse,
    Q.c.analyses,
    Q.c.deputy_ref,
    Q.c.author_name,
    D.c.name.label("deputy_name"),
    Q.c.groupe_abrege,
    Q.c.ministere_interroge_key,
    Q.c.ministere_attributaire_key,
    Q.c.texte_question_html,
    Q.c.texte_reponse_html,
    Q.c.date_publication,
    Q.c.date_reponse,
    Q.c.content_hash,
)


class IndexBusy(RuntimeError):
    """Another process is writing the index."""


@dataclass
class UpdateReport:
    """What an indexing run did."""

    mode: str  # "incremental" or "rebuild"
    reason: str = ""
    indexed: int = 0
    unchanged: int = 0  # read again (watermark overlap) but indexed with the same content
    failed: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0
    generation: str = ""
    watermark: str | None = None
    size_bytes: int = 0

    @property
    def docs_per_s(self) -> float:
        return self.indexed / self.seconds if self.seconds else 0.0

    def merge(self, other: UpdateReport) -> None:
        """Add what another part of the same run did."""
        self.indexed += other.indexed
        self.unchanged += other.unchanged
        for reason, count in other.failed.items():
            self.failed[reason] += count
            examples = self.examples.setdefault(reason, [])
            examples.extend(other.examples.get(reason, [])[: MAX_EXAMPLES - len(examples)])

    def fail(self, reason: str, uid: str) -> None:
        self.failed[reason] += 1
        examples = self.examples.setdefault(reason, [])
        if len(examples) < MAX_EXAMPLES:
            examples.append(uid)

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "reason": self.reason,
            "indexed": self.indexed,
            "unchanged": self.unchanged,
            "failed": dict(self.failed),
            "examples": self.examples,
            "seconds": round(self.seconds, 3),
            "docs_per_s": round(self.docs_per_s, 1),
            "generation": self.generation,
            "watermark": self.watermark,
            "size_bytes": self.size_bytes,
        }

    def lines(self) -> list[str]:
        lines = [
            f"index {self.mode}" + (f" ({self.reason})" if self.reason else "") + ": "
            f"{self.indexed} questions indexed, {self.unchanged} unchanged, "
            f"in {self.seconds:.1f} s "
            f"({self.docs_per_s:.0f}/s), {self.size_bytes / 1e6:.1f} MB",
        ]
        for reason, count in self.failed.most_common():
            lines.append(f"  failed {count}× {reason} (e.g. {', '.join(self.examples[reason])})")
        return lines


@dataclass
class CheckReport:
    """Differences between the index and the database (the reference)."""

    database: int = 0
    indexed: int = 0
    missing: list[str] = field(default_factory=list)  # in the database, not in the index
    extra: list[str] = field(default_factory=list)  # in the index, not in the database
    stale: list[str] = field(default_factory=list)  # indexed from an older content
    duplicates: list[str] = field(default_factory=list)  # indexed more than once
    problem: str | None = None  # no index, another schema version

    @property
    def ok(self) -> bool:
        return not (self.problem or self.missing or self.extra or self.stale or self.duplicates)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "database": self.database,
            "indexed": self.indexed,
            "missing": len(self.missing),
            "extra": len(self.extra),
            "stale": len(self.stale),
            "duplicates": len(self.duplicates),
            "problem": self.problem,
            "examples": {
                name: getattr(self, name)[:MAX_EXAMPLES]
                for name in ("missing", "extra", "stale", "duplicates")
                if getattr(self, name)
            },
        }

    def lines(self) -> list[str]:
        head = "index check: " + ("OK" if self.ok else "DIFFERENCES")
        lines = [f"{head} — database {self.database}, index {self.indexed}"]
        if self.problem:
            lines.append(f"  {self.problem}")
        for name in ("missing", "extra", "stale", "duplicates"):
            uids = getattr(self, name)
            if uids:
                lines.append(f"  {name}: {len(uids)} (e.g. {', '.join(uids[:MAX_EXAMPLES])})")
        if not self.ok:
            lines.append("  repair: relance index (or relance index --rebuild)")
        return lines


# -- generations ------------------------------------------------------------------------------


def current_generation(index_dir: Path) -> Path | None:
    """The live generation's directory, or None when there is no index yet."""
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = index_dir / name
    return path if name and path.is_dir() else None


def index_version(index_dir: Path | str) -> str:
    """A cheap value that changes whenever the index does (a rebuild switches the
    generation, an update rewrites its meta file): what caches of search results are
    keyed on. "" when there is no index."""
    generation = current_generation(Path(index_dir))
    if generation is None:
        return ""
    try:
        return f"{generation.name}:{(generation / META).stat().st_mtime_ns}"
    except FileNotFoundError:
        return generation.name


def read_meta(generation: Path) -> dict[str, Any] | None:
    try:
        return orjson.loads((generation / META).read_bytes())
    except (FileNotFoundError, orjson.JSONDecodeError):
        return None


def _write_atomic(path: Path, data: bytes) -> None:
    """Write a small file so that readers see the old content or the new, never a part."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _write_meta(generation: Path, watermark: datetime | None) -> None:
    meta = {
        "schema_version": SCHEMA_VERSION,
        "watermark": watermark.isoformat() if watermark else None,
        "written_at": datetime.now(UTC).isoformat(),
    }
    _write_atomic(generation / META, orjson.dumps(meta))


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


#: Segments are left as separate files, not assembled into one compound file: a reader
#: opens a compound file's parts by copying each into memory (Whoosh's ``BufferFile``),
#: the whole postings file of every segment (3.6 GB for a searcher of a 1,000,000-question
#: index), where separate files are mapped and share the page cache. Building is also
#: 7 % faster (no copy into the compound file).
COMPOUND = False


def allow_open_files(generation: Path) -> None:
    """Raise this process's limit of open files (up to the system's hard limit) so that
    readers of ``generation`` and of the next one can all be open: separate segment files
    are opened as they are read (a searcher of a 1,000,000-question index holds ~1,200),
    where the usual soft limit is 1,024. Logs when the hard limit is too low."""
    try:
        files = sum(1 for _ in os.scandir(generation))
    except OSError:
        return
    needed = 2 * files + 256  # the live generation, the next one, the process's own
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    target = needed if hard == resource.RLIM_INFINITY else min(hard, needed)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    if target < needed:
        logger.warning(
            "index: %s has %d files; the limit of open files (%d) may be too low for "
            "its readers (raise it with ulimit -n)",
            generation,
            files,
            target,
        )


def _writer(ix: Any, **kwargs: Any) -> Any:
    """A Whoosh writer of this index: ``PackedCodec`` segments (index.codec), bounded
    posting pools, separate files (``COMPOUND``)."""
    return ix.writer(limitmb=LIMIT_MB, codec=PackedCodec(), compound=COMPOUND, **kwargs)


@contextmanager
def _writer_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time across processes (readers never take it)."""
    try:
        with file_lock(index_dir / LOCK, f"another process is updating the index in {index_dir}"):
            yield
    except Busy as exc:
        raise IndexBusy(str(exc)) from None


# -- reading the database ---------------------------------------------------------------------


def _max_updated_at(engine: Engine) -> datetime | None:
    with engine.connect() as connection:
        return connection.execute(select(func.max(Q.c.updated_at))).scalar_one()


def _row_batches(
    engine: Engine,
    since: datetime | None,
    chunk: int,
    *,
    after: str = "",
    upto: str | None = None,
) -> Iterator[list[Any]]:
    """Rows changed at or after ``since`` (all when None) with ``after < uid <= upto``,
    ``chunk`` at a time, by uid (keyset pagination: memory stays bounded, and rows updated
    meanwhile are not skipped nor read twice)."""
    last = after
    while True:
        query = (
            select(*_COLUMNS)
            .select_from(Q.outerjoin(D, D.c.uid == Q.c.deputy_ref))
            .where(Q.c.uid > last)
            .order_by(Q.c.uid)
            .limit(chunk)
        )
        if upto is not None:
            query = query.where(Q.c.uid <= upto)
        if since is not None:
            query = query.where(Q.c.updated_at >= since)
        with engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        if not rows:
            return
        yield list(rows)
        last = rows[-1]["uid"]


def _datetime(day: date | None) -> datetime | None:
    # Naive midnight: Journal officiel dates are plain dates, Whoosh's DATETIME wants this.
    return datetime.combine(day, datetime.min.time()) if day else None


def document(row: Any) -> dict[str, Any]:
    """The index document of one ``questions`` row (fields of index/schema.py; a field
    without value is left out)."""
    analyses = row["analyses"] or []
    published, answered = row["date_publication"], row["date_reponse"]
    depute = " ".join(p for p in (row["deputy_ref"], row["author_name"] or row["deputy_name"]) if p)
    doc: dict[str, Any] = {
        "uid": row["uid"],
        "number": str(row["number"]),
        "texte_question": html_to_text(row["texte_question_html"]),
        "texte_reponse": html_to_text(row["texte_reponse_html"]),
        "tete_analyse": row["tete_analyse"] or "",
        "analyses": "\n".join(analyses),
        # Question.titre's rule (relance.record.titre), on the row's columns.
        "titre": titre(analyses, row["tete_analyse"], row["rubrique"]),
        "statut": row["status"],
        "legislature": int(row["legislature"]),
        "content_hash": row["content_hash"],
        "depute": depute,
    }
    optional = {
        "rubrique": row["rubrique_key"],
        "ministere": row["ministere_attributaire_key"],
        "ministere_interroge": row["ministere_interroge_key"],
        "groupe": row["groupe_abrege"],
        "date_publication": _datetime(published),
        "annee": published.year if published else None,
        "date_reponse": _datetime(answered),
        "delai": (answered - published).days if published and answered else None,
    }
    doc.update((k, v) for k, v in optional.items() if v is not None and v != "")
    return doc


def _add(writer: Any, row: Any, report: UpdateReport) -> None:
    """Add one row; a record that cannot be indexed is counted and skipped."""
    uid = row["uid"]
    try:
        writer.add_document(**document(row))
    except Exception as exc:  # one bad record never aborts the run
        report.fail(f"{type(exc).__name__}: {exc}"[:200], uid)
        logger.warning("index: %s not indexed: %r", uid, exc)
    else:
        report.indexed += 1


# -- the public functions ---------------------------------------------------------------------


def update_index(
    engine: Engine,
    index_dir: Path | str,
    *,
    rebuild: bool = False,
    chunk: int = 2_000,
    progress: Callable[[int], None] | None = None,
    procs: int | None = None,
) -> UpdateReport:
    """Bring the index in ``index_dir`` up to date with the database (see the module
    docstring). ``progress(n)`` receives the rows handled, after each batch read
    (incremental) or segment written (rebuild). ``procs``: rebuild processes (default: two
    on large databases when two cores are there, else one).
    Raises ``IndexBusy`` when another process is writing."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with _writer_lock(index_dir):
        for stale in index_dir.glob(".building-*"):  # a crashed rebuild
            shutil.rmtree(stale, ignore_errors=True)
        live = current_generation(index_dir)
        meta = read_meta(live) if live else None
        if rebuild:
            reason = "asked"
        elif live is None or meta is None:
            reason = "no index yet"
        elif meta.get("schema_version") != SCHEMA_VERSION:
            reason = f"schema version {meta.get('schema_version')} → {SCHEMA_VERSION}"
        else:
            reason = ""
        if reason:
            report = _rebuild(engine, index_dir, live, chunk, progress, procs)
            report.reason = reason
        else:
            assert live is not None and meta is not None
            report = _incremental(engine, live, meta, chunk, progress)
        report.seconds = time.perf_counter() - started
        report.size_bytes = _size(index_dir / report.generation)
    logger.info("index: %s", "; ".join(report.lines()))
    return report


def merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Merge policy of incremental commits: fold the small segments earlier runs left
    (under ``SMALL_SEGMENT`` live documents) into the new one, and never touch the large
    slices of a rebuild. Whoosh's default (MERGE_SMALL) would merge those too, rewriting
    the whole index (six minutes at 100,000 questions) to add a few documents."""
    from whoosh.reading import SegmentReader

    kept = []
    for segment in segments:
        if segment.doc_count() < SMALL_SEGMENT:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            kept.append(segment)
    return kept


def _incremental(
    engine: Engine,
    generation: Path,
    meta: dict[str, Any],
    chunk: int,
    progress: Callable[[int], None] | None,
) -> UpdateReport:
    report = UpdateReport(mode="incremental", generation=generation.name)
    high = _max_updated_at(engine)  # before reading: what changes meanwhile is for next run
    since = datetime.fromisoformat(meta["watermark"]) - OVERLAP if meta.get("watermark") else None
    ix = whoosh_index.open_dir(str(generation))

    def commit(rows: list[Any]) -> None:
        writer = _writer(ix)
        try:
            # One query through one searcher for the whole chunk (update_document would
            # open a searcher per document).
            writer.delete_by_query(Or([Term("uid", row["uid"]) for row in rows]))
            for row in rows:
                _add(writer, row, report)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(merge=False)  # merging is done once, below

    try:
        indexed = _indexed_hashes(ix)
        # Changed rows are committed by ``chunk`` of them, however many rows were read to
        # find them: a commit opens every segment (1,000 changes scattered over a
        # 1,000,000-question re-read had cost 500 commits, 17 minutes).
        changed: list[Any] = []
        for batch in _row_batches(engine, since, chunk):
            rows = [row for row in batch if indexed.get(row["uid"]) != row["content_hash"]]
            report.unchanged += len(batch) - len(rows)
            changed.extend(rows)
            if len(changed) >= chunk:
                commit(changed)
                changed = []
            if progress:
                progress(len(batch))
        if changed:
            commit(changed)
        small = [seg for seg in ix._segments() if seg.doc_count() < SMALL_SEGMENT]
        if len(small) > MAX_SMALL_SEGMENTS:
            _writer(ix).commit(mergetype=merge_small_segments)
    finally:
        ix.close()
    watermark = high or (datetime.fromisoformat(meta["watermark"]) if meta["watermark"] else None)
    _write_meta(generation, watermark)
    report.watermark = watermark.isoformat() if watermark else None
    return report


def _rebuild(
    engine: Engine,
    index_dir: Path,
    live: Path | None,
    chunk: int,
    progress: Callable[[int], None] | None,
    procs: int | None,
) -> UpdateReport:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    building = index_dir / f".building-{stamp}-{secrets.token_hex(3)}"
    building.mkdir()
    high = _max_updated_at(engine)
    report = UpdateReport(mode="rebuild")
    ix = whoosh_index.create_in(str(building), build_schema())
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(func.count()).select_from(Q)).scalar_one()
        if procs is None:
            procs = 2 if rows >= PARALLEL_MIN_ROWS and (os.cpu_count() or 1) >= 2 else 1
        # As many segments of equal size for each process: none is left alone at the end
        # with the last one.
        segments_each = max(1, -(-rows // (procs * SEGMENT_ROWS)))
        ranges = _uid_ranges(engine, max(1, -(-rows // (procs * segments_each))))
        procs = min(procs, len(ranges))
        if procs > 1 and _shareable(engine):
            parts = _build_in_processes(engine, building, ranges, chunk, procs, progress)
        else:
            parts = (
                _build_range(engine, building, after, upto, chunk, progress)
                for after, upto in ranges
            )
        segments = []
        for segment, part in parts:
            report.merge(part)
            if segment is not None:
                segments.append(segment)
        writer = _writer(ix)
        writer._close_segment()  # its own (empty) segment is not kept
        writer._commit_toc(segments)
        writer._finish()
        for temporary in building.glob("*.tmp*"):  # the segment writers' (all closed now)
            shutil.rmtree(temporary, ignore_errors=True)
    except BaseException:
        ix.close()
        shutil.rmtree(building, ignore_errors=True)
        raise
    ix.close()
    _write_meta(building, high)
    final = index_dir / f"gen-{stamp}-{secrets.token_hex(3)}"
    os.rename(building, final)
    _write_atomic(index_dir / CURRENT, final.name.encode())
    # Keep the previous generation: a reader that opened it just before the switch can
    # finish; older ones go.
    for old in index_dir.glob("gen-*"):
        if old.name not in (final.name, live.name if live else None):
            shutil.rmtree(old, ignore_errors=True)
    report.generation = final.name
    report.watermark = high.isoformat() if high else None
    return report


# -- a rebuild's segments ------------------------------------------------------------------
#
# A rebuild cuts the questions into ranges of uids of ``SEGMENT_ROWS`` rows, and each range
# becomes one segment, written by a process of its own from the rows it reads itself: the
# processes never wait for each other nor for a parent that would read the rows and hand
# them over (Whoosh's MpWriter did, and wrote every document to a file for its
# sub-writers, then made all of them finish their segments together at every commit: two
# processes kept 1.45 cores busy). The parent only lists the ranges and commits the
# segments, in uid order, with one table of contents.


def _uid_ranges(engine: Engine, size: int) -> list[tuple[str, str | None]]:
    """(after, up to) uid bounds of ``size`` rows each (the last one open-ended)."""
    numbered = select(Q.c.uid, func.row_number().over(order_by=Q.c.uid).label("rank")).subquery()
    with engine.connect() as connection:
        bounds = list(
            connection.execute(
                select(numbered.c.uid).where(numbered.c.rank % size == 0).order_by(numbered.c.uid)
            ).scalars()
        )
    edges = ["", *bounds]
    return [(after, upto) for after, upto in zip(edges, [*bounds, None], strict=True)]


def _shareable(engine: Engine) -> bool:
    """Whether other processes can open this database from its URL (not in memory)."""
    url = engine.url
    return url.get_backend_name() != "sqlite" or url.database not in (None, "", ":memory:")


class _SegmentStorage(FileStorage):
    """The index folder as a segment's writer sees it: the temporary files of its posting
    pool and columns go to a folder of this process's own (Whoosh names it after the
    index, the same for every process). The rebuild removes these folders at its end."""

    def temp_storage(self, name: str | None = None) -> Any:
        return super().temp_storage(f"{name or 'MAIN.tmp'}-{os.getpid()}")


def _build_range(
    engine: Engine,
    building: Path,
    after: str,
    upto: str | None,
    chunk: int,
    progress: Callable[[int], None] | None = None,
) -> tuple[Any, UpdateReport]:
    """Index the rows with ``after < uid <= upto`` into a new segment of the index being
    built (not yet listed in its table of contents). Returns the segment (None when no
    row was indexed) and what was done."""
    report = UpdateReport(mode="rebuild")
    ix = _SegmentStorage(str(building)).open_index()
    writer = SegmentWriter(ix, _lk=False, codec=PackedCodec(), limitmb=LIMIT_MB, compound=COMPOUND)
    writer.pool = TermPool()  # a range fits in memory (SEGMENT_ROWS)
    try:
        for rows in _row_batches(engine, None, chunk, after=after, upto=upto):
            for row in rows:
                _add(writer, row, report)
            if progress:
                progress(len(rows))
        if report.indexed:
            segment = finish_segment(writer)
        else:
            writer._close_segment()
            segment = None
    except BaseException:
        writer.cancel()
        raise
    finally:
        ix.close()
    return segment, report


_engines: dict[str, Engine] = {}


def _build_range_task(
    url: str, building: str, after: str, upto: str | None, chunk: int
) -> tuple[Any, UpdateReport]:
    """``_build_range`` in a worker process (one engine per database and process)."""
    engine = _engines.get(url)
    if engine is None:
        from relance.db.engine import make_engine

        engine = _engines[url] = make_engine(url)
    return _build_range(engine, Path(building), after, upto, chunk)


def _build_in_processes(
    engine: Engine,
    building: Path,
    ranges: list[tuple[str, str | None]],
    chunk: int,
    procs: int,
    progress: Callable[[int], None] | None,
) -> Iterator[tuple[Any, UpdateReport]]:
    """``_build_range`` over ``ranges`` in ``procs`` processes; results in range order."""
    url = engine.url.render_as_string(hide_password=False)
    context = get_context("forkserver")
    with ProcessPoolExecutor(procs, mp_context=context) as pool:
        futures = [
            pool.submit(_build_range_task, url, str(building), after, upto, chunk)
            for after, upto in ranges
        ]
        try:
            for future in futures:
                segment, part = future.result()
                if progress:
                    progress(part.indexed + sum(part.failed.values()))
                yield segment, part
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def _indexed_hashes(ix: Any) -> dict[str, str]:
    """uid → content hash of every indexed document, from the columns (fast: no stored
    fields). The last one wins when a uid is there twice (check_index reports that)."""
    with ix.reader() as reader:
        uids = reader.column_reader("uid")
        hashes = reader.column_reader("content_hash")
        return {uids[docnum]: hashes[docnum] for docnum in reader.all_doc_ids()}


def check_index(engine: Engine, index_dir: Path | str) -> CheckReport:
    """Compare the index with the database: questions missing from the index, indexed but
    no longer in the database, indexed from an older content (content hash differs), or
    indexed twice. Reads the index's columns, not its stored fields."""
    report = CheckReport()
    database: dict[str, str] = {}
    with engine.connect() as connection:
        for uid, content_hash in connection.execute(select(Q.c.uid, Q.c.content_hash)):
            database[uid] = content_hash
    report.database = len(database)
    live = current_generation(Path(index_dir))
    meta = read_meta(live) if live else None
    if live is None or meta is None:
        report.problem = "no index: run relance index"
        report.missing = sorted(database)
        return report
    if meta.get("schema_version") != SCHEMA_VERSION:
        report.problem = (
            f"index schema version {meta.get('schema_version')}, this Relance needs "
            f"{SCHEMA_VERSION}: run relance index (it rebuilds)"
        )
        return report
    allow_open_files(live)
    ix = whoosh_index.open_dir(str(live))
    try:
        with ix.reader() as reader:
            uids = reader.column_reader("uid")
            hashes = reader.column_reader("content_hash")
            seen: dict[str, str] = {}
            for docnum in reader.all_doc_ids():
                uid = uids[docnum]
                if uid in seen:
                    report.duplicates.append(uid)
                seen[uid] = hashes[docnum]
    finally:
        ix.close()
    report.indexed = len(seen)
    report.missing = sorted(set(database) - set(seen))
    report.extra = sorted(set(seen) - set(database))
    report.stale = sorted(uid for uid, h in seen.items() if uid in database and database[uid] != h)
    return report
