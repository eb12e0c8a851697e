"""Two officers editing one task: no silent overwrite."""

from __future__ import annotations

import pytest

from danvan.core.concurrency import StaleEdit
from danvan.tasks.models import Task
from danvan.tasks.services import task_update
from tests.conftest import client_for
from tests.stale import REFUSAL, page_flow
from tests.tasks.conftest import new_task


def test_task_page_refuses_the_stale_save_and_shows_the_other_change(tree, cast, today):
    task = new_task(tree.dinh_cong, owner_unit=tree.hoang_mai)
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        f"/quan-ly/nhiem-vu/{task.pk}/sua/",
        b_changes={"title": "Rà soát hộ nghèo, cận nghèo"},
        a_changes={"description": "Mô tả của cán bộ Ban"},
    )
    assert REFUSAL in page and "Rà soát hộ nghèo, cận nghèo" in page
    assert "Mô tả của cán bộ Ban" in page
    stored = Task.objects.get(pk=task.pk)
    assert (stored.title, stored.description) == ("Rà soát hộ nghèo, cận nghèo", "")


def test_task_service_refuses_stale_and_counts_a_co_unit_change(tree, cast, today):
    task = new_task(tree.dinh_cong, owner_unit=tree.hoang_mai)
    task_update(actor=cast.board, task=task, version=1, co_units=[tree.dai_kim])
    assert Task.objects.get(pk=task.pk).version == 2
    with pytest.raises(StaleEdit):
        task_update(actor=cast.admin, task=task, version=1, title="Khác")
