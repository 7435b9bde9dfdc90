"""Where the question pages of a corpus live on disk, and a memory-light index of its records.

A corpus written with pages (``relance.demo.generate_corpus``) holds::

    site/records.jsonl                                          one Question.to_json() a line
    site/www.assemblee-nationale.fr/dyn/{leg}/questions/{uid}   pages, 16th legislature on
    site/questions.assemblee-nationale.fr/q{leg}/{leg}-{n}QE.htm        pages up to the 15th

Page paths under each host are the site's own (``relance.mirror.pages.page_path``), so the
mirror serves both hosts from one port by path alone.
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import orjson

from relance.mirror.pages import Layout, layout_for, page_path
from relance.record import Question
from relance.uid import make_uid, parse_uid

SITE_DIR = "site"
RECORDS = f"{SITE_DIR}/records.jsonl"
#: The host that serves each layout's pages (an-formats.md §1).
HOSTS = {
    Layout.DYN: "www.assemblee-nationale.fr",
    Layout.QUESTIONS: "questions.assemblee-nationale.fr",
    Layout.FICHE: "questions.assemblee-nationale.fr",
}
_UID_PREFIX = re.compile(rb'^\{"uid":"QANR5L(\d+)(QE|QG|QOSD)([1-9]\d*)"')
_DYN_PATH = re.compile(r"^/dyn/\d+/questions/(?P<uid>QANR5L\w+)$")
_OLD_PATH = re.compile(r"^/q\d+/(?P<leg>\d+)-(?P<number>\d+)(?P<type>QE|QG|QOSD)\.htm$")


def page_file(uid: str) -> str:
    """The page's path inside the corpus: ``site/{host}{page_path}``."""
    return f"{SITE_DIR}/{HOSTS[layout_for(parse_uid(uid).legislature)]}{page_path(uid)}"


def day_timestamp(day: date) -> float:
    """Midnight UTC of ``day``: the modification time given to what was published that day,
    so Last-Modified and If-Modified-Since compare publication days."""
    return datetime.combine(day, time(), tzinfo=UTC).timestamp()


class RecordIndex:
    """Byte offset and length of each line of ``records.jsonl``, by (legislature, type) and
    number.

    Lines are read on demand (``os.pread``: thread-safe), so memory is about 12 bytes per
    question number whatever the size of the records: 100,000 questions index in ~1.2 MB.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._starts: dict[tuple[int, str], array] = {}  # offset by number (-1: none)
        self._lengths: dict[tuple[int, str], array] = {}
        self._count = 0
        offset = 0
        with self.path.open("rb") as stream:
            for line in stream:
                legislature, type_, number = _key_of(line)
                starts = self._starts.get((legislature, type_))
                if starts is None:
                    starts = self._starts[legislature, type_] = array("q")
                    self._lengths[legislature, type_] = array("I")
                if len(starts) <= number:
                    grow = max(number + 1, 2 * len(starts)) - len(starts)
                    starts.extend(array("q", [-1]) * grow)
                    self._lengths[legislature, type_].extend(array("I", [0]) * grow)
                self._count += starts[number] < 0
                starts[number] = offset
                self._lengths[legislature, type_][number] = len(line)
                offset += len(line)
        self._file = self.path.open("rb")

    def close(self) -> None:
        self._file.close()

    def __len__(self) -> int:
        return self._count

    def __contains__(self, uid: str) -> bool:
        return self._locate(uid) is not None

    def get(self, uid: str) -> Question | None:
        """The record of ``uid``, read from disk; None when the corpus has no such question."""
        where = self._locate(uid)
        if where is None:
            return None
        start, length = where
        line = os.pread(self._file.fileno(), length, start)
        return Question.from_dict(orjson.loads(line))

    def neighbours(self, uid: str, reach: int = 50) -> Iterator[str]:
        """The uids of the same legislature nearest in number: n-1, n+1, n-2, n+2…"""
        parts = parse_uid(uid)
        for step in range(1, reach + 1):
            for number in (parts.number - step, parts.number + step):
                other = make_uid(parts.legislature, parts.type, number)
                if number > 0 and other in self:
                    yield other

    def _locate(self, uid: str) -> tuple[int, int] | None:
        try:
            parts = parse_uid(uid)
        except ValueError:
            return None
        key = (parts.legislature, parts.type)
        starts = self._starts.get(key)
        if starts is None or parts.number >= len(starts) or starts[parts.number] < 0:
            return None
        return starts[parts.number], self._lengths[key][parts.number]


def page_uid(path: str) -> str | None:
    """The uid whose page is at URL ``path`` (either layout), None for any other path. Only
    the canonical spelling counts (``page_path(uid) == path``): ``/q14/14-047QE.htm`` is not
    a page."""
    match = _DYN_PATH.match(path) or _OLD_PATH.match(path)
    if match is None:
        return None
    if match.re is _DYN_PATH:
        uid = match["uid"]
    else:
        uid = f"QANR5L{match['leg']}{match['type']}{match['number']}"
    try:
        parse_uid(uid)
    except ValueError:
        return None
    return uid if page_path(uid) == path else None


def _key_of(line: bytes) -> tuple[int, str, int]:
    """(legislature, type, number) of a records.jsonl line: ``Question.to_json()`` writes the
    uid first, so a prefix match is enough; anything else is parsed whole."""
    match = _UID_PREFIX.match(line)
    if match:
        return int(match[1]), match[2].decode(), int(match[3])
    parts = parse_uid(orjson.loads(line)["uid"])
    return parts.legislature, parts.type, parts.number
