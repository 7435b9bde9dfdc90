"""``relance demo``, the README's first command, end to end on a small corpus: generated,
served by the mirror on 127.0.0.1, crawled by the real spiders into SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from relance.db.engine import make_engine
from relance.db.models import CalendarEventRow, PageCheckRow, QuestionRow

ROOT = Path(__file__).resolve().parents[1]


def test_demo_generates_serves_and_crawls_into_sqlite(tmp_path: Path) -> None:
    env = {**os.environ, "RELANCE_DATA_DIR": str(tmp_path / "var")}
    env.pop("RELANCE_DATABASE_URL", None)
    command = [sys.executable, "-m", "relance", "demo", "-n", "600", "--as-of", "2026-11-24"]
    result = subprocess.run(
        [*command, "--max-refresh", "40"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "mirror of the site on http://127.0.0.1:" in result.stdout
    assert "an_opendata: read" in result.stdout and "an_questions: read" in result.stdout
    assert "ministère" in result.stdout  # the figures
    assert "calendars: " in result.stdout and " events rendered" in result.stdout
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'relance.db'}")
    with engine.connect() as connection:
        questions = connection.execute(select(func.count()).select_from(QuestionRow)).scalar()
        checked = connection.execute(select(func.count()).select_from(PageCheckRow)).scalar()
        pending = connection.execute(
            select(func.count())
            .select_from(QuestionRow)
            .where(QuestionRow.status == "pending", QuestionRow.due_date.is_not(None))
        ).scalar()
        due_events = connection.execute(
            select(func.count())
            .select_from(CalendarEventRow)
            .where(CalendarEventRow.kind == "echeance")
        ).scalar()
    engine.dispose()
    assert due_events == pending > 0  # every pending question's due date, pre-rendered
    assert questions == 600
    assert 40 <= checked <= 40 + 10  # the refresh budget, and what the probes found
    assert (tmp_path / "var" / "demo" / "corpus-1-600" / "manifest.json").exists()
