"""Readers for raw open-data records, written independently of the generator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from relance.dates import parse_jo_date
from relance.record import Closure, Status, derive_status

INFO_JO_KEYS = {"typeJO", "dateJO", "pageJO", "numJO", "urlLegifrance", "referenceNOR"}
DATE_KEYS = {"dateJO", "dateCloture", "dateDepotSignal", "dateRenouvellement"}
TOP_KEYS = [
    "@xmlns", "@xmlns:xsi", "@xsi:type", "uid", "identifiant", "type", "indexationAN", "auteur",
    "minInt", "minAttribs", "textesQuestion", "textesReponse", "cloture", "signalement",
    "renouvellements",
]  # fmt: skip
REQUIRED = {"@xmlns", "@xmlns:xsi", "@xsi:type", "uid", "identifiant", "type", "indexationAN",
            "auteur", "minInt", "minAttribs", "textesQuestion"}  # fmt: skip


def as_list(value: Any) -> list[Any]:
    """Absent, null, {} and "" are nothing; a dict is a list of one."""
    if value in (None, "", {}, []):
        return []
    return value if isinstance(value, list) else [value]


def section(q: dict[str, Any], key: str, inner: str) -> list[Any]:
    outer = q.get(key)
    return as_list(outer.get(inner)) if isinstance(outer, dict) else []


def walk(node: Any, key: str | None = None) -> Iterator[tuple[str | None, Any]]:
    yield key, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v, key)


def status_of(q: dict[str, Any]) -> Status:
    cloture = q.get("cloture")
    closure = None
    if isinstance(cloture, dict) and cloture:
        closure = Closure(
            code=cloture.get("codeCloture"),
            label=cloture.get("libelleCloture"),
            date=parse_jo_date(cloture.get("dateCloture")),
        )
    texts = section(q, "textesReponse", "texteReponse")
    return derive_status(closure, has_answer=any(t.get("texte") for t in texts))


def publication(q: dict[str, Any]):
    return parse_jo_date(section(q, "textesQuestion", "texteQuestion")[0]["infoJO"]["dateJO"])


def answer_date(q: dict[str, Any]):
    texts = section(q, "textesReponse", "texteReponse")
    return parse_jo_date(texts[0]["infoJO"]["dateJO"]) if texts else None


def analyses(q: dict[str, Any]) -> list[str]:
    index = q["indexationAN"]
    holder = index.get("analyses") if "analyses" in index else index.get("ANALYSE")
    if not isinstance(holder, dict):
        return []
    return [a for a in as_list(holder.get("analyse", holder.get("ANA"))) if a]
