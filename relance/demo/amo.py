"""Acteurs and organes in the shape of the AMO "divisés" dataset (an-formats.md §2, §7).

``acteur.uid`` is ``{"@xmlns:xsi", "@xsi:type": "IdActeur_type", "#text": "PA…"}``; an empty
element of ``etatCivil`` is a nil-object ``{"@xmlns:xsi": …, "@xsi:nil": "true"}`` while empty
mandate fields are JSON ``null``, as in the real ``PA793146.json`` quoted by Repere0's key
census. ``mandats.mandat`` is a dict when the deputy has one mandate, else a list.
``election.refCirconscription`` points to a circonscription organe that the demo does not
write (the real dataset has one per seat).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from relance.demo.governments import LEGISLATURES
from relance.demo.places import PROFESSIONS
from relance.demo.world import Group, Mandate, Membership, Person, Portfolio

REF = "http://schemas.assemblee-nationale.fr/referentiel"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NIL = {"@xmlns:xsi": XSI, "@xsi:nil": "true"}


def _d(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _nil(value: str | None) -> str | dict[str, str]:
    return value if value else dict(NIL)


def acteur(person: Person, up_to: int, assemblee: dict[int, str]) -> dict[str, Any]:
    """``{"acteur": …}`` with the person's mandates of legislatures ``<= up_to``;
    ``assemblee`` maps a legislature to the uid of its ASSEMBLEE organe."""
    profession = PROFESSIONS[person.profession]
    mandats: list[dict[str, Any]] = []
    for m in person.mandates:
        if m.legislature > up_to:
            continue
        mandats.append(_assemblee(m, assemblee))
        mandats.extend(_gp(m, ms) for ms in m.memberships)
    return {
        "acteur": {
            "@xmlns": REF,
            "uid": {"@xmlns:xsi": XSI, "@xsi:type": "IdActeur_type", "#text": person.uid},
            "etatCivil": {
                "ident": {
                    "civ": person.civ,
                    "prenom": person.prenom,
                    "nom": person.nom,
                    "alpha": person.alpha,
                    "trigramme": _nil(person.trigramme),
                },
                "infoNaissance": {
                    "dateNais": person.birth.isoformat(),
                    "villeNais": _nil(None),
                    "depNais": person.birth_city,
                    "paysNais": "France",
                },
                "dateDeces": dict(NIL),
            },
            "profession": {
                "libelleCourant": profession[0],
                "socProcINSEE": {"catSocPro": profession[1], "famSocPro": profession[2]},
            },
            "uri_hatvp": dict(NIL),
            "mandats": {"mandat": mandats[0] if len(mandats) == 1 else mandats},
        }
    }


def _assemblee(m: Mandate, assemblee: dict[int, str]) -> dict[str, Any]:
    return {
        "@xmlns:xsi": XSI,
        "@xsi:type": "MandatParlementaire_type",
        "uid": m.uid,
        "acteurRef": m.person.uid,
        "legislature": str(m.legislature),
        "typeOrgane": "ASSEMBLEE",
        "dateDebut": m.start.isoformat(),
        "datePublication": m.start.isoformat(),
        "dateFin": _d(m.end),
        "preseance": "50",
        "nominPrincipale": "1",
        "infosQualite": {
            "codeQualite": "membre",
            "libQualite": "membre",
            "libQualiteSex": "membre",
        },
        "organes": {"organeRef": assemblee[m.legislature]},
        "suppleants": None,
        "chambre": None,
        "election": {
            "lieu": {
                "region": m.dept.region,
                "regionType": m.dept.region_type,
                "departement": m.dept.name,
                "numDepartement": m.dept.num,
                "numCirco": str(m.circo),
            },
            "causeMandat": m.cause,
            "refCirconscription": f"PO{_circo_ref(m)}",
        },
        "mandature": {
            "datePriseFonction": m.start.isoformat(),
            "causeFin": m.cause_end,
            "premiereElection": "1" if m.first_election else "0",
            "placeHemicycle": str(m.place),
            "mandatRemplaceRef": m.replaces.uid if m.replaces else None,
        },
        "collaborateurs": None,
    }


def _circo_ref(m: Mandate) -> int:
    # stable per seat: a department's rank and the circonscription number
    num = m.dept.num.replace("A", "0").replace("B", "1")
    return 230000 + int(num) * 40 + m.circo


def _gp(m: Mandate, ms: Membership) -> dict[str, Any]:
    qualite = ms.qualite
    return {
        "@xmlns:xsi": XSI,
        "@xsi:type": "MandatSimple_Type",
        "uid": ms.uid,
        "acteurRef": m.person.uid,
        "legislature": str(m.legislature),
        "typeOrgane": "GP",
        "dateDebut": ms.start.isoformat(),
        "datePublication": ms.start.isoformat(),
        "dateFin": _d(ms.end),
        "preseance": "20" if qualite == "Président" else "1",
        "nominPrincipale": "0",
        "infosQualite": {
            "codeQualite": qualite,
            "libQualite": qualite,
            "libQualiteSex": _feminine(qualite, m.person.female),
        },
        "organes": {"organeRef": ms.group.uid},
    }


def _feminine(qualite: str, female: bool) -> str:
    if not female:
        return qualite
    return {"Président": "Présidente", "Membre apparenté": "Membre apparentée"}.get(
        qualite, qualite
    )


def organe_group(group: Group) -> dict[str, Any]:
    return {
        "organe": {
            "@xmlns": REF,
            "@xmlns:xsi": XSI,
            "@xsi:type": "GroupePolitique_type",
            "uid": group.uid,
            "codeType": "GP",
            "libelle": group.libelle,
            "libelleEdition": f"du groupe {group.libelle}",
            "libelleAbrege": group.libelle,
            "libelleAbrev": group.abrev,
            "viMoDe": {
                "dateDebut": group.start.isoformat(),
                "dateAgrement": None,
                "dateFin": _d(group.end),
            },
            "organeParent": None,
            "chambre": None,
            "regime": "5ème République",
            "legislature": str(group.legislature),
            "positionPolitique": group.position,
        }
    }


def organe_ministry(p: Portfolio) -> dict[str, Any]:
    return {
        "organe": {
            "@xmlns": REF,
            "@xmlns:xsi": XSI,
            "@xsi:type": "OrganeExterne_Type",
            "uid": p.organe,
            "codeType": "MINISTERE",
            "libelle": p.developpe,
            "libelleEdition": p.developpe,
            "libelleAbrege": p.abrege,
            "libelleAbrev": p.key.upper().replace("_", "-")[:12],
            "viMoDe": {
                "dateDebut": p.government.start.isoformat(),
                "dateAgrement": None,
                "dateFin": _d(p.end),
            },
            "organeParent": None,
            "chambre": None,
            "regime": "5ème République",
            "legislature": None,
        }
    }


def organe_assemblee(number: int, uid: str, as_of: date) -> dict[str, Any]:
    leg = LEGISLATURES[number]
    return {
        "organe": {
            "@xmlns": REF,
            "@xmlns:xsi": XSI,
            "@xsi:type": "OrganeParlementaire_Type",
            "uid": uid,
            "codeType": "ASSEMBLEE",
            "libelle": f"Assemblée nationale de la {number}ème législature de la 5ème République",
            "libelleEdition": f"de l'Assemblée nationale de la {number}ème législature",
            "libelleAbrege": f"{number}ème législature",
            "libelleAbrev": "AN",
            "viMoDe": {
                "dateDebut": leg.start.isoformat(),
                "dateAgrement": None,
                "dateFin": _d(leg.end if leg.closed(as_of) else None),
            },
            "organeParent": None,
            "chambre": None,
            "regime": "5ème République",
            "legislature": str(number),
        }
    }
