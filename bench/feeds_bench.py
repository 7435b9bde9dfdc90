"""Latency of the feeds and calendars (Atom, RSS, iCalendar), in process with Flask's test
client. One command:

    .venv/bin/python bench/feeds_bench.py --data-dir /tmp/wa/big

over a data directory holding relance.db and index/ (the schema is brought up to date
first, as every command does, and the calendars' events are pre-rendered as `relance
update` leaves them); without --data-dir, one is prepared once under
var/bench/feeds-{seed}-{n}/ through the CLI (`relance demo-data`, `relance import`,
`relance index`). For each kind of feed, a seeded sample of URLs drawn from the data
(every ministry size, rubriques, groups, deputies with many and few questions,
legislatures, search words, watchlists; Atom and RSS alternately) is requested these ways:

- fresh: the app without its page cache, and the calendars' in-process event cache
  emptied before each request: every feed is generated from the database (calendars read
  their pre-rendered events; the small aggregates — names, which keys exist — stay
  cached, as in a running worker);
- again: the same URL generated once more;
- cached: the page cache on, second request of the same URL (200 with the whole body);
- 304: the same, with the ETag of the first answer in If-None-Match;
- cold (calendars): nothing pre-rendered, nothing cached: every event serialized by
  icalendar during the request (a question changed since the last update costs this).

Prints p50/p95 (ms) per kind as Markdown, with the machine, to paste into
docs/benchmarks.md. Nothing leaves the process.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RELANCE = [sys.executable, "-m", "relance"]


def prepare(data_dir: Path, questions: int, seed: int) -> None:
    if (data_dir / "relance.db").exists() and (data_dir / "index" / "CURRENT").exists():
        return
    env = {
        **os.environ,
        "RELANCE_DATA_DIR": str(data_dir),
        "RELANCE_DATABASE_URL": f"sqlite:///{data_dir / 'relance.db'}",
    }
    env.pop("RELANCE_INDEX_DIR", None)
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


def _spread(values: list[str], n: int, rng: random.Random) -> list[str]:
    """``n`` values spread over a list sorted by size (big, middle and small ones)."""
    if len(values) <= n:
        return list(values)
    step = len(values) / n
    return [values[min(len(values) - 1, int(i * step + rng.random() * step))] for i in range(n)]


def url_lists(database: Path, seed: int, n: int) -> dict[str, list[str]]:
    """Per kind of feed, ``n`` URLs drawn from the data (seeded)."""
    rng = random.Random(seed)
    db = sqlite3.connect(database)

    def by_size(column: str, where: str = "1 = 1") -> list[str]:
        return [
            str(v)
            for (v,) in db.execute(
                f"SELECT {column} FROM questions WHERE {column} IS NOT NULL AND {where} "
                f"GROUP BY {column} ORDER BY count(*) DESC, {column}"
            )
        ]

    ministries = by_size("ministere_attributaire_key")
    rubriques = by_size("rubrique_key")
    groups = by_size("groupe_ref") + by_size("groupe_abrege")
    deputies = by_size("deputy_ref")
    pending_deputies = by_size("deputy_ref", "status = 'pending'")
    pending_ministries = by_size("ministere_attributaire_key", "status = 'pending'")
    legislatures = by_size("legislature")
    uids = [u for (u,) in db.execute("SELECT uid FROM questions ORDER BY random() LIMIT 4000")]
    words: list[str] = []
    for (text,) in db.execute("SELECT texte_question_html FROM questions ORDER BY uid LIMIT 2000"):
        words += re.findall(r"[a-zàâäçéèêëîïôöûùüœ]{6,}", (text or "").lower())
    db.close()
    pool = list(dict.fromkeys(words))[:400]

    def fmt(i: int) -> str:
        return "atom" if i % 2 == 0 else "rss"

    def feed(kind: str, param: str, values: list[str]) -> list[str]:
        return [
            f"/flux/{kind}.{fmt(i)}?{param}={quote(v)}"
            for i, v in enumerate(_spread(values, n, rng))
        ]

    def watchlist(i: int) -> str:
        q = ",".join(rng.sample(uids, rng.choice((5, 20, 100))))
        refs = ",".join(rng.sample(deputies, rng.choice((0, 1, 3))))
        return f"q={q}" + (f"&deputes={refs}" if refs else "")

    lists = {
        "reponses (all)": [f"/flux/reponses.{fmt(i)}" for i in range(n)],
        "reponses ?ministere": feed("reponses", "ministere", ministries),
        "reponses ?rubrique": feed("reponses", "rubrique", rubriques),
        "reponses ?groupe": feed("reponses", "groupe", groups),
        "reponses ?depute": feed("reponses", "depute", deputies),
        "reponses ?legislature": feed("reponses", "legislature", legislatures * n),
        "questions (all)": [f"/flux/questions.{fmt(i)}" for i in range(n)],
        "questions ?ministere": feed("questions", "ministere", ministries),
        "questions ?depute": feed("questions", "depute", deputies),
        "retards (all, ?ministere)": [
            "/flux/retards.atom",
            "/flux/retards.rss",
            *feed("retards", "ministere", ministries)[: n - 2],
        ],
        "signalements (all, ?ministere)": [
            "/flux/signalements.atom",
            *feed("signalements", "ministere", ministries)[: n - 1],
        ],
        "recherche.atom?q=": [
            f"/recherche.{fmt(i)}?q={quote(w)}" + ("&_flux=questions" if i % 3 == 2 else "")
            for i, w in enumerate(rng.sample(pool, min(n, len(pool))))
        ],
        "suivi.atom?q=…&deputes=…": [
            f"/suivi.{fmt(i)}?{watchlist(i)}" + ("&_flux=questions" if i % 3 == 2 else "")
            for i in range(n)
        ],
        "echeances.ics ?ministere": [
            f"/flux/echeances.ics?ministere={quote(v)}" for v in _spread(pending_ministries, n, rng)
        ],
        "echeances.ics ?depute": [
            f"/flux/echeances.ics?depute={quote(v)}" for v in _spread(pending_deputies, n, rng)
        ],
        "suivi.ics": [f"/suivi.ics?{watchlist(i)}" for i in range(n)],
    }
    return {kind: urls[:n] for kind, urls in lists.items() if urls}


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, help="reuse relance.db + index/ from here")
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--urls", type=int, default=30, help="URLs per kind of feed")
    parser.add_argument("--today", default=None, help="freeze the app's today (ISO date)")
    args = parser.parse_args()

    from relance.calendar import prerender_events
    from relance.db.engine import make_engine
    from relance.db.migrate import upgrade
    from webapp import calendars, create_app

    data_dir = args.data_dir or ROOT / "var" / "bench" / f"feeds-{args.seed}-{args.questions}"
    prepare(data_dir, args.questions, args.seed)
    url = f"sqlite:///{data_dir / 'relance.db'}"
    engine = make_engine(url)
    upgrade(engine)
    # What `relance update` leaves: the calendars' events pre-rendered (for the test
    # client's base URL), only the changed ones redone on later runs.
    started = time.perf_counter()
    prerendered = prerender_events(engine, "http://localhost")
    prerender_seconds = time.perf_counter() - started
    engine.dispose()
    with sqlite3.connect(data_dir / "relance.db") as db:
        count = db.execute("SELECT count(*) FROM questions").fetchone()[0]
        latest = db.execute("SELECT max(date_publication) FROM questions").fetchone()[0]
        sqlite_version = db.execute("SELECT sqlite_version()").fetchone()[0]
    today = args.today or latest or date.today().isoformat()  # noqa: DTZ011
    lists = url_lists(data_dir / "relance.db", args.seed, args.urls)
    config = {
        "TESTING": True,
        "RELANCE_DATABASE_URL": url,
        "RELANCE_INDEX_DIR": str(data_dir / "index"),
        "RELANCE_TODAY": today,
    }
    fresh_app = create_app({**config, "RELANCE_PAGE_CACHE_SIZE": 0})
    cached_app = create_app(config)
    fresh, cached = fresh_app.test_client(), cached_app.test_client()
    # What a running worker has: the index open, names and keys cached (not measured).
    for urls in lists.values():
        for client in (fresh, cached):
            client.get(urls[0])

    rows = []
    for kind, urls in lists.items():
        times: dict[str, list[float]] = {"fresh": [], "again": [], "cached": [], "304": []}
        sizes, statuses = [], set()
        for link in urls:
            if link.endswith(".ics") or ".ics?" in link:
                # Cold: nothing pre-rendered, nothing in this process: all serialized now.
                calendars._events.clear()
                saved = calendars.stored_events
                calendars.stored_events = lambda engine, uids: {}  # type: ignore[assignment]
                try:
                    times.setdefault("cold", []).append(timed(lambda link=link: fresh.get(link)))
                finally:
                    calendars.stored_events = saved  # type: ignore[assignment]
            calendars._events.clear()
            response = None

            def get_fresh(link: str = link) -> None:
                nonlocal response
                response = fresh.get(link)

            times["fresh"].append(timed(get_fresh))
            assert response is not None
            statuses.add(response.status_code)
            sizes.append(len(response.data))
            times["again"].append(timed(lambda link=link: fresh.get(link)))
            first = cached.get(link)
            times["cached"].append(timed(lambda link=link: cached.get(link)))
            etag = first.headers.get("ETag", "")
            revalidated = cached.get(link, headers={"If-None-Match": etag})
            statuses.add(revalidated.status_code)
            headers = {"If-None-Match": etag}
            times["304"].append(timed(lambda link=link, h=headers: cached.get(link, headers=h)))
        rows.append((kind, len(urls), times, statistics.mean(sizes), sorted(statuses)))
        print(
            f"{kind}: fresh p95 {pct(times['fresh'], 0.95):.1f} ms, statuses {sorted(statuses)}",
            file=sys.stderr,
        )

    day = datetime.now(UTC).date().isoformat()
    print(f"### Feeds and calendars — {count:,} questions, {day}\n")
    print(
        f"`.venv/bin/python bench/feeds_bench.py --data-dir {data_dir}` — Flask test client in "
        f"one process; {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite {sqlite_version}; today = {today}; "
        f"{args.urls} URLs per kind (seed {args.seed}), Atom and RSS alternately, default "
        "`_size` (50 entries; calendars 500 questions). Fresh: generated from the database "
        "(no page cache; calendars' in-process event cache emptied: their events come "
        "pre-rendered from the database, as `relance update` leaves them). Again: generated "
        "once more. Cached: the page cache's copy. 304: If-None-Match with the feed's ETag. "
        "Cold (calendars only): nothing pre-rendered and nothing cached, every event "
        "serialized by icalendar during the request.\n"
    )
    print(
        f"Pre-rendering the calendars' events (`relance calendars`, before measuring): "
        f"{prerendered.rendered:,} events rendered, {prerendered.kept:,} kept, for "
        f"{prerendered.pending:,} pending questions, in {prerender_seconds:.1f} s.\n"
    )
    print(
        "| feed | URLs | fresh p50 ms | fresh p95 ms | again p50 | again p95 | cached p50 "
        "| cached p95 | 304 p50 | 304 p95 | cold p95 | mean KB | statuses |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for kind, n, times, size, statuses in rows:
        cells = " | ".join(
            f"{pct(times[mode], 0.5):.1f} | {pct(times[mode], 0.95):.1f}"
            for mode in ("fresh", "again", "cached", "304")
        )
        cold = f"{pct(times['cold'], 0.95):.1f}" if times.get("cold") else "—"
        print(f"| {kind} | {n} | {cells} | {cold} | {size / 1024:.0f} | {statuses} |")


if __name__ == "__main__":
    main()
