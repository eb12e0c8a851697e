"""Production settings: HTTPS only by default, and ``check --deploy`` has nothing to say.

The settings are read from the environment when the process starts, so these tests start a
process of their own with the variables the README's deployment section sets.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
# README, "Deploying on PostgreSQL" (the database does not matter to these checks).
README_PRODUCTION = {
    "SECRET_KEY": "k3y-0f-pr0duct10n-" + "x7Qp9vLm2rT8wZ4n" * 4,
    "ALLOWED_HOSTS": "danvan.example.vn",
    "CSRF_TRUSTED_ORIGINS": "https://danvan.example.vn",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


# Variables the test run itself sets (the browser tests set the async one) that a
# production process never has.
TEST_ONLY_ENV = {"DEBUG", "DANVAN_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV}
    env = {k: v for k, v in env.items() if not k.startswith("SECURE_")}
    env.pop("DATABASE_URL", None)
    env.update(README_PRODUCTION, DANVAN_VAR_DIR=str(tmp_path), **extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def setting_values(tmp_path: Path, names: str, **extra: str) -> list[str]:
    code = (
        "from django.conf import settings as s\n"
        f"for n in {names.split()!r}: print(repr(getattr(s, n)))"
    )
    done = run_manage(tmp_path, "shell", "--no-imports", "-c", code, **extra)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_check_deploy_is_clean_under_the_readme_production_settings(tmp_path: Path) -> None:
    done = run_manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNING" not in done.stderr + done.stdout


def test_production_defaults_are_https_only(tmp_path: Path) -> None:
    values = setting_values(
        tmp_path,
        "SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS SECURE_HSTS_INCLUDE_SUBDOMAINS "
        "SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE SECURE_PROXY_SSL_HEADER",
    )

    assert values == [
        "True",
        "31536000",
        "True",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO', 'https')",
    ]


def test_the_environment_turns_each_one_down(tmp_path: Path) -> None:
    values = setting_values(
        tmp_path,
        "SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS SESSION_COOKIE_SECURE SECURE_PROXY_SSL_HEADER",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="3600",
        SECURE_COOKIES="0",
        SECURE_PROXY_SSL_HEADER="",
    )

    assert values == ["False", "3600", "False", "None"]


def test_a_typo_in_a_boolean_stops_the_process(tmp_path: Path) -> None:
    done = run_manage(tmp_path, "check", SECURE_SSL_REDIRECT="có")

    assert done.returncode != 0
    assert "SECURE_SSL_REDIRECT" in done.stderr


# --- what a browser sees (settings as production would set them) ------------------------


@pytest.fixture
def https_only(settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_plain_http_is_redirected_but_the_health_check_answers(
    https_only: None, client: Client, db: Any
) -> None:
    login = client.get("/tai-khoan/dang-nhap/")
    health = client.get("/healthz")

    assert login.status_code == 301
    assert login["Location"] == "https://testserver/tai-khoan/dang-nhap/"
    assert health.status_code == 200


def test_https_through_the_proxy_gets_hsts(https_only: None, client: Client, db: Any) -> None:
    response = client.get("/tai-khoan/dang-nhap/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_a_client_cannot_claim_https_without_the_proxy_setting(
    https_only: None, settings: Any, client: Client, db: Any
) -> None:
    settings.SECURE_PROXY_SSL_HEADER = None

    response = client.get("/tai-khoan/dang-nhap/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 301
