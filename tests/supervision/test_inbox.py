"""Overdue recommendations reach the «Việc cần làm» of those who keep the register for
the unit (board, leader, reporter), never a viewer, never another ward; they leave it when
answered; a giao ban page lists those of its locality overdue on the meeting day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.access.roles import Role
from danvan.access.system import SYSTEM
from danvan.meetings.models import MeetingKind
from danvan.meetings.services.meetings import meeting_create
from danvan.notifications.selectors import inbox
from danvan.supervision import services
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db
HOME = "/quan-ly/"


def _box(page: str) -> str:
    return page.split('id="viec-can-lam"', 1)[1].split("</section>", 1)[0]


def test_overdue_recommendations_reach_the_inbox(register, cast, tree, as_user):
    for user in (cast.board, cast.leader, cast.reporter):
        found = inbox(user=user).supervision_due
        assert [r.pk for r in found] == [register.late.pk, register.draft_rec.pk], user
    assert inbox(user=cast.viewer).supervision_due == []
    other = UserFactory(username="lanh_dao_dai_kim")
    grant(other, Role.UNIT_LEADER, tree.dai_kim)
    assert inbox(user=other).supervision_due == []  # its own one was answered
    box = _box(as_user(cast.board).get(HOME).content.decode())
    assert "Kiến nghị giám sát, phản biện quá hạn trả lời" in box
    assert reverse("supervision:recommendation", args=[register.late.pk]) in box
    assert reverse("supervision:recommendation", args=[register.waiting.pk]) not in box
    assert inbox(user=cast.board).total >= 2


def test_an_answer_takes_it_off_the_inbox(register, cast, as_user):
    services.response_record(
        actor=SYSTEM,
        recommendation=register.late,
        received_on=None,
        by_body="UBND phường Định Công",
        summary="Đã tiếp thu.",
    )
    found = inbox(user=cast.leader).supervision_due
    assert [r.pk for r in found] == [register.draft_rec.pk]
    url = reverse("supervision:recommendation", args=[register.late.pk])
    assert url not in _box(as_user(cast.leader).get(HOME).content.decode())


def test_a_recommendation_due_today_is_not_overdue_yet(register, cast, today):
    today(dt.date(2026, 3, 9))  # the draft's is due on 09/3
    assert [r.pk for r in inbox(user=cast.leader).supervision_due] == [register.late.pk]


def test_the_giao_ban_lists_the_overdue_of_its_locality(register, cast, tree, as_user):
    kind = MeetingKind.objects.get(code="giao-ban-thang")
    at = timezone.make_aware(dt.datetime(2026, 3, 8, 8, 0))
    meeting = meeting_create(
        actor=SYSTEM,
        title="Giao ban công tác dân vận tháng 3/2026",
        kind=kind,
        org_unit=tree.dinh_cong,
        starts_at=at,
    )
    page = as_user(cast.leader).get(reverse("meetings:detail", args=[meeting.pk]))
    text = page.content.decode()
    assert "Kiến nghị giám sát quá hạn" in text
    # On 08/3 only the February one was past its date (the draft's was due on 09/3).
    assert reverse("supervision:recommendation", args=[register.late.pk]) in text
    assert reverse("supervision:recommendation", args=[register.draft_rec.pk]) not in text
    # Not at another kind of meeting, nor at a giao ban of another ward.
    other_kind = MeetingKind.objects.exclude(code__startswith="giao-ban").first()
    other = meeting_create(
        actor=SYSTEM,
        title="Hội nghị chuyên đề",
        kind=other_kind,
        org_unit=tree.dinh_cong,
        starts_at=at,
    )
    text = as_user(cast.leader).get(reverse("meetings:detail", args=[other.pk])).content.decode()
    assert "Kiến nghị giám sát quá hạn" not in text
    far = meeting_create(
        actor=SYSTEM, title="Giao ban Đại Kim", kind=kind, org_unit=tree.dai_kim, starts_at=at
    )
    text = as_user(cast.board).get(reverse("meetings:detail", args=[far.pk])).content.decode()
    assert "Kiến nghị giám sát quá hạn" not in text
