"""Text out of what a person brings: pasted text, a saved web page, a Word file, a PDF.

Every refusal names the file and says why, in Vietnamese; nothing here writes.
"""

from __future__ import annotations

import io
import re
from typing import Any

from django.core.exceptions import ValidationError

from danvan.core.uploads import check_files
from danvan.lib import files
from danvan.textimport.models import SourceKind

MAX_TEXT = 200_000  # characters: a long report is ~60.000
_HTML = re.compile(r"<\s*(?:html|body|article|div|p|br|h1|meta)\b", re.I)
_SKIP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg")


def html_text(markup: str) -> str:
    """The readable text of a saved page: its <article> (or <body>) without scripts,
    menus and footers, one paragraph a line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    for tag in soup(_SKIP_TAGS):
        tag.decompose()
    root = soup.find("article") or soup.body or soup
    heading = soup.find("h1")
    text = root.get_text("\n", strip=True)
    if heading is not None and heading.get_text(strip=True) not in text[:500]:
        text = heading.get_text(strip=True) + "\n" + text
    return text


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def _checked(text: str, name: str, field: str = "file") -> str:
    text = text.replace("\x00", "")
    if not text.strip():
        raise ValidationError({field: f"«{name}» không có chữ để đọc (bản quét ảnh?)."})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {
                field: f"«{name}» dài {len(text):,} ký tự, quá {MAX_TEXT:,}: hãy tách bài.".replace(
                    ",", "."
                )
            }
        )
    return text


def from_upload(upload: Any) -> tuple[str, str, str]:
    """(text, kind, name) of an uploaded file: DOCX and PDF judged by content, anything
    else read as UTF-8 text or a saved web page."""
    name = (getattr(upload, "name", "") or "tệp")[:255]
    kind = files.sniff(upload)
    upload.seek(0)
    if kind in (files.DOCX, files.PDF):
        check_files([upload], accepted=(files.DOCX, files.PDF), field="file")
        data = upload.read()
        try:
            text = _docx_text(data) if kind == files.DOCX else _pdf_text(data)
        except Exception as error:  # a broken file of the right kind
            raise ValidationError({"file": f"Không đọc được tệp «{name}»: tệp hỏng."}) from error
        return (
            _checked(text, name),
            (SourceKind.DOCX if kind == files.DOCX else SourceKind.PDF),
            name,
        )
    if kind is not None:
        raise ValidationError(
            {
                "file": f"Tệp «{name}» là {files.LABELS[kind]}: chỉ nhận văn bản, trang web đã "
                "lưu, Word (.docx) hoặc PDF."
            }
        )
    data = upload.read(MAX_TEXT * 4 + 1)
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            {"file": f"Tệp «{name}» không phải văn bản UTF-8 (lỗi ở byte {error.start})."}
        ) from error
    if _HTML.search(raw[:5000]):
        return _checked(html_text(raw), name), SourceKind.HTML, name
    return _checked(raw, name), SourceKind.FILE, name


def from_paste(raw: str) -> tuple[str, str]:
    """(text, kind) of pasted text; a pasted page source is read as HTML."""
    if _HTML.search(raw[:5000]):
        return _checked(html_text(raw), "Văn bản dán vào", "text"), SourceKind.HTML
    return _checked(raw, "Văn bản dán vào", "text"), SourceKind.TEXT
