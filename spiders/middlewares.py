"""Retry with back-off that honours the server's Retry-After on 429 and 503."""

from __future__ import annotations

import asyncio
import logging
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware as _HttpCacheMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Request, Response
from scrapy.utils.response import response_status_message

from relance.dates import utcnow

logger = logging.getLogger(__name__)


def retry_after_seconds(value: str | bytes | None, *, cap: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return min(float(text), cap)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, min((when - utcnow()).total_seconds(), cap))


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retry middleware, plus a pause of Retry-After seconds (capped by
    ``RETRY_AFTER_MAX``) before retrying a 429 or 503, or an exponential back-off."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 600)

    async def process_response(self, request: Request, response: Response) -> Any:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response  # retries exhausted: the spider's callback sees the error status
        wait = None
        if response.status in (429, 503):
            wait = retry_after_seconds(
                response.headers.get("Retry-After"), cap=self.retry_after_max
            )
        if wait is None:
            wait = min(2.0 ** retry.meta.get("retry_times", 1), self.retry_after_max)
        logger.info("%s: HTTP %s, retrying in %.1f s", request.url, response.status, wait)
        await asyncio.sleep(wait)
        return retry


class RevalidatePolicy(RFC2616Policy):
    """Scrapy's HTTP cache, used only to make conditional requests: every cached page is
    revalidated (``If-None-Match`` / ``If-Modified-Since``), and only a 304 reuses it.

    RFC 2616's heuristics would deem a page last modified months ago fresh for days (so
    an answer published today would be missed), and would serve the cached copy when the
    server answers 5xx (hiding the error from the retries and their back-off)."""

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304


class HttpCacheMiddleware(_HttpCacheMiddleware):
    """Scrapy's HTTP cache middleware, minus its fallback to the cached copy when the
    download fails (timeout, cut body): the failure must reach the retries and the crawl
    report, not be hidden behind yesterday's page."""

    def process_exception(self, request: Request, exception: Exception) -> None:  # type: ignore[override]
        request.meta.pop("cached_response", None)
        return None
