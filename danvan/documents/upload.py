"""What the register accepts as a document's file: PDF, DOCX, DOC or ODT, judged by content.

A name ending in ``.pdf`` proves nothing (``danvan.lib.files``): the content decides, and
the refusal names the file and what it really is, so the officer knows what to fix.
"""

from __future__ import annotations

from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError

from danvan.lib import files
from danvan.lib.numbers import format_number

ACCEPTED = (files.PDF, files.DOCX, files.DOC, files.ODT)
_MB = 1024 * 1024


def upload_name(upload: Any) -> str:
    """The name the user gave the file, without any folder part."""
    return str(getattr(upload, "name", "") or "tep").replace("\\", "/").rsplit("/", 1)[-1]


def upload_check(upload: Any) -> str:
    """The kind of ``upload`` (one of ``ACCEPTED``), or ValidationError on the ``file`` field."""
    name = upload_name(upload)
    limit = settings.UPLOAD_MAX_MB
    size = int(getattr(upload, "size", 0) or 0)
    if size > limit * _MB:
        raise ValidationError(
            {
                "file": f"Tệp «{name}» nặng {format_number(Decimal(size) / _MB, 1)} MB, "
                f"vượt giới hạn {limit} MB."
            }
        )
    kind = files.sniff(upload)
    if kind not in ACCEPTED:
        raise ValidationError(
            {
                "file": f"Tệp «{name}» không phải PDF, DOCX, DOC hoặc ODT "
                f"(nội dung là {_describe(upload, kind)})."
            }
        )
    return kind


def _describe(stream: IO[bytes], kind: str | None) -> str:
    if kind is not None:
        return files.LABELS.get(kind, kind)
    stream.seek(0)
    head = stream.read(512)
    stream.seek(0)
    if head.startswith(b"MZ"):
        return "tệp chương trình Windows (.exe)"
    if head.startswith(b"\x7fELF"):
        return "tệp chương trình"
    if head.startswith(b"PK\x03\x04"):
        return "tệp nén ZIP"
    if not head:
        return "tệp rỗng"
    # The last character may be cut in two by the 512-byte window.
    text = head.decode("utf-8", errors="replace")[:-1]
    if "\ufffd" in text or "\x00" in text:
        return "dữ liệu không nhận ra được"
    return "văn bản thuần (text)"
