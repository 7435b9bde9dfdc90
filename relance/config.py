"""Configuration from defaults and the environment (``RELANCE_*``). Nothing secret in git."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

OPENDATA_BASE = "https://data.assemblee-nationale.fr/static/openData/repository"
SITE_BASE = "https://www.assemblee-nationale.fr"
QUESTIONS_SITE_BASE = "https://questions.assemblee-nationale.fr"
PROJECT_URL = "https://github.com/relance-qe/relance"
#: Where ``relance serve`` listens by default.
DEFAULT_SERVE_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    opendata_base: str
    site_base: str
    questions_site_base: str
    contact_url: str
    #: The web app's public address (``https://relance.example.org``): calendar events are
    #: pre-rendered with links under it; unset, under ``relance serve``'s default address.
    public_url: str = ""

    @property
    def index_dir(self) -> Path:
        """The search index (``relance index`` writes it, ``relance search`` reads it)."""
        return self.data_dir / "index"

    @property
    def calendar_base_url(self) -> str:
        """The base URL of the links in pre-rendered calendar events."""
        return self.public_url or DEFAULT_SERVE_URL

    @property
    def user_agent(self) -> str:
        """Identifies Relance to the Assemblée's servers, with a way to reach its operator."""
        from relance import __version__

        return f"Relance/{__version__} (+{self.contact_url})"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """``RELANCE_DATA_DIR`` (default ``./var``) holds the SQLite file, the index, the HTTP
    cache and crawl state; ``RELANCE_DATABASE_URL`` overrides the database (PostgreSQL:
    ``postgresql+psycopg://user@host/db``)."""
    env = dict(os.environ if env is None else env)
    data_dir = Path(env.get("RELANCE_DATA_DIR") or "var").expanduser()
    database_url = env.get("RELANCE_DATABASE_URL") or f"sqlite:///{data_dir / 'relance.db'}"
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        opendata_base=env.get("RELANCE_OPENDATA_BASE", OPENDATA_BASE).rstrip("/"),
        site_base=env.get("RELANCE_SITE_BASE", SITE_BASE).rstrip("/"),
        questions_site_base=env.get("RELANCE_QUESTIONS_SITE_BASE", QUESTIONS_SITE_BASE).rstrip("/"),
        contact_url=env.get("RELANCE_CONTACT_URL", PROJECT_URL),
        public_url=env.get("RELANCE_PUBLIC_URL", "").strip().rstrip("/"),
    )
