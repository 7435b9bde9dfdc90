"""Benchmark of `relance import`: first import and re-import of an N-question dump, on
SQLite and PostgreSQL, with peak memory. One command:

    .venv/bin/python bench/import_bench.py --questions 100000

Each import runs as its own `relance import` process (what a user runs), so its peak RSS is
the process's own. Figures are appended to docs/benchmarks.md with the machine and date.
PostgreSQL: a throwaway server (tests/pg.py), or --postgres-url.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_import(corpus: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and the report line of one `relance import` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "relance.cli", "import", str(corpus), "--as-of", "2026-11-24"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if result.returncode not in (0, 1):
        raise SystemExit(f"import failed:\n{result.stderr[-2000:]}")
    report = next((line for line in result.stdout.splitlines() if line.startswith("read ")), "")
    # ru_maxrss of children is the max over all children so far: only trust growth.
    return elapsed, max(peak, before) / 1024, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres-url", help="an existing server (else a throwaway one)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()

    from relance.demo import generate_corpus

    from relance.dates import today_paris

    work = Path(tempfile.mkdtemp(prefix="relance-bench-"))
    corpus = ROOT / "var" / "bench" / f"corpus-{args.seed}-{args.questions}"
    if not (corpus / "manifest.json").exists():
        start = time.perf_counter()
        generate_corpus(
            corpus,
            questions=args.questions,
            seed=args.seed,
            legislatures=(16, 17),
            as_of=date(2026, 11, 24),
        )
        print(f"corpus: {args.questions} questions in {time.perf_counter() - start:.1f} s")
    size_mb = sum(p.stat().st_size for p in corpus.rglob("*.zip")) / 1e6

    rows = []
    backends = [("SQLite", f"sqlite:///{work / 'bench.db'}", None)]
    server = None
    if not args.no_postgres:
        if args.postgres_url:
            backends.append(("PostgreSQL", args.postgres_url, None))
        else:
            from tests import pg

            server = pg.start(work / "pg")
            backends.append(("PostgreSQL", server.url, server))
    try:
        for name, url, _ in backends:
            env = {"RELANCE_DATA_DIR": str(work / "var"), "RELANCE_DATABASE_URL": url}
            first = run_import(corpus, env)
            again = run_import(corpus, env)
            rows.append((name, first, again))
            print(name, "first", first, "again", again, flush=True)
    finally:
        if server is not None:
            pg.stop(work / "pg")

    machine = f"{platform.node()} — {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"\n### `relance import`, {args.questions:,} questions ({size_mb:.0f} MB of zips) — "
        f"{today_paris().isoformat()}",
        "",
        f"Machine: {machine}. Command: `.venv/bin/python bench/import_bench.py "
        f"--questions {args.questions}`.",
        "",
        "| backend | first import | questions/s | peak RSS | re-import (unchanged) | speed-up |",
        "|---|---|---|---|---|---|",
    ]
    for name, (t1, m1, _), (t2, m2, _) in rows:
        lines.append(
            f"| {name} | {t1:.1f} s | {args.questions / t1:,.0f} | {max(m1, m2):.0f} MB | "
            f"{t2:.1f} s ({args.questions / t2:,.0f}/s) | {t1 / t2:.1f}× |"
        )
    lines += [
        "",
        "Reports: " + " / ".join(f"{n}: `{r1}` then `{r2}`" for n, (_, _, r1), (_, _, r2) in rows),
    ]
    with args.out.open("a", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
