"""What an incremental crawl of the question pages fetches, and in which order.

Pure functions: the crawler reads the database, asks this module for a plan, and fetches.

- **Discover**: question numbers grow with publication (an-formats.md §9), so new questions
  are found by probing the numbers after the highest one known, until ``probe_ahead``
  consecutive numbers are "not found" (numbering has gaps, hence more than one).
- **Refresh** pending questions by priority: those whose answer is most likely to appear
  soon, or most awaited, are fetched often; old pending questions rarely. A question that
  is final (answered, withdrawn, lapsed) is never refreshed, except in a full crawl.

Questions, answers, signalements and withdrawals come out in the weekly Journal officiel
"Questions" issue, on Tuesdays (an-formats.md §9): a page looked at after the latest issue
cannot show anything newer, so it is not due again before the next one. That keeps the
budget for the pages not yet seen since the issue instead of re-reading unchanged ones.
The intervals by class are the project's choice, not the Assemblée's: no pending question
needs more than a look per issue, and one pending for years a monthly one at most.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import IntEnum

#: How many consecutive unknown numbers end the discovery of a legislature (ND fetched
#: the max + 100; gaps of one or two numbers are usual, longer ones rare).
DEFAULT_PROBE_AHEAD = 10
#: Pages refreshed per crawl at most (at the polite 1 request/s: about 33 minutes).
DEFAULT_MAX_REFRESH = 2000


class Priority(IntEnum):
    """Refresh classes, most urgent first (the value orders the crawl)."""

    SIGNALEE = 0  # signalée, its 10 days running or just passed: the answer is due now
    DUE_SOON = 1  # due date within the last 60 days or the next 14
    RECENT = 2  # published less than two months ago, before its due date
    OVERDUE = 3  # overdue for 2 to 12 months
    OLD = 4  # overdue for more than a year


#: Days between two looks at a pending question of each class.
INTERVAL_DAYS: dict[Priority, int] = {
    Priority.SIGNALEE: 1,
    Priority.DUE_SOON: 2,
    Priority.RECENT: 7,
    Priority.OVERDUE: 7,
    Priority.OLD: 30,
}


@dataclass(frozen=True, slots=True)
class KnownQuestion:
    """What the plan needs to know about one stored question."""

    uid: str
    legislature: int
    number: int
    final: bool  # answered, withdrawn or lapsed
    date_publication: date | None = None
    due_date: date | None = None
    signalement_due_date: date | None = None
    last_checked: date | None = None  # the crawl day its page was last fetched
    last_checked_at: datetime | None = None  # … and the moment (aware UTC)


@dataclass(frozen=True, slots=True)
class Refresh:
    uid: str
    priority: Priority
    waited_days: int  # days since the last look (or since publication if never looked)


@dataclass(frozen=True, slots=True)
class Plan:
    refresh: tuple[Refresh, ...]  # in crawl order
    probe_from: dict[int, int]  # legislature → first number to probe
    probe_ahead: int
    skipped_final: int  # final questions not refreshed
    not_due: int  # pending questions looked at recently enough
    over_budget: int  # due, but beyond ``max_refresh``
    already_done: int = 0  # fetched by the interrupted run this one resumes


def priority(question: KnownQuestion, today: date) -> Priority:
    """The refresh class of a pending question on ``today``."""
    signal_due = question.signalement_due_date
    if signal_due is not None and (signal_due - today).days >= -30:
        return Priority.SIGNALEE
    due = question.due_date
    if due is None:
        return Priority.RECENT
    days_to_due = (due - today).days
    if -60 <= days_to_due <= 14:
        return Priority.DUE_SOON
    if days_to_due > 14:
        return Priority.RECENT
    if days_to_due >= -365:
        return Priority.OVERDUE
    return Priority.OLD


#: The weekday of the JO "Questions" issue (Monday is 0).
JO_WEEKDAY = 1


def latest_jo(today: date) -> date:
    """The day of the latest JO "Questions" issue on or before ``today``."""
    return today - timedelta(days=(today.weekday() - JO_WEEKDAY) % 7)


def is_due(question: KnownQuestion, today: date, *, full: bool = False) -> bool:
    """Whether the question's page should be fetched today: never looked at, or not since
    the day after the latest JO issue (the site may show an issue late on its day) and
    not within its class's interval."""
    if full:
        return True
    if question.final:
        return False
    if question.last_checked is None:
        return True
    if question.last_checked > latest_jo(today):
        return False
    return (today - question.last_checked).days >= INTERVAL_DAYS[priority(question, today)]


def plan_crawl(
    known: list[KnownQuestion],
    today: date,
    *,
    legislatures: tuple[int, ...],
    full: bool = False,
    probe_ahead: int = DEFAULT_PROBE_AHEAD,
    max_refresh: int | None = DEFAULT_MAX_REFRESH,
    resuming_since: datetime | None = None,
) -> Plan:
    """The pages to fetch on ``today``: most urgent class first, then the longest unseen.

    ``full`` refreshes every known question, final ones included, without a budget.
    ``resuming_since``: the start of an interrupted run being resumed; the pages it
    fetched are not fetched again.
    """
    if probe_ahead < 1:
        raise ValueError(f"probe_ahead must be at least 1, not {probe_ahead}")
    highest = dict.fromkeys(legislatures, 0)
    due: list[Refresh] = []
    skipped_final = not_due = already_done = 0
    for question in known:
        if question.legislature not in highest:
            continue
        highest[question.legislature] = max(highest[question.legislature], question.number)
        checked_at = question.last_checked_at
        if resuming_since is not None and checked_at is not None and checked_at >= resuming_since:
            already_done += 1
            continue
        if not is_due(question, today, full=full):
            if question.final:
                skipped_final += 1
            else:
                not_due += 1
            continue
        since = question.last_checked or question.date_publication or today
        due.append(
            Refresh(
                question.uid,
                priority(question, today),
                (today - since).days,
            )
        )
    due.sort(key=lambda r: (r.priority, -r.waited_days, r.uid))
    budget = len(due) if full or max_refresh is None else max(0, max_refresh)
    return Plan(
        refresh=tuple(due[:budget]),
        probe_from={leg: number + 1 for leg, number in highest.items()},
        probe_ahead=probe_ahead,
        skipped_final=skipped_final,
        not_due=not_due,
        over_budget=max(0, len(due) - budget),
        already_done=already_done,
    )


class Discovery:
    """Probing one legislature's numbers after the highest known: which numbers to request
    next, and when to stop (``probe_ahead`` consecutive numbers not found after the highest
    found). Works with requests answered in any order."""

    def __init__(self, legislature: int, first: int, probe_ahead: int) -> None:
        self.legislature = legislature
        self.probe_ahead = probe_ahead
        self.highest_found = first - 1
        self.next_number = first  # the next number not yet requested

    def wanted(self) -> list[int]:
        """Numbers to request now so that ``probe_ahead`` numbers past the highest found
        are in flight or answered (call after each answer)."""
        stop = self.highest_found + self.probe_ahead
        numbers = list(range(self.next_number, stop + 1))
        self.next_number = max(self.next_number, stop + 1)
        return numbers

    def found(self, number: int) -> None:
        self.highest_found = max(self.highest_found, number)
