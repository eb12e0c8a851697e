"""The Content-Security-Policy: one for the management app and the portal, one for the CMS.

Our own pages run no inline script and carry no inline style: every script and style sheet
is a file under ``/static/`` (htmx's own indicator style is shipped in ``css/htmx.css``,
turned off in htmx through the ``htmx-config`` meta tag). The CMS (``/cms/``) is Wagtail's
admin, which writes inline ``<script>`` blocks (date widgets, inline panels, choosers) and
``style=`` attributes of its own; its policy (``CSP_CMS_DIRECTIVES``) allows inline script
and style there and keeps every other directive of the main policy.

The middleware sits above the portal cache, so a cached page gets the header as well.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class PolicyMiddleware(CSPMiddleware):
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
