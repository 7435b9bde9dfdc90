"""SQLite page size for Relance's database: 4 KiB (SQLite's default) against 16 KiB (what
`relance.db.engine` gives a new database). One command:

    .venv/bin/python bench/sqlite_pages.py [--source DB] [--rounds 3]

Takes the rows of an imported database (``--source``; by default the benchmark corpus
var/bench/corpus-1-100000, made by bench/import_bench.py, is imported once into
var/bench/pages/source.db) and, for each round and each page size in turn, writes them into
a fresh database with the schema and pragmas of `relance.db.engine` (WAL, 16 MiB cache, a
checkpoint every 64 MiB, 2,000 questions and their events per transaction, every index in
place), then runs some of the site's queries on it. Rounds alternate the page sizes, because
the machine's speed drifts; the CPU time (user + system) of the writes is what to compare.
Prints a Markdown table and appends it to docs/benchmarks.md. Holds every row in memory
(about 1 GB for 100,000 questions).
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 11, 24)
PAGE_SIZES = (4096, 16384)
BATCH = 2000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="a database filled by `relance import`")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()

    source = args.source or _default_source()
    with sqlite3.connect(source) as db:
        schema, rows = _rows(db)
    questions, events = rows.pop("questions"), rows.pop("events")
    results: dict[int, list[dict[str, float]]] = {size: [] for size in PAGE_SIZES}
    work = Path(tempfile.mkdtemp(prefix="relance-pages-"))
    for round_ in range(args.rounds):
        for size in PAGE_SIZES:
            target = work / f"p{size}.db"
            measured = _write(target, size, schema, rows, questions, events)
            measured.update(_read(target))
            results[size].append(measured)
            print(round_ + 1, size, {k: round(v, 3) for k, v in measured.items()}, flush=True)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
    work.rmdir()
    _report(args, source, len(questions), len(events), results)


def _default_source() -> Path:
    """The benchmark corpus imported once with the current code (16 KiB pages: the rows
    are what is replayed, so the source's own page size does not matter)."""
    source = ROOT / "var" / "bench" / "pages" / "source.db"
    if not source.exists():
        corpus = ROOT / "var" / "bench" / "corpus-1-100000"
        if not (corpus / "manifest.json").exists():
            sys.exit(f"{corpus}: missing; run bench/import_bench.py first (it generates it)")
        env = {
            **os.environ,
            "RELANCE_DATA_DIR": str(source.parent / "var"),
            "RELANCE_DATABASE_URL": f"sqlite:///{source}",
        }
        command = [sys.executable, "-m", "relance.cli", "import", str(corpus)]
        subprocess.run([*command, "--as-of", TODAY.isoformat()], env=env, check=True)
    return source


def _rows(db: sqlite3.Connection) -> tuple[list[str], dict[str, list[tuple]]]:
    """Every table's and index's definition, and every table's rows."""
    schema = [
        sql
        for (sql,) in db.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
            "ORDER BY type = 'index', name"
        )
    ]
    tables = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    rows = {
        name: db.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
        for name in tables
        if not name.startswith("sqlite_")
    }
    return schema, rows


def _write(
    target: Path,
    page_size: int,
    schema: list[str],
    others: dict[str, list[tuple]],
    questions: list[tuple],
    events: list[tuple],
) -> dict[str, float]:
    """Write the questions and their events (timed) after the other, small tables (deputies,
    ministries…: not timed)."""
    db = sqlite3.connect(target, isolation_level=None)
    db.execute(f"PRAGMA page_size={page_size}")
    for pragma in (
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "cache_size=-16384",
        "foreign_keys=ON",
    ):
        db.execute(f"PRAGMA {pragma}")
    db.execute(f"PRAGMA wal_autocheckpoint={(64 << 20) // page_size}")
    for sql in schema:
        db.execute(sql)
    db.execute("BEGIN")
    for name, table_rows in others.items():
        if table_rows:
            marks = ",".join("?" * len(table_rows[0]))
            db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', table_rows)
    db.execute("COMMIT")
    by_uid: dict[str, list[tuple]] = {}
    for event in events:
        by_uid.setdefault(event[1], []).append(event)  # (id, uid, …)
    insert_question = f"INSERT INTO questions VALUES ({','.join('?' * len(questions[0]))})"
    insert_event = f"INSERT INTO events VALUES ({','.join('?' * len(events[0]))})"
    before, wall = os.times(), time.perf_counter()
    for at in range(0, len(questions), BATCH):
        chunk = questions[at : at + BATCH]
        db.execute("BEGIN")
        db.executemany(insert_question, chunk)
        db.executemany(insert_event, [e for q in chunk for e in by_uid.get(q[0], ())])
        db.execute("COMMIT")
    db.close()  # the last checkpoint is part of the write
    after = os.times()
    return {
        "write_wall": time.perf_counter() - wall,
        "write_cpu": (after.user - before.user) + (after.system - before.system),
        "write_sys": after.system - before.system,
        "size_mb": target.stat().st_size / 1e6,
    }


def _read(target: Path) -> dict[str, float]:
    """Some of the site's queries on the new database, each the best of 3 (ms)."""
    from relance.db import browse, queries
    from relance.db.engine import make_engine

    engine = make_engine(f"sqlite:///{target}")
    uids = [u for (u,) in sqlite3.connect(target).execute("SELECT uid FROM questions")][::997]
    measured = {
        "home_figures_ms": _best(lambda: browse.key_figures(engine, today=TODAY)),
        "scoreboard_ms": _best(
            lambda: browse.stats(engine, today=TODAY, by=browse.Dimension.MINISTERE)
        ),
        "list_page_ms": _best(
            lambda: browse.question_list(engine, today=TODAY, filters=browse.Filters())
        ),
        "questions_by_uid_ms": _best(lambda: [queries.get_question(engine, u) for u in uids]),
        "their_events_ms": _best(lambda: [browse.events(engine, u) for u in uids]),
    }
    engine.dispose()
    return measured


def _best(run: Callable[[], Any], times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _report(
    args: argparse.Namespace,
    source: Path,
    questions: int,
    events: int,
    results: dict[int, list[dict[str, float]]],
) -> None:
    from relance.dates import today_paris

    machine = f"{platform.node()} — {os.cpu_count()} cores, Python {platform.python_version()}"
    columns = [
        ("write_cpu", "write, CPU s (user+sys)", "{:.2f}"),
        ("write_sys", "of which system", "{:.2f}"),
        ("write_wall", "write, wall s", "{:.2f}"),
        ("size_mb", "database MB", "{:.0f}"),
        ("home_figures_ms", "home figures ms", "{:.0f}"),
        ("scoreboard_ms", "scoreboard ms", "{:.0f}"),
        ("list_page_ms", "list page ms", "{:.0f}"),
        ("questions_by_uid_ms", "100 questions ms", "{:.0f}"),
        ("their_events_ms", "their events ms", "{:.0f}"),
    ]
    lines = [
        f"\n### SQLite page size, {questions:,} questions and {events:,} events — "
        f"{today_paris().isoformat()}",
        "",
        f"Machine: {machine}, SQLite {sqlite3.sqlite_version}. Command: `.venv/bin/python "
        f"bench/sqlite_pages.py --rounds {args.rounds}` (rows of `{source.name}`). Median of "
        f"{args.rounds} alternated rounds (min–max):",
        "",
        "| page size | " + " | ".join(title for _, title, _ in columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for size, runs in results.items():
        cells = []
        for key, _, form in columns:
            values = [run[key] for run in runs]
            cells.append(
                f"{form.format(statistics.median(values))} "
                f"({form.format(min(values))}–{form.format(max(values))})"
            )
        lines.append(f"| {size // 1024} KiB | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    print(text)
    with args.out.open("a", encoding="utf-8") as stream:
        stream.write(text)


if __name__ == "__main__":
    main()
