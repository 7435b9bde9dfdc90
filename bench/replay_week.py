"""Benchmark of `relance update` over one simulated week on the local mirror. One command:

    .venv/bin/python bench/replay_week.py --questions 50000

A corpus of one legislature (17) is generated as of the END of the week; the mirror replays
time from the start of the week: each simulated day it publishes that day's new questions,
answers, signalements and withdrawals on the question pages, and a new open-data dump. Each
day one `relance update` runs (a separate process, as a timer would run it) against the
mirror at full speed. The benchmark records, per cycle, the requests made (pages, 304s,
dump ranges), the answers published so far and how many of them the database holds, and
compares the requests with a naive full re-crawl (one request per known question page).
The time a cycle takes at the polite rate (one request per second) is computed from the
request count. Results are printed as Markdown, to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOOPBACK = [
    "--set", "DOWNLOAD_DELAY=0",
    "--set", "AUTOTHROTTLE_ENABLED=False",
    "--set", "CONCURRENT_REQUESTS=16",
    "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
]  # fmt: skip


def answers_by(records: dict[str, object], day: date) -> set[str]:
    """Uids whose answer is published on or before ``day`` (what the site shows)."""
    from relance.mirror.timeline import as_of
    from relance.record import Status

    out = set()
    for record in records.values():
        q = as_of(record, day)  # type: ignore[arg-type]
        if q is not None and q.status is Status.ANSWERED:
            out.add(q.uid)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", type=date.fromisoformat, default=date(2026, 11, 24))
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--max-refresh", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, help="Reuse a corpus (default var/bench/…).")
    parser.add_argument(
        "--dump-every-days", type=int, default=1, help="The mirror republishes dumps every N days."
    )
    parser.add_argument("--dump-lag-days", type=int, default=0, help="… N days late.")
    args = parser.parse_args()

    import orjson
    from sqlalchemy import select

    from relance.dates import today_paris
    from relance.db.engine import make_engine
    from relance.db.models import QuestionRow
    from relance.demo import generate_corpus
    from relance.mirror import MirrorServer
    from relance.mirror.site import RECORDS
    from relance.record import Question

    corpus = args.corpus or ROOT / "var" / "bench" / f"week-{args.seed}-{args.questions}"
    start = args.end - timedelta(days=args.days)
    generated = None
    if not (corpus / "manifest.json").exists():
        began = time.perf_counter()
        generate_corpus(
            corpus, questions=args.questions, seed=args.seed, legislatures=(17,), as_of=args.end
        )
        generated = time.perf_counter() - began
    records = {}
    with (corpus / RECORDS).open("rb") as lines:
        for line in lines:
            question = Question.from_dict(orjson.loads(line))
            records[question.uid] = question

    work = Path(tempfile.mkdtemp(prefix="relance-week-"))
    database = f"sqlite:///{work / 'relance.db'}"
    rows = []
    with MirrorServer(
        corpus,
        clock=start,
        dump_every_days=args.dump_every_days,
        dump_lag_days=args.dump_lag_days,
    ) as mirror:
        env = {
            **os.environ,
            "RELANCE_DATA_DIR": str(work / "var"),
            "RELANCE_DATABASE_URL": database,
            "RELANCE_OPENDATA_BASE": mirror.opendata_base,
            "RELANCE_SITE_BASE": mirror.site_base,
            "RELANCE_QUESTIONS_SITE_BASE": mirror.questions_base,
        }
        for offset in range(args.days + 1):
            day = start + timedelta(days=offset)
            began = time.perf_counter()
            mirror.set_clock(day)  # publishes the day's pages and dump
            replay_s = time.perf_counter() - began
            mirror.reset_counts()
            command = [
                sys.executable, "-m", "relance", "update", "-l", "17", "--as-of",
                day.isoformat(), "--max-refresh", str(args.max_refresh), *LOOPBACK,
            ]  # fmt: skip
            began = time.perf_counter()
            result = subprocess.run(
                command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
            )
            elapsed = time.perf_counter() - began
            if result.returncode != 0:
                sys.exit(f"update of {day} failed:\n{result.stdout}\n{result.stderr[-3000:]}")
            engine = make_engine(database)
            with engine.connect() as connection:
                stored = dict(connection.execute(select(QuestionRow.uid, QuestionRow.status)).all())
            engine.dispose()
            published = {u for u, r in records.items() if r.date_publication <= day}
            expected = answers_by(records, day)
            in_week = {
                u for u in expected if records[u].date_reponse and records[u].date_reponse > start
            }
            detected = {u for u in in_week if stored.get(u) == "answered"}
            counts = dict(mirror.counts)
            requests = counts.get("page", 0) + counts.get("dump", 0) + counts.get("robots", 0)
            rows.append(
                {
                    "day": day,
                    "published": len(published),
                    "stored": len(stored),
                    "week_answers": len(in_week),
                    "detected": len(detected),
                    "pages": counts.get("page", 0),
                    "not_modified": counts.get("304", 0),
                    "dump": counts.get("dump", 0),
                    "requests": requests,
                    "naive": len(published) + counts.get("dump", 0),
                    "elapsed": elapsed,
                    "replay": replay_s,
                }
            )
            print(rows[-1], flush=True)

    print()
    print(
        f"{today_paris()} · {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()} · "
        f"{args.questions:,} questions (legislature 17), week {start} → {args.end}, "
        f"--max-refresh {args.max_refresh}, dumps every {args.dump_every_days} day(s), "
        f"{args.dump_lag_days} day(s) late"
        + (f" · corpus generated in {generated:.0f} s" if generated else "")
    )
    print()
    print(
        "| day | questions published | stored | answers of the week so far | detected | "
        "page requests | of which 304 | dump requests | total requests | naive full "
        "re-crawl | ratio | update (local, s) | at 1 request/s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        ratio = row["naive"] / row["requests"] if row["requests"] else float("inf")
        polite = timedelta(seconds=row["requests"])
        print(
            f"| {row['day']} | {row['published']:,} | {row['stored']:,} | "
            f"{row['week_answers']:,} | {row['detected']:,} | {row['pages']:,} | "
            f"{row['not_modified']:,} | {row['dump']} | {row['requests']:,} | "
            f"{row['naive']:,} | {ratio:.1f}× | {row['elapsed']:.0f} | {polite} |"
        )


if __name__ == "__main__":
    main()
