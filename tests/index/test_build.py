"""Building and updating the index: incremental runs, rebuilds swapped atomically, the
consistency check, a crash mid-update, a schema change, readers during an update."""

from __future__ import annotations

import threading
from pathlib import Path

import orjson
import pytest
from sqlalchemy import Engine, delete, select, update

import index.build as build
from index import SearchQuery, check_index, search, update_index
from relance.dates import utcnow
from relance.db.models import EventRow, QuestionRow

Q = QuestionRow.__table__


def touch(engine: Engine, uids: list[str], suffix: str) -> None:
    """Change the rows' content (analyses and hash) as an import would."""
    with engine.begin() as connection:
        for uid in uids:
            connection.execute(
                update(Q)
                .where(Q.c.uid == uid)
                .values(
                    analyses=[f"zorglub{suffix}"],
                    content_hash=f"changed-{suffix}-{uid}",
                    updated_at=utcnow(),
                )
            )


def some_uids(engine: Engine, n: int) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(select(Q.c.uid).order_by(Q.c.uid).limit(n)).scalars())


def total(index_dir: Path, text: str) -> int:
    return search(index_dir, SearchQuery(text=text)).total


def test_incremental_update_reindexes_only_changes(fresh_engine: Engine, tmp_path: Path):
    index_dir = tmp_path / "index"
    first = update_index(fresh_engine, index_dir)
    assert first.mode == "rebuild" and first.indexed > 300
    again = update_index(fresh_engine, index_dir)
    assert (again.mode, again.indexed) == ("incremental", 0)
    uids = some_uids(fresh_engine, 3)
    touch(fresh_engine, uids, "a")
    report = update_index(fresh_engine, index_dir, chunk=2)
    assert report.indexed == 3
    result = search(index_dir, SearchQuery(text="zorglubA"))
    assert sorted(result.uids) == sorted(uids)
    assert check_index(fresh_engine, index_dir).ok


def test_check_reports_missing_extra_and_stale(fresh_engine: Engine, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    update_index(fresh_engine, index_dir)
    assert check_index(fresh_engine, index_dir).ok
    gone, changed = some_uids(fresh_engine, 2)
    with fresh_engine.begin() as connection:
        connection.execute(delete(EventRow.__table__).where(EventRow.__table__.c.uid == gone))
        connection.execute(delete(Q).where(Q.c.uid == gone))
        connection.execute(update(Q).where(Q.c.uid == changed).values(content_hash="other"))
    report = check_index(fresh_engine, index_dir)
    assert not report.ok
    assert (report.extra, report.stale, report.missing) == ([gone], [changed], [])
    assert any("extra: 1" in line for line in report.lines())
    assert check_index(fresh_engine, tmp_path / "nothing").problem


def test_rebuild_swaps_generations_and_keeps_the_previous(fresh_engine: Engine, tmp_path: Path):
    index_dir = tmp_path / "index"
    first = update_index(fresh_engine, index_dir)
    second = update_index(fresh_engine, index_dir, rebuild=True)
    third = update_index(fresh_engine, index_dir, rebuild=True)
    assert (second.reason, third.mode) == ("asked", "rebuild")
    generations = sorted(p.name for p in index_dir.glob("gen-*"))
    assert first.generation not in generations
    assert sorted([second.generation, third.generation]) == generations
    assert (index_dir / "CURRENT").read_text() == third.generation
    assert not list(index_dir.glob(".building-*"))


def test_a_crash_mid_update_leaves_a_usable_index_and_the_next_run_repairs(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    update_index(fresh_engine, index_dir)
    uids = some_uids(fresh_engine, 10)
    touch(fresh_engine, uids, "b")
    chunks = []

    def crash(n: int) -> None:
        chunks.append(n)
        if len(chunks) == 2:
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError, match="killed"):
        update_index(fresh_engine, index_dir, chunk=2, progress=crash)
    assert total(index_dir, "zorglubB") == 4  # two chunks committed, readable
    report = check_index(fresh_engine, index_dir)
    assert len(report.stale) == 6
    repaired = update_index(fresh_engine, index_dir, chunk=2)
    assert repaired.indexed == 6 and repaired.unchanged >= 4
    assert total(index_dir, "zorglubB") == 10
    assert check_index(fresh_engine, index_dir).ok


def test_a_crashed_rebuild_leaves_the_old_index_live(fresh_engine: Engine, tmp_path: Path):
    index_dir = tmp_path / "index"
    first = update_index(fresh_engine, index_dir)
    before = total(index_dir, "santé")

    def crash(n: int) -> None:
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        update_index(fresh_engine, index_dir, rebuild=True, chunk=50, progress=crash)
    assert (index_dir / "CURRENT").read_text() == first.generation
    assert total(index_dir, "santé") == before > 0
    assert not list(index_dir.glob(".building-*"))


def test_one_bad_record_never_aborts_the_run(
    fresh_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = some_uids(fresh_engine, 1)[0]
    real = build.document

    def document(row: object) -> dict:
        if row["uid"] == bad:  # type: ignore[index]
            raise ValueError("broken record")
        return real(row)

    monkeypatch.setattr(build, "document", document)
    report = update_index(fresh_engine, tmp_path / "index")
    assert report.failed == {"ValueError: broken record": 1}
    assert report.examples["ValueError: broken record"] == [bad]
    assert report.indexed > 300
    assert check_index(fresh_engine, tmp_path / "index").missing == [bad]


def test_another_schema_version_rebuilds(fresh_engine: Engine, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = update_index(fresh_engine, index_dir)
    meta_path = index_dir / first.generation / build.META
    meta = orjson.loads(meta_path.read_bytes())
    meta_path.write_bytes(orjson.dumps({**meta, "schema_version": 0}))
    result = search(index_dir, SearchQuery(text="santé"))
    assert result.total == 0 and "relance index" in result.warnings[0]
    assert not check_index(fresh_engine, index_dir).ok
    report = update_index(fresh_engine, index_dir)
    assert report.mode == "rebuild" and "schema version 0" in report.reason
    assert total(index_dir, "santé") > 0


def test_searches_during_an_update_stay_consistent(fresh_engine: Engine, tmp_path: Path):
    """A reader sees each committed chunk whole: the number of documents never changes
    (each update replaces a document), and no search fails."""
    index_dir = tmp_path / "index"
    update_index(fresh_engine, index_dir)
    expected = search(index_dir, SearchQuery()).total
    touch(fresh_engine, some_uids(fresh_engine, 60), "c")
    seen: list[int] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                seen.append(search(index_dir, SearchQuery()).total)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        update_index(fresh_engine, index_dir, chunk=5)
        update_index(fresh_engine, index_dir, rebuild=True)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert seen and set(seen) == {expected}
    assert total(index_dir, "zorglubC") == 60


def test_a_second_writer_is_refused(fresh_engine: Engine, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    with build._writer_lock(index_dir), pytest.raises(build.IndexBusy):
        update_index(fresh_engine, index_dir)


def test_fast_postings_match_the_analyzer_on_the_corpus(corpus_engine: Engine) -> None:
    """FrenchPositions against Whoosh's Positions + the analyzer on every generated text."""
    from whoosh import formats

    from index.analysis import FrenchPositions, french_analyzer
    from index.build import _row_batches, document

    fast, reference, analyzer = FrenchPositions(), formats.Positions(), french_analyzer()
    checked = 0
    for rows in _row_batches(corpus_engine, None, 500):
        for row in rows:
            doc = document(row)
            for name in ("texte_question", "texte_reponse", "analyses"):
                text = doc[name]
                got = [
                    (t, f, fast.decode_positions(v))
                    for t, f, _, v in fast.word_values(text, analyzer)
                ]
                want = [
                    (t, f, reference.decode_positions(v))
                    for t, f, _, v in reference.word_values(text, analyzer)
                ]
                assert sorted(got) == sorted(want), row["uid"]
                checked += 1
    assert checked > 1000


def test_a_rebuild_in_processes_gives_the_index_of_a_rebuild_here(
    fresh_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild cut into ranges of uids, each written as a segment by a worker process,
    indexes what a rebuild in this process does, in one segment per range, and counts a
    record that fails in a worker like one that fails here."""
    monkeypatch.setattr(build, "SEGMENT_ROWS", 70)
    monkeypatch.setattr(build, "PARALLEL_MIN_ROWS", 100)
    bad = some_uids(fresh_engine, 150)[-1]
    with fresh_engine.begin() as connection:  # a row that cannot become a document
        connection.execute(update(Q).where(Q.c.uid == bad).values(legislature="dix-sept"))
    with fresh_engine.connect() as connection:
        rows = len(connection.execute(select(Q.c.uid)).all())
    here = update_index(fresh_engine, tmp_path / "here", procs=1)
    apart = update_index(fresh_engine, tmp_path / "apart", procs=2)
    for report in (here, apart):
        assert report.indexed == rows - 1
        assert list(report.failed.values()) == [1]
        assert list(report.examples.values()) == [[bad]]
    # segments of at most 70 rows, as many for each process
    expected = {"here": -(-rows // 70), "apart": 2 * -(-rows // 140)}
    for index_dir, report in ((tmp_path / "here", here), (tmp_path / "apart", apart)):
        generation = index_dir / report.generation
        assert not list(generation.glob("*.tmp*"))  # the writers' temporary folders
        ix = build.whoosh_index.open_dir(str(generation))
        try:
            segments = ix._segments()
        finally:
            ix.close()
        sizes = [segment.doc_count() for segment in segments]
        # separate files: a reader maps them (a compound file's parts are copied to memory)
        assert not any(segment.is_compound() for segment in segments)
        assert sum(sizes) == rows - 1 and len(sizes) == expected[index_dir.name]
        assert max(sizes) <= 70
        assert check_index(fresh_engine, index_dir).missing == [bad]
    for text in ("santé", "agriculteurs", '"collectivités territoriales"', "ministere:interieur"):
        query = SearchQuery(text=text, sort="date", size=50)
        one, other = search(tmp_path / "here", query), search(tmp_path / "apart", query)
        assert one.total == other.total > 0
        assert one.uids == other.uids
        assert one.facets == other.facets


def test_scattered_changes_are_committed_together(fresh_engine: Engine, tmp_path: Path) -> None:
    """After an import stamps every row alike, the next run re-reads them all (the
    watermark's overlap); the few changed rows among them make one commit, not one per
    batch read (each commit opens every segment: at 1,000,000 questions, 500 commits for
    1,000 changes took 17 minutes)."""
    index_dir = tmp_path / "index"
    stamp = utcnow()
    with fresh_engine.begin() as connection:
        connection.execute(update(Q).values(updated_at=stamp))
    first = update_index(fresh_engine, index_dir)
    uids = some_uids(fresh_engine, 400)
    scattered = [uids[10], uids[150], uids[390]]  # in three different batches of 50
    touch(fresh_engine, scattered, "s")
    before = _segment_count(index_dir / first.generation)
    report = update_index(fresh_engine, index_dir, chunk=50)
    assert report.indexed == 3 and report.unchanged >= 397
    assert _segment_count(index_dir / first.generation) == before + 1
    assert sorted(search(index_dir, SearchQuery(text="zorglubS")).uids) == sorted(scattered)
    assert check_index(fresh_engine, index_dir).ok


def _segment_count(generation: Path) -> int:
    ix = build.whoosh_index.open_dir(str(generation))
    try:
        return len(ix._segments())
    finally:
        ix.close()


def test_readers_raise_the_limit_of_open_files(
    fresh_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Segments are separate files, opened as they are read: a process whose limit of open
    files is lower than what a searcher needs raises it (up to the hard limit) instead of
    failing with "Too many open files"."""
    import subprocess
    import sys

    monkeypatch.setattr(build, "SEGMENT_ROWS", 25)
    index_dir = tmp_path / "index"
    report = update_index(fresh_engine, index_dir, procs=1)
    files = len(list((index_dir / report.generation).iterdir()))
    assert files > 200
    text = "santé OR école OR agriculture"
    script = (
        "import json, resource, sys\n"
        "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))\n"
        "from index import SearchQuery, search\n"
        "result = search(sys.argv[1], SearchQuery(text=sys.argv[2]))\n"
        "limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]\n"
        "print(json.dumps([result.total, result.warnings, limit]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(index_dir), text],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    found, warnings, limit = orjson.loads(done.stdout)
    assert found == search(index_dir, SearchQuery(text=text)).total > 0, done.stderr
    assert warnings == []
    assert limit >= 2 * files


def test_a_crashed_rebuild_in_processes_leaves_the_old_index_live(
    fresh_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same guarantee when the rebuild runs in worker processes: the run stops at the
    failure, the half-built generation is removed and the previous one stays live."""
    monkeypatch.setattr(build, "SEGMENT_ROWS", 60)
    monkeypatch.setattr(build, "PARALLEL_MIN_ROWS", 100)
    index_dir = tmp_path / "index"
    first = update_index(fresh_engine, index_dir, procs=1)
    before = total(index_dir, "santé")
    segments_done: list[int] = []

    def crash(n: int) -> None:
        segments_done.append(n)
        if len(segments_done) == 2:
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        update_index(fresh_engine, index_dir, rebuild=True, procs=2, progress=crash)
    assert len(segments_done) == 2  # it went through the worker processes' segments
    assert (index_dir / "CURRENT").read_text() == first.generation
    assert total(index_dir, "santé") == before > 0
    assert not list(index_dir.glob(".building-*"))
    again = update_index(fresh_engine, index_dir, rebuild=True, procs=2)
    assert again.indexed == first.indexed and check_index(fresh_engine, index_dir).ok
