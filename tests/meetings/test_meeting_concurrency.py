"""Two officers editing one meeting (details, minutes) or one series: no silent overwrite."""

from __future__ import annotations

import pytest

from danvan.core.concurrency import StaleEdit
from danvan.meetings.models import Meeting, MeetingSeries
from danvan.meetings.services import meeting_save_minutes, meeting_update
from tests.conftest import client_for
from tests.stale import REFUSAL, page_flow


def test_meeting_page_refuses_the_stale_save_and_shows_the_other_change(cast, seed_meeting):
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        f"/quan-ly/hoi-nghi/{seed_meeting.pk}/sua/",
        b_changes={"place": "Phòng họp số 2"},
        a_changes={"title": "Giao ban tháng 2/2023 (sửa)"},
    )
    assert REFUSAL in page and "Phòng họp số 2" in page
    assert "Giao ban tháng 2/2023 (sửa)" in page
    stored = Meeting.objects.get(pk=seed_meeting.pk)
    assert stored.place == "Phòng họp số 2" and "(sửa)" not in stored.title


def test_minutes_page_refuses_the_stale_save(cast, seed_meeting):
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        f"/quan-ly/hoi-nghi/{seed_meeting.pk}/bien-ban/",
        b_changes={"minutes": "Biên bản do đồng chí B ghi."},
        a_changes={"minutes": "Biên bản do đồng chí A ghi."},
    )
    assert REFUSAL in page
    assert "Biên bản do đồng chí B ghi." in page and "Biên bản do đồng chí A ghi." in page
    assert Meeting.objects.get(pk=seed_meeting.pk).minutes == "Biên bản do đồng chí B ghi."


def test_series_page_refuses_the_stale_save(tree, cast, giao_ban):
    series = MeetingSeries.objects.create(
        name="Giao ban hằng tháng", kind=giao_ban, org_unit=tree.hoang_mai
    )
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        f"/quan-ly/hoi-nghi/dinh-ky/{series.pk}/sua/",
        b_changes={"place": "Hội trường B"},
        a_changes={"name": "Giao ban tháng (A)"},
    )
    assert REFUSAL in page and "Hội trường B" in page and "Giao ban tháng (A)" in page


def test_meeting_services_refuse_stale(cast, seed_meeting):
    meeting_update(actor=cast.admin, meeting=seed_meeting, version=1, place="Phòng 3")
    with pytest.raises(StaleEdit) as refused:
        meeting_save_minutes(actor=cast.board, meeting=seed_meeting, version=1, minutes="x")
    assert ("Địa điểm", "Phòng 3") in [(c.label, c.value) for c in refused.value.changes]


# --- the parts of a meeting (thành phần dự, điểm cầu, chương trình, ý kiến, kết luận) ---


def _edit_url(meeting, slug: str, row) -> str:
    return f"/quan-ly/hoi-nghi/{meeting.pk}/{slug}/{row.pk}/sua/"


def test_conclusion_edit_refuses_the_stale_save_and_keeps_both_texts(cast, seed_meeting):
    from danvan.meetings.services import conclusion_add

    conclusion = conclusion_add(actor=cast.admin, meeting=seed_meeting, text="Rà soát hộ nghèo.")
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        _edit_url(seed_meeting, "ket-luan", conclusion),
        b_changes={"text": "Rà soát hộ nghèo trước ngày 05/3."},
        a_changes={"text": "Rà soát hộ cận nghèo."},
    )
    assert REFUSAL in page
    assert "Rà soát hộ nghèo trước ngày 05/3." in page and "Rà soát hộ cận nghèo." in page
    conclusion.refresh_from_db()
    assert conclusion.text == "Rà soát hộ nghèo trước ngày 05/3." and conclusion.version == 2


def test_attendance_edit_refuses_the_stale_save(cast, seed_meeting):
    row = seed_meeting.attendances.exclude(name_as_written="").get()
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        _edit_url(seed_meeting, "thanh-phan", row),
        b_changes={"position_as_written": "Phó Chủ tịch"},
        a_changes={"name_as_written": "đại diện Hội Cựu chiến binh Quận"},
    )
    assert REFUSAL in page and "Phó Chủ tịch" in page
    row.refresh_from_db()
    assert row.position_as_written == "Phó Chủ tịch"
    assert row.name_as_written.startswith("đại diện lãnh đạo MTTQ")


def test_agenda_item_service_refuses_stale_and_keeps_unchanged_fields(cast, seed_meeting):
    from danvan.meetings.services import agenda_item_add, agenda_item_update

    item = agenda_item_add(actor=cast.admin, meeting=seed_meeting, title="Báo cáo kết quả tháng 2")
    agenda_item_update(actor=cast.admin, item=item, version=1, title="Báo cáo tháng 2")
    with pytest.raises(StaleEdit) as refused:
        agenda_item_update(actor=cast.board, item=item, version=1, title="Báo cáo (B)")
    assert [(c.label.lower(), c.value) for c in refused.value.changes] == [
        ("nội dung", "Báo cáo tháng 2")
    ]
    item.refresh_from_db()
    assert item.title == "Báo cáo tháng 2" and item.version == 2
