"""Texts from the Assemblée are HTML fragments: derive plain text, and sanitize for display.

Texts are stored as published; everything shown or exported goes through one of these."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import lxml.html
import nh3
from lxml import etree

# Tags after which a line ends in the plain text.
_BLOCK_TAGS = {"p", "br", "div", "tr", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
# Control characters other than tab and newline are invalid in XML and useless in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: The allowlist for display: structure and emphasis, tables (answers contain them), no
#: attributes except table spans, no links (the Assemblée's texts never need them).
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "sup",
    "sub",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "caption",
}
ALLOWED_ATTRIBUTES = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def strip_control(text: str) -> str:
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


# Fragments made only of these simple tags are stripped by regex (10× faster than parsing).
_LINE_TAGS = re.compile(r"<(?:br|/?p)(?:\s[^<>\"']*)?\s*/?>", re.I)
_INLINE_TAGS = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span)(?:\s[^<>\"']*)?\s*/?>", re.I)


def html_to_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment: tags dropped (scripts and styles with their content),
    entities decoded, block ends turned into newlines, runs of spaces collapsed.

    Survives the Assemblée's stray tags (a fragment starting with ``</p>``, ``<th rowspan=2">``).
    """
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _normalize_spaces(strip_control(fragment))
    simple = _INLINE_TAGS.sub("", _LINE_TAGS.sub("\n", fragment))
    if "<" not in simple:
        if "&" in simple:
            simple = html.unescape(simple)
        return _normalize_spaces(strip_control(simple))
    return _parsed_to_text(fragment)


def _parsed_to_text(fragment: str) -> str:
    """The general path: parse the fragment with lxml and walk it."""
    try:
        root = lxml.html.fragment_fromstring(strip_control(fragment), create_parent="div")
    except (etree.ParserError, ValueError):
        # lxml refuses some inputs (only a comment, say): fall back to a regex strip.
        return _normalize_spaces(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    etree.strip_elements(root, "script", "style", etree.Comment, with_tail=False)
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS and element is not root:
                parts.append("\n")
            if element.text:
                parts.append(element.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            elif tag in {"td", "th"}:
                parts.append(" ")
            if element is not root and element.tail:
                parts.append(element.tail)
    return _normalize_spaces("".join(parts))


def _normalize_spaces(text: str) -> str:
    """Runs of spaces (non-breaking ones too) become one space; blank lines go."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def sanitize_html(fragment: str | None) -> str:
    """Safe HTML for display: a strict allowlist (nh3), everything else dropped or escaped."""
    if not fragment:
        return ""
    return nh3.clean(
        strip_control(fragment),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags={"script", "style"},
        link_rel=None,
    )


def fold(text: str) -> str:
    """Lower case without accents: ``"Intérieur"`` → ``"interieur"`` (keys and matching)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe")


@lru_cache(maxsize=4096)
def slugify(text: str) -> str:
    """``"Outre-mer"`` → ``"outre_mer"``: a stable ASCII key."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")
