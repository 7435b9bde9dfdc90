"""Benchmark of the question pages: render and parse cost per page, for each layout. One
command:

    .venv/bin/python bench/parse_bench.py [--questions 3000] [--seed 5]

Pages are rendered from generated records (legislatures 14 to 17, every one in every
layout) and parsed back from bytes, as the crawler receives them; the real captures in
``../shared/reference/samples/html`` are timed too when present. Prints a Markdown table
(mean, p50, p95 in ms per page). Target: parsing under 5 ms a page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from relance.demo import iter_records  # noqa: E402
from relance.mirror.pages import Layout, render_page  # noqa: E402
from relance.record import Question  # noqa: E402
from spiders.parsers.opendata import parse_question  # noqa: E402
from spiders.parsers.pages import parse_page  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "reference" / "samples" / "html"
REAL = ("QANR5L16QE200", "QANR5L14QE3200", "QANR5L11QE450")


def _named(question: Question) -> Question:
    """Pages need an author name, which the dump lacks."""
    return replace(question, author=replace(question.author, name="Mme Anne-Laure Le Goff"))


def _timed(function: Callable[[], object], repeat: int = 1) -> float:
    """Milliseconds per call."""
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) * 1000 / repeat


def _row(name: str, times: list[float], size: float) -> str:
    times = sorted(times)
    p50 = times[len(times) // 2]
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    mean = statistics.fmean(times)
    return f"| {name} | {len(times)} | {size / 1024:.1f} | {mean:.3f} | {p50:.3f} | {p95:.3f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    records = [
        _named(parse_question(g.record))
        for g in iter_records(
            questions=args.questions,
            seed=args.seed,
            legislatures=(14, 15, 16, 17),
            as_of=date(2026, 11, 24),
        )
        if g.copy == 0
    ]
    parse_page(render_page(records[0]))  # warm-up: imports, caches
    print(f"{len(records)} generated records, Python {sys.version.split()[0]}\n")
    print("| pages | n | KiB/page | mean ms | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for layout in Layout:
        renders, parses, size = [], [], 0
        for record in records:
            renders.append(_timed(lambda r=record, lay=layout: render_page(r, lay)))
            body = render_page(record, layout).encode()
            size += len(body)
            parses.append(_timed(lambda b=body: parse_page(b)))
        print(_row(f"render {layout.value} (generated)", renders, size / len(records)))
        print(_row(f"parse {layout.value} (generated)", parses, size / len(records)))
    if SAMPLES.is_dir():
        for name in REAL:
            body = (SAMPLES / f"{name}.unwrapped.html").read_bytes()
            times = [_timed(lambda b=body: parse_page(b)) for _ in range(200)]
            print(_row(f"parse real {name}", times, len(body)))


if __name__ == "__main__":
    main()
