"""The answer-deadline rules (relance.rules): each test states the rule it checks.

Reference: /work/shared/reference/rules.md. "Today" is always passed in.
"""

from __future__ import annotations

import calendar
import dataclasses
import itertools
from datetime import date, timedelta

import pytest

from relance.record import Closure, JoRef, Question, QuestionType, Signalement, Status
from relance.rules import (
    RULES,
    Deadline,
    RuleVersion,
    compute_deadline,
    deadline,
    due_date,
    rule_in_force,
    signalement_due_date,
    status_phrase_fr,
)

# -- helpers ----------------------------------------------------------------------------------


def make_question(
    published: date | None,
    *,
    answered: date | None = None,
    closure: Closure | None = None,
    signalements: tuple[date, ...] = (),
    renouvellements: tuple[date, ...] = (),
) -> Question:
    """A QE of the 17th legislature; an answer date adds an answer text (→ answered)."""
    return Question(
        uid="QANR5L17QE1",
        legislature=17,
        number=1,
        type=QuestionType.QE,
        date_publication=published,
        texte_reponse_html="<p>Réponse.</p>" if answered else None,
        date_reponse=answered,
        closure=closure,
        signalements=tuple(Signalement(jo=JoRef(date=d)) for d in signalements),
        renouvellements=renouvellements,
    )


def withdrawn(on: date | None) -> Closure:
    return Closure(code="RET", label="Retirée", date=on)


def lapsed(on: date | None) -> Closure:
    return Closure(code="CAD", label="Fin de mandat", date=on)


# -- the rule in force ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "version"),
    [
        (date(1990, 1, 15), RuleVersion.ART_139),  # long before: art. 139
        (date(2009, 5, 26), RuleVersion.ART_139),  # last day of art. 139
        (date(2009, 5, 27), RuleVersion.ART_135_2009),  # first day of the 2009 rule
        (date(2012, 6, 1), RuleVersion.ART_135_2009),
        (date(2014, 11, 27), RuleVersion.ART_135_2009),  # last day of the 2009 rule
        (date(2014, 11, 28), RuleVersion.ART_135_2014),  # first day of the 2014 rule
        (date(2025, 5, 20), RuleVersion.ART_135_2014),
        (date(2040, 1, 1), RuleVersion.ART_135_2014),  # open-ended
    ],
)
def test_rule_in_force_on_both_sides_of_each_change(published: date, version: RuleVersion):
    """27 May 2009 is the first day of the 2009 rule; 28 November 2014 of the 2014 rule."""
    assert rule_in_force(published).version is version


def test_rules_are_contiguous_and_ordered():
    """Each version starts the day after the previous one ends; the first and last are open."""
    assert [r.version for r in RULES] == list(RuleVersion)
    assert RULES[0].starts is None
    assert RULES[-1].ends is None
    for before, after in itertools.pairwise(RULES):
        assert before.ends is not None and after.starts is not None
        assert after.starts == before.ends + timedelta(days=1)


def test_rule_contents():
    """Art. 139: 1 month + 1, no signalement; art. 135 (2009): 1 month + 1, 10 days;
    art. 135 (2014): 2 months, no extension, 10 days. The longest delay is 2 months in all."""
    old, mid, new = RULES
    assert (old.article, old.legal_months, old.max_extension_months) == ("139", 1, 1)
    assert old.signalement_days is None and not old.has_signalement
    assert (mid.article, mid.legal_months, mid.max_extension_months) == ("135", 1, 1)
    assert mid.signalement_days == 10
    assert (new.article, new.legal_months, new.max_extension_months) == ("135", 2, 0)
    assert new.signalement_days == 10
    assert all(rule.max_months == 2 for rule in RULES)
    assert new.label == "art. 135 RAN (depuis le 28 novembre 2014) : deux mois"
    assert "26 mai 2009" in old.label
    assert "27 mai 2009" in mid.label and "27 novembre 2014" in mid.label


def test_rule_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        RULES[0].legal_months = 3  # type: ignore[misc]


def test_rule_version_is_a_str_enum():
    assert RuleVersion.ART_135_2014 == "art135-2014"
    assert RuleVersion("art139") is RuleVersion.ART_139


# -- due date ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "due"),
    [
        (date(2025, 5, 20), date(2025, 7, 20)),  # plain case: same day, two months later
        (date(2023, 12, 31), date(2024, 2, 29)),  # 31 Dec → 29 Feb in a leap year
        (date(2024, 12, 31), date(2025, 2, 28)),  # 31 Dec → 28 Feb in a common year
        (date(2024, 12, 30), date(2025, 2, 28)),  # 30 Dec → clamped too
        (date(2024, 12, 28), date(2025, 2, 28)),  # 28 Dec → 28 Feb, no clamping
        (date(2024, 8, 31), date(2024, 10, 31)),  # 31 Aug → 31 Oct (both have 31 days)
        (date(2024, 2, 29), date(2024, 4, 29)),  # 29 Feb → 29 Apr
        (date(2024, 11, 30), date(2025, 1, 30)),  # 30 Nov → 30 Jan, across the year end
        (date(2025, 3, 31), date(2025, 5, 31)),  # 31 Mar → 31 May
        (date(2025, 7, 31), date(2025, 9, 30)),  # 31 Jul → 30 Sep (clamped)
        (date(2025, 4, 30), date(2025, 6, 30)),  # 30-day month → 30-day month
        (date(2025, 1, 1), date(2025, 3, 1)),
    ],
)
def test_due_date_is_two_calendar_months_clamped_at_month_end(published: date, due: date):
    """Due = publication + 2 calendar months; a missing day becomes the month's last day."""
    assert due_date(published) == due


@pytest.mark.parametrize(
    ("published", "due"),
    [
        (date(2009, 5, 26), date(2009, 7, 26)),  # art. 139: 1 month + 1 = 2 months
        (date(2009, 5, 27), date(2009, 7, 27)),  # 2009 rule: same longest delay
        (date(2008, 12, 31), date(2009, 2, 28)),  # art. 139, clamped
        (date(2014, 11, 27), date(2015, 1, 27)),
        (date(2014, 11, 28), date(2015, 1, 28)),
    ],
)
def test_due_date_for_old_rules_is_the_longest_allowed(published: date, due: date):
    """For the pre-2014 rules the due date shown is publication + 2 months (1 + extension)."""
    assert due_date(published) == due


@pytest.mark.parametrize(
    ("signalement", "due"),
    [
        (date(2025, 3, 1), date(2025, 3, 11)),
        (date(2025, 2, 25), date(2025, 3, 7)),  # across a February end
        (date(2024, 2, 25), date(2024, 3, 6)),  # across a leap February end
        (date(2024, 12, 26), date(2025, 1, 5)),  # across the year end
    ],
)
def test_signalement_due_date_is_ten_days_later(signalement: date, due: date):
    """After a signalement, the answer is due within 10 days of its JO date."""
    assert signalement_due_date(signalement) == due


# -- pending questions ------------------------------------------------------------------------

PUBLISHED = date(2025, 5, 20)
DUE = date(2025, 7, 20)


def test_pending_on_the_due_date_is_not_overdue():
    """today == due date: still on time."""
    d = deadline(make_question(PUBLISHED), DUE)
    assert d.status is Status.PENDING
    assert d.due_date == DUE
    assert not d.is_overdue
    assert d.days_overdue == 0
    assert d.days_waiting == (DUE - PUBLISHED).days == 61


def test_pending_the_day_after_the_due_date_is_overdue_by_one_day():
    """today == due + 1: overdue by 1 day."""
    d = deadline(make_question(PUBLISHED), DUE + timedelta(days=1))
    assert d.is_overdue
    assert d.days_overdue == 1
    assert status_phrase_fr(d) == "en retard de 1 jour"


def test_pending_the_day_before_the_due_date():
    d = deadline(make_question(PUBLISHED), DUE - timedelta(days=1))
    assert not d.is_overdue and d.days_overdue == 0
    assert d.answered_on_time is None and d.days_late is None and d.answer_delay_days is None
    assert not d.is_closed_unanswered


def test_pending_on_publication_day_waits_zero_days():
    d = deadline(make_question(PUBLISHED), PUBLISHED)
    assert d.days_waiting == 0
    assert not d.is_overdue


def test_today_before_publication_gives_zero_days_waiting():
    """A clock behind the data never gives negative counts."""
    d = deadline(make_question(PUBLISHED), date(2025, 5, 1))
    assert d.days_waiting == 0
    assert not d.is_overdue and d.days_overdue == 0
    assert status_phrase_fr(d) == "dans les délais (échéance le 20 juillet 2025)"


def test_pending_keeps_its_rule_and_no_signalement():
    d = deadline(make_question(PUBLISHED), DUE)
    assert d.rule is not None and d.rule.version is RuleVersion.ART_135_2014
    assert d.signalement_date is None and d.signalement_due_date is None
    assert not d.signalement_overdue and d.days_signalement_overdue == 0
    assert not d.is_signalee and d.is_pending and not d.is_answered


def test_renouvellement_does_not_restart_the_deadline():
    """A renewal is an event; the deadline still runs from the first publication."""
    q = make_question(PUBLISHED, renouvellements=(date(2025, 9, 1),))
    d = deadline(q, date(2025, 9, 2))
    assert d.due_date == DUE
    assert d.is_overdue and d.days_overdue == (date(2025, 9, 2) - DUE).days


# -- answered questions -----------------------------------------------------------------------


def test_answer_on_the_due_date_is_on_time():
    """An answer published ON the due date is on time."""
    d = deadline(make_question(PUBLISHED, answered=DUE), date(2025, 12, 1))
    assert d.status is Status.ANSWERED
    assert d.answered_on_time is True
    assert d.days_late == 0
    assert d.answer_delay_days == d.days_waiting == 61
    assert not d.is_overdue and d.days_overdue == 0


def test_answer_the_day_after_the_due_date_is_late_by_one_day():
    d = deadline(make_question(PUBLISHED, answered=DUE + timedelta(days=1)), date(2025, 12, 1))
    assert d.answered_on_time is False
    assert d.days_late == 1
    assert d.answer_delay_days == 62
    assert not d.is_overdue  # an answered question is never overdue
    assert status_phrase_fr(d) == "réponse en 62 jours, hors délai (1 jour de retard)"


def test_answered_question_ignores_today():
    """Once answered, the figures depend on the answer date, not on today."""
    q = make_question(PUBLISHED, answered=date(2025, 6, 1))
    assert deadline(q, date(2025, 6, 1)) == dataclasses.replace(
        deadline(q, date(2030, 1, 1)), today=date(2025, 6, 1)
    )


def test_answered_without_an_answer_date():
    """Answered (closure REP_PUB) with no date at all: no delay, no verdict, no crash."""
    q = make_question(PUBLISHED, closure=Closure(code="REP_PUB"))
    d = deadline(q, date(2025, 12, 1))
    assert d.status is Status.ANSWERED
    assert d.answered_on_time is None and d.days_late is None
    assert d.answer_delay_days is None and d.days_waiting is None
    assert status_phrase_fr(d) == "réponse publiée"


def test_answered_by_closure_date_when_the_answer_date_is_missing():
    """date_cloture falls back to the closure's date for an answered question."""
    q = make_question(PUBLISHED, closure=Closure(code="REP_PUB", date=date(2025, 8, 1)))
    d = deadline(q, date(2025, 12, 1))
    assert d.answered_on_time is False
    assert d.days_late == 12
    assert d.answer_delay_days == 73


# -- signalements -----------------------------------------------------------------------------

SIGNALEE = date(2025, 9, 2)  # after the due date (20 July 2025)
SIGNALEMENT_DUE = date(2025, 9, 12)


def test_signalement_answered_on_day_ten_is_on_time():
    """Answer on signalement + 10 days: on time with respect to the signalement."""
    q = make_question(PUBLISHED, answered=SIGNALEMENT_DUE, signalements=(SIGNALEE,))
    d = deadline(q, date(2025, 12, 1))
    assert d.signalement_date == SIGNALEE
    assert d.signalement_due_date == SIGNALEMENT_DUE
    assert d.signalement_answered_on_time is True
    assert d.answered_on_time is False  # but late against the two months
    assert not d.signalement_overdue


def test_signalement_answered_on_day_eleven_is_late():
    q = make_question(
        PUBLISHED, answered=SIGNALEMENT_DUE + timedelta(days=1), signalements=(SIGNALEE,)
    )
    d = deadline(q, date(2025, 12, 1))
    assert d.signalement_answered_on_time is False
    assert not d.signalement_overdue and d.days_signalement_overdue == 0


def test_pending_signalee_on_day_ten_is_not_signalement_overdue():
    q = make_question(PUBLISHED, signalements=(SIGNALEE,))
    d = deadline(q, SIGNALEMENT_DUE)
    assert d.is_overdue  # overdue against the two months
    assert not d.signalement_overdue
    assert d.days_signalement_overdue == 0
    assert d.signalement_answered_on_time is None


def test_pending_signalee_on_day_eleven_is_signalement_overdue_by_one_day():
    q = make_question(PUBLISHED, signalements=(SIGNALEE,))
    d = deadline(q, SIGNALEMENT_DUE + timedelta(days=1))
    assert d.signalement_overdue
    assert d.days_signalement_overdue == 1
    assert d.days_overdue == (SIGNALEMENT_DUE + timedelta(days=1) - DUE).days


def test_signalement_on_the_due_date():
    """A signalement dated on the due date: ten days from it, the two-month deadline unchanged."""
    q = make_question(PUBLISHED, signalements=(DUE,))
    on_due = deadline(q, DUE)
    assert on_due.signalement_due_date == date(2025, 7, 30)
    assert not on_due.is_overdue and not on_due.signalement_overdue
    day_after = deadline(q, DUE + timedelta(days=1))
    assert day_after.is_overdue and day_after.days_overdue == 1
    assert not day_after.signalement_overdue
    day_eleven = deadline(q, date(2025, 7, 31))
    assert day_eleven.signalement_overdue and day_eleven.days_signalement_overdue == 1
    assert day_eleven.days_overdue == 11


def test_the_latest_signalement_counts():
    q = make_question(PUBLISHED, signalements=(date(2025, 10, 7), SIGNALEE))
    d = deadline(q, date(2025, 10, 10))
    assert d.signalement_date == date(2025, 10, 7)
    assert d.signalement_due_date == date(2025, 10, 17)
    assert not d.signalement_overdue


def test_signalement_counts_from_its_filing_date_without_a_jo_date():
    """Signalement.date is the JO date, else the filing date; undated ones are ignored."""
    q = make_question(PUBLISHED).replace(
        signalements=(Signalement(date_depot=SIGNALEE), Signalement())
    )
    d = deadline(q, date(2025, 9, 13))
    assert d.signalement_date == SIGNALEE
    assert d.signalement_overdue and d.days_signalement_overdue == 1


@pytest.mark.parametrize(
    ("published", "has_signalement_due"),
    [
        (date(2009, 5, 26), False),  # art. 139: no signalement in the Règlement
        (date(2009, 5, 27), True),  # 2009 rule: signalement + 10 days
    ],
)
def test_signalement_only_under_rules_that_have_one(published: date, has_signalement_due: bool):
    signalee = published + timedelta(days=70)
    q = make_question(published, signalements=(signalee,))
    d = deadline(q, signalee + timedelta(days=30))
    assert d.signalement_date == signalee  # the fact is kept either way
    if has_signalement_due:
        assert d.signalement_due_date == signalee + timedelta(days=10)
        assert d.signalement_overdue and d.days_signalement_overdue == 20
    else:
        assert d.signalement_due_date is None
        assert not d.signalement_overdue and d.days_signalement_overdue == 0
    assert d.is_overdue  # the two months apply to both


# -- closed without answer --------------------------------------------------------------------


@pytest.mark.parametrize("closure", [withdrawn, lapsed])
def test_withdrawn_and_lapsed_are_never_overdue(closure):
    """A closed question is not overdue, whatever today is, even when it had been signalée."""
    q = make_question(PUBLISHED, closure=closure(date(2025, 10, 1)), signalements=(SIGNALEE,))
    d = deadline(q, date(2027, 1, 1))
    assert d.is_closed_unanswered
    assert not d.is_overdue and d.days_overdue == 0
    assert not d.signalement_overdue and d.days_signalement_overdue == 0
    assert d.answered_on_time is None and d.days_late is None and d.answer_delay_days is None
    assert d.days_waiting == (date(2025, 10, 1) - PUBLISHED).days
    assert d.due_date == DUE  # the due date is still shown


def test_withdrawn_phrase_and_status():
    d = deadline(make_question(PUBLISHED, closure=withdrawn(date(2025, 6, 1))), date(2026, 1, 1))
    assert d.status is Status.WITHDRAWN
    assert status_phrase_fr(d) == "retirée sans réponse"


def test_lapsed_counts_as_never_answered():
    """ "Fin de mandat": lapsed, closed unanswered, not overdue."""
    q = make_question(date(2022, 3, 1), closure=lapsed(date(2022, 6, 21)))
    d = deadline(q, date(2025, 1, 1))
    assert d.status is Status.LAPSED
    assert d.is_closed_unanswered and not d.is_answered and not d.is_pending
    assert d.days_waiting == (date(2022, 6, 21) - date(2022, 3, 1)).days
    assert status_phrase_fr(d) == "caduque (fin de mandat) sans réponse"


def test_closure_without_a_date_gives_no_days_waiting():
    d = deadline(make_question(PUBLISHED, closure=Closure(code="RET", label="Retirée")), DUE)
    assert d.status is Status.WITHDRAWN
    assert d.days_waiting is None
    assert not d.is_overdue


# -- missing publication date -----------------------------------------------------------------


def test_missing_publication_date_gives_none_dates_and_no_overdue():
    d = deadline(make_question(None, signalements=(SIGNALEE,)), date(2026, 1, 1))
    assert d.published is None and d.rule is None and d.due_date is None
    assert d.signalement_date == SIGNALEE
    assert d.signalement_due_date is None  # no rule known
    assert d.days_waiting is None
    assert not d.is_overdue and d.days_overdue == 0
    assert not d.signalement_overdue
    assert status_phrase_fr(d) == "date de publication inconnue"


def test_missing_publication_date_answered():
    d = deadline(make_question(None, answered=date(2025, 6, 1)), date(2026, 1, 1))
    assert d.answered_on_time is None and d.days_late is None and d.answer_delay_days is None
    assert status_phrase_fr(d) == "réponse publiée"


# -- compute_deadline (the primitive) ---------------------------------------------------------


def test_compute_deadline_accepts_a_status_string_and_plain_dates():
    d = compute_deadline(
        PUBLISHED,
        today=date(2025, 10, 1),
        status="pending",
        signalements=[None, SIGNALEE],
    )
    assert isinstance(d, Deadline)
    assert d.status is Status.PENDING
    assert d.signalement_due_date == SIGNALEMENT_DUE
    assert d.days_signalement_overdue == (date(2025, 10, 1) - SIGNALEMENT_DUE).days


def test_compute_deadline_answer_before_publication_is_not_negative():
    """Bad data (answer dated before the question) never gives negative counts."""
    d = compute_deadline(PUBLISHED, today=DUE, status=Status.ANSWERED, answered_on=date(2025, 5, 1))
    assert d.answer_delay_days == 0 and d.days_late == 0 and d.answered_on_time is True


def test_deadline_equals_compute_deadline():
    q = make_question(PUBLISHED, answered=date(2025, 9, 1), signalements=(date(2025, 8, 20),))
    assert deadline(q, date(2026, 1, 1)) == compute_deadline(
        PUBLISHED,
        today=date(2026, 1, 1),
        status=Status.ANSWERED,
        answered_on=date(2025, 9, 1),
        signalements=(date(2025, 8, 20),),
    )


def test_deadline_is_frozen():
    d = deadline(make_question(PUBLISHED), DUE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.is_overdue = True  # type: ignore[misc]


# -- phrases ----------------------------------------------------------------------------------


def test_phrase_overdue_plural():
    """Published 20 May 2025, due 20 July 2025; on 25 November 2025: 128 days late."""
    d = deadline(make_question(PUBLISHED), date(2025, 11, 25))
    assert d.days_overdue == 128
    assert status_phrase_fr(d) == "en retard de 128 jours"


def test_phrase_on_time_shows_the_due_date():
    d = deadline(make_question(PUBLISHED), date(2025, 6, 1))
    assert status_phrase_fr(d) == "dans les délais (échéance le 20 juillet 2025)"


def test_phrase_on_time_first_of_the_month():
    d = deadline(make_question(date(2025, 1, 1)), date(2025, 1, 2))
    assert status_phrase_fr(d) == "dans les délais (échéance le 1er mars 2025)"


def test_phrase_answered_on_time():
    """Published 31 December 2023, due 29 February 2024 (60 days), answered that day."""
    d = deadline(make_question(date(2023, 12, 31), answered=date(2024, 2, 29)), date(2025, 1, 1))
    assert status_phrase_fr(d) == "réponse en 60 jours, dans les délais"


def test_phrase_wording_of_the_ui_sample():
    """The wording only reads the Deadline's fields (a 74-day answer cannot be on time under
    a two-month rule, so the sample is built by hand)."""
    d = deadline(make_question(date(2023, 12, 31), answered=date(2024, 2, 29)), date(2025, 1, 1))
    sample = dataclasses.replace(d, answer_delay_days=74)
    assert status_phrase_fr(sample) == "réponse en 74 jours, dans les délais"


def test_phrase_answered_late_plural():
    """Published 1 July 2024, due 1 September 2024 (62 days); answered 8 November 2024:
    130 days, 68 days late."""
    d = deadline(make_question(date(2024, 7, 1), answered=date(2024, 11, 8)), date(2025, 1, 1))
    assert (d.answer_delay_days, d.days_late) == (130, 68)
    assert status_phrase_fr(d) == "réponse en 130 jours, hors délai (68 jours de retard)"


@pytest.mark.parametrize(
    ("answered", "phrase"),
    [
        (date(2025, 5, 20), "réponse en 0 jour, dans les délais"),
        (date(2025, 5, 21), "réponse en 1 jour, dans les délais"),
        (date(2025, 5, 22), "réponse en 2 jours, dans les délais"),
        (date(2025, 7, 21), "réponse en 62 jours, hors délai (1 jour de retard)"),
        (date(2025, 7, 22), "réponse en 63 jours, hors délai (2 jours de retard)"),
    ],
)
def test_phrase_answered_singular_and_plural(answered: date, phrase: str):
    """French: "1 jour" (and "0 jour") singular, "2 jours" plural."""
    d = deadline(make_question(PUBLISHED, answered=answered), date(2026, 1, 1))
    assert status_phrase_fr(d) == phrase


@pytest.mark.parametrize(
    ("today", "phrase"),
    [
        (date(2025, 7, 21), "en retard de 1 jour"),
        (date(2025, 7, 22), "en retard de 2 jours"),
        (date(2025, 7, 20), "dans les délais (échéance le 20 juillet 2025)"),
    ],
)
def test_phrase_pending_singular_and_plural(today: date, phrase: str):
    assert status_phrase_fr(deadline(make_question(PUBLISHED), today)) == phrase


# -- invariants over every day of 2023–2025 ---------------------------------------------------

EVERY_DAY = [date(2023, 1, 1) + timedelta(days=n) for n in range(365 + 366 + 365)]


def _expected_due(published: date) -> date:
    """Independent oracle: same day two months later, or that month's last day."""
    month0 = published.month - 1 + 2
    year, month = published.year + month0 // 12, month0 % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(published.day, last))


@pytest.mark.parametrize("published", EVERY_DAY, ids=str)
def test_due_date_invariants(published: date):
    """Due is two months later (same day, or the month's last day), strictly after
    publication; pending: days_overdue == max(0, today - due) on every side of it."""
    due = due_date(published)
    assert due == _expected_due(published)
    assert due > published
    assert 59 <= (due - published).days <= 62
    if due.day != published.day:
        assert due.day < published.day
        assert due.day == calendar.monthrange(due.year, due.month)[1]
    for offset in (-40, -1, 0, 1, 2, 45, 400):
        today = due + timedelta(days=offset)
        d = compute_deadline(published, today=today, status=Status.PENDING)
        assert d.days_overdue == max(0, (today - due).days)
        assert d.is_overdue is (offset > 0)
        assert d.days_waiting == max(0, (today - published).days)
