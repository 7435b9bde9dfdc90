"""Item pipelines, small and ordered: normalize → validate → store.

Each stage calls the core's pure functions (``relance.ingest``) or its store
(``relance.db.store``), so a crawl and ``relance import`` judge and write records alike.
All stages of one crawl share one ``CrawlRun`` (the report, the admission, the store).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from relance.dates import today_paris
from relance.db.store import QuestionStore, Report
from relance.ingest import Admission, normalize
from relance.record import Deputy, Organe, Question
from spiders.items import Unreadable

logger = logging.getLogger(__name__)


@dataclass
class CrawlRun:
    """What the pipelines of one crawl share; ``relance crawl`` reads its report."""

    today: date
    report: Report = field(default_factory=Report)
    unreadable: list[str] = field(default_factory=list)
    admission: Admission | None = None
    store: QuestionStore | None = None

    def __post_init__(self) -> None:
        self.admission = Admission(self.report, today=self.today)


_RUNS: WeakKeyDictionary[Crawler, CrawlRun] = WeakKeyDictionary()


def crawl_run(crawler: Crawler) -> CrawlRun:
    """The run state of a crawler, created on first use."""
    if crawler not in _RUNS:
        pinned = crawler.settings.get("RELANCE_TODAY")
        today = date.fromisoformat(pinned) if pinned else today_paris()
        _RUNS[crawler] = CrawlRun(today=today)
    return _RUNS[crawler]


class NormalizePipeline:
    """Repair what the source damaged (mojibake, typos in labels)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        return cls()

    def process_item(self, item: Any) -> Any:
        return normalize(item) if isinstance(item, Question) else item


class ValidatePipeline:
    """Refuse what must not be stored (counted in the report, logged with the uid)."""

    def __init__(self, run: CrawlRun) -> None:
        self.run = run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawl_run(crawler))

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Question):
            assert self.run.admission is not None
            if not self.run.admission.check(item, item.source_url or "?"):
                raise DropItem(f"{item.uid}: refused (see the run's report)")
        return item


class StorePipeline:
    """Write records to the database in batches; count what could not be read."""

    def __init__(self, run: CrawlRun, database_url: str) -> None:
        self.run = run
        self.database_url = database_url

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawl_run(crawler), crawler.settings["RELANCE_DATABASE_URL"])

    def open_spider(self) -> None:
        from relance.db.engine import make_engine
        from relance.db.migrate import upgrade

        engine = make_engine(self.database_url)
        upgrade(engine)
        self.run.store = QuestionStore(engine, self.run.report)

    def process_item(self, item: Any) -> Any:
        store = self.run.store
        assert store is not None
        if isinstance(item, Question):
            store.add(item)
        elif isinstance(item, Deputy):
            store.add_deputy(item)
        elif isinstance(item, Organe):
            store.add_organe(item)
        elif isinstance(item, Unreadable):
            assert self.run.admission is not None
            if item.whole_input:  # a whole dump: not a record, but the run must fail
                self.run.unreadable.append(item.message)
            else:
                self.run.admission.unreadable(item.source, item.reason, item.uid, item.message)
        return item

    def close_spider(self) -> None:
        if self.run.store is not None:
            report = self.run.store.close()
            self.run.store.engine.dispose()
            for line in report.lines():
                logger.info("report: %s", line)
