"""A realistic, deterministic demo corpus of written questions in the official formats.

``generate_corpus(out_dir, questions=N, seed=S)`` writes the open-data dumps of the
Assemblée (question zips per legislature, AMO acteurs/organes) and ``manifest.json``;
``iter_records(questions=N, seed=S)`` streams the same records with their ground truth.
Same arguments, same bytes. Layout: ``relance.demo.corpus``; record shape and assumptions:
``relance.demo.generator``; edge-case tags: ``EDGE_CASES``. Each item also carries the
question's page record (``GeneratedQuestion.question``), and the corpus the site's pages
(``site/``), which ``relance.mirror`` serves, replaying time if asked. Near-duplicate
questions and answers are planted on purpose, with their ground truth
(``relance.demo.twins``, the manifest's ``twins``).
"""

from relance.demo.corpus import Manifest, generate_corpus, iter_records
from relance.demo.generator import EDGE_CASES, GeneratedQuestion, QuestionTruth

__all__ = [
    "EDGE_CASES",
    "GeneratedQuestion",
    "Manifest",
    "QuestionTruth",
    "generate_corpus",
    "iter_records",
]
