"""Run a spider in-process for ``relance crawl`` and hand back the run's report."""

from __future__ import annotations

from datetime import date
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

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
    process = CrawlerProcess(
        scrapy_settings(settings, today, overrides), install_root_handler=False
    )
    crawler = process.create_crawler(name)
    process.crawl(crawler, legislature=",".join(str(leg) for leg in legislatures))
    process.start()
    run = crawl_run(crawler)
    return run.report, run.unreadable
