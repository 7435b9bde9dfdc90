"""The corpus on disk: layout, determinism, manifest, AMO references, memory."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tracemalloc
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import orjson
import pytest

from relance.dates import parse_jo_date
from relance.demo import EDGE_CASES, generate_corpus, iter_records
from relance.demo.corpus import amo_path, questions_path
from relance.record import Status

from .conftest import AS_OF, Corpus
from .helpers import as_list, walk


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}  # fmt: skip


def test_layout_mirrors_the_open_data_site(corpus: Corpus, legacy: Corpus) -> None:
    files = sorted(_files(corpus.root))
    assert [name for name in files if not name.startswith("site/")] == [
        "16/amo/acteurs_mandats_organes_divises/AMO50_acteurs_mandats_organes_divises.json.zip",
        "16/questions/questions_ecrites/Questions_ecrites.json.zip",
        "17/amo/acteurs_mandats_organes_divises/AMO50_acteurs_mandats_organes_divises.json.zip",
        "17/questions/questions_ecrites/Questions_ecrites.json.zip",
        "manifest.json",
    ]
    assert "site/records.jsonl" in files  # the pages are checked in tests/demo/test_site.py
    assert (legacy.root / "14/questions/questions_ecrites/Questions_ecrites_XIV.json.zip").exists()
    assert (legacy.root / "15/questions/questions_ecrites/Questions_ecrites_XV.json.zip").exists()
    for root in (corpus.root, legacy.root):
        for path in root.rglob("*.zip"):
            with zipfile.ZipFile(path) as zf:
                assert zf.testzip() is None


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    args = {"questions": 600, "legislatures": (15, 17), "as_of": AS_OF, "edge_rate": 0.05}
    a = generate_corpus(tmp_path / "a", seed=11, **args)
    b = generate_corpus(tmp_path / "b", seed=11, **args)
    c = generate_corpus(tmp_path / "c", seed=12, **args)
    files_a, files_b, files_c = (_files(tmp_path / x) for x in "abc")
    assert files_a == files_b and a.to_dict() == b.to_dict()
    for name, content in files_a.items():
        if name.endswith(".zip") and "questions" in name:
            assert files_c[name] != content, name
    assert c.to_dict()["files"] != a.to_dict()["files"]


def test_iter_records_is_what_the_zips_hold(corpus: Corpus) -> None:
    members: dict[str, bytes] = {}
    for leg in corpus.legislatures:
        members.update(corpus.zip_members(leg))
    assert list(members) == [g.member for g in corpus.items]  # same order, json2/ duplicates
    for g in corpus.items:
        assert members[g.member] == orjson.dumps(g.record)


def test_manifest_matches_disk(corpus: Corpus) -> None:
    m = corpus.manifest
    data = orjson.loads((corpus.root / "manifest.json").read_bytes())
    assert data == orjson.loads(orjson.dumps(m.to_dict() | {"edge_case_meanings": EDGE_CASES}))
    uids = [g.truth.uid for g in corpus.items]
    assert m.questions == len(set(uids)) == 5000
    assert m.records == len(uids) == sum(len(corpus.zip_members(n)) for n in (16, 17))
    truths = [g.truth for g in corpus.primaries]
    assert m.status == {s.value: sum(t.status is s for t in truths) for s in Status}
    for leg in ("16", "17"):
        mine = [t for t in truths if str(t.legislature) == leg]
        assert m.legislatures[leg]["questions"] == len(mine)
        assert m.legislatures[leg]["first_uid"] == mine[0].uid
        assert m.legislatures[leg]["last_uid"] == mine[-1].uid
    tags = Counter(tag for t in truths for tag in t.edge_cases)
    assert {k: v["count"] for k, v in m.edge_cases.items()} == dict(tags)
    by_uid = {t.uid: t for t in truths}
    for tag, entry in m.edge_cases.items():
        assert 0 < len(entry["examples"]) <= 50
        assert all(tag in by_uid[uid].edge_cases for uid in entry["examples"])
    assert m.duplicates["planted"] == len(uids) - len(set(uids)) > 0
    for entry in data["files"]:
        content = (corpus.root / entry["path"]).read_bytes()
        assert entry["bytes"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
        if entry["kind"] == "records":  # site/records.jsonl: one question a line
            assert entry["members"] == content.count(b"\n") == m.questions
            continue
        with zipfile.ZipFile(corpus.root / entry["path"]) as zf:
            assert entry["members"] == len(zf.namelist())
    acteurs = {uid for leg in (16, 17) for uid, r in corpus.amo(leg).items() if "acteur" in r}
    assert m.deputies == len(acteurs)
    assert m.groups == 23 and 30 <= m.ministries["keys"] <= 37


def test_every_planted_kind_appears(corpus: Corpus, legacy: Corpus) -> None:
    found = {tag.split(":")[0] for c in (corpus, legacy) for g in c.items
             for tag in g.truth.edge_cases}  # fmt: skip
    assert found == set(EDGE_CASES)


def test_no_edge_cases_at_rate_zero() -> None:
    items = list(iter_records(questions=400, seed=5, edge_rate=0.0, as_of=AS_OF))
    assert all(g.truth.edge_cases in ((), ("fresh_no_analyse",)) for g in items)
    assert len(items) == 400


def test_legacy_dumps_are_one_valid_json_file(legacy: Corpus) -> None:
    for leg, roman in ((14, "XIV"), (15, "XV")):
        with zipfile.ZipFile(legacy.root / questions_path(leg)) as zf:
            assert zf.namelist() == [f"Questions_ecrites_{roman}.json"]
            data = orjson.loads(zf.read(zf.namelist()[0]))
        records = data["export"]["questionsEcrites"]["question"]
        expected = [g.record["question"] for g in legacy.items if g.truth.legislature == leg]
        assert (
            records == expected
            and len(records) == legacy.manifest.legislatures[str(leg)]["records"]
        )
        assert all(r["identifiant"]["legislature"] == str(leg) for r in records)
        tetes = [r["indexationAN"].get("teteAnalyse") for r in records]
        assert sum(isinstance(t, str) and t != "" for t in tetes) > 0.9 * len(records)
    legacy_tagged = [g for g in legacy.items if "legacy_analyse" in g.truth.edge_cases]
    assert legacy_tagged
    for g in legacy_tagged:
        index = g.record["question"]["indexationAN"]
        assert "ANALYSE" in index and "analyses" not in index and "ANA" in index["ANALYSE"]


def test_question_references_resolve_in_the_amo(corpus: Corpus) -> None:
    for leg in (16, 17):
        amo = corpus.amo(leg)
        mandates = {}
        for record in amo.values():
            if "acteur" in record:
                acteur = record["acteur"]
                assert acteur["uid"]["@xsi:type"] == "IdActeur_type"
                assert acteur["etatCivil"]["dateDeces"]["@xsi:nil"] == "true"
                raw = acteur["mandats"]["mandat"]
                as_is = as_list(raw)
                assert isinstance(raw, dict) == (len(as_is) == 1)
                for m in as_is:
                    mandates[m["uid"]] = m
        for g in corpus.primaries:
            if g.truth.legislature != leg:
                continue
            q = g.record["question"]
            ident = q["auteur"]["identite"]
            mandate = mandates[ident["mandatRef"]]
            assert mandate["typeOrgane"] == "ASSEMBLEE" and mandate["legislature"] == str(leg)
            assert mandate["acteurRef"] == ident["acteurRef"] == g.truth.acteur_ref
            assert amo[mandate["organes"]["organeRef"]]["organe"]["codeType"] == "ASSEMBLEE"
            group_ref = q["auteur"]["groupe"]["organeRef"]
            group = amo[group_ref]["organe"]
            assert group["codeType"] == "GP"
            assert group["libelleAbrev"] == q["auteur"]["groupe"]["abrege"]
            pub = g.truth.date_publication
            at_pub = [
                m["organes"]["organeRef"] for m in mandates.values()
                if m["acteurRef"] == ident["acteurRef"] and m["typeOrgane"] == "GP"
                and m["legislature"] == str(leg) and parse_jo_date(m["dateDebut"]) <= pub
                and (m["dateFin"] is None or pub <= parse_jo_date(m["dateFin"]))
            ]  # fmt: skip
            assert at_pub == [g.truth.groupe_ref]
            if "group_later_name" in g.truth.edge_cases:
                assert group_ref != g.truth.groupe_ref
            else:
                assert group_ref == g.truth.groupe_ref
            denominations = [q["minInt"]] + [
                a["denomination"] for a in as_list(q["minAttribs"]["minAttrib"])
            ]
            for d in denominations:
                organe = amo[d["organeRef"]]["organe"]
                assert organe["codeType"] == "MINISTERE"
                assert organe["libelleAbrege"] == d["abrege"]


_CHILD = """
import json, sys
from datetime import date
from pathlib import Path
from relance.demo import generate_corpus
steps = []
generate_corpus(Path(sys.argv[1]), questions=int(sys.argv[2]), seed=2, legislatures=(16, 17),
                as_of=date(2026, 11, 24), progress=steps.append)
# VmHWM: this process's peak resident memory (unlike ru_maxrss, not inherited from pytest)
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(json.dumps({"steps": steps, "peak_kb": int(status["VmHWM"].split()[0])}))
"""


def _child(out: Path, questions: int) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(out), str(questions)],
                          capture_output=True, text=True, check=True, timeout=300)  # fmt: skip
    return orjson.loads(done.stdout)


def test_progress_and_bounded_memory(tmp_path: Path) -> None:
    """Peak memory of the whole process (C buffers of zlib and orjson included, which
    tracemalloc does not see) does not grow with the corpus: 20,000 questions use about what
    2,000 do. Run in child processes so the test suite's own memory does not count."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs Linux /proc")
    small = _child(tmp_path / "small", 2000)
    big = _child(tmp_path / "big", 20000)
    assert sum(big["steps"]) == 20000 and len(big["steps"]) >= 10
    assert big["peak_kb"] < 100 * 1024, big["peak_kb"]
    assert big["peak_kb"] - small["peak_kb"] < 12 * 1024, (small["peak_kb"], big["peak_kb"])


def test_tracemalloc_peak_is_small(tmp_path: Path) -> None:
    tracemalloc.start()
    try:
        generate_corpus(tmp_path, questions=1500, seed=4, legislatures=(17,), as_of=AS_OF)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024, peak


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"questions": -1}, "questions"),
        ({"questions": 10, "legislatures": (13,)}, "not supported"),
        ({"questions": 10, "legislatures": (17,), "as_of": date(2024, 7, 20)}, "before"),
        ({"questions": 10, "edge_rate": 2.0}, "edge_rate"),
    ],
)
def test_bad_arguments(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate_corpus(tmp_path, **kwargs)


def test_amo_dates_are_not_after_as_of(corpus: Corpus) -> None:
    for leg in (16, 17):
        for record in corpus.amo(leg).values():
            for key, node in walk(record):
                if key in ("dateDebut", "dateFin", "datePublication") and isinstance(node, str):
                    assert parse_jo_date(node) <= AS_OF


def test_amo_paths(corpus: Corpus) -> None:
    for leg in (16, 17):
        with zipfile.ZipFile(corpus.root / amo_path(leg)) as zf:
            names = zf.namelist()
        assert all(n.startswith(("json/acteur/PA", "json/organe/PO")) for n in names)
        amo = corpus.amo(leg)
        kinds = Counter(amo[n.rsplit("/", 1)[1][:-5]].get("organe", {}).get("codeType", "acteur")
                        for n in names)  # fmt: skip
        assert kinds["acteur"] >= 577 and kinds["ASSEMBLEE"] >= 1
        assert 11 <= kinds["GP"] <= 40 and kinds["MINISTERE"] >= 30
    assert parse_jo_date("2024-06-09") in {
        g.truth.date_cloture for g in corpus.primaries if g.truth.legislature == 16
    }
