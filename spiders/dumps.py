"""Read the open-data dumps from disk, streaming: a zip, a JSON file or a folder of them.

Yields raw records (dicts) with the name of the file and member they came from, so every
error names its input. Never loads a whole dump: per-question members are read one at a
time, and the L14/L15 single-file archives are streamed with ijson.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

import ijson
import orjson
from isal import isal_zlib

from relance.ingest import READ_VERSION

# A member smaller than this is parsed in one go; larger ones are streamed.
SMALL_MEMBER = 8 * 1024 * 1024


class RawRecord(NamedTuple):  # a tuple: one is made for every record read
    source: str  # "Questions_ecrites.json.zip:json/QANR5L17QE1.json"
    kind: str  # "question", "acteur" or "organe"
    data: dict[str, Any]
    digest: str = ""  # of the raw bytes and READ_VERSION: same digest, same record

    @property
    def uid(self) -> str | None:
        inner = self.data.get(self.kind, self.data)
        uid = inner.get("uid") if isinstance(inner, dict) else None
        if isinstance(uid, dict):
            uid = uid.get("#text")
        return uid if isinstance(uid, str) else None


# SHA-256 (128 bits kept): processors with SHA extensions hash a record's 5 KB in 4 µs,
# where BLAKE2b (no hardware help) took 10 µs — once for every record an import reads.
_SALTED = hashlib.sha256(f"relance-read-{READ_VERSION}:".encode())


def raw_digest(content: bytes) -> str:
    """The digest of a record's raw bytes (and of ``READ_VERSION``): same digest, same
    record, so a re-import skips it without parsing."""
    digest = _SALTED.copy()
    digest.update(content)
    return digest.hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class BadInput:
    source: str
    error: str
    whole_file: bool = False  # the whole file is unreadable, not one record in it


class DumpError(Exception):
    """A whole file that cannot be read (truncated zip, not JSON…)."""


def iter_dump(path: Path) -> Iterator[RawRecord | BadInput]:
    """Every record under ``path``. Unreadable files and members are yielded as ``BadInput``
    (the run goes on and reports them). Acteurs/organes dumps come first, so deputies and
    groups are known before the questions that name them."""
    path = Path(path)
    if not path.exists():
        raise DumpError(f"{path}: no such file or folder")
    for file in dump_files(path):
        try:
            if zipfile.is_zipfile(file):
                yield from _iter_zip(file)
            elif file.suffix.lower() == ".json":
                with file.open("rb") as stream:
                    yield from _iter_json_stream(stream, str(file), file.stat().st_size)
            elif file.suffix.lower() == ".zip":
                yield BadInput(str(file), "not a valid zip file (truncated or damaged)", True)
        except (zipfile.BadZipFile, OSError, EOFError, struct.error, UnicodeDecodeError) as exc:
            yield BadInput(str(file), f"cannot read: {exc}", True)


def dump_files(path: Path) -> list[Path]:
    """The dump files under ``path``, deputies/organes first."""
    if path.is_file():
        return [path]
    # os.walk names each entry's type without a stat: a corpus folder can hold a mirror of
    # the site beside its dumps (100,000 pages for 100,000 questions), which ``rglob`` and
    # ``is_file`` took 1.5 s to step over before the first record was read.
    files = [
        Path(folder, name)
        for folder, _, names in os.walk(path)
        for name in names
        if name.lower().endswith((".zip", ".json")) and name != "manifest.json"
    ]
    return sorted(files, key=lambda p: (not _is_amo(p), str(p)))


def _is_amo(path: Path) -> bool:
    name = str(path).lower()
    return "amo" in path.name.lower() or "/acteur" in name or "/organe" in name


class Member(NamedTuple):
    """Where a zip member is, read from the central directory (a few dozen bytes, where
    zipfile keeps a ~600-byte object per member: 300 MB for a million-question dump)."""

    name: str
    offset: int  # of its local header
    compressed: int
    size: int
    crc: int
    method: int
    flags: int


_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
# The fixed part of a zip local file header (signature … extra field length).
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")


def zip_members(path: Path | str) -> Iterator[Member]:
    """Stream a zip's central directory (ZIP64 aware), in chunks: memory stays flat."""
    with Path(path).open("rb") as file:
        file.seek(0, 2)
        end = file.tell()
        tail_start = max(0, end - 65_536 - _EOCD.size)
        file.seek(tail_start)
        tail = file.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0:
            raise zipfile.BadZipFile(f"{path}: no end of central directory (truncated?)")
        eocd = _EOCD.unpack_from(tail, at)
        entries, offset = eocd[4], eocd[6]
        locator_at = at - _ZIP64_LOCATOR.size
        if locator_at >= 0 and tail[locator_at : locator_at + 4] == b"PK\x06\x07":
            zip64_offset = _ZIP64_LOCATOR.unpack_from(tail, locator_at)[2]
            file.seek(zip64_offset)
            record = _ZIP64_EOCD.unpack(file.read(_ZIP64_EOCD.size))
            if record[0] != b"PK\x06\x06":
                raise zipfile.BadZipFile(f"{path}: bad ZIP64 end of central directory")
            entries, offset = record[7], record[9]
        file.seek(offset)
        buffer, position, seen = b"", 0, 0
        while seen < entries:
            if len(buffer) - position < _CENTRAL.size + 65_536 * 3:  # room for one entry
                buffer = buffer[position:] + file.read(1 << 20)
                position = 0
            if buffer[position : position + 4] != b"PK\x01\x02":
                raise zipfile.BadZipFile(f"{path}: bad central directory entry {seen}")
            fields = _CENTRAL.unpack_from(buffer, position)
            flags, method, crc, compressed, size_, name_length, extra_length, comment_length = (
                fields[3],
                fields[4],
                fields[7],
                fields[8],
                fields[9],
                fields[10],
                fields[11],
                fields[12],
            )
            local_offset = fields[16]
            start = position + _CENTRAL.size
            raw_name = buffer[start : start + name_length]
            extra = buffer[start + name_length : start + name_length + extra_length]
            if 0xFFFFFFFF in (compressed, size_, local_offset):
                size_, compressed, local_offset = _zip64_extra(
                    extra, size_, compressed, local_offset
                )
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437")
            yield Member(name, local_offset, compressed, size_, crc, method, flags)
            position = start + name_length + extra_length + comment_length
            seen += 1


def _zip64_extra(extra: bytes, size: int, compressed: int, offset: int) -> tuple[int, int, int]:
    """The 64-bit values a ZIP64 extra field holds for the fields marked 0xFFFFFFFF."""
    at = 0
    while at + 4 <= len(extra):
        tag, length = struct.unpack_from("<2H", extra, at)
        if tag == 0x0001:
            values = iter(struct.unpack_from(f"<{length // 8}Q", extra, at + 4))
            if size == 0xFFFFFFFF:
                size = next(values)
            if compressed == 0xFFFFFFFF:
                compressed = next(values)
            if offset == 0xFFFFFFFF:
                offset = next(values)
            break
        at += 4 + length
    return size, compressed, offset


class ZipReader:
    """Reads members by their location: one seek and one read each, then inflate and
    check the CRC (zipfile's per-member stream objects cost as much as the inflating).
    Large or unusual members (encrypted, other methods) go through zipfile."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._file = self.path.open("rb")
        self._archive: zipfile.ZipFile | None = None

    def close(self) -> None:
        self._file.close()
        if self._archive is not None:
            self._archive.close()

    def __enter__(self) -> ZipReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _zipfile(self) -> zipfile.ZipFile:
        if self._archive is None:
            self._archive = zipfile.ZipFile(self.path)
        return self._archive

    def read(self, member: Member) -> bytes:
        if member.flags & 0x1 or member.method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return self._zipfile().read(member.name)
        self._file.seek(member.offset)
        header = self._file.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"bad local header for {member.name}")
        name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
        self._file.seek(member.offset + _LOCAL_HEADER.size + name_length + extra_length)
        data = self._file.read(member.compressed)
        if len(data) < member.compressed:
            raise EOFError(f"{member.name}: truncated")
        if member.method == zipfile.ZIP_DEFLATED:
            # ISA-L's inflate: 19 µs for a question's member where zlib takes 30
            try:
                data = isal_zlib.decompress(data, -15)
            except isal_zlib.error as exc:
                raise zipfile.BadZipFile(f"{member.name}: {exc}") from None
        if isal_zlib.crc32(data) != member.crc:
            raise zipfile.BadZipFile(f"bad CRC-32 for {member.name}")
        return data

    def source(self, member: Member) -> str:
        """How a member's records name where they come from (reports, logs)."""
        return f"{self.path.name}:{member.name}"

    def records(self, member: Member) -> Iterator[RawRecord | BadInput]:
        """The records of one member (a large one is streamed)."""
        source = self.source(member)
        try:
            if member.size > SMALL_MEMBER:
                with self._zipfile().open(member.name) as stream:
                    yield from _iter_json_stream(stream, source, member.size)
                return
            content = self.read(member)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, zlib.error) as exc:
            yield BadInput(source, f"damaged member: {exc}")
            return
        yield from _records_of_bytes(content, source)


def is_json_member(member: Member) -> bool:
    return member.name.lower().endswith(".json") and not member.name.endswith("/")


def _iter_zip(file: Path) -> Iterator[RawRecord | BadInput]:
    with ZipReader(file) as reader:
        for member in zip_members(file):
            if is_json_member(member):
                yield from reader.records(member)


def _iter_json_stream(stream: IO[bytes], source: str, size: int) -> Iterator[RawRecord | BadInput]:
    if size <= SMALL_MEMBER:
        yield from _records_of_bytes(stream.read(), source)
        return
    yield from _iter_large(stream, source)


def _records_of_bytes(content: bytes, source: str) -> Iterator[RawRecord | BadInput]:
    try:
        data = orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        yield BadInput(source, f"not JSON: {exc}")
        return
    yield from _records_in(data, source, content)


def _records_in(data: Any, source: str, content: bytes) -> Iterator[RawRecord | BadInput]:
    """One record (``{"question": …}``, ``{"acteur": …}``, ``{"organe": …}``) or a document
    holding a list of them somewhere (the L14 single file)."""
    if isinstance(data, dict):
        for kind in ("question", "acteur", "organe"):
            if isinstance(data.get(kind), dict) and len(data) == 1:
                yield RawRecord(source, kind, data, raw_digest(content))
                return
        if "uid" in data:
            yield RawRecord(source, _kind_of(data), data, raw_digest(content))
            return
    found = _find_record_list(data)
    if found is None:
        yield BadInput(source, "no question, acteur or organe record found")
        return
    for index, item in enumerate(found):
        if isinstance(item, dict):
            yield RawRecord(f"{source}[{index}]", _kind_of(item), item, _item_digest(item))
        else:
            yield BadInput(f"{source}[{index}]", "list item is not an object")


def _item_digest(item: dict[str, Any]) -> str:
    """Digest of a record found inside a larger document (no bytes of its own)."""
    return raw_digest(orjson.dumps(item, option=orjson.OPT_SORT_KEYS))


def _kind_of(record: dict[str, Any]) -> str:
    uid = record.get("uid")
    if isinstance(uid, dict):
        uid = uid.get("#text")
    uid = str(uid or "")
    if uid.startswith("PA"):
        return "acteur"
    if uid.startswith("PO"):
        return "organe"
    return "question"


def _find_record_list(data: Any, depth: int = 0) -> list[Any] | None:
    """The first list whose items are objects carrying a ``uid`` (the robust way, §2)."""
    if depth > 6:
        return None
    if isinstance(data, list):
        if data and isinstance(data[0], dict) and "uid" in data[0]:
            return data
        return None
    if isinstance(data, dict):
        for value in data.values():
            found = _find_record_list(value, depth + 1)
            if found is not None:
                return found
    return None


def _iter_large(stream: IO[bytes], source: str) -> Iterator[RawRecord | BadInput]:
    """Stream the items of the first array of records, wherever it sits."""
    if not stream.seekable():
        # zip members are seekable from Python 3.7 on; keep a clear error otherwise
        yield BadInput(source, "large member is not seekable")
        return
    prefix = _find_items_prefix(stream)
    if prefix is None:
        yield BadInput(source, "no list of records with a uid found")
        return
    stream.seek(0)
    index = 0
    try:
        for item in ijson.items(stream, prefix, use_float=True):
            if isinstance(item, dict):
                yield RawRecord(f"{source}[{index}]", _kind_of(item), item, _item_digest(item))
            else:
                yield BadInput(f"{source}[{index}]", "list item is not an object")
            index += 1
    except ijson.JSONError as exc:
        yield BadInput(f"{source}[{index}]", f"JSON broken after {index} records: {exc}")


def _find_items_prefix(stream: IO[bytes]) -> str | None:
    try:
        for prefix, event, value in ijson.parse(stream):
            if event == "map_key" and value == "uid" and prefix.endswith(".item"):
                return prefix
            if event == "map_key" and value == "uid" and prefix == "item":
                return "item"
    except ijson.JSONError:
        return None
    return None
