"""Load benchmark of the web app: gunicorn with 2 workers, wrk on 127.0.0.1. One command:

    .venv/bin/python bench/web_bench.py --questions 100000

Prepares (once, under var/bench/web-{seed}-{n}/) a data directory with the generated
corpus imported and indexed through the CLI (`relance demo-data`, `relance import`,
`relance index`), or reuses one given with --data-dir (relance.db and index/). Then starts
`relance serve --workers 2` on a free loopback port and, for each kind of page, runs wrk
(Debian's `wrk`, 2 threads, 16 connections) over a varied list of URLs of that kind:

- overdue: the home page, its pages and filters;
- scoreboard: /ministeres, per legislature and period, sorted;
- question: question pages (a random sample of uids);
- deputy: deputy pages;
- search: full-text searches with facets and highlights (words from the corpus, some
  with a filter).

Each kind is measured twice: "cold", the first pass over its URLs after a restart (what
no cache has seen, one client), then under load, after three concurrent passes have
filled both workers' caches (steady state: the aggregate, page and search caches warm).
Requests/s and p50/p95/p99 latencies are printed as Markdown, with the machine, to paste
into docs/benchmarks.md. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
RELANCE = [sys.executable, "-m", "relance"]

LUA = r"""
local urls = {}
for line in io.lines(os.getenv("WRK_URLS")) do urls[#urls + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", urls[(counter % #urls) + 1])
end
done = function(summary, latency, requests)
  local out = string.format(
    '{"requests": %d, "seconds": %.3f, "errors": %d, "non2xx": %d, '
    .. '"p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f}',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000)
  io.stderr:write("WRK_RESULT " .. out .. "\n")
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(data_dir: Path, questions: int, seed: int, env: dict[str, str]) -> None:
    if (data_dir / "relance.db").exists() and (data_dir / "index" / "CURRENT").exists():
        return
    corpus = data_dir / "corpus"
    data_dir.mkdir(parents=True, exist_ok=True)
    steps = [
        [*RELANCE, "demo-data", "-n", str(questions), "--seed", str(seed), "--out", str(corpus),
         "--no-pages"],
        [*RELANCE, "import", str(corpus)],
        [*RELANCE, "index", "--rebuild"],
    ]  # fmt: skip
    for step in steps:
        print("$", " ".join(step[2:]), file=sys.stderr)
        subprocess.run(step, env=env, check=True)


def url_lists(database: Path, seed: int) -> dict[str, list[str]]:
    """Varied URLs per kind, drawn from the data (seeded)."""
    rng = random.Random(seed)
    db = sqlite3.connect(database)
    uids = [u for (u,) in db.execute("SELECT uid FROM questions ORDER BY random() LIMIT 300")]
    deputies = [
        d
        for (d,) in db.execute(
            "SELECT deputy_ref FROM questions WHERE deputy_ref IS NOT NULL "
            "GROUP BY deputy_ref ORDER BY random() LIMIT 100"
        )
    ]
    ministries = [m for (m,) in db.execute("SELECT key FROM ministries ORDER BY key")]
    rubriques = [r for (r,) in db.execute("SELECT key FROM rubriques ORDER BY key")]
    words = []
    for (text,) in db.execute("SELECT texte_question_html FROM questions ORDER BY uid LIMIT 2000"):
        words += re.findall(r"[a-zàâäçéèêëîïôöûùüœ]{6,}", (text or "").lower())
    pool = list(dict.fromkeys(words))[:400]
    db.close()
    overdue = ["/", "/?_page=2", "/?legislature=17", "/?signalee=1", "/?_sort=date"]
    overdue += [f"/?ministere={quote(m)}" for m in rng.sample(ministries, min(20, len(ministries)))]
    overdue += [f"/?rubrique={quote(r)}" for r in rng.sample(rubriques, min(20, len(rubriques)))]
    scoreboard = ["/ministeres", "/ministeres?legislature=17", "/ministeres?legislature=16"]
    scoreboard += [f"/ministeres?_sort={c}" for c in ("answer_rate", "overdue", "received")]
    scoreboard += [
        "/ministeres?depuis=2024-01-01",
        "/ministeres?depuis=2025-01-01&jusqua=2025-12-31",
    ]
    search = []
    for word in rng.sample(pool, min(150, len(pool))):
        url = f"/recherche?q={quote(word)}"
        if rng.random() < 0.3:
            url += f"&ministere={quote(rng.choice(ministries))}"
        search.append(url)
    return {
        "overdue": overdue,
        "scoreboard": scoreboard,
        "question": [f"/questions/{u}" for u in uids],
        "deputy": [f"/deputes/{d}" for d in deputies],
        "search": search,
    }


def run_wrk(base: str, urls: list[str], seconds: int, connections: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        script, listing = Path(tmp) / "urls.lua", Path(tmp) / "urls.txt"
        script.write_text(LUA)
        listing.write_text("\n".join(urls) + "\n")
        done = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
             "-s", str(script), base],
            env={**os.environ, "WRK_URLS": str(listing)}, capture_output=True, text=True,
            check=True,
        )  # fmt: skip
    line = next(x for x in done.stderr.splitlines() if x.startswith("WRK_RESULT "))
    result = json.loads(line.split(" ", 1)[1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def cold_pass(base: str, urls: list[str]) -> list[float]:
    """Each URL once, sequentially: what a first visitor waits (milliseconds)."""
    times = []
    for url in urls:
        began = time.perf_counter()
        with urllib.request.urlopen(base + url, timeout=60) as response:
            response.read()
        times.append((time.perf_counter() - began) * 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, help="reuse relance.db + index/ from here")
    parser.add_argument("--seconds", type=int, default=20, help="wrk duration per kind")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--today", default=None, help="freeze the app's today (ISO date)")
    args = parser.parse_args()

    data_dir = args.data_dir or ROOT / "var" / "bench" / f"web-{args.seed}-{args.questions}"
    env = {
        **os.environ,
        "RELANCE_DATA_DIR": str(data_dir),
        "RELANCE_DATABASE_URL": f"sqlite:///{data_dir / 'relance.db'}",
    }
    env.pop("RELANCE_INDEX_DIR", None)
    if args.today:
        env["RELANCE_TODAY"] = args.today
    prepare(data_dir, args.questions, args.seed, env)
    with sqlite3.connect(data_dir / "relance.db") as db:
        count = db.execute("SELECT count(*) FROM questions").fetchone()[0]
    lists = url_lists(data_dir / "relance.db", args.seed)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*RELANCE, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/ministeres", timeout=60).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("the server did not start")
        rows = []
        for kind, urls in lists.items():
            cold = cold_pass(base, urls)
            # Caches are per worker process: a few concurrent passes fill both workers'
            # before the measure (steady state; the cold pass above is the first visit).
            with ThreadPoolExecutor(4) as pool:
                list(pool.map(lambda url: cold_pass(base, [url]), urls * 3))
            warm = run_wrk(base, urls, args.seconds, args.connections)
            rows.append((kind, len(urls), cold, warm))
            print(f"{kind}: {warm}", file=sys.stderr)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)

    print(f"### Web app under load — {count:,} questions, {datetime.now(UTC).date().isoformat()}\n")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; gunicorn 2 workers (`relance serve`), wrk -t2 "
        f"-c{args.connections} -d{args.seconds}s on 127.0.0.1, round-robin over each "
        f"kind's URLs. Cold: each URL once, one client, first visit after start.\n"
    )
    print("| page | URLs | cold p50 ms | cold p95 ms | req/s (16 clients) | p50 ms | p95 ms "
          "| p99 ms | errors |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind, n, cold, warm in rows:
        print(
            f"| {kind} | {n} | {percentile(cold, 0.5):.0f} | {percentile(cold, 0.95):.0f} "
            f"| {warm['rps']:.0f} | {warm['p50']:.1f} | {warm['p95']:.1f} | {warm['p99']:.1f} "
            f"| {warm['errors'] + warm['non2xx']} |"
        )


if __name__ == "__main__":
    main()
