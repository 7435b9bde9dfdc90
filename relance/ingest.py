"""The pipeline's pure stages: normalize → validate. (The store is ``relance.db.store``.)

The Scrapy pipelines and ``relance import`` both call these, so a record is judged the
same way whichever way it came in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from relance.record import Attribution, Ministry, Question, QuestionType

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
    if not text or not _MOJIBAKE.search(text):
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


def _clean_label(text: str | None) -> str | None:
    if text is None:
        return None
    for wrong, right in _TYPOS:
        text = text.replace(wrong, right)
    text = " ".join(text.split())
    return fix_mojibake(text) or None


def _clean_ministry(ministry: Ministry | None) -> Ministry | None:
    if ministry is None:
        return None
    return Ministry(
        abrege=_clean_label(ministry.abrege) or "",
        developpe=_clean_label(ministry.developpe),
        organe_ref=ministry.organe_ref,
    )


def normalize(question: Question) -> Question:
    """Repair what the source damaged, keeping texts as published otherwise: mojibake, the
    "Minsitère" typo, stray whitespace in labels. HTML is left as is (sanitized at display)."""
    return replace(
        question,
        rubrique=_clean_label(question.rubrique),
        tete_analyse=_clean_label(question.tete_analyse),
        analyses=tuple(a for a in (_clean_label(x) for x in question.analyses) if a),
        ministere_interroge=_clean_ministry(question.ministere_interroge),
        attributions=tuple(
            Attribution(_clean_ministry(a.ministry) or a.ministry, a.jo)
            for a in question.attributions
        ),
        texte_question_html=fix_mojibake(question.texte_question_html),
        texte_reponse_html=fix_mojibake(question.texte_reponse_html),
    )


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
