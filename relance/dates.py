"""Dates: Journal officiel dates are plain dates; "today" is Europe/Paris; timestamps aware UTC."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

FRENCH_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


class DateError(ValueError):
    """A date that cannot be read or cannot exist (31/02)."""


@lru_cache(maxsize=16384)  # pure; the same few thousand dates recur across a dump
def parse_jo_date(value: str | None) -> date | None:
    """Read a JO date in either published format: ``2025-05-20`` (L16+) or ``20/05/2025`` (L15
    and older). Empty values give ``None``; impossible dates raise ``DateError``."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if match := _ISO.match(text):
        y, m, d = (int(g) for g in match.groups())
    elif match := _FR.match(text):
        d, m, y = (int(g) for g in match.groups())
    else:
        raise DateError(f"unreadable date {text!r}")
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise DateError(f"impossible date {text!r}: {exc}") from None


def parse_french_long_date(text: str) -> date:
    """``"26 juillet 2022"`` or ``"1er mars 2023"`` → date."""
    match = re.match(r"^\s*(\d{1,2})(?:er)?\s+([a-zéû]+)\s+(\d{4})\s*$", text.lower())
    if not match or match[2] not in FRENCH_MONTHS:
        raise DateError(f"unreadable French date {text!r}")
    try:
        return date(int(match[3]), FRENCH_MONTHS.index(match[2]) + 1, int(match[1]))
    except ValueError as exc:
        raise DateError(f"impossible date {text!r}: {exc}") from None


def french_long_date(day: date) -> str:
    """``date(2022, 7, 26)`` → ``"26 juillet 2022"`` (``1er`` for the first of the month)."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {FRENCH_MONTHS[day.month - 1]} {day.year}"


def today_paris(now: datetime | None = None) -> date:
    """The calendar day in Paris; computed once at the edge and passed in to the rules."""
    return (now or datetime.now(UTC)).astimezone(PARIS).date()


def utcnow() -> datetime:
    return datetime.now(UTC)
