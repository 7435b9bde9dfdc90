"""Parity: a record rendered as a page and read back agrees with itself on every field the
page carries (``PAGE_FIELDS``), for thousands of generated questions and every layout, and
for the real legacy XML sample and the seed question."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from relance.dates import parse_french_long_date
from relance.demo import iter_records
from relance.demo.world import World
from relance.ingest import normalize
from relance.mirror.pages import Layout, render_page
from relance.record import Author, Question
from relance.text import html_to_text
from spiders.parsers.legacy_xml import parse_legacy_xml
from spiders.parsers.opendata import parse_question
from spiders.parsers.pages import PAGE_FIELDS, page_field, parse_page
from tests.records import qe_record

AS_OF = date(2026, 11, 24)
SEED = 23
LEGISLATURES = (14, 15, 16, 17)


def _with_deputies(questions: list[Question]) -> list[Question]:
    """The dump names no author: take name and circonscription from the generator's deputies,
    as the AMO dump would give them (pages show both)."""
    world = World(SEED, list(LEGISLATURES), AS_OF)
    mandates = {m.uid: m for leg in LEGISLATURES for m in world.mandates[leg]}
    named = []
    for question in questions:
        mandate = mandates[question.author.mandate_ref]
        ordinal = "1re" if mandate.circo == 1 else f"{mandate.circo}e"
        author = replace(
            question.author,
            name=mandate.person.name,
            circonscription=f"{mandate.dept.name} ({ordinal} circonscription)",
        )
        named.append(replace(question, author=author))
    return named


RECORDS = _with_deputies(
    [
        normalize(parse_question(g.record))
        for g in iter_records(
            questions=3000, seed=SEED, legislatures=LEGISLATURES, as_of=AS_OF, edge_rate=0.05
        )
        if g.copy == 0
    ]
)
CHUNKS = 6


def differences(record: Question, page: Question, layout: Layout) -> list[str]:
    """Every ``PAGE_FIELDS`` path on which the two disagree, with both values."""
    return [
        f"{path}: record {page_field(record, path)!r} != page {page_field(page, path)!r}"
        for path in sorted(PAGE_FIELDS[layout])
        if page_field(record, path) != page_field(page, path)
    ]


def round_trip(question: Question, layout: Layout) -> Question:
    return normalize(parse_page(render_page(question, layout).encode()))


def test_the_sample_exercises_every_event() -> None:
    """Parity means something only if the records carry what the pages must show."""
    assert len(RECORDS) >= 2900
    assert {q.legislature for q in RECORDS} == set(LEGISLATURES)
    assert {q.status.value for q in RECORDS} == {"pending", "answered", "withdrawn", "lapsed"}
    assert any(q.signalements for q in RECORDS)
    assert any(q.renouvellements for q in RECORDS)
    assert {e.target for q in RECORDS for e in q.errata} == {"question", "answer"}
    assert any(len(q.attributions) > 2 for q in RECORDS)
    assert any(len(q.analyses) > 1 for q in RECORDS)
    assert any(
        "<script" in (q.texte_question_html or "") + (q.texte_reponse_html or "") for q in RECORDS
    )


@pytest.mark.parametrize("layout", list(Layout))
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_generated_records_survive_their_pages(layout: Layout, chunk: int) -> None:
    failures = {}
    for record in RECORDS[chunk::CHUNKS]:
        diff = differences(record, round_trip(record, layout), layout)
        if diff:
            failures[record.uid] = diff
    assert not failures, f"{len(failures)} records differ, e.g. {next(iter(failures.items()))}"


@pytest.mark.parametrize("layout", list(Layout))
def test_invariants_over_generated_pages(layout: Layout) -> None:
    """Status, dates and plain texts, whatever the layout (a third of the sample)."""
    for record in RECORDS[::3]:
        page = round_trip(record, layout)
        assert page.status is record.status, record.uid
        assert page.date_cloture == record.date_cloture, record.uid
        assert (page.date_publication, page.date_reponse) == (
            record.date_publication,
            record.date_reponse,
        ), record.uid
        assert page.texte_question == record.texte_question, record.uid
        assert page.texte_reponse == record.texte_reponse, record.uid
        assert page.ministere_attributaire.abrege == record.ministere_attributaire.abrege
        assert page.content_hash == page.replace(source_url="x").content_hash


def test_page_fields_are_real_record_fields() -> None:
    """Every path resolves on a full record (a typo would compare None with None)."""
    # A record with every optional part (the sample may hold no single one with all).
    record = replace(
        next(q for q in RECORDS if q.signalements),
        errata=next(q.errata for q in RECORDS if q.errata),
        closure=next(q.closure for q in RECORDS if q.closure),
    )
    for paths in PAGE_FIELDS.values():
        for path in paths:
            page_field(record, path)  # raises AttributeError on a bad path
    assert page_field(record, "signalements.jo.date") == tuple(
        s.jo.date for s in record.signalements
    )
    assert (
        page_field(record, "attributions.-1.ministry.abrege")
        == record.attributions[-1].ministry.abrege
    )
    assert page_field(replace(record, closure=None), "closure.jo.date") is None


def test_legacy_xml_sample_survives_the_questions_page(shared_dir: Path) -> None:
    """The real 14th-legislature XML view: answered, renewed, re-attributed, a table."""
    xml = (shared_dir / "samples" / "legacy-xml" / "QANR5L14QE47351.xml").read_bytes()
    record = normalize(parse_legacy_xml(xml))
    assert record.renouvellements and len(record.attributions) > 1
    for layout in Layout:
        page = round_trip(record, layout)
        assert differences(record, page, layout) == [], layout
        assert page.status is record.status


def test_seed_question_survives_the_dyn_page(shared_dir: Path) -> None:
    """QANR5L17QE6778 as its web version shows it (the seed text): values read from the seed
    file are put on a record, rendered, read back."""
    seed = (shared_dir / "seed-QANR5L17QE6778.txt").read_text(encoding="utf-8")
    lines = {
        k.strip(): v.strip() for k, _, v in (line.partition(":") for line in seed.splitlines())
    }
    text = seed.split("## Texte de la question")[1].split("Version web")[0].strip()
    circonscription, _, group = lines["Circonscription"].partition(" - ")
    published, _, page_number = lines["Question publiée au JO le"].partition(", page ")
    question = parse_question(
        qe_record(
            6778,
            published=parse_french_long_date(published).isoformat(),
        )
    )
    question = replace(
        question,
        rubrique=lines["Rubrique"].lower(),
        author=Author(
            deputy_ref="PA1",
            name=lines["Auteur"],
            groupe_libelle=group,
            circonscription=circonscription,
        ),
        texte_question_html=text,
        page_publication=page_number,
    )
    page = round_trip(question, Layout.DYN)
    assert differences(question, page, Layout.DYN) == []
    assert page.author.name == "M. Emmanuel Fernandes"
    assert page.author.groupe_libelle == "La France insoumise - Nouveau Front Populaire"
    assert (page.date_publication, page.page_publication) == (date(2025, 5, 20), "3523")
    assert page.rubrique == "étrangers"
    assert html_to_text(page.texte_question_html).startswith("M. Emmanuel Fernandes attire")
