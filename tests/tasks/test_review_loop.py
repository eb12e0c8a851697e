"""The cycle: a meeting concludes, a task follows, the next meeting of the series reviews
it until it is done."""

from __future__ import annotations

import datetime as dt

from danvan.tasks.selectors import tasks_for_conclusions, tasks_to_review
from danvan.tasks.services import task_cancel, task_create, task_progress_add
from tests.tasks.conftest import conclude, make_meeting


def test_conclusion_task_is_reviewed_by_the_next_meeting_until_done(
    tree, cast, february, series, giao_ban, today
):
    conclusion = february.conclusions.get(number=1)
    task = task_create(
        actor=cast.board,
        title="Rà soát hộ nghèo",
        lead_unit=tree.dinh_cong,
        conclusion=conclusion,
        deadline=dt.date(2023, 3, 5),
    )
    on_time = task_create(
        actor=cast.board,
        title="Nhân rộng mô hình",
        lead_unit=tree.dai_kim,
        conclusion=february.conclusions.get(number=2),
        deadline=dt.date(2023, 3, 31),
    )
    march = make_meeting(tree.hoang_mai, giao_ban, dt.date(2023, 3, 25), series)

    # On 10/03 the first task is overdue: it comes first.
    assert tasks_to_review(user=cast.board, meeting=march) == [task, on_time]
    # The February meeting itself reviews nothing of its own.
    assert tasks_to_review(user=cast.board, meeting=february) == []
    assert tasks_for_conclusions(user=cast.board, conclusions=february.conclusions.all()) == {
        conclusion.pk: [task],
        on_time.conclusion_id: [on_time],
    }

    task_progress_add(actor=cast.reporter, task=task, progress=100, note="Đã hoàn thành.")
    assert tasks_to_review(user=cast.board, meeting=march) == [on_time]
    task_cancel(actor=cast.board, task=on_time, reason="Gộp vào kế hoạch năm.")
    assert tasks_to_review(user=cast.board, meeting=march) == []


def test_meeting_without_series_reviews_earlier_meetings_of_its_unit_and_kind(
    tree, cast, giao_ban, today
):
    from danvan.meetings.models import MeetingKind

    so_ket = MeetingKind.objects.get(code="so-ket")
    before = make_meeting(tree.hoang_mai, giao_ban, dt.date(2023, 1, 20))
    other_kind = make_meeting(tree.hoang_mai, so_ket, dt.date(2023, 1, 25))
    other_unit = make_meeting(tree.dai_kim, giao_ban, dt.date(2023, 1, 26))
    found = []
    for meeting, lead in (
        (before, tree.dinh_cong),
        (other_kind, tree.dinh_cong),
        (other_unit, tree.dai_kim),
    ):
        found.append(
            task_create(
                actor=cast.board, title="Việc", lead_unit=lead, conclusion=conclude(meeting, "x")
            )
        )
    later = make_meeting(tree.hoang_mai, giao_ban, dt.date(2023, 2, 20))
    assert tasks_to_review(user=cast.board, meeting=later) == [found[0]]


def test_review_list_is_scoped(tree, cast, february, series, giao_ban):
    task_create(
        actor=cast.board,
        title="Việc của Đại Kim",
        lead_unit=tree.dai_kim,
        owner_unit=tree.dai_kim,
        conclusion=february.conclusions.first(),
    )
    march = make_meeting(tree.hoang_mai, giao_ban, dt.date(2023, 3, 25), series)
    assert len(tasks_to_review(user=cast.board, meeting=march)) == 1
    # The Định Công leader neither leads, supports nor owns it.
    assert tasks_to_review(user=cast.leader, meeting=march) == []
