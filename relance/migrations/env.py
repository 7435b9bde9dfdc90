"""Alembic environment: run programmatically by ``relance.db.migrate`` (and by ``alembic``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from relance.db.engine import make_engine
from relance.db.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE on SQLite
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    """The URL given by ``relance.db.migrate``, else Relance's configured database."""
    from relance.config import load_settings

    return config.get_main_option("sqlalchemy.url") or load_settings().database_url


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
