"""The page flow every edit form shares: A opens the form, B saves, A saves."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
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


class _FormReader(HTMLParser):
    """The values a browser would post from the form that carries ``version``."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({})
        if not self.forms or ("name" not in a and tag in ("input", "select", "textarea")):
            return
        data = self.forms[-1]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            data.setdefault(a["name"], []).append(a.get("value", default))
        elif tag == "select":
            self._select = a["name"]
            data.setdefault(a["name"], [])
        elif tag == "option" and self._select and "selected" in a:
            data[self._select].append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            data[a["name"]] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, text: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1][self._textarea][0] += text


def form_data(client: Client, url: str) -> dict[str, Any]:
    """The edit form of ``url`` as a browser would send it unchanged."""
    reader = _FormReader()
    reader.feed(client.get(url).content.decode())
    for data in reader.forms:
        if "version" in data:
            data.pop("csrfmiddlewaretoken", None)
            return {k: (v if len(v) != 1 else v[0]) for k, v in data.items()}
    raise AssertionError("the edit form carries no version")


def page_flow(
    a: Client, b: Client, url: str, *, a_changes: dict[str, Any], b_changes: dict[str, Any]
) -> str:
    """``stale_save`` with each person's form taken from the page itself."""
    opened_a = form_data(a, url)
    opened_b = form_data(b, url)
    answer_b = b.post(url, {**opened_b, **b_changes})
    assert answer_b.status_code == 302, re.findall(
        r"(?:errorlist|form-errors)[^<]*<[^>]*>([^<]*)", answer_b.content.decode()
    )
    answer_a = a.post(url, {**opened_a, **a_changes})
    assert answer_a.status_code == 200
    return html.unescape(answer_a.content.decode())
