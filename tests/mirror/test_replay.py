"""Time replay: pages and dumps as published on the mirror's clock, moved while it runs."""

from __future__ import annotations

import email.utils
import shutil
import tracemalloc
import zipfile
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import orjson
import pytest

from relance.demo.corpus import questions_path
from relance.mirror import MirrorServer
from relance.mirror.site import RecordIndex
from relance.record import Question
from spiders.parsers.pages import parse_page

from .conftest import SiteCorpus
from .helpers import fetch

DAY = timedelta(days=1)
DUMP = "/static/openData/repository/" + questions_path(17)


def _dump_uids(mirror: MirrorServer) -> set[str]:
    response = fetch(mirror, DUMP)
    assert response.status == 200
    with zipfile.ZipFile(BytesIO(response.body)) as archive:
        return {orjson.loads(archive.read(n))["question"]["uid"] for n in archive.namelist()}


def _answered_late(small: SiteCorpus) -> Question:
    """An answered question whose answer came weeks after a later question's publication."""
    return next(
        q
        for q in small.records.values()
        if q.date_reponse and (q.date_reponse - q.date_publication).days > 60
    )


def test_questions_and_answers_appear_on_their_day(small: SiteCorpus) -> None:
    q = _answered_late(small)
    path = f"/dyn/17/questions/{q.uid}"
    with MirrorServer(small.root, clock=q.date_publication - DAY) as mirror:
        assert fetch(mirror, path).status == 404
        mirror.advance()
        assert mirror.clock == q.date_publication
        pending = fetch(mirror, path)
        assert pending.status == 200
        assert parse_page(pending.body, expected_uid=q.uid).date_reponse is None
        mirror.set_clock(q.date_reponse - DAY)
        assert parse_page(fetch(mirror, path).body).date_reponse is None
        mirror.set_clock(q.date_reponse)
        answered = fetch(mirror, path)
        assert parse_page(answered.body).date_reponse == q.date_reponse
        assert answered.headers["ETag"] != pending.headers["ETag"]
        moved = email.utils.parsedate_to_datetime(answered.headers["Last-Modified"]).date()
        assert (
            moved
            >= q.date_reponse
            > email.utils.parsedate_to_datetime(pending.headers["Last-Modified"]).date()
        )


def test_the_dump_holds_exactly_the_questions_published_by_the_clock(small: SiteCorpus) -> None:
    days = sorted({q.date_publication for q in small.records.values()})
    day = days[len(days) // 2]
    with MirrorServer(small.root, clock=day) as mirror:
        expected = {u for u, q in small.records.items() if q.date_publication <= day}
        assert _dump_uids(mirror) == expected
        mirror.set_clock(day - DAY)
        assert _dump_uids(mirror) == {
            u for u, q in small.records.items() if q.date_publication < day
        }
        assert (small.root / ".replay" / day.isoformat() / "manifest.json").is_file()
        modified = fetch(mirror, DUMP, method="HEAD").headers["Last-Modified"]
        assert email.utils.parsedate_to_datetime(modified).date() == day - DAY
        mirror.set_clock(date(2027, 1, 1))  # after the corpus's as_of: the corpus's own dumps
        assert _dump_uids(mirror) == set(small.records)


def test_dumps_every_week_served_late(small: SiteCorpus) -> None:
    clock = date(2025, 6, 18)
    with MirrorServer(small.root, clock=clock, dump_every_days=7, dump_lag_days=3) as mirror:
        cutoff = date.fromordinal((clock - 3 * DAY).toordinal() // 7 * 7)
        assert _dump_uids(mirror) == {
            u for u, q in small.records.items() if q.date_publication <= cutoff
        }


def test_counts_per_update_cycle(small: SiteCorpus) -> None:
    uid = next(iter(small.records))
    with MirrorServer(small.root, clock=small.records[uid].date_publication) as mirror:
        fetch(mirror, "/robots.txt")
        etag = fetch(mirror, f"/dyn/17/questions/{uid}").headers["ETag"]
        fetch(mirror, f"/dyn/17/questions/{uid}", headers={"If-None-Match": etag})
        fetch(mirror, DUMP, method="HEAD")
        fetch(mirror, "/dyn/17/questions/QANR5L17QE99999")
        assert {k: mirror.counts[k] for k in ("robots", "page", "dump", "304", "404")} == {
            "robots": 1,
            "page": 3,
            "dump": 1,
            "304": 1,
            "404": 1,
        }
        mirror.reset_counts()
        assert not mirror.counts


def test_replay_needs_pages(tmp_path: Path, small: SiteCorpus) -> None:
    from relance.demo import generate_corpus

    generate_corpus(tmp_path, questions=50, legislatures=(17,), pages=False)
    with pytest.raises(ValueError, match="pages"):
        MirrorServer(tmp_path, clock=date(2025, 1, 1))
    with MirrorServer(small.root) as mirror, pytest.raises(ValueError, match="no clock"):
        mirror.advance()


def test_the_index_is_memory_light(tmp_path: Path) -> None:
    """100,000 records: the index keeps offsets, not records (about 12 bytes a question)."""
    path = tmp_path / "records.jsonl"
    line = b'{"uid":"QANR5L%dQE%d","legislature":%d,"number":%d,"type":"QE"}\n'
    with path.open("wb") as out:
        for leg, count in ((16, 40_000), (17, 60_000)):
            out.writelines(line % (leg, n, leg, n) for n in range(1, count + 1))
    tracemalloc.start()
    try:
        index = RecordIndex(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    try:
        assert len(index) == 100_000
        assert peak < 3 * 1024 * 1024, peak
        assert index.get("QANR5L17QE60000").number == 60000
        assert index.get("QANR5L16QE40001") is None and "QANR5L15QE1" not in index
        assert list(index.neighbours("QANR5L16QE1"))[:2] == ["QANR5L16QE2", "QANR5L16QE3"]
    finally:
        index.close()


def test_replayed_dumps_are_cached_and_pruned(tmp_path: Path, small: SiteCorpus) -> None:
    """The newest ``keep_dumps`` cut-offs stay on disk."""
    root = tmp_path / "corpus"
    shutil.copytree(small.root, root, ignore=shutil.ignore_patterns(".replay"))
    days = [date(2025, 9, 2) + n * DAY for n in range(4)]
    replay = root / ".replay"
    with MirrorServer(root, clock=days[0], keep_dumps=2) as mirror:
        first = (replay / days[0].isoformat() / "manifest.json").stat().st_ctime_ns
        for day in days[1:]:
            mirror.set_clock(day)
        mirror.set_clock(days[3])  # cached: not written again
        kept = sorted(p.name for p in replay.iterdir())
        assert kept == [d.isoformat() for d in days[2:]]
        mirror.set_clock(days[0])
        assert (replay / days[0].isoformat() / "manifest.json").stat().st_ctime_ns != first
