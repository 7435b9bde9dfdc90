"""Cost of each stage of reading a question for `relance import`, in µs per question, in one
process (the per-stage table of docs/benchmarks.md). One command:

    .venv/bin/python bench/import_stages.py [--questions 5000] [--corpus DIR]

Uses the 100,000-question benchmark corpus (var/bench/corpus-1-100000, made by
bench/import_bench.py) or generates a small one. Prints a table; the machine is noisy, so
run it a few times and compare stages within one run.
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

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
AS_OF = date(2026, 11, 24)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--corpus", type=Path, default=ROOT / "var/bench/corpus-1-100000")
    args = parser.parse_args()

    from relance.db.store import pack, prepare
    from relance.demo import generate_corpus
    from relance.ingest import normalize, validate
    from spiders.dumps import ZipReader, is_json_member, zip_members
    from spiders.parsers.opendata import parse_question

    corpus = args.corpus
    if not (corpus / "manifest.json").exists():
        corpus = Path(tempfile.mkdtemp(prefix="relance-stages-"))
        generate_corpus(corpus, questions=args.questions, seed=1, legislatures=(17,), as_of=AS_OF)
    dump = corpus / "17/questions/questions_ecrites/Questions_ecrites.json.zip"
    members = [m for m in zip_members(dump) if is_json_member(m)][: args.questions]
    count = len(members)
    rows: list[tuple[str, float]] = []

    def stage(label: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = work()
        rows.append((label, (time.perf_counter() - start) / count * 1e6))
        return result

    with ZipReader(dump) as reader:
        raw = stage(
            "read a member and decode its JSON, digest",
            lambda: [r for m in members for r in reader.records(m)],
        )
    questions = stage("parse", lambda: [parse_question(r.data) for r in raw])
    questions = stage("normalize", lambda: [normalize(q) for q in questions])
    stage("validate", lambda: [validate(q, today=AS_OF) for q in questions])
    stage("content hash", lambda: [q.content_hash for q in questions])
    prepared = stage("row and events (prepare)", lambda: [prepare(q, "d") for q in questions])
    packed = stage("pack as one JSON document", lambda: pack(prepared))
    blob = stage("pickle (worker side)", lambda: pickle.dumps(packed, protocol=5))
    stage(
        "unpickle + decode rows (writer side)",
        lambda: (lambda p: (orjson.loads(p.rows), orjson.loads(p.events)))(pickle.loads(blob)),
    )
    print(f"{count} questions from {dump}")
    for label, micros in rows:
        print(f"{label:<40} {micros:7.0f} µs")


if __name__ == "__main__":
    main()
