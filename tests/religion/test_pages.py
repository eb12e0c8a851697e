"""The pages: scope (another ward's leader gets 404), masked figures and the read log,
situations hidden from everyone without RELIGION_SENSITIVE, transitions by role, stale
versions and bad input answered with a message (never a 500), the XLSX export."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core.exports import HEADER_ROW
from danvan.religion.models import Event, EventState, Place, ReadLog, Situation

pytestmark = pytest.mark.django_db


def test_places_list_filters_and_scope(register, cast, as_user):
    assert as_user(cast.stranger).get(reverse("religion:places")).status_code == 404
    page = as_user(cast.reporter).get(reverse("religion:places"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Chùa Định Công" in text and "Chùa Đại Kim" not in text
    assert "Đại lễ cầu an" in text  # the coming festival
    filtered = as_user(cast.board).get(reverse("religion:places"), {"loai": "diem_nhom"})
    assert "Điểm nhóm Tin lành" in filtered.content.decode()
    assert f'href="/quan-ly/ton-giao/co-so/{register.pagoda.pk}/"' not in filtered.content.decode()
    other = as_user(register.other_leader)
    assert other.get(reverse("religion:place", args=[register.pagoda.pk])).status_code == 404
    assert other.get(reverse("religion:place", args=[register.far.pk])).status_code == 200
    bad = as_user(cast.board).get(reverse("religion:places"), {"ngay": "31/02/2026", "q": "a"})
    assert bad.status_code == 200


def test_places_export_opens_with_the_rows(register, cast, as_user):
    response = as_user(cast.board).get(
        reverse("religion:places"), {"xuat": "xlsx", "ton_giao": register.pagoda.religion.pk}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]]
    assert sorted(r[0] for r in rows) == ["Chùa Đại Kim", "Chùa Định Công"]
    events = as_user(cast.board).get(reverse("religion:events"), {"xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(events.content)).active
    names = [r[0] for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]]
    assert len(names) == 4 and "Lễ hội chùa Định Công" in names


def test_figures_masked_without_manage_and_every_read_logged(register, cast, as_user):
    url = reverse("religion:place", args=[register.pagoda.pk])
    masked = as_user(cast.reporter).get(url).content.decode()
    assert "Nguyễn V. T." in masked and "Nguyễn Văn Tâm" not in masked
    assert "0912 000 101" not in masked
    full = as_user(cast.board).get(url).content.decode()
    assert "Nguyễn Văn Tâm" in full and "0912 000 101" in full
    detail = as_user(cast.viewer).get(reverse("religion:figure", args=[register.monk.pk]))
    assert "0912 000 101" not in detail.content.decode()
    listing = as_user(cast.viewer).get(reverse("religion:figures")).content.decode()
    assert "Nguyễn V. T." in listing
    logs = ReadLog.objects.filter(figure=register.monk)
    assert logs.filter(user=cast.viewer, action="xem", full_shown=False).count() == 1
    assert ReadLog.objects.filter(user=cast.board, action="danh_sach").exists()
    assert ReadLog.objects.filter(user=cast.viewer, action="danh_sach").exists()


def test_situations_exist_only_for_the_sensitive_capability(register, cast, as_user):
    detail = reverse("religion:situation", args=[register.situation.pk])
    for user in (cast.board, cast.reporter, cast.viewer):
        client = as_user(user)
        assert client.get(reverse("religion:situations")).status_code == 404
        assert client.get(detail).status_code == 404
    # Another ward's leader follows its own ward's situations, never this one.
    other = as_user(register.other_leader)
    assert "ngoài giờ" not in other.get(reverse("religion:situations")).content.decode()
    assert other.get(detail).status_code == 404
    place_page = as_user(cast.board).get(reverse("religion:place", args=[register.point.pk]))
    assert "ngoài giờ" not in place_page.content.decode()
    leader = as_user(cast.leader)
    assert "ngoài giờ đăng ký" in leader.get(reverse("religion:situations")).content.decode()
    assert leader.get(detail).status_code == 200
    assert ReadLog.objects.filter(situation=register.situation, user=cast.leader).count() == 1
    closed = leader.post(
        reverse("religion:situation_close", args=[register.situation.pk]),
        {"to": "on_dinh", "outcome": "Điểm nhóm đã sinh hoạt đúng lịch", "version": 1},
    )
    assert closed.status_code == 302
    assert Situation.objects.get().state == "on_dinh"
    assert (
        as_user(cast.board)
        .post(reverse("religion:situation_close", args=[register.situation.pk]), {})
        .status_code
        == 404
    )


def test_event_transitions_by_role(register, cast, as_user, today):
    import datetime as dt

    today(dt.date(2026, 3, 21))
    held = reverse("religion:event_held", args=[register.coming.pk])
    assert as_user(cast.reporter).post(held, {"actual_attendance": "10"}).status_code == 404
    assert as_user(register.other_leader).post(held, {"actual_attendance": "9"}).status_code == 404
    bad = as_user(cast.board).post(held, {"actual_attendance": "nhiều"})
    assert bad.status_code == 400 and "Số người thực tế tham dự" in bad.content.decode()
    ok = as_user(cast.board).post(held, {"actual_attendance": "1600", "version": "1"})
    assert ok.status_code == 302
    event = Event.objects.get(pk=register.coming.pk)
    assert event.state == EventState.HELD and event.actual_attendance == 1600
    again = as_user(cast.board).post(
        reverse("religion:event_cancel", args=[event.pk]), {"note": "x", "version": event.version}
    )
    assert again.status_code == 400 and "không chuyển sang" in again.content.decode()


def test_edit_with_a_stale_version_is_refused(register, cast, as_user):
    url = reverse("religion:place_edit", args=[register.pagoda.pk])
    client = as_user(cast.board)
    assert client.get(url).status_code == 200
    data = {
        "name": "Chùa Định Công (Linh Tiên tự)",
        "kind": "co_so",
        "religion": register.pagoda.religion.pk,
        "address": "ngõ 6",
        "followers": "700",
        "version": "1",
    }
    assert client.post(url, data).status_code == 302
    stale = client.post(url, data | {"name": "Chùa khác"})
    assert stale.status_code == 400 and "sau khi bạn mở trang" in stale.content.decode()
    assert Place.objects.get(pk=register.pagoda.pk).name == "Chùa Định Công (Linh Tiên tự)"
    assert as_user(cast.reporter).get(url).status_code == 404


def test_create_forms_refuse_bad_input_with_a_message(register, cast, tree, as_user):
    client = as_user(cast.board)
    response = client.post(
        reverse("religion:place_create"),
        {
            "org_unit": tree.dinh_cong.pk,
            "name": "Điểm\x00nhóm",
            "kind": "diem_nhom",
            "religion": register.point.religion.pk,
            "address": "x",
            "followers": "-1",
        },
    )
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.content.decode()
    missing = client.post(
        reverse("religion:place_create"),
        {
            "org_unit": tree.dinh_cong.pk,
            "name": "Điểm nhóm mới",
            "kind": "diem_nhom",
            "religion": register.point.religion.pk,
            "address": "x",
            "followers": "5",
        },
    )
    assert missing.status_code == 400 and "văn bản chấp thuận" in missing.content.decode()
    created = client.post(
        reverse("religion:event_create"),
        {
            "place": register.church.pk,
            "name": "Lễ Giáng sinh",
            "starts_on": "2026-03-25",
            "ends_on": "2026-03-24",
            "expected_attendance": "100",
        },
    )
    assert (
        created.status_code == 400 and "không được trước ngày bắt đầu" in created.content.decode()
    )
    assert as_user(cast.reporter).get(reverse("religion:event_create")).status_code == 404


def test_other_pages_render(register, cast, as_user):
    client = as_user(cast.leader)
    for name in ("organisations", "figures", "events", "models", "situation_create"):
        assert client.get(reverse(f"religion:{name}")).status_code == 200, name
    event_page = client.get(reverse("religion:event", args=[register.festival.pk]))
    assert event_page.status_code == 200
