"""An in-process cache for expensive aggregates (scoreboards, key figures, the deputies'
list): a small LRU keyed by (name, today, the database's data version, params).

The data version (``relance.db.browse.data_version``) is looked at most once every
``ttl`` seconds; when the crawler changes the database, entries of the old version stop
being hit and age out of the LRU. An entry older than ``max_age`` seconds is computed
again anyway (the data version does not see every edit). Each key is computed once even
when many requests want it at the same moment (the others wait).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import Engine

from relance.db.browse import data_version

T = TypeVar("T")


class Cache:
    def __init__(
        self, engine: Engine, *, maxsize: int = 256, ttl: float = 5.0, max_age: float = 600.0
    ) -> None:
        self.engine = engine
        self.maxsize = max(1, maxsize)
        self.ttl = ttl
        self.max_age = max_age
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._inflight: dict[Hashable, threading.Lock] = {}
        self._version: tuple[float, str] | None = None
        self.hits = 0
        self.misses = 0

    def version(self) -> str:
        """The data version, refreshed when older than ``ttl`` seconds."""
        now = time.monotonic()
        cached = self._version
        if cached is None or now - cached[0] >= self.ttl:
            cached = self._version = (now, data_version(self.engine))
        return cached[1]

    def get(self, name: str, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``compute()`` for (name, data version, key), computed once."""
        full = (name, self.version(), key)
        with self._lock:
            if (found := self._fresh(full)) is not None:
                self._entries.move_to_end(full)
                self.hits += 1
                return found[1]
            gate = self._inflight.setdefault(full, threading.Lock())
        with gate:  # one computation per key; the others wait for it
            with self._lock:
                if (found := self._fresh(full)) is not None:
                    self.hits += 1
                    return found[1]
            try:
                value = compute()
                with self._lock:
                    self.misses += 1
                    self._entries[full] = (time.monotonic(), value)
                    while len(self._entries) > self.maxsize:
                        self._entries.popitem(last=False)
            finally:
                with self._lock:
                    self._inflight.pop(full, None)
        return value

    def peek(self, name: str, key: Hashable) -> Any:
        """The cached value, or None when it is not computed yet (nothing computed here)."""
        full = (name, self.version(), key)
        with self._lock:
            found = self._fresh(full)
        return found[1] if found is not None else None

    def _fresh(self, full: Hashable) -> tuple[float, Any] | None:
        """The (time, value) entry of a key if it is young enough (lock held)."""
        entry = self._entries.get(full)
        if entry is None or time.monotonic() - entry[0] > self.max_age:
            return None
        return entry

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._version = None

    def __len__(self) -> int:
        return len(self._entries)
