"""``scrapy crawl an_questions``: follow the questions' public pages, incrementally.

The plan comes from the database (``relance.crawlplan``): probe the numbers after the
highest known of each legislature until ``probe_ahead`` in a row are not found, then
refresh pending questions by priority; final ones only with ``-a full=1``. Pages are read
by the pure parsers (``spiders.parsers.pages``) into ``PageRecord`` items, which the
pipelines merge into what is stored. Conditional requests come from Scrapy's HTTP cache
(``spiders.middlewares.RevalidatePolicy``), so an unchanged page costs a 304.

Arguments (``-a name=value``): ``legislature`` (``17`` or ``16,17``; default: the latest
stored, else 17), ``full`` (``1``), ``probe_ahead`` (K), ``max_refresh`` (pages).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from relance.crawlplan import (
    DEFAULT_MAX_REFRESH,
    DEFAULT_PROBE_AHEAD,
    Discovery,
    Plan,
    Priority,
    plan_crawl,
)
from relance.dates import utcnow
from relance.db.models import PageOutcome
from relance.uid import make_uid, page_url, parse_uid
from spiders.drift import DriftAlarm
from spiders.items import PageCheck, PageRecord
from spiders.parsers.common import ParseError
from spiders.parsers.pages import PAGE_FIELDS, MissingField, NotAWrittenQuestion, parse_page
from spiders.pipelines import crawl_run

#: Download errors in words, for the crawl report.
_PLAIN_ERRORS = {
    "ResponseDataLossError": "truncated body",
    "ResponseFailed": "connection cut",
    "TimeoutError": "timeout",
    "DownloadTimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "ConnectionRefusedError": "connection refused",
}

#: Scrapy request priorities (higher first): new questions, then refreshes by class.
PROBE_PRIORITY = 10


def _int(value: Any, default: int) -> int:
    return default if value is None or str(value).strip() == "" else int(value)


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


class AnQuestionsSpider(scrapy.Spider):
    name = "an_questions"
    custom_settings: ClassVar[dict[str, Any]] = {
        "HTTPCACHE_ENABLED": True,
        "RELANCE_STORE_BATCH": 50,
        "RELANCE_STORE_FLUSH_SECONDS": 5.0,
    }

    def __init__(
        self,
        legislature: str | int | None = None,
        full: str | bool = False,
        probe_ahead: str | int | None = None,
        max_refresh: str | int | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.legislature_arg = legislature
        self.full = _flag(full)
        self.probe_ahead = _int(probe_ahead, DEFAULT_PROBE_AHEAD)
        self.max_refresh = _int(max_refresh, DEFAULT_MAX_REFRESH)
        if self.probe_ahead < 1 or self.max_refresh < 0:
            raise ValueError("probe_ahead must be ≥ 1 and max_refresh ≥ 0")
        self.drift = DriftAlarm()
        self.discoveries: dict[int, Discovery] = {}
        self.plan: Plan | None = None
        self.resuming_since: datetime | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> AnQuestionsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        jobdir = crawler.settings.get("JOBDIR")
        if jobdir:  # before the scheduler opens the job's queue
            spider.resuming_since = prepare_jobdir(Path(jobdir), spider.logger)
        return spider

    # -- plan ---------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        from relance.db.queries import known_for_crawl, legislatures_stored

        run = crawl_run(self.crawler)
        assert run.store is not None, "the store pipeline opens the database"
        engine = run.store.engine
        legislatures = self._legislatures(legislatures_stored(engine))
        self.plan = plan_crawl(
            known_for_crawl(engine, legislatures),
            run.today,
            legislatures=legislatures,
            full=self.full,
            probe_ahead=self.probe_ahead,
            max_refresh=self.max_refresh,
            resuming_since=self.resuming_since,
        )
        plan = self.plan
        self.logger.info(
            "plan for %s: probe %s, refresh %d (%s), not due %d, final skipped %d, "
            "over budget %d, done before an interruption %d",
            run.today,
            ", ".join(f"L{leg} from n° {n}" for leg, n in plan.probe_from.items()),
            len(plan.refresh),
            ", ".join(
                f"{p.name.lower()} {sum(r.priority is p for r in plan.refresh)}" for p in Priority
            ),
            plan.not_due,
            plan.skipped_final,
            plan.over_budget,
            plan.already_done,
        )
        stats = self.crawler.stats
        stats.set_value("relance/planned_refresh", len(plan.refresh))
        stats.set_value("relance/planned_requests", len(plan.refresh))
        for legislature, first in plan.probe_from.items():
            discovery = Discovery(legislature, first, plan.probe_ahead)
            self.discoveries[legislature] = discovery
            for number in discovery.wanted():
                stats.inc_value("relance/planned_requests")
                yield self._request(make_uid(legislature, "QE", number), probe=True)
        for refresh in plan.refresh:
            yield self._request(refresh.uid, probe=False, priority=Priority.OLD - refresh.priority)

    def _legislatures(self, stored: tuple[int, ...]) -> tuple[int, ...]:
        if self.legislature_arg:
            text = str(self.legislature_arg)
            try:
                return tuple(sorted({int(p) for p in text.split(",") if p.strip()}))
            except ValueError:
                raise ValueError(f"legislature must be like 17 or 16,17, not {text!r}") from None
        return (max(stored),) if stored else (17,)

    def _request(self, uid: str, *, probe: bool, priority: int = PROBE_PRIORITY) -> Request:
        url = page_url(
            uid,
            site_base=self.settings["RELANCE_SITE_BASE"],
            questions_base=self.settings["RELANCE_QUESTIONS_SITE_BASE"],
        )
        return Request(
            url,
            callback=self.parse,
            errback=self.on_error,
            priority=priority,
            # Revalidate the cached copy (conditional request) rather than trust it.
            headers={"Cache-Control": "max-age=0"},
            meta={
                "uid": uid,
                "probe": probe,
                # Redirects are judged here: to the question's own page they are followed,
                # elsewhere (an error page) they are a failure to name.
                "dont_redirect": True,
                "handle_httpstatus_list": [301, 302, 303, 307, 308, 404, 410],
            },
        )

    # -- responses ----------------------------------------------------------------------
    def parse(self, response: Response) -> Iterator[Any]:
        uid: str = response.meta["uid"]
        probe: bool = response.meta["probe"]
        url = response.request.url if response.request else response.url
        if "cached" in response.flags:
            self.crawler.stats.inc_value("relance/not_modified")
        if response.status in (404, 410):
            yield from self._not_found(uid, probe)
        elif 300 <= response.status < 400:
            target = response.urljoin(_header(response, "Location") or "")
            if uid in target and response.meta.get("redirects", 0) < 3:
                request = response.request.replace(url=target, dont_filter=True)
                request.meta["redirects"] = response.meta.get("redirects", 0) + 1
                yield request
                return  # the redirected request carries on (and probes further)
            yield from self._failed(
                uid, probe, f"page: redirected elsewhere ({target})", response.status
            )
        else:
            yield from self._read(response, uid, url, probe)
        if probe:
            yield from self._probe_more(uid)

    def _failed(self, uid: str, probe: bool, reason: str, status: int | None) -> Iterator[Any]:
        crawl_run(self.crawler).report.fail(reason, uid)
        self.logger.warning("%s: %s", uid, reason)
        if not probe:
            yield PageCheck(uid, PageOutcome.FAILED, status)

    def _read(self, response: Response, uid: str, url: str, probe: bool) -> Iterator[Any]:
        report = crawl_run(self.crawler).report
        try:
            body = _decoded(response)
            question = parse_page(body, url, expected_uid=uid)
        except (MissingField, NotAWrittenQuestion) as error:
            if isinstance(error, NotAWrittenQuestion) and not error.unrecognized:
                self.logger.info("%s: %s", url, error)
                yield from self._failed(uid, probe, _failure_reason(error), response.status)
                return
            # A page at a question's URL without its required fields, or without any
            # layout the parser knows: what a change of the site's layout looks like.
            fields = error.fields if isinstance(error, MissingField) else ("layout",)
            self.drift.missing(fields, url)
            report.fail(f"page: missing {', '.join(fields)}", uid)
            self.logger.warning("%s: %s", url, error)
            if not probe:
                yield PageCheck(uid, PageOutcome.FAILED, response.status)
            if self.drift.tripped:
                crawl_run(self.crawler).drift = self.drift.summary()
                self.logger.error("%s", self.drift.summary())
                raise CloseSpider("layout_drift") from None
            return
        except ParseError as error:
            self.logger.info("%s: %s", url, error)
            yield from self._failed(uid, probe, _failure_reason(error), response.status)
            return
        self.drift.parsed()
        if probe:
            self.discoveries[question.legislature].found(question.number)
            self.crawler.stats.inc_value("relance/discovered")
        layout_fields = PAGE_FIELDS[_layout_of(question.legislature)]
        yield PageRecord(question, frozenset(layout_fields), response.status)

    def _not_found(self, uid: str, probe: bool) -> Iterator[Any]:
        if probe:
            return
        # A known question's page is gone: keep the data, note it.
        crawl_run(self.crawler).report.anomaly("page: not found (404) for a known question", uid)
        yield PageCheck(uid, PageOutcome.NOT_FOUND, 404)

    def _probe_more(self, uid: str) -> Iterator[Request]:
        discovery = self.discoveries.get(parse_uid(uid).legislature)
        if discovery is not None:
            for number in discovery.wanted():
                self.crawler.stats.inc_value("relance/planned_requests")
                yield self._request(make_uid(discovery.legislature, "QE", number), probe=True)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        uid, probe = request.meta["uid"], request.meta["probe"]
        if failure.check(HttpError):
            status = failure.value.response.status  # type: ignore[union-attr]
            why = f"page: HTTP {status} after retries"
        else:
            status = None
            name = type(failure.value).__name__
            why = f"page: {_PLAIN_ERRORS.get(name, name)} after retries"
        self.logger.info("%s: %s", request.url, failure.getErrorMessage())
        yield from self._failed(uid, probe, why, status)
        if probe:
            yield from self._probe_more(uid)

    def closed(self, reason: str) -> None:
        jobdir = self.settings.get("JOBDIR")
        if jobdir and reason == "finished":
            (Path(jobdir) / RUN_MARKER).unlink(missing_ok=True)
        stats = self.crawler.stats
        self.logger.info(
            "pages crawl %s: %d question pages read, %d not modified (304), %d discovered",
            reason,
            self.drift.pages,
            stats.get_value("relance/not_modified", 0),
            stats.get_value("relance/discovered", 0),
        )


#: Written in the JOBDIR when a run starts, removed when it finishes.
RUN_MARKER = "relance-run.json"


def prepare_jobdir(jobdir: Path, logger: Any) -> datetime | None:
    """Get Scrapy's JOBDIR ready, and say since when the run being resumed ran (None for
    a new run).

    Scrapy saves its queue's bookkeeping and the spider's state only on a clean close
    (Ctrl-C, SIGTERM): after a SIGKILL the queue on disk cannot be trusted and the seen
    requests would filter out pages never fetched. Then the queue is dropped, and the
    database tells what the interrupted run already did (its page checks)."""
    marker = jobdir / RUN_MARKER
    started = _started(marker)
    if started is not None and (jobdir / "spider.state").exists():
        logger.info("resuming the crawl paused at %s from %s", started, jobdir)
        return started
    for leftover in ("requests.queue", "requests.seen", "spider.state"):
        path = jobdir / leftover
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    if started is not None:
        logger.warning("the crawl started at %s was killed: resuming from the database", started)
        return started
    jobdir.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({"started_at": utcnow().isoformat()}))
    return None


def _started(marker: Path) -> datetime | None:
    try:
        return datetime.fromisoformat(json.loads(marker.read_text())["started_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _layout_of(legislature: int) -> Any:
    from relance.mirror.pages import layout_for

    return layout_for(legislature)


def _decoded(response: Response) -> str:
    """The page's text; bytes that are not valid in the declared encoding are an error:
    a damaged page must not overwrite good texts with replacement characters."""
    encoding = getattr(response, "encoding", None) or "utf-8"
    try:
        return response.body.decode(encoding)
    except UnicodeDecodeError as error:
        raise ParseError(
            f"encoding damaged: bytes invalid in {encoding} at offset {error.start}",
            field="encoding",
        ) from None
    except LookupError:
        raise ParseError(f"unknown encoding {encoding!r}", field="encoding") from None


def _failure_reason(error: ParseError) -> str:
    if isinstance(error, NotAWrittenQuestion):
        return "page: not a written question page (error page?)"
    return f"page: {error.reason}"
