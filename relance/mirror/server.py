"""Serve a generated corpus with the real sites' URL layout and honest HTTP, on loopback.

One port serves every host's paths (an-formats.md §1, §2):

- ``/static/openData/repository/{path}`` → the open-data dumps;
- ``/dyn/{leg}/questions/{uid}`` (16th legislature on) and ``/q{leg}/{leg}-{n}QE.htm``
  (up to the 15th) → question pages; 404 for a number the corpus does not have, or a
  question not published yet at the clock;
- ``/robots.txt`` (``Disallow: /recherche/``, as the site).

Every answer has Content-Length; files and pages have ETag and Last-Modified, 304 on
``If-None-Match``/``If-Modified-Since``, single ``Range`` requests (206, 416) with
``If-Range``, and HEAD. A page's ETag hashes the bytes served and its Last-Modified is the
day of the latest event it shows.

Without a clock, pages are the files the generator wrote (the corpus date). With a clock
(``MirrorServer(corpus, clock=day)``, ``set_clock``, ``advance``: time replay), pages are
rendered on request from ``site/records.jsonl`` as of the clock, and the dumps are the
generator's dumps as published at the clock (every ``dump_every_days``, ``dump_lag_days``
late), written once per cut-off under ``{corpus}/.replay/{date}/`` when the clock moves.

``Faults`` (``relance.mirror.faults``) reproduce the real site's failures, switchable while
the server runs. ``mirror.counts`` counts requests by kind (``page``, ``dump``, ``robots``,
``other``) and by status (``"200"``, ``"304"``, ``"404"``…).
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import logging
import os
import re
import shutil
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import orjson

from relance.mirror import timeline
from relance.mirror.faults import (
    ERROR_PAGES,
    Fault,
    Faults,
    Kind,
    bad_bytes,
    change_layout,
    cp1252,
    error_location,
    error_page,
    malform,
    without_answer,
)
from relance.mirror.pages import render_page
from relance.mirror.site import RECORDS, SITE_DIR, RecordIndex, day_timestamp, page_file, page_uid

logger = logging.getLogger(__name__)

OPENDATA_PREFIX = "/static/openData/repository/"
ROBOTS = b"User-agent: *\nDisallow: /recherche/\nCrawl-delay: 1\n"
REPLAY_DIR = ".replay"
#: Requests remembered in ``mirror.requests`` (the oldest are forgotten: a long-running
#: mirror must not grow without bound).
REQUEST_LOG = 100_000
HTML = "text/html; charset=utf-8"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def loopback_host(host: str) -> str:
    """``host`` as an address to bind, refusing anything but loopback: the mirror is a test
    double of a public site and must never be reachable from the network."""
    address = "127.0.0.1" if host == "localhost" else host
    try:
        ok = ipaddress.ip_address(address).is_loopback
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"the mirror only listens on loopback (127.0.0.1, ::1), not {host}")
    return address


@dataclass(frozen=True)
class Resource:
    """A body to send: a file (streamed) or bytes, with its validators."""

    content_type: str
    size: int
    etag: str
    modified: float  # timestamp (Last-Modified)
    data: bytes | None = None
    file: Path | None = None

    @classmethod
    def of_bytes(cls, data: bytes, modified: float, content_type: str = HTML) -> Resource:
        etag = '"' + hashlib.sha1(data).hexdigest()[:20] + '"'
        return cls(content_type, len(data), etag, modified, data=data)

    @classmethod
    def of_file(cls, file: Path) -> Resource:
        stat = file.stat()
        digest = hashlib.sha1(f"{stat.st_size}-{stat.st_mtime_ns}".encode()).hexdigest()[:16]
        kind = "application/zip" if file.suffix == ".zip" else "application/octet-stream"
        return cls(kind, stat.st_size, f'"{digest}"', stat.st_mtime, file=file)

    def chunks(self, start: int, length: int) -> Iterator[bytes]:
        if self.data is not None:
            yield self.data[start : start + length]
            return
        assert self.file is not None
        with self.file.open("rb") as stream:
            stream.seek(start)
            while length > 0:
                block = stream.read(min(65536, length))
                if not block:
                    return
                length -= len(block)
                yield block


class MirrorServer:
    """``with MirrorServer(corpus) as mirror: mirror.opendata_base`` — a background server.

    ``clock``: time replay from that day (see the module docstring); needs a corpus
    written with pages and without ``published_until``. ``keep_dumps``: replayed dumps kept
    on disk (the oldest are removed).
    """

    def __init__(
        self,
        corpus: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: Faults | None = None,
        clock: date | None = None,
        dump_every_days: int = 1,
        dump_lag_days: int = 0,
        keep_dumps: int = 8,
    ) -> None:
        address = loopback_host(host)
        if dump_every_days < 1 or dump_lag_days < 0:
            raise ValueError("dump_every_days must be >= 1 and dump_lag_days >= 0")
        self.corpus = Path(corpus).resolve()
        self.faults = faults or Faults()
        self.requests: deque[tuple[str, str, dict[str, str]]] = deque(maxlen=REQUEST_LOG)
        self.counts: Counter[str] = Counter()
        self.dump_every_days = dump_every_days
        self.dump_lag_days = dump_lag_days
        self.keep_dumps = keep_dumps
        manifest = self.corpus / "manifest.json"
        self.manifest: dict[str, Any] = (
            orjson.loads(manifest.read_bytes()) if manifest.is_file() else {}
        )
        site = self.manifest.get("site") or {}
        self.corpus_day = _date(site.get("as_of")) or _date(self.manifest.get("as_of"))
        records = self.corpus / RECORDS
        self.records = RecordIndex(records) if records.is_file() else None
        self._lock = threading.Lock()  # counters and requests
        self._clock_lock = threading.Lock()  # one clock change at a time
        self._clock: date | None = None
        self._dumps = self.corpus  # where the open-data paths are read
        if clock is not None:
            self.set_clock(clock)
        server = _Server6 if ":" in address else ThreadingHTTPServer
        handler = type("Handler", (_Handler,), {"mirror": self})
        self.httpd = server((address, port), handler)
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- addresses ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def opendata_base(self) -> str:
        return self.url + OPENDATA_PREFIX.rstrip("/")

    @property
    def site_base(self) -> str:
        """Stands for ``https://www.assemblee-nationale.fr`` (``/dyn/…`` pages)."""
        return self.url

    @property
    def questions_base(self) -> str:
        """Stands for ``https://questions.assemblee-nationale.fr`` (``/q14/…`` pages)."""
        return self.url

    # -- life --------------------------------------------------------------------------------
    def start(self) -> MirrorServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)
        if self.records:
            self.records.close()

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- time replay -------------------------------------------------------------------------
    @property
    def clock(self) -> date | None:
        return self._clock

    def set_clock(self, day: date) -> None:
        """Move the simulated day. The dumps of the new cut-off are written first (this can
        take seconds), then pages and dumps switch together."""
        if self.records is None or not self.manifest:
            raise ValueError(f"time replay needs a corpus written with pages: {self.corpus}")
        if self.manifest.get("published_until"):
            raise ValueError("time replay needs a corpus written without published_until")
        with self._clock_lock:
            cutoff = timeline.dump_cutoff(day, self.dump_every_days, self.dump_lag_days)
            dumps = self._replay_dumps(cutoff)
            self._clock, self._dumps = day, dumps
        logger.info("mirror clock %s, dumps of %s", day, cutoff)

    def advance(self, days: int = 1) -> date:
        if self._clock is None:
            raise ValueError("the mirror has no clock: start it with clock=…")
        self.set_clock(self._clock + timedelta(days=days))
        return self._clock  # type: ignore[return-value]

    def _replay_dumps(self, cutoff: date) -> Path:
        """The corpus's dumps as published on ``cutoff``, generated once and kept."""
        as_of = date.fromisoformat(self.manifest["as_of"])
        if cutoff >= as_of:
            return self.corpus
        root = self.corpus / REPLAY_DIR
        target = root / cutoff.isoformat()
        if (target / "manifest.json").is_file():
            return target
        from relance.demo.corpus import generate_corpus  # the demo imports the mirror's pages

        work = root / f".tmp-{cutoff.isoformat()}-{os.getpid()}-{threading.get_ident()}"
        shutil.rmtree(work, ignore_errors=True)
        generate_corpus(
            work,
            questions=self.manifest["questions"],
            seed=self.manifest["seed"],
            legislatures=[int(n) for n in self.manifest["legislatures"]],
            as_of=as_of,
            edge_rate=self.manifest["edge_rate"],
            published_until=cutoff,
            pages=False,
        )
        stamp = day_timestamp(cutoff)
        for path in work.rglob("*"):
            if path.is_file():
                os.utime(path, (stamp, stamp))
        shutil.rmtree(target, ignore_errors=True)
        work.rename(target)
        self._prune(root, keep={target, self._dumps})
        return target

    def _prune(self, root: Path, keep: set[Path]) -> None:
        dated = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
        for old in dated[: max(0, len(dated) - self.keep_dumps)]:
            if old not in keep:
                shutil.rmtree(old, ignore_errors=True)

    # -- what a path serves --------------------------------------------------------------------
    def route(self, path: str) -> tuple[Kind, str | None]:
        """The kind of a request and its key for faults (a page's uid)."""
        if path == "/robots.txt":
            return Kind.ROBOTS, None
        if path.startswith(OPENDATA_PREFIX):
            return Kind.DUMP, None
        uid = page_uid(path)
        if uid is not None:
            return Kind.PAGE, uid
        return Kind.OTHER, None

    def dump_file(self, path: str) -> Path | None:
        """The dump file for an open-data path, never outside the dumps nor in ``site/``."""
        root = self._dumps
        rel = path[len(OPENDATA_PREFIX) :]
        first = rel.split("/", 1)[0]
        if first == SITE_DIR or first.startswith("."):
            return None
        candidate = (root / rel).resolve()
        if root not in candidate.parents or not candidate.is_file():
            return None
        return candidate

    def page(self, uid: str) -> Resource | None:
        """The page of ``uid`` as served now, faults applied; None for a 404."""
        faults, day = self.faults, self._clock
        if not self._online(uid, day):
            return None
        shown = uid
        if faults.hits(Fault.WRONG_QUESTION, Kind.PAGE, uid):
            shown = next((o for o in self._neighbours(uid) if self._online(o, day)), uid)
        gone = faults.hits(Fault.ANSWER_GONE, Kind.PAGE, uid)
        found = self._page_body(shown, day, without_answer_text=gone)
        if found is None:
            return None
        body, modified = found
        html = None
        if faults.hits(Fault.CHANGED_LAYOUT, Kind.PAGE, uid):
            html = change_layout(body.decode("utf-8"))
        if faults.hits(Fault.MALFORMED, Kind.PAGE, uid):
            html = malform(html if html is not None else body.decode("utf-8"))
        if faults.hits(Fault.CP1252, Kind.PAGE, uid):
            body = cp1252(html if html is not None else body.decode("utf-8"))
        elif html is not None:
            body = html.encode("utf-8")
        if faults.hits(Fault.BAD_BYTES, Kind.PAGE, uid):
            body = bad_bytes(body)
        return Resource.of_bytes(body, modified)

    def _page_body(
        self, uid: str, day: date | None, *, without_answer_text: bool = False
    ) -> tuple[bytes, float] | None:
        if day is None and not without_answer_text:
            file = self.corpus / page_file(uid)
            if not file.is_file():
                return None
            return file.read_bytes(), file.stat().st_mtime
        record = self.records.get(uid) if self.records else None
        when = day or self.corpus_day
        question = timeline.as_of(record, when) if record and when else None
        if question is None:
            return None
        if without_answer_text:
            question = without_answer(question)
        modified = day_timestamp(timeline.last_event(question) or when)  # type: ignore[arg-type]
        return render_page(question).encode("utf-8"), modified

    def _online(self, uid: str, day: date | None) -> bool:
        """Whether the site has a page for ``uid`` now (cheap: no rendering)."""
        if day is None:
            return (self.corpus / page_file(uid)).is_file()
        record = self.records.get(uid) if self.records else None
        return bool(record and record.date_publication and record.date_publication <= day)

    def _neighbours(self, uid: str) -> Iterator[str]:
        return self.records.neighbours(uid) if self.records else iter(())

    def count(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self.counts[key] += 1

    def reset_counts(self) -> None:
        with self._lock:
            self.counts.clear()


class _Server6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    mirror: MirrorServer
    protocol_version = "HTTP/1.1"
    server_version = "RelanceMirror/1"
    #: Headers and body leave in separate writes: with Nagle's algorithm, the body waits for
    #: the client's delayed ACK (~40 ms a request on a kept-alive connection).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read .requests
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, *, head: bool) -> None:
        mirror = self.mirror
        path = self.path.split("?", 1)[0]
        with mirror._lock:
            mirror.requests.append((self.command, path, dict(self.headers.items())))
        kind, uid = mirror.route(path)
        mirror.count(kind.value)
        key = uid or path
        faults = mirror.faults
        if kind is not Kind.ROBOTS:
            if faults.take_burst():
                self._refuse(faults.status, head)
                return
            for fault, status in ((Fault.UNAVAILABLE, 503), (Fault.RATE_LIMITED, 429)):
                if faults.hits(fault, kind, key):
                    self._refuse(status, head)
                    return
            if faults.hits(Fault.SLOW, kind, key):
                time.sleep(faults.delay)
            if faults.hits(Fault.ERROR_PAGE, kind, key):
                self._send_bytes(302, b"", head, {"Location": error_location(key)})
                return
        resource: Resource | None = None
        if kind is Kind.ROBOTS:
            self._send_bytes(200, ROBOTS, head, {"Content-Type": "text/plain"})
            return
        if kind is Kind.DUMP:
            file = mirror.dump_file(path)
            resource = Resource.of_file(file) if file else None
        elif kind is Kind.PAGE:
            resource = mirror.page(uid)  # type: ignore[arg-type]
        elif path in ERROR_PAGES:
            self._send_bytes(200, error_page(ERROR_PAGES[path]), head, {"Content-Type": HTML})
            return
        if resource is None:
            self._send_bytes(404, b"Not found", head, {"Content-Type": "text/plain"})
            return
        cut = faults.truncate_to
        if faults.hits(Fault.TRUNCATED, kind, key):
            cut = cut if cut is not None else resource.size // 2
        self._send(resource, head, cut)

    def _refuse(self, status: int, head: bool) -> None:
        retry = self.mirror.faults.retry_after
        extra = {"Retry-After": str(retry)} if retry else {}
        self._send_bytes(status, b"Service temporairement indisponible", head, extra)

    def _send(self, resource: Resource, head: bool, cut: int | None) -> None:
        size = resource.size
        last_modified = email.utils.formatdate(resource.modified, usegmt=True)
        validators = {
            "ETag": resource.etag,
            "Last-Modified": last_modified,
            "Accept-Ranges": "bytes",
        }
        if self._not_modified(resource.etag, resource.modified):
            self._send_bytes(304, b"", True, validators)
            return
        start, end = 0, size - 1
        status = 200
        range_header = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if range_header and (not if_range or if_range in (resource.etag, last_modified)):
            match = _RANGE.match(range_header.strip())
            if match and (match[1] or match[2]):
                if match[1]:
                    start = int(match[1])
                    end = min(int(match[2]), size - 1) if match[2] else size - 1
                else:  # suffix range: the last N bytes
                    start = max(0, size - int(match[2]))
                if start >= size or start > end:
                    self._send_bytes(416, b"", head, {"Content-Range": f"bytes */{size}"})
                    return
                status = 206
                validators["Content-Range"] = f"bytes {start}-{end}/{size}"
        length = end - start + 1
        self.send_response(status)
        self.mirror.count(str(status))
        for name, value in validators.items():
            self.send_header(name, value)
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        if head:
            return
        remaining = length if cut is None else min(length, cut)
        for block in resource.chunks(start, remaining):
            self.wfile.write(block)
        if cut is not None and cut < length:
            self.close_connection = True  # the body is cut: the client sees a short read

    def _not_modified(self, etag: str, mtime: float) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match:
            return etag in [t.strip() for t in if_none_match.split(",")] or if_none_match == "*"
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = email.utils.parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError):
                return False
            return int(mtime) <= since
        return False

    def _send_bytes(self, status: int, body: bytes, head: bool, headers: dict[str, str]) -> None:
        self.send_response(status, HTTPStatus(status).phrase)
        self.mirror.count(str(status))
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Type" not in headers and body:
            self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and body:
            self.wfile.write(body)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
