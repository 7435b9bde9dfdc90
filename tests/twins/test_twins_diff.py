"""What differs between twins, as data (relance.twins.diff)."""

from __future__ import annotations

from relance.twins.diff import display_words, shared_segments, word_diff


def test_a_member_against_the_first_occurrence() -> None:
    first = [
        "M.",
        "Jean",
        "Dupont",
        "attire",
        "l'attention",
        "de",
        "M.",
        "le",
        "ministre",
        "sur",
        "le",
        "Nord.",
    ]
    other = [
        "Mme",
        "Anne",
        "Martin",
        "attire",
        "l'attention",
        "de",
        "M.",
        "le",
        "ministre",
        "sur",
        "la",
        "Gironde.",
    ]
    assert word_diff(first, other) == [
        {"op": "removed", "text": "M. Jean Dupont"},
        {"op": "added", "text": "Mme Anne Martin"},
        {"op": "same", "text": "attire l'attention de M. le ministre sur"},
        {"op": "removed", "text": "le Nord."},
        {"op": "added", "text": "la Gironde."},
    ]


def test_case_accents_and_punctuation_do_not_count() -> None:
    first = ["Les", "élus,", "de", "la", "Gironde"]
    other = ["les", "Élus", "de", "la", "gironde."]
    assert word_diff(first, other) == [{"op": "same", "text": "les Élus de la gironde."}]


def test_identical_and_moved_sentences() -> None:
    first = ["A", "b", "c.", "D", "e", "f.", "G", "h", "i."]
    assert word_diff(first, first) == [{"op": "same", "text": "A b c. D e f. G h i."}]
    swapped = ["D", "e", "f.", "A", "b", "c.", "G", "h", "i."]
    ops = [segment["op"] for segment in word_diff(first, swapped)]
    assert "removed" in ops and "added" in ops
    # the words of each side are all there, in order
    diff = word_diff(first, swapped)
    assert " ".join(s["text"] for s in diff if s["op"] != "added").split() == first
    assert " ".join(s["text"] for s in diff if s["op"] != "removed").split() == swapped


def test_shared_text_marks_what_varies() -> None:
    first = ["Le", "ministre", "répond", "que", "le", "plan", "sera", "prolongé", "en", "2025."]
    others = [
        ["Le", "ministre", "répond", "que", "le", "plan", "sera", "prolongé", "en", "2026."],
        ["Le", "ministre", "indique", "que", "le", "plan", "sera", "prolongé", "en", "2025."],
    ]
    assert shared_segments(first, others) == [
        {"op": "same", "text": "Le ministre"},
        {"op": "varies", "text": "répond"},
        {"op": "same", "text": "que le plan sera prolongé en"},
        {"op": "varies", "text": "2025."},
    ]
    assert shared_segments(first, []) == [{"op": "same", "text": " ".join(first)}]


def test_display_words_come_from_the_html() -> None:
    assert display_words("<p>Le <b>plan</b></p><p>sera&#160;prolongé</p>") == [
        "Le",
        "plan",
        "sera",
        "prolongé",
    ]
    assert display_words(None) == []
