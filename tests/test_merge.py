"""Merging a page's record into the stored one keeps what the page does not show."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from relance.merge import merge_page
from relance.record import (
    Attribution,
    Author,
    Closure,
    JoRef,
    Ministry,
    Question,
    QuestionType,
    Signalement,
    Status,
)

INTERIEUR = Ministry("Intérieur", "Ministère de l'intérieur", "PO1")
SANTE = Ministry("Santé", "Ministère de la santé", "PO2")

STORED = Question(
    uid="QANR5L17QE5",
    legislature=17,
    number=5,
    type=QuestionType.QE,
    rubrique="sécurité",
    author=Author(deputy_ref="PA1", mandate_ref="PM1", name="M. Jean Test", groupe_ref="PO9"),
    ministere_interroge=INTERIEUR,
    attributions=(Attribution(INTERIEUR, JoRef(date(2025, 1, 7), "12")),),
    texte_question_html="<p>Question ?</p>",
    date_publication=date(2025, 1, 7),
    page_publication="12",
    signalements=(Signalement(date(2025, 3, 1), JoRef(date(2025, 3, 4), "40")),),
)
CARRIED = frozenset(
    {
        "rubrique",
        "author.name",
        "ministere_interroge",
        "attributions",
        "texte_question_html",
        "date_publication",
        "page_publication",
        "texte_reponse_html",
        "date_reponse",
        "page_reponse",
        "closure",
        "signalements",
    }
)
PAGE = replace(
    STORED,
    author=Author(name="M. Jean Test"),
    ministere_interroge=Ministry("Intérieur"),
    attributions=(Attribution(Ministry("Intérieur")),),
    signalements=(Signalement(jo=JoRef(date(2025, 3, 4))),),
    source_url="http://127.0.0.1/dyn/17/questions/QANR5L17QE5",
)


def test_an_unchanged_page_gives_back_the_stored_record() -> None:
    merged = merge_page(STORED, PAGE, CARRIED)
    assert merged.anomalies == ()
    assert merged.question.content_hash == STORED.content_hash  # nothing to write
    assert merged.question.author.deputy_ref == "PA1"  # the page does not show it


def test_a_new_answer_on_the_page_is_taken_with_its_closure() -> None:
    answer = replace(
        PAGE,
        texte_reponse_html="<p>Réponse.</p>",
        date_reponse=date(2025, 5, 6),
        page_reponse="99",
        closure=Closure("REP_PUB", "Réponse publiée", date(2025, 5, 6)),
    )
    merged = merge_page(STORED, answer, CARRIED).question
    assert merged.status is Status.ANSWERED and merged.date_reponse == date(2025, 5, 6)
    assert merged.attributions == STORED.attributions  # JO details of the dump kept


def test_an_answer_that_disappears_is_kept_and_reported() -> None:
    answered = replace(
        STORED,
        texte_reponse_html="<p>Réponse.</p>",
        date_reponse=date(2025, 5, 6),
        closure=Closure("REP_PUB", "Réponse publiée", date(2025, 5, 6)),
    )
    merged = merge_page(answered, PAGE, CARRIED)
    assert merged.question.status is Status.ANSWERED
    assert merged.question.texte_reponse_html == "<p>Réponse.</p>"
    assert "answer disappeared from the page" in merged.anomalies


def test_a_reattribution_seen_on_the_page_is_appended() -> None:
    moved = replace(PAGE, attributions=(Attribution(Ministry("Santé")),))
    merged = merge_page(STORED, moved, CARRIED).question
    assert [a.ministry.key for a in merged.attributions] == ["interieur", "sante"]
    assert merged.ministere_attributaire is not None
    assert merged.ministere_attributaire.key == "sante"


def test_a_new_question_is_the_page_record() -> None:
    assert merge_page(None, PAGE, CARRIED).question is PAGE


def test_fields_the_layout_does_not_carry_are_never_taken_from_the_page() -> None:
    other = replace(PAGE, rubrique="autre")
    merged = merge_page(STORED, other, CARRIED - {"rubrique"}).question
    assert merged.rubrique == "sécurité"


def test_a_known_deputy_keeps_the_stored_name_so_dump_and_page_do_not_flip_flop() -> None:
    from_dump = replace(STORED, author=replace(STORED.author, name=None))
    merged = merge_page(from_dump, PAGE, CARRIED).question
    assert merged.content_hash == from_dump.content_hash
    unknown = replace(STORED, author=Author())
    assert merge_page(unknown, PAGE, CARRIED).question.author.name == "M. Jean Test"
