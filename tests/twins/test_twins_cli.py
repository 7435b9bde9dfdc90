"""``relance twins`` with click's runner, on a copy of the generated corpus; the twins step
of ``relance update``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine

from relance.cli import main
from tests.twins.conftest import Dumps


@pytest.fixture
def env(big_copy: tuple[Engine, Dumps], tmp_path: Path) -> dict[str, str]:
    engine, _ = big_copy
    return {
        "RELANCE_DATA_DIR": str(tmp_path / "var"),
        "RELANCE_DATABASE_URL": engine.url.render_as_string(hide_password=False),
    }


@pytest.fixture
def run(env: dict[str, str]):
    def invoke(*args: str) -> Result:
        result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    return invoke


def test_help() -> None:
    result = CliRunner().invoke(main, ["twins", "--help"])
    assert result.exit_code == 0
    for option in ("--min-size", "--kind", "--json", "--rebuild", "--threshold", "--of"):
        assert option in result.output


def test_updates_then_lists_the_largest_clusters(run, big_copy: tuple[Engine, Dumps]) -> None:
    _, dumps = big_copy
    first = run("twins")
    assert "twins (incremental)" in first.output
    assert "question clusters:" in first.output and "answer clusters:" in first.output
    data = json.loads(run("twins", "--json").output)
    assert data["report"]["mode"] == "incremental"
    assert data["report"]["kinds"]["question"]["signed"] == 0
    questions = data["question"]
    assert questions["total"] == len(dumps.planted["question"])
    assert len(questions["clusters"]) == 10
    sizes = [c["size"] for c in questions["clusters"]]
    assert sizes == sorted(sizes, reverse=True)
    assert set(questions["clusters"][0]) >= {
        "kind",
        "id",
        "size",
        "first_uid",
        "first_date",
        "last_date",
        "rubrique",
        "deputies",
        "groups",
        "ministries",
        "min_similarity",
    }


def test_kind_min_size_limit_no_update(run) -> None:
    data = json.loads(
        run(
            "twins", "--kind", "answer", "--min-size", "3", "--limit", "2", "--no-update", "--json"
        ).output
    )
    assert "report" not in data and "question" not in data
    assert len(data["answer"]["clusters"]) == 2
    assert all(c["size"] >= 3 and c["kind"] == "answer" for c in data["answer"]["clusters"])
    text = run("twins", "--kind", "question", "--limit", "3", "--no-update").output
    assert "answer clusters" not in text and text.count(" × QANR5L") == 3


def test_of_a_question_shows_its_twins_and_the_diffs(run) -> None:
    data = json.loads(run("twins", "--kind", "question", "--limit", "1", "--json").output)
    cluster = data["question"]["clusters"][0]
    detail = json.loads(run("twins", "--of", cluster["id"], "--no-update", "--json").output)
    members = detail["question"]["members"]
    assert detail["question"]["id"] == cluster["id"] and len(members) == cluster["size"]
    assert members[0]["first"] and members[0]["uid"] == cluster["id"]
    assert all(m["diff"] for m in members)
    text = run("twins", "--of", members[1]["uid"], "--no-update").output
    assert f"is in cluster {cluster['id']}" in text and "-[" in text and "+[" in text
    assert "in no cluster" in run("twins", "--of", "QANR5L17QE999999", "--no-update").output


def test_threshold_rebuilds_and_is_kept(run) -> None:
    strict = json.loads(run("twins", "--threshold", "0.9", "--json").output)
    assert strict["report"]["mode"] == "rebuild"
    assert strict["report"]["params"]["threshold"] == 0.9
    later = json.loads(run("twins", "--json").output)
    assert later["report"]["mode"] == "incremental"
    assert later["report"]["params"]["threshold"] == 0.9
    assert later["question"]["total"] <= strict["question"]["total"]
    rebuilt = json.loads(run("twins", "--rebuild", "--json").output)
    assert rebuilt["report"]["mode"] == "rebuild"
    assert rebuilt["report"]["params"]["threshold"] == 0.9


def test_update_runs_the_twins_step_and_survives_its_failure(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``relance update``: crawls, index, twins; a failing twins step is reported, and
    does not change the exit status."""
    import relance.cli as cli
    import spiders.run

    monkeypatch.setattr(spiders.run, "run_crawls", lambda crawls, **kwargs: [])
    monkeypatch.setattr(cli, "_index_step", lambda settings, **kwargs: True)
    result = CliRunner().invoke(main, ["update", "--no-dump"], env=env)
    assert "twins (incremental)" in result.output
    assert result.exit_code == 1  # the crawl did not run: that is what fails here

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("relance.twins.update_twins", broken)
    result = CliRunner().invoke(main, ["update", "--no-dump"], env=env)
    assert "twins: failed (RuntimeError: disk full)" in result.output
    assert result.exit_code == 1
