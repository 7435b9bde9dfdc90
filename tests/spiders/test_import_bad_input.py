"""``relance import`` on bad input: each gets a clear error naming the file, the uid and the
field; nothing stored is lost or downgraded; the run ends with its report and exit 1."""

from __future__ import annotations

import json
import struct
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine

from relance.cli import main
from relance.db.engine import make_engine
from relance.db.queries import get_question
from relance.record import Status
from relance.text import sanitize_html
from tests.records import info_jo, qe_record

AS_OF = "2026-11-26"


def write_zip(path: Path, members: dict[str, object | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            data = content if isinstance(content, bytes) else json.dumps(content).encode()
            archive.writestr(name, data)
    return path


def good_dump(path: Path, count: int = 200, **kwargs) -> Path:
    members = {f"json/QANR5L17QE{n}.json": qe_record(n, **kwargs) for n in range(1, count + 1)}
    return write_zip(path, members)


class Relance:
    """The CLI, run in-process against one database and data folder."""

    def __init__(self, tmp_path: Path, database_url: str) -> None:
        self.env = {"RELANCE_DATA_DIR": str(tmp_path / "var"), "RELANCE_DATABASE_URL": database_url}
        self.database_url = database_url

    def __call__(self, *args: str) -> Result:
        return CliRunner().invoke(main, list(args), env=self.env, catch_exceptions=False)

    def engine(self) -> Engine:
        return make_engine(self.database_url)

    def status(self, uid: str) -> Status | None:
        engine = self.engine()
        view = get_question(engine, uid)
        engine.dispose()
        return view.question.status if view else None


@pytest.fixture
def relance(tmp_path: Path, database_url: str) -> Relance:
    return Relance(tmp_path, database_url)


def test_a_clean_dump_imports_and_reimports_unchanged(relance: Relance, tmp_path: Path) -> None:
    dump = good_dump(tmp_path / "Questions_ecrites.json.zip", answered="2025-09-02")
    first = relance("import", str(dump), "--as-of", AS_OF)
    assert first.exit_code == 0, first.output
    assert "read 200, inserted 200, updated 0, unchanged 0, refused 0" in first.output
    second = relance("import", str(dump), "--as-of", AS_OF)
    assert second.exit_code == 0
    assert "read 200, inserted 0, updated 0, unchanged 200, refused 0" in second.output


def test_truncated_zip_fails_and_loses_nothing(relance: Relance, tmp_path: Path) -> None:
    dump = good_dump(tmp_path / "good.zip", answered="2025-09-02")
    assert relance("import", str(dump), "--as-of", AS_OF).exit_code == 0
    broken = tmp_path / "Questions_ecrites.json.zip"
    broken.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
    result = relance("import", str(broken), "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "Questions_ecrites.json.zip" in result.output and "truncated or damaged" in result.output
    assert relance.status("QANR5L17QE7") is Status.ANSWERED


def test_member_that_is_not_json(relance: Relance, tmp_path: Path) -> None:
    dump = write_zip(
        tmp_path / "d.zip",
        {
            "json/QANR5L17QE1.json": qe_record(1),
            "json/QANR5L17QE2.json": b"<html>erreur 503</html>",
        },
    )
    result = relance("import", str(dump), "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "refused 1× input: not JSON (e.g. d.zip:json/QANR5L17QE2.json)" in result.output
    assert relance.status("QANR5L17QE1") is Status.PENDING


@pytest.mark.parametrize(
    ("record", "reason", "example"),
    [
        (qe_record(5, uid=None), "uid: the record has no uid", "d.zip:json/x.json"),
        (qe_record(5, type="QX"), "type: unknown question type 'QX'", "QANR5L17QE5"),
        (
            qe_record(
                5, textesQuestion={"texteQuestion": {"infoJO": info_jo("31/02/2025"), "texte": "t"}}
            ),
            "textesQuestion.infoJO.dateJO: impossible date '31/02/2025'",
            "QANR5L17QE5",
        ),
        (qe_record(5, published="2027-01-05"), "date_publication: in the future", "QANR5L17QE5"),
        (
            qe_record(5, published="2025-05-20", answered="2025-04-01"),
            "date_reponse: before the question's publication",
            "QANR5L17QE5",
        ),
        (qe_record(5, answered="2027-03-02"), "date_reponse: in the future", "QANR5L17QE5"),
    ],
    ids=["no-uid", "unknown-type", "impossible-date", "future", "answer-before", "future-answer"],
)
def test_bad_records_are_refused_with_uid_and_field(
    relance: Relance, tmp_path: Path, record: dict, reason: str, example: str
) -> None:
    dump = write_zip(tmp_path / "d.zip", {"json/x.json": record, "json/ok.json": qe_record(6)})
    result = relance("import", str(dump), "--as-of", AS_OF)
    assert result.exit_code == 1  # 1 of 2 refused: above the 1 % threshold
    assert f"refused 1× {reason}" in result.output
    assert example in result.output
    assert relance.status("QANR5L17QE6") is Status.PENDING  # the good one is stored


def test_refusal_log_names_file_uid_and_field(relance: Relance, tmp_path: Path) -> None:
    record = qe_record(
        5, textesQuestion={"texteQuestion": {"infoJO": info_jo("31/02/2025"), "texte": "t"}}
    )
    dump = write_zip(tmp_path / "d.zip", {"json/QANR5L17QE5.json": record})
    relance("import", str(dump), "--as-of", AS_OF)
    log = (Path(relance.env["RELANCE_DATA_DIR"]) / "logs/relance.log").read_text("utf-8")
    assert (
        "file d.zip:json/QANR5L17QE5.json, uid QANR5L17QE5, "
        "field textesQuestion.infoJO.dateJO: impossible date"
    ) in log


def test_same_uid_twice_with_different_content(relance: Relance, tmp_path: Path) -> None:
    dump = write_zip(
        tmp_path / "d.zip",
        {
            "json/QANR5L17QE1.json": qe_record(1),
            "json2/QANR5L17QE1.json": qe_record(1, minInt={"abrege": "Justice"}),  # conflicting
            "json/QANR5L17QE2.json": qe_record(2),
            "json2/QANR5L17QE2.json": qe_record(2),  # identical copy: harmless
            "json/QANR5L17QE3.json": qe_record(3),
            "json2/QANR5L17QE3.json": qe_record(3, answered="2025-09-02"),  # a later state: kept
        },
    )
    result = relance("import", str(dump), "--as-of", AS_OF)
    assert "refused 1× uid: duplicate in this input with different content (e.g. QANR5L17QE1)" in (
        result.output
    )
    # the answered copy replaced the pending one: counted as an update, so the report adds up
    assert "read 6, inserted 3, updated 1, unchanged 1, refused 1" in result.output
    assert relance.status("QANR5L17QE3") is Status.ANSWERED


@pytest.mark.parametrize("batch_size", [1, 2000])
def test_the_report_adds_up_wherever_the_batches_end(
    tmp_path: Path, database_url: str, batch_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read = inserted + updated + unchanged + refused, whether a later, more advanced copy
    of a uid is written in the same batch as the earlier one or in the next."""
    from relance.db.migrate import upgrade
    from spiders import importer
    from spiders.importer import import_path

    # batch size 1: every record read and written on its own (one per slice, one per batch)
    monkeypatch.setattr(importer, "SLICE", min(batch_size, importer.SLICE))

    dump = write_zip(
        tmp_path / "d.zip",
        {
            "a/QANR5L17QE1.json": qe_record(1),
            "b/QANR5L17QE1.json": qe_record(1, answered="2025-09-02"),
            "a/QANR5L17QE2.json": qe_record(2),
            "b/QANR5L17QE2.json": qe_record(2),
            "a/QANR5L17QE3.json": qe_record(3),
        },
    )
    engine = make_engine(database_url)
    upgrade(engine)
    day = date(2026, 11, 24)
    try:
        report, _ = import_path(dump, engine, today=day, batch_size=batch_size, workers=0)
        counts = (report.read, report.inserted, report.updated, report.unchanged)
        assert counts == (5, 3, 1, 1) and report.refused_total == 0
        again, _ = import_path(dump, engine, today=day, batch_size=batch_size, workers=0)
        # the pending copy is now stale beside the stored answer: refused, nothing lost
        assert (again.read, again.inserted, again.updated, again.unchanged) == (5, 0, 0, 4)
        assert again.refused_total == 1 and again.stale == 1
    finally:
        engine.dispose()


def test_scripts_in_texts_are_stored_as_published_and_never_shown(
    relance: Relance, tmp_path: Path
) -> None:
    hostile = '<p>Texte<script>alert("x")</script><img src=x onerror="alert(1)"> fin</p>'
    dump = write_zip(
        tmp_path / "d.zip",
        {
            "json/q.json": qe_record(
                1,
                textesQuestion={
                    "texteQuestion": {"infoJO": info_jo("2025-05-20"), "texte": hostile}
                },
            )
        },
    )
    assert relance("import", str(dump), "--as-of", AS_OF).exit_code == 0
    engine = relance.engine()
    view = get_question(engine, "QANR5L17QE1")
    engine.dispose()
    assert view and view.question.texte_question_html == hostile
    assert view.question.texte_question == "Texte fin"
    safe = sanitize_html(view.question.texte_question_html)
    assert "script" not in safe and "onerror" not in safe and "Texte" in safe
    shown = relance("show", "QANR5L17QE1", "--as-of", AS_OF)
    assert "alert" not in shown.output and "Texte fin" in shown.output


def test_a_dump_whose_format_changed(relance: Relance, tmp_path: Path) -> None:
    """Most records fail: the run says so, exits 1, and keeps every stored answer."""
    assert (
        relance(
            "import", str(good_dump(tmp_path / "a.zip", answered="2025-09-02")), "--as-of", AS_OF
        ).exit_code
        == 0
    )
    changed = {
        f"json/QANR5L17QE{n}.json": {
            "question": {"uid": f"QANR5L17QE{n}", "type": "QE", "dateDePublication": "2025-05-20"}
        }
        for n in range(1, 201)
    }
    result = relance("import", str(write_zip(tmp_path / "b.zip", changed)), "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "refused 200" in result.output and "FAILED" in result.output
    assert relance.status("QANR5L17QE100") is Status.ANSWERED


def test_a_missing_path_is_a_usage_error(relance: Relance, tmp_path: Path) -> None:
    result = relance("import", str(tmp_path / "nope.zip"))
    assert result.exit_code == 2 and "does not exist" in result.output


@pytest.mark.parametrize("workers", [0, 2])
def test_import_path_names_a_missing_path(tmp_path: Path, workers: int) -> None:
    """Called directly (not through the command, which checks first), the import names the
    path it cannot find, whatever the number of workers."""
    from relance.db.migrate import upgrade
    from spiders.dumps import DumpError
    from spiders.importer import import_path

    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    upgrade(engine)
    with pytest.raises(DumpError, match=r"nope\.zip: no such file or folder"):
        import_path(tmp_path / "nope.zip", engine, today=date(2026, 11, 26), workers=workers)
    engine.dispose()


def test_a_json_file_and_a_folder_of_them(relance: Relance, tmp_path: Path) -> None:
    single = tmp_path / "QANR5L17QE1.json"
    single.write_text(json.dumps(qe_record(1)), "utf-8")
    folder = tmp_path / "folder"
    (folder / "json").mkdir(parents=True)
    for n in (2, 3):
        (folder / "json" / f"QANR5L17QE{n}.json").write_text(json.dumps(qe_record(n)), "utf-8")
    assert "inserted 1" in relance("import", str(single), "--as-of", AS_OF).output
    assert "inserted 2" in relance("import", str(folder), "--as-of", AS_OF).output
    assert relance.status("QANR5L17QE3") is Status.PENDING


def test_a_damaged_member_is_named_and_the_others_imported(
    relance: Relance, tmp_path: Path
) -> None:
    """A member whose compressed bytes were altered fails its CRC (or inflating)."""
    dump = good_dump(tmp_path / "d.zip", count=30)
    data = bytearray(dump.read_bytes())
    with zipfile.ZipFile(dump) as archive:
        info = archive.getinfo("json/QANR5L17QE7.json")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 5, start + 25):  # scramble the deflate stream
        data[offset] ^= 0x5A
    dump.write_bytes(bytes(data))
    result = relance("import", str(dump), "--as-of", AS_OF)
    assert "d.zip:json/QANR5L17QE7.json" in result.output and "damaged member" in result.output
    assert "inserted 29" in result.output
    assert result.exit_code == 1  # 1 of 30 refused: above the 1 % threshold


def _central_entry(data: bytes, index: int) -> int:
    """Where the central directory's entry number ``index`` starts."""
    end = data.rfind(b"PK\x05\x06")
    at = struct.unpack_from("<4s4H2LH", data, end)[6]  # where the directory starts
    for _ in range(index):
        name, extra, comment = struct.unpack_from("<3H", data, at + 28)
        at += 46 + name + extra + comment
    assert data[at : at + 4] == b"PK\x01\x02"
    return at


@pytest.mark.parametrize("workers", ["0", "2"])
@pytest.mark.parametrize("damaged", [15, 1700])
def test_a_damaged_central_directory_names_the_file(
    relance: Relance, tmp_path: Path, workers: str, damaged: int
) -> None:
    """The end record is intact (it still looks like a zip) but an entry of the central
    directory is not: the run reads the members listed before it, each once (the readers
    had read them, and then the whole zip again), names the file, fails, and keeps what was
    stored."""
    dump = good_dump(tmp_path / "d.zip", count=2500, answered="2025-09-02")
    assert relance("import", str(dump), "--as-of", AS_OF).exit_code == 0
    data = bytearray(dump.read_bytes())
    entry = _central_entry(data, damaged)
    data[entry : entry + 4] = b"XXXX"
    dump.write_bytes(bytes(data))
    result = relance("import", str(dump), "--as-of", AS_OF, "--workers", workers)
    assert result.exit_code == 1
    assert f"d.zip: bad central directory entry {damaged}" in result.output
    assert f"read {damaged}, inserted 0, updated 0, unchanged {damaged}," in result.output
    assert relance.status("QANR5L17QE2500") is Status.ANSWERED


def test_a_member_that_cannot_be_inflated_is_a_bad_zip_naming_it(tmp_path: Path) -> None:
    """The inflater's own error becomes ``BadZipFile`` naming the member (what every reader
    of members catches and reports as a damaged member)."""
    from spiders.dumps import ZipReader, zip_members

    dump = good_dump(tmp_path / "d.zip", count=3)
    data = bytearray(dump.read_bytes())
    member = next(m for m in zip_members(dump) if m.name == "json/QANR5L17QE2.json")
    with zipfile.ZipFile(dump) as archive:
        info = archive.getinfo(member.name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start] = 0xFF  # block type 3: reserved, invalid in every deflate stream
    dump.write_bytes(bytes(data))
    with ZipReader(dump) as reader, pytest.raises(zipfile.BadZipFile, match=member.name):
        reader.read(member)


@pytest.mark.parametrize("batch_size", [1, 2000])
def test_a_replaced_copy_older_than_the_stored_row_counts_as_stale(
    tmp_path: Path, database_url: str, batch_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored question is answered; a new dump holds a pending copy, then the answered
    one again (other bytes, same content). Whether both fall in one batch or not, the
    pending copy is refused as stale and the answered one is unchanged."""
    from relance.db.migrate import upgrade
    from spiders import importer
    from spiders.importer import import_path

    # batch size 1: every record read and written on its own (one per slice, one per batch)
    monkeypatch.setattr(importer, "SLICE", min(batch_size, importer.SLICE))

    answered = qe_record(1, answered="2025-09-02")
    first = write_zip(tmp_path / "a.zip", {"a/QANR5L17QE1.json": answered})
    second = write_zip(
        tmp_path / "b.zip",
        {
            "a/QANR5L17QE1.json": qe_record(1),
            "b/QANR5L17QE1.json": json.dumps(answered, indent=1).encode(),  # other bytes
        },
    )
    engine = make_engine(database_url)
    upgrade(engine)
    day = date(2026, 11, 24)
    try:
        import_path(first, engine, today=day, batch_size=batch_size, workers=0)
        report, _ = import_path(second, engine, today=day, batch_size=batch_size, workers=0)
        counts = (report.read, report.inserted, report.updated, report.unchanged, report.stale)
        assert counts == (2, 0, 0, 1, 1) and report.refused_total == 1
        assert get_question(engine, "QANR5L17QE1").question.status is Status.ANSWERED
    finally:
        engine.dispose()
