"""Highlighted snippets: up to two fragments of a text around the words a query matched.

Why not Whoosh's highlighter: it re-runs the whole token pipeline with positions and
characters on every shown text and scores every possible fragment, about 2 ms per text,
a quarter of a single-word search. Here a text is scanned once with the analyzer's own
word pattern, each word is normalized through the analyzer's per-word cache (the same
term the index holds, so "hôpitaux" marks "hôpital" and "l'hôpital"), and the fragments
are windows around the first matches. The output is escaped HTML with ``<mark>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterator

from index.analysis import WORD_PATTERN, cached_term

FRAGMENT_CHARS = 240  # characters per fragment, about
BEFORE = 70  # characters of context before the first match of a fragment
FRAGMENTS = 2
SEPARATOR = " "  # each fragment carries its own ellipses

_WORD = re.compile(WORD_PATTERN)


def matches(text: str, terms: Collection[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each word of ``text`` whose indexed term is in ``terms``, in order
    (an elided article stays outside the mark: "l'<mark>hôpital</mark>")."""
    for match in _WORD.finditer(text):
        term, cut = cached_term(match.group())
        if term is not None and term in terms:
            yield match.start() + cut, match.end()


def highlight(text: str, terms: Collection[str]) -> str:
    """Up to ``FRAGMENTS`` escaped fragments of ``text`` with the matched words marked,
    each cut marked "…"; "" when no word matches. The text is read only as far as the last
    fragment."""
    if not text or not terms:
        return ""
    fragments: list[str] = []
    inside: list[tuple[int, int]] = []
    start = end = 0
    for span in matches(text, terms):
        if inside and span[1] <= end:
            inside.append(span)
            continue
        if inside:
            fragments.append(_render(text, start, end, inside))
            if len(fragments) == FRAGMENTS:
                break
        start = min(span[0], _word_start(text, max(0, span[0] - BEFORE)))
        end = max(span[1], _word_end(text, min(len(text), start + FRAGMENT_CHARS)))
        inside = [span]
    else:
        if inside:
            fragments.append(_render(text, start, end, inside))
    return SEPARATOR.join(fragments)


def _word_start(text: str, at: int) -> int:
    """``at`` moved forward to the start of a word (never cut a word in two)."""
    if at == 0 or not text[at - 1].isalnum():
        return at
    space = text.find(" ", at)
    return at if space == -1 else space + 1


def _word_end(text: str, at: int) -> int:
    if at >= len(text) or not text[at].isalnum():
        return at
    space = text.rfind(" ", 0, at)
    return at if space == -1 else space


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out = ["…" if start > 0 else ""]
    position = start
    for span_start, span_end in spans:
        out.append(html.escape(text[position:span_start]))
        out.append(f'<mark class="match">{html.escape(text[span_start:span_end])}</mark>')
        position = span_end
    out.append(html.escape(text[position:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out).strip()
