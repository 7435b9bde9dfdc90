"""The answer-deadline rules of the Assemblée nationale's written questions, as pure functions.

"Today" is always passed in (computed once, in Europe/Paris, by ``relance.dates.today_paris``);
nothing here reads the clock.

The rule in force on the question's JO publication date decides (Règlement de l'Assemblée
nationale, "RAN"):

- ``art139``, until 26 May 2009 included: 1 month, extendable by at most 1 more month;
  no signalement in the Règlement.
- ``art135-2009``, 27 May 2009 to 27 November 2014 included: 1 month, extendable by at most
  1 more month; after a signalement, 10 days.
- ``art135-2014``, since 28 November 2014 (included): 2 months, no extension; after a
  signalement, 10 days.

Boundary decisions: 27 May 2009 is the first day of the 2009 rule (a question published that
day gets the signalement), and 28 November 2014 is the first day of the 2014 rule. Art. 139
covers every earlier date (it has no first day here).

For every version the due date shown is publication + 2 calendar months (the longest delay
allowed; for the old rules, 1 month + the maximal 1-month extension). Calendar months run
without interruption; a day that does not exist in the target month is clamped to its last
day (31 December → 28/29 February). An answer published on the due date is on time; the
question is overdue from the next day. After a signalement the answer is due within ten days
of the signalement's JO date (signalement + 10 days, that day still on time).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Protocol

from dateutil.relativedelta import relativedelta

from relance.dates import french_long_date
from relance.record import Signalement, Status

__all__ = [
    "RULES",
    "Deadline",
    "QuestionLike",
    "Rule",
    "RuleVersion",
    "compute_deadline",
    "deadline",
    "due_date",
    "rule_in_force",
    "signalement_due_date",
    "status_phrase_fr",
]

#: Days given to the minister after a signalement (art. 135 RAN, since 27 May 2009).
SIGNALEMENT_DAYS = 10


class RuleVersion(StrEnum):
    """Which version of the Règlement fixed the deadline (a closed vocabulary)."""

    ART_139 = "art139"  # until 26 May 2009
    ART_135_2009 = "art135-2009"  # 27 May 2009 – 27 November 2014
    ART_135_2014 = "art135-2014"  # since 28 November 2014


@dataclass(frozen=True, slots=True)
class Rule:
    """One version of the deadline rule.

    ``starts`` and ``ends`` are both inclusive; ``None`` means open-ended. ``legal_months``
    is the delay the Règlement gives, ``max_extension_months`` the longest extension it
    allows; ``signalement_days`` is ``None`` when the version has no signalement.
    """

    version: RuleVersion
    article: str
    legal_months: int
    max_extension_months: int
    signalement_days: int | None
    label: str
    starts: date | None
    ends: date | None

    @property
    def max_months(self) -> int:
        """The longest delay allowed: the legal delay plus the maximal extension."""
        return self.legal_months + self.max_extension_months

    @property
    def has_signalement(self) -> bool:
        return self.signalement_days is not None

    def applies_to(self, published: date) -> bool:
        """Whether a question published on ``published`` falls under this version."""
        return (self.starts is None or published >= self.starts) and (
            self.ends is None or published <= self.ends
        )


#: The versions in chronological order; contiguous, no gap, no overlap.
RULES: tuple[Rule, ...] = (
    Rule(
        version=RuleVersion.ART_139,
        article="139",
        legal_months=1,
        max_extension_months=1,
        signalement_days=None,
        label="art. 139 RAN (jusqu’au 26 mai 2009) : un mois, prolongeable d’un mois",
        starts=None,
        ends=date(2009, 5, 26),
    ),
    Rule(
        version=RuleVersion.ART_135_2009,
        article="135",
        legal_months=1,
        max_extension_months=1,
        signalement_days=SIGNALEMENT_DAYS,
        label=(
            "art. 135 RAN (du 27 mai 2009 au 27 novembre 2014) : un mois, prolongeable d’un mois"
        ),
        starts=date(2009, 5, 27),
        ends=date(2014, 11, 27),
    ),
    Rule(
        version=RuleVersion.ART_135_2014,
        article="135",
        legal_months=2,
        max_extension_months=0,
        signalement_days=SIGNALEMENT_DAYS,
        label="art. 135 RAN (depuis le 28 novembre 2014) : deux mois",
        starts=date(2014, 11, 28),
        ends=None,
    ),
)


@lru_cache(maxsize=8192)  # pure, and dates repeat (one JO issue a week)
def rule_in_force(published: date) -> Rule:
    """The rule in force on the JO publication date.

    - up to and including 26 May 2009: art. 139 (1 month + 1, no signalement);
    - 27 May 2009 to 27 November 2014 included: art. 135 (1 month + 1, signalement 10 days);
    - from 28 November 2014: art. 135 (2 months, signalement 10 days).
    """
    for rule in RULES:
        if rule.applies_to(published):
            return rule
    raise AssertionError(f"no rule for {published}")  # unreachable: RULES cover all dates


@lru_cache(maxsize=8192)  # pure, and dates repeat (one JO issue a week)
def due_date(published: date) -> date:
    """The last day on which an answer is on time: publication + 2 calendar months.

    Two months is the delay since 2014 and the longest allowed (1 month + 1) before. A day
    missing in the target month is clamped to that month's last day (31 December → 28 or
    29 February, 31 August → 31 October). The answer is on time on this day, late the next.
    """
    return published + relativedelta(months=rule_in_force(published).max_months)


@lru_cache(maxsize=8192)  # pure, and dates repeat (one JO issue a week)
def signalement_due_date(signalement: date) -> date:
    """The last day on which an answer to a signalée question is on time: signalement + 10 days
    (counted from the signalement's JO date; an answer on day 10 is on time, day 11 late)."""
    return signalement + timedelta(days=SIGNALEMENT_DAYS)


@dataclass(frozen=True, slots=True)
class Deadline:
    """Where a question stands against its deadline on a given day.

    Dates are ``None`` when the publication date is unknown. Day counts are never negative.
    Only a pending question can be overdue; a withdrawn or lapsed question is closed
    (``is_closed_unanswered``) and counts as never answered.
    """

    status: Status
    today: date
    published: date | None
    rule: Rule | None
    due_date: date | None
    #: the latest signalement's date (JO date, else filing date), or None
    signalement_date: date | None
    #: signalement + 10 days; None when not signalée or when the rule has no signalement
    signalement_due_date: date | None
    #: pending: today − published; answered: answer − published; closed: closure − published
    days_waiting: int | None
    #: pending and today > due date
    is_overdue: bool
    #: pending only: today − due date when overdue, else 0
    days_overdue: int
    #: pending, signalée and today > signalement due date
    signalement_overdue: bool
    #: pending only: today − signalement due date when overdue, else 0
    days_signalement_overdue: int
    #: answered: answer date ≤ due date; None when not answered or a date is unknown
    answered_on_time: bool | None
    #: answered: answer − due date when late, 0 on time; None otherwise
    days_late: int | None
    #: answered: answer − published; None otherwise
    answer_delay_days: int | None
    #: answered after a signalement: answer ≤ signalement due date; None otherwise
    signalement_answered_on_time: bool | None
    #: withdrawn or lapsed: closed without an answer
    is_closed_unanswered: bool

    @property
    def is_pending(self) -> bool:
        return self.status is Status.PENDING

    @property
    def is_answered(self) -> bool:
        return self.status is Status.ANSWERED

    @property
    def is_signalee(self) -> bool:
        return self.signalement_date is not None


class QuestionLike(Protocol):
    """What ``deadline()`` reads: ``relance.record.Question`` or any look-alike."""

    @property
    def date_publication(self) -> date | None: ...
    @property
    def status(self) -> Status: ...
    @property
    def date_cloture(self) -> date | None: ...
    @property
    def signalements(self) -> tuple[Signalement, ...]: ...


def _days(later: date, earlier: date) -> int:
    """Whole days from ``earlier`` to ``later``, never negative."""
    return max(0, (later - earlier).days)


def compute_deadline(
    published: date | None,
    *,
    today: date,
    status: Status | str,
    answered_on: date | None = None,
    closed_on: date | None = None,
    signalements: Iterable[date | None] = (),
) -> Deadline:
    """The deadline of one question, from plain values.

    - ``published``: the question's JO date; ``None`` gives ``None`` dates and no overdue;
    - ``today``: the day of the computation (Europe/Paris), a ``today`` before the
      publication gives 0 days waiting;
    - ``answered_on``: the answer's JO date (answered questions);
    - ``closed_on``: the closure date (withdrawn or lapsed questions);
    - ``signalements``: the signalement dates (``None`` entries are ignored); the latest one
      counts.

    A pending question is overdue from the day after its due date; an answer on the due
    date is on time. Withdrawn and lapsed questions are never overdue.
    """
    status = Status(status)
    pending = status is Status.PENDING
    answered = status is Status.ANSWERED
    closed_unanswered = status in (Status.WITHDRAWN, Status.LAPSED)

    rule = rule_in_force(published) if published else None
    due = due_date(published) if published else None

    known = [d for d in signalements if d is not None]
    signalement = max(known) if known else None
    signalement_due = (
        signalement_due_date(signalement)
        if signalement is not None and rule is not None and rule.has_signalement
        else None
    )

    end: date | None
    if pending:
        end = today
    elif answered:
        end = answered_on
    else:
        end = closed_on
    days_waiting = _days(end, published) if published and end else None

    is_overdue = pending and due is not None and today > due
    days_overdue = _days(today, due) if is_overdue and due else 0
    signalement_overdue = pending and signalement_due is not None and today > signalement_due
    days_signalement_overdue = (
        _days(today, signalement_due) if signalement_overdue and signalement_due else 0
    )

    answer = answered_on if answered else None
    answered_on_time = answer <= due if answer and due else None
    days_late = _days(answer, due) if answer and due else None
    answer_delay_days = days_waiting if answered else None
    signalement_answered_on_time = answer <= signalement_due if answer and signalement_due else None

    return Deadline(
        status=status,
        today=today,
        published=published,
        rule=rule,
        due_date=due,
        signalement_date=signalement,
        signalement_due_date=signalement_due,
        days_waiting=days_waiting,
        is_overdue=is_overdue,
        days_overdue=days_overdue,
        signalement_overdue=signalement_overdue,
        days_signalement_overdue=days_signalement_overdue,
        answered_on_time=answered_on_time,
        days_late=days_late,
        answer_delay_days=answer_delay_days,
        signalement_answered_on_time=signalement_answered_on_time,
        is_closed_unanswered=closed_unanswered,
    )


def deadline(question: QuestionLike, today: date) -> Deadline:
    """The deadline of a question record on ``today``.

    The answer date and the closure date are the record's ``date_cloture`` (for an answered
    question: the answer's JO date, else the closure date); each signalement counts from its
    JO date, else its filing date (``Signalement.date``).
    """
    status = Status(question.status)
    closing = question.date_cloture
    return compute_deadline(
        question.date_publication,
        today=today,
        status=status,
        answered_on=closing if status is Status.ANSWERED else None,
        closed_on=closing if status in (Status.WITHDRAWN, Status.LAPSED) else None,
        signalements=(s.date for s in question.signalements),
    )


def _jours(n: int) -> str:
    """``1 jour``, ``2 jours`` (French: singular for 0 and 1)."""
    return f"{n} jour" if abs(n) < 2 else f"{n} jours"


def status_phrase_fr(d: Deadline) -> str:
    """The French phrase the UI shows for a deadline.

    - pending, overdue: ``en retard de 128 jours``;
    - pending, on time: ``dans les délais (échéance le 20 juillet 2025)``;
    - answered on time: ``réponse en 74 jours, dans les délais``;
    - answered late: ``réponse en 130 jours, hors délai (68 jours de retard)``;
    - withdrawn: ``retirée sans réponse``; lapsed: ``caduque (fin de mandat) sans réponse``.

    Unknown dates give ``date de publication inconnue`` (pending) or ``réponse publiée``.
    """
    if d.status is Status.WITHDRAWN:
        return "retirée sans réponse"
    if d.status is Status.LAPSED:
        return "caduque (fin de mandat) sans réponse"
    if d.status is Status.ANSWERED:
        if d.answer_delay_days is None or d.answered_on_time is None:
            return "réponse publiée"
        head = f"réponse en {_jours(d.answer_delay_days)}"
        if d.answered_on_time:
            return f"{head}, dans les délais"
        return f"{head}, hors délai ({_jours(d.days_late or 0)} de retard)"
    if d.due_date is None:
        return "date de publication inconnue"
    if d.is_overdue:
        return f"en retard de {_jours(d.days_overdue)}"
    return f"dans les délais (échéance le {french_long_date(d.due_date)})"
