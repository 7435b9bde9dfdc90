"""Copies of SQLite test databases, for tests that write to a shared corpus's data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine


def copy_sqlite(source: Engine | Path, target: Path) -> str:
    """Copy the SQLite database of ``source`` (an engine or a file) to ``target`` with the
    backup API (what is still in the write-ahead log included); returns the copy's URL."""
    path = source if isinstance(source, Path) else source.url.database
    assert path, "a SQLite database file"
    with sqlite3.connect(path) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{target}"
