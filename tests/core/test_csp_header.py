"""Every page carries the Content-Security-Policy: no inline script outside the CMS."""

from __future__ import annotations

from typing import Any

from django.test import Client


def directives(response: Any) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_management_and_login_pages_allow_no_inline_script(client: Client, db: Any) -> None:
    policy = directives(client.get("/tai-khoan/dang-nhap/"))

    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_a_cached_portal_page_carries_the_policy_too(
    client: Client, settings: Any, db: Any
) -> None:
    from danvan.portal.setup import ensure_tree

    settings.PORTAL_CACHE_SECONDS = 60
    ensure_tree()
    client.get("/")
    cached = client.get("/")

    assert cached["X-Portal-Cache"] == "HIT"
    assert directives(cached)["script-src"] == "'self'"


def test_the_cms_has_its_own_policy(client: Client, cast: Any) -> None:
    client.force_login(cast.editor)

    policy = directives(client.get("/cms/"))

    assert "'unsafe-inline'" in policy["style-src"]  # Wagtail's style= attributes
    # Script: files and Wagtail's nonce-signed init blocks only (danvan/core/csp.py).
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'nonce-" in directives(client.get("/cms/pages/"))["script-src"]
    assert policy["object-src"] == "'none'"
    assert "gravatar" not in client.get("/cms/").content.decode()
