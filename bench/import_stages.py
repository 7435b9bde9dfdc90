"""Cost of each stage of reading a question for `relance import`, in µs per question, in one
process (the per-stage table of docs/benchmarks.md). One command:

    .venv/bin/python bench/import_stages.py [--questions 5000] [--corpus DIR] [--repeat 3]

Uses the 100,000-question benchmark corpus (var/bench/corpus-1-100000, made by
bench/import_bench.py) or generates a small one. Each stage is timed in CPU time of this
process (other processes on the machine disturb it less than wall time) and the best of
``--repeat`` runs is kept; compare stages within one run. The last stage writes into an empty
SQLite database the way the importing process does (decisions, inserts, indexes at the end).
Each stage runs over all the questions before the next, so a stage reads what the previous
one left out of the processor's caches; the workers read and parse one member at a time,
which a separate line times (read, decode and parse together).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
AS_OF = date(2026, 11, 24)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--corpus", type=Path, default=ROOT / "var/bench/corpus-1-100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from relance.db.engine import make_engine
    from relance.db.migrate import upgrade
    from relance.db.store import QuestionStore, pack, prepare
    from relance.demo import generate_corpus
    from relance.ingest import normalize, validate
    from spiders.dumps import ZipReader, is_json_member, zip_members
    from spiders.importer import Read
    from spiders.parsers.opendata import parse_question

    corpus = args.corpus
    if not (corpus / "manifest.json").exists():
        corpus = Path(tempfile.mkdtemp(prefix="relance-stages-"))
        generate_corpus(corpus, questions=args.questions, seed=1, legislatures=(17,), as_of=AS_OF)
    dump = corpus / "17/questions/questions_ecrites/Questions_ecrites.json.zip"
    members = [m for m in zip_members(dump) if is_json_member(m)][: args.questions]
    count = len(members)
    rows: list[tuple[str, float]] = []

    def stage(label: str, work: Callable[[], Any], setup: Callable[[], Any] | None = None) -> Any:
        best = float("inf")
        for _ in range(args.repeat):
            if setup:
                setup()
            start = time.process_time()
            result = work()
            best = min(best, time.process_time() - start)
        rows.append((label, best / count * 1e6))
        return result

    def read() -> list[Any]:
        with ZipReader(dump) as reader:
            return [r for m in members for r in reader.records(m)]

    raw = stage("read a member and decode its JSON, digest", read)
    questions = stage("parse", lambda: [parse_question(r.data) for r in raw])
    one_at_a_time = len(rows)

    def read_and_parse() -> None:
        # as a worker does: each member parsed right after it is decoded, while its
        # document is still in the processor's caches (not counted in the total)
        with ZipReader(dump) as reader:
            for member in members:
                for record in reader.records(member):
                    parse_question(record.data)

    stage("  (both, one member at a time: not in the total)", read_and_parse)
    questions = stage("normalize", lambda: [normalize(q) for q in questions])
    stage("validate", lambda: [validate(q, today=AS_OF) for q in questions])
    stage(
        "content hash",
        lambda: [q.content_hash for q in questions],
        setup=lambda: [q.__dict__.pop("content_hash", None) for q in questions],
    )
    prepared = stage("row and events (prepare)", lambda: [prepare(q, "d" * 32) for q in questions])
    step = 500  # a worker's slice

    def hand() -> list[tuple[list[Any], Any]]:
        return [
            ([Read(p[0], [], "s", i) for i, p in enumerate(chunk)], pack(chunk))
            for chunk in (prepared[at : at + step] for at in range(0, count, step))
        ]

    slices = stage("outcomes and pack (worker side)", hand)
    blobs = stage("pickle (worker side)", lambda: [pickle.dumps(s, protocol=5) for s in slices])
    received = stage("unpickle (writer side)", lambda: [pickle.loads(b) for b in blobs])

    with tempfile.TemporaryDirectory() as work:
        engines: list[Any] = []

        def fresh() -> None:
            for engine in engines:
                engine.dispose()
            engine = make_engine(f"sqlite:///{work}/w{len(engines)}.db")
            upgrade(engine)
            engines.append(engine)

        def write() -> None:
            store = QuestionStore(engines[-1], batch_size=2000)
            with store.bulk_load():
                for outcomes, packed in received:
                    store.add_slice(packed, [o.index for o in outcomes])
                store.close()

        stage("write: decode rows, decide, insert, index (SQLite)", write, setup=fresh)
        for engine in engines:
            engine.dispose()
    print(f"{count} questions from {dump} (best of {args.repeat}, CPU time)")
    total = 0.0
    for number, (label, micros) in enumerate(rows):
        total += micros if number != one_at_a_time else 0.0
        print(f"{label:<48} {micros:7.0f} µs")
    print(f"{'total':<48} {total:7.0f} µs")


if __name__ == "__main__":
    main()
