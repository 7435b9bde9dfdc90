"""The web app's only door to the search index (``index.search`` and, once it exists,
``index.similar_questions``).

Calls are serialized per process: Whoosh readers share file handles, and concurrent reads
from a threaded worker were seen to fail ("incomplete or truncated stream"). The lock can
go once the index says its searchers are safe across threads. An index failure never
breaks a page: search answers 503 in French, similar questions are left out.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from flask import abort

logger = logging.getLogger(__name__)

_lock = threading.Lock()


def search(index_dir: Path, query: Any) -> Any:
    """``index.search`` (its ``SearchResult``); 503 when the index fails."""
    import index

    try:
        with _lock:
            return index.search(index_dir, query)
    except Exception:
        logger.exception("search failed for %r", query)
        abort(503, description="La recherche a échoué ; réessayez dans un instant.")


def similar(index_dir: Path, uid: str, limit: int) -> list[str]:
    """Uids of questions similar to ``uid``: ``[]`` before ``index.similar_questions``
    exists, or when the index cannot answer."""
    import index

    try:
        finder = index.similar_questions  # type: ignore[attr-defined]
    except AttributeError:
        return []
    try:
        with _lock:
            found = finder(index_dir, uid, limit=limit)
    except Exception:  # an auxiliary block must never break the page
        logger.warning("similar questions of %s unavailable", uid, exc_info=True)
        return []
    return [u for u in found if u != uid][:limit]
