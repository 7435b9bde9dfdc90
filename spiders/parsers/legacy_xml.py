"""The legacy per-question XML view (``…/q14/14-47351QE.htm/vue/xml``, an-formats.md §6)."""

from __future__ import annotations

from datetime import date

from lxml import etree

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
from relance.uid import make_uid
from spiders.parsers.common import ParseError, int_of, jo_date

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def parse_legacy_xml(content: bytes, *, source_url: str | None = None) -> Question:
    """Read a ``<QUESTION TYPE="QE">`` document. Empty elements are read as None."""
    if content.lstrip()[:20].lower().startswith((b"<html", b"<!doctype")):
        raise ParseError("an HTML page, not the question's XML view", field="root")
    try:
        root = etree.fromstring(content, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"malformed XML: {exc}", field="root") from None
    if root.tag != "QUESTION":
        raise ParseError(f"root element is <{root.tag}>, not <QUESTION>", field="root")
    type_text = root.get("TYPE") or ""
    try:
        type_ = QuestionType(type_text)
    except ValueError:
        raise ParseError(f"unknown question type {type_text!r}", field="TYPE") from None
    legislature = int_of(_text(root, "LEGISLATURE"), field="LEGISLATURE", uid=None)
    number = int_of(
        root.find("DEPOT").get("NUMERO") if root.find("DEPOT") is not None else None,
        field="DEPOT/@NUMERO",
        uid=None,
    )
    if not legislature or not number:
        raise ParseError("no legislature or number", field="DEPOT")
    uid = make_uid(legislature, type_.value, number)
    depot = root.find("DEPOT")
    indexation = root.find("INDEXATION_AN")
    reponse = root.find("REPONSE")
    answer_html = _text(reponse, "TEXTE_REPONSE")
    cloture = _parse_closure(root.find("CLOTURE"), uid)
    return Question(
        uid=uid,
        legislature=legislature,
        number=number,
        type=type_,
        rubrique=indexation.get("RUBRIQUE") if indexation is not None else None,
        tete_analyse=_text(indexation, "TETE_ANALYSE"),
        analyses=tuple(
            t for t in (_clean(a.text) for a in root.iterfind("INDEXATION_AN/ANALYSE/ANA")) if t
        ),
        author=_parse_author(root),
        ministere_interroge=_parse_ministry(root.find("MINI")),
        attributions=_parse_attributions(root, uid),
        texte_question_html=next(
            (t for t in (_clean(e.text) for e in root.iterfind("DEPOT/TEXTE_DEPOT")) if t), None
        ),
        date_publication=_jo(depot, uid, "DEPOT").date,
        page_publication=_text(depot, "PAGE_JO"),
        texte_reponse_html=answer_html,
        date_reponse=(
            jo_date(_text(reponse, "DATE_JO_REPONSE"), field="REPONSE/DATE_JO_REPONSE", uid=uid)
            or (cloture.date if cloture else None)
        )
        if answer_html
        else None,
        page_reponse=_text(reponse, "PAGE_JO_REPONSE") if answer_html else None,
        signalements=_parse_signalements(root, uid),
        renouvellements=tuple(
            sorted(
                d
                for d in (
                    jo_date(_text(o, "DATE_RENOUVELLEMENT"), field="RENOUVELLEMENT", uid=uid)
                    for o in root.iterfind("RENOUVELLEMENT/ORDRE")
                )
                if d
            )
        ),
        closure=cloture,
        errata=_parse_errata(root, uid),
        source_url=source_url,
    )


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _text(element: etree._Element | None, path: str) -> str | None:
    if element is None:
        return None
    return _clean(element.findtext(path))


def _jo(element: etree._Element | None, uid: str, field: str) -> JoRef:
    if element is None:
        return JoRef()
    return JoRef(
        date=jo_date(_text(element, "DATE_JO"), field=f"{field}/DATE_JO", uid=uid),
        page=_text(element, "PAGE_JO"),
        type=JoType.read(_text(element, "TYPE_JO")),
        number=_text(element, "NUMERO_JO"),
    )


def _parse_author(root: etree._Element) -> Author:
    auteur = root.find("AUTEUR")
    groupe = root.find("GROUPE")
    circo = root.find("CIRCONSCRIPTION")
    name = None
    acteur = None
    if auteur is not None:
        name = (
            " ".join(
                t
                for t in (_text(auteur, "CIVILITE"), _text(auteur, "PRENOM"), _text(auteur, "NOM"))
                if t
            )
            or None
        )
        acteur = _text(auteur, "ID_ACTEUR")
    circonscription = None
    if circo is not None and _text(circo, "DEPARTEMENT"):
        number = circo.get("NUMERO_CIRCONSCRIPTION")
        ordinal = "1re" if number == "1" else f"{number}e"
        circonscription = f"{_text(circo, 'DEPARTEMENT')} ({ordinal} circonscription)"
    return Author(
        deputy_ref=f"PA{acteur}" if acteur else None,
        mandate_ref=(
            f"PM{auteur.get('ID_MANDAT')}"
            if auteur is not None and auteur.get("ID_MANDAT")
            else None
        ),
        name=name,
        groupe_ref=f"PO{_text(groupe, 'ID_GROUPE')}" if _text(groupe, "ID_GROUPE") else None,
        groupe_abrege=groupe.get("SIGLE") if groupe is not None else None,
        groupe_libelle=_text(groupe, "LIBELLE"),
        circonscription=circonscription,
    )


def _parse_ministry(element: etree._Element | None, id_tag: str = "ID_MINI") -> Ministry | None:
    if element is None:
        return None
    abrege, developpe = _text(element, "ABREGE"), _text(element, "DEVELOPPE")
    if not (abrege or developpe):
        return None
    ref = _text(element, id_tag)
    return Ministry(abrege or developpe or "", developpe, f"PO{ref}" if ref else None)


def _parse_attributions(root: etree._Element, uid: str) -> tuple[Attribution, ...]:
    ordres = sorted(root.iterfind("MINA/ORDRE"), key=lambda o: int(o.get("NUMERO") or 0))
    found = []
    for ordre in ordres:
        ministry = _parse_ministry(ordre, "ID_MINA")
        if ministry:
            found.append(Attribution(ministry, _jo(ordre, uid, "MINA/ORDRE")))
    return tuple(found)


def _parse_signalements(root: etree._Element, uid: str) -> tuple[Signalement, ...]:
    found = []
    for element in root.iterfind("SIGNALEMENT"):
        signalement = Signalement(
            date_depot=jo_date(_text(element, "DATE_DEPOT_SIGNAL"), field="SIGNALEMENT", uid=uid),
            jo=_jo(element, uid, "SIGNALEMENT"),
        )
        if signalement.date:
            found.append(signalement)
    return tuple(sorted(found, key=lambda s: s.date or date.min))


def _parse_closure(element: etree._Element | None, uid: str) -> Closure | None:
    if element is None:
        return None
    jo = _jo(element, uid, "CLOTURE")
    closure = Closure(_text(element, "ABREGE"), _text(element, "LIBELLE"), jo.date, jo)
    return closure if (closure.code or closure.label or closure.date) else None


def _parse_errata(root: etree._Element, uid: str) -> tuple[Erratum, ...]:
    errata = []
    for tag, target in (("ERRATUM_QUESTION", "question"), ("ERRATUM_REPONSE", "answer")):
        for element in root.iterfind(tag):
            jo = _jo(element, uid, tag)
            if jo.date:
                errata.append(Erratum(target, jo))
    return tuple(errata)
