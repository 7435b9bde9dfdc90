"""Written questions in the open-data JSON shape (an-formats.md §3), with their ground truth.

One record per question, ``{"question": {...}}`` with the keys in the order of the real
sample ``QANR5L17QG1.json`` followed by the QE-only sections: ``@xmlns``, ``@xmlns:xsi``,
``@xsi:type``, ``uid``, ``identifiant``, ``type``, ``indexationAN``, ``auteur``, ``minInt``,
``minAttribs``, ``textesQuestion``, ``textesReponse``, ``cloture``, ``signalement``,
``renouvellements``. Choices where the real shape is not known (an-formats.md §11):

- ``renouvellements`` is ``{"renouvellement": {"dateRenouvellement", "infoJO"}}`` (a list
  when renewed more than once); ``signalement`` is ``{"dateDepotSignal", "infoJO"}``.
- Sections without content are **absent** (pending: no ``cloture``, no ``textesReponse``;
  no ``signalement``/``renouvellements`` key unless there is one). ``teteAnalyse`` is
  ``null`` from the 16th legislature on and filled before.
- Closures: ``REP_PUB`` "Réponse publiée" is the only real code known (an-formats.md §5);
  withdrawals use ``RET`` "Retirée" and lapsed questions ``FM`` "Fin de mandat", both
  **invented codes**, the labels being the real ones. A "Fin de mandat" closure is dated the
  legislature's end (or the day the author's mandate ended) and its ``infoJO`` has only
  ``typeJO`` and ``dateJO``.
- Dates are ISO in the 16th and 17th legislatures and ``DD/MM/YYYY`` in the 15th
  (an-formats.md §3) **and in the 14th** (assumed: the same legacy tooling as the XV dump
  and the legacy XML).
- ``Texte.erratum`` is a sentence naming the JO of the correction.
- Re-attributions after a change of government are ``JO_LOI_DECRET`` entries dated the day
  after the government's appointment; re-attributions to another ministry are
  ``JO_QUESTION`` entries. The last ``minAttrib`` is the ministère attributaire.

Edge cases of an-formats.md §4 are planted at ``edge_rate`` (each kind independently, with
the weight in ``EDGE_KINDS``) and tagged in the ground truth; see ``EDGE_CASES``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from relance.dates import french_long_date
from relance.demo.governments import (
    ANSWER_PROFILES,
    LEGISLATURES,
    MINISTRY_KEYS,
    Legislature,
    government_at,
    resolve_key,
)
from relance.demo.jo import (
    add_months,
    fmt_date,
    issue,
    tuesday_on_or_after,
    tuesday_on_or_before,
)
from relance.demo.texts import (
    INTRO_VERBS,
    PLACE,
    Q_END,
    REFERRAL,
    RUBRIQUES,
    Rubrique,
    Topic,
    answer_parts,
    answer_text,
    boilerplate_text,
    campaign_text,
    question_text,
)
from relance.demo.world import Mandate, Portfolio, World, rng_for
from relance.record import (
    Attribution,
    Author,
    Closure,
    Erratum,
    JoRef,
    JoType,
    Ministry,
    OrganeType,
    Question,
    QuestionType,
    Signalement,
    Status,
)
from relance.record import Mandate as RecordMandate
from relance.uid import page_url

REF = "http://schemas.assemblee-nationale.fr/referentiel"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DAY = timedelta(days=1)
WEEK = timedelta(days=7)

#: Edge-case tags (an-formats.md §4) and what they mean. Tags of the form ``kind:section``
#: name the section concerned (``section_null:cloture``).
EDGE_CASES: dict[str, str] = {
    "list_of_one": "a list of one element where the dumps usually have a dict "
    "(minAttrib, texteQuestion, texteReponse, analyse or renouvellement)",
    "analyse_list": "indexationAN.analyses.analyse (or ANALYSE.ANA) is a list of several",
    "split_texts": "texteQuestion or texteReponse is a list of two parts, same JO date",
    "section_absent": "an optional section that is normally present (null) is absent",
    "section_null": "an optional section that is normally absent is null",
    "section_empty_dict": "an empty optional section is {}",
    "section_empty_string": 'an empty optional section is ""',
    "fresh_no_analyse": "a question published in the last two weeks has "
    'analyses = {"analyse": null} (not indexed yet)',
    "legacy_analyse": "14th/15th legislature spelling indexationAN.ANALYSE.ANA",
    "stray_p": "a text starts with a stray </p> and ends with ' <p>'",
    "html_markup": "<br>, <strong> and <i> in a text",
    "html_table": 'an answer with a <!-- DEBTAB --> table and malformed <th rowspan=2">',
    "html_entities": "numeric entities &#339; (œ) and &#160; (no-break space) in a text",
    "hostile_html": "<script>alert(1)</script> or <img src=x onerror=alert(1)> in a text, "
    "stored as published",
    "mojibake": "an answer whose UTF-8 was decoded as cp1252 (Ã©); text.encode('cp1252')"
    ".decode('utf-8') restores it",
    "minsitere_typo": "the developpe label of minInt and of the first minAttrib is spelled "
    '"Minsitère …"',
    "group_later_name": "auteur.groupe is the author's later group (renamed or changed), "
    "not the group at the question's date",
    "duplicate_identical": "the uid appears twice in the dump with identical content",
    "duplicate_different": "the uid appears twice with different content; the ground truth "
    "says which copy is newer",
    "numbering_gap": "the number just before this question's is missing",
}
#: Relative rates of the kinds (multiplied by ``edge_rate``).
EDGE_KINDS: dict[str, float] = {
    "list_of_one": 1.0,
    "analyse_list": 1.0,
    "split_texts": 0.5,
    "section": 2.0,
    "legacy_analyse": 3.0,
    "stray_p": 1.0,
    "html_markup": 1.0,
    "html_table": 1.0,
    "html_entities": 1.0,
    "hostile_html": 0.2,
    "mojibake": 1.0,
    "minsitere_typo": 1.0,
    "group_later_name": 1.0,
    "duplicate_identical": 0.5,
    "duplicate_different": 0.5,
    "numbering_gap": 0.5,
}

#: Chance that a question starts a campaign (``_start_campaign``): 3 to 12 deputies file
#: near-identical texts within a few weeks; about 5 % of the questions are campaigns'.
P_CAMPAIGN = 0.01
#: Chance that an answer of six sentences or more becomes its ministry's standard answer on
#: the rubrique (``LegislatureGenerator._boilerplate``).
P_BOILERPLATE = 0.02

HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
_MOJIBAKE = str.maketrans(
    {c: c.encode("utf-8").decode("cp1252") for c in "éèêëàâçôîïûùÉÈÀÇœ’«»\u00a0"}
)
_ENTITIES = str.maketrans({"œ": "&#339;"})


@dataclass(frozen=True, slots=True)
class QuestionTruth:
    """What a correct reader of the record must find (the newer copy for duplicates)."""

    uid: str
    legislature: int
    number: int
    status: Status
    ministere_attributaire: str  # ministry key (relance.ministries) of the last minAttrib
    ministere_interroge: str
    rubrique: str
    date_publication: date
    date_reponse: date | None
    date_cloture: date | None
    acteur_ref: str
    mandat_ref: str
    groupe_ref: str  # the author's group on the publication date
    edge_cases: tuple[str, ...] = ()
    duplicate: str | None = None  # "identical" | "different"
    newer_copy: int | None = None  # 0 or 1: which copy holds the newer state
    signalement: date | None = None  # JO date of the signalement
    renouvellements: tuple[date, ...] = ()
    attributions: int = 1
    reattributed: bool = False  # to another ministry (JO_QUESTION), not only by reshuffle
    joint_answer: str | None = None  # id shared by questions answered by one text
    campaign: str | None = None  # id shared by near-identical questions of several deputies
    errata: tuple[str, ...] = ()  # "question", "answer"
    #: id shared by answers of one ministry that reuse one standard text with small edits
    #: (``boilerplate_text``); see ``relance.demo.twins`` for the planted clusters.
    boilerplate: str | None = None
    referral: bool = False  # the answer only refers to another one (``REFERRAL``)


@dataclass(frozen=True, slots=True)
class GeneratedQuestion:
    record: dict[str, Any]  # {"question": {...}} exactly as in a dump member
    #: What the record says: its state on the cut-off day when there is one (the edge-case
    #: tags stay those planted, even on a section the cut-off leaves out).
    truth: QuestionTruth
    #: The question's page on the site at ``as_of``, the end of the simulation, whatever the
    #: cut-off (``relance.mirror.timeline.as_of`` gives it at an earlier day). Both copies of
    #: a planted duplicate share it: the site shows the newer state.
    question: Question
    copy: int = 0  # 1 for the second copy of a planted duplicate

    @property
    def member(self) -> str:
        """Member name in a one-file-per-question zip (the duplicate goes to ``json2/``)."""
        return f"{'json' if self.copy == 0 else 'json2'}/{self.truth.uid}.json"


@dataclass(eq=False, slots=True)
class _Campaign:
    id: str
    rub: Rubrique
    topic: Topic
    but: str
    key: str
    body: list[str]
    last_pub: date
    intro: int  # the template's opening (INTRO_VERBS) and closing request (Q_END)
    end: int
    answer: date | None = None
    answer_text: str | None = None
    joint_id: str | None = None


@dataclass(eq=False, slots=True)
class _Boilerplate:
    """A ministry's standard answer on a rubrique, given again for a season."""

    id: str
    parts: list[str]  # the first answer's sentences
    size: int  # answers wanted in all
    until: date  # no member published after this day
    members: int = 1


@dataclass(eq=False, slots=True)
class _Q:
    """Everything decided about one question; ``_record`` turns it into JSON."""

    uid: str
    number: int
    pub: date
    mandate: Mandate
    rub: Rubrique
    topic: Topic
    tete: str | None
    q_page: int
    text: str
    attribs: list[tuple[date, str, Portfolio]]
    answer: date | None = None
    answer_text: str | None = None
    answer_page: int = 0
    withdrawn: date | None = None
    lapsed: date | None = None
    signal: date | None = None
    renewals: list[date] = field(default_factory=list)
    erratum_q: str | None = None
    erratum_q_day: date | None = None  # the JO that published the correction
    erratum_a: str | None = None
    erratum_a_day: date | None = None
    edges: list[str] = field(default_factory=list)
    section: tuple[str, str] | None = None  # (section, variant)
    list_of_one: str | None = None
    split: str | None = None
    fresh: bool = False
    legacy: bool = False
    analyse_list: tuple[str, ...] = ()
    typo: bool = False
    later_group: bool = False
    mojibake: bool = False  # the answer is damaged when written (``_record``), not in ``_Q``
    campaign: _Campaign | None = None
    boilerplate: str | None = None
    referral: bool = False


def split_counts(total: int, weights: Sequence[float]) -> list[int]:
    """Integer counts proportional to ``weights`` summing exactly to ``total``."""
    out, acc, done = [], 0.0, 0
    whole = sum(weights) or 1.0
    for w in weights:
        acc += w
        upto = round(total * acc / whole)
        out.append(upto - done)
        done = upto
    return out


def legislature_counts(questions: int, legislatures: Sequence[int], as_of: date) -> list[int]:
    """Questions per legislature, in proportion to the real weekly volume × weeks."""
    weights = []
    for n in legislatures:
        leg = LEGISLATURES[n]
        weeks = max(1, (leg.window_end(as_of) - leg.start).days // 7)
        weights.append(leg.weekly_full * weeks)
    return split_counts(questions, weights)


class LegislatureGenerator:
    """Streams the questions of one legislature in publication (number) order."""

    def __init__(
        self,
        world: World,
        number: int,
        count: int,
        *,
        seed: int,
        as_of: date,
        edge_rate: float,
        published_until: date | None = None,
    ) -> None:
        """``published_until``: write the records as published that day (see
        ``_published_by``); the world simulated up to ``as_of`` is the same whatever it is."""
        self.world = world
        self.leg: Legislature = LEGISLATURES[number]
        self.count = count
        self.as_of = as_of
        self.published_until = published_until
        self.edge_rate = edge_rate
        self.rng = rng_for(seed, "questions", number)
        self.french = number <= 15
        self.closed = self.leg.closed(as_of)
        self.horizon = self.leg.window_end(as_of)
        self.sampler = world.samplers[number]
        base = 25 / (self.leg.weekly_full * 0.55)  # ~25 signalements a week at real volume
        self.p_sig_answered = min(0.5, 1.3 * base)
        self.p_sig_unanswered = 0.6 * base
        self._rub_cum = _cumulative([r.weight for r in RUBRIQUES])
        self._campaigns = 0
        self._boilerplates: dict[tuple[str, int], _Boilerplate] = {}
        self._n_boilerplates = 0
        self.edge_probs = {k: min(1.0, w * edge_rate) for k, w in EDGE_KINDS.items()}
        self.author_counts: dict[str, int] = {}

    # -- calendar ---------------------------------------------------------------------------
    def weeks(self) -> list[tuple[date, int]]:
        leg, as_of = self.leg, self.as_of
        first = tuesday_on_or_after(leg.start + timedelta(days=10))
        last_day = min(as_of, leg.end - DAY) if leg.end else as_of
        last = tuesday_on_or_before(last_day)
        days = []
        d = first
        while d <= last:
            days.append(d)
            d += WEEK
        if not days:
            return []
        noise = rng_for(self.world.seed, "weeks", leg.number)
        weights = []
        for i, d in enumerate(days):
            w = 0.8 + 0.4 * noise.random()
            if d.month == 8:
                w *= 0.45
            elif (d.month == 12 and d.day >= 20) or (d.month == 1 and d.day <= 5):
                w *= 0.5
            if i < 6:
                w *= 0.25 + 0.13 * i
            if leg.end and (leg.end - d).days < 56:
                w *= 0.6
            weights.append(w)
        return list(zip(days, split_counts(self.count, weights), strict=True))

    # -- stream -----------------------------------------------------------------------------
    def __iter__(self) -> Iterator[GeneratedQuestion]:
        rng = self.rng
        number = 0
        scheduled: dict[int, list[_Campaign]] = {}
        weeks = self.weeks()
        for w, (tuesday, n) in enumerate(weeks):
            members = scheduled.pop(w, [])
            if len(members) > n:  # too many campaign members this week: carry over
                scheduled.setdefault(w + 1, []).extend(members[n:])
                members = members[:n]
            slots: list[_Campaign | None] = [None] * (n - len(members)) + list(members)
            if members:
                rng.shuffle(slots)
            for i, campaign in enumerate(slots):
                number += 1
                gap = rng.random() < self.edge_probs["numbering_gap"] and number > 1
                if gap:
                    number += 1
                if campaign is None and rng.random() < P_CAMPAIGN and w + 1 < len(weeks):
                    campaign = self._start_campaign(w, weeks, scheduled)
                yield from self._make(tuesday, number, i, n, campaign, gap)

    def _start_campaign(
        self, w: int, weeks: list[tuple[date, int]], scheduled: dict[int, list[_Campaign]]
    ) -> _Campaign:
        rng = self.rng
        rub = RUBRIQUES[_pick(self._rub_cum, rng.random())]
        topic = rub.topics[int(rng.random() * len(rub.topics))]
        but = rub.buts[int(rng.random() * len(rub.buts))]
        key = rub.ministries[0][0]
        self._campaigns += 1
        cid = f"L{self.leg.number}-C{self._campaigns}"
        size = 3 + int(rng.random() * 10)
        last_week = min(len(weeks) - 1, w + 1 + int(rng.random() * 3))
        _, body = question_text(
            rng,
            rub,
            author="",
            female=False,
            dest="",
            topic=topic,
            but=but,
            lieu=PLACE,
            year=weeks[w][0].year,
            target_words=200 + int(rng.random() * 140),
            neutral=True,
        )
        campaign = _Campaign(
            cid,
            rub,
            topic,
            but,
            key,
            body,
            weeks[last_week][0],
            intro=int(rng.random() * len(INTRO_VERBS)),
            end=int(rng.random() * len(Q_END)),
        )
        for _ in range(size - 1):
            target = w + int(rng.random() * (last_week - w + 1))
            scheduled.setdefault(target, []).append(campaign)
        # one joint answer for all, after the last member
        gov = government_at(campaign.last_pub)
        p, median, sigma = ANSWER_PROFILES[resolve_key(key, gov)]
        if rng.random() < 1 - (1 - p) ** self.leg.answer_power:
            delay = rng.lognormvariate(math.log(median * self.leg.delay_factor), sigma)
            campaign.answer = tuesday_on_or_after(campaign.last_pub + timedelta(days=delay))
            campaign.answer_text = answer_text(
                rng,
                rub,
                topic=topic,
                but=but,
                year=campaign.answer.year,
                target_words=int(min(800, max(60, rng.lognormvariate(math.log(260), 0.5)))),
            )
            campaign.joint_id = f"L{self.leg.number}-J{self._campaigns}"
        return campaign

    # -- one question -----------------------------------------------------------------------
    def _make(
        self,
        pub: date,
        number: int,
        index: int,
        in_week: int,
        campaign: _Campaign | None,
        gap: bool,
    ) -> Iterator[GeneratedQuestion]:
        rng = self.rng
        r = rng.random
        leg, world = self.leg, self.world
        uid = f"QANR5L{leg.number}QE{number}"
        mandate = self.sampler.pick(pub, r())
        person = mandate.person
        self.author_counts[mandate.uid] = self.author_counts.get(mandate.uid, 0) + 1
        if campaign is not None:
            rub, topic, but, key0 = campaign.rub, campaign.topic, campaign.but, campaign.key
        else:
            if r() < 0.45:
                rub = RUBRIQUES[person.favourites[int(r() * len(person.favourites))]]
            else:
                rub = RUBRIQUES[_pick(self._rub_cum, r())]
            topic = rub.topics[int(r() * len(rub.topics))]
            but = rub.buts[int(r() * len(rub.buts))]
            key0 = _weighted(rub.ministries, r())
            if r() < 0.012:
                key0 = "premier_ministre"
        gov0 = government_at(pub)
        key_int = resolve_key(key0, gov0)
        port0 = world.portfolio(gov0, key_int)
        horizon, closed = self.horizon, self.closed
        m_end = mandate.end if mandate.end and (leg.end is None or mandate.end < leg.end) else None

        # re-attribution to another ministry (the first one was not competent)
        r1: date | None = None
        key_new: str | None = None
        if campaign is None and (key_int == "premier_ministre" or r() < 0.03):
            gov_r1 = government_at(pub + 3 * WEEK)
            others = [resolve_key(k, gov_r1) for k, _ in rub.ministries]
            others = [k for k in others if k != key_int]
            if not others and key_int != "premier_ministre":
                others = [k for k in ("economie", "interieur", "sante") if k != key_int]
            if others:
                key_new = (
                    others[0] if key_int == "premier_ministre" else others[int(r() * len(others))]
                )
                r1 = pub + WEEK * (2 + int(r() * 7))
        answering = resolve_key(key_new, government_at(r1)) if r1 and key_new else key_int

        # the answer
        answer: date | None = None
        if campaign is not None:
            # a member carried over past the joint answer stays unanswered
            answer = campaign.answer if campaign.answer and campaign.answer > pub else None
        else:
            p, median, sigma = ANSWER_PROFILES[answering]
            if r() < 1 - (1 - p) ** leg.answer_power:
                delay = rng.lognormvariate(math.log(median * leg.delay_factor), sigma)
                answer = tuesday_on_or_after(pub + timedelta(days=max(8.0, min(delay, 2000.0))))
                if r1 and answer <= r1:
                    answer = r1 + WEEK * (1 + int(r() * 4))
        # signalement (only once the two months have passed), often followed by an answer
        signal: date | None = None
        if campaign is None:
            first_sig = tuesday_on_or_after(add_months(pub, 2) + DAY)
            if answer is not None and answer > first_sig + 2 * WEEK:
                if r() < self.p_sig_answered:
                    weeks = ((answer - first_sig).days - 14) // 7
                    signal = first_sig + WEEK * int(r() * (weeks + 1))
                    answer = signal + WEEK * (1 if r() < 0.6 else 2)
            elif answer is None and r() < self.p_sig_unanswered:
                signal = first_sig + WEEK * int(r() * 26)
        # withdrawal by the author
        withdrawn: date | None = None
        if campaign is None and r() < 0.012:
            day = pub + timedelta(days=10 + int(r() * 400))
            if (
                (answer is None or day < answer)
                and tuesday_on_or_after(day) <= horizon
                and (not leg.end or day < leg.end)
                and (m_end is None or day < m_end)
            ):
                withdrawn, answer = day, None
        # the author's mandate ended during the legislature: "Fin de mandat"
        lapsed: date | None = None
        if m_end and withdrawn is None and (answer is None or answer > m_end):
            answer, lapsed = None, m_end
        if answer is not None and answer > horizon:
            answer = None
        if closed and answer is None and withdrawn is None and lapsed is None:
            lapsed = leg.end
        closing = answer or withdrawn or lapsed
        if signal and (signal > horizon or (closing and signal >= closing)):
            signal = None
        if r1 and (r1 > horizon or (closing and r1 >= closing)):
            r1 = key_new = None
        renewals: list[date] = []
        if campaign is None and r() < leg.renewal_rate * 3:
            day = tuesday_on_or_after(pub + timedelta(days=92)) + WEEK * int(r() * 8)
            while day <= horizon and (closing is None or day < closing) and len(renewals) < 3:
                renewals.append(day)
                if r() > 0.25:
                    break
                day += WEEK * 13
        if signal and renewals and signal in renewals:
            signal = None

        # attributions: the first, reshuffles (JO_LOI_DECRET), another ministry (JO_QUESTION)
        attribs: list[tuple[date, str, Portfolio]] = [(pub, "JO_QUESTION", port0)]
        limit = closing or horizon + DAY  # re-attributed while still open
        events: list[tuple[date, int, Any]] = [
            (g.decree, 0, g)
            for g in world.governments
            if g.start > pub and g.decree < limit and g.decree <= self.as_of
        ]
        if r1 and key_new:
            events.append((r1, 1, key_new))
        events.sort(key=lambda e: (e[0], e[1]))
        current = key_int
        for day, kind, payload in events:
            if kind == 1:
                gov = government_at(day)
                if resolve_key(payload, gov) != current:  # else nothing to re-attribute
                    current = resolve_key(payload, gov)
                    attribs.append((day, "JO_QUESTION", world.portfolio(gov, current)))
            else:
                current = resolve_key(current, payload)
                attribs.append((day, "JO_LOI_DECRET", world.portfolio(payload, current)))

        # texts
        sheet = issue(pub)
        q_page = sheet.questions_page + index * sheet.questions_pages // max(1, in_week)
        year = pub.year
        if campaign is not None:
            text = campaign_text(
                rng,
                rub,
                author=person.name,
                female=person.female,
                dest=port0.addressee,
                topic=topic,
                but=but,
                lieu=mandate.lieu,
                year=year,
                body=campaign.body,
                intro=campaign.intro,
                end=campaign.end,
            )
        else:
            text, _ = question_text(
                rng,
                rub,
                author=person.name,
                female=person.female,
                dest=port0.addressee,
                topic=topic,
                but=but,
                lieu=mandate.lieu,
                year=year,
                target_words=170 + int(r() * 220),
            )
        q = _Q(
            uid,
            number,
            pub,
            mandate,
            rub,
            topic,
            rub.tetes[int(r() * len(rub.tetes))] if self.french and rub.tetes else None,
            q_page,
            text,
            attribs,
        )
        q.withdrawn, q.lapsed, q.signal, q.renewals = withdrawn, lapsed, signal, renewals
        q.campaign = campaign
        if answer is not None:
            q.answer = answer
            final = attribs[-1][2]
            a_sheet = issue(answer)
            slot = MINISTRY_KEYS.index(final.key) * a_sheet.answers_pages // len(MINISTRY_KEYS)
            if campaign is not None and campaign.answer_text is not None:
                q.answer_text = campaign.answer_text
                slot = (
                    MINISTRY_KEYS.index(campaign.key) * a_sheet.answers_pages // len(MINISTRY_KEYS)
                )
                q.answer_page = a_sheet.answers_page + slot
            else:
                q.answer_page = a_sheet.answers_page + slot + int(r() * 3)
                if r() < 0.03 and number > 50:
                    ref = max(1, number - 1 - int(r() * 40))
                    q.answer_text = REFERRAL.format(
                        ref=ref, ref_date=french_long_date(pub - WEEK * (1 + int(r() * 6)))
                    )
                    q.referral = True
                else:
                    target = min(800, max(90, rng.lognormvariate(math.log(230), 0.6)))
                    parts = answer_parts(
                        rng, rub, topic=topic, but=but, year=answer.year, target_words=int(target)
                    )
                    q.answer_text = " ".join(parts)
                    self._boilerplate(q, final.key, parts, but)
            if campaign is None and r() < 0.006:
                when = tuesday_on_or_after(answer + WEEK * (1 + int(r() * 4)))
                if when <= horizon:
                    q.erratum_a = _erratum(when, issue(when).answers_page, number, "réponse")
                    q.erratum_a_day = when
        if r() < 0.002:
            when = tuesday_on_or_after(pub + WEEK * (1 + int(r() * 3)))
            if when <= horizon and (closing is None or when < closing):
                q.erratum_q = _erratum(when, issue(when).questions_page, number, "question")
                q.erratum_q_day = when
        q.fresh = not closed and (self.as_of - pub).days < 14 and r() < 0.7
        if q.fresh:
            q.edges.append("fresh_no_analyse")

        if gap:
            q.edges.append("numbering_gap")
        duplicate = self._plant(q)
        yield from self._emit(q, duplicate)

    def _boilerplate(self, q: _Q, key: str, parts: list[str], but: str) -> None:
        """Standard answers: now and then a ministry's answer on a rubrique becomes its
        standard text (``P_BOILERPLATE``, answers of six sentences or more), and the
        ministry's next answers on that rubrique reuse it with small edits (``boilerplate_text``,
        85 in 100 of them) until 2 to 7 answers in all have it, or a year has passed."""
        r = self.rng.random
        slot = (key, q.rub.index)
        template = self._boilerplates.get(slot)
        if template is not None and (template.members >= template.size or q.pub > template.until):
            del self._boilerplates[slot]
            template = None
        if template is None:
            if len(parts) >= 6 and r() < P_BOILERPLATE:
                self._n_boilerplates += 1
                template = _Boilerplate(
                    f"L{self.leg.number}-B{self._n_boilerplates}",
                    parts,
                    size=2 + int(r() * 6),
                    until=q.pub + 52 * WEEK,
                )
                self._boilerplates[slot] = template
                q.boilerplate = template.id
            return
        if r() < 0.85:
            assert q.answer is not None
            q.answer_text = boilerplate_text(
                self.rng, q.rub, parts=template.parts, topic=q.topic, but=but, year=q.answer.year
            )
            template.members += 1
            q.boilerplate = template.id

    # -- edge cases -------------------------------------------------------------------------
    def _plant(self, q: _Q) -> str | None:
        r = self.rng.random
        probs = self.edge_probs
        answered = q.answer is not None
        joint = q.campaign is not None and answered
        if self.french and r() < probs["legacy_analyse"]:
            q.legacy = True
            q.edges.append("legacy_analyse")
        if not q.fresh and r() < probs["analyse_list"]:
            others = [t.analyse.lower() for t in q.rub.topics if t is not q.topic]
            extra = [*others[:1], *(q.rub.tetes[:1] or ["bilan"])]
            q.analyse_list = (q.topic.analyse, *extra)
            q.edges.append("analyse_list")
        if r() < probs["split_texts"]:
            q.split = "texteReponse" if answered and not joint and r() < 0.5 else "texteQuestion"
            q.edges.append(f"split_texts:{q.split}")
        if r() < probs["list_of_one"]:
            choices = [
                s
                for s in ("texteQuestion", "texteReponse")
                if s != q.split and (answered or s == "texteQuestion")
            ]
            if len(q.attribs) == 1:
                choices.append("minAttrib")
            if not q.fresh and not q.analyse_list:
                choices.append("analyse")
            if len(q.renewals) == 1:
                choices.append("renouvellement")
            if choices:
                q.list_of_one = choices[int(r() * len(choices))]
                q.edges.append(f"list_of_one:{q.list_of_one}")
        if r() < probs["section"]:
            options: list[tuple[str, str]] = []
            empty = ("null", "empty_dict", "empty_string")
            if q.answer is None and q.withdrawn is None and q.lapsed is None:
                options += [("cloture", v) for v in empty]
            if not answered:
                options += [("textesReponse", v) for v in empty]
            if q.signal is None:
                options += [("signalement", v) for v in empty]
            if not q.renewals:
                options += [("renouvellements", v) for v in empty]
            if not self.french:
                options += [("teteAnalyse", v) for v in ("absent", "empty_dict", "empty_string")]
            if not (q.legacy or q.fresh or q.analyse_list or q.list_of_one == "analyse"):
                options += [("analyses", v) for v in ("absent", *empty)]
            if options:
                section, variant = options[int(r() * len(options))]
                q.section = (section, variant)
                q.edges.append(f"section_{variant}:{section}")
        texts = ["texteQuestion"] + (["texteReponse"] if answered and not joint else [])
        stray = None
        for kind in ("stray_p", "html_markup", "html_entities", "hostile_html"):
            if r() < probs[kind]:
                target = texts[int(r() * len(texts))]
                if kind == "html_markup" and target == "texteReponse" and q.answer_text:
                    q.answer_text = _markup(q.answer_text)
                elif kind == "html_markup":
                    q.text = _markup(q.text)
                elif kind == "stray_p":
                    stray = target  # wrapped last, around any other change
                elif kind == "html_entities":
                    if target == "texteReponse" and q.answer_text:
                        q.answer_text = _entities(q.answer_text)
                    else:
                        q.text = _entities(q.text)
                else:
                    bad = HOSTILE[int(r() * 2)]
                    if target == "texteReponse" and q.answer_text:
                        q.answer_text = _insert(q.answer_text, bad, r())
                    else:
                        q.text = _insert(q.text, bad, r())
                q.edges.append(kind)
        # (a table of figures, not in an answer that only refers to another one)
        if (
            answered
            and not joint
            and not q.referral
            and q.answer_text
            and r() < probs["html_table"]
        ):
            q.answer_text = q.answer_text + _table(self.rng, q.rub, q.answer)  # type: ignore[arg-type]
            q.edges.append("html_table")
        if answered and not joint and q.answer_text and r() < probs["mojibake"]:
            q.mojibake = True
            q.edges.append("mojibake")
        if stray == "texteReponse" and q.answer_text:
            q.answer_text = f"</p>{q.answer_text} <p>"
        elif stray:
            q.text = f"</p>{q.text} <p>"
        if r() < probs["minsitere_typo"] and q.attribs[0][2].developpe.startswith("Ministère"):
            q.typo = True
            q.edges.append("minsitere_typo")
        # only authors who changed group can show it: planted 20× more often among them
        last_day = min(q.mandate.end or self.horizon, self.horizon)
        if (
            len(q.mandate.memberships) > 1
            and r() < 20 * probs["group_later_name"]
            and q.mandate.membership_at(last_day).group is not q.mandate.membership_at(q.pub).group
        ):
            q.later_group = True
            q.edges.append("group_later_name")
        if r() < probs["duplicate_identical"]:
            q.edges.append("duplicate_identical")
            return "identical"
        # (a pending question whose analyses were planted empty has nothing a snapshot would
        # leave out, and an older copy has no closure, not even an empty one: no different
        # copy of those)
        if (
            r() < probs["duplicate_different"]
            and not q.fresh
            and not (q.section and q.section[0] == "cloture")
            and self._record(q, snapshot=True) != self._record(q)
        ):
            q.edges.append("duplicate_different")
            return "different"
        return None

    # -- output -----------------------------------------------------------------------------
    def _emit(self, q: _Q, duplicate: str | None) -> Iterator[GeneratedQuestion]:
        newer = None
        if duplicate:  # drawn whatever the cut-off: the world does not depend on it
            newer = 0 if duplicate == "identical" else int(self.rng.random() < 0.5)
        until = self.published_until
        if until is not None and q.pub > until:
            return
        shown = q if until is None or until >= self.as_of else _published_by(q, until)
        record = {"question": self._record(shown)}
        truth = self._truth(shown, duplicate, newer)
        page = self._page_record(q)
        if duplicate is None:
            yield GeneratedQuestion(record, truth, page)
        elif duplicate == "identical":
            yield GeneratedQuestion(record, truth, page)
            yield GeneratedQuestion(record, truth, page, copy=1)
        else:
            older = {"question": self._record(shown, snapshot=True)}
            first, second = (record, older) if newer == 0 else (older, record)
            yield GeneratedQuestion(first, truth, page)
            yield GeneratedQuestion(second, truth, page, copy=1)

    def _truth(self, q: _Q, duplicate: str | None, newer: int | None) -> QuestionTruth:
        final = q.attribs[-1][2]
        status = (
            Status.ANSWERED
            if q.answer
            else Status.WITHDRAWN
            if q.withdrawn
            else Status.LAPSED
            if q.lapsed
            else Status.PENDING
        )
        return QuestionTruth(
            uid=q.uid,
            legislature=self.leg.number,
            number=q.number,
            status=status,
            ministere_attributaire=final.key,
            ministere_interroge=q.attribs[0][2].key,
            rubrique=q.rub.name,
            date_publication=q.pub,
            date_reponse=q.answer,
            date_cloture=q.answer or q.withdrawn or q.lapsed,
            acteur_ref=q.mandate.person.uid,
            mandat_ref=q.mandate.uid,
            groupe_ref=q.mandate.membership_at(q.pub).group.uid,
            edge_cases=tuple(q.edges),
            duplicate=duplicate,
            newer_copy=newer,
            signalement=q.signal,
            renouvellements=tuple(q.renewals),
            attributions=len(q.attribs),
            reattributed=any(kind == "JO_QUESTION" for _, kind, _ in q.attribs[1:]),
            joint_answer=q.campaign.joint_id if q.campaign and q.answer else None,
            campaign=q.campaign.id if q.campaign else None,
            errata=tuple(k for k, v in (("question", q.erratum_q), ("answer", q.erratum_a)) if v),
            boilerplate=q.boilerplate if q.answer else None,
            referral=q.referral and q.answer is not None,
        )

    def _page_record(self, q: _Q) -> Question:
        """The question as its page on the site shows it at ``as_of``: the same facts as the
        open-data record, without the dump's damage (mojibake, the "Minsitère" typo, texts cut
        in two), plus what only pages carry (the author's name and circonscription, the JO of
        each erratum). Sections the dump planted empty stay empty: the site has nothing more."""
        section = q.section[0] if q.section else ""
        if q.fresh or section == "analyses":
            analyses: tuple[str, ...] = ()
        else:
            analyses = q.analyse_list or (q.topic.analyse,)
        mandate = q.mandate
        day = min(mandate.end or self.horizon, self.horizon) if q.later_group else q.pub
        group = mandate.membership_at(day).group
        ministries = [_ministry(port) for _, _, port in q.attribs]
        attributions = tuple(
            Attribution(ministry, self._jo_ref(type_jo, day, None, type_jo == "JO_QUESTION"))
            for (day, type_jo, _), ministry in zip(q.attribs, ministries, strict=True)
        )
        a_jo = self._jo_ref("JO_QUESTION", q.answer, q.answer_page) if q.answer else None
        closure = None
        if q.answer:
            closure = Closure("REP_PUB", "Réponse publiée", q.answer, a_jo or JoRef())
        elif q.withdrawn:
            jo = tuesday_on_or_after(q.withdrawn)
            closure = Closure(
                "RET",
                "Retirée",
                q.withdrawn,
                self._jo_ref("JO_QUESTION", jo, issue(jo).questions_page),
            )
        elif q.lapsed:
            jo_fm = self._jo_ref("JO_QUESTION", q.lapsed, None, numbered=False)
            closure = Closure("FM", "Fin de mandat", q.lapsed, jo_fm)
        errata = []
        if q.erratum_q and q.erratum_q_day:
            when = q.erratum_q_day
            jo = self._jo_ref("JO_QUESTION", when, issue(when).questions_page)
            errata.append(Erratum("question", jo, q.erratum_q))
        if q.erratum_a and q.erratum_a_day and q.answer:
            when = q.erratum_a_day
            jo = self._jo_ref("JO_QUESTION", when, issue(when).answers_page)
            errata.append(Erratum("answer", jo, q.erratum_a))
        signalements = ()
        if q.signal:
            sig_jo = self._jo_ref("JO_QUESTION", q.signal, issue(q.signal).first_page + 1)
            signalements = (Signalement(q.signal - timedelta(days=6), sig_jo),)
        return Question(
            uid=q.uid,
            legislature=self.leg.number,
            number=q.number,
            type=QuestionType.QE,
            rubrique=q.rub.name,
            tete_analyse=q.tete,
            analyses=analyses,
            author=Author(
                deputy_ref=mandate.person.uid,
                mandate_ref=mandate.uid,
                name=mandate.person.name,
                groupe_ref=group.uid,
                groupe_abrege=group.abrev,
                groupe_libelle=group.libelle,
                circonscription=RecordMandate(
                    mandate.uid,
                    OrganeType.ASSEMBLEE,
                    departement=mandate.dept.name,
                    num_circo=mandate.circo,
                ).circonscription,
            ),
            ministere_interroge=ministries[0],
            attributions=attributions,
            texte_question_html=q.text.strip() or None,
            date_publication=q.pub,
            page_publication=str(q.q_page) if q.q_page else None,
            texte_reponse_html=((q.answer_text or "").strip() or None) if q.answer else None,
            date_reponse=q.answer,
            page_reponse=str(q.answer_page) if q.answer and q.answer_page else None,
            signalements=signalements,
            renouvellements=tuple(sorted(set(q.renewals))),
            closure=closure,
            errata=tuple(errata),
            source_url=page_url(q.uid),
        )

    def _jo_ref(
        self, type_jo: str, day: date | None, page: int | None = None, numbered: bool = True
    ) -> JoRef:
        """The publication ``_info`` writes, as the record's ``JoRef``."""
        return JoRef(
            date=day,
            page=str(page) if page else None,
            type=JoType(type_jo),
            number=str(issue(day).number) if numbered and day and day.weekday() == 1 else None,
        )

    def _info(
        self, type_jo: str, day: date | None, page: int | None = None, numbered: bool = True
    ) -> dict[str, Any]:
        return {
            "typeJO": type_jo,
            "dateJO": fmt_date(day, self.french) if day else None,
            "pageJO": str(page) if page else None,
            "numJO": str(issue(day).number) if numbered and day and day.weekday() == 1 else None,
            "urlLegifrance": None,
            "referenceNOR": None,
        }

    def _record(self, q: _Q, snapshot: bool = False) -> dict[str, Any]:
        french = self.french
        leg = self.leg
        mandate = q.mandate
        section, variant = q.section or ("", "")

        # indexationAN
        if q.fresh or snapshot:
            analyse: Any = None
        elif q.analyse_list:
            analyse = list(q.analyse_list)
        else:
            analyse = q.topic.analyse
            if q.list_of_one == "analyse":
                analyse = [analyse]
        index: dict[str, Any] = {"rubrique": q.rub.name, "teteAnalyse": q.tete}
        if section == "teteAnalyse":
            _apply_variant(index, "teteAnalyse", variant)
        if q.legacy:
            index["ANALYSE"] = {"ANA": analyse}
        elif section == "analyses":
            index["analyses"] = {"analyse": analyse}
            _apply_variant(index, "analyses", variant)
        else:
            index["analyses"] = {"analyse": analyse}

        membership = mandate.membership_at(q.pub)
        if q.later_group:
            membership = mandate.membership_at(min(mandate.end or self.horizon, self.horizon))
        group = membership.group
        first = q.attribs[0][2]
        developpe = "Minsitère" + first.developpe[len("Ministère") :] if q.typo else first.developpe
        attribs = q.attribs[:1] if snapshot else q.attribs
        min_attribs = []
        for i, (day, type_jo, port) in enumerate(attribs):
            min_attribs.append(
                {
                    "infoJO": self._info(type_jo, day, None, type_jo == "JO_QUESTION"),
                    "denomination": {
                        "organeRef": port.organe,
                        "abrege": port.abrege,
                        "developpe": developpe if i == 0 else port.developpe,
                    },
                }
            )
        min_attrib: Any = min_attribs[0] if len(min_attribs) == 1 else min_attribs
        if q.list_of_one == "minAttrib" and len(min_attribs) == 1:
            min_attrib = min_attribs

        q_info = self._info("JO_QUESTION", q.pub, q.q_page)
        texte_q: dict[str, Any] = {"infoJO": q_info, "texte": q.text}
        if q.erratum_q and not snapshot:
            texte_q["erratum"] = q.erratum_q
        texte_question: Any = texte_q
        if q.split == "texteQuestion":
            texte_question = _split(texte_q)
        elif q.list_of_one == "texteQuestion":
            texte_question = [texte_q]

        out: dict[str, Any] = {
            "@xmlns": REF,
            "@xmlns:xsi": XSI,
            "@xsi:type": "QuestionEcrite_Type",
            "uid": q.uid,
            "identifiant": {
                "numero": str(q.number),
                "regime": "5eme Republique",
                "legislature": str(leg.number),
            },
            "type": "QE",
            "indexationAN": index,
            "auteur": {
                "identite": {"acteurRef": mandate.person.uid, "mandatRef": mandate.uid},
                "groupe": {
                    "organeRef": group.uid,
                    "abrege": group.abrev,
                    "developpe": group.libelle,
                },
            },
            "minInt": {"organeRef": first.organe, "abrege": first.abrege, "developpe": developpe},
            "minAttribs": {"minAttrib": min_attrib},
            "textesQuestion": {"texteQuestion": texte_question},
        }
        answered = q.answer is not None and not snapshot
        if answered:
            a_info = self._info("JO_QUESTION", q.answer, q.answer_page)
            html = _mojibake(q.answer_text) if q.mojibake else q.answer_text  # type: ignore[arg-type]
            texte_r: dict[str, Any] = {"infoJO": a_info, "texte": html}
            if q.erratum_a:
                texte_r["erratum"] = q.erratum_a
            texte_reponse: Any = texte_r
            if q.split == "texteReponse":
                texte_reponse = _split(texte_r)
            elif q.list_of_one == "texteReponse":
                texte_reponse = [texte_r]
            out["textesReponse"] = {"texteReponse": texte_reponse}
            out["cloture"] = {
                "codeCloture": "REP_PUB",
                "libelleCloture": "Réponse publiée",
                "dateCloture": fmt_date(q.answer, french),  # type: ignore[arg-type]
                "infoJO": dict(a_info),
            }
        elif section == "textesReponse":
            _apply_variant(out, "textesReponse", variant)
        if not snapshot and q.withdrawn:
            jo = tuesday_on_or_after(q.withdrawn)
            out["cloture"] = {
                "codeCloture": "RET",
                "libelleCloture": "Retirée",
                "dateCloture": fmt_date(q.withdrawn, french),
                "infoJO": self._info("JO_QUESTION", jo, issue(jo).questions_page),
            }
        elif not snapshot and q.lapsed:
            out["cloture"] = {
                "codeCloture": "FM",
                "libelleCloture": "Fin de mandat",
                "dateCloture": fmt_date(q.lapsed, french),
                "infoJO": self._info("JO_QUESTION", q.lapsed, None, numbered=False),
            }
        elif "cloture" not in out and section == "cloture":
            _apply_variant(out, "cloture", variant)
        if q.signal and not snapshot:
            s_issue = issue(q.signal)
            out["signalement"] = {
                "dateDepotSignal": fmt_date(q.signal - timedelta(days=6), french),
                "infoJO": self._info("JO_QUESTION", q.signal, s_issue.first_page + 1),
            }
        elif section == "signalement":
            _apply_variant(out, "signalement", variant)
        if q.renewals and not snapshot:
            items = [
                {
                    "dateRenouvellement": fmt_date(day, french),
                    "infoJO": self._info("JO_QUESTION", day, issue(day).questions_page),
                }
                for day in q.renewals
            ]
            value: Any = items[0] if len(items) == 1 else items
            if q.list_of_one == "renouvellement" and len(items) == 1:
                value = items
            out["renouvellements"] = {"renouvellement": value}
        elif section == "renouvellements":
            _apply_variant(out, "renouvellements", variant)
        return out


# -- helpers ----------------------------------------------------------------------------------


def _published_by(q: _Q, day: date) -> _Q:
    """The question as the open data published it on ``day``: what happened after (answer,
    closure, signalement, renewals, re-attributions, errata) is not known yet. Each event
    counts from its own date (a withdrawal from the day it was filed, a signalement from its
    JO), the same dates ``relance.mirror.timeline.as_of`` reads on a ``Question``."""
    answered = q.answer is not None and q.answer <= day
    return replace(
        q,
        attribs=[a for a in q.attribs if a[0] <= day],
        answer=q.answer if answered else None,
        answer_text=q.answer_text if answered else None,
        withdrawn=q.withdrawn if q.withdrawn and q.withdrawn <= day else None,
        lapsed=q.lapsed if q.lapsed and q.lapsed <= day else None,
        signal=q.signal if q.signal and q.signal <= day else None,
        renewals=[d for d in q.renewals if d <= day],
        erratum_q=q.erratum_q if q.erratum_q_day and q.erratum_q_day <= day else None,
        erratum_a=q.erratum_a if answered and q.erratum_a_day and q.erratum_a_day <= day else None,
    )


def _ministry(port: Portfolio) -> Ministry:
    return Ministry(abrege=port.abrege, developpe=port.developpe, organe_ref=port.organe)


def _apply_variant(container: dict[str, Any], key: str, variant: str) -> None:
    if variant == "absent":
        container.pop(key, None)
    elif variant == "null":
        container[key] = None
    elif variant == "empty_dict":
        container[key] = {}
    elif variant == "empty_string":
        container[key] = ""


def _split(texte: dict[str, Any]) -> list[dict[str, Any]]:
    text = texte["texte"]
    cut = text.find(". ", len(text) // 2)
    cut = cut + 1 if cut > 0 else len(text) // 2
    first = {**texte, "texte": text[:cut]}
    first.pop("erratum", None)
    second = {**texte, "texte": text[cut:].lstrip()}
    return [first, second]


_SENTENCE_END = re.compile(r"(?<=[a-zàâçéèêëîïôûùœ0-9)»])\. ")


def _markup(text: str) -> str:
    sentences = _SENTENCE_END.split(text)  # not after "M." or "Mme."
    if len(sentences) < 3:
        return f"<strong>{text}</strong><br>"
    sentences[0] = f"<strong>{sentences[0]}</strong>"
    mid = len(sentences) // 2
    sentences[mid] = f"<i>{sentences[mid]}</i>"
    return ".<br><br>".join(sentences[:mid]) + ". " + ". ".join(sentences[mid:])


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as cp1252, as in some real answers ("Ã©" for "é")."""
    try:
        return text.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:  # a character whose UTF-8 has a byte cp1252 leaves undefined
        return text.translate(_MOJIBAKE)


def _entities(text: str) -> str:
    out = text.translate(_ENTITIES).replace(" %", "&#160;%").replace(" :", "&#160;:")
    out = out.replace("n° ", "n°&#160;")
    if "&#" not in out:
        out = out.replace(" ", "&#160;", 1)
    return out


def _insert(text: str, fragment: str, u: float) -> str:
    cut = text.find(". ", int(len(text) * u))
    if cut < 0:
        return text + " " + fragment
    return text[: cut + 1] + " " + fragment + text[cut + 1 :]


def _table(rng, rub: Rubrique, day: date) -> str:
    y1, y2 = day.year - 2, day.year - 1
    rows = []
    for obj in rub.obj[:4]:
        a_, b_ = int(rng.random() * 90000), int(rng.random() * 90000)
        rows.append(
            f"<tr> <td align='center'>{obj.cap}</td> "
            f"<td align='center'>{a_:,}</td> <td align='center'>{b_:,}</td> </tr>".replace(
                ",", "&#160;"
            )
        )
    return (
        " Les données sollicitées par l'honorable parlementaire figurent dans le tableau "
        "suivant :<!-- DEBTAB --><div align='center'><center><table border='1'><tr> "
        '<th rowspan=2">INTITULÉ</th> <th colspan="2">MONTANTS<br>en euros</br></th> </tr>'
        f"<tr> <th>au<br>31-12-{y1}</br></th> <th>au<br>31-12-{y2}</br></th> </tr>"
        + "".join(rows)
        + "</table></center></div><!-- FINTAB -->"
    )


def _erratum(day: date, page: int, number: int, what: str) -> str:
    return (
        f"Erratum publié au Journal officiel du {french_long_date(day)}, page {page} : dans la "
        f"{what} à la question n° {number}, une erreur matérielle a été rectifiée."
    )


def _cumulative(weights: Sequence[float]) -> list[float]:
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return [x / acc for x in out]


def _pick(cumulative: list[float], u: float) -> int:
    from bisect import bisect_right

    return min(bisect_right(cumulative, u), len(cumulative) - 1)


def _weighted(items: Sequence[tuple[str, float]], u: float) -> str:
    total = sum(w for _, w in items)
    acc = 0.0
    for key, w in items:
        acc += w
        if u * total < acc:
            return key
    return items[-1][0]
