"""Pure parsing functions: bytes or dicts in, records out. No HTTP, no storage, no Scrapy."""

from spiders.parsers.common import ParseError

__all__ = ["ParseError"]
