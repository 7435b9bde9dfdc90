"""The open-data parser on thousands of generated records (every legislature format and
every planted edge case), checked against the generator's ground truth."""

from __future__ import annotations

from datetime import date

import pytest

from relance.demo import iter_records
from relance.ingest import normalize, validate
from relance.record import Question
from spiders.parsers.opendata import parse_question

AS_OF = date(2026, 11, 24)
GENERATED = list(
    iter_records(questions=4000, seed=7, legislatures=(14, 15, 16, 17), as_of=AS_OF, edge_rate=0.05)
)


def truthful(generated) -> bool:
    """The truth describes this copy (for a conflicting duplicate, only the newer one)."""
    truth = generated.truth
    return truth.duplicate != "different" or generated.copy == truth.newer_copy


def test_the_sample_covers_every_format_and_edge_case() -> None:
    legislatures = {g.truth.legislature for g in GENERATED}
    tags = {tag.split(":")[0] for g in GENERATED for tag in g.truth.edge_cases}
    assert legislatures == {14, 15, 16, 17}
    assert {
        "list_of_one",
        "legacy_analyse",
        "stray_p",
        "html_table",
        "hostile_html",
        "mojibake",
        "minsitere_typo",
        "section_null",
        "section_absent",
    } <= tags


@pytest.mark.parametrize("chunk", range(8))
def test_every_record_reads_as_the_truth(chunk: int) -> None:
    for generated in GENERATED[chunk::8]:
        truth = generated.truth
        question = normalize(parse_question(generated.record))
        assert (question.uid, question.legislature, question.number) == (
            truth.uid,
            truth.legislature,
            truth.number,
        )
        assert question.author.deputy_ref == truth.acteur_ref
        assert question.author.mandate_ref == truth.mandat_ref
        assert question.date_publication == truth.date_publication, truth.uid
        assert validate(question, today=AS_OF) == [], truth.uid
        # plain texts never carry markup, whatever the HTML held
        for text in (question.texte_question, question.texte_reponse):
            assert "<script" not in text and "onerror" not in text and "</p>" not in text
        assert "Ã©" not in (question.texte_reponse_html or "")  # mojibake repaired
        assert Question.from_dict(question.to_dict()) == question
        if not truthful(generated):
            continue
        assert question.status is truth.status, truth.uid
        attributaire = question.ministere_attributaire
        assert attributaire and attributaire.key == truth.ministere_attributaire, truth.uid
        assert question.ministere_interroge
        assert question.ministere_interroge.key == truth.ministere_interroge, truth.uid
        assert question.date_reponse == truth.date_reponse, truth.uid
        assert question.date_cloture == truth.date_cloture, truth.uid
        assert len(question.attributions) == truth.attributions, truth.uid
        assert question.renouvellements == truth.renouvellements, truth.uid
        latest = max((s.date for s in question.signalements), default=None)
        assert latest == truth.signalement, truth.uid
        assert sorted({e.target for e in question.errata}) == sorted(set(truth.errata)), truth.uid


def test_hash_is_stable_and_content_sensitive() -> None:
    first, second = GENERATED[0], GENERATED[1]
    assert parse_question(first.record).content_hash == parse_question(first.record).content_hash
    assert parse_question(first.record).content_hash != parse_question(second.record).content_hash
