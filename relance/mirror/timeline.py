"""A question's record as the site showed it on a given day: pure functions for time replay.

A ``Question`` holds dated events: the publication, attributions, the answer, the closure,
signalements, renewals, errata. On an earlier day the site showed the question without
the events dated after that day, and not at all before its publication. Each event counts
from the date the record gives it (a withdrawal from its ``closure.date``, a signalement
from its JO), the same rule the demo generator applies when it writes the open-data dumps
as published on a cut-off day (``relance.demo.generator._published_by``), so a page replayed
at day D and the dump cut at D tell the same story.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from relance.record import Question


def as_of(question: Question, day: date) -> Question | None:
    """``question`` as published on ``day``; None when it was not published yet (or has no
    publication date, so cannot be placed in time). Events without a date are kept: nothing
    says they came later."""
    published = question.date_publication
    if published is None or published > day:
        return None
    answer_known = question.date_reponse is None or question.date_reponse <= day
    closure = question.closure
    if closure is not None and closure.date is not None and closure.date > day:
        closure = None
    changes = {
        "attributions": tuple(a for a in question.attributions if _known(a.jo.date, day)),
        "signalements": tuple(s for s in question.signalements if _known(s.date, day)),
        "renouvellements": tuple(d for d in question.renouvellements if d <= day),
        "closure": closure,
        "errata": tuple(
            e
            for e in question.errata
            if _known(e.jo.date, day) and (answer_known or e.target != "answer")
        ),
    }
    if not answer_known:
        changes.update(texte_reponse_html=None, date_reponse=None, page_reponse=None)
    changed = {k: v for k, v in changes.items() if v != getattr(question, k)}
    return replace(question, **changed) if changed else question


def last_event(question: Question) -> date | None:
    """The date of the latest event the record shows: what a page's Last-Modified says."""
    days = [
        question.date_publication,
        question.date_reponse,
        question.closure.date if question.closure else None,
        *(a.jo.date for a in question.attributions),
        *(s.date for s in question.signalements),
        *question.renouvellements,
        *(e.jo.date for e in question.errata),
    ]
    known = [d for d in days if d is not None]
    return max(known) if known else None


def dump_cutoff(clock: date, every_days: int = 1, lag_days: int = 0) -> date:
    """The cut-off day of the open-data dumps online at ``clock``: dumps are published every
    ``every_days`` days (the days whose ordinal is a multiple of it: with 7, every Sunday)
    and reach the site ``lag_days`` late."""
    day = clock - timedelta(days=lag_days)
    return date.fromordinal(day.toordinal() - day.toordinal() % every_days)


def _known(day: date | None, today: date) -> bool:
    return day is None or day <= today
