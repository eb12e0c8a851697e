"""An OfficialDocument into a DOCX, through the issuer's docxtpl template.

:func:`render_docx` picks the template (the issuer's newest active upload for the kind and
style, else the shared one, else the built-in default of ``layout_template``), builds the
body (``layout_body``) and renders. The built-in templates are built
once per process and kept as bytes.

The template sees: ``heading`` (superior, issuer, number_line, place_date, style),
``type_name``, ``subject``, ``body`` (paragraphs and tables, placed with ``{{p body }}``),
``recipients`` (list of lines, punctuated for the style by ``layout_closing``),
``signature`` (authority, title, name), ``secretary`` (the same, a biên bản's second
signature), and for templates that lay out the body themselves ``blocks`` and ``tables``
(as dicts), ``kind``, ``kind_label``, ``style``, ``is_party``. Undefined names are errors
(StrictUndefined), so a misspelt tag is caught when the template is uploaded, not when a
report is due.
"""

from __future__ import annotations

import io
import logging
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from docxtpl import DocxTemplate as DocxTpl
from jinja2 import Environment, StrictUndefined, TemplateError
from lxml import etree

from danvan.drafting.context import KINDS, PARTY, STATE, OfficialDocument, document_to_dict
from danvan.drafting.layout_body import build_body, clean, printed
from danvan.drafting.layout_closing import SECRETARY_TITLE, recipient_lines
from danvan.drafting.layout_errors import diagnose
from danvan.drafting.layout_template import build_template, sizes_for

if TYPE_CHECKING:
    from danvan.org.models import OrgUnit

logger = logging.getLogger(__name__)


class TemplateRenderError(Exception):
    """A template could not render: ``where`` names the paragraph ("dòng 3 («…»)"),
    ``message`` says what is wrong (jinja's words and their Vietnamese reading)."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@lru_cache(maxsize=16)
def default_template(kind: str, style: str) -> bytes:
    """The built-in template of ``kind`` (one of KINDS) in ``style`` (PARTY or STATE)."""
    if kind not in KINDS:
        raise ValueError(f"Loại văn bản không có: {kind}")
    if style not in (PARTY, STATE):
        raise ValueError(f"Thể thức không có: {style}")
    return build_template(kind, style)


def template_bytes(kind: str, style: str, issuer: OrgUnit | None = None) -> bytes:
    """The bytes of the template :func:`render_docx` would use. An upload whose file has
    gone from the storage is passed over (and logged) rather than failing every render."""
    from danvan.drafting.templates_store import template_candidates

    for row in template_candidates(kind=kind, style=style, issuer=issuer):
        try:
            with row.file.open("rb") as handle:
                return bytes(handle.read())
        except OSError:
            logger.warning("Mẫu văn bản #%s: không đọc được tệp %s", row.pk, row.file.name)
    return default_template(kind, style)


def render_docx(document: OfficialDocument, *, issuer: OrgUnit | None = None) -> bytes:
    """``document`` as DOCX bytes, laid out by the template for its kind, style and issuer."""
    data = template_bytes(document.kind, document.heading.style, issuer)
    return render_with(data, document)


def environment() -> Environment:
    """Autoescaped (the text goes into XML), and an undefined name is an error."""
    return Environment(autoescape=True, undefined=StrictUndefined)


def render_with(template: bytes, document: OfficialDocument) -> bytes:
    """Render ``document`` with the template ``template`` (DOCX bytes); a template that
    fails raises :class:`TemplateRenderError` saying what and where."""
    tpl = DocxTpl(io.BytesIO(template))
    try:
        context = _context(tpl, document)
        tpl.render(context, jinja_env=environment())
        _describe(tpl, document)
        out = io.BytesIO()
        tpl.save(out)
    except TemplateError as error:
        where, message = diagnose(tpl, error)
        raise TemplateRenderError(message, where) from error
    except Exception as error:  # a template is user input: whatever breaks, say so
        raise TemplateRenderError(str(error) or type(error).__name__) from error
    return out.getvalue()


def _describe(tpl: DocxTpl, document: OfficialDocument) -> None:
    """File properties of the document made, not of the template."""
    props = tpl.docx.core_properties  # (get_docx() would reload the template)
    props.title = clean(f"{document.type_name.capitalize()} {document.subject}".strip())[:250]
    props.subject = ""
    props.comments = ""
    props.author = "danvan"


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return printed(value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    return value


def _context(tpl: DocxTpl, document: OfficialDocument) -> dict[str, Any]:
    context: dict[str, Any] = _cleaned(document_to_dict(document))
    context["recipients"] = recipient_lines(context["recipients"], document.heading.style)
    # Only a biên bản has a second signature (meeting_docs gives it); any other document
    # and a biên bản without one get the secretary's title over a blank name.
    context.setdefault("secretary", {"authority": "", "title": SECRETARY_TITLE, "name": ""})
    context["body"] = Body(document)
    context["kind_label"] = KINDS.get(document.kind, document.kind)
    context["style"] = document.heading.style
    context["is_party"] = document.heading.style == PARTY
    return context


class Body:
    """The body as WordprocessingML paragraphs and tables, for ``{{p body }}``.

    Built with python-docx in a blank document and handed to jinja as markup (``__html__``)
    so autoescaping leaves it whole; like docxtpl's Subdoc, without docxcompose (the body
    refers to no images or other parts)."""

    def __init__(self, document: OfficialDocument) -> None:
        from docx import Document

        blank = Document()
        build_body(blank, document, size=sizes_for(document.heading.style).body)
        body = blank.element.body
        self.xml = "".join(
            etree.tostring(child, encoding="unicode")
            for child in body
            if child.tag != qn("w:sectPr")
        )

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml
