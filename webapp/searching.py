"""The web app's only door to the search index (``index.search`` and
``index.similar_questions``). The index serializes the searches that share a searcher
(Whoosh's readers share file handles). An index failure never breaks a page: search
answers 503 in French, similar questions are left out.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import abort

logger = logging.getLogger(__name__)


def search(index_dir: Path, query: Any) -> Any:
    """``index.search`` (its ``SearchResult``); 503 when the index fails."""
    import index

    try:
        return index.search(index_dir, query)
    except Exception:
        logger.exception("search failed for %r", query)
        abort(503, description="La recherche a échoué ; réessayez dans un instant.")


def similar(index_dir: Path, uid: str, limit: int) -> list[str]:
    """Uids of questions similar to ``uid``; ``[]`` when the index cannot answer."""
    import index

    try:
        found = index.similar_questions(index_dir, uid, limit=limit)
    except Exception:  # an auxiliary block must never break the page
        logger.warning("similar questions of %s unavailable", uid, exc_info=True)
        return []
    return [u for u in found if u != uid][:limit]
