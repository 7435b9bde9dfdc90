"""Whoosh's W3 codec with posting blocks that unpickle in one piece.

Why: W3 pickles each block of up to 128 postings (protocol 2) as a tuple of Python ints
(the docnum deltas), floats (the weights) and bytes (the values: packed positions). Reading
a block back builds those hundreds of objects: ~0.7 µs a posting, the largest cost of a
search on a common word (a word in 30,000 documents: 20 ms before any scoring).

Here the same three parts are written as ``array('I')``, ``array('f')`` and one bytes
blob with its offsets, each pickled as a single bytes object (their ``__reduce_ex__``),
so unpickling a block makes three objects. The blob of values (positions: what phrases
and nothing else read) is compressed on its own and inflated on first use; the block
around it is not compressed (``compression=0``): a term's documents and weights are read
without inflating anything. Whoosh's own matchers read these parts unchanged (they
iterate and index them), and ``index.docsets`` takes the arrays straight into numpy
without a copy. The block layout, its header and the inlined postings of rare terms are
W3's: only what the pickle holds changed.

Segments remember their codec, so an index mixes segments of both kinds safely: old W3
segments are read as before until a merge rewrites them with this codec.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3FieldWriter, W3PostingsWriter, _lenfield
from whoosh.util.numeric import byte_to_length
from whoosh.util.numlists import delta_encode


def _values_from(offsets: bytes, packed: bytes) -> PackedValues:
    ends = array("I")
    ends.frombytes(offsets)
    return PackedValues(ends, packed=packed)


class PackedIds(array):
    """Docnum deltas of a block; pickled as their bytes, read back as a plain ``array``
    (``array('I', bytes)`` fills it from the bytes)."""

    def __reduce_ex__(self, protocol: Any) -> Any:
        return array, (self.typecode, self.tobytes())


class PackedFloats(array):
    """Weights of a block; pickled as their bytes, read back as a plain ``array``."""

    def __reduce_ex__(self, protocol: Any) -> Any:
        return array, (self.typecode, self.tobytes())


class PackedValues(Sequence[bytes]):
    """The values (encoded positions) of a block: one blob and the end offset of each. The
    blob travels deflated and is inflated on first access."""

    __slots__ = ("_blob", "_ends", "_packed")

    #: zlib level of the values (W3's default for whole blocks).
    LEVEL = 3

    def __init__(self, ends: array, blob: bytes | None = None, packed: bytes | None = None):
        self._ends = ends
        self._blob = blob
        self._packed = packed

    @classmethod
    def pack(cls, values: Sequence[bytes]) -> PackedValues:
        ends = array("I")
        total = 0
        for value in values:
            total += len(value)
            ends.append(total)
        return cls(ends, blob=b"".join(values))

    def _data(self) -> bytes:
        if self._blob is None:
            assert self._packed is not None
            self._blob = zlib.decompress(self._packed)
        return self._blob

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """(end offset of each value in bytes, the inflated blob as little-endian uint32),
        without copies: for readers that decode positions in bulk (``index.docsets``)."""
        return np.frombuffer(self._ends, np.uint32), np.frombuffer(self._data(), "<u4")

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self._ends)
        start = self._ends[i - 1] if i > 0 else 0
        return self._data()[start : self._ends[i]]

    def __iter__(self) -> Iterator[bytes]:
        start = 0
        blob = self._data()
        for end in self._ends:
            yield blob[start:end]
            start = end

    def __reduce_ex__(self, protocol: Any) -> Any:
        packed = self._packed
        if packed is None:
            packed = zlib.compress(self._data(), self.LEVEL)
        return _values_from, (self._ends.tobytes(), packed)


class PackedPostingsWriter(W3PostingsWriter):
    """W3's postings writer; only the block's parts are packed (see the module)."""

    def add_many(
        self,
        ids: Sequence[int],
        weights: Sequence[float],
        values: Sequence[bytes | None],
        lengths: Sequence[int] | None,
    ) -> None:
        """A term's postings (ids ascending) at once: what ``add_posting`` does for each,
        a block-sized slice at a time (a full block is written when the next posting
        comes, as there)."""
        limit = self._blocklimit
        start, count = 0, len(ids)
        while start < count:
            if len(self._ids) >= limit:
                self._write_block()
            end = min(count, start + limit - len(self._ids))
            self._ids.extend(ids[start:end])
            weights_part = weights[start:end]
            self._weights.extend(weights_part)
            self._maxweight = max(self._maxweight, max(weights_part))
            self._values.extend(value for value in values[start:end] if value)
            if lengths is not None:
                known = [length for length in lengths[start:end] if length]
                if known:
                    low = min(known)
                    if self._minlength is None or low < self._minlength:
                        self._minlength = low
                    self._maxlength = max(self._maxlength, max(known))
            start = end

    def _mini_ids(self) -> Any:
        if self._byteids:  # term vectors: ids are strings
            return super()._mini_ids()
        return PackedIds("I", delta_encode(self._ids))

    def _mini_weights(self) -> Any:
        mini = super()._mini_weights()  # None (all 1.0), one float, or a tuple
        if isinstance(mini, tuple):
            return PackedFloats("f", mini)
        return mini

    def _mini_values(self) -> Any:
        fixedsize = self._format.fixed_value_size()
        if (fixedsize is None or fixedsize < 0) and self._values:
            return PackedValues.pack(self._values)
        return super()._mini_values()


#: Field length of each length byte (None for 0, which means "no length"), as W3 decodes it.
_LENGTH_OF_BYTE: list[int | None] = [None] + [byte_to_length(b) for b in range(1, 256)]


class _LengthsInMemory:
    """The new segment's field lengths, each field's column read whole once: W3 reads the
    length of every posting's document from the column file, a seek and a read each."""

    def __init__(self, lengths: Any) -> None:
        self._lengths = lengths

    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Any:
        column = self._lengths._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return lambda docnum: default
        codes = bytes(iter(column))
        table = _LENGTH_OF_BYTE
        return lambda docnum: table[codes[docnum]]

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        return self._lengths.doc_field_length(docnum, fieldname, default)


class PackedFieldWriter(W3FieldWriter):
    """W3's field writer; lengths are looked up in memory while postings are added."""

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> Any:
        if lengths is not None and hasattr(lengths, "_cached_reader"):
            lengths = _LengthsInMemory(lengths)
        return super().add_postings(schema, lengths, items)

    def add_term_groups(
        self, schema: Any, lengths: Any, groups: Iterator[tuple[str, bytes, list[Any]]]
    ) -> None:
        """``add_postings`` for postings grouped by term (``TermPool.groups``): each term's
        postings reach the postings writer a block at a time, not one call each."""
        if lengths is not None and hasattr(lengths, "_cached_reader"):
            lengths = _LengthsInMemory(lengths)
        field = None
        length_of = None
        for fieldname, btext, items in groups:
            if fieldname != field:
                if field is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                field = fieldname
                length_of = lengths.doc_field_length_reader(fieldname) if lengths else None
            self.start_term(btext)
            ids = [item[2] for item in items]
            self._postwriter.add_many(
                ids,
                [item[3] for item in items],
                [item[4] for item in items],
                [length_of(docnum) for docnum in ids] if length_of else None,
            )
            self.finish_term()
        if field is not None:
            self.finish_field()


class TermPool:
    """A new segment's postings, grouped by (field, term) as documents add them, for a
    writer whose segment fits in memory (a rebuild's slices: ``index.build``).

    Whoosh's pool accounts for the size of every posting (to spill runs to disk), then
    sorts all of them, millions of tuples, before writing. Documents are added in docnum
    order, so each term's postings already come sorted: only the distinct terms need
    sorting. Postings are the tuples the writer made, kept as they are."""

    def __init__(self) -> None:
        self._terms: dict[tuple[str, bytes], list[Any]] = {}
        self.fieldnames: set[str] = set()

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        key = (item[0], item[1])
        postings = self._terms.get(key)
        if postings is None:
            postings = self._terms[key] = []
            self.fieldnames.add(item[0])
        postings.append(item)

    def groups(self) -> Iterator[tuple[str, bytes, list[Any]]]:
        """(field, term, postings) in Whoosh's order; the pool is emptied as it goes."""
        for key in sorted(self._terms):
            yield key[0], key[1], self._terms.pop(key)

    def iter_postings(self) -> Iterator[Any]:
        """Whoosh's interface: the postings one by one, in order."""
        for _, _, postings in self.groups():
            yield from postings

    def cleanup(self) -> None:
        self._terms.clear()


def finish_segment(writer: Any) -> Any:
    """``SegmentWriter._finalize_segment`` for a writer given a ``TermPool``: the postings
    are written term by term (``PackedFieldWriter.add_term_groups``; one by one for
    another codec's field writer). Returns the segment, not yet in any table of contents."""
    writer.perdocwriter.close()
    lengths = writer.per_document_reader() if writer.codec.length_stats else None
    fields = writer.fieldwriter
    if isinstance(fields, PackedFieldWriter):
        fields.add_term_groups(writer.schema, lengths, writer.pool.groups())
    else:
        fields.add_postings(writer.schema, lengths, writer.pool.iter_postings())
    fields.close()
    if lengths is not None:
        lengths.close()
    writer._close_segment()
    writer._assemble_segment()
    return writer.get_segment()


#: Postings per block (W3: 128). Reading a block has a fixed cost (unpickling, locating
#: it), and vectorized matching reads whole lists: 512 read common words' lists 3.7 times
#: faster than 128 and made the index 4 % smaller; Whoosh's own matchers (phrases with a
#: slop, other query forms) skip by coarser blocks.
BLOCK_POSTINGS = 512


class PackedCodec(W3Codec):
    """The W3 codec, with ``PackedPostingsWriter`` for the postings, blocks of
    ``BLOCK_POSTINGS`` left uncompressed (their values are compressed on their own)."""

    def __init__(self, blocklimit: int | None = None, compression: int = 0, inlinelimit: int = 1):
        super().__init__(blocklimit or BLOCK_POSTINGS, compression, inlinelimit)

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return PackedFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return PackedPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
