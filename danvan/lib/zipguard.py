"""Is a ZIP-based file (DOCX, XLSX, ODT) safe to hand to a parser? (no Django)

A 1 MB DOCX can hold a ``word/document.xml`` that inflates to hundreds of megabytes; a
parser that opens it pins the worker until it is killed. :func:`inspect` decides from
the archive's directory alone, before anything is inflated:

- the number of members, read from the end-of-central-directory record *before* the
  directory itself is parsed (a directory of a million entries is a bomb of its own);
- member names: no absolute path, no ``..``;
- the total uncompressed size, and the compression ratio of each member and of the whole
  file (ordinary Office files compress 5-20 times; a bomb, hundreds or thousands);
- macros: a ``vbaProject.bin`` member, a macro-enabled content type in
  ``[Content_Types].xml`` (``.docm``, ``.xlsm``, ``.dotm``…), OpenDocument Basic modules.

The directory could lie about sizes. Python's ``zipfile`` (which python-docx, openpyxl
and docxtpl all read through) never inflates a member past the size the directory
declares (a liar ends in a CRC error, not a bomb), and what this project reads by itself
goes through :func:`read_member`, which stops at a byte budget whatever the directory says.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass
from typing import IO

from danvan.lib.files import human_size as _size

# A member (or archive) smaller than this is never judged by its ratio: a few kilobytes of
# repetitive XML compress a hundredfold and harm no one.
RATIO_FLOOR = 1024 * 1024
# [Content_Types].xml of a real file is a few kilobytes.
_CONTENT_TYPES_BUDGET = 1024 * 1024
_CHUNK = 64 * 1024

_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_EOCD_SIZE = 22
_MAX_COMMENT = 0xFFFF

_MACRO_TYPE = re.compile(rb"macroEnabled|vnd\.ms-office\.vbaProject", re.IGNORECASE)
# OpenDocument keeps Basic macros as XML modules under Basic/<library>/; the library
# indexes alone (present in some files without any macro) are no macro.
_ODF_INDEXES = {"script-lc.xml", "script-lb.xml", "dialog-lc.xml", "dialog-lb.xml"}


@dataclass(frozen=True)
class Limits:
    max_uncompressed: int  # bytes, all members together
    max_members: int
    max_ratio: int  # uncompressed / compressed, per member and for the whole file


@dataclass(frozen=True)
class Summary:
    members: int
    uncompressed: int


class Refused(Exception):
    """Why the archive is refused, in Vietnamese, as the end of a sentence naming the file."""

    def __init__(self, reason: str, *, macro: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.macro = macro


def is_zip(stream: IO[bytes]) -> bool:
    stream.seek(0)
    head = stream.read(4)
    stream.seek(0)
    return head == b"PK\x03\x04"


def inspect(stream: IO[bytes], limits: Limits) -> Summary | None:
    """Refused when ``stream`` is a dangerous archive; None when it is no readable ZIP
    (the caller's sniffing refuses it then). The stream is rewound afterwards."""
    try:
        return _inspect(stream, limits)
    finally:
        stream.seek(0)


def _inspect(stream: IO[bytes], limits: Limits) -> Summary | None:
    stream.seek(0, 2)
    archive_size = stream.tell()
    declared = _declared_members(stream, archive_size)
    if declared is None:
        return None
    if declared > limits.max_members:
        raise Refused(f"có {declared} thành phần, vượt giới hạn {limits.max_members}")
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise Refused(f"có {len(infos)} thành phần, vượt giới hạn {limits.max_members}")
        total = 0
        for info in infos:
            _check_name(info.filename)
            total += info.file_size
        if total > limits.max_uncompressed:
            raise Refused(
                f"dung lượng giải nén {_size(total)} vượt giới hạn {_size(limits.max_uncompressed)}"
            )
        for info in infos:
            _check_ratio(info, limits)
        if total > RATIO_FLOOR and total > limits.max_ratio * max(archive_size, 1):
            raise Refused(
                f"cả tệp nén với tỉ lệ {total // max(archive_size, 1)}:1, vượt giới hạn "
                f"{limits.max_ratio}:1 (dấu hiệu tệp «bom nén»)"
            )
        _check_macros(archive, infos)
    return Summary(members=len(infos), uncompressed=total)


def _declared_members(stream: IO[bytes], size: int) -> int | None:
    """The entry count of the end-of-central-directory record (ZIP64 too), or None."""
    tail_size = min(size, _EOCD_SIZE + _MAX_COMMENT)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return None
    entries = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    if entries != 0xFFFF:
        return int(entries)
    # ZIP64: the locator sits just before the classic record and points at the real one.
    locator = tail[at - 20 : at] if at >= 20 else b""
    if not locator.startswith(_EOCD64_LOCATOR):
        return int(entries)
    offset = struct.unpack("<Q", locator[8:16])[0]
    if offset + 56 > size:
        return None
    stream.seek(offset)
    record = stream.read(56)
    if not record.startswith(_EOCD64):
        return None
    return int(struct.unpack("<Q", record[32:40])[0])


def _check_name(name: str) -> None:
    path = name.replace("\\", "/")
    parts = path.split("/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or ".." in parts or "\x00" in path:
        raise Refused(
            f"tên thành phần «{name[:120]}» không hợp lệ (đường dẫn tuyệt đối hoặc có «..»)"
        )


def _check_ratio(info: zipfile.ZipInfo, limits: Limits) -> None:
    if info.file_size <= RATIO_FLOOR:
        return
    if info.file_size > limits.max_ratio * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise Refused(
            f"thành phần «{info.filename[:120]}» nén với tỉ lệ {ratio}:1 "
            f"(giải nén {_size(info.file_size)}), vượt giới hạn {limits.max_ratio}:1 "
            "(dấu hiệu tệp «bom nén»)"
        )


def _check_macros(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        name = info.filename.replace("\\", "/")
        base = name.rsplit("/", 1)[-1].lower()
        odf_module = name.startswith(("Basic/", "Scripts/")) and base not in _ODF_INDEXES
        if base.startswith("vbaproject") or (odf_module and not name.endswith("/")):
            raise Refused(_MACRO, macro=True)
    try:
        types = read_member(archive, "[Content_Types].xml", _CONTENT_TYPES_BUDGET)
    except KeyError:
        return
    except Refused:
        raise Refused("thành phần «[Content_Types].xml» lớn bất thường") from None
    if _MACRO_TYPE.search(types):
        raise Refused(_MACRO, macro=True)


_MACRO = (
    "tệp có chứa macro (VBA hoặc Basic), hệ thống không nhận tài liệu có macro; hãy lưu "
    "lại dưới dạng thường (.docx, .xlsx, .odt) không có macro rồi tải lên lại"
)


def read_member(archive: zipfile.ZipFile, name: str | zipfile.ZipInfo, budget: int) -> bytes:
    """The member's bytes, read in chunks; Refused past ``budget`` bytes whatever the
    directory declares. KeyError when there is no such member."""
    parts: list[bytes] = []
    read = 0
    with archive.open(name) as member:
        while chunk := member.read(_CHUNK):
            read += len(chunk)
            if read > budget:
                raise Refused(f"thành phần vượt {_size(budget)} khi giải nén")
            parts.append(chunk)
    return b"".join(parts)
