"""Each planted edge case is in the record exactly as its tag says (an-formats.md §4)."""

from __future__ import annotations

import zipfile

from relance.demo.corpus import questions_path
from relance.ministries import ministry_key

from .conftest import Corpus
from .helpers import as_list, section, status_of

_SECTIONS = {
    "cloture": lambda q: (q, "cloture"),
    "textesReponse": lambda q: (q, "textesReponse"),
    "signalement": lambda q: (q, "signalement"),
    "renouvellements": lambda q: (q, "renouvellements"),
    "teteAnalyse": lambda q: (q["indexationAN"], "teteAnalyse"),
    "analyses": lambda q: (q["indexationAN"], "analyses"),
}
_MISSING = object()


def _texts(q: dict) -> list[str]:
    """The question's and the answer's text (parts of a split text joined)."""
    out = []
    for key, inner in (("textesQuestion", "texteQuestion"), ("textesReponse", "texteReponse")):
        parts = section(q, key, inner)
        if parts:
            out.append(" ".join(t["texte"] for t in parts))
    return out  # fmt: skip


def test_tags_match_the_records(corpus: Corpus, legacy: Corpus) -> None:
    seen = set()
    for c in (corpus, legacy):
        for g in c.primaries:
            q = g.record["question"]
            for tag in g.truth.edge_cases:
                kind, _, where = tag.partition(":")
                seen.add(kind)
                _check(kind, where, q, g)


def _check(kind: str, where: str, q: dict, g) -> None:
    uid = g.truth.uid
    texts = _texts(q)
    if kind == "list_of_one":
        holder = {
            "minAttrib": q["minAttribs"]["minAttrib"],
            "texteQuestion": q["textesQuestion"]["texteQuestion"],
            "texteReponse": (q.get("textesReponse") or {}).get("texteReponse"),
            "renouvellement": (q.get("renouvellements") or {}).get("renouvellement"),
            "analyse": (q["indexationAN"].get("analyses") or q["indexationAN"].get("ANALYSE")
                        or {}),
        }[where]  # fmt: skip
        if where == "analyse":
            holder = holder.get("analyse", holder.get("ANA"))
        assert isinstance(holder, list) and len(holder) == 1, uid
    elif kind == "analyse_list":
        index = q["indexationAN"]
        holder = index.get("analyses") or index.get("ANALYSE")
        value = holder.get("analyse", holder.get("ANA"))
        assert isinstance(value, list) and len(value) >= 2, uid
    elif kind == "split_texts":
        inner = section(q, "textesQuestion" if where == "texteQuestion" else "textesReponse",
                        where)  # fmt: skip
        assert len(inner) == 2 and inner[0]["infoJO"] == inner[1]["infoJO"], uid
    elif kind.startswith("section_"):
        container, key = _SECTIONS[where](q)
        value = container.get(key, _MISSING)
        expected = {"section_absent": _MISSING, "section_null": None,
                    "section_empty_dict": {}, "section_empty_string": ""}[kind]  # fmt: skip
        assert value == expected if expected is not _MISSING else value is _MISSING, (
            uid,
            kind,
            where,
        )
    elif kind == "fresh_no_analyse":
        assert q["indexationAN"]["analyses"] == {"analyse": None}, uid
    elif kind == "legacy_analyse":
        assert "ANA" in q["indexationAN"]["ANALYSE"], uid
    elif kind == "stray_p":
        assert any(t.startswith("</p>") and t.endswith(" <p>") for t in texts), uid
    elif kind == "html_markup":
        assert any("<strong>" in t and ("<br>" in t or "<i>" in t) for t in texts), uid
    elif kind == "html_table":
        assert any("<!-- DEBTAB -->" in t and '<th rowspan=2">' in t for t in texts), uid
    elif kind == "html_entities":
        assert any("&#339;" in t or "&#160;" in t for t in texts), uid
    elif kind == "hostile_html":
        assert any("<script>alert(1)</script>" in t or "onerror=alert(1)" in t for t in texts)
    elif kind == "mojibake":
        answer = section(q, "textesReponse", "texteReponse")[0]["texte"]
        assert "Ã" in answer, uid
        fixed = answer.encode("cp1252").decode("utf-8")
        assert "Ã" not in fixed and "é" in fixed
    elif kind == "minsitere_typo":
        developpe = q["minInt"]["developpe"]
        assert developpe.startswith("Minsitère ")
        assert ministry_key(developpe) == g.truth.ministere_interroge
    elif kind == "group_later_name":
        assert q["auteur"]["groupe"]["organeRef"] != g.truth.groupe_ref
    elif kind in ("duplicate_identical", "duplicate_different"):
        assert g.truth.duplicate == kind.split("_")[1]
    elif kind == "numbering_gap":
        assert g.truth.number > 1
    else:  # pragma: no cover
        raise AssertionError(f"untested tag {kind}")


def test_numbering_gaps_are_real_gaps(corpus: Corpus) -> None:
    numbers = {(g.truth.legislature, g.truth.number) for g in corpus.primaries}
    gaps = [g.truth for g in corpus.primaries if "numbering_gap" in g.truth.edge_cases]
    assert gaps
    for t in gaps:
        assert (t.legislature, t.number - 1) not in numbers
    for leg in (16, 17):
        mine = sorted(n for lg, n in numbers if lg == leg)
        assert mine[-1] - mine[0] + 1 - len(mine) == sum(t.legislature == leg for t in gaps)


def test_duplicates_in_the_zip(corpus: Corpus) -> None:
    members: dict[str, bytes] = {}
    for leg in (16, 17):
        with zipfile.ZipFile(corpus.root / questions_path(leg)) as zf:
            members.update({n: zf.read(n) for n in zf.namelist()})
    dup = [g.truth for g in corpus.items if g.copy == 1]
    assert any(t.duplicate == "identical" for t in dup)
    assert any(t.duplicate == "different" for t in dup)
    for t in dup:
        first, second = members[f"json/{t.uid}.json"], members[f"json2/{t.uid}.json"]
        assert (first == second) == (t.duplicate == "identical")
    for g in corpus.items:
        if g.truth.duplicate == "different":
            newer = g.copy == g.truth.newer_copy
            assert (status_of(g.record["question"]) is g.truth.status) or not newer
            q = g.record["question"]
            attribs = as_list(q["minAttribs"]["minAttrib"])
            if not newer:
                assert len(attribs) == 1 and "cloture" not in q
