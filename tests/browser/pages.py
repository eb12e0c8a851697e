"""Shared by the browser tests: log in through the real form, and save a screenshot when
DANVAN_SCREENSHOTS=<dir> is set (for looking at, not for comparing)."""

from __future__ import annotations

import os

from playwright.sync_api import Page, expect

from danvan.lib.text import fold


def login(page: Page, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def shot(page: Page, name: str) -> None:
    directory = os.environ.get("DANVAN_SCREENSHOTS", "")
    if directory:
        os.makedirs(directory, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=f"{directory}/{name}-{width}.png", full_page=True)


def unit_choose(page: Page, field: str, name: str) -> None:
    """Choose a unit in a unit picker: a plain select for a short list, else the
    autocomplete box beside the hidden select (typed without marks, as people do)."""
    select = page.locator(f"#{field}")
    if select.is_visible():
        select.select_option(label=name)
        return
    box = page.locator(f"#{field}-tim")
    box.fill(fold(name.split(" — ")[0]))
    page.locator(f"#{field}-goi-y [role=option]", has_text=name).first.click()
    expect(select.locator("option:checked")).to_contain_text(name)


def user_create(
    admin: Page, url: str, *, full_name: str, username: str, unit: str, role: str, password: str
) -> None:
    """The administrator's "Thêm người dùng" form at /quan-ly/nguoi-dung/them/; ``unit`` is
    the unit as the picker shows it."""
    admin.goto(f"{url}/quan-ly/nguoi-dung/them/")
    admin.fill("#id_full_name", full_name)
    admin.fill("#id_username", username)
    unit_choose(admin, "id_org_unit", unit)
    admin.select_option("#id_role", value=role)
    admin.fill("#id_email", f"{username}@example.vn")
    admin.fill("#id_password", password)
    shot(admin, "user-create")
    admin.click("button[type=submit]")
    expect(admin.locator(".msg-success")).to_contain_text(f"Đã tạo tài khoản «{username}»")


def first_login(page: Page, url: str, username: str, temporary: str, chosen: str) -> None:
    """Log in with a temporary password: every page asks for a new one until it is set."""
    login(page, url, username, temporary)
    expect(page.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")
    page.goto(f"{url}/quan-ly/don-vi/")  # refused until the change is made
    expect(page.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")
    shot(page, "password-change")
    page.fill("#id_old_password", temporary)
    page.fill("#id_new_password1", chosen)
    page.fill("#id_new_password2", chosen)
    page.click("button[type=submit]")
    expect(page.locator(".msg-success")).to_contain_text("Đã đổi mật khẩu")
