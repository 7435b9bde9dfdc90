"""The open-data parser: the real sample and every edge case of an-formats.md §3–5."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from relance.record import JoType, QuestionType, Status
from spiders.parsers.common import ParseError, as_list, is_nil, text_of
from spiders.parsers.opendata import parse_question
from tests.records import info_jo, ministry, qe_record


def test_real_sample_qg_every_field(shared_dir: Path) -> None:
    """The only real open-data record known (a QG of the 17th legislature)."""
    data = json.loads((shared_dir / "samples/json/QANR5L17QG1.json").read_text("utf-8"))
    q = parse_question(data)
    assert (q.uid, q.legislature, q.number, q.type) == ("QANR5L17QG1", 17, 1, QuestionType.QG)
    assert q.rubrique == "outre-mer"
    assert q.tete_analyse is None
    assert q.analyses == ("Situation à Mayotte",)
    assert q.author.deputy_ref == "PA842279" and q.author.mandate_ref == "PM843779"
    assert (q.author.groupe_ref, q.author.groupe_abrege) == ("PO845401", "RN")
    assert q.ministere_interroge and q.ministere_interroge.key == "interieur"
    assert len(q.attributions) == 1 and q.attributions[0].jo.type is JoType.JO_DEBAT
    assert q.texte_question_html is None  # QG: the question is spoken
    assert q.date_reponse == date(2024, 10, 3) and q.page_reponse == "5283"
    assert q.status is Status.ANSWERED
    assert q.closure and q.closure.code == "REP_PUB"
    # The HTML fragment starts with a stray </p>: the plain text has no tag left.
    assert q.texte_reponse.startswith("SITUATION À MAYOTTE")
    assert "<" not in q.texte_reponse and "Mme la présidente" in q.texte_reponse


def test_pending_question_without_cloture_or_answer() -> None:
    q = parse_question(qe_record())
    assert q.status is Status.PENDING
    assert q.date_publication == date(2025, 5, 20) and q.page_publication == "3523"
    assert q.texte_reponse_html is None and q.date_reponse is None
    assert q.ministere_attributaire and q.ministere_attributaire.key == "interieur"


def test_answered_question() -> None:
    q = parse_question(qe_record(answered="2025-09-02"))
    assert q.status is Status.ANSWERED
    assert q.date_reponse == date(2025, 9, 2) and q.page_reponse == "4253"
    assert q.texte_reponse == "Le Gouvernement répond."


@pytest.mark.parametrize("nil", [None, {}, "", {"@xsi:nil": "true"}], ids=repr)
def test_null_absent_empty_are_the_same(nil: object) -> None:
    """Absent, null, {} and "" mean the same for optional sections (§4.3)."""
    full = qe_record(cloture=nil, textesReponse=nil, signalement=nil, renouvellements=nil)
    absent = qe_record()
    for key in ("cloture", "textesReponse"):
        del absent["question"][key]
    assert parse_question(full) == parse_question(absent)
    assert parse_question(full).status is Status.PENDING


def test_dict_or_list_forms_agree() -> None:
    """One XML child is a dict, several a list (§4.1): a list of one is the same thing."""
    as_dict = parse_question(qe_record())
    listed = qe_record()
    q = listed["question"]
    q["minAttribs"]["minAttrib"] = [q["minAttribs"]["minAttrib"]]
    q["textesQuestion"]["texteQuestion"] = [q["textesQuestion"]["texteQuestion"]]
    q["indexationAN"]["analyses"]["analyse"] = [q["indexationAN"]["analyses"]["analyse"]]
    assert parse_question(listed) == as_dict


def test_reattribution_last_attribution_must_answer() -> None:
    """The ministère attributaire is the last minAttrib (§3)."""
    record = qe_record()
    record["question"]["minAttribs"]["minAttrib"] = [
        {"infoJO": info_jo("2025-05-20"), "denomination": ministry("Intérieur", "PO1")},
        {
            "infoJO": info_jo("2025-10-14", type_="JO_LOI_DECRET"),
            "denomination": ministry("Intérieur et outre-mer", "PO2"),
        },
        {"infoJO": info_jo("2025-11-04"), "denomination": ministry("Justice", "PO3")},
    ]
    q = parse_question(record)
    assert [a.ministry.organe_ref for a in q.attributions] == ["PO1", "PO2", "PO3"]
    assert q.attributions[1].jo.type is JoType.JO_LOI_DECRET
    assert q.ministere_attributaire and q.ministere_attributaire.key == "justice"
    assert q.ministere_interroge and q.ministere_interroge.key == "interieur"


def test_french_dates_of_the_15th_legislature() -> None:
    """L15 dates are DD/MM/YYYY; both formats give the same record (§3, §4.5)."""
    iso = parse_question(qe_record(answered="2018-09-11", published="2018-06-07"))
    record = qe_record(answered="2018-09-11", published="2018-06-07")
    q = record["question"]
    q["textesQuestion"]["texteQuestion"]["infoJO"]["dateJO"] = "07/06/2018"
    q["minAttribs"]["minAttrib"]["infoJO"]["dateJO"] = "07/06/2018"
    q["textesReponse"]["texteReponse"]["infoJO"]["dateJO"] = "11/09/2018"
    q["cloture"]["dateCloture"] = "11/09/2018"
    q["cloture"]["infoJO"]["dateJO"] = "11/09/2018"
    assert parse_question(record) == iso


def test_legacy_analyse_spelling() -> None:
    """L14/L15 use ``indexationAN.ANALYSE.ANA`` (§4.4): read both spellings."""
    record = qe_record(
        indexationAN={
            "rubrique": "défense",
            "TETE_ANALYSE": "équipements",
            "ANALYSE": {"ANA": ["équipements militaires", "bilan"]},
        }
    )
    q = parse_question(record)
    assert q.analyses == ("équipements militaires", "bilan")
    assert q.tete_analyse == "équipements"


def test_empty_analyses_fall_back_to_rubrique_for_the_title() -> None:
    q = parse_question(qe_record(indexationAN={"rubrique": "agriculture", "analyses": None}))
    assert q.analyses == () and q.titre == "agriculture"


def test_publication_date_falls_back_to_earliest_text_date() -> None:
    """When the first text has no date, take the earliest date of any text (§4.4, VA)."""
    record = qe_record()
    record["question"]["textesQuestion"]["texteQuestion"] = [
        {"infoJO": info_jo(None), "texte": "Texte."},
        {"infoJO": info_jo("2025-06-03"), "texte": "Texte.", "erratum": "Erratum."},
        {"infoJO": info_jo("2025-05-27"), "texte": "Texte."},
    ]
    q = parse_question(record)
    assert q.date_publication == date(2025, 5, 27)
    assert [(e.target, e.jo.date) for e in q.errata] == [("question", date(2025, 6, 3))]


def test_answer_date_from_cloture_when_the_text_has_none() -> None:
    record = qe_record(answered="2025-09-02")
    record["question"]["textesReponse"]["texteReponse"]["infoJO"]["dateJO"] = None
    assert parse_question(record).date_reponse == date(2025, 9, 2)


def test_signalement_and_renouvellements() -> None:
    record = qe_record(
        signalement={"dateDepotSignal": "2025-07-28", "infoJO": info_jo("2025-07-29")},
        renouvellements={
            "renouvellement": [
                {"dateRenouvellement": "2025-09-02", "infoJO": info_jo("2025-09-02")},
                {"infoJO": info_jo("2025-12-02")},
            ]
        },
    )
    q = parse_question(record)
    assert [s.date for s in q.signalements] == [date(2025, 7, 29)]
    assert q.signalements[0].date_depot == date(2025, 7, 28)
    assert q.renouvellements == (date(2025, 9, 2), date(2025, 12, 2))


@pytest.mark.parametrize(
    ("code", "label", "status"),
    [
        ("REP_PUB", "Réponse publiée", Status.ANSWERED),
        ("FM", "Fin de mandat", Status.LAPSED),
        ("RET", "Retirée", Status.WITHDRAWN),
        ("ZZZ_NEW", "Motif jamais vu", Status.WITHDRAWN),  # unknown: closed without answer
        (None, "Caduque", Status.LAPSED),
    ],
)
def test_closures_and_unknown_codes(code: str | None, label: str, status: Status) -> None:
    """Codes are kept verbatim; only REP_PUB is known; unknown ones never crash (§5)."""
    record = qe_record(
        cloture={
            "codeCloture": code,
            "libelleCloture": label,
            "dateCloture": "2024-06-09",
            "infoJO": None,
        }
    )
    q = parse_question(record)
    assert q.status is status
    assert q.closure and (q.closure.code, q.closure.label) == (code, label)


def test_html_is_kept_as_published_and_plain_text_is_clean() -> None:
    hostile = '<p onclick="x()">A&#339;uvre<script>alert(1)</script> <img src=x onerror=y>B</p>'
    q = parse_question(
        qe_record(
            textesQuestion={"texteQuestion": {"infoJO": info_jo("2025-05-20"), "texte": hostile}}
        )
    )
    assert q.texte_question_html == hostile  # stored as published
    assert q.texte_question == "Aœuvre B"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"uid": None}, "uid"),
        ({"uid": "not-a-uid"}, "uid"),
        ({"type": "QX"}, "type"),
        ({"identifiant": {"numero": "12", "legislature": "17"}}, "identifiant"),
        ({"identifiant": {"numero": "douze", "legislature": "17"}}, "identifiant.numero"),
    ],
)
def test_unreadable_records_name_uid_and_field(change: dict, field: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_question(qe_record(**change))
    assert caught.value.field == field
    assert field in str(caught.value)


def test_impossible_date_names_the_field() -> None:
    record = qe_record()
    record["question"]["textesQuestion"]["texteQuestion"]["infoJO"]["dateJO"] = "31/02/2025"
    with pytest.raises(ParseError) as caught:
        parse_question(record)
    assert caught.value.uid == "QANR5L17QE6778"
    assert caught.value.field == "textesQuestion.infoJO.dateJO"
    assert "impossible date" in str(caught.value)


@pytest.mark.parametrize("data", [[], "text", {"question": "text"}])
def test_not_an_object(data: object) -> None:
    with pytest.raises(ParseError):
        parse_question(data)  # type: ignore[arg-type]


def test_helpers_handle_every_nil_form() -> None:
    nil_object = {"@xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance", "@xsi:nil": "true"}
    for nil in (None, "", "  ", {}, [], nil_object):
        assert is_nil(nil) and text_of(nil) is None and as_list(nil) == []
    assert text_of({"@xsi:type": "IdActeur_type", "#text": "PA1"}) == "PA1"
    assert as_list({"a": 1}) == [{"a": 1}] and as_list([None, {"a": 1}]) == [{"a": 1}]


def test_record_round_trips_through_its_dict() -> None:
    q = parse_question(
        qe_record(
            answered="2025-09-02",
            signalement={"dateDepotSignal": "2025-07-28", "infoJO": info_jo("2025-07-29")},
        )
    )
    from relance.record import Question

    assert Question.from_dict(q.to_dict()) == q
    assert Question.from_dict(q.to_dict()).content_hash == q.content_hash


def test_a_text_cut_in_two_parts_of_the_same_jo_is_put_back_together() -> None:
    """The XML export cuts long texts: parts published in the same JO form one text; a
    text of another JO (a re-publication) is not appended."""
    record = qe_record()
    first = {"infoJO": info_jo("2025-05-20", "10"), "texte": "Première phrase."}
    second = {"infoJO": info_jo("2025-05-20", "10"), "texte": "Seconde phrase."}
    later = {"infoJO": info_jo("2025-09-02", "99"), "texte": "Texte republié."}
    record["question"]["textesQuestion"] = {"texteQuestion": [first, second, later]}
    assert parse_question(record).texte_question_html == "Première phrase. Seconde phrase."
    mid_word = {"infoJO": info_jo("2025-05-20", "10"), "texte": "Premi"}
    rest = {"infoJO": info_jo("2025-05-20", "10"), "texte": "ère phrase."}
    record["question"]["textesQuestion"] = {"texteQuestion": [mid_word, rest]}
    assert parse_question(record).texte_question_html == "Première phrase."
