"""The vectorized matcher (index/docsets.py) against Whoosh's own collector: the same
totals, the same facets and the same top documents, for every query form."""

from __future__ import annotations

import importlib
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from index import SearchQuery, search, similar_questions
from index.analysis import normalize_word
from index.highlight import highlight
from relance.db.models import QuestionRow

# The module, not the function that index/__init__.py exports under the same name.
search_module = importlib.import_module("index.search")

QUERIES = [
    SearchQuery(text="santé"),
    SearchQuery(text="santé hôpital"),
    SearchQuery(text="santé OR hôpital"),
    SearchQuery(text="santé NOT hôpital"),
    SearchQuery(text="santé -hôpital"),
    SearchQuery(text='"sécurité sociale"'),
    SearchQuery(text="agricult*"),
    SearchQuery(text="ministere:interieur"),
    SearchQuery(text="statut:en_attente logement"),
    SearchQuery(text="legislature:16"),
    SearchQuery(text="date:[2024 to 2025] école"),
    SearchQuery(text="école", sort="date"),
    SearchQuery(text="", filters={"statut": "answered", "legislature": 17}),
    SearchQuery(text="santé", date_from=date(2023, 1, 1), date_to=date(2024, 6, 30)),
    SearchQuery(text="n° 12"),
]


def _by_whoosh(monkeypatch: pytest.MonkeyPatch, index_dir: Path, q: SearchQuery) -> Any:
    with monkeypatch.context() as patch:
        patch.setattr(search_module, "_match_vectorized", lambda *args: None)
        return search(index_dir, q)


@pytest.mark.parametrize("q", QUERIES, ids=[q.text or "filters" for q in QUERIES])
def test_vectorized_matching_agrees_with_whoosh(
    built_index: Path, monkeypatch: pytest.MonkeyPatch, q: SearchQuery
) -> None:
    calls = []
    original = search_module._match_vectorized

    def spy(*args: Any) -> Any:
        calls.append(result := original(*args))
        return result

    monkeypatch.setattr(search_module, "_match_vectorized", spy)
    fast = search(built_index, q)
    monkeypatch.undo()
    assert calls and calls[0] is not None, "the vectorized path was not taken"
    slow = _by_whoosh(monkeypatch, built_index, q)
    assert fast.total == slow.total
    assert fast.facets == slow.facets
    if q.sort == "date" or not q.text or q.text.startswith(("ministere:", "legislature:")):
        # Ties on the date (or on constant scores) may come in another order.
        assert [fast.documents[u]["date_publication"] for u in fast.uids] == [
            slow.documents[u]["date_publication"] for u in slow.uids
        ]
    elif '"' not in q.text:  # phrases rank by their words' scores (index/docsets.py)
        assert fast.uids[:5] == slow.uids[:5]


def test_deleted_documents_are_not_matched(fresh_engine: Engine, tmp_path: Path) -> None:
    """An incremental update deletes and re-adds documents: each is found once."""
    from sqlalchemy import update

    from index import update_index
    from relance.dates import utcnow

    index_dir = tmp_path / "index"
    update_index(fresh_engine, index_dir)
    total = search(index_dir, SearchQuery()).total
    table = QuestionRow.__table__
    with fresh_engine.begin() as connection:
        uids = connection.execute(select(table.c.uid).limit(20)).scalars().all()
        connection.execute(
            update(table)
            .where(table.c.uid.in_(uids))
            .values(content_hash="changed", updated_at=utcnow())
        )
    assert update_index(fresh_engine, index_dir).indexed >= 20
    assert search(index_dir, SearchQuery()).total == total
    result = search(index_dir, SearchQuery(text=uids[0]))
    assert result.total == 1 and result.uids == [uids[0]]


def test_similar_questions_share_words(built_index: Path, corpus_engine: Engine) -> None:
    table = QuestionRow.__table__
    with corpus_engine.connect() as connection:
        rubriques = dict(connection.execute(select(table.c.uid, table.c.rubrique_key)).all())
    sample = sorted(rubriques)[:30]
    shared = []
    for uid in sample:
        similar = similar_questions(built_index, uid, limit=5)
        assert len(similar) == 5 and uid not in similar and len(set(similar)) == 5
        shared.append(sum(rubriques[u] == rubriques[uid] for u in similar))
    # Neighbours by words mostly share the topic; a random pick would share it about
    # 5 / (number of rubriques) times, well under one.
    assert len(set(rubriques.values())) > 10
    assert sum(shared) / len(shared) >= 2
    assert similar_questions(built_index, "QANR5L17QE999999") == []
    missing = built_index.parent / "none"
    assert similar_questions(missing, sample[0]) == [] and not missing.exists()


def test_highlight_marks_words_by_their_term_and_escapes() -> None:
    term = normalize_word("hôpitaux")[0]
    text = "Dans l'hôpital <b>public</b>, " + "mot " * 200 + "les hopitaux ferment."
    marked = highlight(text, {term})
    assert marked.count('<mark class="match">') == 2
    assert 'l&#x27;<mark class="match">hôpital</mark>' in marked
    assert "&lt;b&gt;public&lt;/b&gt;" in marked and "<b>" not in marked
    assert "…" in marked  # the long run of words between the fragments is cut
    assert highlight(text, {"absent"}) == "" and highlight("", {term}) == ""


def test_searches_from_many_threads_agree(built_index: Path) -> None:
    """One cached searcher serves every thread of a web worker: its file reads (postings,
    stored fields) must not mix (Whoosh's readers share file handles)."""
    from concurrent.futures import ThreadPoolExecutor

    from index import close_searchers

    words = [w for w, _ in search(built_index, SearchQuery()).facets["rubrique"]][:10]
    texts = [*words, "santé", "école", '"sécurité sociale"', "agricult*", "logement"]
    queries = [SearchQuery(text=t, size=20) for t in texts]
    expected = [(r.uids, r.highlights) for r in (search(built_index, q) for q in queries)]
    assert any(uids for uids, _ in expected)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch often: interleaved reads, if any, show
    try:
        for _ in range(3):
            close_searchers()  # cold caches: every thread reads the files
            with ThreadPoolExecutor(8) as pool:
                got = list(pool.map(lambda q: search(built_index, q), queries * 4))
            assert [(r.uids, r.highlights) for r in got] == expected * 4
    finally:
        sys.setswitchinterval(interval)


def test_an_unknown_filter_value_matches_nothing_with_or_without_words(built_index: Path):
    for text in ("", "santé"):
        result = search(built_index, SearchQuery(text=text, filters={"ministere": "nexistepas"}))
        assert result.total == 0 and result.uids == []
        assert any("nexistepas" in w for w in result.warnings)
    # One known value among the listed ones is enough.
    both = search(built_index, SearchQuery(filters={"statut": ["nexistepas", "answered"]}))
    assert both.total == search(built_index, SearchQuery(filters={"statut": "answered"})).total > 0


def test_results_are_cached_per_generation(fresh_engine: Engine, tmp_path: Path) -> None:
    """The same query twice is answered from the cache; once the index changed, afresh."""
    from sqlalchemy import update

    from index import update_index
    from relance.dates import utcnow

    index_dir = tmp_path / "index"
    update_index(fresh_engine, index_dir)
    q = SearchQuery(text="santé", size=5)
    first = search(index_dir, q)
    first.uids.clear()  # what a caller does to its copy never reaches the cache
    first.warnings.append("mine")
    again = search(index_dir, q)
    assert again.uids and "mine" not in again.warnings
    assert again.total == search(index_dir, SearchQuery(text="santé", size=5)).total
    table = QuestionRow.__table__
    with fresh_engine.begin() as connection:
        uid = again.uids[0]
        connection.execute(
            update(table)
            .where(table.c.uid == uid)
            .values(texte_question_html="<p>Tout autre sujet.</p>", texte_reponse_html=None,
                    analyses=[], tete_analyse=None, content_hash="changed", updated_at=utcnow())
        )  # fmt: skip
    update_index(fresh_engine, index_dir)
    assert uid not in search(index_dir, q).uids


def test_uids_only_search_gives_the_same_uids(built_index: Path) -> None:
    q = SearchQuery(text="santé", size=50, sort="date")
    full = search(built_index, q)
    bare = search(built_index, SearchQuery(text="santé", size=50, sort="date", details=False))
    assert bare.uids == full.uids and bare.total == full.total and bare.facets == full.facets
    assert bare.highlights == {} and bare.documents == {} and full.highlights
