"""Benchmark of the search index against SQLite FTS5, on one generated corpus. One command:

    .venv/bin/python bench/search_bench.py --questions 100000

Generates (once, under var/bench/) a corpus of the 16th and 17th legislatures, imports it
with `relance import` into a fresh SQLite database, then measures side by side:

- Whoosh (`index/`): full build (documents/s, size), an incremental update of 1,000 changed
  questions, and the latency of a fixed, seeded set of at least 500 queries of nine kinds
  (single words, two-word AND, phrases, prefixes, OR, filters, date ranges, date sort,
  numbers), each with the six facet counts and top-10 highlights, on a warm searcher;
- SQLite FTS5 (`unicode61 remove_diacritics 2`, no stemming) over the same plain texts,
  the same queries translated to MATCH + SQL filters, `bm25()` or date order, `snippet()`
  for highlights and GROUP BY for the facets: the native-speed reference.

The query set is written next to the results (`queries-{seed}.json`) so runs compare.
Results are printed as Markdown, to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = {  # kind → how many queries
    "word": 100,
    "two_words": 80,
    "phrase": 60,
    "prefix": 40,
    "or": 30,
    "filter": 80,
    "date_range": 40,
    "date_sort": 40,
    "number": 30,
}
FACETS = {  # facet → SQL expression over questions q
    "rubrique": "q.rubrique_key",
    "ministere": "q.ministere_attributaire_key",
    "groupe": "q.groupe_abrege",
    "statut": "q.status",
    "legislature": "q.legislature",
    "annee": "substr(q.date_publication, 1, 4)",
}
WORD = re.compile(r"[a-zàâäçéèêëîïôöûùüœ]{5,}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# -- the query set ------------------------------------------------------------------------------


def make_queries(db: sqlite3.Connection, seed: int) -> list[dict[str, Any]]:
    """A fixed, varied set from the corpus's own words, filters and numbers."""
    from relance.text import html_to_text

    rng = random.Random(seed)
    rows = db.execute(
        "SELECT texte_question_html, texte_reponse_html FROM questions ORDER BY uid LIMIT 3000"
    ).fetchall()
    texts = [html_to_text(a or "") + " " + html_to_text(b or "") for a, b in rows]
    counts: Counter[str] = Counter(w for t in texts for w in WORD.findall(t.lower()))
    frequent = [w for w, _ in counts.most_common(300)][20:]  # past the most common
    rare = [w for w, c in counts.items() if 2 <= c <= 6]
    words = frequent + rare[:200]
    pairs = []
    for text in rng.sample(texts, min(400, len(texts))):
        tokens = text.split()
        if len(tokens) > 8:
            i = rng.randrange(len(tokens) - 2)
            pair = " ".join(tokens[i : i + 2]).strip(".,;:()«»\"'")
            if WORD.search(pair.lower()) and '"' not in pair:
                pairs.append(pair)
    rubriques = [
        r for (r,) in db.execute("SELECT DISTINCT rubrique_key FROM questions ORDER BY 1") if r
    ]
    ministries = [
        m
        for (m,) in db.execute(
            "SELECT DISTINCT ministere_attributaire_key FROM questions ORDER BY 1"
        )
        if m
    ]
    groups = [
        g for (g,) in db.execute("SELECT DISTINCT groupe_abrege FROM questions ORDER BY 1") if g
    ]
    # drawn with the seeded generator (SQL's random() is not seeded: runs would differ)
    numbers = rng.sample(
        [n for (n,) in db.execute("SELECT number FROM questions ORDER BY uid")], 50
    )
    queries: list[dict[str, Any]] = []

    def add(kind: str, text: str, **extra: Any) -> None:
        queries.append({"kind": kind, "text": text, **extra})

    for _ in range(KINDS["word"]):
        add("word", rng.choice(words))
    for _ in range(KINDS["two_words"]):
        add("two_words", " ".join(rng.sample(frequent, 2)))
    for _ in range(KINDS["phrase"]):
        add("phrase", f'"{rng.choice(pairs)}"')
    for _ in range(KINDS["prefix"]):
        add("prefix", rng.choice(frequent)[:6] + "*")
    for _ in range(KINDS["or"]):
        add("or", " OR ".join(rng.sample(words, 2)))
    filters = [
        ("rubrique", rubriques),
        ("ministere", ministries),
        ("groupe", groups),
        ("statut", ["pending", "answered"]),
        ("legislature", [16, 17]),
    ]
    for i in range(KINDS["filter"]):
        name, values = filters[i % len(filters)]
        add("filter", rng.choice(frequent), filters={name: rng.choice(values)})
    for _ in range(KINDS["date_range"]):
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(600))
        add(
            "date_range",
            rng.choice(frequent),
            date_from=start.isoformat(),
            date_to=(start + timedelta(days=90)).isoformat(),
        )
    for _ in range(KINDS["date_sort"]):
        add("date_sort", rng.choice(frequent), sort="date")
    for _ in range(KINDS["number"]):
        add("number", f"n° {rng.choice(numbers)}")
    return queries


# -- Whoosh ---------------------------------------------------------------------------------------


def whoosh_query(index_dir: Path, q: dict[str, Any]) -> tuple[float, int]:
    from index import SearchQuery, search

    query = SearchQuery(
        text=q["text"],
        filters=q.get("filters", {}),
        date_from=date.fromisoformat(q["date_from"]) if q.get("date_from") else None,
        date_to=date.fromisoformat(q["date_to"]) if q.get("date_to") else None,
        sort=q.get("sort", "relevance"),
        size=10,
    )
    began = time.perf_counter()
    result = search(index_dir, query)
    return (time.perf_counter() - began) * 1000, result.total


# -- FTS5 -----------------------------------------------------------------------------------------


def build_fts(db: sqlite3.Connection) -> float:
    from relance.text import html_to_text

    began = time.perf_counter()
    db.execute("DROP TABLE IF EXISTS fts")
    db.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(uid UNINDEXED, question, answer, analyses, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    rows = db.execute(
        "SELECT uid, texte_question_html, texte_reponse_html, analyses FROM questions"
    )
    db.executemany(
        "INSERT INTO fts (uid, question, answer, analyses) VALUES (?, ?, ?, ?)",
        (
            (uid, html_to_text(qh or ""), html_to_text(ah or ""), " ".join(json.loads(an or "[]")))
            for uid, qh, ah, an in rows
        ),
    )
    db.commit()
    return time.perf_counter() - began


def fts_match(text: str) -> str | None:
    """The query in FTS5 syntax (numbers are looked up by column, not matched)."""
    text = text.strip()
    if text.startswith("n° "):
        return None
    if text.startswith('"'):
        return text
    if " OR " in text:
        return " OR ".join(f'"{w}"' for w in text.split(" OR "))
    if text.endswith("*"):
        return f'"{text[:-1]}"*'
    return " ".join(f'"{w}"' for w in text.split())


def fts_query(db: sqlite3.Connection, q: dict[str, Any]) -> tuple[float, int]:
    began = time.perf_counter()
    where, params = [], []
    match = fts_match(q["text"])
    if match is None:
        where.append("q.number = ?")
        params.append(int(q["text"].split()[-1]))
    for name, value in q.get("filters", {}).items():
        column = {
            "rubrique": "q.rubrique_key",
            "ministere": "q.ministere_attributaire_key",
            "groupe": "q.groupe_abrege",
            "statut": "q.status",
            "legislature": "q.legislature",
        }[name]
        where.append(f"{column} = ?")
        params.append(value)
    if q.get("date_from"):
        where.append("q.date_publication BETWEEN ? AND ?")
        params += [q["date_from"], q["date_to"]]
    source = "questions q"
    if match is not None:
        source = "fts JOIN questions q ON q.uid = fts.uid"
        where.insert(0, "fts MATCH ?")
        params.insert(0, match)
    condition = " AND ".join(where) or "1"
    db.execute("DROP TABLE IF EXISTS temp.hits")
    db.execute(
        f"CREATE TEMP TABLE hits AS SELECT q.uid AS uid FROM {source} WHERE {condition}", params
    )
    total = db.execute("SELECT count(*) FROM temp.hits").fetchone()[0]
    order = "q.date_publication DESC" if q.get("sort") == "date" or match is None else "bm25(fts)"
    if match is not None:
        db.execute(
            f"SELECT q.uid, snippet(fts, 1, '<mark>', '</mark>', '…', 12), "
            f"snippet(fts, 2, '<mark>', '</mark>', '…', 12) FROM {source} WHERE {condition} "
            f"ORDER BY {order} LIMIT 10",
            params,
        ).fetchall()
    for expression in FACETS.values():
        db.execute(
            f"SELECT {expression}, count(*) FROM temp.hits h JOIN questions q ON q.uid = h.uid "
            f"GROUP BY 1 ORDER BY 2 DESC LIMIT 20"
        ).fetchall()
    return (time.perf_counter() - began) * 1000, total


# -- run ------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="Reuse a corpus (default var/bench/…).")
    parser.add_argument(
        "--fts-every",
        type=int,
        default=1,
        help="Run FTS5 on every Nth query only (at 1,000,000 questions its queries take "
        "seconds each); its columns and the ratio are then over those queries.",
    )
    args = parser.parse_args()

    from sqlalchemy import bindparam, func, select, update

    from index import close_searchers, update_index
    from relance.dates import today_paris
    from relance.db.engine import make_engine
    from relance.db.models import QuestionRow
    from relance.demo import generate_corpus

    corpus = args.corpus or ROOT / "var" / "bench" / f"search-{args.seed}-{args.questions}"
    if not (corpus / "manifest.json").exists():
        generate_corpus(
            corpus, questions=args.questions, seed=args.seed, legislatures=(16, 17), pages=False
        )
    work = Path(tempfile.mkdtemp(prefix="relance-search-"))
    database = work / "relance.db"
    env = {
        **os.environ,
        "RELANCE_DATA_DIR": str(work),
        "RELANCE_DATABASE_URL": f"sqlite:///{database}",
    }
    subprocess.run(
        [sys.executable, "-m", "relance", "import", str(corpus)], env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    engine = make_engine(f"sqlite:///{database}")
    index_dir = work / "index"
    with engine.begin() as connection:  # an import of yesterday, not of a minute ago:
        # else the incremental update's 10-minute overlap would re-read every row
        connection.execute(
            update(QuestionRow.__table__).values(updated_at=datetime.now(UTC) - timedelta(days=1))
        )

    report = update_index(engine, index_dir, rebuild=True)
    size = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file()) / 1e6
    build = {"seconds": report.seconds, "docs_per_s": report.docs_per_s, "size_mb": size}
    from whoosh import index as whoosh_index

    generation = whoosh_index.open_dir(str(index_dir / report.generation))
    segments = len(generation._segments())
    generation.close()

    with engine.begin() as connection:  # 1,000 questions change (through the column types)
        table = QuestionRow.__table__
        rows = connection.execute(
            select(table.c.uid, table.c.texte_question_html).order_by(func.random()).limit(1000)
        ).all()
        later = datetime.now(UTC) + timedelta(seconds=5)
        connection.execute(
            update(table)
            .where(table.c.uid == bindparam("key"))
            .values(
                texte_question_html=bindparam("html"),
                content_hash=bindparam("hash"),
                updated_at=later,
            ),
            [
                {"key": uid, "html": (html or "") + " Mise à jour.", "hash": f"changed-{uid}"}
                for uid, html in rows
            ],
        )
    incremental = update_index(engine, index_dir)

    db = sqlite3.connect(database)
    queries = make_queries(db, args.seed)
    (work / f"queries-{args.seed}.json").write_text(json.dumps(queries, ensure_ascii=False))
    fts_build = build_fts(db)
    fts_size = (
        db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'fts%'").fetchone()[0]
        if _has_dbstat(db)
        else None
    )

    began = time.perf_counter()
    whoosh_query(index_dir, {"text": "ministre"})  # opens the searcher
    open_ms = (time.perf_counter() - began) * 1000
    timings: dict[str, dict[str, list[float]]] = {"whoosh": {}, "fts5": {}}
    sampled: dict[str, dict[str, list[float]]] = {"whoosh": {}}  # where FTS5 ran too
    hits: dict[str, Counter[str]] = {
        "whoosh": Counter(),
        "whoosh_sampled": Counter(),
        "fts5": Counter(),
    }
    for number, q in enumerate(queries):
        ms, total = whoosh_query(index_dir, q)
        timings["whoosh"].setdefault(q["kind"], []).append(ms)
        hits["whoosh"][q["kind"]] += total
        if number % args.fts_every:
            continue
        sampled["whoosh"].setdefault(q["kind"], []).append(ms)
        hits["whoosh_sampled"][q["kind"]] += total
        ms, total = fts_query(db, q)
        timings["fts5"].setdefault(q["kind"], []).append(ms)
        hits["fts5"][q["kind"]] += total
    close_searchers()

    print(
        f"### {args.questions:,} questions — {today_paris()} · {platform.node()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()} · SQLite "
        f"{sqlite3.sqlite_version}\n"
    )
    print("| build | seconds | documents/s | size (MB) |\n|---|---:|---:|---:|")
    print(
        f"| Whoosh (`relance index --rebuild`) | {build['seconds']:.0f} | "
        f"{build['docs_per_s']:,.0f} | {build['size_mb']:.0f} |"
    )
    fts_rate = args.questions / fts_build
    print(
        f"| SQLite FTS5 | {fts_build:.0f} | {fts_rate:,.0f} | "
        f"{fts_size / 1e6 if fts_size else float('nan'):.0f} |"
    )
    print(
        f"\nIncremental update of 1,000 changed questions (Whoosh): "
        f"{incremental.seconds:.1f} s ({incremental.indexed} indexed). "
        f"Opening the searcher: {open_ms:.0f} ms. Segments after the rebuild: {segments}.\n"
    )
    print(
        "| queries | n | Whoosh p50 | p95 | p99 | FTS5 p50 | p95 | p99 | p95 ratio | hits "
        "Whoosh / FTS5 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )

    def pooled(table: dict[str, list[float]], kind: str) -> list[float]:
        return [x for v in table.values() for x in v] if kind == "all" else table.get(kind, [])

    for kind in [*KINDS, "all"]:
        w, f = pooled(timings["whoosh"], kind), pooled(timings["fts5"], kind)
        ws = pooled(sampled["whoosh"], kind)  # the queries FTS5 ran too
        wh = sum(hits["whoosh_sampled"].values()) if kind == "all" else hits["whoosh_sampled"][kind]
        fh = sum(hits["fts5"].values()) if kind == "all" else hits["fts5"][kind]
        fts = (
            f"{percentile(f, 0.5):.1f} | {percentile(f, 0.95):.1f} | {percentile(f, 0.99):.1f} | "
            f"{ratio(ws, f):.1f}× | {wh / max(fh, 1):.2f}"
            if f
            else "– | – | – | – | –"
        )
        print(
            f"| {kind} | {len(w)} | {percentile(w, 0.5):.1f} | {percentile(w, 0.95):.1f} | "
            f"{percentile(w, 0.99):.1f} | {fts} |"
        )
    if args.fts_every > 1:
        print(
            f"\nFTS5 ran every {args.fts_every}th query ({sum(map(len, timings['fts5'].values()))}"
            " queries); its columns, the ratio and the hits compare over those queries."
        )


def ratio(whoosh: list[float], fts: list[float]) -> float:
    return percentile(whoosh, 0.95) / max(percentile(fts, 0.95), 1e-3)


def _has_dbstat(db: sqlite3.Connection) -> bool:
    try:
        db.execute("SELECT 1 FROM dbstat LIMIT 1")
    except sqlite3.Error:
        return False
    return True


if __name__ == "__main__":
    main()
