"""Raw SQLite cost of writing an import's rows, without Relance's code around it: replays
the questions and events of an imported database into a fresh one with plain `sqlite3`
(same schema, same pragmas, 1,000-question transactions), with the secondary indexes in
place, then with them built after loading. One command:

    .venv/bin/python bench/sqlite_replay.py var/bench/imported.db

(any SQLite database filled by `relance import`, e.g. RELANCE_DATA_DIR=var/bench
relance import var/bench/corpus-1-100000).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

PRAGMAS = (
    "journal_mode=wal",
    "synchronous=normal",
    "cache_size=-32768",
    "foreign_keys=on",
    "wal_autocheckpoint=16384",
)


def replay(source: sqlite3.Connection, target: Path, *, indexes_after: bool) -> float:
    questions = source.execute("SELECT * FROM questions").fetchall()
    events = source.execute(
        "SELECT uid, kind, ref, date, seen_at, ministry_key, detail FROM events"
    ).fetchall()
    tables = [
        r[0]
        for r in source.execute(
            "SELECT sql FROM sqlite_master WHERE type='table' AND name IN ('questions','events')"
        )
    ]
    indexes = [
        r[0]
        for r in source.execute(
            "SELECT sql FROM sqlite_master WHERE type='index' "
            "AND tbl_name IN ('questions','events') "
            "AND sql IS NOT NULL"
        )
    ]
    by_uid: dict[str, list[tuple]] = {}
    for event in events:
        by_uid.setdefault(event[0], []).append(event)
    db = sqlite3.connect(target)
    for pragma in PRAGMAS:
        db.execute(f"PRAGMA {pragma}")
    for sql in tables + ([] if indexes_after else indexes):
        db.execute(sql)
    db.commit()
    marks = ",".join("?" * len(questions[0]))
    start = time.perf_counter()
    for at in range(0, len(questions), 1000):
        chunk = questions[at : at + 1000]
        db.execute("BEGIN")
        db.executemany(f"INSERT INTO questions VALUES ({marks})", chunk)
        db.executemany(
            "INSERT INTO events (uid, kind, ref, date, seen_at, ministry_key, detail) "
            "VALUES (?,?,?,?,?,?,?)",
            [e for q in chunk for e in by_uid.get(q[0], [])],
        )
        db.commit()
    for sql in indexes if indexes_after else []:
        db.execute(sql)
    db.commit()
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def main() -> None:
    source = sqlite3.connect(sys.argv[1])
    count = source.execute("SELECT count(*) FROM questions").fetchone()[0]
    with tempfile.TemporaryDirectory() as work:
        before = replay(source, Path(work) / "a.db", indexes_after=False)
        after = replay(source, Path(work) / "b.db", indexes_after=True)
    print(
        f"{count} questions: {before:.1f} s with the indexes in place "
        f"({before / count * 1e6:.0f} µs each), {after:.1f} s with the secondary indexes "
        f"built after loading ({after / count * 1e6:.0f} µs each)"
    )


if __name__ == "__main__":
    main()
