"""Search the index: uids, counts, facets and highlights (the database stays the source of
truth for everything else).

Query syntax (French words, accents optional): ``hôpitaux urgences`` (all words),
``"sécurité sociale"`` (phrase), ``OR``, ``NOT word`` or ``-word``, ``agricult*``
(prefix, at least 3 letters), field filters ``ministere:interieur``, ``rubrique:sante``,
``depute:PA1234`` or ``depute:dupont``, ``groupe:RN``, ``statut:en_attente`` (or
``pending``, ``repondue``/``answered``, ``retiree``/``withdrawn``, ``caduque``/``lapsed``),
``legislature:17``, ``date:[2024 to 2025]``. A number (``6778``, ``QE 6778``,
``n° 6778``) or a uid finds that question first.

A user's query never raises and never runs unbounded: input is cut at
``MAX_QUERY_CHARS`` characters and ``MAX_WORDS`` words, leading wildcards and too short
prefixes are dropped, matching stops after ``TIME_LIMIT`` seconds, and each of these
says so in ``SearchResult.warnings``; a query the parser refuses is searched as plain
words.

Searchers are reused across calls (one per index directory, reopened when the index
changed; Whoosh's ``Searcher.refresh()`` is never called: on whoosh3 it returns stale,
duplicated documents). Facets are counted from columns cached per searcher, not from
stored fields.
"""

from __future__ import annotations

import copy
import html
import logging
import re
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh import qparser, query
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.sorting import FieldFacet

from index.analysis import french_analyzer, name_analyzer, normalize_word
from index.build import allow_open_files, current_generation, read_meta
from index.docsets import Docsets, Unsupported
from index.highlight import highlight
from index.schema import FACETS, SCHEMA_VERSION, TEXT_FIELDS
from relance.db.queries import MAX_LIMIT
from relance.ministries import ministry_key
from relance.record import Status
from relance.text import fold, slugify
from relance.uid import UID_RE

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 500
MAX_WORDS = 32
MIN_PREFIX = 3
TIME_LIMIT = 2.0  # seconds of matching, per query
MAX_SIZE = 100
#: The largest page of uids only (``details=False``): no stored fields, no highlights.
MAX_UIDS_SIZE = 1_000
MAX_EXPANSIONS = 200  # terms of a prefix marked in highlights
RESULT_CACHE = 512  # results kept per index generation (oldest dropped first)
NUMBER_BOOST = 1000.0
SORTS = ("relevance", "date")
FILTERS = ("rubrique", "ministere", "depute", "groupe", "statut", "legislature")

#: Status words accepted in queries (folded) → the stored value.
STATUS_ALIASES = {
    **{s.value: s.value for s in Status},
    "en_attente": "pending",
    "attente": "pending",
    "en_cours": "pending",
    "repondue": "answered",
    "repondu": "answered",
    "reponse": "answered",
    "retiree": "withdrawn",
    "retire": "withdrawn",
    "caduque": "lapsed",
    "caduc": "lapsed",
}

_NUMBER = re.compile(
    r"^\s*(?:(?:q\.?\s*e\.?|question|n\s*°|no\.?|num(?:[ée]ro)?\.?)\s*)?(\d{1,6})\s*$", re.I
)


@dataclass(frozen=True)
class SearchQuery:
    """What to search. ``filters`` keys are among ``FILTERS`` (a value or a list of values,
    any of which matches); dates bound the publication date, both ends included."""

    text: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    size: int = 20
    #: False: uids, total and facets only (no documents, no highlights), for callers that
    #: read the rest from the database (feeds, exports): several times faster per hit.
    details: bool = True


@dataclass
class SearchResult:
    """One page of results. ``total`` counts every match (a lower bound when the time
    limit cut the search, which ``warnings`` then says). ``documents`` holds, per uid,
    what a list shows (titre, date_publication, statut, legislature)."""

    total: int
    uids: list[str]
    facets: dict[str, list[tuple[Any, int]]]
    highlights: dict[str, dict[str, str]]
    warnings: list[str]
    elapsed_ms: float
    page: int = 1
    size: int = 20
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "page": self.page,
            "size": self.size,
            "uids": self.uids,
            "documents": self.documents,
            "highlights": self.highlights,
            "facets": {k: [list(pair) for pair in v] for k, v in self.facets.items()},
            "warnings": self.warnings,
            "elapsed_ms": round(self.elapsed_ms, 2),
        }


# -- searchers, reused ------------------------------------------------------------------------


class _Entry:
    """An open searcher on one generation, with what is cached along with it: facet
    columns and filter vocabularies. Closed once replaced and no search uses it."""

    def __init__(self, generation: Path) -> None:
        self.generation = generation.name
        allow_open_files(generation)
        self.ix = whoosh_index.open_dir(str(generation))
        self.searcher = self.ix.searcher()
        self.users = 0
        self.retired = False
        self._columns: dict[str, list[Any]] = {}
        self._vocabulary: dict[str, dict[str, list[str]]] = {}
        self._codes: dict[str, tuple[np.ndarray, list[Any]]] = {}
        self._docsets: Docsets | None = None
        self._lock = threading.Lock()
        # Whoosh's readers share file handles (a seek, then a read): two threads reading
        # through one searcher corrupt each other's reads. Searches on an entry take turns
        # (they hold the GIL most of the time anyway).
        self.search_lock = threading.RLock()
        # Results of this generation by query (a facet toggled back, the next visitor of a
        # shared link, an export of what is on screen): an index generation never changes.
        self.results: dict[tuple[Any, ...], SearchResult] = {}

    def warm(self) -> None:
        """Load now, with the searcher, what searches read from it (facet codes, the date
        and uid columns, the text fields' lengths), instead of during the first ones (a
        first search paid up to 0.2 s at 100,000 questions)."""
        docsets = self.docsets()
        for name in FACETS:
            self.codes(name)
        self.numeric("date_publication")
        self.column("uid")
        if docsets is not None:
            for name in TEXT_FIELDS:
                docsets.lengths(name)

    def column(self, name: str) -> list[Any]:
        """Every document's value of a column field, by docnum (loaded once)."""
        with self._lock:
            if name not in self._columns:
                self._columns[name] = list(self.searcher.reader().column_reader(name))
            return self._columns[name]

    def vocabulary(self, name: str) -> dict[str, list[str]]:
        """slug → the field's indexed values with that slug ("Agriculture" → agriculture)."""
        with self._lock:
            if name not in self._vocabulary:
                found: dict[str, list[str]] = {}
                for value in self.searcher.reader().field_terms(name):
                    found.setdefault(slugify(value), []).append(value)
                self._vocabulary[name] = found
            return self._vocabulary[name]

    def docsets(self) -> Docsets | None:
        """Vectorized matching on this searcher (None if the index cannot use it)."""
        with self._lock:
            if self._docsets is None:
                try:
                    self._docsets = Docsets(self.searcher)
                except Unsupported:
                    logger.warning("vectorized matching unavailable", exc_info=True)
                    return None
            return self._docsets

    def numeric(self, name: str) -> np.ndarray | None:
        """A numeric or date column as int64, in the units Whoosh's ranges compare
        (missing values sort first); None for a field without such a column."""
        if name not in self.searcher.schema:  # a Schema has no .get()
            return None
        field = self.searcher.schema[name]
        docsets = self.docsets()
        if docsets is None or not hasattr(field, "prepare_number") or not field.column_type:
            return None
        return docsets.array(name, lambda: self._numeric_values(name, field))

    def _numeric_values(self, name: str, field: Any) -> np.ndarray:
        missing = np.iinfo(np.int64).min
        count = self.searcher.reader().doc_count_all()
        if getattr(field, "numtype", None) is int and field.bits <= 64:
            # The column's raw values are Whoosh's sortable form of the number: unsigned,
            # shifted by half the range when signed. Read as they are (a tenth of the time
            # of translating 100,000 dates to datetimes and back); a document without a
            # value holds the column's default, the largest number.
            raw = np.fromiter(
                self.searcher.reader().column_reader(name, translate=False),
                dtype=np.uint64,
                count=count,
            )
            # (Dates are compared in that sortable form already: prepare_datetime.)
            signed = field.signed and not hasattr(field, "prepare_datetime")
            shift = np.uint64(1 << (field.bits - 1)) if signed else np.uint64(0)
            values = (raw - shift).astype(np.int64)  # wraps below the shift: none here
            values[raw == np.uint64(2**field.bits - 1)] = missing
            return values

        # Dates are compared as Whoosh's longs (DateRange converts its ends the same way).
        prepare = getattr(field, "prepare_datetime", field.prepare_number)

        def convert(value: Any) -> int:
            return missing if value is None else int(prepare(value))

        column = self.column(name)
        return np.fromiter((convert(v) for v in column), dtype=np.int64, count=len(column))

    def codes(self, name: str) -> tuple[np.ndarray, list[Any]]:
        """A facet column as small integer codes and the value of each code."""
        values = self.column(name)
        with self._lock:
            if name not in self._codes:
                index: dict[Any, int] = {}
                codes = np.fromiter(
                    (index.setdefault(v, len(index)) for v in values),
                    dtype=np.int32,
                    count=len(values),
                )
                self._codes[name] = (codes, list(index))
            return self._codes[name]

    def fresh(self, generation: Path) -> bool:
        try:
            return self.generation == generation.name and self.searcher.up_to_date()
        except OSError:  # the generation was removed under us
            return False

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()


_entries: dict[str, _Entry] = {}
_entries_lock = threading.Lock()


class _Unavailable(Exception):
    """No usable index: the message says what to do."""


@contextmanager
def _lease(index_dir: Path) -> Iterator[_Entry]:
    key = str(index_dir.resolve())
    with _entries_lock:
        generation = current_generation(index_dir)
        if generation is None:
            raise _Unavailable("no search index yet: run `relance index`")
        meta = read_meta(generation) or {}
        if meta.get("schema_version") != SCHEMA_VERSION:
            raise _Unavailable("the search index is from another version: run `relance index`")
        entry = _entries.get(key)
        if entry is None or not entry.fresh(generation):
            if entry is not None:
                entry.retired = True
                if entry.users == 0:
                    entry.close()
            entry = _Entry(generation)
            try:
                entry.warm()
            except Exception:  # a search will say what is wrong
                logger.warning("could not warm the searcher of %s", generation, exc_info=True)
            _entries[key] = entry
        entry.users += 1
    try:
        yield entry
    finally:
        with _entries_lock:
            entry.users -= 1
            if entry.retired and entry.users == 0:
                entry.close()


def close_searchers() -> None:
    """Close every cached searcher (tests, and a process that is about to exit)."""
    with _entries_lock:
        for entry in _entries.values():
            entry.retired = True
            if entry.users == 0:
                entry.close()
        _entries.clear()


# -- parsing ----------------------------------------------------------------------------------


def _parser(schema: Any) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(list(TEXT_FIELDS), schema, group=qparser.AndGroup)
    # A single quote is an apostrophe in French ("l'hôpital"), not a quoting character.
    parser.remove_plugin_class(qparser.SingleQuotePlugin)
    parser.add_plugin(qparser.PlusMinusPlugin())
    parser.add_plugin(qparser.FieldAliasPlugin({k: list(v) for k, v in FIELD_ALIASES.items()}))
    return parser


#: Other names accepted for fields in queries.
FIELD_ALIASES = {
    "ministere": ("ministère", "ministry"),
    "depute": ("député", "deputy", "auteur"),
    "statut": ("status",),
    "date_publication": ("date",),
    "groupe": ("group",),
}
_FIELD_ALIASES = {fold(alias) for aliases in FIELD_ALIASES.values() for alias in aliases}


class _Rewriter:
    """Turns what the parser produced into what the index holds: filter values resolved
    to indexed keys, prefixes folded and bounded, leading wildcards dropped."""

    def __init__(self, entry: _Entry, warnings: list[str]) -> None:
        self.entry = entry
        self.warnings = warnings
        self.unknown_value = False

    def __call__(self, node: query.Query) -> query.Query:
        fieldname = getattr(node, "fieldname", None)
        if isinstance(node, query.Term) and fieldname in ("rubrique", "ministere", "groupe"):
            return self.filter(fieldname, node.text)
        if isinstance(node, query.Term) and fieldname == "statut":
            return self.filter("statut", node.text)
        if isinstance(node, query.Wildcard | query.Prefix) and fieldname in TEXT_FIELDS:
            return self.pattern(node)
        return node

    def pattern(self, node: query.Wildcard | query.Prefix) -> query.Query:
        text = fold(node.text)
        if isinstance(node, query.Wildcard) and text[:1] in ("*", "?"):
            bare = text.lstrip("*?")
            self._warn(f"leading wildcards are not supported: {node.text!r} searched as {bare!r}")
            term, _ = normalize_word(bare.rstrip("*?")) if bare else (None, 0)
            return query.Term(node.fieldname, term) if term else query.NullQuery
        stem = re.split(r"[*?]", text, maxsplit=1)[0]
        if len(stem) < MIN_PREFIX:
            self._warn(f"prefixes need at least {MIN_PREFIX} letters: {node.text!r} ignored")
            return query.NullQuery
        return type(node)(node.fieldname, text, boost=node.boost)

    def filter(self, name: str, value: Any) -> query.Query:
        """One filter value (in the query or as a parameter) → a query on indexed keys."""
        text = str(value).strip()
        if name == "statut":
            status = STATUS_ALIASES.get(slugify(text))
            if status is None:
                return self._unknown(name, text, "pending, answered, withdrawn, lapsed")
            return query.Term("statut", status)
        if name == "legislature":
            if not text.isdigit():
                return self._unknown(name, text, "a number, e.g. 17")
            return query.Term("legislature", int(text))
        if name == "depute":
            words = [t.text for t in name_analyzer()(text)]
            if not words:
                return self._unknown(name, text, "a PA ref or a name")
            if len(words) == 1:
                return query.Term("depute", words[0])
            return query.Phrase("depute", words)
        # `ministere` is the ministry that must answer (attributaire), like its facet: a
        # facet's count is what clicking it finds.
        slugs = {slugify(text)} | ({ministry_key(text)} if name == "ministere" else set())
        terms = [
            query.Term(name, value)
            for slug in sorted(slugs)
            for value in self.entry.vocabulary(name).get(slug, [])
        ]
        if not terms:
            return self._unknown(name, text, "see the facets of a search for the known values")
        return terms[0] if len(terms) == 1 else query.Or(terms)

    def _unknown(self, name: str, value: str, hint: str) -> query.Query:
        self.unknown_value = True
        self._warn(f"{name}: unknown value {value!r} ({hint})")
        return query.NullQuery

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def _bounded_text(text: str, warnings: list[str]) -> str:
    text = text.replace("\x00", " ").strip()
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        warnings.append(f"query cut to its first {MAX_QUERY_CHARS} characters")
    words = text.split()
    if len(words) > MAX_WORDS:
        text = " ".join(words[:MAX_WORDS])
        warnings.append(f"query cut to its first {MAX_WORDS} words")
    return text


def _plain_words(text: str) -> str:
    """The words of a query, without any operator: the best effort after a syntax error."""
    return " ".join(w for w in re.findall(r"\w+", text) if w not in ("AND", "OR", "NOT"))


def _text_query(entry: _Entry, text: str, warnings: list[str]) -> query.Query | None:
    """The query for the user's words; None when they ask for nothing (show everything)."""
    text = _bounded_text(text, warnings)
    if not text:
        return None
    if UID_RE.match(text.upper()):
        return query.Term("uid", text.upper())
    number = _NUMBER.match(text)
    parser = _parser(entry.searcher.schema)
    for name in sorted(set(re.findall(r"(\w+):", text))):
        if name not in entry.searcher.schema and fold(name) not in _FIELD_ALIASES:
            warnings.append(f"unknown field {name!r}: its value is searched as words")
    rewriter = _Rewriter(entry, warnings)
    try:
        parsed = parser.parse(text)
        errors = [node.error for node in _nodes(parsed) if getattr(node, "error", None)]
        if errors:
            raise ValueError(f"syntax error: {errors[0]}")
    except Exception:  # the parser is lenient, but a user's query must never raise
        logger.info("unreadable query %r", text, exc_info=True)
        warnings.append("could not read the query's syntax: searched as plain words")
        parsed = parser.parse(_plain_words(text))
    parsed = parsed.accept(rewriter).normalize()
    if number:
        # The question with that number first, then texts that contain the number.
        return query.Or([query.Term("number", number[1], boost=NUMBER_BOOST), parsed])
    if parsed is query.NullQuery:
        if rewriter.unknown_value:
            return query.NullQuery
        warnings.append("no searchable word in the query (only stop words?): showing all")
        return None
    return parsed


def _nodes(q: query.Query) -> Iterator[query.Query]:
    yield q
    for child in q.children():
        yield from _nodes(child)


# -- searching --------------------------------------------------------------------------------


def _facets(entry: _Entry, mask: np.ndarray) -> dict[str, list[tuple[Any, int]]]:
    """Counts per facet value over the matching documents (a boolean mask), most
    frequent first (documents without a value left out)."""
    out = {}
    for name in FACETS:
        codes, values = entry.codes(name)
        counts = np.bincount(codes[mask], minlength=len(values))
        out[name] = sorted(
            (
                (values[code], int(n))
                for code, n in enumerate(counts)
                if n and values[code] not in (None, "", b"")
            ),
            key=lambda pair: (-pair[1], str(pair[0])),
        )
    return out


def _numeric_facet_fix(facets: dict[str, list[tuple[Any, int]]]) -> None:
    """Numeric columns hold 0 for documents without a value: drop it (no legislature or
    year 0 exists)."""
    for name in ("legislature", "annee"):
        facets[name] = [(v, n) for v, n in facets[name] if v]


def _highlight_terms(q: query.Query, searcher: Any) -> frozenset[str]:
    """The indexed terms the query looks for in the full-text fields, prefixes and
    wildcards expanded (at most ``MAX_EXPANSIONS`` each); all text fields share one
    analyzer, so one set serves the question and the answer."""
    reader = searcher.reader()
    words: set[str] = set()
    for node in _nodes(q):
        if getattr(node, "fieldname", None) not in TEXT_FIELDS:
            continue
        if isinstance(node, query.Term):
            words.add(node.text)
        elif isinstance(node, query.Phrase):
            words.update(node.words)
        elif isinstance(node, query.Prefix | query.Wildcard):
            for fieldname in ("texte_question", "texte_reponse"):
                expanded = node._btexts(reader) if fieldname == node.fieldname else ()
                words.update(
                    b.decode("utf-8") for b, _ in zip(expanded, range(MAX_EXPANSIONS), strict=False)
                )
    return frozenset(words)


_ANALYZER = french_analyzer()


def _highlight(text: str, terms: frozenset[str]) -> str:
    """Up to two fragments of ``text`` around the matched terms, escaped, the words marked
    with ``<mark>`` (index/highlight.py)."""
    return highlight(text, terms)


def _snippet(text: str) -> str:
    """The start of a text, escaped, when the match is elsewhere (title, other field)."""
    if len(text) <= 200:
        return html.escape(text)
    return html.escape(text[:200].rsplit(" ", 1)[0]) + " …"


def search(index_dir: Path | str, q: SearchQuery) -> SearchResult:
    """Run ``q`` on the index in ``index_dir``; never raises on a user's query (problems
    come back as ``warnings``, with a best-effort result)."""
    started = time.perf_counter()
    warnings: list[str] = []
    size = max(1, min(int(q.size), MAX_SIZE if q.details else MAX_UIDS_SIZE))
    page = max(1, min(int(q.page), MAX_LIMIT // size))
    if (page, size) != (q.page, q.size):
        warnings.append(f"page and size bounded to page {page} of {size} (at most {MAX_LIMIT})")
    empty = SearchResult(0, [], {name: [] for name in FACETS}, {}, warnings, 0.0, page, size)
    try:
        with _lease(Path(index_dir)) as entry, entry.search_lock:
            key = _cache_key(q, page, size)
            result = entry.results.get(key) if key is not None else None
            if result is None:
                result = _search(entry, q, page, size, warnings)
                if key is not None:
                    entry.results[key] = result
                    while len(entry.results) > RESULT_CACHE:
                        entry.results.pop(next(iter(entry.results)))
            # A copy: the caller may change it, the cached one stays as computed.
            result = copy.deepcopy(result)
    except _Unavailable as exc:
        warnings.append(str(exc))
        result = empty
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


def _cache_key(q: SearchQuery, page: int, size: int) -> tuple[Any, ...] | None:
    """What a result depends on, besides the index generation (None: do not cache)."""
    try:
        filters = tuple(
            sorted(
                (name, tuple(v) if isinstance(v, list | tuple | set) else v)
                for name, v in (q.filters or {}).items()
            )
        )
        key = (
            q.text,
            filters,
            q.date_from,
            q.date_to,
            q.sort,
            q.page,
            q.size,
            page,
            size,
            q.details,
        )
        hash(key)
    except TypeError:  # unhashable or unorderable filter values: just search
        return None
    return key


def _search(
    entry: _Entry, q: SearchQuery, page: int, size: int, warnings: list[str]
) -> SearchResult:
    searcher = entry.searcher
    rewriter = _Rewriter(entry, warnings)
    text_query = _text_query(entry, q.text or "", warnings)
    parts = [text_query] if text_query is not None else []
    impossible = False
    for name, value in (q.filters or {}).items():
        if value in (None, "", [], ()):
            continue
        if name not in FILTERS:
            warnings.append(f"unknown filter {name!r} ignored (known: {', '.join(FILTERS)})")
            continue
        values = value if isinstance(value, list | tuple | set) else [value]
        options = [rewriter.filter(name, v) for v in values]
        if all(option is query.NullQuery for option in options):
            impossible = True  # an unknown value matches nothing (And would drop it)
        parts.append(options[0] if len(options) == 1 else query.Or(options))
    if q.date_from or q.date_to:
        start = datetime.combine(q.date_from, datetime.min.time()) if q.date_from else None
        end = datetime.combine(q.date_to, datetime.min.time()) if q.date_to else None
        parts.append(query.DateRange("date_publication", start, end))
    final = query.And(parts).normalize() if parts else query.Every()
    if impossible or text_query is query.NullQuery:
        final = query.NullQuery
    sort = q.sort if q.sort in SORTS else "relevance"
    if sort != q.sort:
        warnings.append(f"unknown sort {q.sort!r}: sorted by relevance")
    by_date = sort == "date" or text_query is None
    limit = page * size
    matched = _match_vectorized(entry, final, by_date, limit)
    if matched is None:
        matched = _match_whoosh(entry, final, by_date, limit, warnings)
    total, ranked, facets = matched
    _numeric_facet_fix(facets)
    hits = ranked[(page - 1) * size : limit]
    highlights, documents, uids = {}, {}, []
    if not q.details:  # uids only, from a column: no stored fields, no highlights
        column = entry.column("uid")
        uids = [column[docnum] for docnum in hits]
        hits = []
    terms = _highlight_terms(final, searcher) if hits else frozenset()
    for docnum in hits:
        stored = searcher.stored_fields(docnum)
        uid = stored["uid"]
        uids.append(uid)
        published = stored.get("date_publication")
        documents[uid] = {
            "titre": stored.get("titre", ""),
            "date_publication": published.date().isoformat() if published else None,
            "statut": stored.get("statut"),
            "legislature": stored.get("legislature"),
        }
        highlights[uid] = {
            "question": _highlight(stored.get("texte_question", ""), terms)
            or _snippet(stored.get("texte_question", "")),
            "answer": _highlight(stored.get("texte_reponse", ""), terms),
        }
    return SearchResult(
        total=total,
        uids=uids,
        facets=facets,
        highlights=highlights,
        warnings=warnings,
        elapsed_ms=0.0,
        page=page,
        size=size,
        documents=documents,
    )


Matched = tuple[int, list[int], dict[str, list[tuple[Any, int]]]]


def _match_vectorized(
    entry: _Entry, final: query.Query, by_date: bool, limit: int
) -> Matched | None:
    """(total, top ``limit`` docnums in order, facets) with numpy (index/docsets.py);
    None when the query has a part it does not evaluate."""
    docsets = entry.docsets()
    if docsets is None:
        return None
    try:
        mask, scores = docsets.evaluate(final, entry.numeric)
    except Unsupported as exc:
        logger.debug("whoosh collector for %s: %s", final, exc)
        return None
    docs = np.flatnonzero(mask & docsets.live)
    if by_date:
        dates = entry.numeric("date_publication")
        keys = dates[docs] if dates is not None else np.zeros(len(docs), np.int64)
    else:
        keys = scores[docs]
    if len(docs) > limit:
        # The ``limit`` best keys (ties at the cut included), then sorted exactly.
        cut = np.partition(keys, len(keys) - limit)[len(keys) - limit]
        keep = keys >= cut
        docs, keys = docs[keep], keys[keep]
    order = np.lexsort((docs, -keys.astype(np.float64)))[:limit]
    return (
        len(np.flatnonzero(mask & docsets.live)),
        [int(d) for d in docs[order]],
        _facets(entry, mask & docsets.live),
    )


def _match_whoosh(
    entry: _Entry, final: query.Query, by_date: bool, limit: int, warnings: list[str]
) -> Matched:
    """The same with Whoosh alone, for the query forms index/docsets.py does not
    evaluate: the matches from the query's matcher (not from a collector wrapping the
    top-N one, which on whoosh3 missed some matches of a union), the top hits from a
    collector, under the time limit."""
    searcher = entry.searcher
    started = time.perf_counter()
    mask = np.zeros(searcher.doc_count_all(), bool)
    for count, docnum in enumerate(searcher.docs_for_query(final)):
        mask[docnum] = True
        if count % 1024 == 0 and time.perf_counter() - started > TIME_LIMIT:
            warnings.append(f"search stopped after {TIME_LIMIT:.0f} s: counts are partial")
            break
    top = searcher.collector(
        limit=limit,
        sortedby=FieldFacet("date_publication", reverse=True) if by_date else None,
    )
    # A timer thread, not SIGALRM: searches also run in web server threads.
    collector = TimeLimitCollector(top, TIME_LIMIT, use_alarm=False)
    try:
        searcher.search_with_collector(final, collector)
    except TimeLimit:
        warnings.append(f"search stopped after {TIME_LIMIT:.0f} s: results are partial")
    ranked = [hit.docnum for hit in collector.results()[:limit]]
    return int(mask.sum()), ranked, _facets(entry, mask)


SIMILAR_WORDS = 12  # terms taken from a question to find its neighbours
SIMILAR_SOURCE_WORDS = 80  # words of the question's text those terms are chosen from


def similar_questions(index_dir: Path | str, uid: str, limit: int = 5) -> list[str]:
    """Uids of the questions closest to ``uid``, ranked by BM25F: an OR of its topic (the
    terms of its analyses, in the analyses fields) and of the rarest terms of its text's
    opening (in every field); [] when the uid or the index is unknown. Rare terms say the
    most about a question and have the shortest posting lists, so this stays fast."""
    try:
        with _lease(Path(index_dir)) as entry, entry.search_lock:
            return _similar(entry, uid, max(1, min(limit, MAX_SIZE)))
    except _Unavailable:
        return []


def _similar(entry: _Entry, uid: str, limit: int) -> list[str]:
    searcher = entry.searcher
    docnum = searcher.document_number(uid=uid)
    docsets = entry.docsets()
    if docnum is None or docsets is None:
        return []
    stored = searcher.stored_fields(docnum)
    # The topic: the analyses' terms, matched in the analyses fields (short postings).
    topic = {t.text for t in _ANALYZER(stored.get("titre", ""))}
    # The specifics: the rarest terms of the text's opening, matched everywhere.
    opening = " ".join(stored.get("texte_question", "").split()[:SIMILAR_SOURCE_WORDS])
    frequency = {
        t.text: searcher.doc_frequency("texte_question", t.text) for t in _ANALYZER(opening)
    }
    # A term found in this document only relates it to nothing.
    specific = sorted((t for t, n in frequency.items() if n > 1), key=lambda t: (frequency[t], t))
    specific = [t for t in specific if t not in topic][:SIMILAR_WORDS]
    if not topic and not specific:
        return []
    q = query.Or(
        [query.Term(f, w) for w in sorted(topic) for f in ("analyses", "tete_analyse")]
        + [query.Term(f, w) for w in specific for f in TEXT_FIELDS]
    )
    try:
        mask, scores = docsets.evaluate(q, entry.numeric)
    except Unsupported:
        return []
    mask &= docsets.live
    mask[docnum] = False
    docs = np.flatnonzero(mask)
    best = docs[np.lexsort((docs, -scores[docs].astype(np.float64)))[:limit]]
    return [searcher.stored_fields(int(d))["uid"] for d in best]
