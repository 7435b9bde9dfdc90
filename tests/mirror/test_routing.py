"""One port serves every host's paths: the two page layouts, the dumps, robots.txt, 404s;
and pages answer with honest HTTP (ETag, Last-Modified, 304, HEAD, Range)."""

from __future__ import annotations

import email.utils
import hashlib
import itertools
from datetime import UTC, datetime

import pytest

from relance.mirror import MirrorServer
from relance.mirror.site import page_file, page_uid
from relance.mirror.timeline import last_event
from spiders.parsers.pages import PAGE_FIELDS, detect_layout, page_field, parse_page

from .conftest import SiteCorpus
from .helpers import fetch


@pytest.mark.parametrize(
    ("path", "uid"),
    [
        ("/dyn/17/questions/QANR5L17QE6778", "QANR5L17QE6778"),
        ("/dyn/16/questions/QANR5L16QE1", "QANR5L16QE1"),
        ("/q14/14-3200QE.htm", "QANR5L14QE3200"),
        ("/q15/15-12QE.htm", "QANR5L15QE12"),
        ("/dyn/15/questions/QANR5L15QE12", None),  # the 15th legislature is not on /dyn
        ("/q17/17-12QE.htm", None),  # nor the 17th on questions.…
        ("/dyn/16/questions/QANR5L17QE1", None),  # legislatures disagree
        ("/q14/14-0320QE.htm", None),  # not the canonical spelling
        ("/q14/15-320QE.htm", None),
        ("/dyn/17/questions/QANR5L17QE1.pdf", None),
        ("/dyn/17/questions", None),
        ("/recherche/resultats_questions", None),
    ],
)
def test_page_uid(path: str, uid: str | None) -> None:
    assert page_uid(path) == uid


def test_page_files_sit_under_their_host() -> None:
    dyn = "site/www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QE9"
    assert page_file("QANR5L17QE9") == dyn
    assert page_file("QANR5L14QE9") == "site/questions.assemblee-nationale.fr/q14/14-9QE.htm"


@pytest.mark.parametrize("legislature", [15, 17])
def test_pages_of_both_layouts_parse_back_to_their_record(
    mirror: MirrorServer, site: SiteCorpus, legislature: int
) -> None:
    uids = site.uids(legislature)
    for uid in uids[:: max(1, len(uids) // 60)]:
        record = site.records[uid]
        path = page_file(uid).split("/", 2)[2]
        response = fetch(mirror, "/" + path)
        assert response.status == 200, uid
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert int(response.headers["Content-Length"]) == len(response.body)
        layout = detect_layout(response.body)
        parsed = parse_page(response.body, mirror.url + "/" + path, expected_uid=uid)
        for field in PAGE_FIELDS[layout]:
            assert page_field(parsed, field) == page_field(record, field), (uid, field)


def test_404_for_unknown_numbers_and_paths(mirror: MirrorServer, site: SiteCorpus) -> None:
    last = max(q.number for q in site.records.values() if q.legislature == 17)
    for path in (
        f"/dyn/17/questions/QANR5L17QE{last + 1}",
        "/dyn/16/questions/QANR5L16QE1",  # a legislature the corpus does not have
        "/q15/15-999999QE.htm",
        "/dyn/17/questions/QANR5L17QE01",
        "/nothing/here",
        "/static/openData/repository/site/records.jsonl",  # the mirror's own files
        "/static/openData/repository/../manifest.json",
    ):
        assert fetch(mirror, path).status == 404, path
    assert mirror.counts["404"] == 7


def test_a_numbering_gap_is_a_404(mirror: MirrorServer, site: SiteCorpus) -> None:
    numbers = sorted(q.number for q in site.records.values() if q.legislature == 17)
    gap = next(a + 1 for a, b in itertools.pairwise(numbers) if b > a + 1)
    assert fetch(mirror, f"/dyn/17/questions/QANR5L17QE{gap}").status == 404


def test_robots_and_dumps(mirror: MirrorServer) -> None:
    robots = fetch(mirror, "/robots.txt")
    assert robots.status == 200 and b"Disallow: /recherche/" in robots.body
    dump = fetch(mirror, "/static/openData/repository/17/questions/questions_ecrites/"
                 "Questions_ecrites.json.zip")  # fmt: skip
    assert dump.status == 200 and dump.body[:2] == b"PK"
    assert dump.headers["Content-Type"] == "application/zip"
    assert mirror.counts["robots"] == 1 and mirror.counts["dump"] == 1


def _page(site: SiteCorpus) -> tuple[str, str]:
    uid = next(u for u, q in site.records.items() if q.legislature == 17 and q.date_reponse)
    return uid, f"/dyn/17/questions/{uid}"


def test_etag_hashes_the_body_and_last_modified_is_the_last_event(
    mirror: MirrorServer, site: SiteCorpus
) -> None:
    uid, path = _page(site)
    response = fetch(mirror, path)
    assert response.headers["ETag"] == f'"{hashlib.sha1(response.body).hexdigest()[:20]}"'
    modified = email.utils.parsedate_to_datetime(response.headers["Last-Modified"])
    assert modified == datetime.combine(last_event(site.records[uid]), datetime.min.time(), UTC)


def test_conditional_requests(mirror: MirrorServer, site: SiteCorpus) -> None:
    _, path = _page(site)
    first = fetch(mirror, path)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = fetch(mirror, path, headers={"If-None-Match": etag})
    assert again.status == 304 and again.body == b"" and again.headers["ETag"] == etag
    assert fetch(mirror, path, headers={"If-None-Match": '"other"'}).status == 200
    assert fetch(mirror, path, headers={"If-Modified-Since": modified}).status == 304
    earlier = email.utils.formatdate(
        email.utils.parsedate_to_datetime(modified).timestamp() - 86400, usegmt=True
    )
    assert fetch(mirror, path, headers={"If-Modified-Since": earlier}).status == 200
    assert mirror.counts["304"] == 2 and mirror.counts["page"] == 5


def test_head_and_ranges(mirror: MirrorServer, site: SiteCorpus) -> None:
    _, path = _page(site)
    full = fetch(mirror, path)
    head = fetch(mirror, path, method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["Content-Length"] == str(len(full.body))
    assert head.headers["ETag"] == full.headers["ETag"]
    part = fetch(mirror, path, headers={"Range": "bytes=100-199"})
    assert part.status == 206 and part.body == full.body[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(full.body)}"
    tail = fetch(mirror, path, headers={"Range": "bytes=-50"})
    assert tail.body == full.body[-50:]
    assert fetch(mirror, path, headers={"Range": f"bytes={len(full.body)}-"}).status == 416
    stale = fetch(mirror, path, headers={"Range": "bytes=0-9", "If-Range": '"stale"'})
    assert stale.status == 200 and stale.body == full.body
