"""Work programmes: items by month become tasks or planned meetings, once each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from danvan.meetings.models import Meeting, MeetingKind
from danvan.tasks.models import ProgrammeItem, Task, WorkProgramme
from danvan.tasks.programmes import (
    programme_create,
    programme_delete,
    programme_item_add,
    programme_item_materialise,
    programme_item_remove,
)


@pytest.fixture
def programme(tree, cast):
    return programme_create(
        actor=cast.board,
        org_unit=tree.bdv_hoang_mai,
        year=2023,
        title="Chương trình công tác năm 2023 của Ban Dân vận Quận ủy",
    )


@pytest.fixture
def so_ket(db):
    return MeetingKind.objects.get(code="so-ket")


def test_a_task_item_becomes_a_task_due_at_the_end_of_its_month(programme, tree, cast):
    item = programme_item_add(
        actor=cast.board,
        programme=programme,
        month=2,
        title="Hướng dẫn xây dựng mô hình dân vận khéo",
        lead_unit=tree.dinh_cong,
    )
    task = programme_item_materialise(actor=cast.board, item=item)
    assert isinstance(task, Task)
    assert (task.deadline, task.lead_unit, task.owner_unit, task.programme_item) == (
        dt.date(2023, 2, 28),
        tree.dinh_cong,
        tree.bdv_hoang_mai,
        item,
    )
    with pytest.raises(ValidationError, match="đã được tạo thành nhiệm vụ"):
        programme_item_materialise(actor=cast.board, item=item)
    assert Task.objects.count() == 1


def test_a_task_item_without_lead_goes_to_the_programme_unit(programme, tree, cast):
    item = programme_item_add(actor=cast.board, programme=programme, month=12, title="Tổng kết năm")
    task = programme_item_materialise(actor=cast.board, item=item)
    assert (task.lead_unit, task.deadline) == (tree.bdv_hoang_mai, dt.date(2023, 12, 31))


def test_a_meeting_item_becomes_a_planned_meeting_on_the_25th(programme, tree, cast, so_ket):
    item = programme_item_add(
        actor=cast.board,
        programme=programme,
        month=6,
        title="Sơ kết 6 tháng công tác dân vận",
        kind=ProgrammeItem.Kind.MEETING,
        meeting_kind=so_ket,
    )
    meeting = programme_item_materialise(actor=cast.board, item=item)
    assert isinstance(meeting, Meeting)
    item.refresh_from_db()
    assert item.meeting == meeting
    local = timezone.localtime(meeting.starts_at)
    assert (local.date(), local.hour, local.minute) == (dt.date(2023, 6, 25), 8, 0)
    assert (meeting.status, meeting.kind, meeting.org_unit) == (
        Meeting.Status.PLANNED,
        so_ket,
        tree.bdv_hoang_mai,
    )
    with pytest.raises(ValidationError, match="đã được tạo thành hội nghị"):
        programme_item_materialise(actor=cast.board, item=item)
    assert Meeting.objects.count() == 1


def test_item_rules(programme, cast, tree):
    with pytest.raises(ValidationError) as error:
        programme_item_add(actor=cast.board, programme=programme, month=13, title="x")
    assert "month" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        programme_item_add(
            actor=cast.board, programme=programme, month=3, title="Hội nghị", kind="meeting"
        )
    assert "meeting_kind" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        programme_item_add(
            actor=cast.board, programme=programme, month=3, title="x", lead_unit=tree.buoi
        )
    assert "Phường Bưởi" in error.value.message_dict["lead_unit"][0]
    with pytest.raises(PermissionDenied):
        programme_item_add(actor=cast.reporter, programme=programme, month=3, title="x")


def test_used_items_and_programmes_are_not_removed(programme, cast):
    item = programme_item_add(actor=cast.board, programme=programme, month=4, title="Việc")
    programme_item_materialise(actor=cast.board, item=item)
    with pytest.raises(ValidationError, match="đã tạo nhiệm vụ"):
        programme_item_remove(actor=cast.board, item=item)
    with pytest.raises(ValidationError, match="1 nhiệm vụ"):
        programme_delete(actor=cast.board, programme=programme)

    spare = programme_item_add(actor=cast.board, programme=programme, month=5, title="Dự phòng")
    programme_item_remove(actor=cast.board, item=spare)
    assert not ProgrammeItem.objects.filter(pk=spare.pk).exists()


# --- pages -------------------------------------------------------------------------------------


def test_programme_pages(programme, tree, cast, as_user, so_ket):
    client = as_user(cast.board)
    add = reverse("tasks:programme_item_add", args=[programme.pk])
    client.post(
        add,
        {"month": 3, "title": "Rà soát mô hình", "kind": "task", "lead_unit": tree.dinh_cong.pk},
    )
    client.post(
        add, {"month": 3, "title": "Giao ban quý I", "kind": "meeting", "meeting_kind": so_ket.pk}
    )
    refused = client.post(add, {"month": 3, "title": "Hội nghị", "kind": "meeting"})
    assert "Chọn loại hội nghị." in refused.content.decode()

    detail = reverse("tasks:programme_detail", args=[programme.pk])
    page = client.get(detail).content.decode()
    assert "Tháng 3" in page and "Tạo nhiệm vụ" in page and "Lên lịch hội nghị" in page

    task_item = ProgrammeItem.objects.get(title="Rà soát mô hình")
    meeting_item = ProgrammeItem.objects.get(title="Giao ban quý I")
    made = client.post(reverse("tasks:programme_item_materialise", args=[task_item.pk]))
    task = Task.objects.get(programme_item=task_item)
    assert made["Location"] == reverse("tasks:detail", args=[task.pk])
    client.post(reverse("tasks:programme_item_materialise", args=[meeting_item.pk]))
    page = client.get(detail).content.decode()
    assert "Tạo nhiệm vụ" not in page and "Lên lịch hội nghị" not in page
    assert reverse("tasks:detail", args=[task.pk]) in page and "25/03/2023 08:00" in page

    again = client.post(
        reverse("tasks:programme_item_materialise", args=[task_item.pk]), follow=True
    )
    assert "đã được tạo thành nhiệm vụ" in again.content.decode()

    listing = client.get(
        reverse("tasks:programme_list") + "?q=chuong+trinh+cong+tac"
    ).content.decode()
    assert programme.title in listing
    # The task page names its programme.
    assert programme.title in client.get(reverse("tasks:detail", args=[task.pk])).content.decode()


def test_programme_create_and_scope(tree, cast, as_user):
    client = as_user(cast.board)
    response = client.post(
        reverse("tasks:programme_create"),
        {"org_unit": tree.hoang_mai.pk, "year": 2024, "title": "Chương trình 2024"},
    )
    programme = WorkProgramme.objects.get()
    assert response["Location"] == reverse("tasks:programme_detail", args=[programme.pk])
    detail = reverse("tasks:programme_detail", args=[programme.pk])
    assert as_user(cast.reporter).get(detail).status_code == 404  # Định Công is below it
    assert as_user(cast.viewer).get(detail).status_code == 200
    assert (
        as_user(cast.viewer).get(reverse("tasks:programme_edit", args=[programme.pk])).status_code
        == 403
    )
    assert (
        as_user(cast.viewer)
        .post(reverse("tasks:programme_item_add", args=[programme.pk]), {})
        .status_code
        == 403
    )
