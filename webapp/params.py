"""Query parameters, read and bounded in one place: a value the page cannot use is a 400
with a French message naming the parameter, never an exception deeper down.

Control parameters start with ``_`` (``_sort``, ``_desc``, ``_page``, ``_size``); filters
are plain words (``ministere``, ``rubrique``…). Unknown parameters are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask import abort, request

from relance.db.browse import Filters

#: The longest value of any parameter (a watchlist of 200 uids fits).
MAX_PARAM_CHARS = 5_000
#: The longest filter value (keys and labels are far shorter).
MAX_FILTER_CHARS = 200
#: The deepest page (results beyond are not browsed page by page: filter instead).
MAX_PAGE = 10_000
MAX_SIZE = 500
DEFAULT_SIZE = 50

_TRUE = {"1", "true", "oui", "on", "yes"}
_FALSE = {"", "0", "false", "non", "off", "no"}
_INT = re.compile(r"^[+-]?\d{1,12}$")


def bad(name: str, message: str) -> None:
    abort(400, description=f"Paramètre « {name} » : {message}")


def text(name: str, *, max_chars: int = MAX_FILTER_CHARS) -> str | None:
    """A stripped text value (None when absent or empty)."""
    value = request.args.get(name, "").strip()
    if len(value) > max_chars:
        bad(name, f"trop long ({len(value)} caractères, au plus {max_chars}).")
    return value or None


def integer(name: str, *, low: int, high: int, default: int | None = None) -> int | None:
    """An integer within [low, high]."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    if not _INT.match(raw):
        bad(name, f"nombre entier attendu, entre {low} et {high}.")
    value = int(raw)
    if not low <= value <= high:
        bad(name, f"doit être entre {low} et {high}.")
    return value


def day(name: str) -> date | None:
    """An ISO date (AAAA-MM-JJ)."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        if len(raw) != 10:
            raise ValueError
        value = date.fromisoformat(raw)
    except ValueError:
        bad(name, "date attendue au format AAAA-MM-JJ (par exemple 2025-01-31).")
    return value


def flag(name: str) -> bool:
    raw = request.args.get(name, "").strip().lower()
    if raw in _TRUE:
        return True
    if raw not in _FALSE:
        bad(name, "valeur attendue : 1 ou 0.")
    return False


def choice(name: str, choices: Sequence[str], default: str) -> str:
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    if raw not in choices:
        bad(name, f"valeur inconnue ; valeurs possibles : {', '.join(choices)}.")
    return raw


@dataclass(frozen=True)
class Paging:
    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def paging(*, default_size: int = DEFAULT_SIZE, max_size: int = MAX_SIZE) -> Paging:
    """``_page`` (1 … ``MAX_PAGE``) and ``_size`` (1 … ``max_size``)."""
    page = integer("_page", low=1, high=MAX_PAGE, default=1)
    size = integer("_size", low=1, high=max_size, default=default_size)
    assert page is not None and size is not None
    return Paging(page, size)


def filters(*, period: bool = True) -> Filters:
    """The filters every list understands: ministere, rubrique, groupe, depute,
    legislature, and (``period``) depuis/jusqua on the publication date."""
    since = day("depuis") if period else None
    until = day("jusqua") if period else None
    if since and until and since > until:
        bad("depuis", "la date de début est après la date de fin (jusqua).")
    return Filters(
        ministere=text("ministere"),
        rubrique=text("rubrique"),
        groupe=text("groupe"),
        depute=text("depute"),
        legislature=integer("legislature", low=1, high=99),
        depuis=since,
        jusqua=until,
    )


def sort(columns: Sequence[str], default: str) -> tuple[str, bool]:
    """``_sort=<column>`` (ascending unless ``_desc=1``); without ``_sort``, ``default``
    descending (the most of something first)."""
    column = choice("_sort", columns, "")
    if not column:
        return default, True
    return column, flag("_desc")
