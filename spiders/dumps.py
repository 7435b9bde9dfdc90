"""Read the open-data dumps from disk, streaming: a zip, a JSON file or a folder of them.

Yields raw records (dicts) with the name of the file and member they came from, so every
error names its input. Never loads a whole dump: per-question members are read one at a
time, and the L14/L15 single-file archives are streamed with ijson.
"""

from __future__ import annotations

import hashlib
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import ijson
import orjson

from relance.ingest import READ_VERSION

# A member smaller than this is parsed in one go; larger ones are streamed.
SMALL_MEMBER = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawRecord:
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


_SALT = f"relance-read-{READ_VERSION}:".encode()


def raw_digest(content: bytes) -> str:
    return hashlib.blake2b(_SALT + content, digest_size=16).hexdigest()


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
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            yield BadInput(str(file), f"cannot read: {exc}", True)


def dump_files(path: Path) -> list[Path]:
    """The dump files under ``path``, deputies/organes first."""
    if path.is_file():
        return [path]
    files = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in {".zip", ".json"}]
    files = [p for p in files if p.name != "manifest.json"]
    return sorted(files, key=lambda p: (not _is_amo(p), str(p)))


def _is_amo(path: Path) -> bool:
    name = str(path).lower()
    return "amo" in path.name.lower() or "/acteur" in name or "/organe" in name


class ZipMembers:
    """An open zip whose small members are read with one seek and one read each, then
    inflated and checked against their CRC: zipfile's per-member stream objects cost as
    much as the inflating itself. Large or unusual members go through zipfile."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.archive = zipfile.ZipFile(self.path)
        self._file = self.path.open("rb")

    def close(self) -> None:
        self._file.close()
        self.archive.close()

    def __enter__(self) -> ZipMembers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, info: zipfile.ZipInfo) -> bytes:
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            return self.archive.read(info)
        self._file.seek(info.header_offset)
        header = self._file.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"bad local header for {info.filename}")
        name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
        self._file.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        data = self._file.read(info.compress_size)
        if len(data) < info.compress_size:
            raise EOFError(f"{info.filename}: truncated")
        if info.compress_type == zipfile.ZIP_DEFLATED:
            data = zlib.decompress(data, -15)
        if zlib.crc32(data) != info.CRC:
            raise zipfile.BadZipFile(f"bad CRC-32 for {info.filename}")
        return data

    def records(self, name: str) -> Iterator[RawRecord | BadInput]:
        """The records of one member."""
        source = f"{self.path.name}:{name}"
        try:
            info = self.archive.getinfo(name)
            if info.file_size > SMALL_MEMBER:
                with self.archive.open(info) as stream:
                    yield from _iter_json_stream(stream, source, info.file_size)
                return
            content = self.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, zlib.error) as exc:
            yield BadInput(source, f"damaged member: {exc}")
            return
        yield from _records_of_bytes(content, source)


# The fixed part of a zip local file header (signature … extra field length).
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")


def _iter_zip(file: Path) -> Iterator[RawRecord | BadInput]:
    with ZipMembers(file) as members:
        for info in members.archive.infolist():
            if not info.is_dir() and info.filename.lower().endswith(".json"):
                yield from members.records(info.filename)


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
