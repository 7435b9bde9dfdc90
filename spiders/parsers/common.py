"""Helpers shared by the parsers: the dump's XML-to-JSON quirks (an-formats.md §4)."""

from __future__ import annotations

from datetime import date
from typing import Any

from relance.dates import DateError, parse_jo_date


class ParseError(ValueError):
    """A record that cannot be read: names the source, the uid and the field."""

    def __init__(
        self,
        message: str,
        *,
        uid: str | None = None,
        field: str | None = None,
        source: str | None = None,
    ) -> None:
        self.message = message
        self.uid = uid
        self.field = field
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ", ".join(
            f"{name} {value}"
            for name, value in (("file", self.source), ("uid", self.uid), ("field", self.field))
            if value
        )
        return f"{where}: {self.message}" if where else self.message

    @property
    def reason(self) -> str:
        """A short, groupable reason for reports: ``"field dateJO: impossible date"``."""
        head = self.message.split(":")[0]
        return f"{self.field}: {head}" if self.field else head


def is_nil(value: Any) -> bool:
    """Absent, null, ``{}``, ``""`` and the acteurs dump's ``{"@xsi:nil": "true"}`` are nil."""
    kind = value.__class__
    if kind is str:
        return not value.strip()
    if value is None:
        return True
    if kind is dict:
        return not value or value.get("@xsi:nil") == "true"
    if kind is list:
        return not value
    return False


def text_of(value: Any) -> str | None:
    """The text of a scalar field: str, number, ``{"#text": …}``, or None for any nil form."""
    if value.__class__ is str:  # the common case, first
        return value.strip() or None
    if is_nil(value):
        return None
    if isinstance(value, dict):
        return text_of(value.get("#text"))
    if isinstance(value, list):  # a scalar that came out as a list: take the first
        return next((t for t in (text_of(v) for v in value) if t), None)
    text = str(value).strip()
    return text or None


def as_list(value: Any) -> list[Any]:
    """One XML child becomes a dict, several a list: always give a list of non-nil items."""
    if value.__class__ is dict:  # the common case: one child
        return [] if not value or value.get("@xsi:nil") == "true" else [value]
    if is_nil(value):
        return []
    items = value if isinstance(value, list) else [value]
    return [item for item in items if not is_nil(item)]


def child(value: Any, *keys: str) -> Any:
    """``child(q, "auteur", "identite")``: walk dicts, None as soon as a level is missing."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def first_child(value: Any, *spellings: str) -> Any:
    """The first present key among spellings (``analyses`` or legacy ``ANALYSE``)."""
    if not isinstance(value, dict):
        return None
    for key in spellings:
        if not is_nil(value.get(key)):
            return value[key]
    return None


def jo_date(value: Any, *, field: str, uid: str | None) -> date | None:
    try:
        return parse_jo_date(text_of(value))
    except DateError as exc:
        raise ParseError(str(exc), uid=uid, field=field) from None


def int_of(value: Any, *, field: str, uid: str | None) -> int | None:
    text = text_of(value)
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        raise ParseError(f"not a number: {text!r}", uid=uid, field=field) from None
