"""send_reminders: one notice per responsible user per day before the due date, none
once the report is sent, one overdue notice after it; closed units get nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

from django.core.management import call_command

from danvan.notifications.models import Kind, Notification
from danvan.notifications.reminders import reminders_send
from danvan.reporting.services import report_submit
from tests.notifications.conftest import DAY, notices


def _march(rows: list[Notification]) -> list[Notification]:
    return [n for n in rows if "/2024-03/" in n.url]


def test_a_report_due_in_three_days_reminds_each_responsible_user_once_a_day(
    cast: Any, tree: Any, monthly: Any, day: Any
) -> None:
    first = reminders_send(day=DAY)
    assert first.reports > 0
    for user in (cast.reporter, cast.leader):
        due = _march(notices(user, Kind.REPORT_DUE))
        assert len(due) == 1
        assert "còn 3 ngày đến hạn (03/04/2024)" in due[0].text
        assert due[0].org_unit == tree.dinh_cong
    # Nobody above the ward is reminded of the ward's report.
    for user in (cast.board, cast.viewer, cast.admin, cast.moderator):
        assert notices(user) == []

    again = reminders_send(day=DAY)
    assert again.total == 0
    assert len(_march(notices(cast.reporter, Kind.REPORT_DUE))) == 1

    reminders_send(day=day(DAY + dt.timedelta(days=1)))
    texts = [n.text for n in _march(notices(cast.reporter, Kind.REPORT_DUE))]
    assert len(texts) == 2 and "còn 2 ngày" in texts[1]


def test_no_reminder_before_the_lead_time(cast: Any, monthly: Any, day: Any, settings: Any) -> None:
    settings.NOTIFY_LEAD_DAYS = {"report_due": 2, "task_due": 2}
    reminders_send(day=DAY)
    assert _march(notices(cast.reporter, Kind.REPORT_DUE)) == []


def test_none_after_submission_and_overdue_after_the_due_date(
    cast: Any, tree: Any, monthly: Any, day: Any
) -> None:
    report_submit(actor=cast.leader, form=monthly, org_unit=tree.dinh_cong, period="2024-03")
    reminders_send(day=DAY)
    assert _march(notices(cast.reporter)) == []

    # February was never sent: due on 03/03, one overdue notice, not one a day.
    february = [n for n in notices(cast.reporter, Kind.REPORT_OVERDUE) if "/2024-02/" in n.url]
    assert len(february) == 1 and "đã quá hạn 28 ngày" in february[0].text
    reminders_send(day=day(DAY + dt.timedelta(days=1)))
    assert len(notices(cast.reporter, Kind.REPORT_OVERDUE)) == 1


def test_an_unsent_report_is_overdue_the_day_after_its_due_date(
    cast: Any, monthly: Any, day: Any
) -> None:
    reminders_send(day=day(dt.date(2024, 4, 4)))
    overdue = _march(notices(cast.reporter, Kind.REPORT_OVERDUE))
    assert len(overdue) == 1 and "đã quá hạn 1 ngày (hạn 03/04/2024)" in overdue[0].text
    assert _march(notices(cast.reporter, Kind.REPORT_DUE)) == []


def test_a_closed_unit_gets_nothing(
    cast: Any, tree: Any, monthly: Any, day: Any, task: Any
) -> None:
    tree.dinh_cong.valid_to = dt.date(2024, 3, 1)
    tree.dinh_cong.save(update_fields=["valid_to"])
    assert reminders_send(day=DAY).total == 0
    assert Notification.objects.count() == 0


def test_a_task_due_soon_then_overdue(cast: Any, tree: Any, day: Any, task: Any) -> None:
    reminders_send(day=DAY)
    due = notices(cast.reporter, Kind.TASK_DUE)
    assert len(due) == 1 and "còn 2 ngày đến hạn (02/04/2024)" in due[0].text
    assert due[0].task == task and len(notices(cast.leader, Kind.TASK_DUE)) == 1
    # The board assigned it: the lead unit is reminded, not the assigner.
    assert notices(cast.board, Kind.TASK_DUE) == []
    reminders_send(day=day(dt.date(2024, 4, 3)))
    reminders_send(day=day(dt.date(2024, 4, 4)))
    overdue = notices(cast.reporter, Kind.TASK_OVERDUE)
    assert len(overdue) == 1 and "đã quá hạn 1 ngày" in overdue[0].text


def test_a_done_task_is_not_reminded(cast: Any, tree: Any, day: Any, task: Any) -> None:
    from danvan.tasks.services import task_progress_add

    task_progress_add(actor=cast.reporter, task=task, progress=100, note="Đã rà soát xong.")
    reminders_send(day=DAY)
    assert notices(cast.reporter, Kind.TASK_DUE) == []


def test_the_command_says_what_it_wrote_and_writes_nothing_twice(
    cast: Any, monthly: Any, day: Any
) -> None:
    out = StringIO()
    call_command("send_reminders", "--ngay", DAY.isoformat(), stdout=out)
    written = Notification.objects.count()
    assert written > 0 and f"{written} thông báo báo cáo" in out.getvalue()
    out = StringIO()
    call_command("send_reminders", "--ngay", DAY.isoformat(), stdout=out)
    assert "0 thông báo báo cáo, 0 thông báo nhiệm vụ" in out.getvalue()
    assert Notification.objects.count() == written
