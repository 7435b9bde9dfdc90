"""Merge what a question's page shows into what is stored about it.

A page shows part of a record: no organe refs on the old layouts, no JO numbers, only the
current ministry… Storing the page's record as is would erase what the open-data dump
told us. So the crawler merges: the page's values win for the fields it carries (it is
the freshest source), the stored values stay for the others, and nothing known is lost:
an answer, a closure, a signalement that the page no longer shows is kept, and the
disappearance is reported as an anomaly (the site's pages do lose answers for a day).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any

from relance.record import Attribution, Question

#: Fields that are whole values: the page's value replaces the stored one when carried.
_PARTS = ("author", "ministere_interroge", "closure")


@dataclass(frozen=True, slots=True)
class Merged:
    question: Question
    anomalies: tuple[str, ...] = ()  # "answer disappeared from the page", …


def merge_page(stored: Question | None, page: Question, carried: Iterable[str]) -> Merged:
    """The record to store after reading ``page``; ``carried`` names the record fields the
    page's layout shows (dotted for parts: ``"author.name"``)."""
    if stored is None:
        return Merged(page)
    carried = frozenset(carried)
    top = {name.split(".", 1)[0] for name in carried}
    changes: dict[str, Any] = {}
    anomalies: list[str] = []
    for f in fields(Question):
        name = f.name
        if name not in top or name in ("uid", "legislature", "number", "type"):
            continue
        old, new = getattr(stored, name), getattr(page, name)
        if name in _PARTS:
            changes[name] = _merge_part(old, new, name, carried)
        elif name == "attributions":
            changes[name] = _merge_attributions(old, new)
        elif name in ("signalements", "renouvellements", "errata"):
            changes[name] = _union(old, new)
        elif _empty(new):
            continue  # the page does not show it (any more): keep what is known
        else:
            changes[name] = new
    merged = replace(stored, **changes, source_url=page.source_url or stored.source_url)
    if stored.texte_reponse_html and not page.texte_reponse_html:
        anomalies.append("answer disappeared from the page")
    if stored.status.is_final and not merged.status.is_final:
        anomalies.append(f"closure ({stored.status}) disappeared from the page")
        merged = replace(merged, closure=stored.closure)
    if stored.closure and merged.closure is None:
        merged = replace(merged, closure=stored.closure)
    return Merged(merged, tuple(anomalies))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == ()


def _merge_part(old: Any, new: Any, name: str, carried: frozenset[str]) -> Any:
    """A part (author, ministry, closure): the page's subfields it carries and that are
    set, over the stored ones. A ministry of another key replaces the stored one."""
    if new is None:
        return old
    if old is None:
        return new
    if name == "ministere_interroge" and old.key != new.key:
        return new
    if name in carried:  # the whole part is carried
        subfields = [f.name for f in fields(new)]
    else:
        subfields = [c.split(".", 1)[1] for c in carried if c.startswith(name + ".")]
    if name == "author" and old.deputy_ref:
        # The name of a known deputy comes from the deputies table, as for records read
        # from the dump (which carry no name): taking the page's would make each dump
        # import and each page refresh rewrite the record in turn.
        subfields = [s for s in subfields if s != "name"]
    updates = {s: getattr(new, s) for s in subfields if not _empty(getattr(new, s))}
    return replace(old, **updates)


def _merge_attributions(
    old: tuple[Attribution, ...], new: tuple[Attribution, ...]
) -> tuple[Attribution, ...]:
    """Stored attributions carry JO dates and organe refs the page may not show: keep them
    while the page's current ministry is the stored one; a page naming another ministry
    adds it (a re-attribution seen before the dump)."""
    if not new:
        return old
    if not old:
        return new
    if len(new) > len(old):  # re-attributions newer than what is stored
        return old + new[len(old) :]
    if new[-1].ministry.key == old[-1].ministry.key:
        return old
    return (*old, new[-1])


def _union(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[Any, ...]:
    """Stored items, then the page's items that are not already known (by their date)."""
    known = {_item_date(item) for item in old}
    extra = tuple(item for item in new if _item_date(item) not in known)
    return old + extra if extra else old


def _item_date(item: Any) -> Any:
    if hasattr(item, "target"):  # Erratum
        return (item.target, item.jo.date)
    if hasattr(item, "jo"):  # Signalement
        return item.date
    return item  # renouvellement: a date
