"""Legislatures, governments and ministry labels of the demo corpus (2012–2025).

Each government gets one ministry organe (``PO…``) per portfolio, even when the label does
not change: an-formats.md §3 (a reshuffle re-attributes pending questions to the new organe).
Labels are real portfolio names of the period, simplified. Every emitted label maps through
``relance.ministries.ministry_key`` to the portfolio key it is listed under.

Where the real developed label is not (yet) recognised by ``ministry_key`` with the intended
key, the table gives ``(real, stand-in)`` and the stand-in is used until ``ministries.py``
learns the real one (see ``HELD_BACK``): the generated labels always map to their key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from relance.ministries import is_known, ministry_key


@dataclass(frozen=True, slots=True)
class Legislature:
    number: int
    start: date
    end: date | None  # None: the current legislature
    roman: str
    weekly_full: int  # questions per week at real scale (drives volumes and JO sizes)
    answer_power: float  # answer probability p becomes 1 - (1 - p) ** answer_power
    delay_factor: float
    renewal_rate: float

    def closed(self, as_of: date) -> bool:
        return self.end is not None and self.end <= as_of

    def window_end(self, as_of: date) -> date:
        """Last day of activity visible at ``as_of``."""
        return min(self.end, as_of) if self.end else as_of


#: Start and end dates: an-formats.md §2 (ends as used for "Fin de mandat" closures).
LEGISLATURES: dict[int, Legislature] = {
    14: Legislature(14, date(2012, 6, 20), date(2017, 6, 20), "XIV", 400, 2.6, 1.3, 0.06),
    15: Legislature(15, date(2017, 6, 21), date(2022, 6, 21), "XV", 165, 3.0, 1.3, 0.01),
    16: Legislature(16, date(2022, 6, 22), date(2024, 6, 9), "XVI", 190, 1.5, 1.1, 0.008),
    17: Legislature(17, date(2024, 7, 18), None, "XVII", 115, 1.0, 1.0, 0.008),
}


def legislature_at(day: date) -> Legislature | None:
    for leg in LEGISLATURES.values():
        if leg.start <= day and (leg.end is None or day <= leg.end):
            return leg
    return None


@dataclass(frozen=True, slots=True)
class Government:
    index: int
    name: str
    start: date
    decree: date  # JO (Lois et décrets) date of the re-attribution entries: the next day


GOVERNMENTS: tuple[Government, ...] = tuple(
    Government(
        i, name, date.fromisoformat(day), date.fromordinal(date.fromisoformat(day).toordinal() + 1)
    )
    for i, (name, day) in enumerate(
        [
            ("Ayrault II", "2012-06-21"),
            ("Valls I", "2014-04-02"),
            ("Valls II", "2014-08-26"),
            ("Valls II remanié", "2016-02-11"),
            ("Cazeneuve", "2016-12-06"),
            ("Philippe I", "2017-05-17"),
            ("Philippe II", "2017-06-21"),
            ("Philippe II remanié", "2018-10-16"),
            ("Castex", "2020-07-06"),
            ("Borne", "2022-05-20"),
            ("Borne II", "2022-07-04"),
            ("Borne II remanié", "2023-07-20"),
            ("Attal", "2024-01-11"),
            ("Barnier", "2024-09-21"),
            ("Bayrou", "2024-12-23"),
            ("Lecornu II", "2025-10-12"),
        ]
    )
)
_STARTS = [g.start for g in GOVERNMENTS]


def government_at(day: date) -> Government:
    """The government in office on ``day`` (the first one for earlier days)."""
    from bisect import bisect_right

    return GOVERNMENTS[max(0, bisect_right(_STARTS, day) - 1)]


Label = str | tuple[str, str]  # a label, or (real label, stand-in while it is not recognised)
#: key → [(from government start, abrege, developpe) | (from, None, successor key)].
_TABLE: dict[str, list[tuple[str, Label | None, Label | str]]] = {
    "premier_ministre": [
        ("2012-06-21", "Premier ministre", "Premier ministre"),
        (
            "2022-05-20",
            ("Première ministre", "Premier ministre"),
            ("Première ministre", "Premier ministre"),
        ),
        ("2024-01-11", "Premier ministre", "Premier ministre"),
    ],
    "interieur": [
        ("2012-06-21", "Intérieur", "Ministère de l'intérieur"),
        ("2022-05-20", "Intérieur et outre-mer", "Ministère de l'intérieur et des outre-mer"),
        ("2024-09-21", "Intérieur", "Ministère de l'intérieur"),
    ],
    "outre_mer": [
        ("2012-06-21", "Outre-mer", "Ministère des outre-mer"),
        (
            "2022-05-20",
            "Outre-mer",
            "Ministère délégué auprès du ministre de l'intérieur et des "
            "outre-mer, chargé des outre-mer",
        ),
        ("2024-09-21", "Outre-mer", "Ministère des outre-mer"),
    ],
    "affaires_etrangeres": [
        ("2012-06-21", "Affaires étrangères", "Ministère des affaires étrangères"),
        (
            "2014-04-02",
            "Affaires étrangères et développement international",
            "Ministère des affaires étrangères et du développement international",
        ),
        (
            "2017-05-17",
            "Europe et affaires étrangères",
            (
                "Ministère de l'Europe et des affaires étrangères",
                "Ministère des affaires étrangères",
            ),
        ),
    ],
    "europe": [
        ("2012-06-21", "Affaires européennes", "Ministère délégué chargé des affaires européennes"),
        (
            "2014-04-02",
            "Affaires européennes",
            "Secrétariat d'État chargé des affaires européennes",
        ),
        ("2024-01-11", "Europe", "Ministère délégué chargé de l'Europe"),
    ],
    "partenariats_internationaux": [
        ("2012-06-21", "Francophonie", "Ministère délégué chargé de la francophonie"),
        ("2017-06-21", None, "affaires_etrangeres"),
        (
            "2022-07-04",
            "Développement, francophonie et partenariats internationaux",
            "Secrétariat d'État chargé du développement, de la francophonie et des partenariats "
            "internationaux",
        ),
        (
            "2024-09-21",
            "Francophonie et partenariats internationaux",
            "Ministère délégué chargé de la francophonie et des partenariats internationaux",
        ),
    ],
    "commerce_exterieur": [
        ("2012-06-21", "Commerce extérieur", "Ministère délégué chargé du commerce extérieur"),
        ("2014-04-02", None, "affaires_etrangeres"),
        (
            "2020-07-06",
            "Commerce extérieur et attractivité",
            "Ministère délégué chargé du commerce extérieur et de l'attractivité",
        ),
        (
            "2022-07-04",
            "Commerce extérieur, attractivité et Français de l'étranger",
            "Ministère délégué chargé du commerce extérieur, de l'attractivité et des Français de "
            "l'étranger",
        ),
    ],
    "armees": [
        ("2012-06-21", "Défense", "Ministère de la défense"),
        ("2017-05-17", "Armées", "Ministère des armées"),
        (
            "2025-10-12",
            "Armées et anciens combattants",
            "Ministère des armées et des anciens combattants",
        ),
    ],
    "anciens_combattants": [
        ("2012-06-21", "Anciens combattants", "Ministère délégué chargé des anciens combattants"),
        (
            "2014-04-02",
            "Anciens combattants et mémoire",
            "Secrétariat d'État chargé des anciens combattants et de la mémoire",
        ),
        (
            "2020-07-06",
            "Mémoire et anciens combattants",
            "Ministère délégué chargé de la mémoire et des anciens combattants",
        ),
        (
            "2022-07-04",
            "Anciens combattants et mémoire",
            "Secrétariat d'État chargé des anciens combattants et de la mémoire",
        ),
        ("2025-10-12", None, "armees"),
    ],
    "justice": [("2012-06-21", "Justice", "Ministère de la justice")],
    "economie": [
        ("2012-06-21", "Économie et finances", "Ministère de l'économie et des finances"),
        (
            "2014-08-26",
            "Économie, industrie et numérique",
            "Ministère de l'économie, de l'industrie et du numérique",
        ),
        ("2016-12-06", "Économie et finances", "Ministère de l'économie et des finances"),
        (
            "2020-07-06",
            "Économie, finances et relance",
            "Ministère de l'économie, des finances et de la relance",
        ),
        (
            "2022-05-20",
            "Économie, finances et souveraineté industrielle et numérique",
            "Ministère de l'économie, des finances et de la souveraineté industrielle et numérique",
        ),
        (
            "2024-09-21",
            "Économie, finances et industrie",
            "Ministère de l'économie, des finances et de l'industrie",
        ),
        (
            "2024-12-23",
            "Économie, finances et souveraineté industrielle et numérique",
            "Ministère de l'économie, des finances et de la souveraineté industrielle et numérique",
        ),
        (
            "2025-10-12",
            "Économie, finances et souveraineté industrielle, énergétique et numérique",
            "Ministère de l'économie, des finances et de la souveraineté industrielle, énergétique "
            "et numérique",
        ),
    ],
    "comptes_publics": [
        ("2012-06-21", "Budget", "Ministère délégué chargé du budget"),
        ("2017-05-17", "Action et comptes publics", "Ministère de l'action et des comptes publics"),
        ("2020-07-06", "Comptes publics", "Ministère délégué chargé des comptes publics"),
        (
            "2024-09-21",
            "Budget et comptes publics",
            "Ministère délégué chargé du budget et des comptes publics",
        ),
        ("2024-12-23", "Comptes publics", "Ministère chargé des comptes publics"),
        ("2025-10-12", "Action et comptes publics", "Ministère de l'action et des comptes publics"),
    ],
    "industrie": [
        (
            "2012-06-21",
            ("Redressement productif", "Industrie"),
            ("Ministère du redressement productif", "Ministère de l'industrie"),
        ),
        ("2014-08-26", None, "economie"),
        ("2020-07-06", "Industrie", "Ministère délégué chargé de l'industrie"),
        (
            "2024-01-11",
            "Industrie et énergie",
            "Ministère délégué chargé de l'industrie et de l'énergie",
        ),
        ("2024-09-21", "Industrie", "Ministère délégué chargé de l'industrie"),
        ("2024-12-23", "Industrie et énergie", "Ministère chargé de l'industrie et de l'énergie"),
        ("2025-10-12", "Industrie", "Ministère de l'industrie"),
    ],
    "numerique": [
        ("2012-06-21", None, "economie"),
        ("2014-04-02", "Numérique", "Secrétariat d'État chargé du numérique"),
        (
            "2020-07-06",
            "Transition numérique et communications électroniques",
            "Secrétariat d'État chargé de la transition numérique et des communications "
            "électroniques",
        ),
        (
            "2022-07-04",
            "Transition numérique et télécommunications",
            "Ministère délégué chargé de la transition numérique et des télécommunications",
        ),
        ("2024-01-11", "Numérique", "Secrétariat d'État chargé du numérique"),
        (
            "2024-09-21",
            "Intelligence artificielle et numérique",
            "Secrétariat d'État chargé de l'intelligence artificielle et du numérique",
        ),
        (
            "2025-10-12",
            "Intelligence artificielle et numérique",
            "Ministère délégué chargé de l'intelligence artificielle et du numérique",
        ),
    ],
    "pme_commerce_artisanat": [
        (
            "2012-06-21",
            "Artisanat, commerce et tourisme",
            "Ministère de l'artisanat, du commerce et du tourisme",
        ),
        (
            "2014-08-26",
            "Commerce, artisanat, consommation et économie sociale et solidaire",
            "Secrétariat d'État chargé du commerce, de l'artisanat, de la consommation et de "
            "l'économie sociale et solidaire",
        ),
        ("2017-06-21", None, "economie"),
        (
            "2020-07-06",
            "Petites et moyennes entreprises",
            "Ministère délégué chargé des petites et moyennes entreprises",
        ),
        (
            "2022-07-04",
            "Petites et moyennes entreprises, commerce, artisanat et tourisme",
            "Ministère délégué chargé des petites et moyennes entreprises, du commerce, de "
            "l'artisanat et du tourisme",
        ),
        (
            "2024-09-21",
            "Commerce, artisanat, petites et moyennes entreprises et économie sociale et solidaire",
            "Ministère délégué chargé du commerce, de l'artisanat, des petites et "
            "moyennes entreprises et de l'économie sociale et solidaire",
        ),
        (
            "2025-10-12",
            "Petites et moyennes entreprises, commerce, artisanat, tourisme et pouvoir d'achat",
            "Ministère des petites et moyennes entreprises, du commerce, de l'artisanat, "
            "du tourisme et du pouvoir d'achat",
        ),
    ],
    "tourisme": [
        ("2012-06-21", None, "pme_commerce_artisanat"),
        ("2014-04-02", None, "affaires_etrangeres"),
        ("2022-07-04", None, "pme_commerce_artisanat"),
        ("2024-09-21", "Tourisme", "Ministère délégué chargé du tourisme"),
        ("2025-10-12", None, "pme_commerce_artisanat"),
    ],
    "travail": [
        (
            "2012-06-21",
            "Travail, emploi, formation professionnelle et dialogue social",
            "Ministère du travail, de l'emploi, de la formation professionnelle et du dialogue "
            "social",
        ),
        ("2017-05-17", "Travail", "Ministère du travail"),
        (
            "2020-07-06",
            "Travail, emploi et insertion",
            "Ministère du travail, de l'emploi et de l'insertion",
        ),
        (
            "2022-05-20",
            "Travail, plein emploi et insertion",
            "Ministère du travail, du plein emploi et de l'insertion",
        ),
        (
            "2024-01-11",
            "Travail, santé et solidarités",
            "Ministère du travail, de la santé et des solidarités",
        ),
        ("2024-09-21", "Travail et emploi", "Ministère du travail et de l'emploi"),
        (
            "2024-12-23",
            "Travail, santé, solidarités et familles",
            "Ministère du travail, de la santé, des solidarités et des familles",
        ),
        ("2025-10-12", "Travail et solidarités", "Ministère du travail et des solidarités"),
    ],
    "sante": [
        (
            "2012-06-21",
            "Affaires sociales et santé",
            ("Ministère des affaires sociales et de la santé", "Ministère de la santé"),
        ),
        (
            "2014-04-02",
            "Affaires sociales, santé et droits des femmes",
            (
                "Ministère des affaires sociales, de la santé et des droits des femmes",
                "Ministère de la santé",
            ),
        ),
        (
            "2016-02-11",
            "Affaires sociales et santé",
            ("Ministère des affaires sociales et de la santé", "Ministère de la santé"),
        ),
        (
            "2017-05-17",
            "Solidarités et santé",
            ("Ministère des solidarités et de la santé", "Ministère de la santé"),
        ),
        ("2022-05-20", "Santé et prévention", "Ministère de la santé et de la prévention"),
        ("2024-01-11", None, "travail"),
        ("2024-09-21", "Santé et accès aux soins", "Ministère de la santé et de l'accès aux soins"),
        (
            "2024-12-23",
            "Santé et accès aux soins",
            "Ministère délégué chargé de la santé et de l'accès aux soins",
        ),
        (
            "2025-10-12",
            "Santé, familles, autonomie et personnes handicapées",
            "Ministère de la santé, des familles, de l'autonomie et des personnes handicapées",
        ),
    ],
    "solidarites": [
        (
            "2012-06-21",
            "Personnes âgées et autonomie",
            "Ministère délégué chargé des personnes âgées et de l'autonomie",
        ),
        (
            "2014-04-02",
            "Famille, personnes âgées et autonomie",
            "Secrétariat d'État chargé de la famille, des personnes âgées et de l'autonomie",
        ),
        (
            "2016-02-11",
            "Familles, enfance et droits des femmes",
            "Ministère des familles, de l'enfance et des droits des femmes",
        ),
        ("2017-05-17", None, "sante"),
        ("2020-07-06", "Autonomie", "Ministère délégué chargé de l'autonomie"),
        (
            "2022-05-20",
            "Solidarités, autonomie et personnes handicapées",
            "Ministère des solidarités, de l'autonomie et des personnes handicapées",
        ),
        ("2023-07-20", "Solidarités et familles", "Ministère des solidarités et des familles"),
        ("2024-01-11", None, "travail"),
        (
            "2024-09-21",
            "Solidarités, autonomie et égalité entre les femmes et les hommes",
            "Ministère des solidarités, de l'autonomie et de l'égalité entre les femmes et les "
            "hommes",
        ),
        (
            "2024-12-23",
            "Autonomie et handicap",
            "Ministère délégué chargé de l'autonomie et du handicap",
        ),
        ("2025-10-12", None, "sante"),
    ],
    "personnes_handicapees": [
        (
            "2012-06-21",
            "Personnes handicapées et lutte contre l'exclusion",
            "Ministère délégué chargé des personnes handicapées et de la lutte contre l'exclusion",
        ),
        (
            "2014-04-02",
            "Personnes handicapées et lutte contre l'exclusion",
            "Secrétariat d'État chargé des personnes handicapées et de la lutte contre l'exclusion",
        ),
        (
            "2017-05-17",
            "Personnes handicapées",
            "Secrétariat d'État chargé des personnes handicapées",
        ),
        ("2022-05-20", None, "solidarites"),
        (
            "2023-07-20",
            "Personnes handicapées",
            "Ministère délégué chargé des personnes handicapées",
        ),
        (
            "2024-09-21",
            "Personnes en situation de handicap",
            "Ministère délégué chargé des personnes en situation de handicap",
        ),
        ("2024-12-23", None, "solidarites"),
        ("2025-10-12", None, "sante"),
    ],
    "education_nationale": [
        ("2012-06-21", "Éducation nationale", "Ministère de l'éducation nationale"),
        (
            "2014-04-02",
            "Éducation nationale, enseignement supérieur et recherche",
            "Ministère de l'éducation nationale, de l'enseignement supérieur et de la recherche",
        ),
        ("2017-05-17", "Éducation nationale", "Ministère de l'éducation nationale"),
        (
            "2020-07-06",
            "Éducation nationale, jeunesse et sports",
            "Ministère de l'éducation nationale, de la jeunesse et des sports",
        ),
        (
            "2022-05-20",
            "Éducation nationale et jeunesse",
            "Ministère de l'éducation nationale et de la jeunesse",
        ),
        (
            "2024-01-11",
            "Éducation nationale, jeunesse, sports et jeux Olympiques et Paralympiques",
            "Ministère de l'éducation nationale, de la jeunesse, des sports et des jeux "
            "Olympiques et Paralympiques",
        ),
        ("2024-09-21", "Éducation nationale", "Ministère de l'éducation nationale"),
        (
            "2024-12-23",
            "Éducation nationale, enseignement supérieur et recherche",
            "Ministère d'État, ministère de l'éducation nationale, de l'enseignement supérieur "
            "et de la recherche",
        ),
        ("2025-10-12", "Éducation nationale", "Ministère de l'éducation nationale"),
    ],
    "enseignement_superieur": [
        (
            "2012-06-21",
            "Enseignement supérieur et recherche",
            "Ministère de l'enseignement supérieur et de la recherche",
        ),
        (
            "2014-04-02",
            "Enseignement supérieur et recherche",
            "Secrétariat d'État chargé de l'enseignement supérieur et de la recherche",
        ),
        (
            "2017-05-17",
            "Enseignement supérieur, recherche et innovation",
            "Ministère de l'enseignement supérieur, de la recherche et de l'innovation",
        ),
        (
            "2022-05-20",
            "Enseignement supérieur et recherche",
            "Ministère de l'enseignement supérieur et de la recherche",
        ),
        (
            "2024-12-23",
            "Enseignement supérieur et recherche",
            "Ministère délégué chargé de l'enseignement supérieur et de la recherche",
        ),
        (
            "2025-10-12",
            "Enseignement supérieur, recherche et espace",
            "Ministère de l'enseignement supérieur, de la recherche et de l'espace",
        ),
    ],
    "jeunesse": [
        ("2012-06-21", None, "sports"),
        ("2014-08-26", None, "ville"),
        ("2016-02-11", None, "sports"),
        ("2017-05-17", None, "education_nationale"),
        (
            "2020-07-06",
            "Jeunesse et engagement",
            "Secrétariat d'État chargé de la jeunesse et de l'engagement",
        ),
        (
            "2022-07-04",
            "Jeunesse et service national universel",
            "Secrétariat d'État chargé de la jeunesse et du service national universel",
        ),
        ("2024-01-11", None, "education_nationale"),
        ("2024-09-21", None, "sports"),
    ],
    "sports": [
        (
            "2012-06-21",
            "Sports, jeunesse, éducation populaire et vie associative",
            "Ministère des sports, de la jeunesse, de l'éducation populaire et de la vie "
            "associative",
        ),
        ("2014-04-02", "Sports", "Secrétariat d'État chargé des sports"),
        ("2017-05-17", "Sports", "Ministère des sports"),
        ("2020-07-06", "Sports", "Ministère délégué chargé des sports"),
        (
            "2022-05-20",
            "Sports et jeux Olympiques et Paralympiques",
            "Ministère des sports et des jeux Olympiques et Paralympiques",
        ),
        ("2024-01-11", None, "education_nationale"),
        (
            "2024-09-21",
            "Sports, jeunesse et vie associative",
            "Ministère des sports, de la jeunesse et de la vie associative",
        ),
    ],
    "ville": [
        ("2012-06-21", "Ville", "Ministère délégué chargé de la ville"),
        ("2014-04-02", None, "egalite_femmes_hommes"),
        (
            "2014-08-26",
            "Ville, jeunesse et sports",
            "Ministère de la ville, de la jeunesse et des sports",
        ),
        ("2016-02-11", "Ville", "Secrétariat d'État chargé de la ville"),
        ("2017-05-17", None, "cohesion_territoires"),
        ("2020-07-06", "Ville", "Ministère délégué chargé de la ville"),
        ("2022-07-04", "Ville et logement", "Ministère délégué chargé de la ville et du logement"),
        ("2024-01-11", None, "logement"),
        ("2024-12-23", "Ville", "Ministère délégué chargé de la ville"),
        ("2025-10-12", "Ville et logement", "Ministère de la ville et du logement"),
    ],
    "logement": [
        (
            "2012-06-21",
            ("Égalité des territoires et logement", "Logement et égalité des territoires"),
            (
                "Ministère de l'égalité des territoires et du logement",
                "Ministère du logement et de l'égalité des territoires",
            ),
        ),
        (
            "2014-04-02",
            "Logement et égalité des territoires",
            "Ministère du logement et de l'égalité des territoires",
        ),
        (
            "2014-08-26",
            "Logement, égalité des territoires et ruralité",
            "Ministère du logement, de l'égalité des territoires et de la ruralité",
        ),
        (
            "2016-02-11",
            "Logement et habitat durable",
            "Ministère du logement et de l'habitat durable",
        ),
        ("2017-05-17", None, "cohesion_territoires"),
        ("2020-07-06", "Logement", "Ministère délégué chargé du logement"),
        ("2022-07-04", None, "ville"),
        ("2024-01-11", "Logement", "Ministère délégué chargé du logement"),
        (
            "2024-09-21",
            "Logement et rénovation urbaine",
            "Ministère du logement et de la rénovation urbaine",
        ),
        ("2024-12-23", "Logement", "Ministère chargé du logement"),
        ("2025-10-12", None, "ville"),
    ],
    "cohesion_territoires": [
        ("2012-06-21", None, "logement"),
        (
            "2016-02-11",
            "Aménagement du territoire, ruralité et collectivités territoriales",
            "Ministère de l'aménagement du territoire, de la ruralité et des collectivités "
            "territoriales",
        ),
        ("2017-05-17", "Cohésion des territoires", "Ministère de la cohésion des territoires"),
        (
            "2018-10-16",
            "Cohésion des territoires et relations avec les collectivités territoriales",
            "Ministère de la cohésion des territoires et des relations avec les "
            "collectivités territoriales",
        ),
        ("2022-05-20", None, "transition_ecologique"),
        (
            "2024-09-21",
            "Partenariat avec les territoires et décentralisation",
            "Ministère du partenariat avec les territoires et de la décentralisation",
        ),
        (
            "2024-12-23",
            "Aménagement du territoire et décentralisation",
            "Ministère de l'aménagement du territoire et de la décentralisation",
        ),
    ],
    "fonction_publique": [
        (
            "2012-06-21",
            "Réforme de l'État, décentralisation et fonction publique",
            "Ministère de la réforme de l'État, de la décentralisation et de la fonction publique",
        ),
        ("2014-04-02", "Fonction publique", "Ministère de la fonction publique"),
        ("2017-05-17", None, "comptes_publics"),
        (
            "2020-07-06",
            "Transformation et fonction publiques",
            (
                "Ministère de la transformation et de la fonction publiques",
                "Ministère de la fonction publique",
            ),
        ),
        (
            "2024-09-21",
            "Fonction publique, simplification et transformation de l'action publique",
            "Ministère de la fonction publique, de la simplification et de la transformation de "
            "l'action publique",
        ),
        (
            "2024-12-23",
            "Action publique, fonction publique et simplification",
            "Ministère de l'action publique, de la fonction publique et de la simplification",
        ),
        (
            "2025-10-12",
            "Fonction publique et réforme de l'État",
            "Ministère délégué chargé de la fonction publique et de la réforme de l'État",
        ),
    ],
    "relations_parlement": [
        (
            "2012-06-21",
            "Relations avec le Parlement",
            "Ministère délégué chargé des relations avec le Parlement",
        ),
        (
            "2017-05-17",
            "Relations avec le Parlement",
            "Secrétariat d'État chargé des relations avec le Parlement",
        ),
        (
            "2020-07-06",
            "Relations avec le Parlement",
            "Ministère délégué chargé des relations avec le Parlement",
        ),
    ],
    "egalite_femmes_hommes": [
        ("2012-06-21", "Droits des femmes", "Ministère des droits des femmes"),
        (
            "2014-04-02",
            "Droits des femmes, ville, jeunesse et sports",
            "Ministère des droits des femmes, de la ville, de la jeunesse et des sports",
        ),
        ("2014-08-26", "Droits des femmes", "Secrétariat d'État chargé des droits des femmes"),
        ("2016-02-11", None, "solidarites"),
        (
            "2017-05-17",
            "Égalité entre les femmes et les hommes",
            "Secrétariat d'État chargé de l'égalité entre les femmes et les hommes",
        ),
        (
            "2020-07-06",
            "Égalité entre les femmes et les hommes, diversité et égalité des chances",
            "Ministère délégué chargé de l'égalité entre les femmes et les hommes, de la "
            "diversité et de l'égalité des chances",
        ),
        (
            "2024-01-11",
            "Égalité entre les femmes et les hommes et lutte contre les discriminations",
            "Ministère délégué chargé de l'égalité entre les femmes et les hommes et de la lutte "
            "contre les discriminations",
        ),
        ("2024-09-21", None, "solidarites"),
        (
            "2024-12-23",
            "Égalité entre les femmes et les hommes et lutte contre les discriminations",
            "Ministère délégué chargé de l'égalité entre les femmes et les hommes et de la lutte "
            "contre les discriminations",
        ),
    ],
    "citoyennete": [
        ("2012-06-21", None, "interieur"),
        ("2020-07-06", "Citoyenneté", "Ministère délégué chargé de la citoyenneté"),
        ("2022-05-20", None, "interieur"),
    ],
    "transition_ecologique": [
        (
            "2012-06-21",
            "Écologie, développement durable et énergie",
            "Ministère de l'écologie, du développement durable et de l'énergie",
        ),
        (
            "2016-02-11",
            "Environnement, énergie et mer",
            "Ministère de l'environnement, de l'énergie et de la mer",
        ),
        (
            "2017-05-17",
            "Transition écologique et solidaire",
            "Ministère de la transition écologique et solidaire",
        ),
        ("2020-07-06", "Transition écologique", "Ministère de la transition écologique"),
        (
            "2022-07-04",
            "Transition écologique et cohésion des territoires",
            "Ministère de la transition écologique et de la cohésion des territoires",
        ),
        (
            "2024-09-21",
            "Transition écologique, énergie, climat et prévention des risques",
            "Ministère de la transition écologique, de l'énergie, du climat et de la prévention "
            "des risques",
        ),
        (
            "2024-12-23",
            "Transition écologique, biodiversité, forêt, mer et pêche",
            "Ministère de la transition écologique, de la biodiversité, de la forêt, de la mer "
            "et de la pêche",
        ),
        (
            "2025-10-12",
            "Transition écologique, biodiversité et négociations internationales sur "
            "le climat et la nature",
            "Ministère de la transition écologique, de la biodiversité et "
            "des négociations internationales sur le climat et la nature",
        ),
    ],
    "energie": [
        ("2012-06-21", None, "transition_ecologique"),
        ("2022-05-20", "Transition énergétique", "Ministère de la transition énergétique"),
        ("2024-01-11", None, "economie"),
        ("2024-09-21", None, "transition_ecologique"),
        ("2024-12-23", None, "industrie"),
        ("2025-10-12", None, "economie"),
    ],
    "mer": [
        ("2012-06-21", None, "transports"),
        ("2016-02-11", None, "transition_ecologique"),
        ("2020-07-06", "Mer", "Ministère de la mer"),
        ("2022-07-04", "Mer", "Secrétariat d'État chargé de la mer"),
        ("2024-09-21", "Mer et pêche", "Secrétariat d'État chargé de la mer et de la pêche"),
        ("2024-12-23", None, "transition_ecologique"),
        ("2025-10-12", "Mer et pêche", "Ministère de la mer et de la pêche"),
    ],
    "transports": [
        (
            "2012-06-21",
            "Transports, mer et pêche",
            "Ministère délégué chargé des transports, de la mer et de la pêche",
        ),
        (
            "2014-08-26",
            "Transports, mer et pêche",
            "Secrétariat d'État chargé des transports, de la mer et de la pêche",
        ),
        ("2017-05-17", "Transports", "Ministère chargé des transports"),
        ("2020-07-06", "Transports", "Ministère délégué chargé des transports"),
        ("2025-10-12", "Transports", "Ministère des transports"),
    ],
    "culture": [
        (
            "2012-06-21",
            "Culture et communication",
            "Ministère de la culture et de la communication",
        ),
        ("2017-05-17", "Culture", "Ministère de la culture"),
    ],
    "agriculture": [
        (
            "2012-06-21",
            "Agriculture, agroalimentaire et forêt",
            "Ministère de l'agriculture, de l'agroalimentaire et de la forêt",
        ),
        (
            "2017-05-17",
            "Agriculture et alimentation",
            "Ministère de l'agriculture et de l'alimentation",
        ),
        (
            "2022-05-20",
            "Agriculture et souveraineté alimentaire",
            "Ministère de l'agriculture et de la souveraineté alimentaire",
        ),
        (
            "2024-09-21",
            "Agriculture, souveraineté alimentaire et forêt",
            "Ministère de l'agriculture, de la souveraineté alimentaire et de la forêt",
        ),
        (
            "2024-12-23",
            "Agriculture et souveraineté alimentaire",
            "Ministère de l'agriculture et de la souveraineté alimentaire",
        ),
        (
            "2025-10-12",
            "Agriculture, agro-alimentaire et souveraineté alimentaire",
            "Ministère de l'agriculture, de l'agro-alimentaire et de la souveraineté alimentaire",
        ),
    ],
}

#: Answer behaviour per portfolio in the current legislature: (probability of ever being
#: answered, median delay in days, spread of the log-normal delay). Older legislatures answer
#: more (``Legislature.answer_power``). Rates echo rules.md (Interior 7.8 %, Health 10.7 %).
ANSWER_PROFILES: dict[str, tuple[float, float, float]] = {
    "premier_ministre": (0.05, 300, 0.5),
    "interieur": (0.08, 260, 0.6),
    "outre_mer": (0.4, 150, 0.6),
    "affaires_etrangeres": (0.88, 45, 0.5),
    "europe": (0.8, 70, 0.5),
    "partenariats_internationaux": (0.8, 70, 0.5),
    "commerce_exterieur": (0.8, 60, 0.5),
    "armees": (0.97, 30, 0.4),
    "anciens_combattants": (0.9, 50, 0.5),
    "justice": (0.55, 120, 0.6),
    "economie": (0.45, 150, 0.6),
    "comptes_publics": (0.5, 140, 0.6),
    "industrie": (0.5, 120, 0.6),
    "numerique": (0.6, 100, 0.6),
    "pme_commerce_artisanat": (0.55, 110, 0.6),
    "tourisme": (0.6, 90, 0.5),
    "travail": (0.35, 160, 0.6),
    "sante": (0.11, 230, 0.6),
    "solidarites": (0.3, 180, 0.6),
    "personnes_handicapees": (0.45, 150, 0.6),
    "education_nationale": (0.6, 100, 0.6),
    "enseignement_superieur": (0.7, 90, 0.5),
    "jeunesse": (0.6, 90, 0.5),
    "sports": (0.75, 70, 0.5),
    "ville": (0.5, 120, 0.6),
    "logement": (0.45, 140, 0.6),
    "cohesion_territoires": (0.55, 110, 0.6),
    "fonction_publique": (0.6, 100, 0.6),
    "relations_parlement": (0.7, 60, 0.5),
    "egalite_femmes_hommes": (0.65, 90, 0.5),
    "citoyennete": (0.5, 100, 0.5),
    "transition_ecologique": (0.35, 170, 0.6),
    "energie": (0.5, 130, 0.6),
    "mer": (0.7, 80, 0.5),
    "transports": (0.65, 90, 0.5),
    "culture": (0.75, 80, 0.5),
    "agriculture": (0.7, 90, 0.6),
}

MINISTRY_KEYS: tuple[str, ...] = tuple(_TABLE)


@dataclass(frozen=True, slots=True)
class Portfolio:
    """One portfolio in one government: an organe ``PO…`` and its labels."""

    key: str
    government: Government
    abrege: str
    developpe: str
    organe: str = ""  # filled by ``World``
    female: bool = False  # the minister's civility, for "Mme la ministre …"


def _pick(label: Label, key: str, held_back: list[tuple[str, str]]) -> str:
    if isinstance(label, str):
        return label
    real, stand_in = label
    if ministry_key(real) == key and is_known(real):
        return real
    held_back.append((real, key))
    return stand_in


def _build() -> tuple[dict[tuple[int, str], tuple[str, str] | str], list[tuple[str, str]]]:
    held_back: list[tuple[str, str]] = []
    table: dict[tuple[int, str], tuple[str, str] | str] = {}
    for key, periods in _TABLE.items():
        starts = [(date.fromisoformat(d), a, b) for d, a, b in periods]
        for gov in GOVERNMENTS:
            current = None
            for start, abrege, developpe in starts:
                if start <= gov.start:
                    current = (abrege, developpe)
            assert current is not None, (key, gov)
            abrege, developpe = current
            if abrege is None:
                assert isinstance(developpe, str) and developpe in _TABLE, (key, developpe)
                table[(gov.index, key)] = developpe  # successor key
            else:
                table[(gov.index, key)] = (
                    _pick(abrege, key, held_back),
                    _pick(developpe, key, held_back),
                )
    return table, sorted(set(held_back))


_RESOLVED, HELD_BACK = _build()
#: Real labels not yet recognised by ``ministry_key`` (a stand-in is used meanwhile).
HELD_BACK: list[tuple[str, str]]


def resolve_key(key: str, government: Government) -> str:
    """The portfolio that holds ``key``'s questions in ``government`` (successor chain)."""
    seen = []
    while isinstance(_RESOLVED[(government.index, key)], str):
        seen.append(key)
        key = _RESOLVED[(government.index, key)]  # type: ignore[assignment]
        if key in seen:
            raise ValueError(f"successor cycle {seen} in {government.name}")
    return key


def labels(key: str, government: Government) -> tuple[str, str]:
    """(abrege, developpe) of an existing portfolio in ``government``."""
    value = _RESOLVED[(government.index, key)]
    assert isinstance(value, tuple), (key, government)
    return value


def portfolios(government: Government) -> list[tuple[str, str, str]]:
    """[(key, abrege, developpe)] of the portfolios that exist in ``government``."""
    return [
        (key, *_RESOLVED[(government.index, key)])  # type: ignore[misc]
        for key in MINISTRY_KEYS
        if isinstance(_RESOLVED[(government.index, key)], tuple)
    ]


def all_labels() -> list[tuple[str, str]]:
    """Every (label, intended key) the generator can emit (abrege and developpe)."""
    out = []
    for (_, key), value in sorted(_RESOLVED.items()):
        if isinstance(value, tuple):
            out.extend([(value[0], key), (value[1], key)])
    return sorted(set(out))


for _gov in GOVERNMENTS:  # fail at import on a successor cycle or dangling key
    for _key in MINISTRY_KEYS:
        resolve_key(_key, _gov)
assert set(ANSWER_PROFILES) == set(MINISTRY_KEYS)
