"""Deputies and organes from the AMO dumps (``{"acteur": …}``, ``{"organe": …}``, §7)."""

from __future__ import annotations

from typing import Any

from relance.record import Deputy, Mandate, Organe, OrganeType
from spiders.parsers.common import ParseError, as_list, child, int_of, jo_date, text_of


def parse_acteur(data: dict[str, Any]) -> Deputy:
    acteur = data.get("acteur", data) if isinstance(data, dict) else None
    if not isinstance(acteur, dict):
        raise ParseError("not an acteur record", field="acteur")
    uid = text_of(acteur.get("uid"))
    if not uid or not uid.startswith("PA"):
        raise ParseError(f"acteur without a PA uid: {uid!r}", field="uid")
    ident = child(acteur, "etatCivil", "ident") or {}
    return Deputy(
        uid=uid,
        civ=text_of(ident.get("civ")),
        prenom=text_of(ident.get("prenom")),
        nom=text_of(ident.get("nom")),
        mandates=tuple(
            _parse_mandate(m, uid)
            for m in as_list(child(acteur, "mandats", "mandat"))
            if isinstance(m, dict) and text_of(m.get("uid"))
        ),
    )


def _parse_mandate(mandat: dict[str, Any], acteur_uid: str) -> Mandate:
    lieu = child(mandat, "election", "lieu") or {}
    organe_ref = text_of(child(mandat, "organes", "organeRef"))
    return Mandate(
        uid=text_of(mandat.get("uid")) or "",
        organe_type=OrganeType.read(text_of(mandat.get("typeOrgane"))),
        organe_ref=organe_ref,
        legislature=int_of(mandat.get("legislature"), field="mandat.legislature", uid=acteur_uid),
        date_debut=jo_date(mandat.get("dateDebut"), field="mandat.dateDebut", uid=acteur_uid),
        date_fin=jo_date(mandat.get("dateFin"), field="mandat.dateFin", uid=acteur_uid),
        departement=text_of(lieu.get("departement")),
        num_departement=text_of(lieu.get("numDepartement")),
        num_circo=int_of(lieu.get("numCirco"), field="mandat.numCirco", uid=acteur_uid),
        region=text_of(lieu.get("region")),
    )


def parse_organe(data: dict[str, Any]) -> Organe:
    organe = data.get("organe", data) if isinstance(data, dict) else None
    if not isinstance(organe, dict):
        raise ParseError("not an organe record", field="organe")
    uid = text_of(organe.get("uid"))
    if not uid or not uid.startswith("PO"):
        raise ParseError(f"organe without a PO uid: {uid!r}", field="uid")
    vimode = organe.get("viMoDe") or {}
    return Organe(
        uid=uid,
        type=OrganeType.read(text_of(organe.get("codeType"))),
        libelle=text_of(organe.get("libelle")),
        abrege=text_of(organe.get("libelleAbrev")) or text_of(organe.get("libelleAbrege")),
        legislature=int_of(organe.get("legislature"), field="organe.legislature", uid=uid),
        date_debut=jo_date(vimode.get("dateDebut"), field="viMoDe.dateDebut", uid=uid),
        date_fin=jo_date(vimode.get("dateFin"), field="viMoDe.dateFin", uid=uid),
    )
