"""What the app holds for its whole life (one engine, the index folder, the cache), and
"today"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import Engine

from relance.config import Settings
from relance.dates import today_paris

if TYPE_CHECKING:
    from webapp.cache import Cache


@dataclass(frozen=True)
class Relance:
    settings: Settings
    engine: Engine
    index_dir: Path
    frozen_today: date | None
    cache: Cache  # aggregates
    pages: Cache | None  # whole pages (None: off)


def relance() -> Relance:
    """The current app's state."""
    return current_app.extensions["relance"]


def today() -> date:
    """``RELANCE_TODAY`` when set (tests), else the day in Paris; read once per request by
    the views and passed down."""
    return relance().frozen_today or today_paris()
