"""Printing a task or a meeting gives the record alone: no menu, buttons or edit forms,
the title and the facts kept (print.css, loaded with media="print")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.access.system import SYSTEM
from danvan.meetings.models import MeetingKind
from danvan.meetings.services import meeting_create
from danvan.tasks.services import task_create

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_task_and_a_meeting_print_without_the_application_around_them(
    live_server, browser, tree, cast
):
    task = task_create(
        actor=SYSTEM, title="Rà soát hộ nghèo", lead_unit=tree.dinh_cong,
        owner_unit=tree.hoang_mai, deadline=dt.date(2030, 1, 31),
    )  # fmt: skip
    meeting = meeting_create(
        actor=SYSTEM, title="Giao ban tháng 10/2026",
        kind=MeetingKind.objects.get_or_create(code="giao-ban", name="Giao ban")[0],
        org_unit=tree.hoang_mai,
        starts_at=timezone.make_aware(dt.datetime(2026, 10, 5, 8)),
    )  # fmt: skip
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", "board")
    page.fill("#id_password", "Mat-khau-dai-2026")
    page.click("button[type=submit]")

    for path, title in ((f"/quan-ly/nhiem-vu/{task.pk}/", task.title),
                        (f"/quan-ly/hoi-nghi/{meeting.pk}/", meeting.title)):  # fmt: skip
        page.goto(live_server.url + path)
        assert page.locator(".topbar").is_visible()
        page.emulate_media(media="print")
        assert page.get_by_role("heading", level=1).filter(has_text=title).is_visible()
        for hidden in (".topbar", ".foot", ".actions", "form[method=post]"):
            shown = [e for e in page.locator(hidden).all() if e.is_visible()]
            assert not shown, f"{hidden} is printed on {path}"
        assert page.locator("button:visible").count() == 0
        page.emulate_media(media="screen")
    progress = page.goto(f"{live_server.url}/quan-ly/nhiem-vu/{task.pk}/")
    assert progress is not None and progress.ok
    assert page.locator("form#progress").is_visible()  # the screen keeps the form
