"""Item pipelines, small and ordered: normalize → validate → store.

Each stage calls the core's pure functions (``relance.ingest``) or its store
(``relance.db.store``), so a crawl and ``relance import`` judge and write records alike.
All stages of one crawl share one ``CrawlRun`` (the report, the admission, the store).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from relance.dates import today_paris
from relance.db.models import PageOutcome
from relance.db.queries import stored_questions
from relance.db.store import QuestionStore, Report
from relance.ingest import Admission, normalize
from relance.merge import merge_page
from relance.record import Deputy, Organe, Question
from spiders.items import PageCheck, PageRecord, Unreadable

logger = logging.getLogger(__name__)


@dataclass
class CrawlRun:
    """What the pipelines of one crawl share; ``relance crawl`` reads its report."""

    today: date
    report: Report = field(default_factory=Report)
    unreadable: list[str] = field(default_factory=list)
    admission: Admission | None = None
    store: QuestionStore | None = None
    drift: str | None = None  # set when the pages crawl stopped on a layout drift

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
        if isinstance(item, PageRecord):
            return replace(item, question=normalize(item.question))
        return normalize(item) if isinstance(item, Question) else item


class MergePipeline:
    """A page shows part of a record: merge it into what is stored (``relance.merge``),
    and report what the page lost (an answer that disappeared is kept)."""

    def __init__(self, run: CrawlRun) -> None:
        self.run = run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MergePipeline:
        return cls(crawl_run(crawler))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageRecord):
            return item
        assert self.run.store is not None
        page = item.question
        stored = stored_questions(self.run.store.engine, [page.uid]).get(page.uid)
        merged = merge_page(stored, page, item.carried)
        for anomaly in merged.anomalies:
            self.run.report.anomaly(anomaly, page.uid)
            logger.warning(
                "%s: %s (%s); the stored data is kept", page.uid, anomaly, page.source_url
            )
        return replace(item, question=merged.question)


class ValidatePipeline:
    """Refuse what must not be stored (counted in the report, logged with the uid)."""

    def __init__(self, run: CrawlRun) -> None:
        self.run = run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawl_run(crawler))

    def process_item(self, item: Any) -> Any:
        question = item.question if isinstance(item, PageRecord) else item
        if isinstance(question, Question):
            assert self.run.admission is not None
            if not self.run.admission.check(question, question.source_url or "?"):
                if isinstance(item, PageRecord) and self.run.store is not None:
                    self.run.store.add_check(question.uid, PageOutcome.REFUSED, day=self.run.today)
                raise DropItem(f"{question.uid}: refused (see the run's report)")
        return item


class StorePipeline:
    """Write records to the database in batches; count what could not be read."""

    def __init__(
        self, run: CrawlRun, database_url: str, batch_size: int = 1000, flush_seconds: float = 0
    ) -> None:
        self.run = run
        self.database_url = database_url
        self.batch_size = batch_size
        # A slow crawl commits at least this often, so a killed crawl loses little.
        self.flush_seconds = flush_seconds
        self._flushed = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(
            crawl_run(crawler),
            crawler.settings["RELANCE_DATABASE_URL"],
            crawler.settings.getint("RELANCE_STORE_BATCH", 1000),
            crawler.settings.getfloat("RELANCE_STORE_FLUSH_SECONDS", 0),
        )

    def open_spider(self) -> None:
        from relance.db.engine import make_engine
        from relance.db.migrate import upgrade

        engine = make_engine(self.database_url)
        upgrade(engine)
        self.run.store = QuestionStore(engine, self.run.report, batch_size=self.batch_size)

    def process_item(self, item: Any) -> Any:
        store = self.run.store
        assert store is not None
        if isinstance(item, Question):
            store.add(item)
        elif isinstance(item, PageRecord):
            store.add_check(
                item.question.uid,
                PageOutcome.STORED,
                day=self.run.today,
                http_status=item.http_status,
            )
            store.add(item.question)
        elif isinstance(item, PageCheck):
            store.add_check(
                item.uid, item.outcome, day=self.run.today, http_status=item.http_status
            )
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
        if self.flush_seconds and time.monotonic() - self._flushed >= self.flush_seconds:
            store.flush()
            self._flushed = time.monotonic()
        return item

    def close_spider(self) -> None:
        if self.run.store is not None:
            report = self.run.store.close()
            self.run.store.engine.dispose()
            for line in report.lines():
                logger.info("report: %s", line)
