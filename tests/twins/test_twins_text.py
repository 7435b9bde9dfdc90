"""Normalization and shingles (relance.twins.text): what two texts are compared on."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from relance.twins.text import (
    AUTHOR,
    NUMBER,
    PLACE,
    fold_fast,
    jaccard,
    plain,
    shingles,
    tokens,
    words,
)


def test_html_case_and_accents_go() -> None:
    """Tags, comments and entities go; case and accents are folded; ligatures spelled out."""
    html = "<p>L'<strong>État</strong> &#339;uvre</p><!-- DEBTAB --><br/>Élus &amp; ÉCOLES"
    assert words(html) == ["l", "etat", "oeuvre", "elus", "ecoles"]


def test_scripts_are_dropped_with_their_content() -> None:
    assert words("Avant <script>alert(1)</script> après <img src=x onerror=alert(1)>") == [
        "avant",
        "apres",
    ]
    assert "alert" not in plain("<style>p {}</style><script>alert(1)</script>texte")


def test_numbers_become_one_token_with_their_separators() -> None:
    """ "12 500", "2024", "26,5" and "1.960" are each one number: figures updated in a
    reused text do not count as differences."""
    assert tokens("12 500 emplois en 2024, soit 26,5 % et 1.960 postes") == [
        NUMBER,
        "emplois",
        "en",
        NUMBER,
        "soit",
        NUMBER,
        "et",
        NUMBER,
        "postes",
    ]
    assert words("près de 12 500 emplois") == words("près de 731 emplois")


def test_the_author_and_the_civility_before_the_name_go() -> None:
    a = words("M. Jean Dupont attire l'attention de M. le ministre", author="M. Jean Dupont")
    b = words("Mme Anne Martin attire l'attention de M. le ministre", author="Mme Anne Martin")
    assert a == b == [AUTHOR, "attire", "l", "attention", "de", "m", "le", "ministre"]
    # the name without civility (the deputies table) works as well
    assert words("M. Jean Dupont interroge", author="Jean Dupont") == [AUTHOR, "interroge"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dans le département du Nord, où", ["dans", "le", "departement", PLACE, "ou"]),
        ("dans le département de la Gironde", ["dans", "le", "departement", PLACE]),
        ("dans le département de l'Ain", ["dans", "le", "departement", PLACE]),
        ("en Île-de-France comme en Bretagne", [PLACE, "comme", PLACE]),
        ("des Bouches-du-Rhône", [PLACE]),
        ("Provence-Alpes-Côte d'Azur", [PLACE]),
    ],
)
def test_places_with_their_preposition_become_one_token(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_the_authors_own_places_are_added() -> None:
    """A place that is not a department or a region (given as the author's) is neutral too."""
    assert words("à Villeneuve-sur-Lot même", places=("Villeneuve-sur-Lot",)) == [PLACE, "meme"]
    assert "villeneuve" in words("à Villeneuve-sur-Lot même")


def test_two_deputies_filing_one_text_read_the_same() -> None:
    template = (
        "{author} attire l'attention de M. le ministre sur la situation {lieu}, où "
        "{n} habitants attendent une réponse."
    )
    a = template.format(author="M. Jean Dupont", lieu="dans le département du Nord", n="12 000")
    b = template.format(
        author="Mme Anne Martin", lieu="dans le département de la Gironde", n="8 500"
    )
    assert words(a, author="M. Jean Dupont") == words(b, author="Mme Anne Martin")


def test_fold_fast() -> None:
    assert fold_fast("Œuvre Ñandú STRAẞE") == "oeuvre nandu strasse"


def test_shingles_are_k_word_runs() -> None:
    found = ["a", "b", "c", "d", "e", "f"]
    assert len(shingles(found, 3)) == 4
    assert len(shingles(found, 6)) == 1
    assert len(shingles(found[:2], 3)) == 1  # shorter than k: one shingle
    assert len(shingles([], 3)) == 0
    assert shingles(found, 3).dtype == np.uint32
    assert list(shingles(found, 3)) == sorted(set(shingles(found, 3)))  # a sorted set


def test_shingles_depend_on_order_and_repeat_as_sets() -> None:
    assert not np.array_equal(shingles(["a", "b", "c"], 3), shingles(["c", "b", "a"], 3))
    assert np.array_equal(
        shingles(["a", "b", "c", "a", "b", "c"], 3),
        shingles(["a", "b", "c", "a", "b", "c", "a"], 3),
    )


def test_shingle_hashes_are_stable_across_processes() -> None:
    """Signatures are stored: hashes must not depend on the process (no ``hash()``)."""
    here = shingles(["le", "gouvernement", "est", "pleinement", "mobilisé"], 3).tolist()
    code = (
        "from relance.twins.text import shingles;"
        "print(shingles('le gouvernement est pleinement mobilisé'.split(), 3).tolist())"
    )
    there = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONHASHSEED": "123", "PATH": ""},
    ).stdout
    assert there.strip() == str(here)


def test_jaccard() -> None:
    a = np.array([1, 2, 3, 4], dtype=np.uint32)
    b = np.array([3, 4, 5, 6], dtype=np.uint32)
    assert jaccard(a, b) == pytest.approx(2 / 6)
    assert jaccard(a, a) == 1.0
    assert jaccard(a, np.array([9], dtype=np.uint32)) == 0.0
    assert jaccard(np.array([], dtype=np.uint32), np.array([], dtype=np.uint32)) == 0.0
