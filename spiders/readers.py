"""The import's reading processes, started early.

``relance import`` reads with worker processes forked from a forkserver that has the reading
code already imported (half a second of imports, once). Starting that server is the first
thing an import does, from this light module, so that its imports overlap with the
importing process's own (SQLAlchemy, the models, the migrations) instead of following them.
"""

from __future__ import annotations

from multiprocessing import forkserver
from pathlib import Path

#: A single input file smaller than this is not worth starting reading processes for.
WORTH_PROCESSES = 1 << 20


def worth_processes(path: Path) -> bool:
    """A folder, or a file of at least ``WORTH_PROCESSES`` bytes."""
    return path.is_dir() or (path.is_file() and path.stat().st_size >= WORTH_PROCESSES)


def start_forkserver() -> None:
    """Start the process the readers are forked from, with the reading code imported there
    (``__main__`` too: the readers' initializer is looked up by its module). Returns at once;
    the server imports in the background. Once per process; it stays for later runs."""
    forkserver.set_forkserver_preload(["__main__", "spiders.importer"])
    forkserver.ensure_running()
