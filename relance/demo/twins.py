"""The near-duplicates planted in a demo corpus: the ground truth for ``relance.twins``.

Questions (kind ``question``): the members of a **campaign** (``QuestionTruth.campaign``),
deputies filing the text an association sent them all, with their own place, their own
wording of the opening or the closing request now and then, and small edits (``campaign_text``).

Answers (kind ``answer``):

- a **joint answer** (``joint_answer``): one text answering a campaign's questions;
- a ministry's **standard answer** reused on a rubrique with small edits (``boilerplate``,
  ``boilerplate_text``);
- the answers that only **refer to another one** (``referral``): one sentence whose question
  number and date change, whatever the ministry: one cluster, ``referral``.

Everything else is unrelated by construction, including questions on the same rubrique and
topic. A "cluster" of one is not a cluster: it is left out. The manifest's ``twins`` section
(``relance.demo.corpus``) is ``PlantedTwins.to_dict()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from relance.demo.generator import QuestionTruth

KINDS = ("question", "answer")
REFERRAL = "referral"


def question_cluster(truth: QuestionTruth) -> str | None:
    """The planted cluster of the question's text, if any."""
    return truth.campaign


def answer_cluster(truth: QuestionTruth) -> str | None:
    """The planted cluster of the answer's text, if any (an answer that is there)."""
    if truth.date_reponse is None:
        return None
    return truth.joint_answer or truth.boilerplate or (REFERRAL if truth.referral else None)


class PlantedTwins:
    """Collects the planted clusters from the ground truth of each question (once each)."""

    def __init__(self) -> None:
        self.groups: dict[str, dict[str, list[str]]] = {kind: {} for kind in KINDS}

    def add(self, truth: QuestionTruth) -> None:
        for kind, cluster in (
            ("question", question_cluster(truth)),
            ("answer", answer_cluster(truth)),
        ):
            if cluster is not None:
                self.groups[kind].setdefault(cluster, []).append(truth.uid)

    def clusters(self, kind: str) -> dict[str, list[str]]:
        """Cluster id → uids, clusters of two or more only."""
        return {cid: uids for cid, uids in self.groups[kind].items() if len(uids) >= 2}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for kind in KINDS:
            clusters = self.clusters(kind)
            out[kind] = {
                "clusters": len(clusters),
                "members": sum(len(uids) for uids in clusters.values()),
                "pairs": sum(len(uids) * (len(uids) - 1) // 2 for uids in clusters.values()),
                "uids": {cid: clusters[cid] for cid in sorted(clusters)},
            }
        return out


def planted_twins(truths: Iterable[QuestionTruth]) -> dict[str, dict[str, list[str]]]:
    """``{"question": {cluster id: [uid, …]}, "answer": {…}}`` for the given ground truth
    (each uid once: pass the primaries, not both copies of a planted duplicate)."""
    planted = PlantedTwins()
    for truth in truths:
        planted.add(truth)
    return {kind: planted.clusters(kind) for kind in KINDS}
