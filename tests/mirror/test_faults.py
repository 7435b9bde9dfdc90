"""Each fault of the real site, switched on while the mirror runs, hits exactly the requests
it targets; the page parser sees a broken page, never a silently wrong record."""

from __future__ import annotations

import time

import pytest

from relance.mirror import Fault, Faults, Kind, MirrorServer
from relance.mirror.faults import Target, stable_unit
from relance.mirror.pages import render_page
from relance.mirror.site import page_file
from spiders.parsers.common import ParseError
from spiders.parsers.pages import NotAWrittenQuestion, parse_page

from .conftest import SiteCorpus
from .helpers import fetch

DUMP = "/static/openData/repository/17/questions/questions_ecrites/Questions_ecrites.json.zip"


def _path(uid: str) -> str:
    return "/" + page_file(uid).split("/", 2)[2]


@pytest.fixture(scope="module")
def pair(site: SiteCorpus) -> tuple[str, str]:
    """Two answered questions of the 17th legislature: one targeted, one spared."""
    answered = [u for u in site.uids(17) if site.records[u].date_reponse]
    return answered[10], answered[11]


def test_faults_keep_their_first_constructor() -> None:
    faults = Faults(burst=2, truncate_to=10)
    assert faults.status == 503 and faults.retry_after == 1 and faults.take_burst()


def test_slow(mirror: MirrorServer, pair: tuple[str, str]) -> None:
    target, spared = pair
    mirror.faults.delay = 0.4
    mirror.faults.on(Fault.SLOW, uids={target})
    start = time.monotonic()
    assert fetch(mirror, _path(spared)).status == 200
    assert time.monotonic() - start < 0.3
    start = time.monotonic()
    assert fetch(mirror, _path(target)).status == 200
    assert time.monotonic() - start >= 0.4


def test_burst_of_503_spares_robots(mirror: MirrorServer, pair: tuple[str, str]) -> None:
    mirror.faults.burst = 2
    assert fetch(mirror, "/robots.txt").status == 200
    first = fetch(mirror, _path(pair[0]))
    assert first.status == 503 and first.headers["Retry-After"] == "1"
    assert fetch(mirror, DUMP, method="HEAD").status == 503
    assert fetch(mirror, _path(pair[0])).status == 200
    assert mirror.counts["503"] == 2


def test_unavailable_and_rate_limited_per_uid_and_kind(
    mirror: MirrorServer, pair: tuple[str, str]
) -> None:
    target, spared = pair
    mirror.faults.on(Fault.UNAVAILABLE, uids={target})
    mirror.faults.on(Fault.RATE_LIMITED, kinds=("dump",), times=2)
    assert fetch(mirror, _path(target)).status == 503
    assert fetch(mirror, _path(target)).status == 503  # every time, while it is on
    assert fetch(mirror, _path(spared)).status == 200
    limited = fetch(mirror, DUMP, method="HEAD")
    assert limited.status == 429 and limited.headers["Retry-After"] == "1"
    assert fetch(mirror, DUMP, method="HEAD").status == 429
    assert fetch(mirror, DUMP, method="HEAD").status == 200  # only twice
    mirror.faults.off(Fault.UNAVAILABLE)
    assert fetch(mirror, _path(target)).status == 200


def test_truncated_pages(mirror: MirrorServer, pair: tuple[str, str]) -> None:
    target, spared = pair
    mirror.faults.on(Fault.TRUNCATED, uids={target})
    cut = fetch(mirror, _path(target))
    assert not cut.complete and len(cut.body) == int(cut.headers["Content-Length"]) // 2
    assert fetch(mirror, _path(spared)).complete
    mirror.faults.off()
    mirror.faults.truncate_to = 500  # the historical switch: every body, pages included
    cut = fetch(mirror, _path(spared))
    assert not cut.complete and len(cut.body) == 500


def test_malformed(mirror: MirrorServer, pair: tuple[str, str]) -> None:
    mirror.faults.on(Fault.MALFORMED, uids={pair[0]})
    page = fetch(mirror, _path(pair[0]))
    assert page.status == 200 and "</html>" not in page.text
    with pytest.raises(ParseError):
        parse_page(page.body, expected_uid=pair[0])
    assert "</html>" in fetch(mirror, _path(pair[1])).text


@pytest.mark.parametrize("legislature", [15, 17])
def test_changed_layout(mirror: MirrorServer, site: SiteCorpus, legislature: int) -> None:
    uid = site.uids(legislature)[5]
    original = fetch(mirror, _path(uid)).text
    mirror.faults.on(Fault.CHANGED_LAYOUT, uids={uid})
    changed = fetch(mirror, _path(uid)).text
    assert changed != original
    assert "Ministère interrogé" in original and "Ministère interrogé" not in changed
    assert 'class="v2-' in changed
    with pytest.raises(ParseError):  # the layout-drift alarm, not a wrong record
        parse_page(changed, expected_uid=uid)


def test_redirect_to_an_error_page(mirror: MirrorServer, site: SiteCorpus) -> None:
    uids = site.uids(17)[:20]
    mirror.faults.on(Fault.ERROR_PAGE, uids=uids)
    titles = set()
    for uid in uids:
        moved = fetch(mirror, _path(uid))
        assert moved.status == 302
        error = fetch(mirror, moved.headers["Location"])
        assert error.status == 200
        title = error.text.split("<title>")[1].split("</title>")[0]
        assert title.startswith("503") or title.startswith("Erreur")
        titles.add(title)
        with pytest.raises(NotAWrittenQuestion):
            parse_page(error.body)
    assert len(titles) == 2  # both kinds of error page, each uid always the same
    assert mirror.counts["302"] == 20


def test_wrong_question(mirror: MirrorServer, pair: tuple[str, str]) -> None:
    mirror.faults.on(Fault.WRONG_QUESTION, uids={pair[0]})
    page = fetch(mirror, _path(pair[0]))
    assert page.status == 200
    shown = parse_page(page.body)
    assert shown.uid != pair[0] and shown.legislature == 17
    assert abs(shown.number - int(pair[0].rsplit("QE", 1)[1])) <= 50
    with pytest.raises(ParseError, match="uid mismatch"):
        parse_page(page.body, expected_uid=pair[0])


def test_answer_gone(mirror: MirrorServer, site: SiteCorpus, pair: tuple[str, str]) -> None:
    target = pair[0]
    mirror.faults.on(Fault.ANSWER_GONE, uids={target})
    gone = parse_page(fetch(mirror, _path(target)).body, expected_uid=target)
    assert site.records[target].date_reponse is not None
    assert gone.date_reponse is None and gone.texte_reponse_html is None
    assert gone.texte_question_html and gone.date_publication
    assert parse_page(fetch(mirror, _path(pair[1])).body).date_reponse


def test_bad_bytes(mirror: MirrorServer, pair: tuple[str, str]) -> None:
    mirror.faults.on(Fault.BAD_BYTES, uids={pair[0]})
    body = fetch(mirror, _path(pair[0])).body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    fetch(mirror, _path(pair[1])).body.decode("utf-8")


def test_cp1252_served_as_utf8(mirror: MirrorServer, site: SiteCorpus, pair: tuple[str, str]):
    mirror.faults.on(Fault.CP1252, uids={pair[0]})
    page = fetch(mirror, _path(pair[0]))
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    with pytest.raises(UnicodeDecodeError):
        page.body.decode("utf-8")
    assert page.body.decode("cp1252") == render_page(site.records[pair[0]])


def test_a_share_of_uids_is_hit_the_same_way_every_time(
    mirror: MirrorServer, site: SiteCorpus
) -> None:
    uids = site.uids(17)[:200]
    mirror.faults.on(Fault.UNAVAILABLE, share=0.25)
    failing = {u for u in uids if fetch(mirror, _path(u)).status == 503}
    assert 20 < len(failing) < 80
    assert failing == {u for u in uids if fetch(mirror, _path(u)).status == 503}
    assert failing == {u for u in uids if stable_unit(f"unavailable:{u}") < 0.25}


def test_targets() -> None:
    target = Target(uids=frozenset({"QANR5L17QE1"}), kinds=frozenset({Kind.PAGE}))
    assert target.hits(Fault.SLOW, Kind.PAGE, "QANR5L17QE1")
    assert not target.hits(Fault.SLOW, Kind.PAGE, "QANR5L17QE2")
    assert not target.hits(Fault.SLOW, Kind.DUMP, "QANR5L17QE1")
    with pytest.raises(ValueError, match="page"):
        Faults().on(Fault.MALFORMED, kinds=("dump",))
