"""The question-page parser: field by field on the real captures, the refusals, a drifted
layout, damaged bytes and hostile markup."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from relance.mirror.pages import Layout, layout_for, page_path, render_page
from relance.record import Author, QuestionType, Status
from spiders.parsers.common import ParseError
from spiders.parsers.opendata import parse_question
from spiders.parsers.pages import (
    REQUIRED_FIELDS,
    MissingField,
    NotAWrittenQuestion,
    detect_layout,
    parse_page,
)
from tests.records import qe_record


def sample(shared_dir: Path, name: str) -> bytes:
    return (shared_dir / "samples" / "html" / f"{name}.unwrapped.html").read_bytes()


def named(record: dict) -> object:
    """An open-data record with what the pages show and the dump lacks: name, department."""
    question = parse_question(record)
    author = replace(
        question.author,
        name="M. Emmanuel Fernandes",
        circonscription="Bas-Rhin (2e circonscription)",
    )
    return replace(question, author=author)


ANSWERED = qe_record(answered="2025-06-10")


# -- real captures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dyn(shared_dir: Path):
    return parse_page(sample(shared_dir, "QANR5L16QE200"), "https://example.test/q")


@pytest.fixture(scope="module")
def old(shared_dir: Path):
    return parse_page(sample(shared_dir, "QANR5L14QE3200"))


@pytest.fixture(scope="module")
def fiche(shared_dir: Path):
    return parse_page(sample(shared_dir, "QANR5L11QE450"))


def test_layouts_are_recognised(shared_dir: Path) -> None:
    assert detect_layout(sample(shared_dir, "QANR5L16QE200")) is Layout.DYN
    assert detect_layout(sample(shared_dir, "QANR5L14QE3200")) is Layout.QUESTIONS
    assert detect_layout(sample(shared_dir, "QANR5L11QE450")) is Layout.FICHE
    assert detect_layout("<html><title>Recherche</title></html>") is None


def test_dyn_identity(dyn) -> None:
    assert (dyn.uid, dyn.legislature, dyn.number, dyn.type) == (
        "QANR5L16QE200",
        16,
        200,
        QuestionType.QE,
    )
    assert dyn.source_url == "https://example.test/q"


def test_dyn_author(dyn) -> None:
    """Name and group from "Mme X (Région - Groupe)", the PA ref from the link."""
    assert dyn.author == Author(
        deputy_ref="PA722252", name="Mme Marie-Pierre Rixain", groupe_libelle="Renaissance"
    )


def test_dyn_indexation(dyn) -> None:
    """The site capitalises the rubrique; the record keeps the dump's lower case."""
    assert dyn.rubrique == "agriculture"
    assert dyn.analyses == ("Agriculture biologique",)
    assert dyn.tete_analyse is None


def test_dyn_ministries(dyn) -> None:
    assert dyn.ministere_interroge.abrege == "Agriculture et souveraineté alimentaire"
    assert dyn.ministere_attributaire.abrege == "Agriculture et souveraineté alimentaire"
    assert [a.jo.date for a in dyn.attributions] == [date(2022, 7, 26)]


def test_dyn_dates_and_pages(dyn) -> None:
    assert (dyn.date_publication, dyn.page_publication) == (date(2022, 7, 26), "3501")
    assert (dyn.date_reponse, dyn.page_reponse) == (date(2022, 9, 27), "4253")


def test_dyn_texts(dyn) -> None:
    assert dyn.texte_question_html.startswith("Mme Marie-Pierre Rixain appelle l'attention")
    assert dyn.texte_question_html.endswith("de transition agro-écologique.")
    assert dyn.texte_reponse_html.startswith("Le secteur biologique a connu, entre 2015")
    assert dyn.texte_reponse_html.endswith(
        "renouer avec la croissance observée ces dernières années."
    )
    assert "Données clés" not in dyn.texte_reponse_html


def test_dyn_closure(dyn) -> None:
    assert dyn.status is Status.ANSWERED
    assert (dyn.closure.code, dyn.closure.label, dyn.closure.date) == (
        "REP_PUB",
        "Réponse publiée",
        date(2022, 9, 27),
    )
    assert (dyn.signalements, dyn.renouvellements, dyn.errata) == ((), (), ())


def test_questions_identity_and_author(old) -> None:
    assert (old.uid, old.legislature, old.number) == ("QANR5L14QE3200", 14, 3200)
    assert old.author == Author(
        deputy_ref="PA607603",
        name="M. Philippe Le Ray",
        groupe_libelle="Union pour un Mouvement Populaire",
        circonscription="Morbihan",
    )


def test_questions_indexation(old) -> None:
    assert old.rubrique == "État"
    assert old.tete_analyse == "financement"
    assert old.analyses == ("rapport", "propositions")


def test_questions_ministries(old) -> None:
    assert old.ministere_interroge.abrege == "Économie et finances"
    assert old.ministere_attributaire.abrege == "Économie et finances"


def test_questions_dates_and_pages(old) -> None:
    assert (old.date_publication, old.page_publication) == (date(2012, 8, 21), "4774")
    assert (old.date_reponse, old.page_reponse) == (date(2013, 2, 5), "1324")
    assert old.status is Status.ANSWERED and old.closure.code == "REP_PUB"


def test_questions_texts(old) -> None:
    """Indentation around the texts is trimmed; the texts themselves are kept as published."""
    assert old.texte_question_html.startswith("M. Philippe Le Ray attire l'attention")
    assert old.texte_question_html.endswith("cette recommandation.")
    assert old.texte_reponse_html.startswith("Comme le ministre de l'économie")
    assert "Texte de la réponse" not in old.texte_reponse_html


def test_fiche_identity_and_author(fiche) -> None:
    """``<aut>`` is surname first; the hidden ``<grp>`` is the group's abbreviation."""
    assert (fiche.uid, fiche.legislature, fiche.number) == ("QANR5L11QE450", 11, 450)
    assert fiche.author == Author(
        name="Mme Muguette Jacquaint",
        groupe_abrege="COM",
        groupe_libelle="Communiste",
        circonscription="Seine-Saint-Denis",
    )


def test_fiche_indexation_and_ministries(fiche) -> None:
    assert (fiche.rubrique, fiche.tete_analyse, fiche.analyses) == (
        "logement : aides et prêts",
        "APL",
        ("calcul",),
    )
    assert fiche.ministere_interroge.abrege == "logement"
    assert fiche.ministere_attributaire.abrege == "logement"


def test_fiche_dates_texts_closure(fiche) -> None:
    assert (fiche.date_publication, fiche.page_publication) == (date(1997, 6, 30), "2254")
    assert (fiche.date_reponse, fiche.page_reponse) == (date(1997, 9, 22), "3099")
    assert fiche.texte_question_html.startswith("Mme Muguette Jacquaint attire l'attention")
    assert fiche.texte_reponse_html.endswith("d'avoir accès au logement et de s'y maintenir.")
    assert fiche.closure.code == "REP_PUB" and fiche.status is Status.ANSWERED


# -- refusals ----------------------------------------------------------------------------------


def test_a_qg_fiche_is_not_a_written_question(shared_dir: Path) -> None:
    with pytest.raises(NotAWrittenQuestion, match="QG"):
        parse_page(sample(shared_dir, "QANR5L11QG450"))


@pytest.mark.parametrize("layout", list(Layout))
def test_an_oral_question_page_is_refused(layout: Layout) -> None:
    question = named(ANSWERED)
    oral = replace(question, uid="QANR5L17QOSD6778", type=QuestionType.QOSD)
    with pytest.raises(NotAWrittenQuestion, match="QOSD"):
        parse_page(render_page(oral, layout))


SEARCH_PAGE = (
    "<html><head><title>Recherche de questions 17e législature</title></head>"
    '<body><ul><li><a href="/dyn/17/questions/QANR5L17QE1">Question n°1</a></li>'
    '<li><a href="/dyn/17/questions/QANR5L17QE2">Question n°2</a></li></ul></body></html>'
).encode()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"", "empty body"),
        (b"  \n ", "empty body"),
        (b"<html><head><title>503 Service Unavailable</title></head><body></body></html>", "error"),
        (b"<html><head><title>Erreur</title></head><body>Oups</body></html>", "error"),
        (SEARCH_PAGE, "search or list"),
        (b"<html><body><p>Bonjour</p><div><span>rien</span></div></body></html>", "not a question"),
        (b"\x00\xff\xfe random bytes \x89PNG", "not a question"),
    ],
)
def test_pages_that_are_not_questions_are_refused(body: bytes, says: str) -> None:
    with pytest.raises(NotAWrittenQuestion, match=says):
        parse_page(body)


def test_a_page_of_another_question_is_refused() -> None:
    page = render_page(named(ANSWERED), Layout.DYN)
    assert parse_page(page, expected_uid="QANR5L17QE6778").uid == "QANR5L17QE6778"
    with pytest.raises(ParseError, match="uid mismatch") as caught:
        parse_page(page, expected_uid="QANR5L17QE6779")
    assert not isinstance(caught.value, NotAWrittenQuestion | MissingField)


@pytest.mark.parametrize(
    ("layout", "old", "new", "fields"),
    [
        (Layout.DYN, 'id="blocMinistereInterroge"', 'id="blocMinistere"', ("ministere_interroge",)),
        (Layout.DYN, "Question publiée le", "Publiée le", ("date_publication",)),
        (
            Layout.DYN,
            '<span class="_bold">Question de :',
            "<span>Question :",
            ("texte_question_html",),
        ),
        (Layout.QUESTIONS, 'id="question_col80"', 'id="question_auteur"', ("author.name",)),
        (Layout.QUESTIONS, "Question publiée au JO le", "Publiée le", ("date_publication",)),
        (Layout.FICHE, "<mini>", "<minint>", ("ministere_interroge",)),
    ],
)
def test_a_drifted_layout_names_the_missing_fields(
    layout: Layout, old: str, new: str, fields: tuple[str, ...]
) -> None:
    page = render_page(named(ANSWERED), layout)
    assert old in page
    with pytest.raises(MissingField) as caught:
        parse_page(page.replace(old, new))
    assert caught.value.fields == fields
    assert set(fields) <= set(REQUIRED_FIELDS)
    assert fields[0] in str(caught.value)


def test_a_page_missing_several_fields_names_them_all() -> None:
    page = render_page(named(ANSWERED), Layout.DYN)
    page = page.replace('id="blocMinistereInterroge"', "").replace("Question publiée le", "Le")
    with pytest.raises(MissingField) as caught:
        parse_page(page)
    assert caught.value.fields == ("date_publication", "ministere_interroge")


# -- encodings, whitespace, hostile markup -----------------------------------------------------


def test_invalid_utf8_becomes_replacement_characters() -> None:
    page = render_page(named(ANSWERED), Layout.DYN).encode()
    damaged = page.replace(b"attire", b"att\xffire\xc3")
    question = parse_page(damaged)
    assert "att\ufffdire\ufffd" in question.texte_question_html
    assert question.date_publication == date(2025, 5, 20)


def test_the_declared_charset_is_honoured() -> None:
    page = render_page(named(ANSWERED), Layout.QUESTIONS).replace("utf-8", "windows-1252")
    question = parse_page(page.encode("cp1252"))
    assert question.ministere_interroge.abrege == "Intérieur"
    assert question.rubrique == "étrangers"


def test_an_unknown_charset_falls_back_to_utf8() -> None:
    page = render_page(named(ANSWERED), Layout.DYN).replace('charset="utf-8"', 'charset="x-nope"')
    assert parse_page(page.encode()).ministere_interroge.abrege == "Intérieur"


@pytest.mark.parametrize("layout", list(Layout))
def test_nbsp_and_heavy_whitespace_are_survived(layout: Layout) -> None:
    page = render_page(named(ANSWERED), layout)
    page = page.replace("Intérieur", "\u00a0 Intérieur \n\t ").replace(" : ", " \u00a0:\u00a0 ")
    question = parse_page(page)
    assert question.ministere_interroge.abrege == "Intérieur"
    assert question.date_publication == date(2025, 5, 20)


HOSTILE = (
    '</p><script>alert("x")</script><img src=x onerror=alert(1)> <p>'
    '<th rowspan=2">suite</th></div></div><div class="ha-grid-item size-1">'
    "<p class='h6'>Rubrique : <span>piège</span></p>"
)


@pytest.mark.parametrize("layout", list(Layout))
def test_hostile_markup_stays_inside_the_texts(layout: Layout) -> None:
    """Scripts and broken markup are the text as published: cut out verbatim, never parsed
    as the page (the rubrique is not taken from inside the answer)."""
    question = replace(named(ANSWERED), texte_reponse_html=HOSTILE, texte_question_html=HOSTILE)
    page = render_page(question, layout)
    assert page.count('<script>alert("x")</script>') == 2  # embedded as published, unescaped
    parsed = parse_page(page)
    assert parsed.texte_question_html == HOSTILE
    assert parsed.texte_reponse_html == HOSTILE
    assert parsed.rubrique == "étrangers"


@pytest.mark.parametrize("layout", list(Layout))
def test_names_are_escaped_and_round_trip(layout: Layout) -> None:
    question = named(ANSWERED)
    hostile = replace(
        question,
        author=replace(question.author, name="M. Jean <script>alert(1)</script>&amp; Fils"),
        rubrique="<b>étrangers</b> & co",
    )
    page = render_page(hostile, layout)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    parsed = parse_page(page)
    assert parsed.author.name == hostile.author.name
    assert parsed.rubrique == hostile.rubrique


def test_layout_by_legislature_and_paths() -> None:
    assert [layout_for(n) for n in (11, 12, 13, 15, 16, 17)] == [
        Layout.FICHE,
        Layout.FICHE,
        Layout.QUESTIONS,
        Layout.QUESTIONS,
        Layout.DYN,
        Layout.DYN,
    ]
    assert page_path("QANR5L17QE6778") == "/dyn/17/questions/QANR5L17QE6778"
    assert page_path("QANR5L14QE3200") == "/q14/14-3200QE.htm"
    assert page_path("QANR5L11QE450") == "/q11/11-450QE.htm"


def test_dyn_page_chrome() -> None:
    page = render_page(named(ANSWERED))
    assert '<meta charset="utf-8"/>' in page
    assert (
        '<meta content="https://www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QE6778" '
        'property="og:url"/>' in page
    )
    assert "<title>Question n°6778 : Dématérialisation des titres de séjour - " in page
    assert "Ministère répondant :" in page
    assert 'data-document-id="PA1"' in page
    assert "Publication de la réponse au Journal Officiel\n" in page
    assert "du 10 juin 2025, page 4253</a>" in page
