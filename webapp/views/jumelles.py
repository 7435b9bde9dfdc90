"""``/jumelles`` (clusters of near-identical questions, or of boilerplate answers: the
largest or the newest) and ``/jumelles/<type>/<id>`` (a cluster's members and its shared
text, what differs marked), from ``relance.twins.queries``; ``/flux/jumelles.atom`` and
``.rss``, the clusters that grew last (feedgen), advertised on the ``/jumelles`` pages."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, abort, url_for

from relance.db import feeds as core
from relance.db.feeds import clean_text
from relance.twins.queries import ClusterSummary, get_cluster, list_clusters
from relance.uid import is_uid
from webapp import feeds, params
from webapp.state import relance
from webapp.state import today as get_today
from webapp.twins import Page, render, twin_route
from webapp.views import common

bp = Blueprint("jumelles", __name__)

#: URL type → stored kind.
KINDS = {"question": "question", "reponse": "answer"}
#: ``_sort`` values → ``list_clusters`` sorts.
SORTS = {"taille": "size", "recent": "newest"}
#: The deepest page of clusters (filter instead).
MAX_PAGES = 200

COLUMNS = (
    "kind",
    "id",
    "size",
    "first_uid",
    "first_date",
    "last_date",
    "rubrique_key",
    "rubrique",
    "ministry_key",
    "min_similarity",
    "deputies",
    "groups",
    "ministries",
)
MEMBER_COLUMNS = (
    "uid",
    "legislature",
    "number",
    "day",
    "date_publication",
    "deputy_ref",
    "deputy_name",
    "groupe",
    "rubrique",
    "ministry_key",
    "ministry",
    "status",
    "similarity",
    "first",
)


@twin_route(bp, "/jumelles")
def jumelles(fmt: str) -> Response:
    today = get_today()
    kind_param = params.choice("type", tuple(KINDS), "question")
    sort = params.choice("_sort", tuple(SORTS), "taille")
    rubrique = params.text("rubrique")
    groupe = params.text("groupe")
    since = params.day("depuis")
    until = params.day("jusqua")
    if since and until and since > until:
        params.bad("depuis", "la date de début est après la date de fin (jusqua).")
    paging = params.paging(default_size=50, max_size=200)
    if paging.page > MAX_PAGES:
        params.bad("_page", f"au plus {MAX_PAGES} pages ; filtrez plutôt.")
    found = list_clusters(
        relance().engine,
        KINDS[kind_param],
        rubrique=rubrique,
        group=groupe,
        date_from=since,
        date_to=until,
        sort=SORTS[sort],  # type: ignore[arg-type]
        limit=paging.size,
        offset=paging.offset,
    )
    filters = {
        k: v
        for k, v in {
            "type": kind_param,
            "rubrique": rubrique,
            "groupe": groupe,
            "depuis": since.isoformat() if since else None,
            "jusqua": until.isoformat() if until else None,
        }.items()
        if v
    }
    context: dict[str, Any] = {
        "as_of": today,
        "type": kind_param,
        "kind": KINDS[kind_param],
        "filters": filters,
        "sort": sort,
        **common.pagination(found.total, paging, MAX_PAGES),
        "clusters": [c.as_dict() for c in found.clusters],
    }
    return render(
        Page(
            "jumelles.html",
            context,
            rows="clusters",
            columns=COLUMNS,
            filename=f"jumelles-{kind_param}-{today.isoformat()}",
            extras={"choices": common.form_choices(today)},
        ),
        fmt,
    )


@twin_route(bp, "/jumelles/<kind>/<cluster_id>")
def jumelle(kind: str, cluster_id: str, fmt: str) -> Response:
    if kind not in KINDS or not is_uid(cluster_id):
        abort(404)
    paging = params.paging(default_size=100, max_size=500)
    detail = get_cluster(relance().engine, KINDS[kind], cluster_id)
    if detail is None:
        abort(404)
    members = [m.as_dict() for m in detail.members]
    context: dict[str, Any] = {
        "as_of": get_today(),
        "type": kind,
        "cluster": detail.summary.as_dict(),
        "text": detail.text,
        "shared": detail.shared,
        **common.pagination(len(members), paging),
        "members": members[paging.offset : paging.offset + paging.size],
    }
    return render(
        Page(
            "jumelle.html",
            context,
            rows="members",
            columns=MEMBER_COLUMNS,
            filename=f"jumelles-{kind}-{cluster_id}",
        ),
        fmt,
    )


def _entry_text(kind: str, c: ClusterSummary) -> tuple[str, str]:
    noun = "questions jumelles" if kind == "question" else "réponses types"
    title = f"{c.size} {noun}" + (f" — {c.rubrique}" if c.rubrique else "")
    lines = [
        f"Première occurrence : {c.id}, le {c.first_date.isoformat() if c.first_date else '?'}",
        f"Dernière : le {c.last_date.isoformat() if c.last_date else '?'}",
        f"Députés : {c.deputies}" + (f" (groupes : {', '.join(c.groups)})" if c.groups else ""),
    ]
    if c.ministries:
        lines.append(f"Ministères : {', '.join(c.ministries)}")
    return clean_text(title), clean_text("\n".join(lines))


def feed_args(kind_param: str, rubrique: str | None, groupe: str | None) -> dict[str, str]:
    """The canonical parameters of a clusters feed (what its cache and its id are keyed on;
    the ``/jumelles`` page advertises the feed of its own filters)."""
    return {
        k: v for k, v in {"type": kind_param, "rubrique": rubrique, "groupe": groupe}.items() if v
    }


@bp.route("/flux/jumelles.<any(atom, rss):fmt>")
def flux(fmt: str) -> Response:
    """The clusters whose latest member is the newest (``type``, ``rubrique``, ``groupe``,
    ``_size`` 1 to 200, default 50), Atom or RSS. An entry's id is its cluster's: it comes
    back, updated, when the cluster grows."""
    kind_param = params.choice("type", tuple(KINDS), "question")
    kind = KINDS[kind_param]
    rubrique = params.text("rubrique")
    groupe = params.text("groupe")
    limit = feeds.size()
    args = feed_args(kind_param, rubrique, groupe)
    if limit != feeds.DEFAULT_SIZE:
        args["_size"] = str(limit)
    engine = relance().engine

    def compute() -> feeds.Rendered:
        found = list_clusters(
            engine, kind, rubrique=rubrique, group=groupe, sort="newest", limit=limit
        )
        fg = FeedGenerator()
        fg.id(f"{core.TAG}flux/jumelles?{urlencode(sorted(args.items()), quote_via=quote)}")
        fg.title("Relance — " + ("questions jumelles" if kind == "question" else "réponses types"))
        fg.subtitle("Les groupes de textes presque identiques qui ont grandi le plus récemment")
        fg.language("fr")
        fg.author({"name": "Relance"})
        fg.link(
            href=url_for("jumelles.flux", fmt=fmt, _external=True, **args),
            rel="self",
            type=feeds.MIME[fmt].split(";")[0],
        )
        fg.link(  # last: RSS's channel link
            href=url_for("jumelles.jumelles", _external=True, _sort="recent", **args),
            rel="alternate",
            type="text/html",
        )
        stamps = [core.paris_midnight(c.last_date) for c in found.clusters if c.last_date]
        updated = max(stamps) if stamps else datetime(2000, 1, 1, tzinfo=UTC)
        fg.updated(updated)
        fg.lastBuildDate(updated)
        for c in found.clusters:
            fe = fg.add_entry(order="append")
            guid = f"{core.TAG}jumelles/{kind_param}/{c.id}"
            fe.id(guid)
            fe.guid(guid, permalink=False)
            title, summary = _entry_text(kind, c)
            fe.title(title if fmt == "atom" else feeds.rss_text(title))
            fe.link(
                href=url_for(
                    "jumelles.jumelle", kind=kind_param, cluster_id=c.id, fmt="html", _external=True
                ),
                rel="alternate",
                type="text/html",
            )
            when = core.paris_midnight(c.last_date) if c.last_date else updated
            # RSS has one date: when the cluster last grew; Atom also says when it began.
            first = core.paris_midnight(c.first_date) if c.first_date else when
            fe.published(first if fmt == "atom" else when)
            fe.updated(when)
            if fmt == "atom":
                fe.summary(summary, type="text")
            else:  # RSS readers read the description as HTML: escape the plain text
                fe.description(
                    "".join(
                        f"<p>{html.escape(line, quote=False)}</p>" for line in summary.split("\n")
                    )
                )
        body = fg.atom_str(pretty=False) if fmt == "atom" else fg.rss_str(pretty=False)
        return feeds.Rendered(body, feeds.MIME[fmt], updated if stamps else None)

    return feeds.respond(("jumelles", fmt, tuple(sorted(args.items()))), compute)
