from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings

from danvan.accounts.models import ApiToken
from tests.factories import UserFactory

LOGIN = "/tai-khoan/dang-nhap/"
PASSWORD = "Mat-khau-dai-2026"


def test_login_page_is_vietnamese(client, db):
    page = client.get(LOGIN).content.decode()
    assert "Đăng nhập" in page and "Tên đăng nhập" in page and "Mật khẩu" in page


def test_login_works_and_lands_on_home(client, db):
    UserFactory(username="ward_officer")
    response = client.post(LOGIN, {"username": "ward_officer", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/quan-ly/"


def test_wrong_password_message_is_vietnamese(client, db):
    UserFactory(username="ward_officer")
    page = client.post(LOGIN, {"username": "ward_officer", "password": "sai"}).content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page


def test_repeated_failures_lock_the_account(client, db, settings):
    UserFactory(username="ward_officer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "ward_officer", "password": "sai"})
    locked = client.post(LOGIN, {"username": "ward_officer", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()


@pytest.mark.parametrize("debug", [True, False])
def test_demo_password_works_only_in_debug(client, db, debug):
    UserFactory(username="demo_board", is_demo=True)
    with override_settings(DEBUG=debug):
        response = client.post(LOGIN, {"username": "demo_board", "password": PASSWORD})
    assert (response.status_code == 302) is debug


@pytest.mark.parametrize("weak", ["12345678901", "password123", "ngan"])
def test_password_policy_refuses_weak_passwords(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_create_api_token_prints_the_token_last_and_stores_only_a_hash(db):
    user = UserFactory(username="demo_reporter")
    out = StringIO()
    call_command("create_api_token", "demo_reporter", stdout=out, stderr=StringIO())
    raw = out.getvalue().strip().splitlines()[-1]
    assert raw.startswith("dv_")
    token = ApiToken.objects.get(user=user)
    assert token.key_hash != raw and raw not in token.key_hash


def test_create_api_token_for_unknown_user_fails(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("create_api_token", "khong_ton_tai", stdout=StringIO())


def _settings_import(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DANVAN_TESTING", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import danvan.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_default_secret_key():
    refused = _settings_import({})
    assert refused.returncode != 0
    assert "SECRET_KEY chưa được đặt" in refused.stderr
    assert _settings_import({"SECRET_KEY": "x" * 50}).returncode == 0
    assert _settings_import({"DEBUG": "1"}).returncode == 0


def test_debug_flag_refuses_nonsense():
    result = _settings_import({"DEBUG": "maybe"})
    assert result.returncode != 0 and "DEBUG" in result.stderr
