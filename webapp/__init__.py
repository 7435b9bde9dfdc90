"""Relance's web app (Flask): browse the written questions, the overdue ones, the ministries'
figures, search, and follow a watchlist; every list and detail page has ``.json`` and
``.csv`` twins built from the same context.

``create_app(config)`` is the factory (``flask --app webapp run``, ``relance serve``).
Configuration: defaults, then ``FLASK_*`` and ``RELANCE_*`` from the environment, then
``config``. The app only reads the database and the search index.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.exceptions import HTTPException

from relance.config import load_settings
from relance.db.engine import make_engine
from webapp.cache import Cache
from webapp.state import Relance

logger = logging.getLogger(__name__)

#: Settings read from the environment too (``RELANCE_*``), and their defaults.
DEFAULTS: dict[str, Any] = {
    # "Today" frozen to this ISO date (tests, replays); unset: today in Paris.
    "RELANCE_TODAY": None,
    "RELANCE_DATA_DIR": None,  # default ./var (relance.config)
    "RELANCE_DATABASE_URL": None,  # default sqlite:///$RELANCE_DATA_DIR/relance.db
    "RELANCE_INDEX_DIR": None,  # default $RELANCE_DATA_DIR/index
    "RELANCE_CACHE_SIZE": 256,  # aggregates kept in memory, per process
    "RELANCE_CACHE_TTL": 5.0,  # seconds between two looks at the database's data version
    "RELANCE_CACHE_MAX_AGE": 600.0,  # seconds an aggregate or a page is kept at most
    "RELANCE_PAGE_CACHE_SIZE": 512,  # whole pages kept per process (0: none)
    # The public address (https://…): calendar links, and the pre-rendered events made for
    # it (relance.calendar); unset: the request's own address.
    "RELANCE_PUBLIC_URL": None,
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The application: one engine, one aggregate cache, the blueprints, the error pages
    and the security headers."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env()  # FLASK_*
    for key in DEFAULTS:
        if os.environ.get(key):
            app.config[key] = os.environ[key]
    app.config.update(config or {})

    env = {k: str(v) for k, v in app.config.items() if k.startswith("RELANCE_") and v is not None}
    settings = load_settings({**os.environ, **env})
    index_dir = Path(app.config["RELANCE_INDEX_DIR"] or settings.index_dir)
    today = app.config["RELANCE_TODAY"]
    frozen = date.fromisoformat(str(today)) if today else None  # a bad value fails here
    engine = make_engine(settings.database_url)
    ttl = float(app.config["RELANCE_CACHE_TTL"])
    max_age = float(app.config["RELANCE_CACHE_MAX_AGE"])
    page_cache_size = int(app.config["RELANCE_PAGE_CACHE_SIZE"])
    app.extensions["relance"] = Relance(
        settings=settings,
        engine=engine,
        index_dir=index_dir,
        frozen_today=frozen,
        cache=Cache(
            engine, maxsize=int(app.config["RELANCE_CACHE_SIZE"]), ttl=ttl, max_age=max_age
        ),
        pages=(
            Cache(engine, maxsize=page_cache_size, ttl=ttl, max_age=max_age)
            if page_cache_size > 0
            else None
        ),
    )

    from webapp import calendars, errors, feeds, security, templating
    from webapp.views import (
        deputes,
        jumelles,
        overdue,
        questions,
        scoreboards,
        search,
        watchlist,
    )

    security.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    for blueprint in (
        overdue.bp,
        scoreboards.bp,
        questions.bp,
        deputes.bp,
        search.bp,
        watchlist.bp,
        jumelles.bp,
    ):
        app.register_blueprint(blueprint)
    feeds.init_app(app)  # the feeds, and their autodiscovery links in every page
    app.register_blueprint(calendars.bp)
    return app


def warm_up(app: Flask) -> None:
    """Compute what most pages need (key figures, scoreboards, the deputies' list) into the
    cache and open the search index, so that the first requests are as fast as the next
    ones; ``relance serve`` runs it in each worker before it takes requests."""
    from index import SearchQuery
    from relance.db.browse import Dimension, Filters
    from webapp import searching
    from webapp.state import relance, today
    from webapp.views import common

    with app.app_context():
        day = today()
        common.figures(day, Filters())
        common.overdue_count(day, Filters(), False)
        common.form_choices(day)
        for dimension in Dimension:
            common.stats(day, dimension, Filters())
        common.changes()
        state = relance()
        # The index loads its columns on first use: a search and a similar-questions call.
        try:
            result = searching.search(state.index_dir, SearchQuery(text="question", size=1))
        except HTTPException:  # logged; the pages will say it
            return
        if result.uids:
            searching.similar(state.index_dir, result.uids[0], 5)
