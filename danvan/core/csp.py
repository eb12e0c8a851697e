"""The Content-Security-Policy: one for the management app and the portal, one for the CMS.

Our own pages run no inline script and carry no inline style: every script and style sheet
is a file under ``/static/`` (htmx's own indicator style is shipped in ``css/htmx.css``,
turned off in htmx through the ``htmx-config`` meta tag).

The CMS (``/cms/``) is Wagtail's admin. Wagtail 8 writes a few inline ``<script>`` blocks
of its own: the date/time widgets (``initDateChooser(...)``), inline panels (``new
InlinePanel(...)``), the multiple-chooser panel, and every chooser widget (page, image,
document, snippet: ``BaseChooser.render`` appends ``<script>new ...Chooser(...)</script>``);
everything else it runs is a file or a ``type="application/json"`` data block, which a
policy does not execute. Those few blocks carry the request's nonce (the templates are
overridden under ``danvan/core/templates/wagtailadmin/``, the chooser's render is wrapped
in ``CoreConfig.ready``), so the CMS policy (``CSP_CMS_DIRECTIVES``) allows script from
this site and the nonce only, no ``'unsafe-inline'``. Wagtail still writes ``style=``
attributes (progress bars, the page editor's layout, chooser previews), so inline *style*
stays allowed there.

The nonce comes from django-csp (``request.csp_nonce``, lazily made: the header names it
only when a page used it). Widgets render without the request in their context, so the
request being answered is kept in a context variable for ``{% csp_nonce %}``.

The middleware sits above the portal cache, so a cached page gets the header as well.
"""

from __future__ import annotations

import contextvars
from typing import Any

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "csp_request", default=None
)


class PolicyMiddleware(CSPMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        _request.set(request)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        try:
            return super().process_response(request, response)
        finally:
            _request.set(None)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CSP_CMS_PREFIX)
        ):
            parts.config = settings.CSP_CMS_DIRECTIVES
        return parts


def current_nonce() -> str:
    """The nonce of the request being answered ("" outside a request)."""
    request = _request.get()
    # Not ``if nonce``: django-csp's lazy nonce is falsy until it has been made.
    nonce = getattr(request, "csp_nonce", None) if request is not None else None
    return "" if nonce is None else str(nonce)


def nonce_attribute() -> SafeString:
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else mark_safe("")


def sign_chooser_scripts() -> None:
    """Wagtail's chooser widgets end their HTML with ``<script>{init}</script>``; give that
    one block (the last, which Wagtail wrote: the widget's own HTML is escaped) the nonce."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "_signed", False):
        return
    original = BaseChooser.render

    def render(self: Any, *args: Any, **kwargs: Any) -> SafeString:
        out = str(original(self, *args, **kwargs))
        head, tag, tail = out.rpartition("<script>")
        if not tag:
            return mark_safe(out)
        return mark_safe(f"{head}<script{nonce_attribute()}>{tail}")

    render._signed = True  # type: ignore[attr-defined]
    BaseChooser.render = render  # type: ignore[method-assign]
