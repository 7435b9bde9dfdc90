"""``index.codec``: posting blocks packed as arrays read back exactly as W3 wrote them, by
Whoosh's own matchers and by the vectorized reader, and mixed indexes work."""

from __future__ import annotations

import pickle
from array import array
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import Engine
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec

import index.build
import index.codec
from index import SearchQuery, close_searchers, search, update_index
from index.codec import PackedCodec, PackedFloats, PackedIds, PackedValues
from index.docsets import Docsets


def test_parts_pickle_as_one_bytes_object_each() -> None:
    ids = PackedIds("I", [3, 1, 4, 1, 5])
    weights = PackedFloats("f", [1.0, 2.5, 0.25])
    values = PackedValues.pack([b"ab", b"", b"cde", b"\x00\xff"])
    for protocol in (2, 5):
        back = pickle.loads(pickle.dumps((ids, weights, values), protocol))
        assert list(back[0]) == [3, 1, 4, 1, 5] and back[0].typecode == "I"
        assert list(back[1]) == [1.0, 2.5, 0.25]
        assert list(back[2]) == [b"ab", b"", b"cde", b"\x00\xff"]
        assert back[2][2] == b"cde" and back[2][-1] == b"\x00\xff" and len(back[2]) == 4
        assert back[2][1:3] == [b"", b"cde"]
    # One bytes payload each: no per-posting objects in the pickle.
    assert pickle.dumps(ids, 2).count(b"K") <= 2


def _postings(ix_dir: Path) -> dict[tuple[str, bytes], list[tuple[Any, ...]]]:
    ix = whoosh_index.open_dir(str(ix_dir))
    out = {}
    with ix.reader() as reader:
        for fieldname, btext in reader.all_terms():
            matcher = reader.postings(fieldname, btext)
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            info = reader.term_info(fieldname, btext)  # lengths: the writer's statistics
            items.append((info.min_length(), info.max_length(), info.weight(), info.max_weight()))
            out[(fieldname, btext)] = items
    ix.close()
    return out


@pytest.fixture(scope="module")
def w3_index(
    corpus_engine: Engine, tmp_path_factory: pytest.TempPathFactory
) -> Path:  # the same corpus, written by Whoosh's own W3 codec
    index_dir = tmp_path_factory.mktemp("w3") / "index"
    saved = index.build.PackedCodec
    index.build.PackedCodec = W3Codec  # type: ignore[misc]
    try:
        update_index(corpus_engine, index_dir)
    finally:
        index.build.PackedCodec = saved  # type: ignore[misc]
    close_searchers()
    return index_dir


@pytest.fixture(scope="module")
def small_blocks_index(
    corpus_engine: Engine, tmp_path_factory: pytest.TempPathFactory
) -> Path:  # the same corpus in packed blocks of 16 postings: lists of many blocks
    index_dir = tmp_path_factory.mktemp("small-blocks") / "index"

    saved = index.codec.BLOCK_POSTINGS
    index.codec.BLOCK_POSTINGS = 16
    try:
        update_index(corpus_engine, index_dir)
    finally:
        index.codec.BLOCK_POSTINGS = saved
    close_searchers()
    segments = whoosh_index.open_dir(str(_generation(index_dir)))._segments()
    assert {s.codec()._blocklimit for s in segments} == {16}
    return index_dir


@pytest.fixture(params=["default blocks", "small blocks"])
def packed_index(request: pytest.FixtureRequest, built_index: Path) -> Path:
    if request.param == "default blocks":
        return built_index
    return request.getfixturevalue("small_blocks_index")


def _generation(index_dir: Path) -> Path:
    return index_dir / (index_dir / "CURRENT").read_text().strip()


def test_every_posting_reads_back_as_w3_wrote_it(packed_index: Path, w3_index: Path) -> None:
    packed, plain = _generation(packed_index), _generation(w3_index)
    codecs = {type(s.codec()) for s in whoosh_index.open_dir(str(packed))._segments()}
    assert all(issubclass(c, PackedCodec) for c in codecs)
    assert {type(s.codec()) for s in whoosh_index.open_dir(str(plain))._segments()} == {W3Codec}
    ours, theirs = _postings(packed), _postings(plain)
    assert ours.keys() == theirs.keys() and len(ours) > 1000
    assert ours == theirs
    assert sum(len(v) > 129 for v in ours.values()) > 10  # lists of several W3 blocks
    assert len({v[-1][:2] for v in ours.values()}) > 100  # the lengths vary


def test_vectorized_reader_agrees_on_both_codecs(packed_index: Path, w3_index: Path) -> None:
    arrays = []
    for index_dir in (packed_index, w3_index):
        ix = whoosh_index.open_dir(str(_generation(index_dir)))
        with ix.searcher() as searcher:
            docsets = Docsets(searcher)
            arrays.append(
                {
                    (f, t): docsets.postings(f, t)
                    for f, t in searcher.reader().all_terms()
                    if f in ("texte_question", "texte_reponse", "rubrique")
                }
            )
        ix.close()
    assert arrays[0].keys() == arrays[1].keys()
    for key, (ids, weights) in arrays[0].items():
        assert np.array_equal(ids, arrays[1][key][0]), key
        assert np.array_equal(weights, arrays[1][key][1]), key


def test_same_results_from_both_codecs(packed_index: Path, w3_index: Path) -> None:
    found = 0
    for text in ("hôpital", "eau potable", '"fonction publique"', "école OR collège", "agri*"):
        query = SearchQuery(text=text, size=50)
        a, b = search(packed_index, query), search(w3_index, query)
        assert a.total == b.total, text
        assert a.uids == b.uids, text
        assert a.facets == b.facets, text
        assert a.highlights == b.highlights, text
        found += a.total > 0
    assert found >= 4


def test_matching_a_term_leaves_its_positions_packed(built_index: Path, w3_index: Path) -> None:
    ix = whoosh_index.open_dir(str(_generation(built_index)))
    with ix.reader() as reader:
        common = max(
            (t for f, t in reader.all_terms() if f == "texte_question"),
            key=lambda t: reader.doc_frequency("texte_question", t),
        )
        matcher = reader.postings("texte_question", common)
        while hasattr(matcher, "child"):
            matcher = matcher.child
        matcher._read_data()
        ids, weights, values = matcher._data
        assert isinstance(ids, array) and isinstance(values, PackedValues)
        assert isinstance(weights, array | float) or weights is None
        assert values._blob is None  # not inflated by reading ids and weights
        assert matcher._compression == 0
        first = matcher.value()
        assert values._blob is not None
    ix.close()
    theirs = _postings(_generation(w3_index))[("texte_question", common)]
    assert first == theirs[0][2]


def test_phrases_from_packed_positions_agree_with_whoosh(packed_index: Path) -> None:
    """``Docsets._adjacent`` (positions decoded in bulk) finds the documents Whoosh's own
    phrase matcher finds: phrases cut from the indexed texts, and the same words
    reversed (mostly absent)."""
    import random

    from whoosh import query

    from index.analysis import french_analyzer

    analyzer = french_analyzer()
    rng = random.Random(5)
    ix = whoosh_index.open_dir(str(_generation(packed_index)))
    with ix.searcher() as searcher:
        docsets = Docsets(searcher)
        stored = [searcher.stored_fields(n) for n in range(0, searcher.doc_count_all(), 7)]
        phrases = []
        for fields in stored:
            words = [t.text for t in analyzer(fields.get("texte_question") or "")]
            if len(words) > 4:
                at = rng.randrange(len(words) - 3)
                size = rng.choice((2, 3))
                phrases.append(words[at : at + size])
                phrases.append(list(reversed(words[at : at + size])))
        assert len(phrases) > 60
        nonempty = 0
        for words in phrases:
            q = query.Phrase("texte_question", words)
            candidates, _ = docsets._combine(
                [query.Term("texte_question", w) for w in words], None, all_of=True, boost=1.0
            )
            ours = np.flatnonzero(docsets._adjacent(q, candidates))
            theirs = sorted(
                docnum + offset
                for sub, offset in searcher.subsearchers or [(searcher, 0)]
                for docnum in q.matcher(sub).all_ids()
            )
            assert ours.tolist() == theirs, words
            nonempty += len(theirs) > 0
        assert nonempty >= len(phrases) // 2
    ix.close()


def test_a_segment_from_the_term_pool_is_the_one_whoosh_writes(
    corpus_engine: Engine, tmp_path: Path
) -> None:
    """``TermPool`` + ``finish_segment`` (a rebuild's writers) give the postings, lengths
    and stored fields that Whoosh's own pool and ``add_postings`` give, with blocks small
    enough that many lists span several of them."""
    from whoosh.writing import SegmentWriter

    from index.build import _row_batches, document
    from index.codec import TermPool, finish_segment
    from index.schema import build_schema

    rows = [row for rows in _row_batches(corpus_engine, None, 500) for row in rows]
    folders = {}
    for name in ("whoosh", "term-pool"):
        folder = folders[name] = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
        writer = SegmentWriter(ix, codec=PackedCodec(blocklimit=16))
        if name == "term-pool":
            writer.pool = TermPool()
        for row in rows:
            writer.add_document(**document(row))
        if name == "whoosh":
            writer.commit()
        else:
            segment = finish_segment(writer)
            writer._commit_toc([segment])
            writer._finish()
        ix.close()
    ours, theirs = _postings(folders["term-pool"]), _postings(folders["whoosh"])
    assert ours.keys() == theirs.keys() and len(ours) > 1000
    assert ours == theirs
    assert sum(len(v) > 33 for v in ours.values()) > 100  # lists of several blocks
    stored = []
    for folder in folders.values():
        ix = whoosh_index.open_dir(str(folder))
        with ix.reader() as reader:
            stored.append(list(reader.all_stored_fields()))
        ix.close()
    assert stored[0] == stored[1] and len(stored[0]) == len(rows)
