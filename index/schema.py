"""The index schema: one comment per field saying why it has that type.

Bump ``SCHEMA_VERSION`` whenever a field, an analyzer or what is put in a field changes:
an index built under another version is rebuilt by the next ``relance index``, never read
as if it were current (search then says so instead of failing).
"""

from __future__ import annotations

from typing import Any

from whoosh import columns
from whoosh.fields import DATETIME, ID, NUMERIC, STORED, TEXT, Schema

from index.analysis import FrenchPositions, french_analyzer, name_analyzer

SCHEMA_VERSION = 3  # 2: FrenchPositions postings; 3: packed posting blocks (index.codec)

#: Full-text fields searched by plain words, with their weight in the score.
TEXT_FIELDS = {"analyses": 3.0, "tete_analyse": 2.0, "texte_question": 1.0, "texte_reponse": 1.0}

#: Fields whose value is a closed key, counted as facets.
FACETS = ("rubrique", "ministere", "groupe", "statut", "legislature", "annee")


def _keyword_column() -> columns.Column:
    # Few distinct values (≤ a few hundred) repeated on every document: a dictionary-encoded
    # column stores each value once and a small reference per document, and facet counts
    # read it without touching the stored fields.
    return columns.RefBytesColumn()


def _french_text(**options: Any) -> TEXT:
    """A full-text field: the French analyzer, and its faster postings format (same
    terms and positions, see ``FrenchPositions``)."""
    field = TEXT(analyzer=french_analyzer(), **options)
    field.format = FrenchPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    return Schema(
        # The Assemblée's uid, the project's one key: unique (updates replace by it),
        # stored (search returns it) and a column (check_index reads all uids fast).
        uid=ID(unique=True, stored=True, sortable=True),
        # The question number as a bare term ("6778"): typing 6778, "QE 6778",
        # "n° 6778" looks it up exactly; text analysis would gain nothing.
        number=ID,
        # Plain text of the question and of the answer, with positions (phrases). Stored,
        # because search returns highlighted snippets without asking the database. No
        # character offsets (chars=True): they would make every posting bigger and the
        # build slower, to spare re-analyzing the few hits shown per page, which the
        # cached analyzer does in well under a millisecond each.
        texte_question=_french_text(stored=True),
        texte_reponse=_french_text(stored=True),
        # The Assemblée's own summary of the question: few words, chosen by its staff,
        # so a match there says more than one in the text; boosted.
        tete_analyse=_french_text(field_boost=TEXT_FIELDS["tete_analyse"]),
        analyses=_french_text(field_boost=TEXT_FIELDS["analyses"]),
        # What a list shows (Question.titre); not searched (its words are in analyses).
        titre=STORED,
        # Rubrique key (slug of the label, like questions.rubrique_key): a filter and a
        # facet, so an exact term with a column.
        rubrique=ID(sortable=_keyword_column()),
        # Ministry keys (relance.ministries), which survive renamings: the attributaire
        # (the one that must answer: the filter and the facet, like `relance stats`) and
        # the interrogé (`ministere_interroge:<key>` in a query).
        ministere=ID(sortable=_keyword_column()),
        ministere_interroge=ID,
        # Deputy: the PA ref and the name, folded but not stemmed (names are not words):
        # `depute:PA1234`, `depute:dupont` and `depute:"marie dupont"` all work.
        depute=TEXT(analyzer=name_analyzer(), phrase=True),
        # Group abbreviation as published ("LFI-NFP"): filter and facet.
        groupe=ID(sortable=_keyword_column()),
        # Status (relance.record.Status values): filter and facet.
        statut=ID(stored=True, sortable=_keyword_column()),
        # Numbers with columns: `legislature:17`, ranges, facets and sorting.
        legislature=NUMERIC(int, bits=8, stored=True, sortable=True),
        annee=NUMERIC(int, bits=16, sortable=True),  # year of publication: the year facet
        # Dates as DATETIME: range queries (date_publication:[2024 to 2025]) and the
        # date sort read the column.
        date_publication=DATETIME(stored=True, sortable=True),
        date_reponse=DATETIME(sortable=True),
        # Days from publication to answer (answered questions only): ranges and sorting.
        delai=NUMERIC(int, bits=32, sortable=True),
        # The row's content hash: check_index compares it with the database (stale docs)
        # from a plain column (one distinct value per document: no dictionary encoding).
        content_hash=ID(sortable=True),
    )
