"""Serve a generated corpus with the real sites' URL layout and honest HTTP.

- ``/static/openData/repository/{path}`` → ``{corpus}/{path}`` (the open-data dumps);
- ``/robots.txt``;
- Content-Length, ETag and Last-Modified, 304 on ``If-None-Match``/``If-Modified-Since``,
  single ``Range`` requests (206, 416) with ``If-Range``, HEAD.

Switchable faults (``Faults``) make the failures of the real site reproducible: bursts of
503 with Retry-After, and bodies cut short. Only loopback addresses are accepted.
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import re
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

OPENDATA_PREFIX = "/static/openData/repository/"
ROBOTS = b"User-agent: *\nDisallow: /recherche/\nCrawl-delay: 1\n"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@dataclass
class Faults:
    """Failures to inject: the next ``burst`` requests answer ``status`` (with
    ``Retry-After: retry_after``); bodies are cut after ``truncate_to`` bytes."""

    burst: int = 0
    status: int = 503
    retry_after: int | None = 1
    truncate_to: int | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def take_burst(self) -> bool:
        with self._lock:
            if self.burst > 0:
                self.burst -= 1
                return True
            return False


class MirrorServer:
    """``with MirrorServer(corpus) as mirror: mirror.opendata_base`` — a background server."""

    def __init__(
        self, corpus: Path, *, host: str = "127.0.0.1", port: int = 0, faults: Faults | None = None
    ) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"the mirror only listens on loopback, not {host}")
        self.corpus = Path(corpus).resolve()
        self.faults = faults or Faults()
        self.requests: list[tuple[str, str, dict[str, str]]] = []  # (method, path, headers)
        handler = type("Handler", (_Handler,), {"mirror": self})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def opendata_base(self) -> str:
        return self.url + OPENDATA_PREFIX.rstrip("/")

    def start(self) -> MirrorServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def resolve(self, path: str) -> Path | None:
        """The corpus file for a URL path, never outside the corpus."""
        if not path.startswith(OPENDATA_PREFIX):
            return None
        candidate = (self.corpus / path[len(OPENDATA_PREFIX) :]).resolve()
        if self.corpus not in candidate.parents or not candidate.is_file():
            return None
        return candidate


class _Handler(BaseHTTPRequestHandler):
    mirror: MirrorServer
    protocol_version = "HTTP/1.1"
    server_version = "RelanceMirror/1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read .requests
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, *, head: bool) -> None:
        path = self.path.split("?", 1)[0]
        self.mirror.requests.append((self.command, path, dict(self.headers.items())))
        faults = self.mirror.faults
        if path != "/robots.txt" and faults.take_burst():
            extra = {"Retry-After": str(faults.retry_after)} if faults.retry_after else {}
            self._send_bytes(faults.status, b"Service temporairement indisponible", head, extra)
            return
        if path == "/robots.txt":
            self._send_bytes(200, ROBOTS, head, {"Content-Type": "text/plain"})
            return
        file = self.mirror.resolve(path)
        if file is None:
            self._send_bytes(404, b"Not found", head, {"Content-Type": "text/plain"})
            return
        self._send_file(file, head)

    def _send_file(self, file: Path, head: bool) -> None:
        stat = file.stat()
        size = stat.st_size
        etag = '"' + hashlib.sha1(f"{size}-{stat.st_mtime_ns}".encode()).hexdigest()[:16] + '"'
        last_modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        validators = {"ETag": etag, "Last-Modified": last_modified, "Accept-Ranges": "bytes"}
        if self._not_modified(etag, stat.st_mtime):
            self._send_bytes(304, b"", True, validators)
            return
        start, end = 0, size - 1
        status = 200
        range_header = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if range_header and (not if_range or if_range in (etag, last_modified)):
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
        for name, value in validators.items():
            self.send_header(name, value)
        self.send_header(
            "Content-Type",
            "application/zip" if file.suffix == ".zip" else "application/octet-stream",
        )
        self.send_header("Content-Length", str(length))
        self.end_headers()
        if head:
            return
        limit = self.mirror.faults.truncate_to
        with file.open("rb") as stream:
            stream.seek(start)
            remaining = length if limit is None else min(length, limit)
            while remaining > 0:
                block = stream.read(min(65536, remaining))
                if not block:
                    break
                self.wfile.write(block)
                remaining -= len(block)
        if limit is not None and limit < length:
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
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Type" not in headers and body:
            self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and body:
            self.wfile.write(body)
