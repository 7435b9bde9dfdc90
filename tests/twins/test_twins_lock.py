"""One clustering run at a time (``relance.db.lock``), on SQLite and PostgreSQL: a second
run is refused at once and changes nothing; a holder that dies releases the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from relance.cli import main
from relance.db.engine import make_engine
from relance.db.lock import Busy, exclusive
from relance.db.migrate import upgrade
from relance.db.state import get_state
from relance.twins import update_twins
from relance.twins.store import STATE_KEY

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from relance.db.engine import make_engine
from relance.db.lock import exclusive
with exclusive(make_engine(sys.argv[1]), "twins"):
    print("held", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def engine(database_url: str) -> Engine:
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def test_a_second_run_is_refused_and_changes_nothing(engine: Engine) -> None:
    other = make_engine(engine.url)  # another pool: another session, as another process
    try:
        with exclusive(other, "twins"):
            with pytest.raises(Busy, match="another process is running twins"):
                update_twins(engine)
            assert get_state(engine, STATE_KEY) == {}  # not even marked "running"
        report = update_twins(engine)  # released: runs
        assert report.mode == "rebuild"
        assert get_state(engine, STATE_KEY)[STATE_KEY]["running"] is False
    finally:
        other.dispose()


def test_other_steps_do_not_block_each_other(engine: Engine) -> None:
    with exclusive(engine, "something-else"):
        assert update_twins(engine).mode == "rebuild"


def test_the_cli_says_busy(engine: Engine, tmp_path: Path) -> None:
    env = {
        "RELANCE_DATA_DIR": str(tmp_path / "var"),
        "RELANCE_DATABASE_URL": engine.url.render_as_string(hide_password=False),
    }
    other = make_engine(engine.url)
    try:
        with exclusive(other, "twins"):
            result = CliRunner().invoke(main, ["twins"], env=env)
    finally:
        other.dispose()
    assert result.exit_code == 1
    assert "another process is running twins" in result.output
    assert "try again" in result.output


def test_a_killed_holder_releases_the_lock(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, url],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(Busy):
            update_twins(engine)
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        assert update_twins(engine).mode == "rebuild"
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
