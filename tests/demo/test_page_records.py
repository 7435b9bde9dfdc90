"""The page record of each generated question (``GeneratedQuestion.question``), the dumps
cut at a publication day (``published_until``) and the site written beside the dumps."""

from __future__ import annotations

import os
import zipfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from relance.demo import generate_corpus, iter_records
from relance.demo.corpus import questions_path
from relance.ingest import fix_mojibake, normalize
from relance.mirror.site import RECORDS, day_timestamp, page_file
from relance.mirror.timeline import as_of, last_event
from relance.record import Question
from spiders.parsers.opendata import parse_question

from .conftest import AS_OF, Corpus
from .helpers import section


def _comparable(question: Question) -> Question:
    """What both a page and the open data carry: not the author's name and circonscription
    (pages only), not an erratum's own JO (the open data dates it with the text it corrects),
    not the URL read."""
    return replace(
        question,
        author=replace(question.author, name=None, circonscription=None),
        errata=tuple(replace(e, jo=None) for e in question.errata),
        source_url=None,
    )


def _joins(text: str | None, q: dict, key: str, inner: str, *, repair: bool = False) -> bool:
    """Whether ``text`` is the parts of a (split) text put back together: the generator cuts
    after a sentence (a space between the parts) or, in a text without one, mid-word."""
    parts = [p["texte"].strip() for p in section(q, key, inner)]
    if not parts:
        return text is None
    candidates = {"".join(parts), " ".join(parts)}
    if repair:
        candidates = {fix_mojibake(c) for c in candidates}
    return text in candidates


def test_the_page_record_agrees_with_the_open_data(corpus: Corpus, legacy: Corpus) -> None:
    """On every field both carry, for 7,500 questions of four legislatures, edge cases at 3
    and 5 %: the page shows the newer copy of a duplicate, repaired as ``normalize`` repairs
    the dump (mojibake, the "Minsitère" typo)."""
    split = 0
    for c in (corpus, legacy):
        for g in c.primaries:
            parsed = normalize(parse_question(g.record))
            page = g.question
            q = g.record["question"]
            if any(t.startswith("split_texts") for t in g.truth.edge_cases):
                # the page shows the whole text; the dump, its parts put back together
                split += 1
                assert _joins(page.texte_question_html, q, "textesQuestion", "texteQuestion")
                repair = "mojibake" in g.truth.edge_cases
                assert _joins(page.texte_reponse_html, q, "textesReponse", "texteReponse",
                              repair=repair)  # fmt: skip
            assert _comparable(page) == _comparable(parsed), g.truth.uid
            assert page.author.name and page.author.circonscription
            assert page.status is g.truth.status
    assert split > 20


def test_both_copies_of_a_duplicate_share_the_newer_state(corpus: Corpus) -> None:
    copies = [g for g in corpus.items if g.truth.duplicate == "different"]
    assert copies
    for g in copies:
        assert g.question.uid == g.truth.uid and g.question.status is g.truth.status


def test_errata_are_dated_by_their_own_journal(corpus: Corpus) -> None:
    errata = [(g, e) for g in corpus.primaries for e in g.question.errata]
    assert errata
    for g, e in errata:
        assert e.jo.date and e.jo.date > g.question.date_publication
        assert f"n° {g.truth.number}" in e.text


CUTS = [date(2024, 1, 9), date(2025, 3, 4), date(2026, 11, 17)]


@pytest.fixture(scope="module")
def world() -> dict[str, Question]:
    items = iter_records(questions=3000, seed=11, as_of=AS_OF, edge_rate=0.05)
    return {g.truth.uid: g.question for g in items if g.copy == 0}


@pytest.mark.parametrize("cut", CUTS)
def test_a_cut_dump_is_the_world_as_published_that_day(
    world: dict[str, Question], cut: date
) -> None:
    """Same questions, numbers and texts as the full run; only what was published by the
    cut-off; and each record says what ``as_of(page record, cut)`` says."""
    items = list(
        iter_records(questions=3000, seed=11, as_of=AS_OF, edge_rate=0.05, published_until=cut)
    )
    primaries = [g for g in items if g.copy == (g.truth.newer_copy or 0)]
    assert {g.truth.uid for g in primaries} == {
        u for u, q in world.items() if q.date_publication <= cut
    }
    for g in primaries:
        assert g.question == world[g.truth.uid]  # the final page record, whatever the cut
        shown = as_of(world[g.truth.uid], cut)
        parsed = normalize(parse_question(g.record))
        for name in Question.__dataclass_fields__:
            assert getattr(_comparable(shown), name) == getattr(_comparable(parsed), name)
        assert bool(shown.texte_reponse_html) == bool(parsed.texte_reponse_html)
        assert g.truth.status is shown.status
        assert all(d <= cut for d in (g.truth.date_reponse, g.truth.date_cloture) if d)


def test_a_cut_at_as_of_changes_nothing() -> None:
    args = {"questions": 800, "seed": 3, "legislatures": (15, 17), "as_of": AS_OF}
    full = [g.record for g in iter_records(**args)]
    assert [g.record for g in iter_records(**args, published_until=AS_OF)] == full


def test_the_cut_corpus_on_disk(tmp_path: Path) -> None:
    cut = date(2025, 6, 3)
    args = {"questions": 600, "seed": 2, "legislatures": (17,), "as_of": AS_OF}
    manifest = generate_corpus(tmp_path, published_until=cut, **args)
    with zipfile.ZipFile(tmp_path / questions_path(17)) as archive:
        records = [orjson.loads(archive.read(n))["question"] for n in archive.namelist()]
        assert all(info.date_time[:3] == (2025, 6, 3) for info in archive.infolist())
    expected = [g.record["question"] for g in iter_records(**args, published_until=cut)]
    assert records == expected and manifest.records == len(expected)
    data = orjson.loads((tmp_path / "manifest.json").read_bytes())
    assert data["published_until"] == "2025-06-03" and data["site"]["as_of"] == "2025-06-03"
    lines = (tmp_path / RECORDS).read_bytes().splitlines()
    assert len(lines) == manifest.questions == data["site"]["pages"]
    for line in lines:
        question = Question.from_dict(orjson.loads(line))
        assert as_of(question, cut) == question  # nothing after the cut-off
    with pytest.raises(ValueError, match="after as_of"):
        generate_corpus(tmp_path / "x", published_until=AS_OF + timedelta(days=1), **args)


def test_the_site_beside_the_dumps(corpus: Corpus, legacy: Corpus) -> None:
    hosts = ("www.assemblee-nationale.fr", "questions.assemblee-nationale.fr")
    for c, host in zip((corpus, legacy), hosts, strict=True):
        data = orjson.loads((c.root / "manifest.json").read_bytes())
        assert data["site"] == {
            "as_of": AS_OF.isoformat(),
            "records": RECORDS,
            "pages": c.manifest.questions,
            "hosts": {host: c.manifest.questions},
        }
        lines = (c.root / RECORDS).read_bytes().splitlines()
        pages = {g.truth.uid: g.question for g in c.items}
        assert [Question.from_dict(orjson.loads(line)) for line in lines] == list(pages.values())
        for uid, question in list(pages.items())[::97]:
            path = c.root / page_file(uid)
            assert path.read_bytes().startswith(b"<!DOCTYPE html>")
            assert os.stat(path).st_mtime == day_timestamp(last_event(question))
    assert sum(1 for _ in (corpus.root / "site").rglob("QANR5L*")) == corpus.manifest.questions


def test_no_pages(tmp_path: Path) -> None:
    manifest = generate_corpus(tmp_path, questions=100, legislatures=(17,), pages=False)
    assert manifest.site is None and not (tmp_path / "site").exists()
    assert all(entry["kind"] != "records" for entry in manifest.files)
