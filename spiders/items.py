"""The items that flow from spiders to pipelines.

Questions, deputies and organes travel as the core's own records (``relance.record``:
``Question``, ``Deputy``, ``Organe``), so the item contract is the record's schema with its
closed vocabularies. ``Unreadable`` carries what a spider could not parse, so the store
counts it in the run's report like any refusal. The pages crawl sends ``PageRecord`` (a
question read from its page, with the fields that page shows, so the pipeline can merge
it into what is stored) and ``PageCheck`` (a fetch that gave no record: 404, failure).
"""

from __future__ import annotations

from dataclasses import dataclass

from relance.db.models import PageOutcome
from relance.record import Deputy, Organe, Question

__all__ = ["Deputy", "Organe", "PageCheck", "PageRecord", "Question", "Unreadable"]


@dataclass(frozen=True, slots=True)
class Unreadable:
    source: str  # URL or file:member
    reason: str  # short and groupable, e.g. "uid: the record has no uid"
    message: str  # the full error, naming the input, the uid and the field
    uid: str | None = None
    whole_input: bool = False  # a whole file (not one record) could not be read


@dataclass(frozen=True, slots=True)
class PageRecord:
    question: Question
    carried: frozenset[str]  # record fields the page's layout shows (PAGE_FIELDS)
    http_status: int = 200


@dataclass(frozen=True, slots=True)
class PageCheck:
    uid: str
    outcome: PageOutcome
    http_status: int | None = None
