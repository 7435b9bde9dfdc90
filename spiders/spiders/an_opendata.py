"""``scrapy crawl an_opendata -a legislature=17``: the Assemblée's open-data dumps.

For each legislature, downloads the deputies/organes dump (AMO50) and the written
questions dump (an-formats.md §2), in byte ranges (bounded memory; a cut download resumes
with ``Range`` + ``If-Range``), to ``{RELANCE_DATA_DIR}/downloads``, then streams the
records from disk through the pure parsers. Base URLs come from settings, so the same
spider crawls the real site or a local mirror.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from spiders.dumps import BadInput, iter_dump
from spiders.items import Unreadable
from spiders.parsers.acteurs import parse_acteur, parse_organe
from spiders.parsers.common import ParseError
from spiders.parsers.opendata import parse_question

ROMAN = {14: "XIV", 15: "XV"}
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


def questions_dump_path(legislature: int) -> str:
    """Path of the written-questions JSON dump, relative to the open-data base URL."""
    suffix = f"_{ROMAN[legislature]}" if legislature in ROMAN else ""
    return f"/{legislature}/questions/questions_ecrites/Questions_ecrites{suffix}.json.zip"


def amo_dump_path(legislature: int) -> str:
    """Path of the acteurs/mandats/organes dump, one file per record (AMO50)."""
    return (
        f"/{legislature}/amo/acteurs_mandats_organes_divises/"
        "AMO50_acteurs_mandats_organes_divises.json.zip"
    )


def parse_legislatures(value: str | int | None) -> list[int]:
    """``"16,17"`` → ``[16, 17]``; only legislatures with open data (14 to 17 and later)."""
    text = str(value or "17")
    try:
        legislatures = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise ValueError(f"legislature must be numbers like 17 or 16,17, not {text!r}") from None
    if not legislatures or any(leg < 14 or leg > 30 for leg in legislatures):
        raise ValueError(f"open data exists from the 14th legislature on, not {text!r}")
    return legislatures


class AnOpendataSpider(scrapy.Spider):
    name = "an_opendata"

    def __init__(self, legislature: str | int | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.legislatures = parse_legislatures(legislature)

    async def start(self) -> AsyncIterator[Any]:
        base = self.settings["RELANCE_OPENDATA_BASE"].rstrip("/")
        self.chunk = self.settings.getint("RELANCE_DOWNLOAD_CHUNK")
        self.download_dir = Path(self.settings["RELANCE_DATA_DIR"]) / "downloads"
        self.download_dir.mkdir(parents=True, exist_ok=True)
        for legislature in self.legislatures:
            for path in (amo_dump_path(legislature), questions_dump_path(legislature)):
                url = base + path
                target = self.download_dir / f"{legislature}-{Path(path).name}"
                yield self._range_request(url, target, offset=0, etag=None)

    # -- download in ranges ------------------------------------------------------------------
    def _range_request(self, url: str, target: Path, *, offset: int, etag: str | None) -> Any:
        headers = {"Range": f"bytes={offset}-{offset + self.chunk - 1}"}
        if etag and offset:
            headers["If-Range"] = etag
        return scrapy.Request(
            url,
            headers=headers,
            callback=self._on_chunk,
            errback=self._on_error,
            cb_kwargs={"target": target, "offset": offset},
            meta={"download_maxsize": self.chunk * 2 + 1024 * 1024},
            dont_filter=True,
        )

    def _on_chunk(self, response: Response, target: Path, offset: int) -> Iterator[Any]:
        part = target.with_suffix(target.suffix + ".part")
        etag = _header(response, "ETag")
        if response.status == 200:  # the server ignored the range, or the file changed
            part.write_bytes(response.body)
            yield from self._finish(part, target, response.url)
            return
        if response.status != 206:
            yield self._failed(response.url, f"HTTP {response.status}")
            return
        match = _CONTENT_RANGE.match(_header(response, "Content-Range") or "")
        if not match or int(match[1]) != offset:
            yield self._failed(response.url, "bad Content-Range in a partial response")
            return
        with part.open("r+b" if offset else "wb") as stream:
            stream.seek(offset)
            stream.write(response.body)
            stream.truncate()
        end, total = int(match[2]), match[3]
        if total != "*" and end + 1 < int(total):
            yield self._range_request(response.url, target, offset=end + 1, etag=etag)
            return
        yield from self._finish(part, target, response.url)

    def _on_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(HttpError):
            why = f"HTTP {failure.value.response.status}"  # type: ignore[union-attr]
        else:
            why = failure.getErrorMessage() or type(failure.value).__name__
        yield self._failed(request.url, why)

    def _failed(self, url: str, why: str) -> Unreadable:
        self.logger.error("%s: download failed: %s", url, why)
        return Unreadable(
            url, f"download: {why}", f"{url}: download failed: {why}", whole_input=True
        )

    def _finish(self, part: Path, target: Path, url: str) -> Iterator[Any]:
        part.replace(target)
        self.logger.info("%s: downloaded %d bytes to %s", url, target.stat().st_size, target)
        yield from self.parse_dump(target, url)

    # -- records -----------------------------------------------------------------------------
    def parse_dump(self, path: Path, url: str) -> Iterator[Any]:
        """Every record of a downloaded dump, parsed; what cannot be read is passed on as
        ``Unreadable`` so the run's report counts it."""
        for raw in iter_dump(path):
            if isinstance(raw, BadInput):
                yield Unreadable(
                    raw.source,
                    f"input: {raw.error.split(':')[0]}",
                    f"{url} ({raw.source}): {raw.error}",
                    whole_input=raw.whole_file,
                )
                continue
            try:
                if raw.kind == "acteur":
                    yield parse_acteur(raw.data)
                elif raw.kind == "organe":
                    yield parse_organe(raw.data)
                else:
                    yield parse_question(raw.data, source_url=f"{url}#{raw.source}")
            except ParseError as error:
                error.source = f"{url}#{raw.source}"
                if raw.kind == "question":
                    yield Unreadable(error.source, error.reason, str(error), uid=error.uid)
                else:
                    self.logger.warning("%s", error)


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
