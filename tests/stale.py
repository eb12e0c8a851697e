"""The page flow every edit form shares: A opens the form, B saves, A saves."""

from __future__ import annotations

import html
import re
from typing import Any

from django.test import Client

REFUSAL = "sau khi bạn mở trang"


def opened_version(client: Client, url: str) -> str:
    """The hidden version an edit page was opened at."""
    page = client.get(url).content.decode()
    found = re.search(r'name="version" value="(\d+)"', page) or re.search(
        r'value="(\d+)"[^>]*name="version"', page
    )
    assert found, "the edit form carries no version"
    return found.group(1)


def stale_save(
    a: Client, b: Client, url: str, *, a_form: dict[str, Any], b_form: dict[str, Any]
) -> str:
    """A opens ``url``; B opens it and saves ``b_form``; A then saves ``a_form`` from the
    version A opened. Returns A's answer (the page), after checking B's save went in."""
    version_a = opened_version(a, url)
    version_b = opened_version(b, url)
    answer_b = b.post(url, {**b_form, "version": version_b})
    assert answer_b.status_code == 302, answer_b.content.decode()[:2000]
    answer_a = a.post(url, {**a_form, "version": version_a})
    assert answer_a.status_code == 200
    return html.unescape(answer_a.content.decode())
