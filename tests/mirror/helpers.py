"""A plain HTTP client for the mirror: no redirects followed, short bodies kept."""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import urlsplit

from relance.mirror import MirrorServer


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    complete: bool = True  # False when the body was shorter than Content-Length

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(
    mirror: MirrorServer, path: str, *, method: str = "GET", headers: dict | None = None
) -> Response:
    parts = urlsplit(mirror.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        complete = True
        try:
            body = response.read()
        except http.client.IncompleteRead as exc:
            body, complete = exc.partial, False
        return Response(response.status, dict(response.getheaders()), body, complete)
    finally:
        connection.close()
