"""Every generated record has the official shape, and its ground truth says what it holds."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from datetime import timedelta

import pytest

from relance.dates import parse_jo_date
from relance.demo.jo import add_months
from relance.demo.texts import RUBRIQUES
from relance.ministries import is_known, ministry_key
from relance.record import Status
from relance.text import html_to_text

from .conftest import AS_OF, Corpus
from .helpers import (
    DATE_KEYS,
    INFO_JO_KEYS,
    REQUIRED,
    TOP_KEYS,
    analyses,
    answer_date,
    as_list,
    publication,
    section,
    status_of,
    walk,
)

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FR = re.compile(r"^\d{2}/\d{2}/\d{4}$")
TYPES_JO = {"JO_QUESTION", "JO_LOI_DECRET", "JO_DEBAT"}


@pytest.fixture(params=["corpus", "legacy"])
def any_corpus(request: pytest.FixtureRequest) -> Corpus:
    return request.getfixturevalue(request.param)


def test_required_keys_in_the_real_order(any_corpus: Corpus) -> None:
    for item in any_corpus.items:
        assert list(item.record) == ["question"]
        q = item.record["question"]
        assert set(q) >= REQUIRED, item.truth.uid
        assert list(q) == [k for k in TOP_KEYS if k in q], item.truth.uid
        assert q["@xsi:type"] == "QuestionEcrite_Type" and q["type"] == "QE"
        assert q["uid"] == item.truth.uid == f"QANR5L{item.truth.legislature}QE{item.truth.number}"
        assert q["identifiant"] == {"numero": str(item.truth.number),
                                    "regime": "5eme Republique",
                                    "legislature": str(item.truth.legislature)}  # fmt: skip
        rubrique = q["indexationAN"]["rubrique"]
        assert rubrique == rubrique.lower() == item.truth.rubrique


def test_every_info_jo_has_the_six_keys(any_corpus: Corpus) -> None:
    seen = Counter()
    for item in any_corpus.items:
        for key, node in walk(item.record):
            if key == "infoJO" and node is not None:
                assert set(node) == INFO_JO_KEYS, item.truth.uid
                assert node["typeJO"] in TYPES_JO
                seen[node["typeJO"]] += 1
                for k in ("pageJO", "numJO"):
                    assert node[k] is None or (isinstance(node[k], str) and node[k].isdigit())
    assert seen["JO_QUESTION"] and seen["JO_LOI_DECRET"]  # re-attributions after reshuffles


def test_date_formats_per_legislature_and_nothing_after_as_of(any_corpus: Corpus) -> None:
    for item in any_corpus.items:
        pattern = FR if item.truth.legislature <= 15 else ISO
        for key, node in walk(item.record):
            if key in DATE_KEYS and node is not None:
                assert pattern.match(node), (item.truth.uid, key, node)
                assert parse_jo_date(node) <= AS_OF, (item.truth.uid, key, node)


def test_status_ground_truth_matches_the_record(any_corpus: Corpus) -> None:
    counts = Counter()
    for item in any_corpus.items:
        q, t = item.record["question"], item.truth
        if (
            t.duplicate == "different" and item.copy != t.newer_copy
        ):  # the older copy of a planted duplicate: a snapshot at publication
            assert status_of(q) is Status.PENDING
            continue
        counts[t.status] += 1
        assert status_of(q) is t.status, t.uid
        cloture = q.get("cloture")
        code = cloture.get("codeCloture") if isinstance(cloture, dict) else None
        assert code == {Status.ANSWERED: "REP_PUB", Status.WITHDRAWN: "RET",
                        Status.LAPSED: "FM", Status.PENDING: None}[t.status]  # fmt: skip
        if t.status is Status.PENDING:
            assert not section(q, "textesReponse", "texteReponse")
        if t.status is Status.LAPSED:
            assert cloture["libelleCloture"] == "Fin de mandat"
        assert answer_date(q) == t.date_reponse
        if t.date_cloture:
            assert parse_jo_date(cloture["dateCloture"]) == t.date_cloture
        assert publication(q) == t.date_publication
    assert all(counts[s] for s in Status if s is not Status.PENDING)


def test_current_legislature_keeps_pending_questions_open(corpus: Corpus) -> None:
    pending = [g for g in corpus.primaries if g.truth.status is Status.PENDING]
    assert pending and all(g.truth.legislature == 17 for g in pending)
    for g in pending:
        q = g.record["question"]
        assert not isinstance(q.get("cloture"), dict) or not q["cloture"]
    lapsed_16 = [g for g in corpus.primaries if g.truth.legislature == 16
                 and g.truth.status is Status.LAPSED]  # fmt: skip
    assert lapsed_16
    assert {g.truth.date_cloture.isoformat() for g in lapsed_16} >= {"2024-06-09"}


def test_calendar(any_corpus: Corpus) -> None:
    """Published on Tuesdays; answers on Tuesdays, after publication; signalements only once
    the two months are over; renewals and re-attributions between publication and closing."""
    for g in any_corpus.primaries:
        t = g.truth
        assert t.date_publication.weekday() == 1
        if t.date_reponse:
            assert t.date_reponse.weekday() == 1
            assert t.date_reponse >= t.date_publication + timedelta(days=7)
        if t.signalement:
            assert t.signalement >= add_months(t.date_publication, 2)
            assert t.date_cloture is None or t.signalement < t.date_cloture
        for day in t.renouvellements:
            assert t.date_publication + timedelta(days=90) <= day <= AS_OF
        q = g.record["question"]
        attribs = as_list(q["minAttribs"]["minAttrib"])
        days = [parse_jo_date(a["infoJO"]["dateJO"]) for a in attribs]
        assert days == sorted(days) and days[0] == t.date_publication
        assert t.date_cloture is None or days[-1] <= t.date_cloture
        assert len(attribs) == t.attributions


def test_signalements_are_often_answered_within_ten_days(corpus: Corpus) -> None:
    sig = [g.truth for g in corpus.primaries if g.truth.signalement]
    quick = [t for t in sig if t.date_reponse and (t.date_reponse - t.signalement).days <= 14]
    assert len(sig) > 100 and 0.3 < len(quick) / len(sig) < 0.9
    per_week = corpus.manifest.legislatures["16"]["signalements_per_week_at_full_scale"]
    assert 12 <= per_week <= 45


def test_answer_rates_differ_strongly_by_ministry(corpus: Corpus) -> None:
    old = [g.truth for g in corpus.primaries
           if g.truth.date_publication <= AS_OF - timedelta(days=365)]  # fmt: skip
    by_key: dict[str, list[bool]] = defaultdict(list)
    for t in old:
        by_key[t.ministere_attributaire].append(t.status is Status.ANSWERED)
    rates = {k: sum(v) / len(v) for k, v in by_key.items() if len(v) >= 30}
    assert len(rates) >= 10
    assert max(rates.values()) >= 0.8 and min(rates.values()) <= 0.2
    assert rates["armees"] > 0.8 and rates["interieur"] < 0.25


def test_deputies_activity_is_heavy_tailed(corpus: Corpus) -> None:
    for leg in (16, 17):
        amo = corpus.amo(leg)
        mandates = [
            m["uid"]
            for a in amo.values() if "acteur" in a
            for m in as_list(a["acteur"]["mandats"]["mandat"])
            if m["typeOrgane"] == "ASSEMBLEE" and m["legislature"] == str(leg)
        ]  # fmt: skip
        assert 577 <= len(mandates) <= 620
        counts = Counter(g.truth.mandat_ref for g in corpus.primaries
                         if g.truth.legislature == leg)  # fmt: skip
        per_deputy = sorted((counts.get(m, 0) for m in mandates), reverse=True)
        total = sum(per_deputy)
        assert total == sum(counts.values())
        assert per_deputy[-1] == 0  # some file none
        assert sum(per_deputy[: len(per_deputy) // 10]) / total >= 0.35  # a few file most
        median = per_deputy[len(per_deputy) // 2]
        assert per_deputy[0] >= 5 * max(1, median)


def test_questions_read_like_real_ones(corpus: Corpus) -> None:
    checked = 0
    for g in corpus.primaries:
        if any(t.startswith(("stray", "html", "hostile", "split")) for t in g.truth.edge_cases):
            continue
        q = g.record["question"]
        text = html_to_text(section(q, "textesQuestion", "texteQuestion")[0]["texte"])
        assert re.match(r"^(M\.|Mme) [A-ZÉ][^ ]+( [^ ]+)+ (attire|appelle|interroge|alerte|"
                        r"souhaite)", text), text[:120]  # fmt: skip
        words = len(text.split())
        assert 150 <= words <= 400, (g.truth.uid, words)
        female = text.startswith("Mme ")
        last = text.rsplit(". ", 1)[-1].lower()
        assert bool(re.search(r"\belle\b", last)) == female or "intentions" in last, last
        answers = section(q, "textesReponse", "texteReponse")
        if answers:
            n = len(html_to_text(answers[0]["texte"]).split())
            assert 20 <= n <= 820, (g.truth.uid, n)
        checked += 1
    assert checked > 3000


def test_texts_have_accents_and_rubrique_vocabulary(corpus: Corpus) -> None:
    all_text = " ".join(
        section(g.record["question"], "textesQuestion", "texteQuestion")[0]["texte"]
        for g in corpus.primaries[:2000]
    )
    for word in ("hôpitaux", "agriculteurs", "sécurité sociale", "œuvre", "élus", "État"):
        assert word in all_text, word


def test_rubriques_are_distinguishable(corpus: Corpus) -> None:
    """A naive Bayes on words finds the rubrique of unseen questions most of the time."""
    docs = [
        (g.truth.rubrique,
         set(re.findall(r"[a-zàâçéèêëîïôûùüœ'-]{4,}",
                        section(g.record["question"], "textesQuestion", "texteQuestion")[0][
                            "texte"].lower())))
        for g in corpus.primaries if g.truth.campaign is None
    ]  # fmt: skip
    train, test = docs[::2], docs[1::2][:400]
    df: dict[str, Counter] = defaultdict(Counter)
    n_docs = Counter()
    for rubrique, words in train:
        n_docs[rubrique] += 1
        df[rubrique].update(words)
    hits = 0
    for rubrique, words in test:
        best = max(
            n_docs,
            key=lambda r: (
                sum(math.log((df[r][w] + 0.1) / (n_docs[r] + 1)) for w in words)
                + math.log(n_docs[r])
            ),
        )
        hits += best == rubrique
    assert hits / len(test) >= 0.75


def test_ministry_labels_map_to_the_truth(any_corpus: Corpus) -> None:
    for g in any_corpus.primaries:
        q = g.record["question"]
        first = q["minInt"]
        last = as_list(q["minAttribs"]["minAttrib"])[-1]["denomination"]
        for label in (first["abrege"], first["developpe"]):
            assert is_known(label) and ministry_key(label) == g.truth.ministere_interroge
        for label in (last["abrege"], last["developpe"]):
            assert is_known(label) and ministry_key(label) == g.truth.ministere_attributaire


def test_reattributions(corpus: Corpus) -> None:
    reshuffled = other = 0
    for g in corpus.primaries:
        attribs = as_list(g.record["question"]["minAttribs"]["minAttrib"])
        types = [a["infoJO"]["typeJO"] for a in attribs]
        assert types[0] == "JO_QUESTION"
        refs = [a["denomination"]["organeRef"] for a in attribs]
        assert len(set(refs)) == len(refs)  # each attribution names a new organe
        reshuffled += "JO_LOI_DECRET" in types
        other += g.truth.reattributed
        assert g.truth.reattributed == ("JO_QUESTION" in types[1:])
    assert reshuffled > 500 and other > 50


def test_joint_answers_share_text_date_and_page(corpus: Corpus) -> None:
    groups: dict[str, list] = defaultdict(list)
    for g in corpus.primaries:
        if g.truth.joint_answer:
            groups[g.truth.joint_answer].append(g)
    multi = [members for members in groups.values() if len(members) >= 2]
    assert multi
    for members in multi:
        answers = [section(m.record["question"], "textesReponse", "texteReponse")[0]
                   for m in members]  # fmt: skip
        assert len({a["texte"] for a in answers}) == 1
        assert len({(a["infoJO"]["dateJO"], a["infoJO"]["pageJO"]) for a in answers}) == 1
        assert len({m.truth.rubrique for m in members}) == 1
        assert len({m.truth.acteur_ref for m in members}) >= 2 or len(members) == 2


def test_campaigns_are_near_duplicates(corpus: Corpus) -> None:
    by_campaign: dict[str, list[set[str]]] = defaultdict(list)
    for g in corpus.primaries:
        if g.truth.campaign:
            text = section(g.record["question"], "textesQuestion", "texteQuestion")[0]["texte"]
            by_campaign[g.truth.campaign].append(set(text.split(". ")[1:-1]))
    pairs = [(a, b) for texts in by_campaign.values() for a, b in itertools.pairwise(texts)]
    assert len(pairs) >= 20
    jaccard = [len(a & b) / len(a | b) for a, b in pairs if a | b]
    assert sum(j >= 0.5 for j in jaccard) / len(jaccard) > 0.8


def test_analyses_follow_the_rubrique(any_corpus: Corpus) -> None:
    topics = {r.name: {t.analyse for t in r.topics} for r in RUBRIQUES}
    for g in any_corpus.primaries:
        found = analyses(g.record["question"])
        if found and "analyse_list" not in g.truth.edge_cases:
            assert found[0] in topics[g.truth.rubrique]


def test_errata_renewals_and_signalements_are_in_the_record(any_corpus: Corpus) -> None:
    errata = renewed = signalees = 0
    for g in any_corpus.primaries:
        q, t = g.record["question"], g.truth
        has = {
            "question": any("erratum" in x for x in section(q, "textesQuestion", "texteQuestion")),
            "answer": any("erratum" in x for x in section(q, "textesReponse", "texteReponse")),
        }
        assert {k for k, v in has.items() if v} == set(t.errata), t.uid
        errata += len(t.errata)
        renewals = section(q, "renouvellements", "renouvellement")
        assert [parse_jo_date(r["dateRenouvellement"]) for r in renewals] == list(t.renouvellements)
        renewed += bool(renewals)
        sig = q.get("signalement")
        if t.signalement:
            assert parse_jo_date(sig["infoJO"]["dateJO"]) == t.signalement
            assert parse_jo_date(sig["dateDepotSignal"]) < t.signalement
            signalees += 1
        else:
            assert not sig
    assert errata and renewed and signalees
