"""Search on an index built from a generated corpus: every query form and filter, facets
against SQL, number lookup, hostile input."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from index import SearchQuery, search
from index.search import MAX_SIZE
from relance.db.models import DeputyRow, QuestionRow

Q = QuestionRow.__table__
D = DeputyRow.__table__


def run(index_dir: Path, text: str = "", **kwargs: object) -> object:
    result = search(index_dir, SearchQuery(text=text, size=kwargs.pop("size", 50), **kwargs))
    return result


def sql_uids(engine: Engine, *where: object) -> set[str]:
    with engine.connect() as connection:
        return set(connection.execute(select(Q.c.uid).where(*where)).scalars())


def test_every_question_is_found_without_a_query(built_index: Path, corpus_engine: Engine):
    result = run(built_index)
    assert result.total == len(sql_uids(corpus_engine))
    dates = [result.documents[u]["date_publication"] for u in result.uids]
    assert dates == sorted(dates, reverse=True)  # no words: newest first


def test_accents_and_plurals_match(built_index: Path) -> None:
    counts = {t: run(built_index, t).total for t in ("hôpitaux", "hopital", "HÔPITAL")}
    assert len(set(counts.values())) == 1 and counts["hopital"] > 0


def test_words_are_anded_or_ored_and_negated(built_index: Path) -> None:
    a = set(run(built_index, "santé", size=MAX_SIZE, page=1).uids)
    both = run(built_index, "santé hôpital").total
    either = run(built_index, "santé OR hôpital").total
    without = run(built_index, "santé NOT hôpital").total
    minus = run(built_index, "santé -hôpital").total
    assert a and both <= run(built_index, "santé").total <= either
    assert without == minus == run(built_index, "santé").total - both


def test_phrase_is_stricter_than_words(built_index: Path) -> None:
    phrase = run(built_index, '"sécurité sociale"').total
    words = run(built_index, "sécurité sociale").total
    assert 0 < phrase <= words
    assert run(built_index, '"securite sociale"').total == phrase


def test_prefix(built_index: Path) -> None:
    result = run(built_index, "agricult*")
    assert result.total >= run(built_index, "agriculteurs").total > 0
    uid = result.uids[0]
    marked = result.highlights[uid]["question"] + result.highlights[uid]["answer"]
    assert "<mark" in marked


def test_highlights_mark_the_words_and_escape_text(built_index: Path) -> None:
    result = run(built_index, "hôpitaux", size=5)
    for uid in result.uids:
        snippet = result.highlights[uid]["question"] + result.highlights[uid]["answer"]
        assert '<mark class="match' in snippet
        assert "<script" not in snippet


@pytest.mark.parametrize(
    ("name", "value", "column", "expected"),
    [
        ("statut", "en_attente", "status", "pending"),
        ("statut", "repondue", "status", "answered"),
        ("statut", "answered", "status", "answered"),
        ("legislature", "17", "legislature", 17),
        ("ministere", "interieur", "ministere_attributaire_key", "interieur"),
        ("ministere", "Intérieur", "ministere_attributaire_key", "interieur"),
    ],
)
def test_filters_in_the_query_and_as_parameters(
    built_index: Path, corpus_engine: Engine, name: str, value: str, column: str, expected: object
) -> None:
    in_query = run(built_index, f"{name}:{value}", size=MAX_SIZE)
    as_param = run(built_index, filters={name: value}, size=MAX_SIZE)
    where = Q.c[column] == expected
    truth = sql_uids(corpus_engine, where)
    assert in_query.total == as_param.total == len(truth) > 0
    assert set(as_param.uids) <= truth


def test_rubrique_groupe_depute_filters(built_index: Path, corpus_engine: Engine) -> None:
    with corpus_engine.connect() as connection:
        rubrique, groupe, deputy, name = connection.execute(
            select(Q.c.rubrique, Q.c.groupe_abrege, Q.c.deputy_ref, D.c.name)
            .join(D, D.c.uid == Q.c.deputy_ref)
            .where(Q.c.groupe_abrege.is_not(None))
            .limit(1)
        ).one()
    assert run(built_index, filters={"rubrique": rubrique}).total == len(
        sql_uids(corpus_engine, Q.c.rubrique == rubrique)
    )
    assert run(built_index, f"groupe:{groupe.lower()}").total == len(
        sql_uids(corpus_engine, Q.c.groupe_abrege == groupe)
    )
    by_ref = run(built_index, f"depute:{deputy}", size=MAX_SIZE)
    assert by_ref.total == len(sql_uids(corpus_engine, Q.c.deputy_ref == deputy))
    surname = name.split()[-1]
    assert run(built_index, filters={"depute": surname}).total >= by_ref.total


def test_date_range(built_index: Path, corpus_engine: Engine) -> None:
    start, end = date(2024, 1, 1), date(2024, 6, 30)
    truth = sql_uids(corpus_engine, Q.c.date_publication.between(start, end))
    result = run(built_index, date_from=start, date_to=end, size=MAX_SIZE)
    assert result.total == len(truth) > 0
    in_query = run(built_index, "date:[20240101 to 20240630]")
    assert in_query.total == len(truth)


def test_date_sort_and_pages(built_index: Path) -> None:
    first = run(built_index, "santé", sort="date", size=5, page=1)
    second = run(built_index, "santé", sort="date", size=5, page=2)
    dates = [first.documents[u]["date_publication"] for u in first.uids]
    assert dates == sorted(dates, reverse=True)
    assert not set(first.uids) & set(second.uids)
    assert first.total == second.total


def test_facets_agree_with_sql(built_index: Path, corpus_engine: Engine) -> None:
    result = run(built_index, "statut:answered")
    columns = {
        "rubrique": Q.c.rubrique_key,
        "ministere": Q.c.ministere_attributaire_key,
        "groupe": Q.c.groupe_abrege,
        "legislature": Q.c.legislature,
    }
    with corpus_engine.connect() as connection:
        for name, column in columns.items():
            truth = dict(
                connection.execute(
                    select(column, func.count())
                    .where(Q.c.status == "answered", column.is_not(None))
                    .group_by(column)
                ).all()
            )
            assert dict(result.facets[name]) == truth, name
        years = Counter(
            day.year
            for day in connection.execute(
                select(Q.c.date_publication).where(Q.c.status == "answered")
            ).scalars()
        )
    assert dict(result.facets["annee"]) == years
    assert result.facets["statut"] == [("answered", result.total)]


@pytest.mark.parametrize("form", ["{n}", "QE {n}", "qe{n}", "n° {n}", "{uid}", "{uid_lower}"])
def test_number_lookup_comes_first(built_index: Path, corpus_engine: Engine, form: str) -> None:
    with corpus_engine.connect() as connection:
        uid, number = connection.execute(
            select(Q.c.uid, Q.c.number).where(Q.c.legislature == 17).order_by(Q.c.uid).limit(1)
        ).one()
    text = form.format(n=number, uid=uid, uid_lower=uid.lower())
    result = run(built_index, text)
    assert uid in result.uids[:2]  # the same number may exist in both legislatures
    assert all(u.endswith(f"QE{number}") for u in result.uids[:2])


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced quote',
        "(santé AND",
        "*foo",
        "?ospital",
        "a*",
        "santé " * 2_000,
        "x" * 10_000,
        " OR ".join(f"mot{i}" for i in range(5_000)),
        "field:unknown",
        "statut:nimportequoi",
        "'; DROP TABLE questions; --",
        "<script>alert(1)</script>",
        "\x00\x01 ^^^ ~~~ [[[ ]]] {{{",
        "NOT",
        "date:[tomorrow to",
    ],
)
def test_hostile_queries_never_raise_and_stay_bounded(built_index: Path, text: str) -> None:
    started = time.perf_counter()
    result = search(built_index, SearchQuery(text=text, page=10**9, size=10**9))
    assert time.perf_counter() - started < 5
    assert result.size <= MAX_SIZE and len(result.uids) <= MAX_SIZE
    assert result.warnings  # every one of these says something about itself
    for snippet in result.highlights.values():
        assert "<script" not in snippet["question"] + snippet["answer"]


def test_unknown_filters_and_sorts_warn(built_index: Path) -> None:
    result = search(built_index, SearchQuery(filters={"couleur": "rouge"}, sort="random"))
    assert any("couleur" in w for w in result.warnings)
    assert any("sort" in w for w in result.warnings)


def test_no_index_is_a_warning(tmp_path: Path) -> None:
    result = search(tmp_path / "absent", SearchQuery(text="santé"))
    assert result.total == 0 and "relance index" in result.warnings[0]


@pytest.mark.parametrize("facet", ["rubrique", "ministere", "groupe", "statut", "legislature"])
def test_a_facets_count_is_what_its_filter_finds(built_index: Path, facet: str) -> None:
    """Clicking a facet value finds exactly as many questions as the facet said."""
    base = run(built_index, "santé")
    assert base.facets[facet]
    for value, count in base.facets[facet][:5]:
        narrowed = run(built_index, "santé", filters={facet: value})
        assert narrowed.total == count, (facet, value)


def test_uids_only_pages_may_be_larger(built_index: Path) -> None:
    """``details=False`` (uids from a column: the feeds) takes pages up to MAX_UIDS_SIZE,
    the same uids as the detailed pages laid end to end; both sizes stay bounded."""
    from index.search import MAX_UIDS_SIZE

    detailed = []
    for page in (1, 2, 3):
        detailed += run(built_index, sort="date", size=MAX_SIZE, page=page).uids
    assert len(detailed) == 3 * MAX_SIZE
    ids_only = run(built_index, sort="date", size=3 * MAX_SIZE, details=False)
    assert ids_only.uids == detailed and not ids_only.warnings
    bounded = run(built_index, "", size=MAX_UIDS_SIZE * 10, details=False)
    assert bounded.size == MAX_UIDS_SIZE and bounded.warnings
    assert run(built_index, "", size=3 * MAX_SIZE).size == MAX_SIZE


def test_numeric_columns_read_raw_equal_the_translated_values(built_index: Path) -> None:
    """Dates and numbers read from the columns' raw (sortable) values are what Whoosh's
    translated values give, in the units ranges and the date sort compare."""
    import importlib

    import numpy as np

    module = importlib.import_module("index.search")
    generation = built_index / (built_index / "CURRENT").read_text().strip()
    entry = module._Entry(generation)
    try:
        for name in ("date_publication", "legislature", "annee"):
            field = entry.searcher.schema[name]
            prepare = getattr(field, "prepare_datetime", field.prepare_number)
            expected = np.array([int(prepare(v)) for v in entry.column(name)], dtype=np.int64)
            got = entry._numeric_values(name, field)
            assert got.dtype == np.int64 and len(got) == len(expected) > 100
            assert (got == expected).all(), name
            assert len(set(got.tolist())) > 1
    finally:
        entry.close()


def test_a_searcher_opens_warm(built_index: Path) -> None:
    """Facet codes, the date and uid columns and the field lengths are loaded with the
    searcher, before the first search reads them."""
    import importlib

    from index import close_searchers
    from index.schema import FACETS, TEXT_FIELDS

    module = importlib.import_module("index.search")
    close_searchers()
    run(built_index, "zzzz-nothing")  # opens the searcher; reads none of those
    [entry] = list(module._entries.values())
    assert set(entry._codes) == set(FACETS)
    assert "uid" in entry._columns
    docsets = entry.docsets()
    assert docsets is not None
    assert set(TEXT_FIELDS) <= set(docsets._lengths) and "date_publication" in docsets._arrays
