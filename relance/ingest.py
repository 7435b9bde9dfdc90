"""The pipeline's pure stages: normalize → validate. (The store is ``relance.db.store``.)

The Scrapy pipelines and ``relance import`` both call these, so a record is judged the
same way whichever way it came in.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from relance.db.store import Report
from relance.record import Attribution, Ministry, Question, QuestionType, Status

logger = logging.getLogger(__name__)

#: Version of "reading" (parsing + normalizing). Stored digests of raw records are salted
#: with it: bump it whenever a parser or ``normalize`` changes, and the next import re-reads
#: every record instead of skipping the unchanged ones. (When what is *derived* from a
#: record changes, bump ``relance.record.DERIVED_VERSION`` too, so rows are rewritten.)
READ_VERSION = 1

# "Ã©" and friends: UTF-8 bytes that were decoded as cp1252 (an-formats.md §4.9).
_MOJIBAKE = re.compile(r"[ÃÂ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡-¿]")
_TYPOS = (("Minsitère", "Ministère"), ("minsitère", "ministère"))


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a record is refused: the field and a short, groupable message."""

    field: str
    message: str

    @property
    def reason(self) -> str:
        return f"{self.field}: {self.message}"


def fix_mojibake(text: str | None) -> str | None:
    """Re-decode text whose UTF-8 bytes were read as cp1252 (``"rÃ©ponse"`` → ``"réponse"``);
    text that is not damaged, or cannot be repaired, is returned unchanged."""
    if not text or ("Ã" not in text and "Â" not in text) or not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return _MOJIBAKE.sub(_fix_pair, text)


def _fix_pair(match: re.Match[str]) -> str:
    try:
        return match.group(0).encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return match.group(0)


@lru_cache(maxsize=16384)  # labels recur: ministries, rubriques, analyses
def _clean_label(text: str | None) -> str | None:
    if text is None:
        return None
    for wrong, right in _TYPOS:
        text = text.replace(wrong, right)
    text = " ".join(text.split())
    return fix_mojibake(text) or None


@lru_cache(maxsize=4096)  # the same few hundred ministries recur
def _clean_ministry(ministry: Ministry | None) -> Ministry | None:
    """The ministry with its labels cleaned (the same object when they need nothing)."""
    if ministry is None:
        return None
    abrege = _clean_label(ministry.abrege) or ""
    developpe = _clean_label(ministry.developpe)
    if abrege == ministry.abrege and developpe == ministry.developpe:
        return ministry
    return Ministry(abrege=abrege, developpe=developpe, organe_ref=ministry.organe_ref)


def normalize(question: Question) -> Question:
    """Repair what the source damaged, keeping texts as published otherwise: mojibake, the
    "Minsitère" typo, stray whitespace in labels. HTML is left as is (sanitized at display).
    Returns the same record when nothing needed repair."""
    changes: dict[str, Any] = {}
    for name, value, clean in (
        ("rubrique", question.rubrique, _clean_label(question.rubrique)),
        ("tete_analyse", question.tete_analyse, _clean_label(question.tete_analyse)),
        (
            "ministere_interroge",
            question.ministere_interroge,
            _clean_ministry(question.ministere_interroge),
        ),
        (
            "texte_question_html",
            question.texte_question_html,
            fix_mojibake(question.texte_question_html),
        ),
        (
            "texte_reponse_html",
            question.texte_reponse_html,
            fix_mojibake(question.texte_reponse_html),
        ),
    ):
        if clean is not value and clean != value:  # (a record's == compares every field)
            changes[name] = clean
    analyses = tuple(a for a in (_clean_label(x) for x in question.analyses) if a)
    if analyses != question.analyses:
        changes["analyses"] = analyses
    # (_clean_ministry gives the same object back when it cleaned nothing)
    attributions = tuple(
        a
        if (ministry := _clean_ministry(a.ministry) or a.ministry) is a.ministry
        else Attribution(ministry, a.jo)
        for a in question.attributions
    )
    if any(a is not b for a, b in zip(attributions, question.attributions, strict=True)):
        changes["attributions"] = attributions
    return replace(question, **changes) if changes else question


def validate(question: Question, *, today: date) -> list[Problem]:
    """Everything that makes a record unfit to store (empty list: fit).

    Only written questions (QE) are tracked; a QE needs a publication date and an author;
    no date may be in the future; an answer cannot predate its question."""
    problems = []
    if question.type is not QuestionType.QE:
        problems.append(Problem("type", f"not a written question ({question.type.value})"))
    if not 1 <= question.legislature <= 30:
        problems.append(Problem("legislature", f"out of range ({question.legislature})"))
    if question.date_publication is None:
        problems.append(Problem("date_publication", "missing"))
    elif question.date_publication > today:
        problems.append(Problem("date_publication", "in the future"))
    if not (question.author.deputy_ref or question.author.name):
        problems.append(Problem("auteur", "missing"))
    if question.date_reponse:
        if question.date_reponse > today:
            problems.append(Problem("date_reponse", "in the future"))
        if question.date_publication and question.date_reponse < question.date_publication:
            problems.append(Problem("date_reponse", "before the question's publication"))
    if question.closure and question.closure.date and question.closure.date > today:
        problems.append(Problem("cloture.dateCloture", "in the future"))
    return problems


# Keyed by the statuses' values: a ``Status`` (a ``StrEnum``) or its plain string finds its
# rank alike (prepared records carry statuses as strings).
_RANK: dict[str, int] = {
    Status.PENDING.value: 0,
    Status.WITHDRAWN.value: 1,
    Status.LAPSED.value: 1,
    Status.ANSWERED.value: 2,
}


class Admission:
    """The door every question passes: parse errors, validation and in-run duplicates
    are counted in the report and logged with the input, the uid and the field."""

    def __init__(self, report: Report, *, today: date) -> None:
        self.report = report
        self.today = today
        # uid → (first 60 bits of the content hash, status rank): ~120 bytes a uid, so a
        # million-question import keeps its duplicate check in memory
        self._seen: dict[str, tuple[int, int]] = {}

    def check(self, question: Question, source: str) -> bool:
        """Whether a (normalized) record may be stored; if not, why is counted and logged."""
        problems = validate(question, today=self.today)
        return self.admit(question.uid, question.content_hash, question.status, problems, source)

    def admit(
        self, uid: str, content_hash: str, status: str, problems: list[Problem], source: str
    ) -> bool:
        """The same, for a record already validated (``problems``) elsewhere."""
        self.report.read += 1
        if problems:
            self.report.refuse(problems[0].reason, uid)  # one reason per record
            logger.warning(
                "%s, uid %s: refused: %s", source, uid, "; ".join(p.reason for p in problems)
            )
            return False
        if self._duplicate(uid, content_hash, status, source):
            return False
        self._seen[uid] = (_short(content_hash), _RANK[status])
        return True

    def seen_unchanged(self, uid: str, content_hash: str, status: str, source: str) -> None:
        """A record skipped before parsing because its raw bytes did not change: counted
        read and unchanged, and judged like any copy by the in-run duplicate check."""
        self.report.read += 1
        if self._duplicate(uid, content_hash, status, source):
            return
        self.report.unchanged += 1
        self._seen[uid] = (_short(content_hash), _RANK[status])

    def _duplicate(self, uid: str, content_hash: str, status: str, source: str) -> bool:
        """Whether this copy is a repeat (counted unchanged) or a conflicting copy (refused)
        of a uid already seen in this run. A more advanced copy (answered after pending)
        is not a duplicate: it goes through."""
        previous = self._seen.get(uid)
        if previous is None:
            return False
        if previous[0] == _short(content_hash):
            self.report.unchanged += 1
            return True
        if _RANK[status] <= previous[1]:
            reason = "uid: duplicate in this input with different content"
            self.report.refuse(reason, uid)
            logger.warning("%s, uid %s: %s (an earlier copy differs)", source, uid, reason)
            return True
        return False

    def unreadable(self, source: str, reason: str, uid: str | None, message: str) -> None:
        """A record that could not even be parsed: counted as read and refused."""
        self.report.read += 1
        self.report.refuse(reason, uid or source)
        logger.warning("%s", message)


def _short(content_hash: str) -> int:
    return int(content_hash[:15], 16)
