"""``relance mirror``: serves a corpus until interrupted, loopback only."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from relance.cli import main

from .conftest import SiteCorpus

ROOT = Path(__file__).resolve().parents[2]


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "relance.cli", "mirror", "--port", "0", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _banner(process: subprocess.Popen[str]) -> dict[str, str]:
    """The base URLs the command prints, by name."""
    urls = {}
    assert process.stdout is not None
    while len(urls) < 3:
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else "no output"
        name, _, url = line.partition(":")
        urls[name.split()[0]] = url.strip()
    return urls


def _stop(process: subprocess.Popen[str], sig: int = signal.SIGINT) -> str:
    process.send_signal(sig)
    try:
        out, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()  # never leak a server (nor its pipes) into the next tests
        process.communicate()
        raise
    assert process.returncode == 0
    return out


def test_serves_pages_and_dumps_until_interrupted(site: SiteCorpus) -> None:
    process = _start("--corpus", str(site.root))
    try:
        urls = _banner(process)
        assert urls["site"].startswith("http://127.0.0.1:")
        uid = site.uids(17)[0]
        with urllib.request.urlopen(f"{urls['site']}/dyn/17/questions/{uid}") as page:
            assert page.status == 200 and uid in page.read().decode()
        number = site.records[site.uids(15)[0]].number
        with urllib.request.urlopen(f"{urls['questions']}/q15/15-{number}QE.htm") as page:
            assert page.status == 200
        dump = f"{urls['open']}/17/questions/questions_ecrites/Questions_ecrites.json.zip"
        with urllib.request.urlopen(urllib.request.Request(dump, method="HEAD")) as head:
            assert head.headers["Content-Type"] == "application/zip"
    finally:
        out = _stop(process)
    assert "stopped" in out


def test_the_clock_advances_by_itself(small: SiteCorpus) -> None:
    start = min(q.date_publication for q in small.records.values()) + timedelta(days=30)
    process = _start(
        "--corpus", str(small.root), "--clock", start.isoformat(), "--day-seconds", "0.5"
    )
    try:
        _banner(process)
        assert process.stdout is not None
        clocks = [process.stdout.readline().strip() for _ in range(3)]
    finally:
        _stop(process)
    assert clocks == [f"clock: {start + timedelta(days=n)}" for n in range(3)]


def test_refuses_what_is_not_loopback(site: SiteCorpus) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["mirror", "--corpus", str(site.root), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "only listens on loopback" in result.output
    result = runner.invoke(main, ["mirror", "--corpus", str(site.root), "--day-seconds", "1"])
    assert result.exit_code == 2 and "--day-seconds needs --clock" in result.output


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_it_cleanly_even_when_sigint_was_ignored(site: SiteCorpus, sig: int) -> None:
    """SIGTERM is what systemd or a supervisor sends; a shell starting a background job
    makes it ignore SIGINT, which must stop it all the same."""
    process = subprocess.Popen(
        [sys.executable, "-m", "relance.cli", "mirror", "--port", "0", "--corpus", str(site.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    _banner(process)
    assert "stopped" in _stop(process, sig)
