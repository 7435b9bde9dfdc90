"""The pages crawl end to end (``relance update``) against the mirror replaying time on
127.0.0.1: new questions discovered, answers detected, unchanged pages cost a 304, and every
fault of the site is counted and named without losing anything stored.

Each update runs in a subprocess (Twisted's reactor starts once per process)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

from relance.db.engine import make_engine
from relance.db.models import PageCheckRow, QuestionRow
from relance.demo import generate_corpus
from relance.mirror import MirrorServer
from relance.mirror.faults import Fault
from relance.mirror.site import RECORDS
from relance.mirror.timeline import as_of
from relance.record import Question, Status

ROOT = Path(__file__).resolve().parents[2]
END = date(2026, 11, 24)  # a Tuesday: the JO of the week publishes on that day
START = END - timedelta(days=7)
FAST = [
    "--set", "DOWNLOAD_DELAY=0",
    "--set", "AUTOTHROTTLE_ENABLED=False",
    "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "--set", "RETRY_AFTER_MAX=1",
]  # fmt: skip


@dataclass
class Site:
    root: Path
    records: dict[str, Question]

    def state(self, day: date) -> dict[str, Question]:
        """Every question as its page shows it on ``day``."""
        return {uid: q for uid, r in self.records.items() if (q := as_of(r, day)) is not None}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("site")
    generate_corpus(root, questions=400, seed=11, legislatures=(17,), as_of=END, edge_rate=0)
    records = {}
    with (root / RECORDS).open("rb") as lines:
        for line in lines:
            question = Question.from_dict(orjson.loads(line))
            records[question.uid] = question
    return Site(root, records)


@pytest.fixture
def mirror(site: Site) -> Iterator[MirrorServer]:
    with MirrorServer(site.root, clock=START) as server:
        yield server


def update(
    tmp_path: Path, mirror: MirrorServer, day: date, *args: str
) -> subprocess.CompletedProcess[str]:
    env, command = update_command(tmp_path, mirror, day, *args)
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def update_command(
    tmp_path: Path, mirror: MirrorServer, day: date, *args: str
) -> tuple[dict[str, str], list[str]]:
    env = {
        **os.environ,
        "RELANCE_DATA_DIR": str(tmp_path / "var"),
        "RELANCE_DATABASE_URL": f"sqlite:///{tmp_path / 'relance.db'}",
        "RELANCE_OPENDATA_BASE": mirror.opendata_base,
        "RELANCE_SITE_BASE": mirror.site_base,
        "RELANCE_QUESTIONS_SITE_BASE": mirror.questions_base,
    }
    command = [
        sys.executable, "-m", "relance", "update", "-l", "17",
        "--as-of", day.isoformat(), *FAST, *args,
    ]  # fmt: skip
    return env, command


def stored(tmp_path: Path) -> dict[str, tuple[str, date | None]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'relance.db'}")
    with engine.connect() as connection:
        rows = connection.execute(
            select(QuestionRow.uid, QuestionRow.status, QuestionRow.date_reponse)
        ).all()
    engine.dispose()
    return {uid: (status, answered) for uid, status, answered in rows}


def checks(tmp_path: Path) -> dict[str, str]:
    engine = make_engine(f"sqlite:///{tmp_path / 'relance.db'}")
    with engine.connect() as connection:
        rows = connection.execute(select(PageCheckRow.uid, PageCheckRow.outcome)).all()
    engine.dispose()
    return dict(rows)


def test_a_week_later_the_pages_crawl_finds_new_questions_and_answers(
    tmp_path: Path, site: Site, mirror: MirrorServer
) -> None:
    first = update(tmp_path, mirror, START)
    assert first.returncode == 0, first.stderr[-3000:]
    before = site.state(START)
    assert set(stored(tmp_path)) == set(before)

    mirror.set_clock(END)
    mirror.reset_counts()
    after = site.state(END)
    new_uids = set(after) - set(before)
    answered_in_week = {
        uid for uid, q in after.items() if q.status is Status.ANSWERED and q.date_reponse > START
    }
    assert new_uids and answered_in_week  # the corpus has both in its last week

    # Pages only (the dump is not read): discovery and refresh do all the work.
    second = update(tmp_path, mirror, END, "--no-dump", "--max-refresh", "1000")
    assert second.returncode == 0, second.stderr[-3000:]
    rows = stored(tmp_path)
    assert set(rows) == set(after), "every question published during the week is found"
    for uid in answered_in_week:
        assert rows[uid] == ("answered", after[uid].date_reponse), uid
    assert {uid for uid, (status, _) in rows.items() if status == "pending"} == {
        uid for uid, q in after.items() if q.status is Status.PENDING
    }
    # Probing stopped K (10) numbers after the last question.
    highest = max(q.number for q in after.values())
    assert f"/dyn/17/questions/QANR5L17QE{highest + 11}" not in {r[1] for r in mirror.requests}


def test_unchanged_pages_cost_a_304_and_change_nothing(
    tmp_path: Path, mirror: MirrorServer
) -> None:
    first = update(tmp_path, mirror, START, "--full")
    assert first.returncode == 0, first.stderr[-3000:]
    mirror.reset_counts()
    again = update(tmp_path, mirror, START, "--full", "--no-dump")
    assert again.returncode == 0, again.stderr[-3000:]
    pages = mirror.counts["page"]
    assert pages > 100
    assert mirror.counts["304"] >= pages - 10  # all but the probes beyond the last number
    assert "updated 0" in again.stdout and "inserted 0" in again.stdout


def test_every_fault_of_the_site_is_counted_and_named_and_nothing_stored_is_lost(
    tmp_path: Path, site: Site, mirror: MirrorServer
) -> None:
    first = update(tmp_path, mirror, START)
    assert first.returncode == 0, first.stderr[-3000:]
    before = stored(tmp_path)
    state = site.state(START)
    answered = sorted(u for u, q in state.items() if q.status is Status.ANSWERED)
    answered_set = set(answered)
    changing = sorted(  # pages that change during the week: a 304 cannot hide their fault
        u
        for u, q in site.state(END).items()
        if u in state and q != state[u] and u not in answered_set  # one fault per page
    )
    others = sorted(u for u, q in state.items() if q.status is not Status.ANSWERED)
    others = [u for u in others if u not in changing[:3]]
    faults = {
        Fault.UNAVAILABLE: others[0:3],
        Fault.TRUNCATED: changing[0:3],
        Fault.ERROR_PAGE: others[6:9],
        Fault.WRONG_QUESTION: others[9:12],
        Fault.BAD_BYTES: others[12:14],
        Fault.CP1252: others[14:16],
        Fault.MALFORMED: others[16:17],
        Fault.SLOW: others[17:19],
        Fault.ANSWER_GONE: answered[0:3],
    }
    assert len(faults[Fault.TRUNCATED]) >= 2, "the corpus has too few pages changing this week"
    for fault, uids in faults.items():
        mirror.faults.on(fault, uids=uids)
    mirror.faults.retry_after = 1
    mirror.faults.delay = 3.0  # SLOW: longer than the download timeout
    mirror.set_clock(END)
    result = update(tmp_path, mirror, END, "--no-dump", "--full", "--set", "DOWNLOAD_TIMEOUT=1")
    out = result.stdout
    assert result.returncode == 0, out + result.stderr[-3000:]
    after = stored(tmp_path)
    for fault, uids in faults.items():
        for uid in uids:
            assert after[uid] == before[uid], f"{fault}: {uid} changed"
    truncated = len(faults[Fault.TRUNCATED])
    expected_reasons = {
        Fault.UNAVAILABLE: "failed 3× page: HTTP 503 after retries",
        Fault.MALFORMED: "failed 1× page: missing",
        Fault.SLOW: "failed 2× page: timeout after retries",
        Fault.TRUNCATED: f"failed {truncated}× page: truncated body after retries",
        Fault.ERROR_PAGE: "failed 3× page: redirected elsewhere",
        Fault.WRONG_QUESTION: "failed 3× page: uid mismatch",
        Fault.BAD_BYTES: "failed 4× page: encoding",  # and CP1252
        Fault.ANSWER_GONE: "anomaly 3× answer disappeared from the page",
    }
    # "failed 3× page: redirected elsewhere (URL)": a reason may be split by its detail
    # (two error pages), so counts are summed per reason.
    counted: dict[str, int] = {}
    for times, reason in re.findall(r"(?m)^\s*((?:failed|anomaly) \d+)× (.*)$", out):
        word, n = times.split()
        for expected in expected_reasons.values():
            head, tail = expected.split("× ", 1)
            if head.split()[0] == word and reason.startswith(tail):
                counted[expected] = counted.get(expected, 0) + int(n)
    for fault, reason in expected_reasons.items():
        wanted = int(reason.split("× ", 1)[0].split()[1])
        assert counted.get(reason) == wanted, f"{fault}: {reason!r} not in the report:\n{out}"
    for uid in faults[Fault.WRONG_QUESTION][:1] + faults[Fault.ANSWER_GONE][:1]:
        assert uid in out  # examples name the uids
    # The pages that did not fail were all read: the week's answers are in.
    week = site.state(END)
    failed = {u for uids in faults.values() for u in uids}
    for uid, q in week.items():
        if uid not in failed and uid in after:
            assert after[uid][0] == q.status.value, uid
    outcomes = checks(tmp_path)
    assert {outcomes[u] for u in faults[Fault.WRONG_QUESTION]} == {"failed"}


def test_a_layout_drift_stops_the_crawl_names_the_fields_and_exits_3(
    tmp_path: Path, site: Site, mirror: MirrorServer
) -> None:
    first = update(tmp_path, mirror, START)
    assert first.returncode == 0, first.stderr[-3000:]
    before = stored(tmp_path)
    mirror.faults.on(Fault.CHANGED_LAYOUT, share=0.5)
    mirror.set_clock(END)
    mirror.reset_counts()
    result = update(tmp_path, mirror, END, "--no-dump", "--full")
    assert result.returncode == 3, result.stdout + result.stderr[-3000:]
    assert "layout drift:" in result.stderr and "miss required fields:" in result.stderr
    assert "/dyn/17/questions/QANR5L17QE" in result.stderr  # sample URLs
    pages = mirror.counts["page"]
    assert pages < len(site.state(END)) / 4  # stopped early
    after = stored(tmp_path)
    # A page read before the alarm may bring the week's news; nothing else changes (a
    # page with the changed layout never reaches the database).
    week = site.state(END)
    for uid in before:
        if uid in after and after[uid] != before[uid]:
            assert after[uid] == (week[uid].status.value, week[uid].date_reponse), uid


def test_a_crawl_killed_with_sigkill_resumes_and_loses_nothing_committed(
    tmp_path: Path, site: Site, mirror: MirrorServer
) -> None:
    first = update(tmp_path, mirror, START, "--max-refresh", "0")  # the dump only
    assert first.returncode == 0, first.stderr[-3000:]
    known = set(stored(tmp_path))
    mirror.faults.delay = 0.03
    mirror.faults.on(Fault.SLOW, share=1.0)
    mirror.reset_counts()
    env, command = update_command(tmp_path, mirror, START, "--no-dump", "--full")
    command[command.index("CONCURRENT_REQUESTS_PER_DOMAIN=8")] = "CONCURRENT_REQUESTS_PER_DOMAIN=1"
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while len(checks(tmp_path)) < 100 and time.monotonic() < deadline:
        assert process.poll() is None, "the crawl ended before it could be killed"
        time.sleep(0.1)
    process.kill()  # SIGKILL: no clean shutdown, no state saved on exit
    process.wait()
    committed = checks(tmp_path)
    assert 100 <= len(committed) < len(known)
    assert (tmp_path / "var" / "crawls" / "an_questions").is_dir(), sorted(
        str(p) for p in (tmp_path / "var").rglob("*") if "httpcache" not in str(p)
    )  # the job to resume

    mirror.faults.off(Fault.SLOW)
    resumed = update(tmp_path, mirror, START, "--no-dump", "--full")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr[-3000:]
    final = checks(tmp_path)
    assert set(final) == known  # every page checked once the job is done
    assert all(final[uid] == "stored" for uid in committed)  # nothing committed was lost
    assert stored(tmp_path).keys() == known
    assert not (tmp_path / "var" / "crawls" / "an_questions").exists()  # finished: cleared
    fetched = mirror.counts["page"]
    assert fetched < 1.5 * len(known), "the resumed crawl did not start over"


def test_the_default_crawl_is_polite(tmp_path: Path, mirror: MirrorServer) -> None:
    """No speed-up settings: robots.txt first, an identifying User-Agent with the contact
    URL, one request at a time at least a second apart, Retry-After honoured on a 429."""
    first = update(tmp_path, mirror, START, "--max-refresh", "0")  # the dump, fast
    assert first.returncode == 0, first.stderr[-3000:]
    mirror.faults.retry_after = 2
    mirror.faults.on(Fault.RATE_LIMITED, share=1.0, times=1)  # the first page asked
    mirror.requests.clear()
    env, command = update_command(
        tmp_path, mirror, START, "--no-dump", "--max-refresh", "3", "--probe-ahead", "1"
    )
    command = command[: command.index("--set")] + command[command.index("--no-dump") :]
    env["RELANCE_CONTACT_URL"] = "mailto:ops@example.org"
    began = time.monotonic()
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    elapsed = time.monotonic() - began
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    paths = [path for _, path, _ in mirror.requests]
    assert paths[0] == "/robots.txt"
    pages = [(path, headers) for _, path, headers in mirror.requests if "/questions/" in path]
    assert len(pages) == 5  # 3 refreshes, 1 retry after the 429, 1 probe
    assert all("ops@example.org" in h["User-Agent"] for _, h in pages)
    assert all(h["User-Agent"].startswith("Relance/") for _, h in pages)
    assert elapsed >= 2 + 3  # Retry-After, then a second between the other requests
    assert "failed" not in result.stdout
