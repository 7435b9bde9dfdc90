"""Near-identical questions and boilerplate answers ("twins").

Deputies file the same text an association sent them all; ministries answer many questions
with one standard text. ``relance.twins`` finds these near-duplicates among the questions'
texts and among the answers' (two kinds, ``question`` and ``answer``), keeps them as
clusters in the database, and places new texts among them incrementally.

- ``text``: normalization (HTML, case, accents, numbers, the author's name, place names)
  and shingles (pure);
- ``cluster``: MinHash signatures (datasketch), LSH candidates, exact Jaccard check,
  union-find; the thresholds (``Params``) (pure);
- ``diff``: what differs between a member and its cluster's first occurrence (pure);
- ``store``: ``update_twins(engine)``, the incremental run over the database;
- ``queries``: the read functions (clusters, a question's twins, shares per deputy and per
  ministry).

Imports none of Flask, Whoosh or Scrapy.
"""

from relance.twins.cluster import (
    LSH_THRESHOLD,
    MIN_SHINGLES,
    NUM_PERM,
    SHINGLE,
    THRESHOLD,
    Params,
)
from relance.twins.store import TwinsReport, update_twins

__all__ = [
    "LSH_THRESHOLD",
    "MIN_SHINGLES",
    "NUM_PERM",
    "SHINGLE",
    "THRESHOLD",
    "Params",
    "TwinsReport",
    "update_twins",
]
