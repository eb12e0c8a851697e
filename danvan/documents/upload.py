"""What the register accepts as a document's file: PDF, DOCX, DOC or ODT, judged by content.

A ZIP-based file is first checked by ``danvan.core.uploads`` (size once inflated,
compression ratio, macros) before anything opens it.

A name ending in ``.pdf`` proves nothing (``danvan.lib.files``): the content decides, and
the refusal names the file and what it really is, so the officer knows what to fix.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from danvan.core import uploads
from danvan.lib import files
from danvan.lib.numbers import format_number

ACCEPTED = (files.PDF, files.DOCX, files.DOC, files.ODT)
_MB = 1024 * 1024
upload_name = uploads.upload_name  # (kept here: the register's services import it from here)


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
    try:
        uploads.refuse_hostile(upload, name=name)
    except ValidationError as refused:
        raise ValidationError({"file": refused.messages}) from None
    kind = files.sniff(upload)
    if kind not in ACCEPTED:
        raise ValidationError(
            {
                "file": f"Tệp «{name}» không phải PDF, DOCX, DOC hoặc ODT "
                f"(nội dung là {uploads.describe(upload, kind)})."
            }
        )
    return kind
