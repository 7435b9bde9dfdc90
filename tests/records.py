"""Small open-data records for focused tests, in the official shape (an-formats.md §3).

Larger corpora come from the project's generator (``relance.demo``)."""

from __future__ import annotations

import copy
from typing import Any


def info_jo(date: str | None, page: str | None = None, type_: str = "JO_QUESTION") -> dict:
    return {
        "typeJO": type_,
        "dateJO": date,
        "pageJO": page,
        "numJO": None,
        "urlLegifrance": None,
        "referenceNOR": None,
    }


def ministry(abrege: str, ref: str = "PO1", developpe: str | None = None) -> dict:
    return {"organeRef": ref, "abrege": abrege, "developpe": developpe or f"Ministère {abrege}"}


def qe_record(
    number: int = 6778,
    legislature: int = 17,
    *,
    published: str = "2025-05-20",
    answered: str | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """A written question; ``answered`` adds an answer and its REP_PUB closure."""
    uid = f"QANR5L{legislature}QE{number}"
    q: dict[str, Any] = {
        "@xmlns": "http://schemas.assemblee-nationale.fr/referentiel",
        "@xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "@xsi:type": "QuestionEcrite_Type",
        "uid": uid,
        "identifiant": {
            "numero": str(number),
            "regime": "5eme Republique",
            "legislature": str(legislature),
        },
        "type": "QE",
        "indexationAN": {
            "rubrique": "étrangers",
            "teteAnalyse": None,
            "analyses": {"analyse": "Dématérialisation des titres de séjour"},
        },
        "auteur": {
            "identite": {"acteurRef": "PA1", "mandatRef": "PM1"},
            "groupe": {
                "organeRef": "PO10",
                "abrege": "LFI-NFP",
                "developpe": "La France insoumise - Nouveau Front Populaire",
            },
        },
        "minInt": ministry("Intérieur"),
        "minAttribs": {
            "minAttrib": {
                "infoJO": info_jo(published, "3523"),
                "denomination": ministry("Intérieur"),
            }
        },
        "textesQuestion": {
            "texteQuestion": {
                "infoJO": info_jo(published, "3523"),
                "texte": "M. X attire l'attention de M. le ministre.",
            }
        },
        "textesReponse": None,
        "cloture": None,
    }
    if answered:
        q["textesReponse"] = {
            "texteReponse": {
                "infoJO": info_jo(answered, "4253"),
                "texte": "<p>Le Gouvernement répond.</p>",
            }
        }
        q["cloture"] = {
            "codeCloture": "REP_PUB",
            "libelleCloture": "Réponse publiée",
            "dateCloture": answered,
            "infoJO": info_jo(answered, "4253"),
        }
    q.update(copy.deepcopy(changes))
    return {"question": q}


NIL = {"@xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance", "@xsi:nil": "true"}


def full_life_record(number: int) -> dict[str, Any]:
    """A written question signalée, renewed, re-attributed at a reshuffle, then answered."""
    return qe_record(
        number,
        answered="2025-09-02",
        signalement={"dateDepotSignal": "2025-07-28", "infoJO": info_jo("2025-07-29")},
        renouvellements={"renouvellement": {"dateRenouvellement": "2025-08-26"}},
        minAttribs={
            "minAttrib": [
                {"infoJO": info_jo("2025-05-20"), "denomination": ministry("Intérieur", "PO1")},
                {
                    "infoJO": info_jo("2025-06-10", type_="JO_LOI_DECRET"),
                    "denomination": ministry("Justice", "PO2"),
                },
            ]
        },
    )


def acteur_record(n: int = 1, legislature: int = 17) -> dict[str, Any]:
    """A deputy of the AMO50 dump, with the acteurs dump's nil objects and ``#text`` uid."""
    return {
        "acteur": {
            "uid": {"@xsi:type": "IdActeur_type", "#text": f"PA{n}"},
            "etatCivil": {
                "ident": {
                    "civ": "M.",
                    "prenom": "Emmanuel",
                    "nom": f"Député{n}",
                    "alpha": f"Depute{n}",
                    "trigramme": NIL,
                }
            },
            "mandats": {
                "mandat": [
                    {
                        "uid": f"PM{n}",
                        "acteurRef": f"PA{n}",
                        "legislature": str(legislature),
                        "typeOrgane": "ASSEMBLEE",
                        "dateDebut": "2024-07-18",
                        "dateFin": NIL,
                        "election": {
                            "lieu": {
                                "region": "Grand Est",
                                "departement": "Bas-Rhin",
                                "numDepartement": "67",
                                "numCirco": "2",
                            },
                            "refCirconscription": "PO1",
                        },
                        "organes": {"organeRef": "PO17"},
                    },
                    {
                        "uid": f"PM{n}9",
                        "acteurRef": f"PA{n}",
                        "legislature": str(legislature),
                        "typeOrgane": "GP",
                        "dateDebut": "2024-07-18",
                        "dateFin": NIL,
                        "organes": {"organeRef": "PO10"},
                        "infosQualite": {"codeQualite": "Membre"},
                    },
                ]
            },
        }
    }


def organe_record(
    uid: str = "PO10",
    code: str = "GP",
    libelle: str = "La France insoumise",
    abrev: str = "LFI-NFP",
) -> dict[str, Any]:
    return {
        "organe": {
            "uid": uid,
            "codeType": code,
            "libelle": libelle,
            "libelleAbrege": abrev,
            "libelleAbrev": abrev,
            "legislature": "17",
            "viMoDe": {"dateDebut": "2024-07-18", "dateFin": NIL},
        }
    }
