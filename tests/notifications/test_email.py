"""E-mail: the digest groups by unit and kind and is never empty nor sent twice; an
immediate mail follows the service's commit; failures stay visible and are retried;
one-click unsubscribe; the preferences page."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from danvan.notifications import email
from danvan.notifications.models import Delivery, EmailPreference, EmailState, Kind, Notification
from danvan.reporting.services import report_return, report_submit
from tests.notifications.conftest import DAY, notices


def _prefer(user: Any, delivery: str, *kinds: str) -> None:
    for kind in kinds:
        EmailPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )


def _run() -> str:
    out = StringIO()
    call_command("send_reminders", "--ngay", DAY.isoformat(), stdout=out)
    return out.getvalue()


def test_one_digest_grouped_by_unit_and_kind_then_none_the_same_day(
    cast: Any, tree: Any, monthly: Any, day: Any, task: Any
) -> None:
    _prefer(cast.reporter, Delivery.DIGEST, Kind.REPORT_DUE, Kind.REPORT_OVERDUE, Kind.TASK_DUE)
    assert "1 thư tổng hợp" in _run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.reporter.email]
    assert message.subject == "[danvan] Tổng hợp thông báo ngày 31/03/2024 (3)"
    body = message.body
    report_due = body.index("== Phường Định Công — Báo cáo sắp đến hạn (1)")
    report_late = body.index("== Phường Định Công — Báo cáo quá hạn (1)")
    task_due = body.index("== Phường Định Công — Nhiệm vụ sắp đến hạn (1)")
    assert report_due < report_late < task_due
    assert "còn 3 ngày đến hạn (03/04/2024)" in body
    assert "http://127.0.0.1:8000/quan-ly/bao-cao/nhap/" in body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "Phường Định Công — Nhiệm vụ sắp đến hạn (1)" in html
    # Three kinds in one digest: an unsubscribe link for each, no one-click header.
    assert body.count("/quan-ly/thong-bao/huy-nhan-thu/") == 3
    assert "List-Unsubscribe" not in message.extra_headers
    assert all(n.email_state == EmailState.SENT for n in notices(cast.reporter))

    assert "0 thư tổng hợp" in _run()
    assert len(mail.outbox) == 1
    # The leader chose nothing: the app only.
    assert all(m.to != [cast.leader.email] for m in mail.outbox)


def test_an_empty_digest_is_not_sent(cast: Any, tree: Any, monthly: Any, day: Any) -> None:
    _prefer(cast.board, Delivery.DIGEST, *Kind.values)
    _prefer(cast.reporter, Delivery.DIGEST, Kind.REPORT_RETURNED)
    _run()
    assert mail.outbox == []
    # Notices read in the app before the digest are not mailed either.
    _prefer(cast.reporter, Delivery.DIGEST, Kind.REPORT_DUE)
    Notification.objects.update(read_at="2024-03-31T01:00:00Z")
    assert email.send_digest.call(user_id=cast.reporter.pk) == "empty"
    assert mail.outbox == []


def test_an_immediate_mail_follows_the_commit_with_the_reason(
    cast: Any, tree: Any, monthly: Any, day: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _prefer(cast.reporter, Delivery.IMMEDIATE, Kind.REPORT_RETURNED)
    report_submit(actor=cast.leader, form=monthly, org_unit=tree.dinh_cong, period="2024-03")
    with django_capture_on_commit_callbacks(execute=True):
        report_return(
            actor=cast.board,
            form=monthly,
            org_unit=tree.dinh_cong,
            period="2024-03",
            reason="Thiếu số liệu đơn thư.",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[danvan] Báo cáo bị trả lại: Báo cáo «Báo cáo công tác")
    assert "Lý do: Thiếu số liệu đơn thư." in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/quan-ly/thong-bao/huy-nhan-thu/" in message.extra_headers["List-Unsubscribe"]
    assert notices(cast.reporter, Kind.REPORT_RETURNED)[0].email_state == EmailState.SENT
    # The leader, who sent the report, is told in the app only.
    assert notices(cast.leader, Kind.REPORT_RETURNED)[0].email_state == ""


class Broken:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("máy chủ thư không trả lời")


def test_a_failed_mail_is_kept_visible_and_sent_on_the_next_run(
    cast: Any, tree: Any, monthly: Any, day: Any, settings: Any, as_user: Any
) -> None:
    _prefer(cast.reporter, Delivery.IMMEDIATE, Kind.REPORT_DUE)
    settings.EMAIL_BACKEND = "tests.notifications.test_email.Broken"
    from danvan.notifications.reminders import reminders_send

    reminders_send(day=DAY)
    row = notices(cast.reporter, Kind.REPORT_DUE)[0]
    assert row.email_state == EmailState.QUEUED  # after commit, the worker sends it
    email.send_one.call(notification_id=row.pk)
    row.refresh_from_db()
    assert row.email_state == EmailState.FAILED and "không trả lời" in row.email_error
    admin = as_user(cast.admin)
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save(update_fields=["is_staff", "is_superuser"])
    listing = admin.get("/django-admin/notifications/notification/?email_state=failed")
    assert listing.status_code == 200 and "Gửi lỗi" in listing.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "1 thư gửi lại" in _run()
    row.refresh_from_db()
    assert row.email_state == EmailState.SENT and len(mail.outbox) == 1


def test_the_console_backend_prints_the_digest(
    cast: Any, tree: Any, monthly: Any, day: Any, settings: Any, capsys: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    _prefer(cast.reporter, Delivery.DIGEST, Kind.REPORT_DUE)
    _run()
    printed = capsys.readouterr().out
    assert f"To: {cast.reporter.email}" in printed
    assert "/quan-ly/bao-cao/nhap/" in printed and "text/html" in printed


def test_one_click_unsubscribe(cast: Any, db: Any) -> None:
    _prefer(cast.reporter, Delivery.DIGEST, Kind.TASK_DUE)
    url = reverse(
        "notifications:unsubscribe", args=[email.unsubscribe_token(cast.reporter, Kind.TASK_DUE)]
    )
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(url)
    assert (
        page.status_code == 200 and "Ngừng gửi thư «Nhiệm vụ sắp đến hạn»" in page.content.decode()
    )
    assert (
        email.deliveries(cast.reporter)[Kind.TASK_DUE] == Delivery.DIGEST
    )  # a GET changes nothing
    done = anonymous.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "Đã ngừng gửi thư" in done.content.decode()
    assert email.deliveries(cast.reporter)[Kind.TASK_DUE] == Delivery.APP
    bad = anonymous.post(url[:-3] + "xyz/")
    assert bad.status_code == 400 and "Liên kết không hợp lệ" in bad.content.decode()


def test_the_preferences_page(cast: Any, db: Any, as_user: Any) -> None:
    client = as_user(cast.reporter)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Cách nhận thông báo" in page and "Thư tổng hợp hằng ngày" in page
    choices = {kind: Delivery.APP for kind in Kind.values}
    choices[Kind.REPORT_RETURNED] = Delivery.IMMEDIATE
    choices[Kind.TASK_DUE] = Delivery.DIGEST
    response = client.post(reverse("notifications:preferences"), choices)
    assert response.status_code == 302
    saved = email.deliveries(cast.reporter)
    assert (
        saved[Kind.REPORT_RETURNED] == Delivery.IMMEDIATE
        and saved[Kind.TASK_DUE] == Delivery.DIGEST
    )
    choices[Kind.TASK_DUE] = "sms"
    refused = client.post(reverse("notifications:preferences"), choices)
    assert (
        refused.status_code == 400
        and "Chọn cách nhận cho: Nhiệm vụ sắp đến hạn" in refused.content.decode()
    )
    assert email.deliveries(cast.reporter)[Kind.TASK_DUE] == Delivery.DIGEST


def test_a_meeting_invitation_mail_carries_the_ics(
    cast: Any, tree: Any, day: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from danvan.meetings.models import MeetingKind
    from danvan.meetings.services import attendance_add, meeting_create
    from tests.factories import make_person

    person = make_person(tree.dinh_cong, "Nguyễn Thị Đào", "Chủ tịch Ủy ban MTTQ phường")
    cast.reporter.person = person
    cast.reporter.save(update_fields=["person"])
    _prefer(cast.reporter, Delivery.IMMEDIATE, Kind.MEETING_INVITED)
    meeting = meeting_create(
        actor=cast.board,
        title="Giao ban tháng 4",
        kind=MeetingKind.objects.get(code="giao-ban-thang"),
        org_unit=tree.hoang_mai,
        starts_at=timezone.make_aware(dt.datetime(2024, 4, 5, 8)),
        place="Hội trường Quận ủy",
    )
    with django_capture_on_commit_callbacks(execute=True):
        attendance_add(actor=cast.board, meeting=meeting, person=person)
    (message,) = mail.outbox
    name, content, mimetype = message.attachments[0]
    assert name == f"hoi-nghi-{meeting.pk}.ics" and mimetype == "text/calendar"
    text = content.decode() if isinstance(content, bytes) else content
    assert f"UID:hoi-nghi-{meeting.pk}@danvan" in text
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20240405T080000" in text
    assert "SUMMARY:Giao ban tháng 4" in text
