"""Log lines that name a record by its uid instead of dumping the whole record."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter


class RelanceLogFormatter(LogFormatter):
    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> dict:  # type: ignore[override]
        return {
            "level": logging.INFO,  # the refusal itself was already logged as a warning
            "msg": "dropped: %(reason)s",
            "args": {"reason": exception},
        }

    def scraped(self, item: Any, response: Any, spider: Any) -> dict:  # type: ignore[override]
        return {
            "level": logging.DEBUG,
            "msg": "scraped %(uid)s from %(src)s",
            "args": {"uid": getattr(item, "uid", type(item).__name__), "src": response},
        }
