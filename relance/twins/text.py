"""Texts → normalized words → shingles: what two texts are compared on (pure functions).

Normalization (``words``), in order:

1. HTML to plain text (``plain``: tags, comments, scripts and entities go);
2. case and accents folded (``"Élus"`` → ``"elus"``, ``"œuvre"`` → ``"oeuvre"``);
3. every number, with its thousands separators, becomes ``0`` (``"12 500"``, ``"2024"``,
   ``"L. 114-3"``'s digits): answers reused with updated figures stay identical;
4. words are runs of letters and digits (punctuation and apostrophes split them);
5. the author's name (and the civility before it) becomes ``@auteur``;
6. place names become ``@lieu``, with the preposition before them ("du Nord", "de la
   Gironde", "dans le département de l'Ain" → "dans le département @lieu"): the French
   departments and regions (``PLACES``), and the author's own circonscription when given.
   Two deputies filing the same text with their own department read the same.

Shingles are the runs of ``k`` consecutive words, each hashed to 32 bits (CRC-32 of the
words, mixed): a text is the set of its shingle hashes, a sorted ``uint32`` array. With a
few hundred shingles a text, two distinct shingles share a hash about once in 10⁵ pairs of
texts: the Jaccard similarity computed on the hashes is, in practice, the exact one.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import unescape

import numpy as np

from relance.text import html_to_text

#: Bump when ``words`` or ``shingles`` change: stored signatures are then recomputed.
NORMALIZE_VERSION = 1

NUMBER = "0"
AUTHOR = "@auteur"
PLACE = "@lieu"

#: The places replaced by ``PLACE``: the departments (and their form after "de": "du Nord"),
#: the regions, as the Assemblée's constituencies name them. Town names are not known: a
#: copied text that differs by a town only differs by a few shingles.
_CIVILITIES = frozenset({"m", "mme", "mlle", "monsieur", "madame"})
#: Prepositions absorbed before a place ("de la" and "de l" take two words).
_PREPOSITIONS_1 = frozenset({"du", "des", "de", "d", "en", "au", "aux", "a"})
_PREPOSITIONS_2 = frozenset({("de", "la"), ("de", "l"), ("a", "la"), ("a", "l")})

_NUMBERS = re.compile(r"\d+(?:[ .,\u00a0\u202f]\d+)*")
_WORD = re.compile(r"[a-z0-9]+")


def fold_fast(text: str) -> str:
    """Lower case, accents and ligatures removed, other non-ASCII characters dropped."""
    folded = text.casefold()
    if "œ" in folded or "æ" in folded:
        folded = folded.replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", folded)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def tokens(text: str) -> list[str]:
    """Folded words of a plain text, numbers as ``0``."""
    return _WORD.findall(_NUMBERS.sub(NUMBER, fold_fast(text)))


def _place_names() -> list[str]:
    from relance.demo.places import DEPARTMENTS  # the official list (real departments)

    names: set[str] = set()
    for dept in DEPARTMENTS:
        names.update((dept.name, dept.region))
    return sorted(names)


PLACES: tuple[str, ...] = tuple(_place_names())

_Entry = tuple[tuple[str, ...], str]  # (words, marker)


class Phrases:
    """Word sequences replaced by a marker (``AUTHOR`` or ``PLACE``), longest first, in one
    pass over the words."""

    __slots__ = ("_by_first",)

    def __init__(self, entries: Iterable[_Entry]) -> None:
        by_first: dict[str, list[_Entry]] = {}
        for phrase, marker in set(entries):
            if phrase:
                by_first.setdefault(phrase[0], []).append((phrase, marker))
        for candidates in by_first.values():
            candidates.sort(key=lambda entry: (-len(entry[0]), entry))
        self._by_first = by_first

    def replace(self, found: list[str]) -> list[str]:
        by_first = self._by_first
        hits = [i for i, w in enumerate(found) if w in by_first]
        if not hits:
            return found
        out: list[str] = []
        done = 0
        for i in hits:
            if i < done:
                continue
            for phrase, marker in by_first[found[i]]:
                size = len(phrase)
                if tuple(found[i : i + size]) == phrase:
                    out.extend(found[done:i])
                    _absorb(out, marker)
                    out.append(marker)
                    done = i + size
                    break
        out.extend(found[done:])
        return out


def _absorb(out: list[str], marker: str) -> None:
    """The preposition before a place ("du", "de la"), the civility before a name."""
    if marker == PLACE:
        if len(out) >= 2 and (out[-2], out[-1]) in _PREPOSITIONS_2:
            del out[-2:]
        elif out and out[-1] in _PREPOSITIONS_1:
            out.pop()
    elif out and out[-1] in _CIVILITIES:
        out.pop()


def _place_entries(names: Iterable[str]) -> list[_Entry]:
    return [(tuple(tokens(name)), PLACE) for name in names if name]


_DEFAULT_PLACES = _place_entries(PLACES)


@lru_cache(maxsize=4096)
def phrases(author: str | None = None, places: tuple[str, ...] = ()) -> Phrases:
    """The replacements for a text: ``PLACES``, the author's own places, the author's name
    (without civility)."""
    entries = [*_DEFAULT_PLACES, *_place_entries(places)]
    if author:
        name = tuple(w for w in tokens(author) if w not in _CIVILITIES)
        if name:
            entries.append((name, AUTHOR))
    return Phrases(entries)


def words(html: str | None, *, author: str | None = None, places: Sequence[str] = ()) -> list[str]:
    """The normalized words of a text (see the module docstring). ``author``: the author's
    name as published ("M. Jean Dupont"); ``places``: the author's own places (their
    department, say), added to ``PLACES``."""
    if not html:
        return []
    return phrases(author or None, tuple(places)).replace(tokens(plain(html)))


_COMMENTS = re.compile(r"<!--.*?-->", re.S)
_TAGS = re.compile(r"<[^>]*>")


def plain(html: str) -> str:
    """The text of an HTML fragment, spaces aside (where words end is all that matters
    here): tags and comments become spaces, entities are decoded. Fragments with scripts or
    styles go through ``relance.text.html_to_text``, which drops their content."""
    if "<" not in html:
        return unescape(html) if "&" in html else html
    lowered = html.lower()
    if "<script" in lowered or "<style" in lowered:
        return html_to_text(html)
    text = _TAGS.sub(" ", _COMMENTS.sub(" ", html))
    return unescape(text) if "&" in text else text


# -- shingles --------------------------------------------------------------------------------

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S32 = (np.uint64(s) for s in (30, 27, 31, 32))


class _WordHashes(dict[str, int]):
    """CRC-32 of each word, computed once (a dict lookup from then on)."""

    def __missing__(self, word: str) -> int:
        if len(self) > 2_000_000:  # bounded, whatever the vocabulary
            self.clear()
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


_WORD_HASHES = _WordHashes()


def shingles(found: Sequence[str], k: int) -> np.ndarray:
    """The set of ``k``-word shingles of ``found`` as sorted unique ``uint32`` hashes (a text
    shorter than ``k`` words is one shingle, an empty one none)."""
    if not found:
        return np.empty(0, dtype=np.uint32)
    hashes = np.array(list(map(_WORD_HASHES.__getitem__, found)), dtype=np.uint64)
    if len(hashes) < k:
        k = len(hashes)
    combined = np.zeros(len(hashes) - k + 1, dtype=np.uint64)
    for offset in range(k):  # a polynomial in the word hashes, position-sensitive
        combined = combined * _M1 + hashes[offset : offset + len(combined)]
    # splitmix64's finalizer, then the high 32 bits
    combined ^= combined >> _S30
    combined *= _M2
    combined ^= combined >> _S27
    combined *= _M3
    combined ^= combined >> _S31
    return np.unique((combined >> _S32).astype(np.uint32))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """|a ∩ b| / |a ∪ b| of two sets given as sorted unique arrays (0 for two empty sets)."""
    if not len(a) and not len(b):
        return 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (len(a) + len(b) - common)
