"""The incremental crawl's plan: what is fetched, in which order, and what is skipped."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from relance.crawlplan import (
    INTERVAL_DAYS,
    Discovery,
    KnownQuestion,
    Priority,
    is_due,
    plan_crawl,
    priority,
)

TODAY = date(2026, 11, 26)


def known(number: int, **kw: object) -> KnownQuestion:
    fields: dict[str, object] = {
        "uid": f"QANR5L17QE{number}",
        "legislature": 17,
        "number": number,
        "final": False,
        "date_publication": TODAY - timedelta(days=400),
        "due_date": TODAY - timedelta(days=400),
    }
    fields.update(kw)
    return KnownQuestion(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("due_in", "signal_due_in", "expected"),
    [
        (-400, None, Priority.OLD),
        (-366, None, Priority.OLD),
        (-365, None, Priority.OVERDUE),
        (-61, None, Priority.OVERDUE),
        (-60, None, Priority.DUE_SOON),
        (14, None, Priority.DUE_SOON),
        (15, None, Priority.RECENT),
        (-340, -30, Priority.SIGNALEE),  # signalée, its 10 days passed a month ago
        (-400, -31, Priority.OLD),
        (-340, 5, Priority.SIGNALEE),
    ],
)
def test_priority_classes_at_their_boundaries(
    due_in: int, signal_due_in: int | None, expected: Priority
) -> None:
    q = known(
        1,
        due_date=TODAY + timedelta(days=due_in),
        signalement_due_date=None
        if signal_due_in is None
        else TODAY + timedelta(days=signal_due_in),
    )
    assert priority(q, TODAY) is expected


def test_a_pending_question_is_due_again_after_its_class_interval() -> None:
    interval = INTERVAL_DAYS[Priority.OLD]
    assert is_due(known(1, last_checked=None), TODAY)
    assert not is_due(known(1, last_checked=TODAY - timedelta(days=interval - 1)), TODAY)
    assert is_due(known(1, last_checked=TODAY - timedelta(days=interval)), TODAY)


def test_final_questions_are_skipped_unless_full() -> None:
    answered = known(1, final=True)
    assert not is_due(answered, TODAY)
    assert is_due(answered, TODAY, full=True)
    plan = plan_crawl([answered, known(2)], TODAY, legislatures=(17,))
    assert [r.uid for r in plan.refresh] == ["QANR5L17QE2"]
    assert plan.skipped_final == 1
    full = plan_crawl([answered, known(2)], TODAY, legislatures=(17,), full=True, max_refresh=0)
    assert {r.uid for r in full.refresh} == {"QANR5L17QE1", "QANR5L17QE2"}  # no budget


def test_order_is_urgency_then_longest_unseen_and_the_budget_cuts_the_tail() -> None:
    questions = [
        known(1, last_checked=TODAY - timedelta(days=40)),  # old, long unseen
        known(2, last_checked=TODAY - timedelta(days=90)),  # old, longer unseen
        known(3, due_date=TODAY - timedelta(days=3), last_checked=TODAY - timedelta(days=2)),
        known(
            4,
            signalement_due_date=TODAY - timedelta(days=1),
            last_checked=TODAY - timedelta(days=3),  # before Tuesday's JO issue
        ),
        known(5, last_checked=TODAY - timedelta(days=1)),  # old, seen yesterday: not due
    ]
    plan = plan_crawl(questions, TODAY, legislatures=(17,), max_refresh=3)
    assert [r.uid[-1] for r in plan.refresh] == ["4", "3", "2"]
    assert plan.over_budget == 1 and plan.not_due == 1


def test_probing_starts_after_the_highest_known_number_of_each_legislature() -> None:
    questions = [known(7), known(12, final=True), known(3, legislature=16, uid="QANR5L16QE3")]
    plan = plan_crawl(questions, TODAY, legislatures=(16, 17), probe_ahead=4)
    assert plan.probe_from == {16: 4, 17: 13}
    empty = plan_crawl([], TODAY, legislatures=(17,))
    assert empty.probe_from == {17: 1}
    assert plan_crawl(questions, TODAY, legislatures=(17,)).probe_from == {17: 13}
    with pytest.raises(ValueError, match="probe_ahead"):
        plan_crawl([], TODAY, legislatures=(17,), probe_ahead=0)


def test_discovery_stops_after_k_consecutive_misses_answered_in_any_order() -> None:
    published = {101, 102, 104, 107}  # gaps of one and two numbers
    d = Discovery(17, first=101, probe_ahead=3)
    requested: list[int] = []
    queue = d.wanted()
    while queue:
        number = queue.pop()  # answers come back in any order
        requested.append(number)
        if number in published:
            d.found(number)
        queue.extend(d.wanted())
    assert d.highest_found == 107
    assert sorted(requested) == list(range(101, 111))  # 107 + K, each number once


def test_a_resumed_run_skips_what_the_interrupted_one_fetched() -> None:
    from datetime import UTC, datetime

    started = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    questions = [
        known(1, last_checked=TODAY, last_checked_at=datetime(2026, 11, 26, 8, 5, tzinfo=UTC)),
        known(2, last_checked=TODAY, last_checked_at=datetime(2026, 11, 26, 7, 0, tzinfo=UTC)),
        known(3),
    ]
    plan = plan_crawl(questions, TODAY, legislatures=(17,), full=True, resuming_since=started)
    assert [r.uid for r in plan.refresh] == ["QANR5L17QE3", "QANR5L17QE2"]  # longest unseen first
    assert plan.already_done == 1
    assert plan.probe_from == {17: 4}  # the highest number still counts


def test_a_page_seen_after_the_latest_jo_issue_waits_for_the_next_one() -> None:
    """TODAY is a Thursday; the JO "Questions" issue came out on Tuesday."""
    from relance.crawlplan import latest_jo

    assert TODAY.weekday() == 3 and latest_jo(TODAY) == TODAY - timedelta(days=2)
    assert latest_jo(TODAY - timedelta(days=2)) == TODAY - timedelta(days=2)  # a Tuesday
    signalee = {"signalement_due_date": TODAY}
    seen_wednesday = known(1, last_checked=TODAY - timedelta(days=1), **signalee)
    seen_tuesday = known(2, last_checked=TODAY - timedelta(days=2), **signalee)
    assert priority(seen_wednesday, TODAY) is Priority.SIGNALEE
    assert not is_due(seen_wednesday, TODAY)  # nothing can have changed since
    assert is_due(seen_tuesday, TODAY)  # the issue may have reached the site after the look
    next_wednesday = TODAY + timedelta(days=6)
    assert is_due(seen_wednesday, next_wednesday)  # a new issue came out on Tuesday
