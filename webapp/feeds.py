"""Atom 1.0 and RSS 2.0 feeds (generated with feedgen): new answers, new questions,
questions that became overdue, signalées whose ten days passed; and what the feeds and
calendars share: parameters, the per-process cache, conditional HTTP, autodiscovery.

URLs (every feed in both formats; parameters as on the pages):

- ``/flux/reponses.atom`` · ``.rss`` — new answers; ``/flux/questions.atom`` — new
  questions; ``/flux/retards.atom`` — questions that became overdue;
  ``/flux/signalements.atom`` — signalées whose 10 days passed. Filters, combinable:
  ``ministere`` (key), ``rubrique`` (key or label), ``groupe`` (abbreviation or PO ref),
  ``depute`` (PA ref), ``legislature``, ``depuis``/``jusqua`` (publication);
- ``/recherche.atom?q=…`` — new answers among the questions a search finds (the search
  page's parameters; ``_flux=questions`` for its new questions);
- ``/suivi.atom?q=UID,UID&deputes=PA…`` — new answers to a watchlist's questions and to its
  deputies' questions (``_flux=questions`` for new questions).

``_size`` bounds the entries (1 to 200, default 50). A value a feed cannot use is a 400 in
French; a ministry, rubrique, group or deputy Relance does not know is a 404 (an unknown
legislature gives an empty feed). Every feed carries an ``ETag`` (a digest of its bytes,
which are a function of the data only) and a ``Last-Modified`` (see ``_last_modified``),
answers 304 to ``If-None-Match``/``If-Modified-Since``, and is kept per process in the page
cache, keyed by the data version.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote, urlencode

from feedgen.feed import FeedGenerator
from flask import Blueprint, Flask, Response, abort, request, url_for

from relance.dates import french_long_date
from relance.db import feeds as core
from relance.db.browse import Dimension, Filters
from relance.db.feeds import FeedEntry, Selection, clean_text
from relance.uid import is_uid
from webapp import params, searching
from webapp.state import relance
from webapp.state import today as get_today
from webapp.views import common

bp = Blueprint("feeds", __name__)

DEFAULT_SIZE = 50
MAX_SIZE = core.MAX_ENTRIES
#: Seconds a client or a proxy may reuse a feed without asking again.
MAX_AGE = 300
#: Search hits read for a search's feed: the most recently published ones (one search,
#: uids only).
SEARCH_HITS = 200
#: The most items of a watchlist (as on /suivi).
MAX_WATCHLIST = 200

MIME = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
}
#: URL word → (core kind, feed title).
KINDS = {
    "reponses": (core.ANSWERS, "Nouvelles réponses"),
    "questions": (core.QUESTIONS, "Nouvelles questions écrites"),
    "retards": (core.OVERDUE, "Questions passées en retard"),
    "signalements": (core.SIGNALEMENTS, "Questions signalées, délai de dix jours dépassé"),
}
SUBTITLES = {
    core.ANSWERS: "Les réponses des ministres aux questions écrites des députés, les plus "
    "récemment parues d’abord (date : publication au Journal officiel ; mise à jour : "
    "quand Relance l’a vue).",
    core.QUESTIONS: "Les questions écrites des députés aux ministres, les plus récemment "
    "parues d’abord (date : publication au Journal officiel ; mise à jour : quand Relance "
    "l’a vue).",
    core.OVERDUE: "Les questions écrites restées sans réponse après leur échéance (deux mois "
    "après la publication), les plus récemment passées en retard d’abord.",
    core.SIGNALEMENTS: "Les questions signalées par leur groupe et toujours sans réponse dix "
    "jours après le signalement, les plus récentes d’abord.",
}
ENTRY_PREFIX = {
    core.ANSWERS: "Réponse",
    core.QUESTIONS: "Question",
    core.OVERDUE: "En retard",
    core.SIGNALEMENTS: "Signalée, délai dépassé",
}

#: Keys of ministries, groups (abbreviations have dashes: "LFI-NFP").
_KEY = re.compile(r"^[\w\-]{1,64}$")
_DEPUTY = re.compile(r"^PA\d{1,12}$")
_SEPARATORS = re.compile(r"[\s,;]+")
#: Filters of /flux/* (the same names as on the pages).
FILTER_PARAMS = ("ministere", "rubrique", "groupe", "depute", "legislature", "depuis", "jusqua")
#: Parameters of the search page that its feed carries.
SEARCH_PARAMS = (
    "q",
    "rubrique",
    "ministere",
    "groupe",
    "depute",
    "statut",
    "legislature",
    "annee",
    "depuis",
    "jusqua",
)


# -- parameters ------------------------------------------------------------------------------


def size(*, default: int = DEFAULT_SIZE, high: int = MAX_SIZE) -> int:
    value = params.integer("_size", low=1, high=high, default=default)
    assert value is not None
    return value


def selection_filters() -> Filters:
    """The filters of /flux/* and of the calendars, checked: a malformed value is a 400,
    a ministry, rubrique, group or deputy that Relance does not know a 404."""
    filters = params.filters()
    if filters.ministere and not _KEY.match(filters.ministere):
        params.bad("ministere", "clé de ministère attendue (par exemple interieur).")
    if filters.groupe and not _KEY.match(filters.groupe):
        params.bad("groupe", "abréviation ou identifiant PO… d’un groupe attendu.")
    if filters.depute and not _DEPUTY.match(filters.depute):
        params.bad("depute", "identifiant de député attendu (PA suivi de chiffres).")
    if filters.rubrique and not core.slugify(filters.rubrique):
        params.bad("rubrique", "clé ou nom de rubrique attendu (par exemple sante).")
    state = relance()
    unknown = state.cache.get(
        "feed-unknown", filters, lambda: core.unknown_selector(state.engine, filters)
    )
    if unknown:
        name, value = unknown
        noun = {
            "ministere": "Ministère",
            "rubrique": "Rubrique",
            "groupe": "Groupe",
            "depute": "Député",
        }[name]
        abort(404, description=f"{noun} inconnu de Relance : « {value[:80]} ».")
    return filters


def watchlist() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The uids (``q``) and deputies (``deputes``) of a watchlist URL; malformed items are
    ignored, as on /suivi; more than ``MAX_WATCHLIST`` items is a 400."""

    def tokens(name: str) -> list[str]:
        raw = params.text(name, max_chars=params.MAX_PARAM_CHARS) or ""
        return list(dict.fromkeys(t.upper() for t in _SEPARATORS.split(raw) if t))

    uids, refs = tokens("q"), tokens("deputes")
    if len(uids) + len(refs) > MAX_WATCHLIST:
        params.bad("q", f"une liste de suivi compte au plus {MAX_WATCHLIST} éléments.")
    return tuple(u for u in uids if is_uid(u)), tuple(r for r in refs if _DEPUTY.match(r))


def flux_kind() -> str:
    """``_flux`` of the search and watchlist feeds: ``reponses`` (default) or ``questions``."""
    return params.choice("_flux", ("reponses", "questions"), "reponses")


def canonical(names: Iterable[str], size: int | None = None) -> dict[str, str]:
    """The parameters among ``names`` that are set, stripped (links and cache keys), with
    ``_size`` when it is not the default."""
    out = {}
    for name in names:
        value = request.args.get(name, "").strip()
        if value:
            out[name] = value
    if size is not None and size != DEFAULT_SIZE:
        out["_size"] = str(size)
    return out


# -- caching and conditional HTTP ------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """A feed or a calendar, ready to send: its bytes and its validators."""

    body: bytes
    mimetype: str
    last_modified: datetime | None
    filename: str | None = None

    @property
    def etag(self) -> str:
        """A digest of the bytes (which depend on the data and the URL only)."""
        return hashlib.blake2b(self.body, digest_size=16).hexdigest()


def respond(key: Hashable, compute: Callable[[], Rendered]) -> Response:
    """The rendered document through the page cache (same URL, host, day and data version:
    the same bytes), with ``ETag``, ``Last-Modified`` and ``Cache-Control``; 304 when the
    request's ``If-None-Match`` or ``If-Modified-Since`` says the client has it."""
    state = relance()
    full = (request.path, key, get_today(), request.host_url)
    pages = state.pages
    rendered = pages.get("feed", full, compute) if pages is not None else compute()
    response = Response(rendered.body, mimetype=rendered.mimetype)
    response.set_etag(rendered.etag)
    if rendered.last_modified is not None:
        response.last_modified = rendered.last_modified.replace(microsecond=0)
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    if rendered.filename:
        response.headers["Content-Disposition"] = f'inline; filename="{rendered.filename}"'
    return response.make_conditional(request)


def _last_modified(
    entries: list[FeedEntry], today: date, *, daily: bool, leaving: bool
) -> datetime | None:
    """``Last-Modified`` of a feed: its latest entry's ``updated``; for feeds whose texts
    depend on the day (deadlines in words: ``daily``), at least midnight in Paris of
    "today"; for feeds whose entries leave when a question changes (overdue ones,
    calendars: ``leaving``), at least the latest change of any question."""
    candidates = [e.updated for e in entries]
    if daily:
        candidates.append(core.paris_midnight(today))
    if leaving or not candidates:
        mark = relance().cache.get("feed-watermark", None, lambda: core.watermark(_engine()))
        if mark is not None:
            candidates.append(mark)
    return max(candidates) if candidates else None


def _engine() -> Any:
    return relance().engine


# -- rendering ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedMeta:
    """What a feed says of itself."""

    kind: str  # core kind
    title: str
    subtitle: str
    self_url: str  # absolute
    alternate_url: str  # absolute: the HTML page of the same selection
    feed_id: str  # stable, host-independent


@dataclass(frozen=True)
class Links:
    """The absolute URLs entries need, built once per feed (uids are URL-safe)."""

    question: str
    rubriques: str
    ministeres: str
    groupes: str

    @classmethod
    def build(cls) -> Links:
        return cls(
            question=url_for("questions.question", uid="__UID__", _external=True),
            rubriques=url_for("scoreboards.rubriques", fmt="html", _external=True),
            ministeres=url_for("scoreboards.ministeres", fmt="html", _external=True),
            groupes=url_for("scoreboards.groupes", fmt="html", _external=True),
        )

    def of(self, uid: str) -> str:
        return self.question.replace("__UID__", uid)


def entry_title(entry: FeedEntry) -> str:
    """« Réponse — n° 6778 (17ᵉ lég.) — Marie Dupont — Santé : accès aux soins »."""
    q = entry.question
    parts = [ENTRY_PREFIX[entry.kind], f"n° {q.number} ({q.legislature}ᵉ lég.)"]
    if q.deputy_name or q.deputy_ref:
        parts.append(q.deputy_name or q.deputy_ref or "")
    topic = q.rubrique or ""
    if q.titre and q.titre != q.rubrique:
        topic = f"{topic} : {q.titre}" if topic else q.titre
    if topic:
        parts.append(topic)
    return clean_text(" — ".join(parts))


def entry_lines(entry: FeedEntry) -> list[str]:
    """The entry's text, line by line (plain text, French)."""
    q = entry.question
    lines = []
    if entry.kind == core.ANSWERS and entry.day:
        lines.append(f"Réponse publiée au Journal officiel le {french_long_date(entry.day)}.")
    elif entry.kind == core.QUESTIONS and entry.day:
        lines.append(f"Question publiée au Journal officiel le {french_long_date(entry.day)}.")
    elif entry.kind == core.OVERDUE and entry.day:
        lines.append(f"Échéance dépassée : la réponse était due le {french_long_date(entry.day)}.")
    elif entry.kind == core.SIGNALEMENTS and entry.day:
        lines.append(
            "Question signalée : la réponse était due dix jours après le signalement, "
            f"le {french_long_date(entry.day)}."
        )
    lines.append(f"Ministère attributaire : {q.ministere or q.ministere_key or 'inconnu'}.")
    author = q.deputy_name or q.deputy_ref or "inconnu"
    lines.append(f"Député : {author}" + (f" ({q.groupe})." if q.groupe else "."))
    if q.rubrique:
        lines.append(f"Rubrique : {q.rubrique}.")
    lines.append(f"Délai : {q.deadline}.")
    if entry.excerpt:
        label = "Extrait de la réponse" if entry.kind == core.ANSWERS else "Extrait de la question"
        lines.append(f"{label} : {entry.excerpt}")
    return [clean_text(line) for line in lines]


def _categories(entry: FeedEntry, links: Links) -> list[dict[str, str]]:
    """Rubrique, ministry and group, each with the URL of its list as scheme."""
    q = entry.question
    out = []
    if q.rubrique:
        term = entry.rubrique_key or core.slugify(q.rubrique) or "inconnue"
        out.append({"term": term, "label": clean_text(q.rubrique), "scheme": links.rubriques})
    if q.ministere_key:
        label = clean_text(q.ministere or q.ministere_key)
        out.append({"term": q.ministere_key, "label": label, "scheme": links.ministeres})
    if q.groupe:
        term = clean_text(entry.groupe_ref or q.groupe)
        out.append({"term": term, "label": clean_text(q.groupe), "scheme": links.groupes})
    return [c for c in out if c["term"]]


def rss_text(text: str) -> str:
    """RSS does not say whether a title or a category is text or HTML, and some readers
    render them: angle brackets (never in a real one) are escaped so no reader sees a tag."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def render_feed(fmt: str, meta: FeedMeta, entries: list[FeedEntry], updated: datetime) -> bytes:
    """The feed's bytes (Atom or RSS), entries in the given order."""
    fg = FeedGenerator()
    fg.id(meta.feed_id)
    fg.title(clean_text(meta.title))
    fg.subtitle(clean_text(meta.subtitle))
    fg.language("fr")
    fg.author({"name": "Relance"})
    fg.link(href=meta.self_url, rel="self", type=MIME[fmt].split(";")[0])
    fg.link(href=meta.alternate_url, rel="alternate", type="text/html")  # last: RSS's link
    fg.updated(updated)
    fg.lastBuildDate(updated)
    fg.generator("Relance (feedgen)")
    links = Links.build()
    for entry in entries:
        fe = fg.add_entry(order="append")
        link = links.of(entry.uid)
        fe.id(entry.guid)
        fe.guid(entry.guid, permalink=False)
        fe.title(entry_title(entry) if fmt == "atom" else rss_text(entry_title(entry)))
        fe.link(href=link, rel="alternate", type="text/html")
        fe.published(entry.published)
        fe.updated(entry.updated)
        categories = _categories(entry, links)
        if fmt == "rss":
            categories = [{**c, "label": rss_text(c["label"])} for c in categories]
        fe.category(categories)
        lines = entry_lines(entry)
        if fmt == "atom":
            fe.summary("\n".join(lines), type="text")
        else:  # RSS readers read the description as HTML: escape the plain text
            fe.description("".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines))
    return fg.atom_str(pretty=False) if fmt == "atom" else fg.rss_str(pretty=False)


def build_feed(
    fmt: str, meta: FeedMeta, load: Callable[[], list[FeedEntry]], today: date
) -> Rendered:
    entries = load()
    daily = meta.kind != core.ANSWERS  # answered questions' phrases do not change by day
    leaving = meta.kind in (core.OVERDUE, core.SIGNALEMENTS)
    modified = _last_modified(entries, today, daily=daily, leaving=leaving)
    updated = modified or datetime(2000, 1, 1, tzinfo=UTC)
    return Rendered(render_feed(fmt, meta, entries, updated), MIME[fmt], modified)


def load_entries(kind: str, selection: Selection, limit: int) -> Callable[[], list[FeedEntry]]:
    today = get_today()
    engine = _engine()
    if kind in core.EVENT_KINDS:
        return lambda: core.event_entries(
            engine, kind=kind, selection=selection, today=today, limit=limit
        )
    return lambda: core.late_entries(
        engine, kind=kind, selection=selection, today=today, limit=limit
    )


# -- titles of a selection -----------------------------------------------------------------------


def scope_words(filters: Filters) -> str:
    """« ministère : Intérieur · 17ᵉ législature » for a feed's title."""
    parts = []
    if filters.ministere:
        name = common.names(Dimension.MINISTERE).get(filters.ministere, filters.ministere)
        parts.append(f"ministère : {name}")
    if filters.rubrique:
        key = core.slugify(filters.rubrique)
        parts.append(f"rubrique : {common.names(Dimension.RUBRIQUE).get(key, filters.rubrique)}")
    if filters.groupe:
        parts.append(f"groupe : {filters.groupe}")
    if filters.depute:
        name = common.names(Dimension.DEPUTE).get(filters.depute, filters.depute)
        parts.append(f"député : {name}")
    if filters.legislature:
        parts.append(f"{filters.legislature}ᵉ législature")
    if filters.depuis:
        parts.append(f"publiées depuis le {french_long_date(filters.depuis)}")
    if filters.jusqua:
        parts.append(f"publiées jusqu’au {french_long_date(filters.jusqua)}")
    return " · ".join(parts)


def _titled(base: str, scope: str) -> str:
    return f"Relance — {base}" + (f" — {scope}" if scope else "")


def alternate_for(filters: Filters, kind: str) -> str:
    """The HTML page of a selection: an entity's page when one entity is chosen, else the
    home page (overdue list) with the same filters."""
    chosen = {k: v for k, v in filters.as_dict().items()}
    if len(chosen) == 1:
        (name, value), *_ = chosen.items()
        endpoint = {
            "ministere": ("scoreboards.ministere", "key"),
            "rubrique": ("scoreboards.rubrique", "key"),
            "groupe": ("scoreboards.groupe", "key"),
            "depute": ("deputes.depute", "ref"),
        }.get(name)
        if endpoint:
            key = core.slugify(value) if name == "rubrique" else value
            return url_for(endpoint[0], fmt="html", _external=True, **{endpoint[1]: key})
    home = {k: v for k, v in chosen.items() if k not in ("depuis", "jusqua")}
    if kind == core.SIGNALEMENTS:
        home["signalee"] = "1"
    return url_for("overdue.index", fmt="html", _external=True, **home)


def _feed_id(endpoint_path: str, args: dict[str, str]) -> str:
    """``tag:relance,2026:flux/reponses?ministere=interieur``: the path and the sorted
    parameters, without the host (the same feed wherever it is served)."""
    query = urlencode(sorted(args.items()), quote_via=quote)
    return f"{core.TAG}{endpoint_path}" + (f"?{query}" if query else "")


# -- views ---------------------------------------------------------------------------------------


@bp.route("/flux/<any(reponses, questions, retards, signalements):name>.<any(atom, rss):fmt>")
def flux(name: str, fmt: str) -> Response:
    kind, title = KINDS[name]
    filters = selection_filters()
    limit = size()
    args = canonical(FILTER_PARAMS, limit)
    scope = scope_words(filters)
    meta = FeedMeta(
        kind=kind,
        title=_titled(title, scope),
        subtitle=SUBTITLES[kind],
        self_url=url_for("feeds.flux", name=name, fmt=fmt, _external=True, **args),
        alternate_url=alternate_for(filters, kind),
        feed_id=_feed_id(f"flux/{name}", args),
    )
    selection = Selection(filters=filters)
    today = get_today()
    return respond(
        (fmt, tuple(sorted(args.items()))),
        lambda: build_feed(fmt, meta, load_entries(kind, selection, limit), today),
    )


def _search_uids(query: Any) -> list[str]:
    """The uids of the ``SEARCH_HITS`` most recently published matches of a search."""
    return list(dict.fromkeys(searching.search(relance().index_dir, query).uids))


@bp.route("/recherche.<any(atom, rss):fmt>")
def recherche(fmt: str) -> Response:
    """New answers (or, with ``_flux=questions``, new questions) among the questions a
    search finds: the search runs through the index (the ``SEARCH_HITS`` most recently
    published matches; for answers, answered ones only), then the feed reads those
    questions' events."""
    from index import SearchQuery
    from webapp.views.search import FILTERS, _period

    name = flux_kind()
    kind, title = KINDS[name]
    text = params.text("q", max_chars=params.MAX_PARAM_CHARS) or ""
    chosen: dict[str, Any] = {n: params.text(n) for n in FILTERS if n != "legislature"}
    chosen["legislature"] = params.integer("legislature", low=1, high=99)
    annee = params.integer("annee", low=1900, high=2100)
    since, until = _period(annee)
    limit = size()
    filters = {k: v for k, v in chosen.items() if v is not None}
    if not (text or filters or since or until):
        params.bad("q", "précisez une recherche (par exemple q=hôpital).")
    if kind == core.ANSWERS:
        filters["statut"] = "answered"
    args = canonical(SEARCH_PARAMS, limit)
    if name != "reponses":
        args["_flux"] = name
    query = SearchQuery(
        text=text,
        filters=filters,
        date_from=since,
        date_to=until,
        sort="date",
        page=1,
        size=SEARCH_HITS,
        details=False,  # the feed reads the rest from the database
    )
    words = f"recherche « {text[:80]} »" if text else "recherche"
    meta = FeedMeta(
        kind=kind,
        title=_titled(title, words),
        subtitle=SUBTITLES[kind],
        self_url=url_for("feeds.recherche", fmt=fmt, _external=True, **args),
        alternate_url=url_for(
            "search.recherche",
            fmt="html",
            _external=True,
            **{k: v for k, v in args.items() if not k.startswith("_")},
        ),
        feed_id=_feed_id("recherche", args),
    )

    def load() -> list[FeedEntry]:
        selection = Selection(uids=tuple(_search_uids(query)), listed=True)
        return load_entries(kind, selection, limit)()

    today = get_today()
    return respond(
        (fmt, tuple(sorted(args.items())), _index_version()),
        lambda: build_feed(fmt, meta, load, today),
    )


def _index_version() -> str:
    """The search index's version, when the index says it (a search feed is also kept per
    index version: the index follows the database a moment later)."""
    import index

    version = getattr(index, "index_version", None)
    if version is None:
        return ""
    try:
        return str(version(relance().index_dir))
    except Exception:  # no index yet: the search says so; the key just stays the same
        return ""


@bp.route("/suivi.<any(atom, rss):fmt>")
def suivi(fmt: str) -> Response:
    """New answers (or new questions, ``_flux=questions``) of a watchlist: its questions
    and its deputies' questions."""
    name = flux_kind()
    kind, title = KINDS[name]
    uids, refs = watchlist()
    limit = size()
    args = {"q": ",".join(uids), "deputes": ",".join(refs)}
    args = {k: v for k, v in args.items() if v}
    if limit != DEFAULT_SIZE:
        args["_size"] = str(limit)
    if name != "reponses":
        args["_flux"] = name
    count = len(uids) + len(refs)
    meta = FeedMeta(
        kind=kind,
        title=_titled(title, f"liste de suivi ({count} élément{'s' if count > 1 else ''})"),
        subtitle=SUBTITLES[kind],
        self_url=url_for("feeds.suivi", fmt=fmt, _external=True, **args),
        alternate_url=url_for(
            "watchlist.suivi",
            fmt="html",
            _external=True,
            **{k: v for k, v in args.items() if not k.startswith("_")},
        ),
        feed_id=_feed_id("suivi", args),
    )
    selection = Selection(uids=uids, deputies=refs, listed=True)
    today = get_today()
    return respond(
        (fmt, tuple(sorted(args.items()))),
        lambda: build_feed(fmt, meta, load_entries(kind, selection, limit), today),
    )


# -- autodiscovery -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedLink:
    title: str
    atom: str
    rss: str


def _flux_links(names: Iterable[str], args: dict[str, str], scope: str) -> list[FeedLink]:
    links = []
    for name in names:
        title = KINDS[name][1] + (f" ({scope})" if scope else "")
        links.append(
            FeedLink(
                title,
                url_for("feeds.flux", name=name, fmt="atom", **args),
                url_for("feeds.flux", name=name, fmt="rss", **args),
            )
        )
    return links


def page_feeds() -> dict[str, Any]:
    """The feeds and the calendar a page advertises (``<link rel="alternate">`` in the
    head, "S'abonner" links in the footer), from its endpoint and parameters."""
    endpoint = request.endpoint or ""
    view_args = request.view_args or {}
    if view_args.get("fmt", "html") != "html":
        return {"feeds": [], "calendar": None}
    feeds: list[FeedLink] = []
    calendar = None
    entity = {
        "scoreboards.ministere": "ministere",
        "scoreboards.rubrique": "rubrique",
        "scoreboards.groupe": "groupe",
        "deputes.depute": "depute",
    }
    if endpoint == "overdue.index":
        args = canonical(("ministere", "rubrique", "groupe", "depute", "legislature"))
        scope = ", ".join(args.values())
        feeds = _flux_links(("reponses", "questions", "retards", "signalements"), args, scope)
    elif endpoint in entity:
        name = entity[endpoint]
        key = str(view_args.get("key") or view_args.get("ref") or "")
        args = {name: key}
        feeds = _flux_links(("reponses", "questions", "retards"), args, key)
        if name in ("ministere", "depute"):
            calendar = url_for("calendars.echeances", **args)
    elif endpoint == "search.recherche":
        args = canonical(SEARCH_PARAMS)
        if args:
            scope = f"recherche « {args['q'][:60]} »" if "q" in args else "recherche"
            feeds = [
                FeedLink(
                    f"{KINDS[name][1]} ({scope})",
                    url_for("feeds.recherche", fmt="atom", **args, **extra),
                    url_for("feeds.recherche", fmt="rss", **args, **extra),
                )
                for name, extra in (("reponses", {}), ("questions", {"_flux": "questions"}))
            ]
    elif endpoint == "jumelles.jumelles":
        from webapp.views.jumelles import feed_args

        kind = request.args.get("type", "question")
        args = feed_args(
            kind if kind in ("question", "reponse") else "question",
            request.args.get("rubrique", "")[:200] or None,
            request.args.get("groupe", "")[:200] or None,
        )
        title = (
            "Nouvelles questions jumelles"
            if args["type"] == "question"
            else ("Nouvelles réponses types")
        )
        scope = ", ".join(v for k, v in args.items() if k != "type")
        feeds = [
            FeedLink(
                title + (f" ({scope})" if scope else ""),
                url_for("jumelles.flux", fmt="atom", **args),
                url_for("jumelles.flux", fmt="rss", **args),
            )
        ]
    elif endpoint == "watchlist.suivi":
        args = canonical(("q", "deputes"))
        if args:
            feeds = [
                FeedLink(
                    f"{KINDS[name][1]} (liste de suivi)",
                    url_for("feeds.suivi", fmt="atom", **args, **extra),
                    url_for("feeds.suivi", fmt="rss", **args, **extra),
                )
                for name, extra in (("reponses", {}), ("questions", {"_flux": "questions"}))
            ]
            calendar = url_for("calendars.suivi", **args)
    return {"feeds": feeds, "calendar": calendar}


def init_app(app: Flask) -> None:
    """The feeds' blueprint, and ``feed_links`` in every template."""
    app.register_blueprint(bp)

    @app.context_processor
    def _feed_links() -> dict[str, Any]:
        if request.endpoint is None:
            return {"feed_links": {"feeds": [], "calendar": None}}
        return {"feed_links": page_feeds()}
