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
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _tree(root: int) -> list[int]:
    """``root`` and its descendants (the import's worker processes)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _pss_mb(pid: int) -> float:
    """Proportional set size: shared pages are split among the processes sharing them."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_import(corpus: Path, env: dict[str, str]) -> tuple[float, float, float, str]:
    """Seconds, peak memory of the importing process and of its whole process tree (MB),
    and the report line of one `relance import` process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "relance.cli", "import", str(corpus), "--as-of", "2026-11-24"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak_main = peak_tree = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_main, peak_tree
        while not stop.wait(0.2):
            sizes = {pid: _pss_mb(pid) for pid in _tree(process.pid)}
            peak_main = max(peak_main, sizes.get(process.pid, 0.0))
            peak_tree = max(peak_tree, sum(sizes.values()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"import failed:\n{stderr[-2000:]}")
    report = next((line for line in stdout.splitlines() if line.startswith("read ")), "")
    return elapsed, peak_main, peak_tree, report


def _timings(log: Path) -> list[str]:
    """The importer's own account of its runs (where the importing process spent its time:
    waiting for the reading workers, writing, building indexes)."""
    try:
        lines = log.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [
        line.split("spiders.importer: ", 1)[1]
        for line in lines
        if "spiders.importer: import:" in line
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres-url", help="an existing server (else a throwaway one)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()

    from relance.dates import today_paris
    from relance.demo import generate_corpus

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

            pg_dir = pg.make_base_dir()
            server = pg.start(pg_dir)
            backends.append(("PostgreSQL", server.url, server))
    try:
        for name, url, _ in backends:
            env = {"RELANCE_DATA_DIR": str(work / "var"), "RELANCE_DATABASE_URL": url}
            first = run_import(corpus, env)
            again = run_import(corpus, env)
            rows.append((name, first, again))
            print(name, "first", first, "again", again, flush=True)
            for line in _timings(work / "var" / "logs" / "relance.log")[-2:]:
                print(" ", name, line, flush=True)
    finally:
        if server is not None:
            pg.stop(pg_dir)

    machine = f"{platform.node()} — {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"\n### `relance import`, {args.questions:,} questions ({size_mb:.0f} MB of zips) — "
        f"{today_paris().isoformat()}",
        "",
        f"Machine: {machine}. Command: `.venv/bin/python bench/import_bench.py "
        f"--questions {args.questions}`.",
        "",
        "| backend | first import | questions/s | peak memory: importer / all processes "
        "| re-import (unchanged) | speed-up |",
        "|---|---|---|---|---|---|",
    ]
    for name, first, again in rows:
        (t1, m1, tree1, _), (t2, m2, tree2, _) = first, again
        lines.append(
            f"| {name} | {t1:.1f} s | {args.questions / t1:,.0f} | "
            f"{max(m1, m2):.0f} MB / {max(tree1, tree2):.0f} MB | "
            f"{t2:.1f} s ({args.questions / t2:,.0f}/s) | {t1 / t2:.1f}× |"
        )
    lines += ["", "Reports: " + " / ".join(f"{n}: `{a[3]}` then `{b[3]}`" for n, a, b in rows)]
    with args.out.open("a", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
