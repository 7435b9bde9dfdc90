"""The failures of the real sites, reproducible on the mirror (an-formats.md §8, hazards).

``Faults`` is read by the server at each request and may be changed while it runs. Two
kinds of switches:

- the historical counters: ``burst`` (the next N requests, robots.txt aside, answer
  ``status`` with ``Retry-After``) and ``truncate_to`` (every body cut after N bytes);
- rules, ``faults.on(Fault.X, uids=…, share=…, kinds=…)``: a fault hits the requests of the
  given kinds (``page``, ``dump``) whose key (the uid of a page, the path of a dump) is in
  ``uids``, or, without ``uids``, a ``share`` of the keys chosen by a stable hash. The same
  key is always hit or always spared, so a test knows which uids fail.

The page transforms are pure functions of the HTML (or of the record) and live here too.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from relance.record import ANSWERED_CODE, Question


class Fault(StrEnum):
    SLOW = "slow"  # the answer starts after ``Faults.delay`` seconds
    UNAVAILABLE = "unavailable"  # 503 with Retry-After
    RATE_LIMITED = "rate_limited"  # 429 with Retry-After
    TRUNCATED = "truncated"  # the body stops short (``truncate_to`` bytes, else half)
    MALFORMED = "malformed"  # the HTML stops in the middle, garbage after
    CHANGED_LAYOUT = "changed_layout"  # classes, ids and labels renamed (a site redesign)
    ERROR_PAGE = "error_page"  # 302 to a 200 page titled "503 …" or "Erreur"
    WRONG_QUESTION = "wrong_question"  # another question's page at this URL
    ANSWER_GONE = "answer_gone"  # the page no longer shows the answer
    BAD_BYTES = "bad_bytes"  # bytes that are not UTF-8 in a page declared UTF-8
    CP1252 = "cp1252"  # the page encoded in cp1252, declared UTF-8


class Kind(StrEnum):
    """What a request asks for; counted per kind by the server."""

    PAGE = "page"
    DUMP = "dump"
    ROBOTS = "robots"
    OTHER = "other"  # error pages, unknown paths


#: Faults that change a page's content: they only make sense for pages.
PAGE_ONLY = frozenset(
    {
        Fault.MALFORMED,
        Fault.CHANGED_LAYOUT,
        Fault.WRONG_QUESTION,
        Fault.ANSWER_GONE,
        Fault.BAD_BYTES,
        Fault.CP1252,
    }
)


@dataclass(frozen=True)
class Target:
    """The requests a fault hits (see the module docstring)."""

    uids: frozenset[str] | None = None
    share: float = 1.0
    kinds: frozenset[Kind] = frozenset({Kind.PAGE})

    def hits(self, fault: Fault, kind: Kind, key: str) -> bool:
        if kind not in self.kinds:
            return False
        if self.uids is not None:
            return key in self.uids
        return self.share >= 1 or stable_unit(f"{fault}:{key}") < self.share


def stable_unit(text: str) -> float:
    """A number in [0, 1) that depends on ``text`` only (not on the process's hash seed)."""
    return int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "big") / 2**64


@dataclass
class Faults:
    """Failures to inject: the next ``burst`` requests answer ``status`` (with
    ``Retry-After: retry_after``); bodies are cut after ``truncate_to`` bytes; rules
    (``on``/``off``) for everything else. ``delay`` is the wait of ``Fault.SLOW``."""

    burst: int = 0
    status: int = 503
    retry_after: int | None = 1
    truncate_to: int | None = None
    delay: float = 1.0
    rules: dict[Fault, Target] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._left: dict[Fault, int] = {}  # hits left, for rules switched on with ``times``

    def take_burst(self) -> bool:
        with self._lock:
            if self.burst > 0:
                self.burst -= 1
                return True
            return False

    def on(
        self,
        fault: Fault | str,
        *,
        uids: Iterable[str] | None = None,
        share: float = 1.0,
        kinds: Iterable[Kind | str] = (Kind.PAGE,),
        times: int | None = None,
    ) -> Faults:
        """Switch ``fault`` on for the given requests; ``times``: only the next N hits."""
        fault = Fault(fault)
        kinds = frozenset(Kind(k) for k in kinds)
        if fault in PAGE_ONLY and kinds - {Kind.PAGE}:
            raise ValueError(f"{fault} changes a page's content: kinds must be ('page',)")
        target = Target(frozenset(uids) if uids is not None else None, share, kinds)
        with self._lock:
            self.rules[fault] = target
            if times is None:
                self._left.pop(fault, None)
            else:
                self._left[fault] = times
        return self

    def off(self, fault: Fault | str | None = None) -> Faults:
        """Switch one rule off, or, without argument, every fault (counters included)."""
        with self._lock:
            if fault is None:
                self.rules.clear()
                self._left.clear()
                self.burst, self.truncate_to = 0, None
            else:
                self.rules.pop(Fault(fault), None)
                self._left.pop(Fault(fault), None)
        return self

    def hits(self, fault: Fault, kind: Kind, key: str) -> bool:
        """Whether this request suffers ``fault`` (and count it against ``times``)."""
        target = self.rules.get(fault)
        if target is None or not target.hits(fault, kind, key):
            return False
        with self._lock:
            left = self._left.get(fault)
            if left is None:
                return True
            if left <= 0:
                return False
            self._left[fault] = left - 1
            return True


# -- page transforms (pure) -------------------------------------------------------------------

#: Labels the page parsers read, and what a redesign might call them instead.
_RENAMED_LABELS = {
    "Question écrite": "Question écrite (QE)",
    "Question de :": "Auteur de la question :",
    "Réponse publiée le": "Réponse parue le",
    "Question publiée le": "Question parue le",
    "Publication de la question": "Parution de la question",
    "Publication de la réponse": "Parution de la réponse",
    "Ministère interrogé": "Ministère destinataire",
    "Ministère répondant": "Ministère chargé de la réponse",
    "Ministère attributaire": "Ministère chargé de la réponse",
    "Rubrique": "Thème",
    "Tête d'analyse": "Sous-thème",
    "Question publiée au JO le": "Parue au JO le",
    "Réponse publiée au JO le": "Réponse parue au JO le",
    "Texte de la question": "Question",
    "Texte de la réponse": "Réponse",
    "Données clés": "En bref",
}
_LABELS = re.compile("|".join(re.escape(k) for k in sorted(_RENAMED_LABELS, key=len, reverse=True)))
_CLASS_OR_ID = re.compile(r'\b(class|id)="([^"]*)"')


def change_layout(page: str) -> str:
    """The page after a redesign: every class and id renamed (``_pa-small`` → ``v2-pa-small``)
    and the labels the parsers look for reworded. Same content, other markup."""
    page = _CLASS_OR_ID.sub(lambda m: f'{m[1]}="{_rename(m[2])}"', page)
    return _LABELS.sub(lambda m: _RENAMED_LABELS[m[0]], page)


def _rename(value: str) -> str:
    return " ".join("v2-" + name.lstrip("_") for name in value.split())


def malform(page: str) -> str:
    """The page cut in the middle of the document, inside a tag, with garbage after: what a
    half-written cache entry or a crashed template sends."""
    cut = page.find("<", len(page) * 2 // 5)
    cut = cut + 2 if cut >= 0 else len(page) // 2
    return page[:cut] + '\ufffd\ufffd <div class="<<>>\n<p'


def bad_bytes(body: bytes) -> bytes:
    """Bytes that are not UTF-8 spliced into the body: a lone continuation byte and a
    Latin-1 "é" (0xE9) before a tag past the middle of the page."""
    cut = body.find(b"<", len(body) // 2)
    cut = cut if cut >= 0 else len(body)
    return body[:cut] + b"\x80\xe9t\xe9 " + body[cut:]


def cp1252(page: str) -> bytes:
    """The page encoded in cp1252 (what a misconfigured server sends as UTF-8)."""
    return page.encode("cp1252", errors="xmlcharrefreplace")


def without_answer(question: Question) -> Question:
    """The question as a page that lost its answer shows it: no text, no answer date, no
    "Réponse publiée" closure, no erratum of the answer (the other closures stay)."""
    closure = question.closure
    if closure is not None and (closure.code or "").strip().upper() == ANSWERED_CODE:
        closure = None
    return replace(
        question,
        texte_reponse_html=None,
        date_reponse=None,
        page_reponse=None,
        closure=closure,
        errata=tuple(e for e in question.errata if e.target != "answer"),
    )


#: Error pages the mirror redirects to (``Fault.ERROR_PAGE``): titles seen on the real site.
ERROR_PAGES = {
    "/erreur/503.html": "503 Service Temporarily Unavailable",
    "/erreur.html": "Erreur - Assemblée nationale",
}


def error_page(title: str) -> bytes:
    return (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        "</head><body><h1>Le service est momentanément indisponible.</h1>"
        "<p>Veuillez réessayer dans quelques instants.</p></body></html>\n"
    ).encode()


def error_location(key: str) -> str:
    """Which error page a request is sent to: fixed per key."""
    pages = sorted(ERROR_PAGES)
    return pages[int(stable_unit(f"error:{key}") * len(pages))]
