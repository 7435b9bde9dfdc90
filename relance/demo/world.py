"""The people and bodies behind the demo questions: deputies, groups, ministries (organes).

Deterministic from the seed. The 14th to the newest requested legislature are always all
simulated (re-elected deputies keep their ``PA`` id), so the 17th legislature is the same
whether or not the 16th is written. Nothing is dated after ``as_of``.

Identifiers grow with time as in the real data: ``PA`` of deputies first elected in 2024
are around 841000, ``PM`` mandates of the 17th legislature around 843500, and organes
(``PO``: groups, ministries, the Assemblée of each legislature) are allocated in date order.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from relance.demo.governments import (
    GOVERNMENTS,
    LEGISLATURES,
    Government,
    Legislature,
    portfolios,
)
from relance.demo.places import (
    DEPARTMENTS,
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    PROFESSIONS,
    SURNAMES,
    Department,
)
from relance.demo.texts import RUBRIQUES, addressee
from relance.text import fold


def rng_for(seed: int, *parts: object) -> random.Random:
    """An independent, reproducible stream per purpose (string seeds are hashed with SHA-512
    by ``random``, so they do not depend on ``PYTHONHASHSEED``)."""
    return random.Random("relance-demo|" + "|".join(str(p) for p in (seed, *parts)))


# -- groups -----------------------------------------------------------------------------------

#: Initial groups (abbreviation, name, seats, position) and later events per legislature:
#: ("rename", group, new abbreviation, new name) opens a new organe, as the Assemblée does;
#: ("create", abbreviation, name, [(from group, members)]); ("dissolve", group, [(to, n)]).
GROUP_TABLE: dict[int, dict[str, list]] = {
    14: {
        "initial": [
            ("SRC", "Socialiste, républicain et citoyen", 295, "Majoritaire"),
            ("UMP", "Union pour un Mouvement Populaire", 196, "Opposition"),
            ("UDI", "Union des démocrates et indépendants", 30, "Opposition"),
            ("ECOLO", "Écologiste", 18, "Minoritaire"),
            ("RRDP", "Radical, républicain, démocrate et progressiste", 17, "Minoritaire"),
            ("GDR", "Gauche démocrate et républicaine", 15, "Opposition"),
            ("NI", "Non inscrit", 6, None),
        ],
        "events": [
            ("2015-06-02", "rename", "UMP", "LES-REP", "Les Républicains"),
            ("2016-05-19", "dissolve", "ECOLO", [("SRC", 9), ("NI", 99)]),
            ("2016-06-28", "rename", "SRC", "SER", "Socialiste, écologiste et républicain"),
        ],
    },
    15: {
        "initial": [
            ("LAREM", "La République en Marche", 314, "Majoritaire"),
            ("LR", "Les Républicains", 100, "Opposition"),
            ("MODEM", "Mouvement Démocrate et apparentés", 47, "Minoritaire"),
            ("UAI", "UDI, Agir et Indépendants", 35, "Opposition"),
            ("NG", "Nouvelle Gauche", 31, "Opposition"),
            ("FI", "La France insoumise", 17, "Opposition"),
            ("GDR", "Gauche démocrate et républicaine", 16, "Opposition"),
            ("NI", "Non inscrit", 17, None),
        ],
        "events": [
            ("2018-09-26", "rename", "NG", "SOC", "Socialistes et apparentés"),
            (
                "2018-10-17",
                "create",
                "LT",
                "Libertés et Territoires",
                [("NI", 8), ("UAI", 3), ("LAREM", 4), ("GDR", 1)],
            ),
            ("2020-05-19", "create", "EDS", "Écologie Démocratie Solidarité", [("LAREM", 17)]),
            ("2020-05-26", "create", "AE", "Agir ensemble", [("LAREM", 9), ("UAI", 10)]),
            ("2020-06-02", "rename", "UAI", "UDI-I", "UDI et Indépendants"),
            ("2020-10-15", "dissolve", "EDS", [("NI", 99)]),
        ],
    },
    16: {
        "initial": [
            ("RE", "Renaissance", 172, "Majoritaire"),
            ("RN", "Rassemblement National", 89, "Opposition"),
            (
                "LFI-NUPES",
                "La France insoumise - Nouvelle Union Populaire écologique et sociale",
                75,
                "Opposition",
            ),
            ("LR", "Les Républicains", 62, "Opposition"),
            ("DEM", "Démocrate (MoDem et Indépendants)", 48, "Minoritaire"),
            ("SOC", "Socialistes et apparentés (membre de l'intergroupe NUPES)", 31, "Opposition"),
            ("HOR", "Horizons et apparentés", 28, "Minoritaire"),
            ("ECOLO", "Écologiste - NUPES", 23, "Opposition"),
            ("GDR-NUPES", "Gauche démocrate et républicaine - NUPES", 22, "Opposition"),
            ("LIOT", "Libertés, Indépendants, Outre-mer et Territoires", 20, "Opposition"),
            ("NI", "Non inscrit", 7, None),
        ],
        "events": [],
    },
    17: {
        "initial": [
            ("RN", "Rassemblement National", 123, "Opposition"),
            ("EPR", "Ensemble pour la République", 98, "Minoritaire"),
            ("LFI-NFP", "La France insoumise - Nouveau Front Populaire", 72, "Opposition"),
            ("SOC", "Socialistes et apparentés", 66, "Opposition"),
            ("DR", "Droite Républicaine", 47, "Minoritaire"),
            ("EcoS", "Écologiste et Social", 38, "Opposition"),
            ("DEM", "Les Démocrates", 36, "Minoritaire"),
            ("HOR", "Horizons & Indépendants", 31, "Minoritaire"),
            ("LIOT", "Libertés, Indépendants, Outre-mer et Territoires", 22, "Opposition"),
            ("GDR", "Gauche Démocrate et Républicaine", 17, "Opposition"),
            ("UDR", "Union des droites pour la République", 16, "Opposition"),
            ("NI", "Non inscrit", 11, None),
        ],
        "events": [],
    },
}

#: Share of seats whose deputy is re-elected at the start of a legislature; women's share.
REELECTION = {15: 0.25, 16: 0.5, 17: 0.6}
WOMEN = {14: 0.27, 15: 0.39, 16: 0.37, 17: 0.36}
#: First ``PA`` and ``PM`` numbers of each legislature's newcomers and mandates.
PA_BASE = {14: 605000, 15: 718000, 16: 793000, 17: 841000}
PM_BASE = {14: 645000, 15: 722500, 16: 795500, 17: 843500}


@dataclass(eq=False, slots=True)
class Group:
    uid: str
    legislature: int
    abrev: str
    libelle: str
    start: date
    end: date | None
    position: str | None


@dataclass(eq=False, slots=True)
class Membership:
    uid: str
    group: Group
    start: date
    end: date | None
    qualite: str = "Membre"


@dataclass(eq=False, slots=True)
class Person:
    uid: str
    female: bool
    prenom: str
    nom: str
    trigramme: str | None
    birth: date
    birth_city: str
    profession: int
    activity: float
    favourites: tuple[int, ...]
    mandates: list[Mandate] = field(default_factory=list)

    @property
    def civ(self) -> str:
        return "Mme" if self.female else "M."

    @property
    def name(self) -> str:
        return f"{self.civ} {self.prenom} {self.nom}"

    @property
    def alpha(self) -> str:
        """Sorting name: particles after ("de Lagarde" → "Lagarde (de)")."""
        for particle in ("de La ", "de ", "du "):
            if self.nom.startswith(particle):
                return f"{self.nom[len(particle) :]} ({particle.strip()})"
        return self.nom


@dataclass(eq=False, slots=True)
class Mandate:
    """A deputy's mandate (``typeOrgane`` ASSEMBLEE) in one legislature."""

    uid: str
    person: Person
    legislature: int
    dept: Department
    circo: int
    start: date
    end: date | None
    cause: str
    first_election: bool
    place: int
    weight: float
    replaces: Mandate | None = None
    cause_end: str | None = None
    memberships: list[Membership] = field(default_factory=list)

    def membership_at(self, day: date) -> Membership:
        for m in self.memberships:
            if m.start <= day and (m.end is None or day <= m.end):
                return m
        return self.memberships[-1] if day > self.memberships[-1].start else self.memberships[0]

    @property
    def lieu(self) -> str:
        if self.dept.num == "099":
            return "dans sa circonscription des Français établis hors de France"
        return f"dans le département {self.dept.de}"


@dataclass(frozen=True, slots=True)
class Portfolio:
    """One ministry organe: a portfolio in one government."""

    key: str
    government: Government
    organe: str
    abrege: str
    developpe: str
    female: bool
    addressee: str
    end: date | None  # the day before the next government, when there is one


class DeputySampler:
    """Picks the author of a question: active deputies weighted by their activity."""

    def __init__(self, mandates: list[Mandate], leg: Legislature, as_of: date):
        edges = {leg.start}
        for m in mandates:
            edges.add(m.start)
            if m.end:
                edges.add(m.end + timedelta(days=1))
        self.starts = sorted(d for d in edges if d <= as_of)
        self.segments: list[tuple[list[Mandate], list[float]]] = []
        for start in self.starts:
            active = [
                m
                for m in mandates
                if m.start <= start and (m.end is None or start <= m.end) and m.weight > 0
            ]
            cum, total = [], 0.0
            for m in active:
                total += m.weight
                cum.append(total)
            self.segments.append((active, cum))

    def pick(self, day: date, u: float) -> Mandate:
        active, cum = self.segments[max(0, bisect_right(self.starts, day) - 1)]
        return active[min(bisect_right(cum, u * cum[-1]), len(active) - 1)]


class World:
    def __init__(self, seed: int, legislatures: list[int], as_of: date):
        self.seed = seed
        self.as_of = as_of
        self.max_leg = max(legislatures)
        self.groups: dict[int, list[Group]] = {}
        self.mandates: dict[int, list[Mandate]] = {}
        self.persons: dict[str, Person] = {}
        self.assemblee: dict[int, str] = {}
        self.portfolios: dict[tuple[int, str], Portfolio] = {}
        self.governments = [g for g in GOVERNMENTS if g.start <= as_of]
        self._allocate_organes()
        for number in range(14, self.max_leg + 1):
            self._simulate(LEGISLATURES[number])
        self.samplers = {
            n: DeputySampler(self.mandates[n], LEGISLATURES[n], as_of) for n in legislatures
        }

    # -- organes ------------------------------------------------------------------------------
    def _allocate_organes(self) -> None:
        rng = rng_for(self.seed, "organes")
        events: list[tuple[date, int, object]] = []
        for number in range(14, self.max_leg + 1):
            leg = LEGISLATURES[number]
            events.append((leg.start, 0, ("assemblee", number)))
            for item in GROUP_TABLE[number]["initial"]:
                events.append((leg.start, 1, ("group", number, item)))
            for item in GROUP_TABLE[number]["events"]:
                day = date.fromisoformat(item[0])
                if day <= self.as_of and item[1] in ("rename", "create"):
                    events.append((day, 1, ("group-event", number, item)))
        for gov in self.governments:
            events.append((gov.start, 2, ("government", gov)))
        events.sort(key=lambda e: (e[0], e[1]))
        last = 600000
        epoch = date(2012, 1, 1)

        def next_id(day: date) -> str:
            nonlocal last
            last = max(last + 1 + int(rng.random() * 6), 600000 + (day - epoch).days * 45)
            return f"PO{last}"

        self._group_ids: dict[tuple[int, str], str] = {}
        for day, _, payload in events:
            kind = payload[0]  # type: ignore[index]
            if kind == "assemblee":
                self.assemblee[payload[1]] = next_id(day)  # type: ignore[index]
            elif kind == "group":
                _, number, item = payload  # type: ignore[misc]
                self._group_ids[(number, item[0])] = next_id(day)
            elif kind == "group-event":
                _, number, item = payload  # type: ignore[misc]
                abrev = item[3] if item[1] == "rename" else item[2]
                self._group_ids[(number, abrev)] = next_id(day)
            else:
                gov = payload[1]  # type: ignore[index]
                following = [g.start for g in self.governments if g.start > gov.start]
                end = following[0] - timedelta(days=1) if following else None
                for key, abrege, developpe in portfolios(gov):
                    female = rng.random() < 0.4
                    self.portfolios[(gov.index, key)] = Portfolio(
                        key,
                        gov,
                        next_id(day),
                        abrege,
                        developpe,
                        female,
                        addressee(developpe, female=female),
                        end,
                    )

    def portfolio(self, government: Government, key: str) -> Portfolio:
        return self.portfolios[(government.index, key)]

    # -- deputies -----------------------------------------------------------------------------
    def _simulate(self, leg: Legislature) -> None:
        rng = rng_for(self.seed, "deputies", leg.number)
        number = leg.number
        as_of = self.as_of
        end = leg.end if leg.end and leg.end <= as_of else None
        table = GROUP_TABLE[number]
        groups: dict[str, Group] = {}
        for abrev, libelle, _seats, position in table["initial"]:
            groups[abrev] = Group(
                self._group_ids[(number, abrev)], number, abrev, libelle, leg.start, end, position
            )
        self.groups[number] = list(groups.values())
        pm = [PM_BASE[number]]

        def next_pm() -> str:
            pm[0] += 1 + int(rng.random() * 5)
            return f"PM{pm[0]}"

        pa = [PA_BASE[number]]
        previous = {}
        if number - 1 in self.mandates:
            for m in self.mandates[number - 1]:
                if m.end is None or m.end == LEGISLATURES[number - 1].end:
                    previous[(m.dept.num, m.circo)] = m.person
        # seats and groups
        seats = [(d, c) for d in DEPARTMENTS for c in range(1, d.seats + 1)]
        labels_ = [abrev for abrev, _l, n, _p in table["initial"] for _ in range(n)]
        rng.shuffle(labels_)
        mandates: list[Mandate] = []
        for (dept, circo), abrev in zip(seats, labels_, strict=True):
            person = previous.get((dept.num, circo))
            first = True
            if person is not None and rng.random() < REELECTION.get(number, 0):
                first = False
            else:
                person = self._new_person(rng, number, dept, pa, veteran=number == 14)
                first = int(person.uid[2:]) >= PA_BASE[number]  # veterans of before 2012
            mandate = Mandate(
                next_pm(),
                person,
                number,
                dept,
                circo,
                leg.start,
                end,
                "élections générales",
                first,
                1 + int(rng.random() * 640),
                person.activity * rng.lognormvariate(0, 0.3),
            )
            mandate.memberships.append(Membership(next_pm(), groups[abrev], leg.start, end))
            person.mandates.append(mandate)
            mandates.append(mandate)
        # one president per group
        for group in groups.values():
            members = [m for m in mandates if m.memberships[0].group is group]
            if members and group.abrev != "NI":
                members[int(rng.random() * len(members))].memberships[0].qualite = "Président"

        last_day = (leg.end or as_of) - timedelta(days=30)
        # collective group events (renames, creations, dissolutions)
        for item in table["events"]:
            day = date.fromisoformat(item[0])
            if day > as_of:
                continue
            kind = item[1]
            if kind == "rename":
                old = groups.pop(item[2])
                new = Group(
                    self._group_ids[(number, item[3])],
                    number,
                    item[3],
                    item[4],
                    day,
                    end,
                    old.position,
                )
                old.end = day - timedelta(days=1)
                groups[item[3]] = new
                self.groups[number].append(new)
                for m in mandates:
                    if m.memberships[-1].group is old and m.memberships[-1].end is None:
                        self._move(m, new, day, next_pm, qualite=m.memberships[-1].qualite)
            elif kind == "create":
                new = Group(
                    self._group_ids[(number, item[2])],
                    number,
                    item[2],
                    item[3],
                    day,
                    end,
                    "Minoritaire",
                )
                self.groups[number].append(new)
                groups[item[2]] = new
                for source, count in item[4]:
                    pool = [m for m in mandates if m.memberships[-1].group is groups[source]]
                    for m in rng.sample(pool, min(count, len(pool))):
                        self._move(m, new, day, next_pm)
            elif kind == "dissolve":
                old = groups.pop(item[2])
                old.end = day - timedelta(days=1)
                pool = [m for m in mandates if m.memberships[-1].group is old]
                rng.shuffle(pool)
                for target, count in item[3]:
                    for m in pool[:count]:
                        self._move(m, groups[target], day, next_pm)
                    pool = pool[count:]
        # individual group changes (about 2 % of deputies)
        open_groups = [g for g in groups.values() if g.abrev != "NI"]
        span = (last_day - leg.start).days
        if span > 60:
            for m in rng.sample(mandates, len(mandates) // 50):
                day = leg.start + timedelta(days=30 + int(rng.random() * (span - 30)))
                current = m.membership_at(day)
                if current.end is not None or day <= current.start:
                    continue
                target = open_groups[int(rng.random() * len(open_groups))]
                if target is not current.group and (target.end is None or target.end > day):
                    self._move(m, target, day, next_pm, apparente=True)
        # replacements: ministers' substitutes, deaths, resignations
        if span > 60:
            govs = [g for g in GOVERNMENTS if leg.start < g.start <= last_day]
            n_repl = max(1, round(span / 365 * 4))
            for i in range(n_repl):
                if govs and rng.random() < 0.6:
                    day = govs[int(rng.random() * len(govs))].start + timedelta(days=31)
                    cause_end = "Nomination comme membre du Gouvernement"
                    cause = "remplacement d'un député nommé au Gouvernement"
                else:
                    day = leg.start + timedelta(days=60 + int(rng.random() * max(1, span - 60)))
                    if i % 2:
                        cause_end, cause = "Décès", "remplacement d'un député décédé"
                    else:
                        cause_end = "Démission"
                        cause = "élection partielle, suite à la démission d'un député"
                if day > min(last_day, as_of):
                    continue
                candidates = [m for m in mandates if m.cause_end is None and m.replaces is None]
                old = candidates[int(rng.random() * len(candidates))]
                group = old.membership_at(day).group
                self._end(old, day - timedelta(days=1), cause_end)
                person = self._new_person(rng, number, old.dept, pa, veteran=False)
                new = Mandate(
                    next_pm(),
                    person,
                    number,
                    old.dept,
                    old.circo,
                    day,
                    end,
                    cause,
                    True,
                    old.place,
                    person.activity * rng.lognormvariate(0, 0.3),
                    replaces=old,
                )
                new.memberships.append(Membership(next_pm(), group, day, end))
                person.mandates.append(new)
                mandates.append(new)
        if end is not None:
            for m in mandates:
                if m.end == end and m.cause_end is None:
                    m.cause_end = "Fin de législature"
        self.mandates[number] = mandates

    @staticmethod
    def _end(mandate: Mandate, day: date, cause: str) -> None:
        mandate.end = day
        mandate.cause_end = cause
        for ms in mandate.memberships:
            if ms.end is None or ms.end > day:
                ms.end = day

    @staticmethod
    def _move(
        m: Mandate,
        group: Group,
        day: date,
        next_pm,
        *,
        qualite: str = "Membre",
        apparente: bool = False,
    ) -> None:
        current = m.memberships[-1]
        end = current.end
        current.end = day - timedelta(days=1)
        qual = "Membre apparenté" if apparente and group.abrev != "NI" else qualite
        m.memberships.append(Membership(next_pm(), group, day, end, qual))

    def _new_person(
        self, rng: random.Random, number: int, dept: Department, pa: list[int], *, veteran: bool
    ) -> Person:
        female = rng.random() < WOMEN[number]
        while True:
            names = FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES
            prenom = names[int(rng.random() * len(names))]
            nom = SURNAMES[int(rng.random() * len(SURNAMES))]
            if veteran and rng.random() < 0.45:
                uid = f"PA{1000 + int(rng.random() * 400000)}"
            else:
                pa[0] += 1 + int(rng.random() * 6)
                uid = f"PA{pa[0]}"
            if uid not in self.persons:
                break
        letters = fold(prenom[0] + nom.replace("de ", "").replace(" ", "")).upper()[:3]
        activity = 0.0 if rng.random() < 0.04 else rng.lognormvariate(0, 1.2)
        weights = [r.weight for r in RUBRIQUES]
        favourites = list(rng.choices(range(len(RUBRIQUES)), weights=weights, k=3))
        if dept.region_type in ("Dom", "Collectivités d'outre-mer et Nouvelle-Calédonie"):
            favourites[0] = _RUBRIQUE_INDEX["outre-mer"]
        elif dept.num == "099":
            favourites[0] = _RUBRIQUE_INDEX["français de l'étranger"]
        person = Person(
            uid,
            female,
            prenom,
            nom,
            letters if rng.random() < 0.8 else None,
            date(
                1950 + int(rng.random() * 45),
                1 + int(rng.random() * 12),
                1 + int(rng.random() * 28),
            ),
            dept.name,
            int(rng.random() * len(PROFESSIONS)),
            activity,
            tuple(favourites),
        )
        self.persons[uid] = person
        return person


_RUBRIQUE_INDEX = {r.name: r.index for r in RUBRIQUES}
