"""The vectorized matcher (index/docsets.py) against Whoosh's own collector: the same
totals, the same facets and the same top documents, for every query form."""

from __future__ import annotations

import importlib
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
        uid, rubrique = connection.execute(
            select(table.c.uid, table.c.rubrique_key).where(table.c.rubrique_key.is_not(None))
        ).first()
        rubriques = dict(connection.execute(select(table.c.uid, table.c.rubrique_key)).all())
    similar = similar_questions(built_index, uid, limit=5)
    assert len(similar) == 5 and uid not in similar
    # Neighbours by words mostly share the topic (a random pick would rarely).
    assert sum(rubriques[u] == rubrique for u in similar) >= 2
    assert similar_questions(built_index, "QANR5L17QE999999") == []
    assert similar_questions(tmp := built_index.parent / "none", uid) == [] and not tmp.exists()


def test_highlight_marks_words_by_their_term_and_escapes() -> None:
    term = normalize_word("hôpitaux")[0]
    text = "Dans l'hôpital <b>public</b>, " + "mot " * 200 + "les hopitaux ferment."
    marked = highlight(text, {term})
    assert marked.count('<mark class="match">') == 2
    assert 'l&#x27;<mark class="match">hôpital</mark>' in marked
    assert "&lt;b&gt;public&lt;/b&gt;" in marked and "<b>" not in marked
    assert "…" in marked  # the long run of words between the fragments is cut
    assert highlight(text, {"absent"}) == "" and highlight("", {term}) == ""
