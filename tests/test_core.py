"""Core pure functions: uids, dates, texts, ministry keys, status, CSV export."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from relance.dates import (
    DateError,
    french_long_date,
    parse_french_long_date,
    parse_jo_date,
    today_paris,
)
from relance.export import csv_cell, to_csv
from relance.ingest import fix_mojibake, normalize, validate
from relance.ministries import PORTFOLIOS, is_known, ministry_key
from relance.record import Closure, Question, QuestionType, Status, derive_status
from relance.text import fold, html_to_text, sanitize_html, slugify
from relance.uid import Uid, is_uid, make_uid, page_url, parse_uid


class TestUid:
    def test_build_and_split(self) -> None:
        assert make_uid(17, "QE", 6778) == "QANR5L17QE6778"
        assert parse_uid("QANR5L17QE6778") == Uid(17, "QE", 6778)
        assert str(parse_uid("QANR5L9QOSD12")) == "QANR5L9QOSD12"

    @pytest.mark.parametrize(
        "bad",
        [
            "",
            "QANR5L17QE",
            "QANR5L17QX1",
            "QANR5L17QE06778",
            "qanr5l17qe1x",
            "QANR5L17QE1; DROP TABLE",
        ],
    )
    def test_refuses(self, bad: str) -> None:
        assert not is_uid(bad)
        with pytest.raises(ValueError, match="not a question uid"):
            parse_uid(bad)

    def test_page_urls_by_generation(self) -> None:
        assert page_url("QANR5L17QE6778") == (
            "https://www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QE6778"
        )
        assert page_url("QANR5L14QE3200") == (
            "https://questions.assemblee-nationale.fr/q14/14-3200QE.htm"
        )


class TestDates:
    @pytest.mark.parametrize(
        ("text", "day"),
        [
            ("2025-05-20", date(2025, 5, 20)),
            ("20/05/2025", date(2025, 5, 20)),
            ("7/6/2018", date(2018, 6, 7)),
            ("2024-10-03T00:00:00+02:00", date(2024, 10, 3)),
            ("", None),
            (None, None),
        ],
    )
    def test_both_formats(self, text: str | None, day: date | None) -> None:
        assert parse_jo_date(text) == day

    @pytest.mark.parametrize("bad", ["31/02/2025", "2025-02-30", "hier", "2025/05/20"])
    def test_impossible_or_unreadable(self, bad: str) -> None:
        with pytest.raises(DateError, match=bad.replace("/", "/")):
            parse_jo_date(bad)

    def test_french_long_dates(self) -> None:
        assert parse_french_long_date("26 juillet 2022") == date(2022, 7, 26)
        assert parse_french_long_date("1er août 2023") == date(2023, 8, 1)
        assert french_long_date(date(2023, 8, 1)) == "1er août 2023"
        with pytest.raises(DateError):
            parse_french_long_date("30 février 2023")

    def test_today_is_the_day_in_paris(self) -> None:
        """23:30 UTC on 31 December is already 1 January in Paris."""
        assert today_paris(datetime(2025, 12, 31, 23, 30, tzinfo=UTC)) == date(2026, 1, 1)
        assert today_paris(datetime(2025, 7, 1, 21, 59, tzinfo=UTC)) == date(2025, 7, 1)


class TestText:
    def test_plain_text_of_the_assemblees_fragments(self) -> None:
        assert html_to_text("</p><p>Un</p><br>deux&#160;trois &#339;uvre <p>") == (
            "Un\ndeux trois œuvre"
        )
        assert html_to_text('<table><tr><th rowspan=2">A</th><td>1</td></tr></table>') == "A 1"
        assert html_to_text("a<script>alert(1)</script>b<style>x{}</style>") == "ab"
        assert html_to_text("texte sans balise") == "texte sans balise"
        assert html_to_text(None) == "" and html_to_text("  ") == ""
        assert html_to_text("a\x00b\x1fc") == "abc"

    @pytest.mark.parametrize(
        "fragment",
        [
            "</p><p>Un</p><br>deux&#160;trois &#339;uvre <p>",
            "<p class='x'>a &lt;b&gt; c</p>",
            "x<br/>y<BR>z",
            "<p>a</p>\n\n<p>  b </p>",
            "a &amp; b<strong>c</strong><i>d</i>",
            "<p>1 <sup>er</sup> alinéa</p>",
            "texte &#x20AC; <span lang='fr'>euro</span>",
        ],
    )
    def test_the_fast_path_agrees_with_the_parser(self, fragment: str) -> None:
        from relance.text import _parsed_to_text

        assert html_to_text(fragment) == _parsed_to_text(fragment)

    def test_sanitize_keeps_structure_and_drops_everything_active(self) -> None:
        dirty = (
            '<p style="x" onclick="y">A <strong>b</strong><script>z()</script>'
            '<a href="javascript:alert(1)">l</a><img src=x onerror=alert(1)>'
            '<table><tr><td colspan="2" onmouseover="x">c</td></tr></table></p>'
        )
        clean = sanitize_html(dirty)
        for forbidden in ("script", "onclick", "onerror", "javascript", "style", "<img", "<a"):
            assert forbidden not in clean
        assert "<strong>b</strong>" in clean and 'colspan="2"' in clean

    def test_fold_and_slug(self) -> None:
        assert fold("Intérieur ŒUVRE") == "interieur oeuvre"
        assert slugify("Politique extérieure") == "politique_exterieure"


class TestMinistries:
    @pytest.mark.parametrize(
        ("label", "key"),
        [
            ("Intérieur", "interieur"),
            ("Intérieur et outre-mer", "interieur"),
            ("Ministère de l'intérieur", "interieur"),
            ("Ministère d'État, ministère de l'intérieur", "interieur"),
            ("Outre-mer", "outre_mer"),
            ("Armées", "armees"),
            ("Défense", "armees"),
            ("Ministère de la défense", "armees"),
            ("Europe et affaires étrangères", "affaires_etrangeres"),
            ("Affaires étrangères et développement international", "affaires_etrangeres"),
            ("Solidarités et santé", "sante"),
            ("Santé et prévention", "sante"),
            ("Affaires sociales et santé", "sante"),
            ("Travail, santé et solidarités", "travail"),
            ("Travail, plein emploi et insertion", "travail"),
            ("Économie, finances et souveraineté industrielle et numérique", "economie"),
            ("Action et comptes publics", "comptes_publics"),
            ("Agriculture et souveraineté alimentaire", "agriculture"),
            ("Transition écologique et cohésion des territoires", "transition_ecologique"),
            (
                "Cohésion des territoires et relations avec les collectivités territoriales",
                "cohesion_territoires",
            ),
            ("Éducation nationale et jeunesse", "education_nationale"),
            ("Enseignement supérieur, recherche et innovation", "enseignement_superieur"),
            (
                "Secrétariat d'État auprès du ministre de l'économie, chargé du numérique",
                "numerique",
            ),
            ("Premier ministre", "premier_ministre"),
            ("Mer", "mer"),
            ("Minsitère de la justice", "justice"),
            ("Minsitère de l'Europe et des affaires étrangères", "affaires_etrangeres"),
            ("Ministère de l'Europe et des affaires étrangères", "affaires_etrangeres"),
            ("Ministère des affaires sociales, de la santé et des droits des femmes", "sante"),
            ("Ministère des solidarités et de la santé", "sante"),
            ("Ministère de la transformation et de la fonction publiques", "fonction_publique"),
            ("Ministère du redressement productif", "industrie"),
            ("Première ministre", "premier_ministre"),
            ("Ministère de l'égalité des territoires et du logement", "logement"),
            ("Égalité femmes-hommes", "egalite_femmes_hommes"),
        ],
    )
    def test_labels_of_successive_governments_share_a_key(self, label: str, key: str) -> None:
        assert ministry_key(label) == key  # the "Minsitère" typo too, before it is repaired
        assert is_known(label)

    def test_unknown_labels_get_their_slug_and_never_fail(self) -> None:
        assert ministry_key("Ministère des Lunes") == "lunes"
        assert not is_known("Ministère des Lunes")
        assert ministry_key("") == "unknown" and ministry_key("   ") == "unknown"

    def test_every_key_is_a_slug(self) -> None:
        assert all(slugify(key) == key for key in PORTFOLIOS)


class TestStatus:
    @pytest.mark.parametrize(
        ("closure", "has_answer", "status"),
        [
            (None, False, Status.PENDING),
            (None, True, Status.ANSWERED),
            (Closure("REP_PUB", "Réponse publiée", date(2025, 1, 7)), False, Status.ANSWERED),
            (Closure("FM", "Fin de mandat", date(2024, 6, 9)), False, Status.LAPSED),
            (Closure(None, "Question caduque", date(2024, 6, 9)), False, Status.LAPSED),
            (Closure("RET", "Retirée", date(2025, 1, 7)), False, Status.WITHDRAWN),
            (Closure("NOUVEAU", "Motif inconnu", date(2025, 1, 7)), False, Status.WITHDRAWN),
            (Closure(None, None, None), False, Status.PENDING),
        ],
    )
    def test_derive_status(self, closure: Closure | None, has_answer: bool, status: Status) -> None:
        assert derive_status(closure, has_answer=has_answer) is status


class TestIngest:
    def test_mojibake_is_repaired_and_clean_text_untouched(self) -> None:
        assert fix_mojibake("rÃ©ponse du ministÃ¨re") == "réponse du ministère"
        assert fix_mojibake("réponse déjà correcte") == "réponse déjà correcte"

    def test_normalize_fixes_labels(self) -> None:
        from relance.record import Ministry

        q = Question(
            "QANR5L17QE1",
            17,
            1,
            QuestionType.QE,
            ministere_interroge=Ministry("Intérieur", "Minsitère de l'intérieur"),
        )
        assert normalize(q).ministere_interroge == Ministry("Intérieur", "Ministère de l'intérieur")

    def test_validate(self) -> None:
        q = Question("QANR5L17QG1", 17, 1, QuestionType.QG, date_publication=date(2025, 1, 7))
        reasons = [p.reason for p in validate(q, today=date(2025, 1, 1))]
        assert reasons == [
            "type: not a written question (QG)",
            "date_publication: in the future",
            "auteur: missing",
        ]


class TestExport:
    @pytest.mark.parametrize("cell", ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
    def test_formula_injection_is_defused(self, cell: str) -> None:
        assert csv_cell(cell) == "'" + cell

    def test_values(self) -> None:
        assert [csv_cell(v) for v in (None, True, 3, date(2025, 1, 7), ["a", "b"])] == [
            "",
            "oui",
            "3",
            "2025-01-07",
            "a; b",
        ]
        assert to_csv([{"a": "=1", "b": 2}], ["a", "b"]) == "a,b\n'=1,2\n"


def test_content_hash_and_json_do_not_depend_on_cached_derived_values() -> None:
    """orjson serializes a dataclass's ``__dict__``, where cached properties land once
    read: reading ``status`` first must not change the hash nor the JSON."""
    from dataclasses import replace

    from relance.record import Question, QuestionType

    fresh = Question(uid="QANR5L17QE1", legislature=17, number=1, type=QuestionType.QE)
    read = replace(fresh)
    assert read.status.value == "pending"
    assert read.content_hash == replace(fresh).content_hash
    assert read.to_json() == fresh.to_json()
    assert b"status" not in read.to_json() and b"content_hash" not in read.to_json()


def test_titre_from_parts_falls_back_in_order() -> None:
    from relance.record import titre

    assert titre(["Eau", "Prix"], "Eau potable", "eau") == "Eau; Prix"
    assert titre([], "Eau potable", "eau") == "Eau potable"
    assert titre(None, None, "eau") == "eau"
    assert titre(None, None, None) == ""


def test_content_hash_and_json_columns_are_pinned() -> None:
    """A record's content hash and the JSON of its parts stay byte for byte what they were
    (pinned from the release before the record's parts stopped using ``slots``): a change
    here would make the next import count every stored question as updated. A deliberate
    change bumps ``relance.record.DERIVED_VERSION`` and updates these values."""
    import orjson

    from spiders.parsers.opendata import parse_question
    from tests.records import full_life_record

    record = parse_question(full_life_record(7))
    assert record.content_hash == (
        "36cda2c866fcf7bf770d2e17e525fb705af3c297e1c819764118b6b0a66e1360"
    )
    assert orjson.dumps(record.attributions[1]) == (
        b'{"ministry":{"abrege":"Justice","developpe":"Minist\xc3\xa8re Justice",'
        b'"organe_ref":"PO2"},"jo":{"date":"2025-06-10","page":null,"type":"JO_LOI_DECRET",'
        b'"number":null}}'
    )
    assert orjson.dumps(record.signalements) == (
        b'[{"date_depot":"2025-07-28","jo":{"date":"2025-07-29","page":null,'
        b'"type":"JO_QUESTION","number":null}}]'
    )


def test_record_builds_like_a_frozen_dataclass() -> None:
    """``relance.record.record`` (a frozen dataclass with a faster ``__init__``) takes the
    same arguments, fills the same fields, defaults and fresh default-factory values, and
    stays frozen, comparable, hashable, copyable with ``replace`` and picklable."""
    import dataclasses
    import inspect
    import pickle

    from relance.record import Closure, JoRef, record

    @record
    class Sample:
        a: int
        b: str = "b"
        c: tuple[int, ...] = ()
        d: JoRef = dataclasses.field(default_factory=JoRef)

    @dataclasses.dataclass(frozen=True)
    class Stock:
        a: int
        b: str = "b"
        c: tuple[int, ...] = ()
        d: JoRef = dataclasses.field(default_factory=JoRef)

    calls = [((1,), {}), ((1, "x"), {"d": JoRef(page="3")}), ((), {"a": 2, "c": (1,)})]
    for args, kwargs in calls:
        assert dataclasses.astuple(Sample(*args, **kwargs)) == dataclasses.astuple(
            Stock(*args, **kwargs)
        )
    assert [(p.name, p.kind) for p in inspect.signature(Sample).parameters.values()] == [
        (p.name, p.kind) for p in inspect.signature(Stock).parameters.values()
    ]
    with pytest.raises(TypeError):
        Sample()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Sample(1, e=2)  # type: ignore[call-arg]
    one = Sample(1)
    assert one.d == JoRef() and one.d is not Sample(1).d  # a fresh value per instance
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.a = 2  # type: ignore[misc]
    assert one == Sample(1) and hash(one) == hash(Sample(1)) and one != Sample(2)
    assert dataclasses.replace(one, b="y") == Sample(1, "y")
    closure = Closure("REP_PUB", "Réponse publiée", None, JoRef(page="12"))
    assert pickle.loads(pickle.dumps(closure)) == closure  # worker processes hand records over
    assert list(vars(Sample(1, "x", (2,)))) == ["a", "b", "c", "d"]  # field order (orjson)


def test_cached_values_are_computed_once_per_record_and_stay_out_of_its_fields() -> None:
    """``relance.record.cached`` (a lock-free ``cached_property``): computed on first read,
    once per instance, stored in the instance (a frozen record too); the record's fields,
    equality, JSON and content hash do not depend on what was read."""
    import dataclasses

    from relance.record import cached, record
    from spiders.parsers.opendata import parse_question
    from tests.records import full_life_record

    computed: list[int] = []

    @record
    class Sample:
        a: int

        @cached
        def double(self) -> int:
            """Twice a."""
            computed.append(self.a)
            return 2 * self.a

    one, two = Sample(1), Sample(2)
    assert (one.double, one.double, two.double) == (2, 2, 4) and computed == [1, 2]
    assert isinstance(Sample.double, cached) and Sample.double.__doc__ == "Twice a."
    assert one == Sample(1) and dataclasses.astuple(one) == (1,)

    question = parse_question(full_life_record(7))
    fresh = parse_question(full_life_record(7))
    assert question.status is question.status and "status" in vars(question)
    assert question.content_hash == fresh.content_hash and question.to_json() == fresh.to_json()
