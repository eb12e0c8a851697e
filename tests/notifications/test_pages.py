"""The pages a user sees: Việc cần làm on /quan-ly/, the bell and the notification list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.notifications import context_processors
from danvan.notifications.models import Kind, Notification
from danvan.notifications.reminders import reminders_send
from danvan.reporting.services import report_return, report_submit
from danvan.tasks.services import task_progress_add
from tests.notifications.conftest import DAY, notices

HOME = "/quan-ly/"


def html(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _inbox(page: str) -> str:
    return page.split('id="viec-can-lam"', 1)[1].split("</section>", 1)[0]


def test_the_reporter_home_lists_the_report_due_then_clears_it(
    cast: Any, tree: Any, monthly: Any, day: Any, as_user: Any
) -> None:
    box = _inbox(html(as_user(cast.reporter).get(HOME)))
    entry = reverse("reporting:entry", args=[tree.dinh_cong.pk, "2024-03", "BC_THANG"])
    assert "Báo cáo phải gửi" in box and entry in box and "Còn 3 ngày" in box
    assert "Quá hạn 28 ngày" in box  # February, never sent

    report_submit(actor=cast.leader, form=monthly, org_unit=tree.dinh_cong, period="2024-03")
    box = _inbox(html(as_user(cast.reporter).get(HOME)))
    assert entry not in box

    # The board sees it waiting for approval; returned, it comes back with the reason.
    board = _inbox(html(as_user(cast.board).get(HOME)))
    assert "Báo cáo chờ tôi duyệt" in board and entry in board
    report_return(
        actor=cast.board,
        form=monthly,
        org_unit=tree.dinh_cong,
        period="2024-03",
        reason="Bổ sung số liệu đơn thư.",
    )
    assert entry not in _inbox(html(as_user(cast.board).get(HOME)))
    box = _inbox(html(as_user(cast.reporter).get(HOME)))
    assert "Báo cáo bị trả lại" in box and "Lý do: Bổ sung số liệu đơn thư." in box


def test_tasks_due_within_seven_days_are_listed_until_done(
    cast: Any, tree: Any, day: Any, task: Any, as_user: Any
) -> None:
    url = reverse("tasks:detail", args=[task.pk])
    box = _inbox(html(as_user(cast.reporter).get(HOME)))
    assert "Nhiệm vụ đến hạn trong 7 ngày" in box and url in box and "Sắp đến hạn" in box
    day(dt.date(2024, 4, 5))
    assert "Quá hạn" in _inbox(html(as_user(cast.reporter).get(HOME)))
    task_progress_add(actor=cast.reporter, task=task, progress=100, note="Xong.")
    assert url not in _inbox(html(as_user(cast.reporter).get(HOME)))


def test_a_stranger_has_nothing_to_do(cast: Any, monthly: Any, day: Any, as_user: Any) -> None:
    box = _inbox(html(as_user(cast.stranger).get(HOME)))
    assert "Không có việc nào đang chờ bạn" in box


def test_the_menu_counts_and_the_bell(
    cast: Any, tree: Any, monthly: Any, day: Any, task: Any, as_user: Any
) -> None:
    reminders_send(day=DAY)
    unread = Notification.objects.filter(recipient=cast.reporter).count()
    assert unread == 3  # March due, February overdue, the task due
    page = html(as_user(cast.reporter).get(reverse("notifications:list")))
    assert f'<span class="count">{unread}</span></a>' in page
    assert f"Thông báo: {unread} chưa đọc" in page
    # Việc cần làm: March, February, the task.
    assert 'title="việc đang chờ">3</span>' in page


def test_the_menu_counts_cost_a_few_queries(
    cast: Any, tree: Any, monthly: Any, day: Any, task: Any
) -> None:
    """What base.html reads on every page: the two counts, a bounded number of queries
    however many units, forms and tasks there are."""
    reminders_send(day=DAY)
    user = type(cast.reporter).objects.get(pk=cast.reporter.pk)
    with CaptureQueriesContext(connection) as queries:
        counts = context_processors.Counts(user)
        assert (counts.todo, counts.unread) == (3, 3)
    assert len(queries) <= 8, "\n".join(q["sql"][:160] for q in queries)


def test_list_filter_and_mark_read(
    cast: Any, tree: Any, monthly: Any, day: Any, as_user: Any
) -> None:
    reminders_send(day=DAY)
    mine = notices(cast.reporter)
    client = as_user(cast.reporter)
    page = html(client.get(reverse("notifications:list")))
    assert mine[0].text in page and "Đánh dấu tất cả là đã đọc" in page

    response = client.post(reverse("notifications:open", args=[mine[0].pk]))
    assert response.status_code == 302 and response["Location"] == mine[0].url
    mine[0].refresh_from_db()
    assert mine[0].read_at is not None
    unread_page = html(client.get(reverse("notifications:list") + "?chua_doc=1"))
    assert mine[0].text not in unread_page and mine[1].text in unread_page

    response = client.post(reverse("notifications:read_all"), {"next": "/quan-ly/thong-bao/"})
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=cast.reporter, read_at__isnull=True).count() == 0
    assert "Không có thông báo chưa đọc." in html(
        client.get(reverse("notifications:list") + "?chua_doc=1")
    )


def test_others_notifications_get_only_writes_with_csrf(
    cast: Any, tree: Any, monthly: Any, day: Any, as_user: Any
) -> None:
    reminders_send(day=DAY)
    theirs = notices(cast.reporter)[0]
    assert (
        as_user(cast.leader).post(reverse("notifications:read", args=[theirs.pk])).status_code
        == 404
    )
    assert (
        as_user(cast.reporter).get(reverse("notifications:read", args=[theirs.pk])).status_code
        == 405
    )
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.reporter, backend="danvan.accounts.backends.DemoAwareBackend")
    assert strict.post(reverse("notifications:read_all")).status_code == 403
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_list_is_paginated(cast: Any, tree: Any, day: Any, as_user: Any) -> None:
    Notification.objects.bulk_create(
        Notification(recipient=cast.reporter, kind=Kind.TASK_ASSIGNED, text=f"Việc số {i}")
        for i in range(25)
    )
    client = as_user(cast.reporter)
    first = html(client.get(reverse("notifications:list")))
    assert "Trang 1/2" in first and "Việc số 24" in first and "Việc số 0<" not in first
    assert "Việc số 0<" in html(client.get(reverse("notifications:list") + "?trang=2"))
    assert html(client.get(reverse("notifications:list") + "?trang=abc"))
