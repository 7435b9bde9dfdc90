"""The legacy per-question XML view, on the real sample (an-formats.md §6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from relance.record import JoType, Status
from spiders.parsers.common import ParseError
from spiders.parsers.legacy_xml import parse_legacy_xml


@pytest.fixture
def sample(shared_dir: Path) -> bytes:
    return (shared_dir / "samples/legacy-xml/QANR5L14QE47351.xml").read_bytes()


def test_real_sample_every_field(sample: bytes) -> None:
    q = parse_legacy_xml(sample)
    assert (q.uid, q.legislature, q.number) == ("QANR5L14QE47351", 14, 47351)
    assert q.date_publication == date(2014, 1, 7) and q.page_publication == "18"
    assert q.author.name == "M. François Cornut-Gentille"
    assert q.author.deputy_ref == "PA923" and q.author.mandate_ref == "PM645363"
    assert q.author.circonscription == "Haute-Marne (2e circonscription)"
    assert (q.author.groupe_abrege, q.author.groupe_libelle) == ("LES-REP", "Les Républicains")
    assert q.rubrique == "défense" and q.tete_analyse == "équipements"
    assert q.analyses == ("équipements militaires", "vieillissement", "bilan")
    assert q.ministere_interroge and q.ministere_interroge.key == "armees"
    # Re-attributed at the reshuffle of April 2014 (new organe, same label, Lois et décrets).
    assert [a.ministry.organe_ref for a in q.attributions] == ["PO653280", "PO700737"]
    assert q.attributions[1].jo == q.attributions[1].jo.__class__(
        date(2014, 4, 3), None, JoType.JO_LOI_DECRET, None
    )
    assert q.renouvellements == (date(2014, 4, 15),)
    assert q.signalements == () and q.errata == ()  # empty elements are nothing
    assert q.status is Status.ANSWERED
    assert q.date_reponse == date(2014, 5, 13) and q.page_reponse == "3858"
    assert q.closure and (q.closure.code, q.closure.label) == ("REP_PUB", "Réponse publiée")
    # The answer holds a table with malformed markup; the plain text keeps its cells.
    assert "AMX30B2 DT" in q.texte_reponse and "<" not in q.texte_reponse
    assert "194 588" in q.texte_reponse  # &#160; decoded


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b"<html><title>503 Service Unavailable</title></html>", "root"),
        (b"<QUESTION TYPE='QE'><LEGISLATURE>14", "root"),
        (b"<OTHER/>", "root"),
        (b"<QUESTION TYPE='QX'><LEGISLATURE>14</LEGISLATURE></QUESTION>", "TYPE"),
    ],
)
def test_refuses_what_is_not_a_question_view(content: bytes, field: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_legacy_xml(content)
    assert caught.value.field == field
