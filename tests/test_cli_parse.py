"""``relance parse FILE``: a saved page, open-data record or XML view → the record, or the
reason it is refused (exit status 2)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from relance.cli import main
from relance.mirror.pages import Layout, render_page
from spiders.parsers.opendata import parse_question
from tests.records import qe_record


@pytest.fixture
def run(tmp_path: Path):
    env = {"RELANCE_DATA_DIR": str(tmp_path / "var")}

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, ["parse", *args], env=env, catch_exceptions=False)

    return invoke


def page_file(tmp_path: Path, layout: Layout = Layout.DYN, **changes: object) -> Path:
    question = parse_question(qe_record(answered="2025-06-10"))
    author = replace(question.author, name="M. Emmanuel Fernandes")
    question = replace(question, author=author, **changes)
    path = tmp_path / f"page-{layout.value}.html"
    path.write_text(render_page(question, layout), encoding="utf-8")
    return path


@pytest.mark.parametrize("layout", list(Layout))
def test_a_saved_page_is_summarised(run, tmp_path: Path, layout: Layout) -> None:
    result = run(str(page_file(tmp_path, layout)))
    assert result.exit_code == 0, result.output
    assert "QANR5L17QE6778 — question écrite n° 6778 (17e législature)" in result.output
    assert "Auteur : M. Emmanuel Fernandes" in result.output
    assert "Statut : answered" in result.output
    assert "Réponse au JO le : 2025-06-10, page 4253" in result.output


def test_a_saved_page_as_json(run, tmp_path: Path) -> None:
    path = page_file(tmp_path)
    result = run(str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["uid"] == "QANR5L17QE6778"
    assert data["closure"]["code"] == "REP_PUB"
    assert data["date_publication"] == "2025-05-20"
    assert data["source_url"] == str(path)


def test_an_open_data_record(run, tmp_path: Path) -> None:
    path = tmp_path / "QANR5L17QE12.json"
    path.write_text(json.dumps(qe_record(12, published="2025-05-20")), encoding="utf-8")
    result = run(str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["uid"], data["author"]["deputy_ref"]) == ("QANR5L17QE12", "PA1")
    assert data["texte_reponse_html"] is None


def test_the_legacy_xml_view(run, shared_dir: Path) -> None:
    result = run(str(shared_dir / "samples" / "legacy-xml" / "QANR5L14QE47351.xml"))
    assert result.exit_code == 0, result.output
    assert "QANR5L14QE47351" in result.output
    assert "Statut : answered" in result.output


def test_a_qg_page_is_refused_with_the_reason(run, shared_dir: Path) -> None:
    path = shared_dir / "samples" / "html" / "QANR5L11QG450.unwrapped.html"
    result = run(str(path))
    assert result.exit_code == 2
    assert "NotAWrittenQuestion" in result.output
    assert str(path) in result.output
    assert "QANR5L11QG450 —" not in result.output


def test_an_error_page_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "error.html"
    path.write_text("<html><title>503 Service Unavailable</title></html>", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert "an error page" in result.output


def test_a_drifted_page_names_the_missing_field(run, tmp_path: Path) -> None:
    path = page_file(tmp_path)
    path.write_text(path.read_text().replace("blocMinistereInterroge", "bloc"), encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert "MissingField" in result.output and "ministere_interroge" in result.output


def test_malformed_json_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"question": {', encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert "malformed JSON" in result.output


def test_a_missing_file_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run(str(tmp_path / "absent.html"))
    assert result.exit_code != 0
    assert "does not exist" in result.output
