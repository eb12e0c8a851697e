"""Assigning a task, its overdue state across time, and the rules of progress."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.access.system import SYSTEM
from danvan.tasks.models import Task, TaskStatus, TaskUpdate
from danvan.tasks.selectors import overdue_tasks, task_search
from danvan.tasks.services import (
    task_cancel,
    task_create,
    task_delete,
    task_progress_add,
    task_reopen,
    task_update,
)
from tests.tasks.conftest import new_task

DEADLINE = dt.date(2023, 3, 15)


@pytest.fixture
def task(tree, today):
    return new_task(
        tree.dinh_cong, owner_unit=tree.hoang_mai, deadline=DEADLINE, co_units=[tree.dai_kim]
    )


# --- overdue is computed from the deadline and today -----------------------------------


def test_overdue_only_after_the_deadline_day_and_only_while_open(task, cast, today):
    today(DEADLINE)
    assert task.display_status(DEADLINE) == ("moi", "Mới")
    assert task not in overdue_tasks(user=cast.board)

    today(DEADLINE + dt.timedelta(days=1))
    assert task.display_status(DEADLINE + dt.timedelta(days=1)) == ("qua_han", "Quá hạn")
    assert overdue_tasks(user=cast.board) == [task]
    assert list(task_search(user=cast.board, status="qua_han")) == [task]
    assert list(task_search(user=cast.board, status="moi")) == []

    task_progress_add(actor=cast.reporter, task=task, progress=100, note="Xong.")
    assert overdue_tasks(user=cast.board) == []
    assert task.display_status(DEADLINE + dt.timedelta(days=1))[0] == "hoan_thanh"


def test_cancelled_task_is_not_overdue(task, cast, today):
    today(DEADLINE + dt.timedelta(days=30))
    task_cancel(actor=cast.board, task=task, reason="Phường đã sáp nhập.")
    assert overdue_tasks(user=cast.board) == []
    assert list(task_search(user=cast.board, status="huy")) == [task]


def test_task_without_deadline_is_never_overdue(tree, cast, today):
    task = new_task(tree.dinh_cong, owner_unit=tree.hoang_mai)
    today(dt.date(2030, 1, 1))
    assert overdue_tasks(user=cast.board) == []
    assert list(task_search(user=cast.board, status="moi")) == [task]


# --- progress ----------------------------------------------------------------------------


def test_first_update_starts_the_task_and_100_percent_completes_it(task, cast, today):
    update = task_progress_add(actor=cast.reporter, task=task, progress=40, note="Đã rà soát 4 tổ.")
    task.refresh_from_db()
    assert (task.status, task.progress, update.status) == (
        TaskStatus.IN_PROGRESS,
        40,
        "dang_thuc_hien",
    )

    today(dt.date(2023, 3, 14))
    task_progress_add(actor=cast.reporter, task=task, progress=100, note="Hoàn thành.")
    task.refresh_from_db()
    assert (task.status, task.progress, task.completed_on) == (
        "hoan_thanh",
        100,
        dt.date(2023, 3, 14),
    )


def test_marking_done_sets_progress_to_100(task, cast, today):
    task_progress_add(actor=cast.leader, task=task, progress=70, note="Xong", status="hoan_thanh")
    task.refresh_from_db()
    assert (task.status, task.progress, task.completed_on) == (
        "hoan_thanh",
        100,
        dt.date(2023, 3, 10),
    )


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_100_is_refused(task, cast, progress):
    with pytest.raises(ValidationError) as error:
        task_progress_add(actor=cast.reporter, task=task, progress=progress, note="x")
    assert "từ 0 đến 100" in error.value.message_dict["progress"][0]
    assert not TaskUpdate.objects.exists()


def test_progress_needs_a_note(task, cast):
    with pytest.raises(ValidationError) as error:
        task_progress_add(actor=cast.reporter, task=task, progress=10, note="  ")
    assert "note" in error.value.message_dict


def test_progress_on_a_done_or_cancelled_task_is_refused_until_reopened(task, cast):
    task_progress_add(actor=cast.reporter, task=task, progress=100, note="Xong.")
    with pytest.raises(ValidationError, match="mở lại"):
        task_progress_add(actor=cast.reporter, task=task, progress=50, note="Thêm.")
    task_reopen(actor=cast.board, task=task)
    task.refresh_from_db()
    assert (task.status, task.completed_on) == ("dang_thuc_hien", None)
    task_progress_add(actor=cast.reporter, task=task, progress=90, note="Bổ sung.")

    task_cancel(actor=cast.board, task=task, reason="Không còn cần thiết.")
    with pytest.raises(ValidationError, match="mở lại"):
        task_progress_add(actor=cast.reporter, task=task, progress=95, note="Thêm.")


def test_progress_by_a_unit_not_on_the_task_is_refused(tree, cast, task):
    elsewhere = new_task(tree.dai_kim, owner_unit=tree.hoang_mai)
    with pytest.raises(PermissionDenied):
        task_progress_add(actor=cast.reporter, task=elsewhere, progress=10, note="x")
    # The viewer of the district sees the task but may not report on it.
    with pytest.raises(PermissionDenied):
        task_progress_add(actor=cast.viewer, task=task, progress=10, note="x")


# --- assigning ---------------------------------------------------------------------------


def test_owner_defaults_to_the_meeting_unit_and_title_is_folded(february, tree, cast):
    conclusion = february.conclusions.get(number=1)
    task = task_create(
        actor=cast.board,
        title="Rà soát  hộ nghèo ",
        lead_unit=tree.dinh_cong,
        conclusion=conclusion,
    )
    assert task.owner_unit == tree.hoang_mai
    assert (task.title, task.title_folded) == ("Rà soát hộ nghèo", "ra soat ho ngheo")


def test_deadline_before_the_meeting_is_refused(february, tree, cast):
    with pytest.raises(ValidationError) as error:
        task_create(
            actor=cast.board,
            title="Rà soát",
            lead_unit=tree.dinh_cong,
            conclusion=february.conclusions.first(),
            deadline=dt.date(2023, 2, 20),
        )
    assert "trước ngày họp 23/02/2023" in error.value.message_dict["deadline"][0]
    assert not Task.objects.exists()


def test_lead_unit_cannot_also_be_a_co_unit(tree, cast):
    with pytest.raises(ValidationError) as error:
        task_create(
            actor=cast.board,
            title="Rà soát",
            owner_unit=tree.hoang_mai,
            lead_unit=tree.dinh_cong,
            co_units=[tree.dinh_cong, tree.dai_kim],
        )
    assert "Phường Định Công" in error.value.message_dict["co_units"][0]


def test_lead_unit_outside_the_actor_scope_is_refused(tree, cast):
    with pytest.raises(ValidationError) as error:
        task_create(actor=cast.board, title="x", owner_unit=tree.hoang_mai, lead_unit=tree.buoi)
    assert "Phường Bưởi" in error.value.message_dict["lead_unit"][0]


def test_only_the_owner_manages(task, cast, tree):
    for act in (
        lambda: task_update(actor=cast.reporter, task=task, title="Khác"),
        lambda: task_cancel(actor=cast.leader, task=task, reason="x"),
        lambda: task_delete(actor=cast.reporter, task=task),
        lambda: task_create(
            actor=cast.reporter, title="x", owner_unit=tree.dinh_cong, lead_unit=tree.dinh_cong
        ),
    ):
        with pytest.raises(PermissionDenied):
            act()


def test_cancel_needs_a_reason_and_delete_is_soft(task, cast):
    with pytest.raises(ValidationError) as error:
        task_cancel(actor=cast.board, task=task, reason=" ")
    assert "lý do" in error.value.message_dict["reason"][0]
    task_delete(actor=cast.board, task=task)
    assert not Task.objects.filter(pk=task.pk).exists()
    assert Task.all_objects.get(pk=task.pk).deleted_at is not None


def test_update_changes_units_and_refolds_the_title(task, tree, cast):
    task_update(
        actor=cast.board, task=task, title="Đẩy mạnh dân vận khéo", co_units=[tree.mttq_dinh_cong]
    )
    task.refresh_from_db()
    assert task.title_folded == "day manh dan van kheo"
    assert list(task.co_units.all()) == [tree.mttq_dinh_cong]


def test_a_task_seen_through_two_co_units_is_listed_once(tree, cast):
    task = task_create(
        actor=SYSTEM,
        title="Phối hợp",
        owner_unit=tree.hoang_mai,
        lead_unit=tree.bdv_hoang_mai,
        co_units=[tree.dinh_cong, tree.mttq_dinh_cong],
    )
    assert list(task_search(user=cast.leader)) == [task]
