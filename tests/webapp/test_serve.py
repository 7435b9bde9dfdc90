"""``relance serve``: its options (with click's runner), and a real gunicorn on a free
loopback port in a subprocess."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from relance.cli import main
from webapp import create_app

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--port", "0"], "--port"),
        (["--port", "70000"], "--port"),
        (["--port", "http"], "--port"),
        (["--workers", "0"], "--workers"),
        (["--threads", "65"], "--threads"),
        (["--host", "bad host/"], "--host"),
        (["--host", ""], "--host"),
    ],
)
def test_serve_refuses_bad_options(tmp_path: Path, args: list[str], option: str) -> None:
    env = {"RELANCE_DATA_DIR": str(tmp_path), "RELANCE_DATABASE_URL": ""}
    result = CliRunner().invoke(main, ["serve", *args], env=env)
    assert result.exit_code == 2, result.output
    assert option in result.output


@pytest.mark.parametrize(("host", "bind"), [("127.0.0.1", "127.0.0.1:8123"), ("::1", "[::1]:8123")])
def test_serve_configures_gunicorn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, host: str, bind: str
) -> None:
    from gunicorn.app.base import BaseApplication

    seen: dict[str, Any] = {}

    def run(self: Any) -> None:  # instead of serving: what gunicorn was told
        seen.update(
            bind=self.cfg.bind,
            workers=self.cfg.workers,
            threads=self.cfg.threads,
            worker_class=self.cfg.worker_class_str,
            app=self.load(),
        )

    monkeypatch.setattr(BaseApplication, "run", run)
    env = {"RELANCE_DATA_DIR": str(tmp_path), "RELANCE_DATABASE_URL": ""}
    args = ["serve", "--host", host, "--port", "8123", "--workers", "3", "--threads", "5"]
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 0, result.output
    assert seen["bind"] == [bind]
    assert (seen["workers"], seen["threads"], seen["worker_class"]) == (3, 5, "gthread")
    assert seen["app"].name == "webapp"
    seen["app"].extensions["relance"].engine.dispose()


def test_create_app_reads_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``flask --app webapp run`` calls ``create_app()`` with nothing but the environment."""
    monkeypatch.setenv("RELANCE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("RELANCE_DATABASE_URL", raising=False)
    monkeypatch.setenv("RELANCE_TODAY", "2025-01-02")
    app = create_app()
    state = app.extensions["relance"]
    assert str(state.engine.url) == f"sqlite:///{tmp_path / 'relance.db'}"
    assert state.index_dir == tmp_path / "index"
    assert state.frozen_today.isoformat() == "2025-01-02"
    state.engine.dispose()
    with pytest.raises(ValueError):
        create_app({"RELANCE_TODAY": "demain"})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_relance_serve_answers(tmp_path: Path) -> None:
    """The real thing: gunicorn in a subprocess, on an empty database it migrates."""
    port = _free_port()
    env = {
        **os.environ,
        "RELANCE_DATA_DIR": str(tmp_path),
        "RELANCE_TODAY": "2026-11-24",
    }
    env.pop("RELANCE_DATABASE_URL", None)
    command = [sys.executable, "-m", "relance", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", "1", "--threads", "2"],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body, headers = b"", {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stdout.read().decode()  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    body, headers = response.read(), dict(response.headers)
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert body, "relance serve did not answer in time"
        assert "Questions en retard" in body.decode()
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Server"].startswith("gunicorn")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            output = process.communicate(timeout=30)[0].decode()
        except subprocess.TimeoutExpired:
            process.kill()
            output = process.communicate()[0].decode()
    assert process.returncode == 0, output
    assert "Listening at: http://127.0.0.1:" in output
