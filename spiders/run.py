"""Run spiders in-process for ``relance crawl`` / ``relance update`` and hand back what
each run did (its report, the inputs it could not read, why it stopped)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings
from twisted.python.failure import Failure

from relance.config import Settings
from relance.db.store import Report
from spiders.pipelines import crawl_run


def scrapy_settings(
    settings: Settings, today: date, overrides: dict[str, Any] | None = None
) -> Any:
    """The project's Scrapy settings with Relance's configuration applied."""
    scrapy = get_project_settings()
    scrapy.setmodule("spiders.settings", priority="project")
    scrapy.set("RELANCE_DATA_DIR", str(settings.data_dir), priority="cmdline")
    scrapy.set("RELANCE_DATABASE_URL", settings.database_url, priority="cmdline")
    scrapy.set("RELANCE_OPENDATA_BASE", settings.opendata_base, priority="cmdline")
    scrapy.set(
        "HTTPCACHE_DIR", str((settings.data_dir / "httpcache").resolve()), priority="cmdline"
    )
    scrapy.set("RELANCE_SITE_BASE", settings.site_base, priority="cmdline")
    scrapy.set("RELANCE_QUESTIONS_SITE_BASE", settings.questions_site_base, priority="cmdline")
    scrapy.set("USER_AGENT", settings.user_agent, priority="cmdline")
    scrapy.set("RELANCE_TODAY", today.isoformat(), priority="cmdline")
    for key, value in (overrides or {}).items():
        scrapy.set(key, value, priority="cmdline")
    return scrapy


def run_spider(
    name: str,
    *,
    settings: Settings,
    legislatures: tuple[int, ...],
    today: date,
    overrides: dict[str, Any] | None = None,
) -> tuple[Report, list[str]]:
    """Crawl, block until done, return (report, inputs that could not be read at all)."""
    legislature = ",".join(str(leg) for leg in legislatures)
    (result,) = run_crawls(
        [Crawl(name, {"legislature": legislature})],
        settings=settings,
        today=today,
        overrides=overrides,
    )
    return result.report, result.unreadable


@dataclass
class Crawl:
    """One spider to run: its name and its ``-a`` arguments."""

    spider: str
    arguments: dict[str, Any] = field(default_factory=dict)
    resumable: bool = False  # keep a JOBDIR: a killed crawl resumes where it stopped


@dataclass
class CrawlResult:
    spider: str
    report: Report
    unreadable: list[str]
    reason: str  # why it stopped: "finished", "layout_drift", "shutdown"…
    drift: str | None
    stats: dict[str, Any]

    @property
    def ok(self) -> bool:
        return self.reason == "finished" and not self.unreadable and self.drift is None


def job_dir(settings: Settings, spider: str) -> Path:
    """Scrapy's JOBDIR of a resumable crawl: the request queue and the seen requests."""
    return (settings.data_dir / "crawls" / spider).resolve()


def run_crawls(
    crawls: list[Crawl],
    *,
    settings: Settings,
    today: date,
    overrides: dict[str, Any] | None = None,
) -> list[CrawlResult]:
    """Run the crawls one after the other in one process (Twisted's reactor runs once);
    a crawl that did not finish stops the sequence. A resumable crawl keeps its JOBDIR
    until it finishes, so the next run after a kill resumes it."""
    from twisted.internet import defer

    process = CrawlerProcess(
        scrapy_settings(settings, today, {"LOG_INSTALL_ROOT_HANDLER": False, **(overrides or {})})
    )
    results: list[CrawlResult] = []

    @defer.inlineCallbacks
    def sequence() -> Any:
        for crawl in crawls:
            crawler = process.create_crawler(crawl.spider)
            if crawl.resumable:
                crawler.settings.set("JOBDIR", str(job_dir(settings, crawl.spider)), "cmdline")
            yield process.crawl(crawler, **crawl.arguments)
            run = crawl_run(crawler)
            stats = crawler.stats.get_stats() if crawler.stats else {}
            result = CrawlResult(
                crawl.spider,
                run.report,
                run.unreadable,
                str(stats.get("finish_reason", "unknown")),
                run.drift,
                stats,
            )
            results.append(result)
            if crawl.resumable and result.reason == "finished":
                shutil.rmtree(job_dir(settings, crawl.spider), ignore_errors=True)
            if not result.ok:
                break

    errors: list[Any] = []

    def done(outcome: Any) -> None:
        from twisted.internet import reactor

        if isinstance(outcome, Failure):
            errors.append(outcome)
        reactor.stop()  # type: ignore[attr-defined]

    sequence().addBoth(done)
    process.start(stop_after_crawl=False)
    if errors:
        errors[0].raiseException()
    return results
