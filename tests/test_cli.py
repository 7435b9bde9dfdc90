"""The CLI commands, with click's runner, on a small imported dump."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from relance.cli import main
from tests.records import acteur_record, info_jo, ministry, organe_record, qe_record

AS_OF = "2025-10-01"


@pytest.fixture
def run(tmp_path: Path, sqlite_url: str):
    env = {"RELANCE_DATA_DIR": str(tmp_path / "var"), "RELANCE_DATABASE_URL": sqlite_url}

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)

    justice = {
        "minAttribs": {
            "minAttrib": {
                "infoJO": info_jo("2025-05-20"),
                "denomination": ministry("Justice", "PO2"),
            }
        }
    }
    members = {
        "json/acteur/PA1.json": acteur_record(1),
        "json/organe/PO10.json": organe_record(),
        "json/1.json": qe_record(1, published="2025-05-20"),  # 73 days overdue on 1 Oct
        "json/2.json": qe_record(2, published="2025-07-29"),  # 2 days overdue
        "json/3.json": qe_record(3, published="2025-09-02"),  # not yet due
        "json/4.json": qe_record(4, published="2025-05-20", answered="2025-07-15"),
        "json/5.json": qe_record(5, published="2025-05-20", **justice),
        "json/6.json": qe_record(
            6,
            published="2025-05-20",
            signalement={"dateDepotSignal": "2025-07-28", "infoJO": info_jo("2025-07-29")},
        ),
    }
    dump = tmp_path / "dump.zip"
    with zipfile.ZipFile(dump, "w") as archive:
        for name, record in members.items():
            archive.writestr(name, json.dumps(record))
    result = invoke("import", str(dump), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    return invoke


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for command in (
        "",
        "import",
        "crawl",
        "show",
        "overdue",
        "stats",
        "demo-data",
        "demo",
        "migrate",
    ):
        result = runner.invoke(main, [*command.split(), "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_show_text_and_json(run) -> None:
    text = run("show", "QANR5L17QE1", "--as-of", AS_OF)
    assert text.exit_code == 0
    assert "en retard de 73 jours" in text.output
    assert "M. Emmanuel Député1" in text.output and "Bas-Rhin (2e circonscription)" in text.output
    data = json.loads(run("show", "qanr5l17qe4", "--json", "--as-of", AS_OF).output)
    assert data["uid"] == "QANR5L17QE4" and data["status"] == "answered"
    assert data["deadline"]["answered_on_time"] is True
    assert data["deadline_phrase"].startswith("réponse en 56 jours")
    assert data["ministere_attributaire_key"] == "interieur"


def test_show_unknown_and_invalid(run) -> None:
    missing = run("show", "QANR5L17QE999")
    assert missing.exit_code == 1 and "not in the database" in missing.output
    invalid = run("show", "<script>")
    assert invalid.exit_code == 2 and "not a question uid" in invalid.output


def test_overdue_most_overdue_first_and_filters(run) -> None:
    data = json.loads(run("overdue", "--as-of", AS_OF, "--json").output)
    assert [(q["uid"], q["days_overdue"]) for q in data["questions"]] == [
        ("QANR5L17QE1", 73),
        ("QANR5L17QE5", 73),
        ("QANR5L17QE6", 73),
        ("QANR5L17QE2", 2),
    ]
    signalee = json.loads(run("overdue", "--as-of", AS_OF, "--json", "--signalee").output)
    assert [q["uid"] for q in signalee["questions"]] == ["QANR5L17QE6"]
    assert signalee["questions"][0]["signalement_overdue"] is True
    justice = json.loads(run("overdue", "--as-of", AS_OF, "--json", "--ministry", "justice").output)
    assert [q["uid"] for q in justice["questions"]] == ["QANR5L17QE5"]
    assert json.loads(run("overdue", "--as-of", "2025-07-01", "--json").output)["count"] == 0
    text = run("overdue", "--as-of", AS_OF)
    assert "QANR5L17QE1" in text.output and "délai de 10 jours dépassé" in text.output


def test_overdue_csv_matches_json(run) -> None:
    as_json = json.loads(run("overdue", "--as-of", AS_OF, "--json").output)["questions"]
    rows = list(csv.DictReader(io.StringIO(run("overdue", "--as-of", AS_OF, "--csv").output)))
    assert [r["uid"] for r in rows] == [q["uid"] for q in as_json]
    assert [int(r["days_overdue"]) for r in rows] == [q["days_overdue"] for q in as_json]


def test_stats(run) -> None:
    data = json.loads(run("stats", "--as-of", AS_OF, "--json").output)
    by_key = {m["key"]: m for m in data["ministries"]}
    assert by_key["interieur"]["received"] == 5 and by_key["interieur"]["answered"] == 1
    assert by_key["interieur"]["overdue"] == 3 and by_key["justice"]["overdue"] == 1
    assert by_key["interieur"]["median_delay_days"] == 56
    csv_rows = list(csv.DictReader(io.StringIO(run("stats", "--as-of", AS_OF, "--csv").output)))
    assert {r["key"] for r in csv_rows} == set(by_key)
    assert "interieur" in run("stats", "--as-of", AS_OF).output


def test_bad_options_are_usage_errors(run) -> None:
    assert run("overdue", "--as-of", "2025-02-31").exit_code == 2
    assert run("overdue", "--limit", "0").exit_code == 2
    assert run("demo-data", "--out", "x", "--legislatures", "abc").exit_code == 2
    assert run("demo-data", "--out", "x", "--legislatures", "12").exit_code == 2
    early = run("demo-data", "--out", "x", "--as-of", "2010-01-01")
    assert early.exit_code == 2 and "Error" in early.output


@pytest.fixture
def no_pool(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """No reading process may start (the pool refuses, after noting the size asked for);
    six records are worth processes once a slice holds one record."""
    import spiders.importer

    sizes: list[int | None] = []

    class NoPool:
        def __init__(self, max_workers: int | None = None, **_: object) -> None:
            sizes.append(max_workers)
            raise RuntimeError("a reading process was started")

    monkeypatch.setattr(spiders.importer, "SLICE", 1)
    monkeypatch.setattr(spiders.importer, "ProcessPoolExecutor", NoPool)
    return sizes


def test_import_starts_reading_processes_by_default(run, tmp_path: Path, no_pool) -> None:
    with pytest.raises(RuntimeError, match="reading process"):
        run("import", str(tmp_path / "dump.zip"), "--as-of", AS_OF)
    assert no_pool and no_pool[0] >= 1


def test_import_workers_0_reads_in_this_process(run, tmp_path: Path, no_pool) -> None:
    again = run("import", str(tmp_path / "dump.zip"), "--workers", "0", "--as-of", AS_OF)
    assert again.exit_code == 0 and not no_pool
    assert "read 6, inserted 0, updated 0, unchanged 6, refused 0" in again.output
    assert run("import", str(tmp_path / "dump.zip"), "--workers", "-1").exit_code == 2


def test_import_refreshes_the_planners_statistics(run, sqlite_url: str) -> None:
    """After `relance import`, SQLite has statistics on the questions' indexes (ANALYZE):
    without them it picks the first index that fits (on 100,000 questions, a status index
    for a deputy's answered questions: 250 ms instead of 15 ms; docs/benchmarks.md)."""
    import sqlite3

    database = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:
        indexes = {
            idx for (idx,) in db.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'questions'")
        }
    db.close()
    assert {"ix_questions_deputy_ref", "ix_questions_status_due_date"} <= indexes
