"""Two officers editing one work programme or one of its items: no silent overwrite
(issue 11 §2). The edit pages carry the version they were opened at."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.core.concurrency import StaleEdit
from danvan.tasks.models import ProgrammeItem, WorkProgramme
from danvan.tasks.programmes import (
    programme_create,
    programme_item_add,
    programme_item_update,
    programme_update,
)
from tests.conftest import client_for
from tests.stale import REFUSAL, page_flow


@pytest.fixture
def programme(tree, cast):
    return programme_create(
        actor=cast.board,
        org_unit=tree.bdv_hoang_mai,
        year=2023,
        title="Chương trình công tác năm 2023",
    )


def test_programme_page_refuses_the_stale_save_and_shows_the_other_change(programme, cast):
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        reverse("tasks:programme_edit", args=[programme.pk]),
        b_changes={"title": "Chương trình công tác năm 2023 (sửa đổi)"},
        a_changes={"title": "Chương trình năm 2023 của Ban"},
    )
    assert REFUSAL in page and "Chương trình công tác năm 2023 (sửa đổi)" in page
    assert "Chương trình năm 2023 của Ban" in page  # what A typed stays on the page
    assert WorkProgramme.objects.get(pk=programme.pk).title.endswith("(sửa đổi)")


def test_item_page_refuses_the_stale_save_and_shows_the_other_change(programme, cast):
    item = programme_item_add(actor=cast.board, programme=programme, month=4, title="Sơ kết quý")
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        reverse("tasks:programme_item_edit", args=[item.pk]),
        b_changes={"month": "5"},
        a_changes={"title": "Sơ kết quý I"},
    )
    assert REFUSAL in page and "Tháng" in page
    stored = ProgrammeItem.objects.get(pk=item.pk)
    assert (stored.month, stored.title) == (5, "Sơ kết quý")


def test_services_refuse_stale_versions_and_write_only_what_changed(programme, cast):
    programme_update(actor=cast.board, programme=programme, version=1, year=2024)
    with pytest.raises(StaleEdit):
        programme_update(
            actor=cast.admin,
            programme=WorkProgramme.objects.get(pk=programme.pk),
            version=1,
            title="Khác",
        )
    # Without a version (a script), different fields of one row both survive.
    stale_copy = WorkProgramme.objects.get(pk=programme.pk)
    programme_update(actor=cast.board, programme=programme, title="Tên mới")
    programme_update(actor=cast.admin, programme=stale_copy, year=2025)
    stored = WorkProgramme.objects.get(pk=programme.pk)
    assert (stored.title, stored.year, stored.version) == ("Tên mới", 2025, 4)

    item = programme_item_add(actor=cast.board, programme=programme, month=4, title="Việc")
    programme_item_update(actor=cast.board, item=item, version=1, month=6)
    with pytest.raises(StaleEdit):
        programme_item_update(
            actor=cast.admin, item=ProgrammeItem.objects.get(pk=item.pk), version=1, title="X"
        )
    assert ProgrammeItem.objects.get(pk=item.pk).title == "Việc"
