"""Stable keys for ministries, whose labels change at every reshuffle.

The Assemblée publishes each ministry under the label of the day ("Intérieur",
"Intérieur et outre-mer", "Ministère de l'intérieur"). Filters and statistics use the key
from ``ministry_key``: labels are kept as published beside it.

The rule: a label's key is the portfolio it names **first** ("Travail, santé et solidarités"
→ ``travail``), except for the labels listed in ``EXACT`` whose lead portfolio is not named
first. To support a new label, add a phrase to ``PORTFOLIOS`` (or a line to ``EXACT``) and a
case to ``tests/test_ministries.py``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from relance.text import fold, slugify

#: key → phrases (folded: lower case, no accents) that name that portfolio.
PORTFOLIOS: dict[str, tuple[str, ...]] = {
    "premier_ministre": ("premier ministre", "premiere ministre"),
    "interieur": ("interieur",),
    "outre_mer": ("outre-mer", "outre mer", "outremer"),
    "affaires_etrangeres": ("europe et affaires etrangeres", "affaires etrangeres"),
    "europe": ("affaires europeennes", "europe"),
    "partenariats_internationaux": (
        "partenariats internationaux",
        "developpement international",
        "francophonie",
    ),
    "commerce_exterieur": ("commerce exterieur", "attractivite"),
    "armees": ("armees", "defense"),
    "anciens_combattants": ("anciens combattants", "memoire"),
    "justice": ("justice", "garde des sceaux"),
    "economie": ("economie", "finances", "souverainete industrielle"),
    "comptes_publics": ("comptes publics", "budget"),
    "industrie": ("industrie", "redressement productif"),
    "numerique": ("numerique", "intelligence artificielle", "telecommunications"),
    "pme_commerce_artisanat": (
        "petites et moyennes entreprises",
        "commerce",
        "artisanat",
        "consommation",
        "economie sociale et solidaire",
    ),
    "tourisme": ("tourisme",),
    "travail": ("travail", "emploi", "plein emploi", "insertion", "formation professionnelle"),
    "sante": ("sante", "prevention", "acces aux soins", "professions de sante"),
    "solidarites": (
        "solidarites",
        "affaires sociales",
        "famille",
        "autonomie",
        "personnes agees",
        "enfance",
        "lutte contre la pauvrete",
    ),
    "personnes_handicapees": ("personnes handicapees", "handicap"),
    "retraites": ("retraites",),
    "education_nationale": ("education nationale", "education"),
    "enseignement_superieur": ("enseignement superieur", "recherche", "innovation"),
    "jeunesse": ("jeunesse", "vie associative", "service national universel"),
    "sports": ("sports", "jeux olympiques"),
    "culture": ("culture", "communication", "patrimoine"),
    "agriculture": (
        "agriculture",
        "alimentation",
        "agroalimentaire",
        "foret",
        "souverainete alimentaire",
        "peche",
    ),
    "transition_ecologique": (
        "transition ecologique",
        "ecologie",
        "environnement",
        "developpement durable",
        "biodiversite",
        "climat",
    ),
    "energie": ("transition energetique", "energie"),
    "mer": ("mer",),
    "transports": ("transports",),
    "logement": ("logement",),
    "ville": ("ville",),
    "cohesion_territoires": (
        "cohesion des territoires",
        "amenagement du territoire",
        "collectivites territoriales",
        "decentralisation",
        "ruralite",
        "territoires",
    ),
    "fonction_publique": (
        "fonction publique",
        "fonctions publiques",
        "transformation publique",
        "reforme de l'etat",
        "simplification",
    ),
    "relations_parlement": ("relations avec le parlement",),
    "egalite_femmes_hommes": (
        "egalite entre les femmes et les hommes",
        "egalite femmes-hommes",
        "droits des femmes",
        "egalite",
    ),
    "citoyennete": ("citoyennete", "lutte contre les discriminations"),
}

#: Combined labels whose lead portfolio is not the one named first: folded, articles
#: ("de la", "des", "du"…) removed, so the short and the long form both match.
EXACT: dict[str, str] = {
    "solidarites et sante": "sante",
    "affaires sociales et sante": "sante",
    "affaires sociales, sante et droits femmes": "sante",
    "europe et affaires etrangeres": "affaires_etrangeres",
    "action et comptes publics": "comptes_publics",
    "transformation et fonction publiques": "fonction_publique",
    "economie sociale et solidaire": "pme_commerce_artisanat",
    "egalite territoires et logement": "logement",
}
_ARTICLES = re.compile(r"(?<![a-z])(?:de la |de l'|des |du |de |d')")

# Words that only say "this is a ministry" ("Ministère de l'…", "Secrétariat d'État auprès…").
_PREFIX = re.compile(
    r"^(ministere d'etat,?\s*)?(ministere|minsitere|ministre|secretariat d'etat|"
    r"secretaire d'etat|ministre delegue|ministere delegue)\s*(de la |de l'|du |des |de |d'|"
    r"aupres )?",
)
_CHARGE = re.compile(r"charge(?:e)? (?:de la |de l'|du |des |de |d')(.+)$")

_PHRASES = sorted(
    ((phrase, key) for key, phrases in PORTFOLIOS.items() for phrase in phrases),
    key=lambda item: -len(item[0]),
)
_PHRASE_RE = {
    phrase: re.compile(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])") for phrase, _ in _PHRASES
}


@lru_cache(maxsize=4096)
def ministry_key(label: str) -> str:
    """The stable key of a ministry label: ``"Intérieur et outre-mer"`` → ``"interieur"``.

    Unknown labels never fail: they get the slug of their label (``"unknown"`` when empty).
    """
    text = _core_label(label)
    if not text:
        return "unknown"
    if (bare := _ARTICLES.sub("", text)) in EXACT:
        return EXACT[bare]
    best: tuple[int, int, str] | None = None  # (position, -length, key)
    for phrase, key in _PHRASES:
        match = _PHRASE_RE[phrase].search(text)
        if match:
            candidate = (match.start(), -len(phrase), key)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else slugify(text) or "unknown"


def is_known(label: str) -> bool:
    """Whether the table recognises the label (else the key is only its slug)."""
    text = _core_label(label)
    return bool(text) and (
        _ARTICLES.sub("", text) in EXACT or any(_PHRASE_RE[p].search(text) for p, _ in _PHRASES)
    )


def _core_label(label: str) -> str:
    text = fold(label or "").replace("’", "'").strip(" .")
    text = re.sub(r"\s+", " ", text)
    if charge := _CHARGE.search(text):
        text = charge.group(1)
    previous = None
    while previous != text:  # "Ministère d'État, ministère de l'intérieur"
        previous = text
        text = _PREFIX.sub("", text).strip(" ,")
    return text
