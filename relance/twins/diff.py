"""What differs between twins, word by word (pure functions, ``difflib``).

A member's text is compared with its cluster's first occurrence on words, case, accents
and punctuation aside (``"Gironde,"`` matches ``"gironde"``); the result is data, a list of
segments ``{"op": "same" | "added" | "removed", "text": ...}``: ``same`` words are the
member's, ``removed`` ones are the first occurrence's (absent from the member), ``added``
ones the member's own. The shared text (``shared_segments``) is the first occurrence cut
into ``same`` runs (kept by every member) and ``varies`` runs (missing from some member).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TypedDict

from relance.text import html_to_text
from relance.twins.text import fold_fast

_PUNCT = re.compile(r"[^a-z0-9]+")


class Segment(TypedDict):
    op: str  # "same" | "added" | "removed" (diffs); "same" | "varies" (shared text)
    text: str


def display_words(html: str | None) -> list[str]:
    """The words of a text as shown (plain text split on spaces)."""
    return html_to_text(html).split()


def _keys(words: Sequence[str]) -> list[str]:
    return [_PUNCT.sub("", fold_fast(w)) or w for w in words]


def _matcher(first: Sequence[str], other: Sequence[str]) -> SequenceMatcher:
    return SequenceMatcher(None, _keys(first), _keys(other), autojunk=False)


def _append(out: list[Segment], op: str, words: Sequence[str]) -> None:
    if not words:
        return
    text = " ".join(words)
    if out and out[-1]["op"] == op:
        out[-1]["text"] += " " + text
    else:
        out.append({"op": op, "text": text})


def word_diff(first: Sequence[str], other: Sequence[str]) -> list[Segment]:
    """``other`` against ``first`` (both lists of words), as segments."""
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in _matcher(first, other).get_opcodes():
        if tag == "equal":
            _append(out, "same", other[j1:j2])
        else:
            _append(out, "removed", first[i1:i2])
            _append(out, "added", other[j1:j2])
    return out


def kept_mask(first: Sequence[str], other: Sequence[str]) -> list[bool]:
    """For each word of ``first``, whether ``other`` has it at the matching place."""
    kept = [False] * len(first)
    for block in _matcher(first, other).get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            kept[i] = True
    return kept


def shared_segments(first: Sequence[str], others: Sequence[Sequence[str]]) -> list[Segment]:
    """The first occurrence's words, in ``same`` runs (every other member has them) and
    ``varies`` runs (at least one member lacks or changed them)."""
    everywhere = [True] * len(first)
    for other in others:
        everywhere = [a and b for a, b in zip(everywhere, kept_mask(first, other), strict=True)]
    out: list[Segment] = []
    for word, kept in zip(first, everywhere, strict=True):
        _append(out, "same" if kept else "varies", [word])
    return out
