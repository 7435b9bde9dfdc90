"""The open-data spider end to end, through Scrapy's engine, against the project's mirror
served on 127.0.0.1: chunked downloads, 503 bursts, cut bodies, missing dumps.

Each crawl runs in a subprocess (Twisted's reactor starts once per process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from relance.db.engine import make_engine
from relance.db.models import DeputyRow, QuestionRow
from relance.db.queries import get_question
from relance.mirror import Faults, MirrorServer
from relance.record import Status
from tests.records import acteur_record, organe_record, qe_record

ROOT = Path(__file__).resolve().parents[2]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_AFTER_MAX=2"]


def write_zip(path: Path, members: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, json.dumps(content))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Legislature 17: 300 questions (every third answered) and its AMO dump."""
    root = tmp_path / "corpus"
    questions = {
        f"json/QANR5L17QE{n}.json": qe_record(n, answered="2025-09-02" if n % 3 == 0 else None)
        for n in range(1, 301)
    }
    write_zip(root / "17/questions/questions_ecrites/Questions_ecrites.json.zip", questions)
    amo = {"json/acteur/PA1.json": acteur_record(1), "json/organe/PO10.json": organe_record()}
    write_zip(
        root / "17/amo/acteurs_mandats_organes_divises/"
        "AMO50_acteurs_mandats_organes_divises.json.zip",
        amo,
    )
    return root


def crawl(
    tmp_path: Path, database_url: str, mirror: MirrorServer, *args: str, legislature: str = "17"
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "RELANCE_DATA_DIR": str(tmp_path / "var"),
        "RELANCE_DATABASE_URL": database_url,
        "RELANCE_OPENDATA_BASE": mirror.opendata_base,
    }
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "an_opendata",
        "-a",
        f"legislature={legislature}",
        "-s",
        "RELANCE_TODAY=2026-11-26",
        *FAST,
        *args,
    ]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def count_questions(database_url: str) -> int:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(QuestionRow)).scalar_one()
    engine.dispose()
    return total


def test_crawl_in_small_ranges_stores_everything(
    tmp_path: Path, database_url: str, corpus: Path
) -> None:
    with MirrorServer(corpus) as mirror:
        result = crawl(tmp_path, database_url, mirror, "-s", "RELANCE_DOWNLOAD_CHUNK=4096")
    assert result.returncode == 0, result.stderr[-3000:]
    assert count_questions(database_url) == 300
    engine = make_engine(database_url)
    view = get_question(engine, "QANR5L17QE3")
    with engine.connect() as connection:
        deputy = connection.execute(select(DeputyRow.name)).scalar_one()
    engine.dispose()
    assert view and view.question.status is Status.ANSWERED
    assert view.circonscription == "Bas-Rhin (2e circonscription)"  # resolved through PM1
    assert deputy == "M. Emmanuel Député1"
    paths = [path for _, path, _ in mirror.requests]
    assert paths[0] == "/robots.txt"  # robots.txt obeyed, asked first
    ranged = [h for _, path, h in mirror.requests if path.endswith("Questions_ecrites.json.zip")]
    assert len(ranged) > 3 and all(h.get("Range", "").startswith("bytes=") for h in ranged)
    assert all(h.get("If-Range") for h in ranged[1:])  # pieces of one and the same file
    agents = {h.get("User-Agent") for _, _, h in mirror.requests}
    assert len(agents) == 1 and agents.pop().startswith("Relance/")


def test_recrawl_is_unchanged_and_503_bursts_are_retried(
    tmp_path: Path, database_url: str, corpus: Path
) -> None:
    with MirrorServer(corpus) as mirror:
        assert crawl(tmp_path, database_url, mirror).returncode == 0
        mirror.faults.burst = 3  # the next three answers are 503 with Retry-After: 1
        result = crawl(tmp_path, database_url, mirror)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "unchanged 300" in result.stderr
    statuses = [line for line in result.stderr.splitlines() if "HTTP 503, retrying" in line]
    assert len(statuses) == 3


def test_cut_bodies_fail_the_crawl_and_lose_nothing(
    tmp_path: Path, database_url: str, corpus: Path
) -> None:
    with MirrorServer(corpus) as mirror:
        assert crawl(tmp_path, database_url, mirror).returncode == 0
        mirror.faults.truncate_to = 1000
        result = crawl(tmp_path, database_url, mirror, "-s", "RETRY_TIMES=1")
    assert "download failed" in result.stderr
    assert "Questions_ecrites.json.zip" in result.stderr
    assert count_questions(database_url) == 300


def test_a_missing_dump_is_named(tmp_path: Path, database_url: str, corpus: Path) -> None:
    with MirrorServer(corpus, faults=Faults()) as mirror:
        result = crawl(tmp_path, database_url, mirror, legislature="16")
    assert "download failed: HTTP 404" in result.stderr
    assert "/16/questions/questions_ecrites/Questions_ecrites.json.zip" in result.stderr
    assert count_questions(database_url) == 0


def test_relance_crawl_exits_non_zero_on_a_missing_dump(
    tmp_path: Path, database_url: str, corpus: Path
) -> None:
    env = {
        **os.environ,
        "RELANCE_DATA_DIR": str(tmp_path / "var"),
        "RELANCE_DATABASE_URL": database_url,
    }
    with MirrorServer(corpus) as mirror:
        env["RELANCE_OPENDATA_BASE"] = mirror.opendata_base
        ok = subprocess.run(
            [sys.executable, "-m", "relance.cli", "crawl", "-l", "17", "--as-of", "2026-11-26"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        missing = subprocess.run(
            [sys.executable, "-m", "relance.cli", "crawl", "-l", "16"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert ok.returncode == 0, ok.stderr[-3000:]
    assert "read 300, inserted 300" in ok.stdout
    assert missing.returncode == 1
    assert "unreadable:" in missing.stderr and "HTTP 404" in missing.stderr


def test_if_changed_fetches_and_imports_a_dump_only_when_it_changed(
    tmp_path: Path, database_url: str, corpus: Path
) -> None:
    """``relance update`` mode: the ETag seen last time makes an unchanged dump a 304, and
    a new dump whose bytes are the ones already imported is not read again."""
    dump = corpus / "17/questions/questions_ecrites/Questions_ecrites.json.zip"
    with MirrorServer(corpus) as mirror:
        first = crawl(tmp_path, database_url, mirror, "-a", "if_changed=1")
        assert first.returncode == 0, first.stderr[-3000:]
        assert count_questions(database_url) == 300
        mirror.requests.clear()
        second = crawl(tmp_path, database_url, mirror, "-a", "if_changed=1")
        assert second.returncode == 0, second.stderr[-3000:]
        dump_requests = [r for r in mirror.requests if r[1].endswith(dump.name)]
        assert len(dump_requests) == 1 and "If-None-Match" in dump_requests[0][2]
        assert "unchanged since the last crawl (304)" in second.stderr
        assert "report: read 0, inserted 0, updated 0" in second.stderr

        # Same bytes, new file date (a new ETag): downloaded, but not parsed again.
        os.utime(dump, (dump.stat().st_atime, dump.stat().st_mtime + 60))
        third = crawl(tmp_path, database_url, mirror, "-a", "if_changed=1")
        assert third.returncode == 0, third.stderr[-3000:]
        assert "same content as the last import, not read again" in third.stderr

        # New content: imported.
        write_zip(dump, {"json/QANR5L17QE301.json": qe_record(301)})
        fourth = crawl(tmp_path, database_url, mirror, "-a", "if_changed=1")
        assert fourth.returncode == 0, fourth.stderr[-3000:]
    assert count_questions(database_url) == 301
