"""Benchmark of `relance import`: first import and re-import of an N-question dump, on
SQLite and PostgreSQL, with peak memory. One command:

    .venv/bin/python bench/import_bench.py --questions 100000

Each import runs as its own `relance import` process (what a user runs), so its peak RSS is
the process's own. Figures are added to docs/benchmarks.md (at the end of its import
section) with the machine and date.
PostgreSQL: a throwaway server (tests/pg.py), or --postgres-url. ``--repeat N`` runs the
first import N times per backend (each into an empty database) and reports every run.

The machine's speed varies between sessions and within one (a shared host), so each run
also reports what it cost and what else the machine was doing: the CPU-seconds of the
import's whole process tree per question, the share of the machine's CPU time that went to
other processes or was stolen by the hypervisor during the run, and a calibration (the
median time of the standard library's ``json.loads`` on one of the corpus's records, just
before the run: the figure ../shared/reference/perf-anchors.md gives for its machine).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

TICKS = os.sysconf("SC_CLK_TCK")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _tree(root: int) -> list[int]:
    """``root`` and its descendants (the import's worker processes), from each process's
    list of children (a scan of every process in /proc took milliseconds a sample)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:  # gone meanwhile
            continue
        todo.extend(int(child) for child in children)
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


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU of one process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def _machine_jiffies() -> tuple[int, int, int]:
    """The whole machine's CPU time so far, in clock ticks: busy, steal, total."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = values[:8]
    busy = user + nice + system + irq + softirq
    return busy, steal, busy + idle + iowait + steal


def calibrate(corpus: Path, records: int = 2000) -> float:
    """Median microseconds of the standard library's ``json.loads`` on one question record
    of the corpus: the machine's speed, independent of Relance's code, and the figure
    ../shared/reference/perf-anchors.md gives for its machine (0.05 ms a ~5 KB record)."""
    import json
    import statistics
    import zipfile

    archive = next(iter(sorted(corpus.rglob("Questions_ecrites*.zip"))))
    with zipfile.ZipFile(archive) as zipped:
        names = [n for n in zipped.namelist() if n.endswith(".json")][:records]
        documents = [zipped.read(name) for name in names]
    timings = []
    for document in documents:
        start = time.perf_counter()
        json.loads(document)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1e6


class Run(NamedTuple):
    seconds: float
    peak_main: float  # MB (PSS)
    peak_tree: float
    report: str
    cpu: float  # CPU-seconds of the import's process tree
    others: float  # share of the machine's CPU time taken by other processes or stolen
    calibration: float  # µs (see calibrate)


def run_import(corpus: Path, env: dict[str, str]) -> Run:
    """One `relance import` process: its time, peak memory (of the importing process and
    of its whole process tree), report line, CPU, and what else the machine did meanwhile."""
    calibration = calibrate(corpus)
    machine_before = _machine_jiffies()
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "relance.cli", "import", str(corpus), "--as-of", "2026-11-24"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak_main = peak_tree = 0.0
    cpu: dict[int, float] = {}  # the last reading of each process of the tree
    stop = threading.Event()

    def sample() -> None:
        # CPU every 0.1 s (0.1 ms a reading), memory every 0.25 s: reading the processes'
        # PSS costs ~5 ms, CPU taken from the import it measures (the sampler's share shows
        # in "other load", about 1 %)
        nonlocal peak_main, peak_tree
        rounds = 0
        while not stop.wait(0.1):
            pids = _tree(process.pid)
            for pid in pids:
                if (seconds := _cpu_seconds(pid)) is not None:
                    cpu[pid] = seconds
            rounds += 1
            if rounds % 5 in (0, 3):  # every 0.2 then 0.3 s
                sizes = {pid: _pss_mb(pid) for pid in pids}
                peak_main = max(peak_main, sizes.get(process.pid, 0.0))
                peak_tree = max(peak_tree, sum(sizes.values()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    machine_after = _machine_jiffies()
    stop.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"import failed:\n{stderr[-2000:]}")
    report = next((line for line in stdout.splitlines() if line.startswith("read ")), "")
    # (the last 0.1 s of each process escapes the sampling: a slight underestimate)
    ours = sum(cpu.values())
    busy, steal, total = (
        after - before for after, before in zip(machine_after, machine_before, strict=True)
    )
    others = max(0.0, (busy + steal) / TICKS - ours) / (total / TICKS) if total else 0.0
    return Run(elapsed, peak_main, peak_tree, report, ours, others, calibration)


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
    parser.add_argument(
        "--postgres-url",
        help="an existing server, where the runs create (and drop) their own databases "
        "(else a throwaway server)",
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="first imports per backend (each into a new database)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

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

    backends = ["SQLite"] + ([] if args.no_postgres else ["PostgreSQL"])
    server = None
    if "PostgreSQL" in backends and not args.postgres_url:
        from tests import pg

        pg_dir = pg.make_base_dir()
        server = pg.start(pg_dir)
    results: list[tuple[str, list[Run], Run]] = []
    log = work / "var" / "logs" / "relance.log"
    try:
        for name in backends:
            firsts: list[Run] = []
            for attempt in range(args.repeat):
                logged = len(_timings(log))
                with _database(name, work / f"bench-{attempt}.db", args, server) as url:
                    env = {"RELANCE_DATA_DIR": str(work / "var"), "RELANCE_DATABASE_URL": url}
                    firsts.append(run_import(corpus, env))
                    print(name, "first", _brief(firsts[-1], args.questions), flush=True)
                    if attempt == args.repeat - 1:  # re-import into the last one
                        again = run_import(corpus, env)
                        print(name, "again", _brief(again, args.questions), flush=True)
                for line in _timings(log)[logged:]:  # these runs' own account
                    print(" ", name, line, flush=True)
            results.append((name, firsts, again))
    finally:
        if server is not None:
            pg.stop(pg_dir)
        shutil.rmtree(work, ignore_errors=True)

    machine = f"{platform.node()} — {os.cpu_count()} cores, Python {platform.python_version()}"
    repeat = f" --repeat {args.repeat}" if args.repeat > 1 else ""
    lines = [
        f"\n### `relance import`, {args.questions:,} questions ({size_mb:.0f} MB of zips) — "
        f"{today_paris().isoformat()}",
        "",
        f"Machine: {machine}. Command: `.venv/bin/python bench/import_bench.py "
        f"--questions {args.questions}{repeat}`.",
        "",
        "| backend | first import | questions/s | CPU per question, all processes "
        "| other load / steal | `json.loads` of a record | peak memory: importer / all processes "
        "| re-import (unchanged) | speed-up |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, firsts, again in results:
        for run in firsts:
            lines.append(
                f"| {name} | {run.seconds:.1f} s | {args.questions / run.seconds:,.0f} | "
                f"{run.cpu / args.questions * 1e6:.0f} µs | {run.others:.0%} | "
                f"{run.calibration:.1f} µs | {run.peak_main:.0f} MB / {run.peak_tree:.0f} MB | "
                + (
                    f"{again.seconds:.1f} s ({args.questions / again.seconds:,.0f}/s) | "
                    f"{firsts[-1].seconds / again.seconds:.1f}× |"
                    if run is firsts[-1]
                    else "| |"
                )
            )
    lines += [
        "",
        "Reports: " + " / ".join(f"{n}: `{f[-1].report}` then `{a.report}`" for n, f, a in results),
        "",
        "(Columns: see the introduction of this section.)",
    ]
    _add_to_section(args.out, "\n".join(lines) + "\n")
    print("\n".join(lines))


def _add_to_section(out: Path, block: str, heading: str = "## Import (") -> None:
    """Add ``block`` at the end of the import section of ``out`` (before the next section),
    or at the end of the file when it has no such section."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    start = text.find("\n" + heading)
    end = text.find("\n## ", start + 1) if start >= 0 else -1
    if end < 0:
        out.write_text(text + block, encoding="utf-8")
    else:
        out.write_text(text[:end].rstrip("\n") + "\n" + block + text[end:], encoding="utf-8")


def _brief(run: Run, questions: int) -> str:
    return (
        f"{run.seconds:.1f} s ({questions / run.seconds:,.0f}/s), "
        f"{run.cpu / questions * 1e6:.0f} CPU-µs a question, others {run.others:.0%}, "
        f"json.loads {run.calibration:.1f} µs, {run.peak_main:.0f}/{run.peak_tree:.0f} MB, "
        f"{run.report}"
    )


@contextmanager
def _database(
    backend: str, sqlite_file: Path, args: argparse.Namespace, server: Any
) -> Iterator[str]:
    """An empty database for one run: a new SQLite file, or a temporary database on the
    PostgreSQL server (dropped afterwards)."""
    if backend == "SQLite":
        try:
            yield f"sqlite:///{sqlite_file}"
        finally:  # ~0.5 GB each at 100,000 questions
            for leftover in (sqlite_file, *sqlite_file.parent.glob(sqlite_file.name + "-*")):
                leftover.unlink(missing_ok=True)
        return
    from tests import pg

    with pg.temporary_database(args.postgres_url or server.url, prefix="relance_bench") as url:
        yield url


if __name__ == "__main__":
    main()
