"""The weekly Journal officiel "Questions" issue (AN) of the demo corpus, and date helpers.

Questions and answers are published on Tuesdays (an-formats.md §9). Issues are numbered
from 1 each year (the first Tuesday of January is issue 1: the real 7 Jan 2014 issue is n° 1,
15 Apr 2014 n° 15). Pages run on through the year: each issue has a few index pages, then
the questions section, then the answers grouped by ministry. Issue sizes follow the volume of
the legislature in office (about 200 pages a week in the 14th, 100 in the 16th), so page
numbers look like the real ones without depending on the size of the generated corpus.
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from relance.demo.governments import LEGISLATURES, legislature_at

TUESDAY = 1


def tuesday_on_or_after(day: date) -> date:
    return day + timedelta(days=(TUESDAY - day.weekday()) % 7)


def tuesday_on_or_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() - TUESDAY) % 7)


def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (31 Dec + 2 months → 28/29 Feb)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def issue_number(tuesday: date) -> int:
    return (tuesday.timetuple().tm_yday - 1) // 7 + 1


class Issue(NamedTuple):
    number: int
    first_page: int
    questions_page: int  # first page of the questions section
    questions_pages: int
    answers_page: int
    answers_pages: int


def _size(tuesday: date) -> int:
    leg = legislature_at(tuesday) or LEGISLATURES[17]
    noise = zlib.crc32(tuesday.isoformat().encode()) % 1000 / 1000
    return 24 + int(leg.weekly_full * 0.45 * (0.8 + 0.4 * noise))


@lru_cache(maxsize=64)
def _year_starts(year: int) -> tuple[int, ...]:
    day = tuesday_on_or_after(date(year, 1, 1))
    starts = []
    page = 1
    while day.year == year:
        starts.append(page)
        page += _size(day)
        day += timedelta(days=7)
    return tuple(starts)


@lru_cache(maxsize=2048)
def issue(tuesday: date) -> Issue:
    number = issue_number(tuesday)
    first = _year_starts(tuesday.year)[number - 1]
    size = _size(tuesday)
    index = 4 + size // 20
    q_pages = max(2, (size - index) * 2 // 5)
    return Issue(
        number, first, first + index, q_pages, first + index + q_pages, size - index - q_pages
    )


@lru_cache(maxsize=4096)
def fmt_date(day: date, french: bool) -> str:
    """``2024-10-03`` (16th legislature on) or ``03/10/2024`` (15th and older)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if french else day.isoformat()
