"""Quên mật khẩu?: a link by e-mail, the same answer for every address, throttled."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tests.factories import UserFactory

RESET = "/tai-khoan/quen-mat-khau/"
DONE = "/tai-khoan/quen-mat-khau/da-gui/"


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(db: Any) -> Any:
    return UserFactory(username="can_bo_phuong", email="canbo@hoangmai.gov.vn")


def test_the_login_page_offers_it(client: Client, db: Any) -> None:
    page = client.get("/tai-khoan/dang-nhap/").content.decode()

    assert f'href="{RESET}"' in page and "Quên mật khẩu?" in page


def test_a_known_address_gets_a_link_that_sets_a_new_password(client: Client, officer: Any) -> None:
    response = client.post(RESET, {"email": "CanBo@hoangmai.gov.vn"})

    assert response.status_code == 302 and response["Location"] == DONE
    [message] = mail.outbox
    assert message.to == ["canbo@hoangmai.gov.vn"]
    assert "Đặt lại mật khẩu" in message.subject
    assert "can_bo_phuong" in message.body
    link = re.search(r"http://testserver(/tai-khoan/dat-lai-mat-khau/\S+/)", message.body)
    assert link is not None

    form = client.get(link.group(1), follow=True)
    assert "Đặt mật khẩu mới" in form.content.decode()
    new = "Mat-khau-moi-rat-dai-2026"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(new)
    # The link works once.
    again = client.get(link.group(1), follow=True).content.decode()
    assert "không hợp lệ hoặc đã được dùng" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client: Client, officer: Any) -> None:
    known = client.post(RESET, {"email": "canbo@hoangmai.gov.vn"}, follow=True)
    unknown = client.post(RESET, {"email": "khong-co@hoangmai.gov.vn"}, follow=True)

    assert len(mail.outbox) == 1
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.status_code == known.status_code == 200
    assert "Kiểm tra hộp thư" in unknown.content.decode()


def test_a_demo_account_gets_no_mail(client: Client, db: Any) -> None:
    UserFactory(username="demo_board", email="demo@example.vn", is_demo=True)

    response = client.post(RESET, {"email": "demo@example.vn"})

    assert response["Location"] == DONE
    assert mail.outbox == []


def test_requests_are_throttled_per_address(client: Client, officer: Any, settings: Any) -> None:
    settings.PASSWORD_RESET_PER_HOUR = 2
    for n in range(4):
        ip = f"203.0.113.{n}"  # another computer each time
        response = client.post(RESET, {"email": "canbo@hoangmai.gov.vn"}, REMOTE_ADDR=ip)
        assert response["Location"] == DONE

    assert len(mail.outbox) == 2


def test_requests_are_throttled_per_ip(client: Client, db: Any, settings: Any) -> None:
    settings.PASSWORD_RESET_PER_HOUR = 2
    for n in range(4):
        UserFactory(username=f"nguoi_{n}", email=f"nguoi{n}@hoangmai.gov.vn")
        response = client.post(RESET, {"email": f"nguoi{n}@hoangmai.gov.vn"})
        assert response["Location"] == DONE

    assert len(mail.outbox) == 2
