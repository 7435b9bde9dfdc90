"""The French analyzer: elisions, stop words, accents and case, plurals and stems."""

from __future__ import annotations

import pytest
from whoosh import formats
from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

from index.analysis import EXTRA_STOP_WORDS, FrenchPositions, french_analyzer, terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hôpitaux", ["hopital"]),
        ("hôpital", ["hopital"]),
        ("HOPITAL", ["hopital"]),
        ("l'hôpital", ["hopital"]),  # elision
        ("l’hôpital", ["hopital"]),  # typographic apostrophe
        ("d'agriculteurs", ["agriculteur"]),
        ("qu'il jusqu'à lorsqu'elle", []),  # elided stop words
        ("aujourd'hui", ["aujourd'hui"]),  # an apostrophe inside a word is not an elision
        ("les hôpitaux", ["hopital"]),  # "les" is a stop word here (not in Whoosh's list)
        ("sécurité", ["securit"]),
        ("securite", ["securit"]),  # folded before stemming: same stem without accents
        ("Médecins", ["medecin"]),
        ("élèves", ["elev"]),
        ("éoliennes", ["eolien"]),
        ("œuvre", ["oeuvr"]),
        ("etait était", []),  # stop words in both spellings
        ("6778", ["6778"]),
    ],
)
def test_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


def test_singular_and_plural_meet() -> None:
    for singular, plural in [("agriculteur", "agriculteurs"), ("cheval", "chevaux")]:
        assert terms(singular) == terms(plural)


def test_same_terms_as_the_reference_chain() -> None:
    """The cached filter gives the terms of Whoosh's own chain (fold before stem, stop
    words extended), on words without elisions."""
    reference = (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(lang="fr", stoplist=EXTRA_STOP_WORDS)
        | CharsetFilter(accent_map)
        | StemFilter(lang="fr")
    )
    text = (
        "Les agriculteurs attirent l attention du ministre sur la sécurité sociale des "
        "médecins hospitaliers et le financement des collectivités territoriales en 2024"
    )
    assert terms(text) == [t.text for t in reference(text)]


def test_highlight_offsets_skip_the_elision() -> None:
    from index.analysis import french_analyzer

    text = "à l'hôpital"
    (token,) = [
        (t.text, text[t.startchar : t.endchar])
        for t in french_analyzer()(text, positions=True, chars=True)
    ]
    assert token == ("hopital", "hôpital")


@pytest.mark.parametrize(
    "text",
    [
        "L'hôpital de l'île d'Yeu : les hôpitaux, aujourd'hui, ferment. Qu'en est-il ?",
        "Le la les de du des",  # only stop words
        "M. le ministre — « sécurité sociale » — 2024 ; œuvre, Œuvres et l’école",
        "",
        "a b c d e f hôpital " * 50,  # single letters dropped, positions follow
    ],
)
def test_fast_postings_format_gives_the_analyzers_terms_and_positions(text: str) -> None:
    """FrenchPositions indexes inline; Whoosh's Positions goes through the analyzer:
    same terms, frequencies, weights and positions (phrase queries rely on it)."""
    fast = FrenchPositions(field_boost=2.0)
    reference = formats.Positions(field_boost=2.0)
    analyzer = french_analyzer()
    got = {t: (f, w, fast.decode_positions(v)) for t, f, w, v in fast.word_values(text, analyzer)}
    want = {
        t: (f, w, reference.decode_positions(v))
        for t, f, w, v in reference.word_values(text, analyzer)
    }
    assert got == want
