"""A progress bar for a crawl (``RELANCE_PROGRESS = True``; ``relance demo`` turns it on):
responses received and items stored, with the planned total when the spider knows it."""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class ProgressBar:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.bar: Any = None
        self.items = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressBar:
        if not crawler.settings.getbool("RELANCE_PROGRESS"):
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.response, signal=signals.response_received)
        crawler.signals.connect(extension.item, signal=signals.item_scraped)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider: Any) -> None:
        from tqdm import tqdm

        self.bar = tqdm(desc=spider.name, unit=" pages", disable=None, leave=True)

    def response(self, response: Any, request: Any, spider: Any) -> None:
        if self.bar is None:
            return
        planned = self.crawler.stats.get_value("relance/planned_requests")
        if planned and self.bar.total != planned:
            self.bar.total = planned
        self.bar.update(1)

    def item(self, item: Any, response: Any, spider: Any) -> None:
        self.items += 1
        if self.bar is not None and self.items % 100 == 0:
            self.bar.set_postfix(records=self.items, refresh=False)

    def closed(self, spider: Any, reason: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix(records=self.items)
            self.bar.close()
