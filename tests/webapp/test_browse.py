"""The core read queries behind the pages (``relance.db.browse``), the overdue list's query
plan, and the aggregate cache."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from relance.db import browse, queries
from relance.db.browse import Dimension, Filters
from tests.index.conftest import load_corpus
from tests.webapp.conftest import AS_OF, TODAY, Corpus, make_app
from webapp import warm_up
from webapp.cache import Cache


def _captured_sql(corpus: Corpus, run: Any) -> list[tuple[str, Any]]:
    statements: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        statements.append((statement, parameters))

    event.listen(corpus.engine, "before_cursor_execute", capture)
    try:
        run()
    finally:
        event.remove(corpus.engine, "before_cursor_execute", capture)
    return statements


def test_overdue_list_uses_the_status_due_date_index(corpus: Corpus) -> None:
    statements = _captured_sql(
        corpus, lambda: queries.overdue(corpus.engine, today=AS_OF, limit=50, offset=100)
    )
    [(sql, parameters)] = statements
    assert "LIMIT" in sql and "OFFSET" in sql
    with corpus.engine.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters).all()
    details = " ".join(str(row[-1]) for row in plan)
    assert "ix_questions_status_due_date" in details, details


def test_offset_pages_the_same_order(corpus: Corpus) -> None:
    everything = queries.overdue(corpus.engine, today=AS_OF)
    page = queries.overdue(corpus.engine, today=AS_OF, limit=7, offset=14)
    assert [i.uid for i in page] == [i.uid for i in everything[14:21]]
    assert queries.overdue_count(corpus.engine, today=AS_OF) == len(everything)


def test_stats_of_nothing_is_one_empty_row(corpus: Corpus) -> None:
    [row] = browse.stats(corpus.engine, today=AS_OF, filters=Filters(ministere="nope"))
    assert (row.key, row.received, row.answer_rate, row.median_delay_days) == ("all", 0, None, None)
    assert (
        browse.stats(
            corpus.engine, today=AS_OF, by=Dimension.RUBRIQUE, filters=Filters(ministere="nope")
        )
        == []
    )


def test_stats_per_dimension_add_up(corpus: Corpus) -> None:
    total = corpus.scalar("SELECT count(*) FROM questions")
    for dimension in Dimension:
        rows = browse.stats(corpus.engine, today=AS_OF, by=dimension)
        assert sum(r.received for r in rows) == total, dimension
        assert len({r.key for r in rows}) == len(rows)
    [overall] = browse.stats(corpus.engine, today=AS_OF)
    assert overall.overdue == corpus.scalar(
        "SELECT count(*) FROM questions WHERE status = 'pending' AND due_date < :t", t=TODAY
    )
    assert overall.oldest_pending.isoformat() == corpus.scalar(
        "SELECT min(date_publication) FROM questions WHERE status = 'pending'"
    )


def test_monthly_fills_gaps(corpus: Corpus) -> None:
    months = browse.monthly(corpus.engine, filters=Filters(), months=24)
    assert len(months) == 24
    labels = [m.month for m in months]
    assert labels == sorted(labels) and len(set(labels)) == 24
    assert months[-1].month == corpus.scalar(
        "SELECT strftime('%Y-%m', max(date_publication)) FROM questions"
    )
    for m in months:
        assert m.received == corpus.scalar(
            "SELECT count(*) FROM questions WHERE strftime('%Y-%m', date_publication) = :m",
            m=m.month,
        )


def test_sort_stats_puts_missing_values_last() -> None:
    def row(key: str, rate: float | None) -> browse.Stats:
        return browse.Stats(key, key, 1, 0, rate, 0, None, None, None, 0, 0, 0, 0, None)

    rows = [row("a", None), row("b", 0.5), row("c", 0.1)]
    assert [r.key for r in browse.sort_stats(rows, "answer_rate", False)] == ["c", "b", "a"]
    assert [r.key for r in browse.sort_stats(rows, "answer_rate", True)] == ["b", "c", "a"]
    with pytest.raises(ValueError):
        browse.sort_stats(rows, "uid; DROP TABLE", False)


def test_data_version_follows_new_questions(corpus: Corpus, hostile: Corpus) -> None:
    assert browse.data_version(corpus.engine) == browse.data_version(corpus.engine)
    assert browse.data_version(corpus.engine) != browse.data_version(hostile.engine)


# -- the cache --------------------------------------------------------------------------------


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.calls


def test_cache_computes_once_per_version(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    version = ["v1"]
    monkeypatch.setattr("webapp.cache.data_version", lambda engine: version[0])
    cache = Cache(corpus.engine, maxsize=2, ttl=0)
    compute = Counter()
    assert cache.get("x", 1, compute) == 1
    assert cache.get("x", 1, compute) == 1
    assert (cache.hits, cache.misses) == (1, 1)
    version[0] = "v2"  # the crawler changed the database
    assert cache.get("x", 1, compute) == 2
    cache.get("x", 2, compute)
    cache.get("x", 3, compute)
    assert len(cache) == 2, "bounded"


def test_cache_ages_out_and_survives_errors(corpus: Corpus) -> None:
    cache = Cache(corpus.engine, ttl=60, max_age=0.05)
    compute = Counter()
    assert cache.get("x", None, compute) == 1
    time.sleep(0.06)
    assert cache.get("x", None, compute) == 2

    def broken() -> int:
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        cache.get("y", None, broken)
    assert cache.get("y", None, compute) == 3


def test_cache_computes_a_key_once_under_concurrency(corpus: Corpus) -> None:
    cache = Cache(corpus.engine, ttl=60)
    calls = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.1)
        return "done"

    threads = [threading.Thread(target=cache.get, args=("k", None, slow)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1


def test_warm_up_fills_the_cache(corpus: Corpus) -> None:
    app = make_app(corpus)
    cache = app.extensions["relance"].cache
    assert len(cache) == 0
    warm_up(app)
    assert len(cache) >= 4 + len(Dimension)
    before = cache.misses
    assert app.test_client().get("/ministeres.json").status_code == 200
    assert cache.misses == before, "the scoreboard came from the cache"
    app.extensions["relance"].engine.dispose()


def test_page_cache_serves_the_same_bytes(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    version = ["v1"]
    monkeypatch.setattr("webapp.cache.data_version", lambda engine: version[0])
    app = make_app(corpus, RELANCE_CACHE_TTL=0)
    client = app.test_client()
    pages = app.extensions["relance"].pages
    first = client.get("/ministeres?legislature=17")
    again = client.get("/ministeres?legislature=17")
    assert again.data == first.data and pages.hits == 1
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    client.get("/ministeres?legislature=16")
    assert pages.misses == 2, "other parameters, another page"
    version[0] = "v2"  # the data changed: computed again
    client.get("/ministeres?legislature=17")
    assert pages.misses == 3
    assert client.get("/index.json?_page=0").status_code == 400
    assert client.get("/index.json?_page=0").status_code == 400
    assert pages.misses == 3, "errors are not cached"
    uid = corpus.scalar("SELECT uid FROM questions LIMIT 1")
    client.get(f"/questions/{uid}")
    assert pages.misses + pages.hits == 4, "a question's page is not cached whole"
    searched = client.get("/recherche?q=sante")
    assert client.get("/recherche?q=sante").data == searched.data
    assert (pages.misses, pages.hits) == (4, 2), "a search is cached, keyed on the index too"
    monkeypatch.setattr("index.index_version", lambda index_dir: "another generation")
    client.get("/recherche?q=sante")
    assert pages.misses == 5, "the index changed: searched again"
    app.extensions["relance"].engine.dispose()
    off = make_app(corpus, RELANCE_PAGE_CACHE_SIZE=0)
    assert off.extensions["relance"].pages is None
    assert off.test_client().get("/ministeres").status_code == 200
    off.extensions["relance"].engine.dispose()


def test_every_query_and_page_on_both_backends(database_url: str, tmp_path: Path) -> None:
    """The same queries on SQLite and PostgreSQL (GROUP BY, CASE, NULLS LAST, JSON)."""
    engine = load_corpus(database_url, tmp_path / "dump", questions=150)
    try:
        figures = browse.key_figures(engine, today=AS_OF)
        assert figures.received == 150 and figures.overdue > 0
        for dimension in Dimension:
            rows = browse.stats(engine, today=AS_OF, by=dimension)
            assert sum(r.received for r in rows) == 150
        assert browse.monthly(engine, filters=Filters())
        assert browse.ministry_changes(engine)
        ref = browse.stats(engine, today=AS_OF, by=Dimension.DEPUTE)[0].key
        assert browse.deputy(engine, ref) is not None
        total, rows = browse.question_list(engine, today=AS_OF, filters=Filters(depute=ref))
        assert total == len(rows) > 0
        assert browse.group_info(engine, "RN") is not None
        assert browse.data_version(engine)
        corpus = Corpus(engine, tmp_path / "no-index", database_url)
        app = make_app(corpus)
        client = app.test_client()
        uid = rows[0].uid
        for url in (
            "/index.json?signalee=1",
            "/ministeres.json?depuis=2024-01-01",
            f"/ministeres/{rows[0].ministere_key}.json",
            "/rubriques.json",
            "/groupes/RN.json",
            "/deputes.json?_sort=overdue&_desc=1",
            f"/deputes/{ref}.json",
            f"/questions/{uid}.json",
            f"/suivi.json?q={uid}&deputes={ref}",
        ):
            assert client.get(url).status_code == 200, url
        app.extensions["relance"].engine.dispose()
    finally:
        engine.dispose()
