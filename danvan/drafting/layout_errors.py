"""What is wrong with a template, and where, in words an administrator can act on.

jinja reports a line of the XML docxtpl made of the document, which means nothing in
Word. So the faulty paragraph is found again in the document itself: for a syntax error,
each paragraph is parsed on its own (without its complete ``{% … %}`` tags, which only
make sense together); for an undefined name, the paragraph whose tags use it. The
message keeps jinja's words and adds their Vietnamese reading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from jinja2 import Environment, TemplateError, TemplateSyntaxError
from lxml import etree

if TYPE_CHECKING:
    from docxtpl import DocxTemplate as DocxTpl

_BLOCK_TAG = re.compile(r"{%.*?%}|{#.*?#}", re.DOTALL)
_PREFIX = re.compile(r"({%|{{|{#)(?:p|tr|tc|r) ")
_READINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"unexpected '(.+?)'"),
        "dấu «{0}» không đúng chỗ (thẻ viết sai, thiếu hoặc thừa dấu ngoặc)",
    ),
    (re.compile(r"has no attribute '(.+?)'"), "không có biến «{0}»"),
    (re.compile(r"'(.+?)' is undefined"), "không có biến «{0}»"),
    (
        re.compile(r"Encountered unknown tag '(.+?)'"),
        "thẻ «{0}» không khớp với thẻ mở nào (thiếu hoặc thừa thẻ if, for, endif, endfor)",
    ),
    (
        re.compile(r"Unexpected end of template"),
        "thiếu thẻ đóng (endif hoặc endfor) cho một thẻ if hoặc for",
    ),
    (re.compile(r"expected token '(.+?)'"), "thẻ viết sai, chờ «{0}»"),
    (re.compile(r"unexpected char '(.+?)'"), "ký tự «{0}» không dùng được trong thẻ"),
)


def diagnose(tpl: DocxTpl, error: TemplateError, env: Environment | None = None) -> tuple[str, str]:
    """(where, message) for ``error`` raised while rendering ``tpl``."""
    from danvan.drafting.layout import environment

    env = env or environment()
    message = _message(error)
    try:
        paragraphs = _paragraph_texts(tpl)
    except Exception:  # the document itself is unreadable: no place to name
        return "", _read(message)
    if isinstance(error, TemplateSyntaxError):
        for where, text in paragraphs:
            if "{" not in text and "}" not in text:
                continue
            try:
                env.parse(_BLOCK_TAG.sub("", _PREFIX.sub(r"\1 ", text)))
            except TemplateSyntaxError as local:
                return f"{where} («{_short(text)}»)", _read(_message(local))
        return "", _read(message)
    name = _undefined_name(message)
    if name:
        for where, text in paragraphs:
            if name in text and ("{{" in text or "{%" in text):
                return f"{where} («{_short(text)}»)", _read(message)
    return "", _read(message)


def _message(error: TemplateError) -> str:
    return str(getattr(error, "message", None) or error)


def _read(message: str) -> str:
    """jinja's words, then what they mean."""
    for pattern, reading in _READINGS:
        found = pattern.search(message)
        if found:
            return f"{message} — {reading.format(*found.groups())}"
    return message


def _undefined_name(message: str) -> str:
    """ "'dict object' has no attribute 'isuer'" → "isuer"; "'x' is undefined" → "x"."""
    found = re.search(r"has no attribute '([^']+)'", message) or re.search(
        r"'([^']+)' is undefined", message
    )
    return found.group(1) if found else ""


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 80 else text[:79] + "…"


def _paragraph_texts(tpl: DocxTpl) -> list[tuple[str, str]]:
    """(where, text) of every paragraph: "dòng N" in the body (document order, table cells
    included), then "đầu trang" / "chân trang"."""
    found: list[tuple[str, str]] = []
    body = tpl.get_docx().element.body
    for number, paragraph in enumerate(body.iter(qn("w:p")), start=1):
        found.append((f"dòng {number}", _text(paragraph)))
    for uri, label in ((tpl.HEADER_URI, "đầu trang"), (tpl.FOOTER_URI, "chân trang")):
        for _, part in tpl.get_headers_footers(uri):
            root = etree.fromstring(part.blob)
            found += [(label, _text(p)) for p in root.iter(qn("w:p"))]
    return found


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
