"""French texts for the demo corpus: questions (150–400 words) and answers (up to about
450: an answer uses at most half of its rubrique's sentences).

Sentences come from generic templates filled with each rubrique's own words
(``rubriques.py``), so topics stay distinguishable for search and near-duplicate tests.
Near-duplicates are planted on purpose only: campaigns (``campaign_text``) and standard
answers (``boilerplate_text``); sentences are drawn in a true random order, so that two
unrelated texts on one rubrique share a few sentences, not most of them
(``relance.demo.twins`` has the ground truth).
Templates are plain ``str.format_map`` strings; the placeholders are:

``{act} {Act} {de_act} {a_act}`` actors (plural), ``{obj} {de_obj} {a_obj}`` objects,
``{mes} {de_mes}`` measures, ``{suj} {de_suj} {a_suj}`` the question's subject, ``{but}``
``{de_but}`` its aim, ``{lieu}`` the deputy's department, ``{Il} {il}`` the author's pronoun,
``{pct} {nombre} {jours} {montant} {annee} {annee_next} {art} {code}``; ``{Lieu}`` is
``{lieu}`` capitalised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from random import Random
from typing import NamedTuple

from relance.demo.rubriques import RUBRIQUES_TEXT

_VOWELS = "aeiouyàâäéèêëîïôöûùüœhAEIOUYÀÂÉÈÊÎÔÛŒH"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def de(phrase: str) -> str:
    """``de`` + noun phrase with French contraction: "les X" → "des X", "le X" → "du X"."""
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith(("la ", "l'")):
        return "de " + phrase
    return ("d'" if phrase[:1] in _VOWELS else "de ") + phrase


def a(phrase: str) -> str:
    """``à`` + noun phrase: "les X" → "aux X", "le X" → "au X"."""
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    return "à " + phrase


def de_inf(verb_phrase: str) -> str:
    """``de`` before an infinitive: "d'améliorer", "de soutenir"."""
    return ("d'" if verb_phrase[:1] in _VOWELS else "de ") + verb_phrase


class Phrase(NamedTuple):
    plain: str
    cap: str
    de: str
    a: str

    @classmethod
    def of(cls, text: str) -> Phrase:
        return cls(text, cap(text), de(text), a(text))


@dataclass(frozen=True, slots=True)
class Topic:
    analyse: str  # short title, as in ``analyses.analyse``
    sujet: Phrase


@dataclass(frozen=True, slots=True)
class Rubrique:
    index: int
    name: str
    weight: float
    ministries: tuple[tuple[str, float], ...]
    tetes: tuple[str, ...]
    topics: tuple[Topic, ...]
    act: tuple[Phrase, ...]
    obj: tuple[Phrase, ...]
    mes: tuple[Phrase, ...]
    buts: tuple[str, ...]
    faits: tuple[str, ...]
    reps: tuple[str, ...]
    code: str


def _parse() -> tuple[Rubrique, ...]:
    out: list[Rubrique] = []
    for block in RUBRIQUES_TEXT.split("\n== ")[1:]:
        lines = block.strip().splitlines()
        fields: dict[str, list[str]] = {}
        for line in lines[1:]:
            if not line.strip():
                continue
            tag, _, rest = line.partition(": ")
            fields.setdefault(tag, []).extend(item.strip() for item in rest.split(" | "))
        mins = []
        for item in fields["min"][0].split(", "):
            key, weight = item.rsplit(" ", 1)
            mins.append((key, float(weight)))
        topics = []
        for item in fields["topic"]:
            analyse, sujet = item.split(" => ")
            topics.append(Topic(analyse, Phrase.of(sujet)))
        out.append(
            Rubrique(
                index=len(out),
                name=lines[0].strip(),
                weight=float(fields.get("w", ["1"])[0]),
                ministries=tuple(mins),
                tetes=tuple(fields.get("tete", ())),
                topics=tuple(topics),
                act=tuple(Phrase.of(x) for x in fields["act"]),
                obj=tuple(Phrase.of(x) for x in fields["obj"]),
                mes=tuple(Phrase.of(x) for x in fields["mes"]),
                buts=tuple(fields["but"]),
                faits=tuple(fields.get("fait", ())),
                reps=tuple(fields.get("rep", ())),
                code=fields.get("code", ["code général des collectivités territoriales"])[0],
            )
        )
    return tuple(out)


RUBRIQUES: tuple[Rubrique, ...] = _parse()

# -- templates --------------------------------------------------------------------------------

INTRO_VERBS = (
    "attire l'attention de {dest} sur {suj}.",
    "attire l'attention de {dest} sur {suj}.",
    "appelle l'attention de {dest} sur {suj}.",
    "interroge {dest} sur {suj}.",
    "alerte {dest} sur {suj}.",
    "souhaite attirer l'attention de {dest} sur {suj}.",
    "attire l'attention de {dest} sur les conséquences {de_suj}.",
    "interroge {dest} au sujet {de_suj}.",
    "appelle l'attention de {dest} sur la situation préoccupante liée {a_suj}.",
    "souhaite interroger {dest} sur {suj}.",
)

Q_BODY = (
    "{Act} de sa circonscription lui ont fait part de leurs vives inquiétudes au sujet {de_obj}.",
    "Sur le terrain, {act} constatent une dégradation continue de la situation depuis {annee}.",
    "S'agissant {de_obj}, les acteurs locaux relèvent un décalage croissant entre les besoins "
    "et les moyens disponibles.",
    "Cette situation est particulièrement sensible {lieu}, où de nombreux habitants expriment "
    "leur incompréhension.",
    "{Lieu}, les élus locaux ont, à plusieurs reprises, alerté les services de l'État sur cette "
    "question.",
    "Selon les données disponibles, près de {pct} % {de_act} seraient directement concernés.",
    "Les associations représentatives {de_act} dénoncent un manque de visibilité sur les "
    "intentions du Gouvernement.",
    "Plusieurs rapports, dont celui de la Cour des comptes publié en {annee}, ont pourtant "
    "souligné l'urgence d'une réforme.",
    "La réglementation actuelle, et notamment l'article {art} du {code}, ne semble plus adaptée "
    "aux réalités du terrain.",
    "De nombreux témoignages font état de délais excessifs et de démarches administratives "
    "particulièrement lourdes.",
    "Le coût de cette situation pour la collectivité est estimé à plus de {montant} millions "
    "d'euros par an.",
    "Dans un contexte d'inflation persistante, {act} peinent à faire face à leurs obligations.",
    "Les annonces faites en {annee} n'ont, à ce jour, pas été suivies d'effets concrets.",
    "{Il} rappelle que l'égalité d'accès aux services publics sur l'ensemble du territoire est "
    "un principe républicain fondamental.",
    "Les territoires ruraux sont particulièrement touchés par ce phénomène, qui accentue le "
    "sentiment d'abandon de leurs habitants.",
    "En outre, l'absence de concertation préalable avec {act} a été vivement regrettée.",
    "Cette question se pose avec une acuité particulière depuis la mise en œuvre {de_mes}.",
    "Le dispositif actuel présente des effets de seuil qui pénalisent les structures les plus "
    "modestes.",
    "Il apparaît nécessaire de clarifier les responsabilités respectives de l'État et des "
    "collectivités territoriales en la matière.",
    "Plus de {nombre} personnes auraient ainsi été concernées au cours de la seule année {annee}.",
    "Les professionnels du secteur appellent de leurs vœux une simplification des procédures.",
    "À titre d'exemple, {lieu}, les délais d'attente ont doublé en l'espace de deux ans.",
    "Cette évolution suscite de légitimes interrogations quant à la pérennité {de_obj}.",
    "Les moyens humains et financiers consacrés {a_obj} apparaissent aujourd'hui insuffisants.",
    "Une meilleure coordination entre les services de l'État permettrait pourtant d'apporter "
    "des réponses plus rapides.",
    "Les pays voisins ont, pour leur part, adopté des mesures plus ambitieuses dans ce domaine.",
    "Faute de réponse adaptée, {act} risquent de se détourner durablement des dispositifs "
    "existants.",
    "Le sujet avait déjà fait l'objet de plusieurs interpellations restées sans réponse "
    "satisfaisante.",
    "Nombre d'élus s'interrogent sur la capacité de l'État à accompagner les territoires dans "
    "cette transition.",
    "Dans sa circonscription, plusieurs situations individuelles particulièrement difficiles "
    "lui ont été signalées.",
    "Les chiffres publiés en {annee} confirment une tendance préoccupante, avec une hausse de "
    "{pct} % en cinq ans.",
    "Il est à craindre que cette situation ne s'aggrave dans les prochains mois en l'absence de "
    "mesures correctrices.",
    "La question du financement {de_obj} reste entière.",
    "Les représentants {de_act} demandent à être davantage associés à l'élaboration des "
    "politiques publiques qui les concernent.",
    "Ces difficultés sont encore accrues dans les territoires d'outre-mer et dans les zones de "
    "montagne.",
    "{Act} ne comprennent pas la complexité des règles applicables {a_obj}.",
    "Lors de ses nombreux déplacements {lieu}, {il} a pu mesurer l'ampleur du désarroi {de_act}.",
    "L'articulation entre {obj} et {mes} demeure, à cet égard, source de confusion.",
    "Une expérimentation menée dans plusieurs départements a pourtant donné des résultats "
    "encourageants.",
    "Les acteurs concernés regrettent que les engagements pris n'aient pas été tenus.",
)

_Q_BODY_NEUTRAL = tuple(t for t in Q_BODY if "{Il}" not in t and "{il}" not in t)

Q_END = (
    "{Il} lui demande donc de bien vouloir lui indiquer les mesures que le Gouvernement entend "
    "prendre pour {but}.",
    "{Il} lui demande quelles mesures le Gouvernement compte mettre en œuvre afin {de_but}.",
    "{Il} souhaite connaître les intentions du Gouvernement en la matière.",
    "{Il} lui demande si le Gouvernement envisage {de_but}.",
    "Aussi, {il} lui demande de lui préciser le calendrier et les moyens prévus pour {but}.",
    "En conséquence, {il} souhaiterait savoir quelles initiatives le Gouvernement entend prendre "
    "pour {but}.",
    "{Il} lui demande de bien vouloir lui faire connaître sa position sur ce sujet et les "
    "actions envisagées pour {but}.",
    "{Il} souhaite donc savoir si le Gouvernement entend {but} et dans quels délais.",
)

A_OPEN = (
    "Le Gouvernement est pleinement mobilisé pour {but}.",
    "La question {de_suj} fait l'objet d'une attention constante du Gouvernement.",
    "Le ministère partage les préoccupations exprimées au sujet {de_suj}.",
    "La question soulevée, relative {a_suj}, constitue un enjeu majeur pour les pouvoirs publics.",
    "Les préoccupations exprimées quant {a_suj} sont pleinement partagées par le Gouvernement.",
)

A_BODY = (
    "Depuis {annee}, {mes} a permis de renforcer significativement l'accompagnement {de_act}.",
    "Dans le cadre {de_mes}, des crédits supplémentaires à hauteur de {montant} millions "
    "d'euros ont été mobilisés.",
    "Une concertation a été engagée avec l'ensemble des parties prenantes, et notamment avec "
    "les représentants {de_act}.",
    "S'agissant plus particulièrement {de_obj}, une mission d'inspection a été chargée "
    "d'évaluer les dispositifs existants et de formuler des propositions.",
    "Les services déconcentrés de l'État ont reçu instruction de veiller à une mise en œuvre "
    "homogène de ces mesures sur l'ensemble du territoire.",
    "Les conclusions de ces travaux sont attendues au cours de l'année {annee_next}.",
    "Le Gouvernement reste attentif à la situation {de_act} et n'exclut pas d'adapter le cadre "
    "réglementaire si nécessaire.",
    "En {annee}, plus de {nombre} bénéficiaires ont ainsi été accompagnés, soit une progression "
    "de {pct} % par rapport à l'année précédente.",
    "Il convient de rappeler que le cadre juridique applicable relève pour partie du droit de "
    "l'Union européenne, ce qui limite les marges de manœuvre nationales.",
    "En application de l'article {art} du {code}, les conditions de mise en œuvre de ce "
    "dispositif sont précisées par voie réglementaire.",
    "Un décret en Conseil d'État, actuellement en cours de préparation, viendra préciser ces "
    "dispositions.",
    "Par ailleurs, une instruction a été adressée aux préfets afin de faciliter le traitement "
    "des situations individuelles les plus complexes.",
    "Ces mesures s'inscrivent dans une démarche plus large de simplification des démarches "
    "administratives.",
    "Un comité de suivi, associant les collectivités territoriales et les représentants "
    "{de_act}, se réunit régulièrement pour en évaluer les effets.",
    "Le projet de loi de finances pour {annee_next} prévoit en outre une augmentation des "
    "moyens consacrés {a_obj}.",
    "Ces orientations ont été présentées aux partenaires concernés, qui ont été étroitement "
    "associés à leur élaboration.",
    "Les premiers résultats observés sont encourageants, même si des marges de progrès demeurent.",
    "À ce stade, il n'est pas envisagé de modifier la réglementation en vigueur, dont "
    "l'équilibre a été récemment confirmé.",
    "Une évaluation indépendante sera conduite afin de mesurer l'impact de ces dispositions sur "
    "{act}.",
    "Enfin, une plateforme d'information a été mise en place afin d'accompagner {act} dans "
    "leurs démarches.",
    "La mobilisation {de_mes} sera par ailleurs poursuivie et amplifiée.",
    "S'agissant {de_obj}, le Gouvernement a engagé des travaux avec les services concernés afin "
    "d'identifier les adaptations nécessaires.",
    "Ces évolutions ont fait l'objet d'une large consultation publique, dont la synthèse a été "
    "rendue publique en {annee}.",
    "Les collectivités territoriales volontaires peuvent en outre bénéficier d'un appui en "
    "ingénierie pour la mise en œuvre de leurs projets.",
    # More sentences on the rubrique's own words: an answer draws at most half of its pool
    # (``answer_parts``), so that two unrelated answers share few sentences.
    "S'agissant {de_obj}, {mes} a d'ores et déjà permis d'apporter des réponses concrètes {a_act}.",
    "{Act} peuvent ainsi s'appuyer sur {mes} pour faire face aux difficultés liées {a_obj}.",
    "L'articulation entre {mes} et {obj} fait l'objet d'un examen attentif, en lien avec les "
    "représentants {de_act}.",
    "Les échanges conduits avec {act} ont permis d'identifier plusieurs pistes d'amélioration "
    "concernant {obj}.",
    "Une attention particulière est portée à la situation {de_act}, notamment s'agissant {de_obj}.",
    "Le suivi {de_mes} repose sur des indicateurs partagés avec {act} et rendus publics chaque "
    "année.",
    "Dans ce cadre, les services de l'État accompagnent {act} dans l'accès {a_mes}.",
    "Les moyens consacrés {a_obj} ont été renforcés, en cohérence avec les priorités fixées dans "
    "le cadre {de_mes}.",
    "Des échanges réguliers ont lieu avec {act} afin d'adapter {mes} aux réalités du terrain.",
    "Les difficultés signalées par {act} au sujet {de_obj} ont été portées à la connaissance "
    "des services compétents.",
    "Plusieurs ajustements {de_mes} sont à l'étude afin de mieux prendre en compte les besoins "
    "{de_act}.",
    "Le bilan {de_mes}, établi avec {act}, fait apparaître des résultats contrastés s'agissant "
    "{de_obj}.",
    "La situation {de_obj} fait l'objet d'un suivi attentif, en lien étroit avec {act}.",
    "Il appartient désormais {a_act} de se saisir pleinement {de_mes}, dont les modalités "
    "d'accès ont été simplifiées.",
    "Les observations {de_act} sur {mes} seront prises en compte lors de la prochaine évaluation.",
    "La question {de_obj} a été inscrite à l'ordre du jour des prochaines rencontres avec {act}.",
)

A_CLOSE = (
    "Le Gouvernement continuera de suivre avec la plus grande attention l'évolution de cette "
    "situation.",
    "Le Gouvernement demeure pleinement engagé pour {but}.",
    "L'ensemble de ces mesures témoigne de la détermination du Gouvernement à {but}.",
    "Les services du ministère restent à la disposition des élus pour examiner les situations "
    "particulières qui leur seraient signalées.",
)

REFERRAL = (
    "Le Gouvernement invite l'honorable parlementaire à se reporter à la réponse apportée à la "
    "question écrite n° {ref}, publiée au Journal officiel du {ref_date}, qui traite du même "
    "sujet."
)

MIN_QUESTION_WORDS = 150
#: The largest share of its rubrique's sentences one answer uses.
MAX_POOL_SHARE = 0.5


def _nwords(sentence: str) -> int:
    # fast count for generated sentences, whose words are separated by single spaces
    return sentence.count(" ") + 1


def _order(rng: Random, n: int) -> Iterator[int]:
    """A random permutation of range(n), drawn lazily (a partial Fisher–Yates shuffle: one
    draw per index taken, and callers stop early). A cheaper "random start, random stride"
    order made two unrelated questions pick the same run of sentences once in a few hundred
    pairs: near-duplicates that nobody planted (see ``relance.twins``)."""
    order = list(range(n))
    r = rng.random
    for i in range(n):
        j = i + int(r() * (n - i))
        order[i], order[j] = order[j], order[i]
        yield order[i]


def fmt_int(value: int) -> str:
    """``12500`` → ``"12 500"`` (French grouping with a plain space)."""
    return f"{value:,}".replace(",", " ")


_RANDOM_PHRASES = {
    "act": ("act", 0),
    "Act": ("act", 1),
    "de_act": ("act", 2),
    "a_act": ("act", 3),
    "obj": ("obj", 0),
    "Obj": ("obj", 1),
    "de_obj": ("obj", 2),
    "a_obj": ("obj", 3),
    "mes": ("mes", 0),
    "Mes": ("mes", 1),
    "de_mes": ("mes", 2),
    "a_mes": ("mes", 3),
}


class Slots(dict):
    """The mapping behind ``format_map``: fixed values, else a fresh pick from the rubrique."""

    __slots__ = ("rng", "rub")

    def __init__(self, rub: Rubrique, rng: Random, fixed: dict[str, str]):
        super().__init__(fixed)
        self.rub = rub
        self.rng = rng

    def __missing__(self, key: str) -> str:
        r = self.rng.random
        spec = _RANDOM_PHRASES.get(key)
        if spec is not None:
            pool = getattr(self.rub, spec[0])
            return pool[int(r() * len(pool))][spec[1]]
        if key == "pct":
            return str(5 + int(r() * 55))
        if key == "nombre":
            return fmt_int(int(10 ** (2 + r() * 3.5)) // 10 * 10)
        if key == "jours":
            return str(30 + int(r() * 400))
        if key == "montant":
            return str(5 + int(r() * 600))
        if key == "art":
            return f"L. {100 + int(r() * 900)}-{1 + int(r() * 25)}"
        raise KeyError(key)


def _fill(template: str, slots: Slots) -> str:
    return template.format_map(slots)


# Templates that use only the rubrique's words (no author, date or subject) are rendered
# ahead, in a few variants per rubrique: picking one is much cheaper than formatting.
_PER_QUESTION = re.compile(
    r"\{(lieu|Lieu|Il|il|annee|annee_next|suj|de_suj|a_suj|but|de_but|dest)\}"
)
_VARIANTS = 8
Entry = tuple[str, tuple[tuple[str, int], ...] | None]
_POOLS: dict[tuple[int, str], tuple[Entry, ...]] = {}


def _pool(rub: Rubrique, kind: str) -> tuple[Entry, ...]:
    pool = _POOLS.get((rub.index, kind))
    if pool is None:
        templates = {
            "faits": rub.faits,
            "q": Q_BODY,
            "qn": _Q_BODY_NEUTRAL,
            "a": rub.reps + A_BODY,
        }[kind]
        slots = Slots(rub, Random(f"relance-demo-prerender|{rub.name}|{kind}"), {"code": rub.code})
        entries: list[Entry] = []
        for template in templates:
            if _PER_QUESTION.search(template):
                entries.append((template, None))
            else:
                variants = []
                for _ in range(_VARIANTS):
                    sentence = _fill(template, slots)
                    variants.append((sentence, _nwords(sentence)))
                entries.append((template, tuple(variants)))
        pool = _POOLS[(rub.index, kind)] = tuple(entries)
    return pool


def _sentence(entry: Entry, slots: Slots, u: float) -> tuple[str, int]:
    template, variants = entry
    if variants is None:
        sentence = template.format_map(slots)
        return sentence, _nwords(sentence)
    return variants[int(u * _VARIANTS)]


def question_text(
    rng: Random,
    rub: Rubrique,
    *,
    author: str,
    female: bool,
    dest: str,
    topic: Topic,
    but: str,
    lieu: str,
    year: int,
    target_words: int,
    neutral: bool = False,
) -> tuple[str, list[str]]:
    """(text, body sentences). The body is returned so campaigns can reuse it; ``neutral``
    leaves out the sentences that name the author by pronoun (campaign templates)."""
    fixed = _fixed(rub, topic, but, lieu, female, year, rng)
    fixed["dest"] = dest
    slots = Slots(rub, rng, fixed)
    intro = author + " " + _fill(INTRO_VERBS[int(rng.random() * len(INTRO_VERBS))], slots)
    end = _fill(Q_END[int(rng.random() * len(Q_END))], slots)
    budget = target_words - _nwords(intro) - _nwords(end)
    body: list[str] = []
    faits = _pool(rub, "faits")
    if faits:  # the rubrique's own facts come first: they carry the topic
        i = int(rng.random() * len(faits))
        picks = [faits[i]]
        if len(faits) > 1 and rng.random() < 0.5:
            picks.append(faits[(i + 1) % len(faits)])
        for entry in picks:
            sentence, n = _sentence(entry, slots, rng.random())
            body.append(sentence)
            budget -= n
    pool = _pool(rub, "qn" if neutral else "q")
    r = rng.random
    for i in _order(rng, len(pool)):
        sentence, n = _sentence(pool[i], slots, r())
        if budget - n < 0 and len(body) >= 3:
            break
        body.append(sentence)
        budget -= n
    total = target_words - budget
    while total < MIN_QUESTION_WORDS:  # a short intro and end: one more sentence
        sentence, n = _sentence(pool[int(r() * len(pool))], slots, r())
        body.append(sentence)
        total += n
    return " ".join([intro, *body, end]), body


#: Stands for the author's place in a campaign's template: each member writes their own.
PLACE = "\ue000"
LOCAL = (
    "Cette situation est particulièrement sensible {lieu}, où de nombreux habitants expriment "
    "leur incompréhension."
)
_FIGURES = re.compile(r"(?<![\d.-])\d{1,3}(?![\d-])")


def _placed(sentence: str, place: str) -> str:
    if PLACE not in sentence:
        return sentence
    if sentence.startswith(PLACE):
        sentence = cap(place) + sentence[1:]
    return sentence.replace(PLACE, place)


def _change_figures(sentences: list[str], r: Callable[[], float]) -> None:
    """Draw the figures (numbers of up to three digits, not years or article numbers) of one
    sentence anew: "près de 26 %" becomes "près de 41 %"."""
    found = [i for i, s in enumerate(sentences) if _FIGURES.search(s)]
    if found:
        i = found[int(r() * len(found))]
        sentences[i] = _FIGURES.sub(
            lambda m: str(10 ** (len(m.group()) - 1) * (1 + int(r() * 9)) + int(r() * 10)),
            sentences[i],
        )


def campaign_text(
    rng: Random,
    rub: Rubrique,
    *,
    author: str,
    female: bool,
    dest: str,
    topic: Topic,
    but: str,
    lieu: str,
    year: int,
    body: list[str],
    intro: int,
    end: int,
) -> str:
    """A near-duplicate of a campaign's template, the way deputies file the text an
    association sent to all of them: the template's opening (``intro``, an index in
    ``INTRO_VERBS``) and closing request (``end``, in ``Q_END``) seven times in ten, else
    their own wording; its body with their own place where the template has ``PLACE``; and
    small edits, each drawn on its own: a sentence dropped (3 in 10), a local sentence added
    (4 in 10), two sentences swapped (3 in 10), the figures of a sentence changed (3 in 10)."""
    fixed = _fixed(rub, topic, but, lieu, female, year, rng)
    fixed["dest"] = dest
    slots = Slots(rub, rng, fixed)
    r = rng.random
    verb = intro if r() < 0.7 else int(r() * len(INTRO_VERBS))
    opening = author + " " + _fill(INTRO_VERBS[verb], slots)
    place = lieu or "dans de nombreux départements"
    sentences = [_placed(sentence, place) for sentence in body]
    if len(sentences) > 4 and r() < 0.3:
        del sentences[int(r() * len(sentences))]
    if r() < 0.4:
        sentences.insert(int(r() * (len(sentences) + 1)), _fill(LOCAL, slots))
    if len(sentences) > 2 and r() < 0.3:
        i = int(r() * (len(sentences) - 1))
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    if r() < 0.3:
        _change_figures(sentences, r)
    closing = end if r() < 0.7 else int(r() * len(Q_END))
    return " ".join([opening, *sentences, _fill(Q_END[closing], slots)])


def answer_parts(
    rng: Random, rub: Rubrique, *, topic: Topic, but: str, year: int, target_words: int
) -> list[str]:
    """An answer's sentences: an opening, the body, a closing. The body takes at most half
    of the rubrique's sentences (``MAX_POOL_SHARE``), each once: the longest answers are
    shorter than ``target_words`` asks (about 450 words), and two unrelated answers on one
    rubrique share a few sentences, not most of them."""
    fixed = _fixed(rub, topic, but, "", False, year, rng)
    fixed["annee_next"] = str(year + 1)
    slots = Slots(rub, rng, fixed)
    opening = _fill(A_OPEN[int(rng.random() * len(A_OPEN))], slots)
    closing = _fill(A_CLOSE[int(rng.random() * len(A_CLOSE))], slots)
    budget = target_words - _nwords(opening) - _nwords(closing)
    parts = [opening]
    pool = _pool(rub, "a")
    most = 1 + int(len(pool) * MAX_POOL_SHARE)
    r = rng.random
    for i in _order(rng, len(pool)):
        sentence, n = _sentence(pool[i], slots, r())
        if (budget - n < 0 and len(parts) >= 2) or len(parts) > most:
            break
        parts.append(sentence)
        budget -= n
    parts.append(closing)
    return parts


def answer_text(
    rng: Random, rub: Rubrique, *, topic: Topic, but: str, year: int, target_words: int
) -> str:
    return " ".join(
        answer_parts(rng, rub, topic=topic, but=but, year=year, target_words=target_words)
    )


def boilerplate_text(
    rng: Random, rub: Rubrique, *, parts: list[str], topic: Topic, but: str, year: int
) -> str:
    """A ministry's standard answer (``parts``, its sentences) given to another question, with
    small edits: the figures of a sentence changed (5 in 10), and at most one of these (two
    from ten sentences on), each drawn on its own: the opening rewritten on the question's
    own subject (5 in 10), a sentence of the body dropped, one added, two swapped (3 in 10
    each)."""
    fixed = _fixed(rub, topic, but, "", False, year, rng)
    fixed["annee_next"] = str(year + 1)
    slots = Slots(rub, rng, fixed)
    r = rng.random
    out = list(parts)
    edits = [
        edit
        for edit, chance in (("opening", 0.5), ("drop", 0.3), ("add", 0.3), ("swap", 0.3))
        if r() < chance
    ][: 1 if len(parts) < 10 else 2]
    if "opening" in edits:
        out[0] = _fill(A_OPEN[int(r() * len(A_OPEN))], slots)
    if "drop" in edits and len(out) > 4:
        del out[1 + int(r() * (len(out) - 2))]
    if "add" in edits:
        pool = _pool(rub, "a")
        sentence, _ = _sentence(pool[int(r() * len(pool))], slots, r())
        out.insert(1 + int(r() * (len(out) - 1)), sentence)
    if "swap" in edits and len(out) > 3:
        i = 1 + int(r() * (len(out) - 3))
        out[i], out[i + 1] = out[i + 1], out[i]
    if r() < 0.5:
        _change_figures(out, r)
    return " ".join(out)


def _fixed(
    rub: Rubrique, topic: Topic, but: str, lieu: str, female: bool, year: int, rng: Random
) -> dict[str, str]:
    return {
        "suj": topic.sujet.plain,
        "de_suj": topic.sujet.de,
        "a_suj": topic.sujet.a,
        "but": but,
        "de_but": de_inf(but),
        "lieu": lieu or "dans de nombreux départements",
        "Lieu": cap(lieu or "dans de nombreux départements"),
        "Il": "Elle" if female else "Il",
        "il": "elle" if female else "il",
        "annee": str(year - 1 - int(rng.random() * 3)),
        "annee_next": str(year + 1),
        "code": rub.code,
    }


def addressee(developpe: str, *, female: bool) -> str:
    """How a question names the minister: "M. le ministre de l'intérieur"."""
    if developpe.startswith(("Premier ministre", "Première ministre")):
        return "Mme la Première ministre" if female else "M. le Premier ministre"
    title = "Mme la " if female else "M. le "
    text = developpe
    for prefix, role in (
        ("Ministère d'État, ministère ", "ministre d'État, ministre "),
        ("Ministère délégué ", "ministre délégué "),
        ("Ministère chargé ", "ministre chargé "),
        ("Secrétariat d'État ", "secrétaire d'État "),
        ("Ministère ", "ministre "),
    ):
        if text.startswith(prefix):
            text = role + text[len(prefix) :]
            break
    if female:
        text = text.replace("ministre délégué ", "ministre déléguée ").replace(
            " chargé ", " chargée "
        )
    return title + text
