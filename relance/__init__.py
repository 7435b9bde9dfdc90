"""Relance: a tracker of the Assemblée nationale's written questions and their answers.

The core package: question record, deadline rules, database, CLI, demo corpus generator.
It imports none of Scrapy, Whoosh or Flask.
"""

__version__ = "0.1.0"
