"""Picking a person in the meeting's attendance form, in a real browser at desktop and
phone width: typed without marks, chosen from the list with its position, saved."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from playwright.sync_api import expect

from danvan.access.roles import Role
from danvan.access.system import SYSTEM
from danvan.documents.models import DocumentType
from danvan.meetings.models import Attendance, MeetingKind
from danvan.meetings.services import meeting_create
from tests.factories import UserFactory, grant, make_person

pytestmark = pytest.mark.browser
SHOTS = "/tmp/shots-pickers"
_TYPES = importlib.import_module("danvan.documents.migrations.0003_document_types").TYPES


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.django_db(transaction=True)
def test_board_officer_picks_the_chair_by_typing(live_server, browser, tree, width):
    for order, (name, party, state) in enumerate(_TYPES, start=1):  # flushed by a
        # transactional test before this one; the meeting page lists its documents' types
        DocumentType.objects.get_or_create(
            name=name, defaults={"party_symbol": party, "state_symbol": state, "sort_order": order}
        )
    officer = UserFactory(username="can_bo_ban")
    grant(officer, Role.BOARD_STAFF, tree.hoang_mai)
    hung = make_person(tree.bdv_hoang_mai, "Khương Quốc Hưng", "Trưởng Ban Dân vận Quận ủy")
    for n in range(70):  # more than a page holds: the list is asked for, not rendered
        make_person(tree.dinh_cong, f"Cán bộ phường số {n}")
    meeting = meeting_create(
        actor=SYSTEM,
        title="Giao ban công tác dân vận tháng 2",
        kind=MeetingKind.objects.get_or_create(
            code="giao-ban-thang", defaults={"name": "Giao ban tháng"}
        )[0],
        org_unit=tree.bdv_hoang_mai,
        starts_at=dt.datetime(2023, 2, 23, 1, tzinfo=dt.UTC),
    )

    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", "can_bo_ban")
    page.fill("#id_password", "Mat-khau-dai-2026")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/quan-ly/hoi-nghi/{meeting.pk}/")
    page.get_by_text("+ Thêm thành phần dự").click()
    form = page.locator("form", has=page.locator("select[name=person]"))
    box = form.get_by_role("combobox").first
    box.fill("khuong quoc")  # without marks
    option = form.get_by_role("option", name="Khương Quốc Hưng")
    expect(option).to_contain_text("Trưởng Ban Dân vận Quận ủy — Ban Dân vận Quận ủy Hoàng Mai")
    expect(form.locator(".ac-list [role=option]")).to_have_count(1)
    form.locator(".ac-list").scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}/person-picker-{width}.png", full_page=False)
    option.click()
    expect(box).to_have_value("Khương Quốc Hưng")
    form.locator("select[name=role]").select_option(label="Chủ trì")
    form.get_by_role("button", name="Thêm").click()
    expect(page.locator("body")).to_contain_text("Khương Quốc Hưng")
    chair = Attendance.objects.get(meeting=meeting)
    assert chair.person_id == hung.pk and chair.role == Attendance.Role.CHAIR
    assert page.evaluate("document.documentElement.scrollWidth") <= width
