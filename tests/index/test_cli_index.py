"""``relance index`` and ``relance search`` with click's runner, on the module's corpus."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import Engine, text

from relance.cli import main


def invoke(engine: Engine, data_dir: Path, *args: str) -> Result:
    env = {"RELANCE_DATA_DIR": str(data_dir), "RELANCE_DATABASE_URL": str(engine.url)}
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_index_then_search_then_check(fresh_engine: Engine, tmp_path: Path) -> None:
    data = tmp_path / "var"
    built = invoke(fresh_engine, data, "index")
    assert built.exit_code == 0, built.output
    assert (data / "index" / "CURRENT").exists()
    with fresh_engine.connect() as connection:
        uid, number = connection.execute(
            text("SELECT uid, number FROM questions ORDER BY uid LIMIT 1")
        ).one()
    found = invoke(fresh_engine, data, "search", f"n° {number}", "--json")
    assert found.exit_code == 0, found.output
    result = json.loads(found.output)
    assert result["uids"][0].endswith(f"QE{number}")  # the number first (one per legislature)
    assert {"rubrique", "ministere", "groupe", "statut", "legislature", "annee"} <= set(
        result["facets"]
    )
    readable = invoke(fresh_engine, data, "search", "sécurité", "--statut", "en_attente")
    assert readable.exit_code == 0 and "QANR5L" in readable.output
    assert invoke(fresh_engine, data, "index", "--check").exit_code == 0

    # A question deleted behind the index's back: the check says so and fails.
    with sqlite3.connect(str(fresh_engine.url.database)) as db:
        db.execute("DELETE FROM events WHERE uid = ?", (uid,))
        db.execute("DELETE FROM questions WHERE uid = ?", (uid,))
    fresh_engine.dispose()
    checked = invoke(fresh_engine, data, "index", "--check")
    assert checked.exit_code == 1 and "extra" in checked.output


def test_a_hostile_query_answers_with_a_warning(fresh_engine: Engine, tmp_path: Path) -> None:
    data = tmp_path / "var"
    assert invoke(fresh_engine, data, "index").exit_code == 0
    for hostile, warns in (
        ('"unbalanced', False),  # read leniently as a phrase: nothing to say
        ("*leading", True),
        ("x" * 10_000, True),
        ("groupe:'; DROP TABLE--", True),
    ):
        result = invoke(fresh_engine, data, "search", hostile, "--json")
        assert result.exit_code == 0, (hostile[:40], result.output[-500:])
        assert bool(json.loads(result.output)["warnings"]) is warns, hostile[:40]
