"""The Assemblée's question uid (``QANR5L17QE6778``): built and split here, and only here."""

from __future__ import annotations

import re
from typing import NamedTuple

UID_RE = re.compile(r"^QANR5L(?P<legislature>\d{1,2})(?P<type>QE|QG|QOSD)(?P<number>\d{1,6})$")

#: Public page of a question, by legislature generation (an-formats.md §1).
DYN_PAGE = "{base}/dyn/{legislature}/questions/{uid}"
OLD_PAGE = "{base}/q{legislature}/{legislature}-{number}{type}.htm"

SITE_BASE = "https://www.assemblee-nationale.fr"
QUESTIONS_SITE_BASE = "https://questions.assemblee-nationale.fr"


class Uid(NamedTuple):  # a tuple: every record read builds one
    legislature: int
    type: str
    number: int

    def __str__(self) -> str:
        return make_uid(self.legislature, self.type, self.number)


def make_uid(legislature: int, type_: str, number: int) -> str:
    """``make_uid(17, "QE", 6778) == "QANR5L17QE6778"`` (no zero padding)."""
    return f"QANR5L{int(legislature)}{type_}{int(number)}"


def parse_uid(value: str) -> Uid:
    """Split a uid; raise ``ValueError`` naming the value when it is not one."""
    match = UID_RE.match(value.strip()) if isinstance(value, str) else None
    if not match or match["number"].startswith("0"):
        raise ValueError(f"not a question uid: {value!r}")
    return Uid(int(match["legislature"]), match["type"], int(match["number"]))


def is_uid(value: str) -> bool:
    try:
        parse_uid(value)
    except ValueError:
        return False
    return True


def page_url(
    uid: str, *, site_base: str = SITE_BASE, questions_base: str = QUESTIONS_SITE_BASE
) -> str:
    """The official public page of a question: ``/dyn`` from the 16th legislature on."""
    parts = parse_uid(uid)
    if parts.legislature >= 16:
        return DYN_PAGE.format(base=site_base.rstrip("/"), legislature=parts.legislature, uid=uid)
    return OLD_PAGE.format(
        base=questions_base.rstrip("/"),
        legislature=parts.legislature,
        number=parts.number,
        type=parts.type,
    )
