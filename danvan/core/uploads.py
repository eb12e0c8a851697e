"""The checks every uploaded file goes through before anything parses it.

Every place that takes a file (register documents, task evidence, report attachments, the
Excel import page and command, drafting templates) calls :func:`refuse_hostile` first: a
ZIP-based file (DOCX, XLSX, ODT) is judged from its ZIP directory by
``danvan.lib.zipguard`` with the limits of the settings, before python-docx, openpyxl or
docxtpl open it, and a macro-enabled document is refused. :func:`checked_kind` adds the
content sniffing (``danvan.lib.files``) for the places that accept a list of kinds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError

from danvan.lib import files, zipguard

_MB = 1024 * 1024

# What a report attachment or task evidence may be, by content.
DOCUMENT_KINDS = (files.PDF, files.DOCX, files.DOC, files.ODT, files.XLSX, files.PNG, files.JPEG)


def upload_name(upload: Any, default: str = "tep") -> str:
    """The name the user gave the file, without any folder part."""
    return str(getattr(upload, "name", "") or default).replace("\\", "/").rsplit("/", 1)[-1]


def zip_limits() -> zipguard.Limits:
    return zipguard.Limits(
        max_uncompressed=settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_MB * _MB,
        max_members=settings.UPLOAD_ZIP_MAX_MEMBERS,
        max_ratio=settings.UPLOAD_ZIP_MAX_RATIO,
    )


def refuse_hostile(upload: IO[bytes], *, name: str) -> None:
    """ValidationError (one message naming the file) when ``upload`` is a ZIP bomb, has a
    bad member name or carries macros. Anything that is not a ZIP passes untouched."""
    if not zipguard.is_zip(upload):
        return
    try:
        zipguard.inspect(upload, zip_limits())
    except zipguard.Refused as refused:
        raise ValidationError(
            f"Tệp «{name}» bị từ chối: {refused.reason}.",
            code="macro" if refused.macro else "hostile",
        ) from None


def checked_kind(upload: IO[bytes], *, name: str, accepted: Iterable[str]) -> str:
    """The kind of ``upload`` by content (one of ``accepted``) once it passed
    :func:`refuse_hostile`, or ValidationError naming the file and what it really is."""
    refuse_hostile(upload, name=name)
    kinds = tuple(accepted)
    kind = files.sniff(upload)
    if kind is None or kind not in kinds:
        allowed = ", ".join(files.LABELS[k] for k in kinds)
        raise ValidationError(
            f"Tệp «{name}» không phải định dạng được nhận ({allowed}): nội dung là "
            f"{describe(upload, kind)}; định dạng được xét theo nội dung tệp, không theo tên.",
            code="kind",
        )
    return kind


def check_files(
    uploads: Sequence[Any], *, accepted: Iterable[str] = DOCUMENT_KINDS, field: str = "files"
) -> list[tuple[Any, str, str]]:
    """Each upload's (upload, kind by content, name), or one ValidationError on ``field``
    listing every refused file by name: too large (``UPLOAD_MAX_MB``), hostile ZIP or
    macros, or not one of ``accepted`` by its content. Nothing is stored before all pass."""
    limit_mb = settings.UPLOAD_MAX_MB
    kinds = tuple(accepted)
    allowed = ", ".join(files.LABELS[kind] for kind in kinds)
    found: list[tuple[Any, str, str]] = []
    problems: list[str] = []
    for upload in uploads:
        name = upload_name(upload)[:255]
        size = upload.size or 0
        if size > limit_mb * _MB:
            problems.append(
                f"Tệp «{name}» nặng {files.human_size(size)}, vượt giới hạn {limit_mb} MB."
            )
            continue
        try:
            refuse_hostile(upload, name=name)
        except ValidationError as refused:
            problems.extend(refused.messages)
            continue
        kind = files.sniff(upload)
        if kind not in kinds:
            problems.append(
                f"Tệp «{name}» không phải định dạng được nhận ({allowed}); "
                "định dạng được xét theo nội dung tệp, không theo tên."
            )
            continue
        found.append((upload, kind, name))
    if problems:
        raise ValidationError({field: problems})
    return found


def describe(stream: IO[bytes], kind: str | None) -> str:
    """What a file really is, for a refusal: "tệp chương trình Windows (.exe)"…"""
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
