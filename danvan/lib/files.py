"""What a file really is, read from its first bytes (no Django).

A name ending in ``.pdf`` proves nothing: offices rename files, and a renamed
executable must not enter the register. PDF starts with ``%PDF-``; DOC is an OLE2
compound file; DOCX and ODT are ZIP archives, told apart by what is inside
(``word/document.xml``, or a ``mimetype`` member naming OpenDocument text).
"""

from __future__ import annotations

import io
import zipfile
from typing import IO

PDF = "pdf"
DOC = "doc"
DOCX = "docx"
ODT = "odt"
PNG = "png"
JPEG = "jpeg"
XLSX = "xlsx"

LABELS = {
    PDF: "PDF",
    DOC: "Word 97-2003 (.doc)",
    DOCX: "Word (.docx)",
    ODT: "OpenDocument (.odt)",
    PNG: "ảnh PNG",
    JPEG: "ảnh JPEG",
    XLSX: "Excel (.xlsx)",
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


def sniff(stream: IO[bytes]) -> str | None:
    """The kind of ``stream`` by content (one of the constants above), or None.

    The stream is read from the start and rewound afterwards.
    """
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(_OLE2):
        return DOC
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(stream)
        stream.seek(0)
        return kind
    return None


def _zip_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
            if "mimetype" in names:
                # A few bytes are enough to tell, whatever size the member claims.
                with archive.open("mimetype") as member:
                    if member.read(len(_ODT_MIME) + 8).strip() == _ODT_MIME:
                        return ODT
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        return None
    return None


def sniff_bytes(data: bytes) -> str | None:
    return sniff(io.BytesIO(data))


def human_size(size: int) -> str:
    """10485760 → "10 MB" (Vietnamese decimal comma for fractions)."""
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            value = size / factor
            text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{text} {unit}"
    return f"{size} byte"
