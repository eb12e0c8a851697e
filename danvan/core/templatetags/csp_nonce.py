"""``{% csp_nonce %}``: the nonce attribute of the request being answered, for the few
inline scripts Wagtail's admin writes (see danvan/core/csp.py)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from danvan.core.csp import nonce_attribute

register = template.Library()


@register.simple_tag
def csp_nonce() -> SafeString:
    return nonce_attribute()
