"""A question's public page (three generations, an-formats.md §8) → ``Question``.

The layouts and the wording of the lines never seen on a real page are those of the
renderer, ``relance.mirror.pages`` (its docstring lists the assumptions); the labels are
imported from it, so renderer and parser cannot disagree.

How a page is read:

1. bytes are decoded with the declared charset, damaged bytes becoming U+FFFD;
2. the layout is recognised from markers; anything else (an error, search or list page, an
   empty body) is refused with ``NotAWrittenQuestion`` saying what the page is;
3. the question and answer texts are cut out of the source as published (they are HTML, and
   re-serialising them would change them), then blanked, so hostile or broken markup in a
   text cannot move the elements around it;
4. each field is read by one small ``_parse_<layout>_<field>`` function; a written question
   whose page lacks a required field raises ``MissingField`` naming it (the crawl's
   layout-drift alarm), a page of another type (QG, oral question) ``NotAWrittenQuestion``.

``PAGE_FIELDS`` says which record fields each layout carries, as paths for ``page_field``.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import lxml.html
from lxml import etree

from relance.dates import DateError, parse_french_long_date, parse_jo_date
from relance.mirror.pages import (
    ANSWERED_LABEL,
    DYN_ANSWERED,
    DYN_CLOSED,
    DYN_HEADER_TYPES,
    DYN_JO_ANSWER,
    DYN_JO_ERRATUM,
    DYN_JO_QUESTION,
    DYN_JO_SIGNALEMENT,
    DYN_PUBLISHED,
    DYN_REATTRIBUTED,
    DYN_RENEWED,
    FICHE_NO_PAGE,
    OLD_ANSWERED,
    OLD_CLOSED,
    OLD_ERRATUM,
    OLD_PUBLISHED,
    OLD_REATTRIBUTED,
    OLD_RENEWED,
    OLD_SIGNALEE,
    TYPE_LABELS,
    Layout,
    is_region,
    name_from_fiche,
    uncapitalise,
)
from relance.record import (
    ANSWERED_CODE,
    Attribution,
    Author,
    Closure,
    Erratum,
    JoRef,
    JoType,
    Ministry,
    Question,
    QuestionType,
    Signalement,
)
from relance.uid import make_uid
from spiders.parsers.common import ParseError


class NotAWrittenQuestion(ParseError):
    """The page is not a written question's: a QG or oral question, an error, search or list
    page, an empty body. Not a layout drift: the crawl skips it. ``unrecognized``: the page
    is none of those either, it has no known layout at all; at a question's URL, that is
    what a redesign of the site looks like, and the crawl counts it as a drift."""

    def __init__(self, message: str, *, unrecognized: bool = False, **kwargs: Any) -> None:
        self.unrecognized = unrecognized
        super().__init__(message, **kwargs)


class MissingField(ParseError):
    """A written question's page without a field every such page has: the layout changed."""

    def __init__(
        self,
        fields: tuple[str, ...],
        *,
        layout: Layout,
        uid: str | None = None,
        source: str | None = None,
    ) -> None:
        self.fields = fields
        super().__init__(
            f"{layout.value} page without {', '.join(fields)}",
            uid=uid,
            field=fields[0],
            source=source,
        )


#: Fields each layout carries, as ``page_field`` paths. A page record is exact on these
#: (the parity tests check it on thousands of rendered records); merge only these into a
#: stored record. Not carried anywhere: JO numbers and types, ministries' ``developpe`` and
#: ``organe_ref``, the intermediate ministries of a re-attributed question, the signalement's
#: filing date, errata texts, the author's mandate and group refs. ``author.circonscription``
#: holds the department alone on QUESTIONS and FICHE pages (no circonscription number), so
#: it is read but not claimed.
_COMMON_FIELDS = frozenset(
    {
        "uid",
        "legislature",
        "number",
        "type",
        "rubrique",
        "analyses",
        "author.name",
        "author.groupe_libelle",
        "ministere_interroge.abrege",
        "attributions.-1.ministry.abrege",
        "attributions.jo.date",
        "texte_question_html",
        "date_publication",
        "page_publication",
        "texte_reponse_html",
        "date_reponse",
        "page_reponse",
        "signalements.jo.date",
        "renouvellements",
        "closure.label",
        "closure.date",
        "errata.target",
        "errata.jo.date",
        "errata.jo.page",
    }
)
PAGE_FIELDS: dict[Layout, frozenset[str]] = {
    Layout.DYN: _COMMON_FIELDS | {"author.deputy_ref", "signalements.jo.page"},
    Layout.QUESTIONS: _COMMON_FIELDS
    | {"author.deputy_ref", "tete_analyse", "signalements.jo.page"},
    Layout.FICHE: _COMMON_FIELDS | {"author.groupe_abrege", "tete_analyse", "closure.code"},
}

#: What every written question's page shows; a page without one of them raises MissingField.
REQUIRED_FIELDS: tuple[str, ...] = (
    "number",
    "legislature",
    "type",
    "author.name",
    "date_publication",
    "texte_question_html",
    "ministere_interroge",
)


def page_field(question: Question, path: str) -> Any:
    """The value at a ``PAGE_FIELDS`` path: attribute names separated by dots; through a
    tuple, an integer picks an item (``attributions.-1``) and a name maps over the items
    (``signalements.jo.date`` is the tuple of the signalements' JO dates). None propagates."""
    value: Any = question
    for part in path.split("."):
        value = _step(value, part)
    return value


def _step(value: Any, part: str) -> Any:
    if value is None:
        return None
    if isinstance(value, tuple):
        if part.lstrip("-").isdigit():
            index = int(part)
            return value[index] if -len(value) <= index < len(value) else None
        return tuple(_step(item, part) for item in value)
    return getattr(value, part)


# -- entry points ------------------------------------------------------------------------------

_MARKERS = (
    (Layout.DYN, ("an-bloc _style-question",)),
    (Layout.QUESTIONS, ('class="question_legislature"', 'class="question_header"')),
    (Layout.FICHE, ("<nat>",)),
)


def detect_layout(page: str | bytes) -> Layout | None:
    """Which generation of question page this is, from markers only (no parsing)."""
    text = page.decode("utf-8", "replace") if isinstance(page, bytes) else page
    for layout, markers in _MARKERS:
        if all(marker in text for marker in markers):
            return layout
    return None


def parse_page(
    body: bytes | str, url: str | None = None, *, expected_uid: str | None = None
) -> Question:
    """Read a question's page. ``url`` is kept as ``source_url``; with ``expected_uid``, a
    page showing another question raises ``ParseError("uid mismatch …")``."""
    text = decode(body) if isinstance(body, bytes) else body
    layout = detect_layout(text)
    if layout is None:
        what = _what_page(text)
        raise NotAWrittenQuestion(what, source=url, unrecognized=what.startswith(_UNKNOWN))
    fields = _PARSERS[layout](text)
    type_ = fields.get("type")
    if type_ is not None and type_ is not QuestionType.QE:
        raise NotAWrittenQuestion(
            f"a {TYPE_LABELS[type_].lower()} ({type_.value}) page, not a written question",
            source=url,
        )
    uid = (
        make_uid(fields["legislature"], "QE", fields["number"])
        if fields.get("legislature") and fields.get("number")
        else None
    )
    missing = tuple(name for name in REQUIRED_FIELDS if not _required(fields, name))
    if missing:
        raise MissingField(missing, layout=layout, uid=uid, source=url)
    if expected_uid and uid != expected_uid:
        raise ParseError(f"uid mismatch: expected {expected_uid}, the page shows {uid}", uid=uid)
    return _question(uid, fields, url)


def _required(fields: dict[str, Any], name: str) -> Any:
    """The value a page gave for a ``REQUIRED_FIELDS`` name."""
    if name == "author.name":
        return fields["author"].name
    if name == "date_publication":
        return fields["dates"].publication
    return fields.get(name)


def decode(body: bytes) -> str:
    """Bytes → text with the charset the page declares (UTF-8 by default); bytes invalid in
    it become U+FFFD instead of failing."""
    match = _CHARSET.search(body[:4096])
    encoding = "utf-8"
    if match:
        try:
            encoding = codecs.lookup(match[1].decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            encoding = "utf-8"
    return body.decode(encoding, "replace")


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_ERROR_TITLE = re.compile(r"^\s*[45]\d\d\b|\berreur\b|\berror\b|indisponible|unavailable", re.I)
_LISTING_TITLE = re.compile(r"recherche|r[ée]sultats|liste|questions", re.I)


def _what_page(text: str) -> str:
    """Why a page without a question layout is refused: say what it is."""
    if not text.strip():
        return "empty body"
    match = _TITLE.search(text)
    title = " ".join(html.unescape(match[1]).split()) if match else ""
    if _ERROR_TITLE.search(title):
        return f"an error page (title {title!r})"
    if _LISTING_TITLE.search(title):
        return f"a search or list page, not a question (title {title!r})"
    return f"{_UNKNOWN} (title {title!r})" if title else _UNKNOWN


_UNKNOWN = "not a question page"


@dataclass
class _Dates:
    """The dated events a page lists, whatever their wording."""

    publication: date | None = None
    page_publication: str | None = None
    answer: date | None = None
    page_answer: str | None = None
    changes: list[date] = field(default_factory=list)
    signalements: list[Signalement] = field(default_factory=list)
    renouvellements: list[date] = field(default_factory=list)
    closure: Closure | None = None
    errata: list[Erratum] = field(default_factory=list)


def _question(uid: str, f: dict[str, Any], url: str | None) -> Question:
    """The record from the fields read; attributions, closure from the dated events."""
    dates: _Dates = f["dates"]
    texte_reponse = f.get("texte_reponse_html")
    closure = dates.closure
    if texte_reponse or dates.answer:
        closure = Closure(
            f.get("closure_code") or ANSWERED_CODE,
            ANSWERED_LABEL,
            dates.answer,
            JoRef(dates.answer, dates.page_answer, JoType.JO_QUESTION),
        )
    return Question(
        uid=uid,
        legislature=f["legislature"],
        number=f["number"],
        type=QuestionType.QE,
        rubrique=f.get("rubrique"),
        tete_analyse=f.get("tete_analyse"),
        analyses=f.get("analyses", ()),
        author=f["author"],
        ministere_interroge=f["ministere_interroge"],
        attributions=_attributions(f, dates),
        texte_question_html=f["texte_question_html"],
        date_publication=dates.publication,
        page_publication=dates.page_publication,
        texte_reponse_html=texte_reponse,
        date_reponse=dates.answer,
        page_reponse=dates.page_answer,
        signalements=tuple(sorted(dates.signalements, key=lambda s: s.date or date.min)),
        renouvellements=tuple(sorted(dates.renouvellements)),
        closure=closure,
        errata=tuple(dates.errata),
        source_url=url,
    )


def _attributions(f: dict[str, Any], dates: _Dates) -> tuple[Attribution, ...]:
    """The page shows the current attributaire and the dates of the changes: the first
    attribution is dated with the publication, each change with its own date; the
    ministries in between are not shown, so every one is the current attributaire."""
    ministry = f.get("ministere_attributaire") or f["ministere_interroge"]
    days = [dates.publication, *sorted(dates.changes)]
    return tuple(Attribution(ministry, JoRef(day, type=JoType.JO_QUESTION)) for day in days)


# -- small readers shared by the layouts -------------------------------------------------------


def _clean(text: str | None) -> str:
    """Runs of whitespace (NBSP included) → one space."""
    return " ".join((text or "").split())


def _text_of(element: Any) -> str:
    return _clean(element.text_content()) if element is not None else ""


def _or_none(text: str | None) -> str | None:
    text = _clean(text)
    return text or None


def _ministry(label: str | None) -> Ministry | None:
    label = _or_none(label)
    return Ministry(abrege=label) if label else None


def _day(text: str, *, field: str, french_long: bool = False) -> date | None:
    try:
        return parse_french_long_date(text) if french_long else parse_jo_date(text)
    except DateError as exc:
        raise ParseError(str(exc), field=field) from None


def _number(text: str | None) -> int | None:
    match = re.search(r"\d+", text or "")
    return int(match[0]) if match else None


def _cut(text: str, start: re.Pattern[str], end: re.Pattern[str]) -> tuple[str | None, str]:
    """Cut the raw HTML between ``start`` and the first ``end`` after it out of the page:
    ``(text or None, page without it)``. The text is kept as published, trimmed."""
    opening = start.search(text)
    if not opening:
        return None, text
    closing = end.search(text, opening.end())
    if not closing:
        return None, text
    fragment = text[opening.end() : closing.start()].strip()
    return fragment or None, text[: opening.end()] + text[closing.start() :]


def _focus(text: str, start: str, end: str) -> str:
    """The part of the page between two markers: parsing the site's large header and footer
    would cost more than all the fields."""
    first = text.find(start)
    last = text.rfind(end)
    return text[first : last + len(end)] if 0 <= first < last else text


def _document(text: str) -> Any:
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"unreadable HTML: {exc}", field="html") from None


# -- DYN ---------------------------------------------------------------------------------------

_DYN_QUESTION_START = re.compile(
    r'<span class="_bold">Question de :</span>.*?<p class="_pa-small">', re.S
)
_DYN_QUESTION_END = re.compile(
    r"</p>\s*</div>\s*</div>\s*(?="
    r'<div>\s*<div class="_pa-small">\s*<p class="_colored-green'
    r'|</div>\s*<div class="ha-grid-item size-1")'
)
_DYN_ANSWER_START = re.compile(
    r'<p class="_colored-green _bold">.*?</p>\s*<p class="_pa-small">', re.S
)
_DYN_ANSWER_END = re.compile(r'</p>\s*</div>\s*</div>\s*</div>\s*<div class="ha-grid-item size-1"')
_DYN_HEADER = re.compile(r"^(?P<type>.+?) n°\s*(?P<number>\d+)")
_DYN_DATE_LINE = re.compile(
    r"^(?P<label>.+?) le (?P<date>\d{1,2}(?:er)? \S+ \d{4})(?: \((?P<motif>.*)\))?$"
)
_DYN_JO_LINE = re.compile(
    r"^(?P<label>.+?) au Journal Officiel du (?P<date>.+?)(?:, page (?P<page>\S+))?$"
)
_LEGISLATURE = re.compile(r"(\d+)\s*(?:e|è|ème|ère|er)\b", re.I)


def _parse_dyn(text: str) -> dict[str, Any]:
    question, text = _cut(text, _DYN_QUESTION_START, _DYN_QUESTION_END)
    answer, text = _cut(text, _DYN_ANSWER_START, _DYN_ANSWER_END)
    doc = _document(_focus(text, "<main", "</main>"))
    keys = _dyn_key_data(doc)
    number, type_ = _parse_dyn_header(doc)
    return {
        "number": number,
        "type": type_ or _parse_dyn_type(keys),
        "legislature": _parse_dyn_legislature(doc),
        "analyses": _parse_dyn_analyses(doc),
        "rubrique": _parse_dyn_rubrique(keys),
        "author": _parse_dyn_author(keys),
        "ministere_interroge": _ministry(_dyn_by_id(doc, "blocMinistereInterroge")),
        "ministere_attributaire": _ministry(_dyn_by_id(doc, "blocMinistereAttributaire")),
        "texte_question_html": question,
        "texte_reponse_html": answer,
        "dates": _parse_dyn_dates(doc, keys),
    }


def _dyn_key_data(doc: Any) -> dict[str, Any]:
    """ "Données clés": ``p.h6`` label → the paragraph."""
    found = {}
    for p in doc.find_class("h6"):
        if p.tag == "p":
            found[_clean(p.text).rstrip(" :")] = p
    return found


def _dyn_value(p: Any) -> str:
    span = p.find(".//span") if p is not None else None
    return _text_of(span)


def _dyn_by_id(doc: Any, id_: str) -> str:
    found = doc.get_element_by_id(id_, None)
    return _dyn_value(found)


def _parse_dyn_header(doc: Any) -> tuple[int | None, QuestionType | None]:
    """ "Question écrite n°200 :" — the number and the type."""
    for span in doc.find_class("h4"):
        match = _DYN_HEADER.match(_clean(span.text))
        if match:
            labels = {label: t for t, label in DYN_HEADER_TYPES.items()}
            return int(match["number"]), labels.get(match["type"])
    return None, None


def _parse_dyn_type(keys: dict[str, Any]) -> QuestionType | None:
    labels = {label: t for t, label in TYPE_LABELS.items()}
    return labels.get(_dyn_value(keys.get("Type de question")))


def _parse_dyn_legislature(doc: Any) -> int | None:
    """ "16ème Législature"."""
    for span in doc.find_class("h6"):
        if span.tag == "span" and "gislature" in (span.text or ""):
            match = _LEGISLATURE.search(span.text)
            return int(match[1]) if match else None
    return None


def _parse_dyn_analyses(doc: Any) -> tuple[str, ...]:
    """The header's short title: the analyses, joined by "; "."""
    for span in doc.find_class("h4"):
        regular = span.find_class("_regular")
        if regular:
            return tuple(a for a in (_clean(x) for x in _text_of(regular[0]).split(";")) if a)
    return ()


def _parse_dyn_rubrique(keys: dict[str, Any]) -> str | None:
    value = _dyn_value(keys.get("Rubrique"))
    return uncapitalise(value) if value else None


def _parse_dyn_author(keys: dict[str, Any]) -> Author:
    """ "Mme X (Région - Groupe)" and the deputy's PA ref in the link."""
    p = keys.get("Auteur")
    link = p.find(".//a[@data-document-id]") if p is not None else None
    name, group = _split_dyn_author(_dyn_value(p))
    return Author(
        deputy_ref=_or_none(link.get("data-document-id")) if link is not None else None,
        name=name,
        groupe_libelle=group,
    )


def _split_dyn_author(line: str) -> tuple[str | None, str | None]:
    """Name, then the group: the region before " - " is dropped (not a record field)."""
    name, paren, inside = line.partition(" (")
    if not paren:
        return _or_none(name), None
    inside = inside[:-1] if inside.endswith(")") else inside
    first, dash, rest = inside.partition(" - ")
    if is_region(first):
        return _or_none(name), _or_none(rest) if dash else None
    return _or_none(name), _or_none(inside)


def _parse_dyn_dates(doc: Any, keys: dict[str, Any]) -> _Dates:
    """Dates from the "Dates :" block; pages, signalements and errata from the JO links."""
    dates = _Dates()
    block = keys.get("Dates")
    for span in block.findall("span") if block is not None else ():
        match = _DYN_DATE_LINE.match(_text_of(span))
        if match:
            day = _day(match["date"], field="Dates", french_long=True)
            _dyn_date_event(dates, match["label"], day, match["motif"])
    for link in doc.xpath('//a[@class="link"][contains(., "Journal Officiel")]'):
        match = _DYN_JO_LINE.match(_text_of(link))
        if match:
            day = _day(match["date"], field="Journal Officiel", french_long=True)
            _dyn_jo_event(dates, match["label"], JoRef(day, match["page"], JoType.JO_QUESTION))
    return dates


def _dyn_date_event(dates: _Dates, label: str, day: date | None, motif: str | None) -> None:
    if label == DYN_PUBLISHED:
        dates.publication = day
    elif label == DYN_ANSWERED:
        dates.answer = day
    elif label == DYN_REATTRIBUTED and day:
        dates.changes.append(day)
    elif label == DYN_RENEWED and day:
        dates.renouvellements.append(day)
    elif label == DYN_CLOSED:
        dates.closure = Closure(None, _or_none(motif), day, JoRef(day))


def _dyn_jo_event(dates: _Dates, label: str, jo: JoRef) -> None:
    if label == DYN_JO_QUESTION:
        dates.page_publication = jo.page
    elif label == DYN_JO_ANSWER:
        dates.page_answer = jo.page
    elif label == DYN_JO_SIGNALEMENT:
        dates.signalements.append(Signalement(jo=jo))
    for target, erratum_label in DYN_JO_ERRATUM.items():
        if label == erratum_label:
            dates.errata.append(Erratum(target, jo))


# -- QUESTIONS ---------------------------------------------------------------------------------

_OLD_QUESTION_START = re.compile(r'<div class="question">\s*<h3>[^<]*</h3>\s*<p>')
_OLD_QUESTION_END = re.compile(r'</p>\s*</div>\s*(?=<div class="answer">|</section>)')
_OLD_ANSWER_START = re.compile(r'<div class="reponse_contenu">')
_OLD_ANSWER_END = re.compile(r"</div>\s*</div>\s*</section>")
_OLD_LINE = re.compile(
    r"^(?P<label>.+?) : (?P<date>\d{1,2}/\d{1,2}/\d{4})"
    r"(?: page : (?P<page>\S+))?(?: \((?P<motif>.*)\))?$"
)


def _parse_questions(text: str) -> dict[str, Any]:
    question, text = _cut(text, _OLD_QUESTION_START, _OLD_QUESTION_END)
    answer, text = _cut(text, _OLD_ANSWER_START, _OLD_ANSWER_END)
    doc = _document(_focus(text, '<header class="question_legislature"', "</section>"))
    cols = {_old_label(div): div for div in doc.find_class("question_col50")}
    cols |= {_old_label(div): div for div in doc.find_class("question_col33")}
    return {
        "number": _parse_old_number(doc),
        "type": _parse_old_type(doc),
        "legislature": _parse_old_legislature(doc),
        "rubrique": _old_value(cols.get("Rubrique")),
        "tete_analyse": _old_value(cols.get("Tête d'analyse")),
        "analyses": _parse_old_analyses(cols.get("Analyse")),
        "author": _parse_old_author(doc),
        "ministere_interroge": _ministry(_old_value(cols.get("Ministère interrogé"))),
        "ministere_attributaire": _ministry(_old_value(cols.get("Ministère attributaire"))),
        "texte_question_html": question,
        "texte_reponse_html": answer,
        "dates": _parse_old_dates(doc),
    }


def _old_label(div: Any) -> str:
    """ "Rubrique > État": the label is the ``question_big_content`` span."""
    spans = div.find_class("question_big_content")
    return _clean(spans[0].text).rstrip(" >") if spans else ""


def _old_value(div: Any) -> str | None:
    """The value after the label span (``PIA`` strips up to ``>``)."""
    if div is None:
        return None
    return _or_none(_text_of(div).partition(">")[2])


def _parse_old_number(doc: Any) -> int | None:
    """ "Question N° 3200"."""
    for div in doc.xpath('//section[@class="question_header"]/div'):
        match = re.match(r"Question N°\s*(\d+)$", _text_of(div))
        if match:
            return int(match[1])
    return None


def _parse_old_type(doc: Any) -> QuestionType | None:
    """The header's last cell: "Question écrite"."""
    labels = {label: t for t, label in TYPE_LABELS.items()}
    for div in doc.xpath('//section[@class="question_header"]/div'):
        if _text_of(div) in labels:
            return labels[_text_of(div)]
    return None


def _parse_old_legislature(doc: Any) -> int | None:
    """ "14ème législature"."""
    headers = doc.find_class("question_legislature")
    match = _LEGISLATURE.search(_text_of(headers[0])) if headers else None
    return int(match[1]) if match else None


def _parse_old_analyses(div: Any) -> tuple[str, ...]:
    """ "rapport. propositions.": each analyse ends with a full stop."""
    value = (_old_value(div) or "").removesuffix(".")
    return tuple(a for a in (_clean(x) for x in value.split(". ")) if a)


def _parse_old_author(doc: Any) -> Author:
    """ "de <a>M. Philippe Le Ray</a> (Groupe - <span>Morbihan</span> )"."""
    cell = doc.get_element_by_id("question_col80", None)
    big = cell.find_class("question_big_content") if cell is not None else []
    if not big:
        return Author()
    link = big[0].find(".//a")
    href = link.get("href", "") if link is not None else ""
    ref = re.search(r"(PA\d+)", href)
    department = big[0].getnext()
    group = (big[0].tail or "").strip().removeprefix("(").strip()
    group = group.removesuffix("-").strip() if department is not None else group.removesuffix(")")
    return Author(
        deputy_ref=ref[1] if ref else None,
        name=_or_none(_text_of(big[0])),
        groupe_libelle=_or_none(group),
        circonscription=_or_none(_text_of(department)) if department is not None else None,
    )


def _parse_old_dates(doc: Any) -> _Dates:
    """One ``div`` per event: "<label> : dd/mm/yyyy[ page : n][ (motif)]"."""
    dates = _Dates()
    for block in doc.find_class("question_publish_date"):
        for div in block.findall("div"):
            match = _OLD_LINE.match(_text_of(div))
            if match:
                day = _day(match["date"], field=match["label"])
                _old_event(dates, match["label"], day, match["page"], match["motif"])
    return dates


def _old_event(
    dates: _Dates, label: str, day: date | None, page: str | None, motif: str | None
) -> None:
    if label == OLD_PUBLISHED:
        dates.publication, dates.page_publication = day, page
    elif label == OLD_ANSWERED:
        dates.answer, dates.page_answer = day, page
    elif label == OLD_REATTRIBUTED and day:
        dates.changes.append(day)
    elif label == OLD_SIGNALEE:
        dates.signalements.append(Signalement(jo=JoRef(day, page, JoType.JO_QUESTION)))
    elif label == OLD_RENEWED and day:
        dates.renouvellements.append(day)
    elif label == OLD_CLOSED:
        dates.closure = Closure(None, _or_none(motif), day, JoRef(day))
    for target, erratum_label in OLD_ERRATUM.items():
        if label == erratum_label:
            dates.errata.append(Erratum(target, JoRef(day, page, JoType.JO_QUESTION)))


# -- FICHE -------------------------------------------------------------------------------------

_FICHE_QUESTION_START = re.compile(r"<quest>\s*<html>")
_FICHE_QUESTION_END = re.compile(r"</html>\s*</quest>")
_FICHE_ANSWER_START = re.compile(r"<rep>\s*<html>")
_FICHE_ANSWER_END = re.compile(r"</html>\s*</rep>")
_FICHE_TAG = re.compile(r"<([a-z]+)>([^<]*)</\1>")
_FICHE_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


def _parse_fiche(text: str) -> dict[str, Any]:
    """Pseudo-tags, read with a regex: the page is a flat table of ``<tag>value</tag>``."""
    question, text = _cut(text, _FICHE_QUESTION_START, _FICHE_QUESTION_END)
    answer, text = _cut(text, _FICHE_ANSWER_START, _FICHE_ANSWER_END)
    tags = {name: _clean(html.unescape(value)) for name, value in _FICHE_TAG.findall(text)}
    return {
        "number": _number(tags.get("num")),
        "type": _parse_fiche_type(tags),
        "legislature": _number(tags.get("nleg") or tags.get("leg")),
        "rubrique": _or_none(tags.get("rub")),
        "tete_analyse": _or_none(tags.get("tana")),
        "analyses": tuple(a for a in (_clean(x) for x in tags.get("ana", "").split(". ")) if a),
        "author": _parse_fiche_author(tags),
        "ministere_interroge": _ministry(tags.get("mini")),
        "ministere_attributaire": _ministry(tags.get("mina")),
        "texte_question_html": question,
        "texte_reponse_html": answer,
        "closure_code": _or_none(tags.get("codret")),
        "dates": _parse_fiche_dates(tags),
    }


def _parse_fiche_type(tags: dict[str, str]) -> QuestionType | None:
    try:
        return QuestionType(tags.get("nat", ""))
    except ValueError:
        return None


def _parse_fiche_author(tags: dict[str, str]) -> Author:
    """``<civ>`` and ``<aut>`` (surname first), ``<groupe>``, hidden ``<grp>``, ``<dept>``."""
    return Author(
        name=name_from_fiche(tags.get("civ", ""), tags.get("aut", "")),
        groupe_abrege=_or_none(tags.get("grp")),
        groupe_libelle=_or_none(tags.get("groupe")),
        circonscription=_or_none(tags.get("dept")),
    )


def _fiche_days(tags: dict[str, str], name: str) -> list[date]:
    return [d for d in (_day(t, field=name) for t in _FICHE_DATE.findall(tags.get(name, ""))) if d]


def _fiche_pages(tags: dict[str, str], name: str) -> list[str | None]:
    return [None if p == FICHE_NO_PAGE else p for p in tags.get(name, "").split()]


def _parse_fiche_dates(tags: dict[str, str]) -> _Dates:
    publication = _fiche_days(tags, "dpq")
    answer = _fiche_days(tags, "dpr")
    closed = _fiche_days(tags, "dret")
    dates = _Dates(
        publication=publication[0] if publication else None,
        page_publication=_or_none(tags.get("pgq")),
        answer=answer[0] if answer else None,
        page_answer=_or_none(tags.get("pgrep")),
        changes=_fiche_days(tags, "dca"),
        signalements=[
            Signalement(jo=JoRef(d, type=JoType.JO_QUESTION)) for d in _fiche_days(tags, "dsign")
        ],
        renouvellements=_fiche_days(tags, "draps"),
    )
    if closed or tags.get("cret"):
        day = closed[0] if closed else None
        dates.closure = Closure(
            _or_none(tags.get("codret")), _or_none(tags.get("cret")), day, JoRef(day)
        )
    for target, days, pages in (
        ("question", "derq", "pgerq"),
        ("answer", "derr", "pgerrep"),
    ):
        page_list = _fiche_pages(tags, pages)
        for i, day in enumerate(_fiche_days(tags, days)):
            page = page_list[i] if i < len(page_list) else None
            dates.errata.append(Erratum(target, JoRef(day, page, JoType.JO_QUESTION)))
    return dates


_PARSERS: dict[Layout, Callable[[str], dict[str, Any]]] = {
    Layout.DYN: _parse_dyn,
    Layout.QUESTIONS: _parse_questions,
    Layout.FICHE: _parse_fiche,
}
