"""Relance's Scrapy project: spiders, items, pure parsers and pipelines."""
