"""Issue 13's acceptance on the real demo, with the demo's clock (02/12/2026):
demo_reporter's «Việc cần làm» lists last month's report as due and a task due soon; after
demo_leader submits and demo_board returns it, demo_reporter has an unread notification
with the reason; with digests on, ``send_reminders`` writes one digest mail and a second
run the same day writes none; the task list exports to an XLSX with the filtered rows."""

from __future__ import annotations

import io
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.models import User
from danvan.demo import current_data
from danvan.notifications.models import Delivery, EmailPreference, Kind, Notification
from danvan.org.models import OrgUnit
from danvan.reporting.models import ReportForm
from danvan.reporting.services import report_return, report_submit
from tests.demo_db import DEMO_DAY, Demo

DAY = DEMO_DAY
REASON = "Thiếu số liệu tiếp công dân, đề nghị bổ sung."


def _client(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="danvan.accounts.backends.DemoAwareBackend"
    )
    return client


def _reminders() -> str:
    out = StringIO()
    call_command("send_reminders", "--ngay", DAY.isoformat(), stdout=out)
    return out.getvalue()


@pytest.mark.slow
def test_the_inbox_the_return_notice_the_digest_and_the_export_on_the_demo(demo: Demo) -> None:
    # demo: DEBUG on as on `make run` (demo accounts log in only then), today is DAY.
    ward = OrgUnit.all_objects.get(code=current_data.DEMO_WARD)
    monthly = ReportForm.objects.get(code="BC_THANG")

    home = _client("demo_reporter").get(reverse("core:home")).content.decode()
    inbox = home.split("Việc cần làm", 1)[1]
    assert f"kỳ tháng 11/2026 — {ward.name}" in inbox
    assert "Còn 1 ngày" in inbox or "Quá hạn" in inbox
    assert "Nhiệm vụ đến hạn trong 7 ngày" in inbox

    leader = User.objects.get(username="demo_leader")
    board = User.objects.get(username="demo_board")
    report_submit(actor=leader, form=monthly, org_unit=ward, period="2026-11")
    report_return(actor=board, form=monthly, org_unit=ward, period="2026-11", reason=REASON)

    reporter = User.objects.get(username="demo_reporter")
    returned = Notification.objects.unread().filter(recipient=reporter, kind=Kind.REPORT_RETURNED)
    assert returned.count() == 1 and REASON in returned.get().text
    page = _client("demo_reporter").get(reverse("core:home")).content.decode()
    assert REASON in page  # the returned report is on the inbox with its reason

    reporter.email = "ha.minh.chau@example.vn"
    reporter.save(update_fields=["email"])
    for kind in Kind.values:
        EmailPreference.objects.update_or_create(
            user=reporter, kind=kind, defaults={"delivery": Delivery.DIGEST}
        )
    mail.outbox.clear()
    _reminders()
    digests = [m for m in mail.outbox if m.to == [reporter.email]]
    assert len(digests) == 1 and "Tổng hợp thông báo" in digests[0].subject
    assert REASON in digests[0].body
    before = len(mail.outbox)
    _reminders()
    assert len(mail.outbox) == before  # a second run the same day sends nothing

    export = _client("demo_board").get(reverse("tasks:list"), {"status": "qua_han", "xuat": "xlsx"})
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    header = [c.value for c in sheet[4]]
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]]
    assert rows and {r[header.index("Tình trạng")] for r in rows} == {"Quá hạn"}
    assert "Tình trạng: Quá hạn" in sheet["A2"].value
