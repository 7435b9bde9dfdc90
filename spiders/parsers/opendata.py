"""The open-data question record (``{"question": {…}}``, an-formats.md §3–5) → ``Question``.

One small function per field; every dump quirk is absorbed here: dict-or-list, the many
forms of null, both date formats, legacy key spellings (L14/L15), HTML fragments.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from relance.dates import DateError, parse_jo_date
from relance.record import (
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
from relance.uid import Uid, parse_uid
from spiders.parsers.common import (
    ParseError,
    as_list,
    child,
    first_child,
    int_of,
    is_nil,
    jo_date,
    text_of,
)


def parse_question(data: dict[str, Any], *, source_url: str | None = None) -> Question:
    """Read one open-data record (wrapped in ``{"question": …}`` or not).

    Raises ``ParseError`` naming the uid and the field when the record cannot be read:
    no uid, an unknown type, an impossible date, a uid that disagrees with its identifiant.
    """
    if not isinstance(data, dict):
        raise ParseError(f"expected a JSON object, got {type(data).__name__}")
    q = data.get("question", data) if "question" in data else data
    if not isinstance(q, dict):
        raise ParseError("the 'question' member is not an object", field="question")
    uid, parts = _parse_uid(q)
    legislature, number, type_ = _parse_identity(q, uid, parts)
    question_text, publication, errata_q = _parse_texts_question(q, uid)
    answer_text, answer_jo, errata_r = _parse_texts_reponse(q, uid)
    closure = _parse_closure(q, uid)
    if answer_text and answer_jo.date is None and closure and closure.date:
        answer_jo = JoRef(closure.date, answer_jo.page or closure.jo.page, answer_jo.type)
    indexation = child(q, "indexationAN") or {}
    return Question(
        uid=uid,
        legislature=legislature,
        number=number,
        type=type_,
        rubrique=_parse_rubrique(indexation),
        tete_analyse=text_of(first_child(indexation, "teteAnalyse", "TETE_ANALYSE")),
        analyses=_parse_analyses(indexation),
        author=_parse_author(q),
        ministere_interroge=_parse_ministry(child(q, "minInt")),
        attributions=_parse_attributions(q, uid),
        texte_question_html=question_text,
        date_publication=publication.date,
        page_publication=publication.page,
        texte_reponse_html=answer_text,
        date_reponse=answer_jo.date if answer_text else None,
        page_reponse=answer_jo.page if answer_text else None,
        signalements=_parse_signalements(q, uid),
        renouvellements=_parse_renouvellements(q, uid),
        closure=closure,
        errata=errata_q + errata_r,
        source_url=source_url,
    )


def _parse_uid(q: dict[str, Any]) -> tuple[str, Uid]:
    uid = text_of(q.get("uid"))
    if not uid:
        raise ParseError("the record has no uid", field="uid")
    try:
        return uid, parse_uid(uid)
    except ValueError as exc:
        raise ParseError(str(exc), uid=uid, field="uid") from None


def _parse_identity(q: dict[str, Any], uid: str, parts: Uid) -> tuple[int, int, QuestionType]:
    declared = text_of(q.get("type")) or parts.type
    try:
        type_ = QuestionType(declared)
    except ValueError:
        raise ParseError(f"unknown question type {declared!r}", uid=uid, field="type") from None
    ident = child(q, "identifiant") or {}
    legislature = int_of(ident.get("legislature"), field="identifiant.legislature", uid=uid)
    number = int_of(ident.get("numero"), field="identifiant.numero", uid=uid)
    if type_.value != parts.type:
        raise ParseError(f"type {type_} disagrees with the uid", uid=uid, field="type")
    if legislature not in (None, parts.legislature) or number not in (None, parts.number):
        raise ParseError("identifiant disagrees with the uid", uid=uid, field="identifiant")
    return parts.legislature, parts.number, type_


def _parse_rubrique(indexation: dict[str, Any]) -> str | None:
    value = first_child(indexation, "rubrique", "RUBRIQUE")
    if isinstance(value, dict):  # legacy attribute form {"@RUBRIQUE": …}
        value = value.get("#text") or value.get("@RUBRIQUE")
    return text_of(value)


def _parse_analyses(indexation: dict[str, Any]) -> tuple[str, ...]:
    """``analyses.analyse`` (str or list), or the L14/L15 spelling ``ANALYSE.ANA``."""
    container = first_child(indexation, "analyses", "ANALYSE", "analyse")
    if isinstance(container, dict):
        container = first_child(container, "analyse", "ANA")
    return tuple(t for t in (text_of(v) for v in as_list(container)) if t)


def _parse_author(q: dict[str, Any]) -> Author:
    auteur = child(q, "auteur") or {}
    identite = child(auteur, "identite") or {}
    groupe = child(auteur, "groupe") or {}
    return Author(
        deputy_ref=text_of(identite.get("acteurRef")),
        mandate_ref=text_of(identite.get("mandatRef")),
        groupe_ref=text_of(groupe.get("organeRef")),
        groupe_abrege=text_of(groupe.get("abrege")),
        groupe_libelle=text_of(groupe.get("developpe")),
    )


def _parse_ministry(value: Any) -> Ministry | None:
    if is_nil(value) or not isinstance(value, dict):
        return None
    abrege, developpe, ref = value.get("abrege"), value.get("developpe"), value.get("organeRef")
    if (
        (abrege is None or abrege.__class__ is str)
        and (developpe is None or developpe.__class__ is str)
        and (ref is None or ref.__class__ is str)
    ):
        return _ministry(abrege, developpe, ref)  # the common case: plain strings, memoized
    return _ministry(text_of(abrege), text_of(developpe), text_of(ref))


@lru_cache(maxsize=4096)  # the same few hundred denominations recur in every dump
def _ministry(abrege: str | None, developpe: str | None, organe_ref: str | None) -> Ministry | None:
    abrege, developpe, organe_ref = text_of(abrege), text_of(developpe), text_of(organe_ref)
    if not (abrege or developpe):
        return None
    return Ministry(abrege=abrege or developpe or "", developpe=developpe, organe_ref=organe_ref)


def _parse_info_jo(value: Any, *, uid: str, field: str) -> JoRef:
    if is_nil(value) or not isinstance(value, dict):
        return JoRef()
    day, page, type_, number = (
        value.get("dateJO"),
        value.get("pageJO"),
        value.get("typeJO"),
        value.get("numJO"),
    )
    if not (
        (day is None or day.__class__ is str)
        and (page is None or page.__class__ is str)
        and (type_ is None or type_.__class__ is str)
        and (number is None or number.__class__ is str)
    ):
        day, page, type_, number = text_of(day), text_of(page), text_of(type_), text_of(number)
    try:
        # publications recur (a reshuffle re-attributes thousands)
        return _info_jo(day, page, type_, number)
    except DateError as exc:
        raise ParseError(str(exc), uid=uid, field=f"{field}.dateJO") from None


@lru_cache(maxsize=16384)
def _info_jo(day: str | None, page: str | None, type_: str | None, number: str | None) -> JoRef:
    return JoRef(
        date=parse_jo_date(text_of(day)),
        page=text_of(page),
        type=JoType.read(text_of(type_)),
        number=text_of(number),
    )


def _parse_attributions(q: dict[str, Any], uid: str) -> tuple[Attribution, ...]:
    attributions = []
    for item in as_list(child(q, "minAttribs", "minAttrib")):
        ministry = _parse_ministry(child(item, "denomination"))
        if ministry:
            jo = _parse_info_jo(item.get("infoJO"), uid=uid, field="minAttribs.infoJO")
            attributions.append(Attribution(ministry=ministry, jo=jo))
    return tuple(attributions)


def _texts(q: dict[str, Any], container: str, item: str) -> list[dict[str, Any]]:
    return [t for t in as_list(child(q, container, item)) if isinstance(t, dict)]


def _parse_texts_question(q: dict[str, Any], uid: str) -> tuple[str | None, JoRef, tuple]:
    """The first text is the question; its JO gives the publication date and page. When it
    has no date, fall back to the earliest date of any text (L15 archive quirk)."""
    texts = _texts(q, "textesQuestion", "texteQuestion")
    if not texts:
        return None, JoRef(), ()
    jos = [_parse_info_jo(t.get("infoJO"), uid=uid, field="textesQuestion.infoJO") for t in texts]
    publication = jos[0]
    if publication.date is None:
        dated = sorted((jo for jo in jos if jo.date), key=lambda jo: jo.date or date.min)
        publication = dated[0] if dated else publication
    html = _join_parts(texts, jos)
    errata = tuple(
        Erratum("question", jo, text_of(t.get("erratum")))
        for t, jo in zip(texts, jos, strict=True)
        if text_of(t.get("erratum"))
    )
    return html, publication, errata


def _parse_texts_reponse(q: dict[str, Any], uid: str) -> tuple[str | None, JoRef, tuple]:
    texts = _texts(q, "textesReponse", "texteReponse")
    if not texts:
        return None, JoRef(), ()
    jos = [_parse_info_jo(t.get("infoJO"), uid=uid, field="textesReponse.infoJO") for t in texts]
    html = _join_parts(texts, jos)
    errata = tuple(
        Erratum("answer", jo, text_of(t.get("erratum")))
        for t, jo in zip(texts, jos, strict=True)
        if text_of(t.get("erratum"))
    )
    return html, jos[0], errata


def _join_parts(texts: list[dict[str, Any]], jos: list[JoRef]) -> str | None:
    """The text, from a list of texts: the parts published in the same JO as the first
    (a long text cut in two by the XML export) are put back together; a text of another
    JO (a later re-publication) is not part of it."""
    first = jos[0].date
    parts = [
        part
        for text, jo in zip(texts, jos, strict=True)
        if (part := text_of(text.get("texte"))) and (jo.date is None or jo.date == first)
    ]
    if not parts:
        return next((t for t in (text_of(x.get("texte")) for x in texts) if t), None)
    joined = parts[0]
    for part in parts[1:]:
        # The cut falls after a sentence (the space between them is lost) or mid-word.
        sentence_end = joined.rstrip().endswith((".", "!", "?", "»"))
        joined += (" " if sentence_end and not part[:1].isspace() else "") + part
    return joined


def _parse_closure(q: dict[str, Any], uid: str) -> Closure | None:
    cloture = child(q, "cloture")
    if is_nil(cloture) or not isinstance(cloture, dict):
        return None
    closure = Closure(
        code=text_of(cloture.get("codeCloture")),
        label=text_of(cloture.get("libelleCloture")),
        date=jo_date(cloture.get("dateCloture"), field="cloture.dateCloture", uid=uid),
        jo=_parse_info_jo(cloture.get("infoJO"), uid=uid, field="cloture.infoJO"),
    )
    if not (closure.code or closure.label or closure.date):
        return None
    if closure.date is None and closure.jo.date:
        closure = Closure(closure.code, closure.label, closure.jo.date, closure.jo)
    return closure


def _parse_signalements(q: dict[str, Any], uid: str) -> tuple[Signalement, ...]:
    found = []
    for item in as_list(child(q, "signalement")):
        if not isinstance(item, dict):
            continue
        signalement = Signalement(
            date_depot=jo_date(item.get("dateDepotSignal"), field="signalement", uid=uid),
            jo=_parse_info_jo(item.get("infoJO"), uid=uid, field="signalement.infoJO"),
        )
        if signalement.date:
            found.append(signalement)
    return tuple(sorted(found, key=lambda s: s.date or date.min))


def _parse_renouvellements(q: dict[str, Any], uid: str) -> tuple[date, ...]:
    """Inner shape not verified (an-formats.md §11): take ``dateRenouvellement``, else the
    JO date."""
    found = set()
    for item in as_list(child(q, "renouvellements", "renouvellement")):
        if isinstance(item, dict):
            day = (
                jo_date(
                    first_child(item, "dateRenouvellement", "dateDepot"),
                    field="renouvellements",
                    uid=uid,
                )
                or _parse_info_jo(item.get("infoJO"), uid=uid, field="renouvellements.infoJO").date
            )
        else:
            day = jo_date(item, field="renouvellements", uid=uid)
        if day:
            found.add(day)
    return tuple(sorted(found))
