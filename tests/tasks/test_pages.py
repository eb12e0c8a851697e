"""The task pages as the cast sees them: lists with tabs and filters, a task's page with
its progress form, assigning from a conclusion, and the overdue box of the home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.access.roles import Role
from danvan.org.models import OrgUnit
from danvan.tasks.models import Task, TaskStatus
from tests.factories import UserFactory, grant
from tests.tasks.conftest import make_meeting, new_task


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def tasks(tree, today):
    """On 10/03/2023: one overdue, one new, one done, one led by the ward's MTTQ, one in
    Đại Kim where Định Công helps, one in Đại Kim alone, one in Tây Hồ."""
    hm = tree.hoang_mai
    made = {
        "late": new_task(
            tree.dinh_cong, "Rà soát hộ nghèo", owner_unit=hm, deadline=dt.date(2023, 3, 5)
        ),
        "new": new_task(
            tree.dinh_cong,
            "Tuyên truyền dân vận khéo",
            owner_unit=hm,
            deadline=dt.date(2023, 4, 30),
        ),
        "mttq": new_task(tree.mttq_dinh_cong, "Vận động quỹ vì người nghèo", owner_unit=hm),
        "helping": new_task(
            tree.dai_kim, "Đối thoại với nhân dân", owner_unit=hm, co_units=[tree.dinh_cong]
        ),
        "dai_kim": new_task(tree.dai_kim, "Chỉnh trang đô thị", owner_unit=hm),
        "tay_ho": new_task(tree.buoi, "Giữ gìn vệ sinh hồ Tây", owner_unit=tree.tay_ho),
    }
    made["done"] = new_task(tree.dinh_cong, "Tổng kết năm", owner_unit=hm)
    Task.objects.filter(pk=made["done"].pk).update(
        status=TaskStatus.DONE, progress=100, completed_on=dt.date(2023, 3, 1)
    )
    return made


@pytest.fixture
def tay_ho_leader(tree):
    user = UserFactory(username="tayho")
    grant(user, Role.UNIT_LEADER, tree.tay_ho)
    return user


# --- scope ----------------------------------------------------------------------------------


def test_a_tay_ho_user_cannot_open_a_hoang_mai_task(tasks, tay_ho_leader, as_user):
    client = as_user(tay_ho_leader)
    task = tasks["late"]
    for name in ("detail", "edit", "cancel"):
        assert client.get(reverse(f"tasks:{name}", args=[task.pk])).status_code == 404
    posted = client.post(reverse("tasks:progress", args=[task.pk]), {"progress": 50, "note": "x"})
    assert posted.status_code == 404
    assert "Rà soát hộ nghèo" not in html(client.get(reverse("tasks:list")))
    assert "Giữ gìn vệ sinh hồ Tây" in html(client.get(reverse("tasks:list")))


def test_ward_reporter_posts_progress_but_may_not_edit(tasks, cast, as_user):
    client = as_user(cast.reporter)
    task = tasks["late"]
    page = html(client.get(reverse("tasks:detail", args=[task.pk])))
    assert "Gửi cập nhật" in page and reverse("tasks:edit", args=[task.pk]) not in page

    response = client.post(
        reverse("tasks:progress", args=[task.pk]), {"progress": 30, "note": "Đã rà soát tổ 1."}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 30)

    assert client.get(reverse("tasks:edit", args=[task.pk])).status_code == 403
    assert client.post(reverse("tasks:edit", args=[task.pk]), {"title": "Khác"}).status_code == 403
    assert client.post(reverse("tasks:cancel", args=[task.pk]), {"reason": "x"}).status_code == 403
    assert client.post(reverse("tasks:delete", args=[task.pk])).status_code == 403
    assert client.get(reverse("tasks:create")).status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.deleted_at is None


def test_viewer_sees_the_task_without_the_progress_form(tasks, cast, as_user):
    client = as_user(cast.viewer)
    task = tasks["late"]
    assert "Gửi cập nhật" not in html(client.get(reverse("tasks:detail", args=[task.pk])))
    posted = client.post(reverse("tasks:progress", args=[task.pk]), {"progress": 5, "note": "x"})
    assert posted.status_code == 403


def test_a_user_without_task_rights_gets_403(tasks, cast, as_user):
    for name in ("tasks:mine", "tasks:list", "tasks:programme_list"):
        assert as_user(cast.editor).get(reverse(name)).status_code == 403


def test_bad_progress_input_is_shown_on_the_form(tasks, cast, as_user):
    client = as_user(cast.reporter)
    page = html(
        client.post(
            reverse("tasks:progress", args=[tasks["late"].pk]), {"progress": 120, "note": ""}
        )
    )
    assert "Tiến độ không vượt quá 100%." in page and "Nhập nội dung đã thực hiện." in page


# --- Việc của đơn vị tôi and the full list -------------------------------------------------


def test_my_unit_tasks_for_the_ward_leader(tasks, cast, as_user):
    client = as_user(cast.leader)
    page = html(client.get(reverse("tasks:mine") + "?rieng=on"))
    for shown in (
        "Rà soát hộ nghèo",
        "Tuyên truyền dân vận khéo",
        "Đối thoại với nhân dân",
        "Tổng kết năm",
    ):
        assert shown in page
    for hidden in ("Vận động quỹ vì người nghèo", "Chỉnh trang đô thị", "Giữ gìn vệ sinh hồ Tây"):
        assert hidden not in page
    # By default the units under it come in too: its ward's MTTQ.
    assert "Vận động quỹ vì người nghèo" in html(client.get(reverse("tasks:mine")))


def test_the_menu_link_is_my_unit_tasks(cast, tasks, as_user):
    assert reverse("tasks:mine") == "/quan-ly/nhiem-vu/"
    assert 'href="/quan-ly/nhiem-vu/"' in html(as_user(cast.leader).get(reverse("core:home")))


def test_list_tabs_count_and_filter_by_status(tasks, cast, as_user):
    client = as_user(cast.board)
    page = html(client.get(reverse("tasks:list")))
    # 6 in Hoàng Mai: 1 overdue, 4 new without being late, 1 done.
    assert "Tất cả<b>6</b>" in page
    assert "Mới<b>4</b>" in page and "Quá hạn<b>1</b>" in page and "Hoàn thành<b>1</b>" in page
    assert "Quá hạn 5 ngày" in page and 'class="task-late"' in page

    late = html(client.get(reverse("tasks:list") + "?status=qua_han"))
    assert "Rà soát hộ nghèo" in late and "Tuyên truyền dân vận khéo" not in late


def test_list_search_ignores_diacritics_and_filters_by_unit(tasks, tree, cast, as_user):
    client = as_user(cast.board)
    found = html(client.get(reverse("tasks:list") + "?q=dan+van+kheo"))
    assert "Tuyên truyền dân vận khéo" in found and "Rà soát hộ nghèo" not in found

    dai_kim = html(client.get(reverse("tasks:list") + f"?org_unit={tree.dai_kim.pk}"))
    assert "Chỉnh trang đô thị" in dai_kim and "Rà soát hộ nghèo" not in dai_kim

    nothing = html(client.get(reverse("tasks:list") + "?q=khong+co+viec+nay"))
    assert "Không có nhiệm vụ nào khớp" in nothing

    htmx = client.get(reverse("tasks:list") + "?q=ra+soat", headers={"HX-Request": "true"})
    assert "Rà soát hộ nghèo" in html(htmx) and "<html" not in html(htmx)


def test_list_filters_by_source_and_deadline(tasks, cast, february, as_user):
    client = as_user(cast.board)
    from danvan.tasks.services import task_create

    task_create(
        actor=cast.board,
        title="Từ kết luận giao ban",
        lead_unit=tasks["late"].lead_unit,
        conclusion=february.conclusions.first(),
    )
    page = html(client.get(reverse("tasks:list") + "?source=ket_luan"))
    assert "Từ kết luận giao ban" in page and "Rà soát hộ nghèo" not in page
    window = html(
        client.get(reverse("tasks:list") + "?deadline_from=2023-04-01&deadline_to=2023-04-30")
    )
    assert "Tuyên truyền dân vận khéo" in window and "Rà soát hộ nghèo" not in window


def test_empty_states(cast, tree, as_user, today):
    assert "Đơn vị của bạn chưa được giao nhiệm vụ nào." in html(
        as_user(cast.leader).get(reverse("tasks:mine"))
    )
    assert "Chưa có nhiệm vụ nào trong phạm vi của bạn." in html(
        as_user(cast.board).get(reverse("tasks:list"))
    )


# --- assigning, editing, cancelling ----------------------------------------------------------


def test_assign_from_a_conclusion(february, tree, cast, as_user, today):
    client = as_user(cast.board)
    conclusion = february.conclusions.get(number=1)
    url = reverse("tasks:create") + f"?conclusion={conclusion.pk}"
    page = html(client.get(url))
    assert "Từ kết luận hội nghị" in page and "Giao ban tháng 2/2023" in page
    assert "hoàn thành rà soát hộ nghèo trước ngày 05/3." in page  # the title is prefilled

    response = client.post(
        url,
        {
            "title": "Rà soát hộ nghèo",
            "lead_unit": tree.dinh_cong.pk,
            "co_units": [tree.mttq_dinh_cong.pk],
            "deadline": "2023-03-05",
        },
    )
    task = Task.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "tasks:detail", args=[task.pk]
    )
    assert (task.conclusion, task.owner_unit) == (conclusion, tree.hoang_mai)
    detail = html(client.get(response["Location"]))
    assert "Phường Định Công hoàn thành rà soát hộ nghèo" in detail  # the conclusion's text


def test_assign_refusals_are_shown_on_the_form(february, tree, cast, as_user):
    client = as_user(cast.board)
    url = reverse("tasks:create") + f"?conclusion={february.conclusions.first().pk}"
    page = html(
        client.post(
            url,
            {
                "title": "Rà soát",
                "lead_unit": tree.dinh_cong.pk,
                "co_units": [tree.dinh_cong.pk],
                "deadline": "2023-02-01",
            },
        )
    )
    assert "trước ngày họp 23/02/2023" in page
    assert "đã là đơn vị chủ trì" in page
    assert not Task.objects.exists()


def test_a_conclusion_outside_scope_is_404(tree, cast, giao_ban, as_user):
    from tests.tasks.conftest import conclude

    meeting = make_meeting(tree.tay_ho, giao_ban, dt.date(2023, 2, 20))
    conclusion = conclude(meeting, "Việc của Tây Hồ")
    response = as_user(cast.board).get(reverse("tasks:create") + f"?conclusion={conclusion.pk}")
    assert response.status_code == 404


def test_board_edits_cancels_reopens_and_deletes(tasks, tree, cast, as_user):
    client = as_user(cast.board)
    task = tasks["new"]
    edit = reverse("tasks:edit", args=[task.pk])
    assert "Tuyên truyền dân vận khéo" in html(client.get(edit))
    response = client.post(
        edit,
        {
            "title": "Tuyên truyền mô hình dân vận khéo",
            "lead_unit": tree.dai_kim.pk,
            "deadline": "2023-05-15",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.lead_unit, task.deadline) == (tree.dai_kim, dt.date(2023, 5, 15))

    cancel = reverse("tasks:cancel", args=[task.pk])
    assert "Nhập lý do." in html(client.post(cancel, {"reason": ""}))
    assert client.post(cancel, {"reason": "Đã lồng ghép vào kế hoạch khác."}).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED
    detail = html(client.get(reverse("tasks:detail", args=[task.pk])))
    assert "Đã lồng ghép vào kế hoạch khác." in detail and "Mở lại" in detail

    client.post(reverse("tasks:reopen", args=[task.pk]))
    task.refresh_from_db()
    assert task.status == TaskStatus.NEW

    assert client.post(reverse("tasks:delete", args=[task.pk])).status_code == 302
    assert client.get(reverse("tasks:detail", args=[task.pk])).status_code == 404


def test_history_panel_records_the_change(tasks, cast, as_user):
    client = as_user(cast.board)
    task = tasks["late"]
    client.post(reverse("tasks:cancel", args=[task.pk]), {"reason": "Không còn phù hợp."})
    page = html(client.get(reverse("tasks:detail", args=[task.pk])))
    assert "Lịch sử thay đổi" in page and "Không còn phù hợp." in page


# --- home page ---------------------------------------------------------------------------------


def test_home_page_lists_overdue_tasks(tasks, cast, as_user):
    page = html(as_user(cast.board).get(reverse("core:home")))
    box = page.split("Nhiệm vụ quá hạn", 1)[1]
    assert "Rà soát hộ nghèo" in box and "Quá hạn 5 ngày" in box
    assert "Tuyên truyền dân vận khéo" not in box
    assert reverse("tasks:list") + "?status=qua_han" in box


def test_home_page_overdue_box_only_for_task_viewers(tasks, cast, as_user):
    assert "Nhiệm vụ quá hạn" not in html(as_user(cast.editor).get(reverse("core:home")))
    assert "Nhiệm vụ quá hạn" not in html(as_user(cast.stranger).get(reverse("core:home")))
    leader = html(as_user(cast.leader).get(reverse("core:home")))
    assert "Nhiệm vụ quá hạn" in leader and "Rà soát hộ nghèo" in leader


def test_home_page_does_not_nag_about_tasks_of_a_closed_unit(tree, cast, as_user, today):
    """A ward merged away left its task open: history on the list, not on the home page."""
    new_task(tree.dai_kim, "Việc của phường cũ", owner_unit=tree.hoang_mai,
             deadline=dt.date(2023, 1, 31))  # fmt: skip
    OrgUnit.objects.filter(pk=tree.dai_kim.pk).update(valid_to=dt.date(2023, 2, 28))
    page = html(as_user(cast.board).get(reverse("core:home")))
    assert "Việc của phường cũ" not in page
    assert "Không có nhiệm vụ nào quá hạn trong phạm vi của bạn." in page
    late = html(as_user(cast.board).get(reverse("tasks:list"), {"status": "qua_han"}))
    assert "Việc của phường cũ" in late


def test_home_page_without_overdue_tasks_says_so(tree, cast, as_user, today):
    page = html(as_user(cast.board).get(reverse("core:home")))
    assert "Không có nhiệm vụ nào quá hạn trong phạm vi của bạn." in page


def test_long_lists_are_paginated(tree, cast, as_user, today):
    for n in range(32):
        new_task(
            tree.dinh_cong,
            f"Việc số {n:02d}",
            owner_unit=tree.hoang_mai,
            deadline=dt.date(2023, 4, 1) + dt.timedelta(days=n),
        )
    client = as_user(cast.leader)
    first = html(client.get(reverse("tasks:mine")))
    assert "Trang 1/2" in first and "Việc số 00" in first and "Việc số 31" not in first
    second = html(client.get(reverse("tasks:mine") + "?page=2"))
    assert "Trang 2/2" in second and "Việc số 00" not in second


def test_assign_from_a_programme_item_is_prefilled(tree, cast, as_user, today):
    from danvan.tasks.programmes import programme_create, programme_item_add

    programme = programme_create(
        actor=cast.board, org_unit=tree.hoang_mai, year=2023, title="CT 2023"
    )
    item = programme_item_add(
        actor=cast.board,
        programme=programme,
        month=2,
        title="Khảo sát mô hình",
        lead_unit=tree.dai_kim,
    )
    page = html(as_user(cast.board).get(reverse("tasks:create") + f"?programme_item={item.pk}"))
    assert "Từ chương trình công tác" in page and 'value="2023-02-28"' in page
    assert f'<option value="{tree.dai_kim.pk}" selected>' in page
