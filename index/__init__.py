"""The search index of Relance: the only package that imports Whoosh.

A projection of the database that can always be rebuilt from it. The rest of the project
talks to it through a few names: ``update_index`` and ``check_index`` (build.py),
``search`` with ``SearchQuery``, and ``similar_questions`` (search.py). Search returns
uids, counts, facets and highlights, never records: the database stays the source of
truth.
"""

from __future__ import annotations

from index.build import (
    CheckReport,
    IndexBusy,
    UpdateReport,
    check_index,
    index_version,
    update_index,
)
from index.search import SearchQuery, SearchResult, close_searchers, search, similar_questions

__all__ = [
    "CheckReport",
    "IndexBusy",
    "SearchQuery",
    "SearchResult",
    "UpdateReport",
    "check_index",
    "close_searchers",
    "index_version",
    "search",
    "similar_questions",
    "update_index",
]
