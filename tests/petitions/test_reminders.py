"""Overdue and soon-due petitions on the inbox and in send_reminders, once per day, by
number only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.notifications.models import Kind, Notification
from danvan.notifications.reminders import reminders_send
from danvan.notifications.selectors import inbox
from tests.petitions.conftest import new_petition

pytestmark = pytest.mark.django_db


def test_soon_due_then_overdue_once_a_day(officers, tree, day, today):
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong)  # due 24/03/2026
    today(dt.date(2026, 3, 12))
    assert reminders_send(day=dt.date(2026, 3, 12)).petitions == 0
    today(dt.date(2026, 3, 20))  # 2 working days left
    assert reminders_send(day=dt.date(2026, 3, 20)).petitions == 1
    assert reminders_send(day=dt.date(2026, 3, 20)).petitions == 0  # idempotent
    note = Notification.objects.get(kind=Kind.PETITION_DUE)
    assert note.recipient == officers.mttq and "01/2026" in note.text
    assert "Nguyễn" not in note.text and "đất" not in note.text
    assert inbox(user=officers.mttq).petitions_due == [petition]
    assert inbox(user=officers.ubnd).petitions_due == []
    today(dt.date(2026, 3, 26))
    reminders_send(day=dt.date(2026, 3, 26))
    reminders_send(day=dt.date(2026, 3, 27))
    late = Notification.objects.filter(kind=Kind.PETITION_OVERDUE)
    assert late.count() == 1 and "quá hạn 2 ngày làm việc" in late.get().text


def test_the_inbox_page_lists_it(officers, tree, day, today, as_user):
    new_petition(officers.mttq, tree.mttq_dinh_cong)
    today(dt.date(2026, 3, 25))
    page = as_user(officers.mttq).get(reverse("core:home")).content.decode()
    assert "Đơn thư sắp đến hạn và quá hạn" in page and "01/2026" in page
