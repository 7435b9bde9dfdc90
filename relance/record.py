"""The question record: one type for a written question, whatever it was read from.

Parsers (open-data JSON, legacy XML, the site's pages) all produce a ``Question``; the
pipeline, the database and the index read it. Status is derived here, in one place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload

import orjson

from relance.ministries import ministry_key
from relance.text import fold, html_to_text
from relance.uid import parse_uid


class QuestionType(StrEnum):
    QE = "QE"  # question écrite
    QG = "QG"  # question au Gouvernement
    QOSD = "QOSD"  # question orale sans débat


class Status(StrEnum):
    PENDING = "pending"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"  # closed without answer during the legislature
    LAPSED = "lapsed"  # closed "Fin de mandat" / at the end of the legislature

    @property
    def is_final(self) -> bool:
        return self is not Status.PENDING


class JoType(StrEnum):
    JO_QUESTION = "JO_QUESTION"  # the weekly "Questions" issue
    JO_DEBAT = "JO_DEBAT"  # compte rendu (QG, QOSD)
    JO_LOI_DECRET = "JO_LOI_DECRET"  # Lois et décrets: re-attributions after a reshuffle

    @classmethod
    def read(cls, value: str | None) -> JoType | None:
        """Known types only; an unknown one is dropped (the date and page are kept)."""
        try:
            return cls(value) if value else None
        except ValueError:
            return None


class EventKind(StrEnum):
    PUBLISHED = "published"
    ATTRIBUTED = "attributed"
    REATTRIBUTED = "reattributed"
    SIGNALEE = "signalee"
    RENEWED = "renewed"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"
    CORRECTED = "corrected"


#: The only closure code whose meaning is known for sure (an-formats.md §5).
ANSWERED_CODE = "REP_PUB"
#: Closure labels (folded) that mean the question lapsed with the mandate or legislature.
LAPSED_LABELS = ("fin de mandat", "fin de legislature", "caduque", "caduc")


# A record and its parts are frozen dataclasses built by ``record``: immutable values, with
# two choices made for the import, which builds and serializes one for every question read:
# - plain (``__dict__``) instances, not ``slots=True``: orjson serializes those from their
#   ``__dict__`` five times faster (once for the content hash, once for the JSON columns;
#   the same bytes either way: field order);
# - an ``__init__`` that fills the ``__dict__`` in one call: the one ``dataclass`` writes for
#   a frozen class calls ``object.__setattr__`` once per field (the way around its own
#   frozen ``__setattr__``), 10 µs for a ``Question`` against 2 µs.

_T = TypeVar("_T")
_V = TypeVar("_V")
_NO_VALUE: Any = object()


class cached(Generic[_V]):
    """``functools.cached_property`` without its lock: Python 3.11's takes an RLock on every
    first read (removed in 3.12), which cost more than computing a record's status. The
    value is stored in the instance's ``__dict__``, where it then shadows this non-data
    descriptor; records are immutable, so two threads reading it first at the same time
    compute the same value twice, harmlessly."""

    def __init__(self, compute: Callable[[Any], _V]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached[_V]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _V: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


def record(cls: type[_T]) -> type[_T]:
    """``@dataclass(frozen=True)`` with the faster ``__init__`` (same signature, defaults
    and default factories; the instance stays frozen)."""
    cls = dataclass(frozen=True, init=False)(cls)
    cls.__init__ = _dict_init(cls)  # type: ignore[misc]
    return cls


def _dict_init(cls: type) -> Any:
    namespace: dict[str, Any] = {"_NO_VALUE": _NO_VALUE}
    params, lines = [], []
    for f in fields(cls):
        if f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_NO_VALUE")
            lines.append(f"    if {f.name} is _NO_VALUE:\n        {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
    values = ", ".join(f"{f.name!r}: {f.name}" for f in fields(cls))
    lines.append(f"    self.__dict__.update({{{values}}})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(lines), namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


@record
class JoRef:
    """A publication in the Journal officiel."""

    date: date | None = None
    page: str | None = None
    type: JoType | None = None
    number: str | None = None


@record
class Ministry:
    """A ministry as published (labels kept verbatim) with its stable normalized key."""

    abrege: str
    developpe: str | None = None
    organe_ref: str | None = None

    @property
    def key(self) -> str:
        return ministry_key(self.abrege or self.developpe or "")

    @property
    def label(self) -> str:
        return self.abrege or self.developpe or ""


@record
class Attribution:
    ministry: Ministry
    jo: JoRef = field(default_factory=JoRef)


@record
class Author:
    deputy_ref: str | None = None  # PA…
    mandate_ref: str | None = None  # PM…
    name: str | None = None  # "M. Emmanuel Fernandes"
    groupe_ref: str | None = None  # PO…
    groupe_abrege: str | None = None  # "LFI-NFP"
    groupe_libelle: str | None = None
    circonscription: str | None = None  # "Bas-Rhin (2e circonscription)"


@record
class Signalement:
    date_depot: date | None = None
    jo: JoRef = field(default_factory=JoRef)

    @property
    def date(self) -> date | None:
        """The day the ten days start: the signalement's JO date, else its filing date."""
        return self.jo.date or self.date_depot


@record
class Closure:
    code: str | None = None  # kept verbatim: codes other than REP_PUB are not documented
    label: str | None = None
    date: date | None = None
    jo: JoRef = field(default_factory=JoRef)


@record
class Erratum:
    target: str  # "question" or "answer"
    jo: JoRef = field(default_factory=JoRef)
    text: str | None = None


@record
class Question:
    uid: str
    legislature: int
    number: int
    type: QuestionType
    rubrique: str | None = None
    tete_analyse: str | None = None
    analyses: tuple[str, ...] = ()
    author: Author = field(default_factory=Author)
    ministere_interroge: Ministry | None = None
    attributions: tuple[Attribution, ...] = ()
    texte_question_html: str | None = None
    date_publication: date | None = None
    page_publication: str | None = None
    texte_reponse_html: str | None = None
    date_reponse: date | None = None
    page_reponse: str | None = None
    signalements: tuple[Signalement, ...] = ()
    renouvellements: tuple[date, ...] = ()
    closure: Closure | None = None
    errata: tuple[Erratum, ...] = ()
    source_url: str | None = None

    # -- derived ---------------------------------------------------------------------------
    @property
    def texte_question(self) -> str:
        return html_to_text(self.texte_question_html)

    @property
    def texte_reponse(self) -> str:
        return html_to_text(self.texte_reponse_html)

    @property
    def ministere_attributaire(self) -> Ministry | None:
        """The ministry that must answer: the last attribution (an-formats.md §3)."""
        return self.attributions[-1].ministry if self.attributions else self.ministere_interroge

    @cached
    def status(self) -> Status:
        return derive_status(self.closure, has_answer=bool(self.texte_reponse_html))

    @property
    def date_cloture(self) -> date | None:
        if self.status is Status.ANSWERED:
            return self.date_reponse or (self.closure.date if self.closure else None)
        return self.closure.date if self.closure else None

    @property
    def titre(self) -> str:
        """The short title: the analyse, else the rubrique (fresh questions have no analyse)."""
        return titre(self.analyses, self.tete_analyse, self.rubrique)

    @cached
    def content_hash(self) -> str:
        """Computed once per record (records are immutable)."""
        return content_hash(self)

    # -- serialisation ---------------------------------------------------------------------
    def to_json(self) -> bytes:
        """The record's fields as JSON (orjson serializes dataclasses, enums and dates
        natively; a fresh copy leaves out the cached derived values)."""
        return orjson.dumps(replace(self))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; dates as ISO strings. ``from_dict(to_dict(q)) == q``."""
        return orjson.loads(self.to_json())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        return _question_from_dict(data)

    def replace(self, **changes: Any) -> Question:
        return replace(self, **changes)


def titre(analyses: Any, tete_analyse: str | None, rubrique: str | None) -> str:
    """A question's short title from its parts (a record's or a database row's): the
    analyses joined, else the tête d'analyse, else the rubrique, else ""."""
    return "; ".join(analyses or ()) or tete_analyse or rubrique or ""


def derive_status(closure: Closure | None, *, has_answer: bool) -> Status:
    """The one place status is decided.

    - an answer text, or closure code ``REP_PUB`` → answered;
    - a closure labelled "Fin de mandat" (or caduque, end of legislature) → lapsed;
    - any other closure, including unknown codes → withdrawn (closed without answer);
    - no closure → pending.
    """
    if has_answer or (closure and (closure.code or "").strip().upper() == ANSWERED_CODE):
        return Status.ANSWERED
    if closure is None or not (closure.code or closure.label or closure.date):
        return Status.PENDING
    return Status.LAPSED if _means_lapsed(closure.label or "") else Status.WITHDRAWN


@lru_cache(maxsize=1024)  # a handful of closure labels recur in every dump
def _means_lapsed(label: str) -> bool:
    folded = fold(label)
    return any(marker in folded for marker in LAPSED_LABELS)


#: Bump when what is derived from a record and stored beside it changes (status rules,
#: ministry keys, deadlines…): every record then hashes differently, so the next import
#: rewrites its row instead of counting it unchanged.
DERIVED_VERSION = 2


def content_hash(question: Question) -> str:
    """SHA-256 of the record's content (not its source URL) and of ``DERIVED_VERSION``:
    equal content, equal hash, whether the record came from the open data or a page."""
    # orjson serializes a dataclass's ``__dict__``, where cached properties (status,
    # content_hash) land once read; the hash must not depend on what was read, so it is
    # taken of a fresh copy, unless the record holds nothing but its fields and no source
    # URL (a record just parsed from the open data: the copy would serialize the same).
    if question.source_url is not None or len(question.__dict__) != _FIELDS:
        question = replace(question, source_url=None)
    digest = _SALTED.copy()  # (no concatenation: a record's JSON is ~5 KB)
    digest.update(orjson.dumps(question))
    return digest.hexdigest()


_SALTED = hashlib.sha256(f"relance-record-{DERIVED_VERSION}:".encode())
_FIELDS = len(fields(Question))


def check_uid(question: Question) -> None:
    """The uid agrees with (legislature, type, number)."""
    parts = parse_uid(question.uid)
    if (parts.legislature, parts.type, parts.number) != (
        question.legislature,
        question.type.value,
        question.number,
    ):
        raise ValueError(f"{question.uid}: uid disagrees with legislature/type/number")


# -- from_dict --------------------------------------------------------------------------------


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _jo(data: dict[str, Any] | None) -> JoRef:
    data = data or {}
    return JoRef(
        date=_d(data.get("date")),
        page=data.get("page"),
        type=JoType.read(data.get("type")),
        number=data.get("number"),
    )


def _ministry(data: dict[str, Any] | None) -> Ministry | None:
    return Ministry(**data) if data else None


def _question_from_dict(data: dict[str, Any]) -> Question:
    known = {f.name for f in fields(Question)}
    data = {k: v for k, v in data.items() if k in known}
    closure = data.get("closure")
    return Question(
        **{
            **data,
            "type": QuestionType(data["type"]),
            "analyses": tuple(data.get("analyses") or ()),
            "author": Author(**(data.get("author") or {})),
            "ministere_interroge": _ministry(data.get("ministere_interroge")),
            "attributions": tuple(
                Attribution(ministry=Ministry(**a["ministry"]), jo=_jo(a.get("jo")))
                for a in data.get("attributions") or ()
            ),
            "date_publication": _d(data.get("date_publication")),
            "date_reponse": _d(data.get("date_reponse")),
            "signalements": tuple(
                Signalement(date_depot=_d(s.get("date_depot")), jo=_jo(s.get("jo")))
                for s in data.get("signalements") or ()
            ),
            "renouvellements": tuple(_d(r) for r in data.get("renouvellements") or ()),
            "closure": (
                Closure(
                    code=closure.get("code"),
                    label=closure.get("label"),
                    date=_d(closure.get("date")),
                    jo=_jo(closure.get("jo")),
                )
                if closure
                else None
            ),
            "errata": tuple(
                Erratum(target=e["target"], jo=_jo(e.get("jo")), text=e.get("text"))
                for e in data.get("errata") or ()
            ),
        }
    )


# -- deputies, groups, ministries (acteurs / organes dumps) -----------------------------------


class OrganeType(StrEnum):
    GP = "GP"  # political group
    MINISTERE = "MINISTERE"
    ASSEMBLEE = "ASSEMBLEE"
    OTHER = "OTHER"  # every other organe type is kept as OTHER

    @classmethod
    def read(cls, value: str | None) -> OrganeType:
        try:
            return cls(value or "OTHER")
        except ValueError:
            return cls.OTHER


@dataclass(frozen=True, slots=True)
class Mandate:
    uid: str  # PM…
    organe_type: OrganeType
    organe_ref: str | None = None  # PO…
    legislature: int | None = None
    date_debut: date | None = None
    date_fin: date | None = None
    departement: str | None = None
    num_departement: str | None = None
    num_circo: int | None = None
    region: str | None = None

    @property
    def circonscription(self) -> str | None:
        """``"Bas-Rhin (2e circonscription)"``, the way the site writes it."""
        if not self.departement:
            return None
        if not self.num_circo:
            return self.departement
        ordinal = "1re" if self.num_circo == 1 else f"{self.num_circo}e"
        return f"{self.departement} ({ordinal} circonscription)"


@dataclass(frozen=True, slots=True)
class Deputy:
    uid: str  # PA…
    civ: str | None = None
    prenom: str | None = None
    nom: str | None = None
    mandates: tuple[Mandate, ...] = ()

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.civ, self.prenom, self.nom) if p)


@dataclass(frozen=True, slots=True)
class Organe:
    uid: str  # PO…
    type: OrganeType
    libelle: str | None = None
    abrege: str | None = None
    legislature: int | None = None
    date_debut: date | None = None
    date_fin: date | None = None
