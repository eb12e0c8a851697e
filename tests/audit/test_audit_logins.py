"""Logins, logouts and failed logins appear on the audit page, with who, when and where."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.test import Client

from tests.factories import UserFactory

LOGIN = "/tai-khoan/dang-nhap/"
LOGOUT = "/tai-khoan/dang-xuat/"
AUDIT = "/quan-ly/nhat-ky/"
PASSWORD = "Mat-khau-dai-2026"


def from_address(ip: str) -> Client:
    return Client(REMOTE_ADDR=ip)


def login_entries() -> list[LogEntry]:
    return list(LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("id"))


def event(entry: LogEntry) -> str:
    return str(entry.additional_data["event"])


def audit_page(client: Client, **params: Any) -> tuple[str, list[LogEntry]]:
    response = client.get(AUDIT, params)
    assert response.status_code == 200, params
    return response.content.decode(), list(response.context["page"].object_list)


def admin_client(cast: Any) -> Client:
    client = from_address("10.0.0.1")
    assert (
        client.post(LOGIN, {"username": cast.admin.username, "password": PASSWORD}).status_code
        == 302
    )
    return client


def test_login_and_logout_are_recorded_with_user_and_address(db):
    officer = UserFactory(username="ward_officer")
    client = from_address("203.0.113.7")
    assert client.post(LOGIN, {"username": "ward_officer", "password": PASSWORD}).status_code == 302
    client.post(LOGOUT)
    entries = login_entries()
    assert [event(e) for e in entries] == ["login", "logout"]
    for entry in entries:
        assert entry.actor_id == officer.pk
        assert entry.remote_addr == "203.0.113.7"
        assert entry.object_pk == str(officer.pk)
        assert entry.timestamp is not None


def test_failed_login_is_recorded_without_an_actor(db):
    officer = UserFactory(username="ward_officer")
    from_address("198.51.100.4").post(LOGIN, {"username": "ward_officer", "password": "sai"})
    (entry,) = login_entries()
    assert event(entry) == "login_failed"
    assert entry.actor_id is None  # someone typed the name: not necessarily its owner
    assert entry.object_pk == str(officer.pk) and entry.object_repr == "ward_officer"
    assert entry.remote_addr == "198.51.100.4"


def test_failed_login_for_an_unknown_name_keeps_the_name_typed(db):
    from_address("198.51.100.4").post(LOGIN, {"username": "khong_ton_tai", "password": "sai"})
    (entry,) = login_entries()
    assert event(entry) == "login_failed"
    assert entry.object_pk == "" and entry.object_repr == "khong_ton_tai"


def test_a_locked_attempt_is_recorded_as_locked(db, settings):
    UserFactory(username="ward_officer")
    client = from_address("198.51.100.4")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "ward_officer", "password": "sai"})
    assert client.post(LOGIN, {"username": "ward_officer", "password": PASSWORD}).status_code == 429
    entries = login_entries()
    assert [event(e) for e in entries] == ["login_failed"] * (settings.AXES_FAILURE_LIMIT + 1)
    # The failure that reaches the limit locks; the attempt after it is refused as locked.
    locked = [bool(e.additional_data.get("locked")) for e in entries]
    assert locked == [False] * (settings.AXES_FAILURE_LIMIT - 1) + [True, True]


def test_audit_page_lists_logins_with_user_time_and_address(tree, cast):
    from_address("203.0.113.7").post(LOGIN, {"username": cast.board.username, "password": "sai"})
    from_address("203.0.113.8").post(LOGIN, {"username": cast.board.username, "password": PASSWORD})
    page, entries = audit_page(admin_client(cast))
    assert "Đăng nhập thất bại" in page and "Đăng nhập" in page
    assert "203.0.113.7" in page and "203.0.113.8" in page
    assert cast.board.username in page
    failed = next(e for e in entries if event(e) == "login_failed")
    assert failed.timestamp.astimezone().strftime("%d/%m/%Y") in page


def test_audit_page_filters_login_events(tree, cast):
    from_address("203.0.113.7").post(LOGIN, {"username": "ai_do", "password": "sai"})
    board = from_address("203.0.113.8")
    board.post(LOGIN, {"username": cast.board.username, "password": PASSWORD})
    board.post(LOGOUT)
    client = admin_client(cast)
    _, failed = audit_page(client, action="login_failed")
    assert [(event(e), e.object_repr) for e in failed] == [("login_failed", "ai_do")]
    _, outs = audit_page(client, action="logout")
    assert [(event(e), e.actor_id) for e in outs] == [("logout", cast.board.pk)]
    _, ins = audit_page(client, action="login")
    assert {e.actor_id for e in ins} == {cast.board.pk, cast.admin.pk}


def test_audit_page_filters_logins_by_user_and_address(tree, cast):
    from_address("203.0.113.7").post(LOGIN, {"username": "ai_do", "password": "sai"})
    from_address("203.0.113.8").post(LOGIN, {"username": cast.board.username, "password": PASSWORD})
    client = admin_client(cast)
    _, by_typed_name = audit_page(client, actor="ai_do")
    assert [e.object_repr for e in by_typed_name] == ["ai_do"]
    _, by_user = audit_page(client, actor=cast.board.username)
    assert [event(e) for e in by_user] == ["login"] and by_user[0].actor_id == cast.board.pk
    _, by_address = audit_page(client, address="203.0.113.7")
    assert [e.object_repr for e in by_address] == ["ai_do"]


def test_audit_page_refuses_a_malformed_address_filter(tree, cast):
    response = admin_client(cast).get(AUDIT, {"address": "không phải IP"})
    assert response.status_code == 200
    assert response.context["form"].errors["address"]
