"""The spiders: they navigate and download; parsing is done by ``spiders.parsers``."""
