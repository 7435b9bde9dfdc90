"""``scrapy crawl an_opendata -a legislature=17``: the Assemblée's open-data dumps.

For each legislature, downloads the deputies/organes dump (AMO50) and the written
questions dump (an-formats.md §2), in byte ranges (bounded memory; a cut download resumes
with ``Range`` + ``If-Range``), to ``{RELANCE_DATA_DIR}/downloads``, then streams the
records from disk through the pure parsers. Base URLs come from settings, so the same
spider crawls the real site or a local mirror.

With ``-a if_changed=1`` (what ``relance update`` runs) a dump is fetched only when it
changed: the first request carries the ETag seen last time (a 304 ends it), and a
download whose content hash is the one last imported is not parsed again. What was seen
is remembered in the database's ``state`` table once the crawl has stored its records.
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

from relance.files import sha256_file
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

    def __init__(
        self,
        legislature: str | int | None = None,
        if_changed: str | bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.legislatures = parse_legislatures(legislature)
        self.if_changed = str(if_changed).strip().lower() in ("1", "true", "yes", "on")
        self.seen: dict[str, dict[str, Any]] = {}  # state key → what was seen last time
        self.imported: dict[str, dict[str, Any]] = {}  # … and what this crawl read in full

    async def start(self) -> AsyncIterator[Any]:
        base = self.settings["RELANCE_OPENDATA_BASE"].rstrip("/")
        self.chunk = self.settings.getint("RELANCE_DOWNLOAD_CHUNK")
        self.download_dir = Path(self.settings["RELANCE_DATA_DIR"]) / "downloads"
        self.download_dir.mkdir(parents=True, exist_ok=True)
        if self.if_changed:
            self.seen = self._load_state()
        for legislature in self.legislatures:
            for path in (amo_dump_path(legislature), questions_dump_path(legislature)):
                url = base + path
                target = self.download_dir / f"{legislature}-{Path(path).name}"
                request = self._range_request(url, target, offset=0, etag=None)
                last = self.seen.get(_state_key(url), {})
                if last.get("etag") and target.exists():
                    request.headers["If-None-Match"] = last["etag"]
                    request.meta["handle_httpstatus_list"] = [304]
                yield request

    def _load_state(self) -> dict[str, dict[str, Any]]:
        from relance.db.state import get_state
        from spiders.pipelines import crawl_run

        store = crawl_run(self.crawler).store
        return get_state(store.engine, "opendata:") if store else {}

    def closed(self, reason: str) -> None:
        """Remember the dumps read in full, once their records are stored (the pipelines
        are closed before this runs), unless a whole input failed."""
        from relance.db.state import set_state
        from spiders.pipelines import crawl_run

        run = crawl_run(self.crawler)
        if reason == "finished" and not run.unreadable and run.store and self.imported:
            set_state(run.store.engine, self.imported)

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
        if response.status == 304:
            self.logger.info("%s: unchanged since the last crawl (304)", response.url)
            self.crawler.stats.inc_value("relance/dumps_unchanged")
            return
        if response.status == 200:  # the server ignored the range, or the file changed
            part.write_bytes(response.body)
            yield from self._finish(part, target, response.url, etag)
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
        yield from self._finish(part, target, response.url, etag)

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

    def _finish(self, part: Path, target: Path, url: str, etag: str | None) -> Iterator[Any]:
        part.replace(target)
        self.logger.info("%s: downloaded %d bytes to %s", url, target.stat().st_size, target)
        digest = sha256_file(target)
        key = _state_key(url)
        self.imported[key] = {"etag": etag, "sha256": digest}
        if self.if_changed and self.seen.get(key, {}).get("sha256") == digest:
            self.logger.info("%s: same content as the last import, not read again", url)
            self.crawler.stats.inc_value("relance/dumps_unchanged")
            return
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


def _state_key(url: str) -> str:
    return f"opendata:{url}"


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
