"""A small streaming zip writer: deterministic bytes, bounded memory, ZIP64 when needed.

Compression runs in one worker thread (``zlib`` releases the GIL), in batches, while the
caller builds the next records; results are written in submission order, so threading does
not change a byte.

``zipfile.ZipFile`` keeps a ``ZipInfo`` object per member (about 400 bytes each), which for a
million members is the largest thing in memory. Here each member's central-directory entry
is written to a spooled temporary file as soon as the member is written, and copied after
the data at ``close()``. Every member has the same timestamp and attributes, so the same
content always gives the same archive. Archives read back with ``zipfile`` and ``unzip``.
"""

from __future__ import annotations

import shutil
import struct
import tempfile
import zlib
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import BinaryIO

_LIMIT = 0xFFFFFFFF
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_EOCD = struct.Struct("<IHHHHIIH")
_EOCD64 = struct.Struct("<IQHHIIQQQQ")
_LOCATOR64 = struct.Struct("<IIQI")
_EXTERNAL = 0o100644 << 16  # a regular file, rw-r--r--
_MADE_BY = (3 << 8) | 45  # Unix, spec 4.5
_BATCH = 64  # members per compression job
_IN_FLIGHT = 3  # jobs queued before the writer waits: bounds memory


def _compress_batch(
    items: list[tuple[bytes, bytes]], level: int
) -> list[tuple[bytes, int, int, bytes]]:
    return [
        (raw, zlib.crc32(data), len(data), zlib.compress(data, level, wbits=-15))
        for raw, data in items
    ]


class ZipWriter:
    """Write members in order; ``close()`` (or the ``with`` block) finishes the archive."""

    def __init__(self, path: Path, *, when: date, level: int = 6) -> None:
        self._f: BinaryIO = open(path, "wb", buffering=1 << 20)  # noqa: SIM115
        self._level = level
        self._pos = 0
        self._count = 0
        self._cd = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115
        self._cd_size = 0
        self._time = 0  # 00:00:00
        self._date = ((when.year - 1980) << 9) | (when.month << 5) | when.day
        self.bytes_in = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zip")
        self._batch: list[tuple[bytes, bytes]] = []
        self._jobs: deque[Future] = deque()

    def __enter__(self) -> ZipWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def count(self) -> int:
        return self._count

    def write(self, name: str, data: bytes) -> None:
        """Queue one member (compressed in the worker, written in order)."""
        self._batch.append((name.encode("utf-8"), data))
        self.bytes_in += len(data)
        if len(self._batch) >= _BATCH:
            self._submit()

    def _submit(self) -> None:
        if self._batch:
            self._jobs.append(self._pool.submit(_compress_batch, self._batch, self._level))
            self._batch = []
        while len(self._jobs) > _IN_FLIGHT:
            self._write_done(self._jobs.popleft().result())

    def _drain(self) -> None:
        self._submit()
        while self._jobs:
            self._write_done(self._jobs.popleft().result())

    def _write_done(self, results: list[tuple[bytes, int, int, bytes]]) -> None:
        f = self._f
        for raw, crc, usize, comp in results:
            flags = 0 if raw.isascii() else 0x800
            offset = self._pos
            header = _LOCAL.pack(
                0x04034B50, 20, flags, 8, self._time, self._date, crc, len(comp), usize, len(raw), 0
            )
            f.write(header)
            f.write(raw)
            f.write(comp)
            self._pos += len(header) + len(raw) + len(comp)
            self._central(raw, flags, crc, len(comp), usize, offset, force64=False)

    def stream(self, name: str) -> _MemberStream:
        """A member written in pieces (the one-file dumps); sizes patched in on close."""
        self._drain()
        return _MemberStream(self, name)

    def _central(
        self,
        raw: bytes,
        flags: int,
        crc: int,
        csize: int,
        usize: int,
        offset: int,
        *,
        force64: bool,
    ) -> None:
        extra = b""
        fields = []
        if force64 or usize >= _LIMIT:
            fields.append(usize)
            usize = _LIMIT
        if force64 or csize >= _LIMIT:
            fields.append(csize)
            csize = _LIMIT
        if offset >= _LIMIT:
            fields.append(offset)
            offset = _LIMIT
        if fields:
            extra = struct.pack("<HH", 1, 8 * len(fields)) + struct.pack(
                f"<{len(fields)}Q", *fields
            )
        entry = _CENTRAL.pack(
            0x02014B50,
            _MADE_BY,
            45 if extra else 20,
            flags,
            8,
            self._time,
            self._date,
            crc,
            csize,
            usize,
            len(raw),
            len(extra),
            0,
            0,
            0,
            _EXTERNAL,
            offset,
        )
        self._cd.write(entry)
        self._cd.write(raw)
        self._cd.write(extra)
        self._cd_size += len(entry) + len(raw) + len(extra)
        self._count += 1

    def close(self) -> None:
        if self._f.closed:
            return
        self._drain()
        self._pool.shutdown()
        cd_offset = self._pos
        self._cd.seek(0)
        shutil.copyfileobj(self._cd, self._f, 1 << 20)
        self._cd.close()
        end = cd_offset + self._cd_size
        n = self._count
        if n >= 0xFFFF or self._cd_size >= _LIMIT or cd_offset >= _LIMIT:
            self._f.write(
                _EOCD64.pack(0x06064B50, 44, _MADE_BY, 45, 0, 0, n, n, self._cd_size, cd_offset)
            )
            self._f.write(_LOCATOR64.pack(0x07064B50, 0, end, 1))
            self._f.write(
                _EOCD.pack(
                    0x06054B50,
                    0,
                    0,
                    min(n, 0xFFFF),
                    min(n, 0xFFFF),
                    min(self._cd_size, _LIMIT),
                    min(cd_offset, _LIMIT),
                    0,
                )
            )
        else:
            self._f.write(_EOCD.pack(0x06054B50, 0, 0, n, n, self._cd_size, cd_offset, 0))
        self._f.close()


class _MemberStream:
    def __init__(self, zw: ZipWriter, name: str) -> None:
        self._zw = zw
        self._raw = name.encode("utf-8")
        self._offset = zw._pos
        self._crc = 0
        self._usize = 0
        self._csize = 0
        self._comp = zlib.compressobj(zw._level, zlib.DEFLATED, -15)
        self._jobs: deque[Future] = deque()
        extra = struct.pack("<HHQQ", 1, 16, 0, 0)  # ZIP64 sizes, patched on close
        header = _LOCAL.pack(
            0x04034B50, 45, 0, 8, zw._time, zw._date, 0, _LIMIT, _LIMIT, len(self._raw), len(extra)
        )
        zw._f.write(header + self._raw + extra)
        zw._pos += len(header) + len(self._raw) + len(extra)

    def __enter__(self) -> _MemberStream:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()

    def write(self, data: bytes) -> None:
        self._crc = zlib.crc32(data, self._crc)
        self._usize += len(data)
        self._jobs.append(self._zw._pool.submit(self._comp.compress, data))
        while len(self._jobs) > _IN_FLIGHT:
            self._out(self._jobs.popleft().result())

    def _out(self, out: bytes) -> None:
        if out:
            self._zw._f.write(out)
            self._csize += len(out)

    def close(self) -> None:
        zw = self._zw
        while self._jobs:
            self._out(self._jobs.popleft().result())
        self._out(self._comp.flush())
        zw._pos += self._csize
        zw.bytes_in += self._usize
        f = zw._f
        f.seek(self._offset + 14)
        f.write(struct.pack("<I", self._crc))
        f.seek(self._offset + 30 + len(self._raw) + 4)
        f.write(struct.pack("<QQ", self._usize, self._csize))
        f.seek(zw._pos)
        zw._central(self._raw, 0, self._crc, self._csize, self._usize, self._offset, force64=True)
