"""The pages: each workflow by role on real pages (the ward's reporter plans and runs an
activity, records its recommendations, the answers, closes or escalates them), scope
(another ward's leader and the viewer), stale versions refused with the other change
shown, bad input answered with a Vietnamese message (never a 500), the XLSX exports."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.access.roles import Role
from danvan.core.exports import HEADER_ROW
from danvan.supervision.models import Activity, Programme, Recommendation, Response
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_lists_scope_and_filters(register, cast, tree, as_user):
    assert as_user(cast.stranger).get(reverse("supervision:activities")).status_code == 404
    assert as_user(cast.stranger).get(reverse("supervision:recommendations")).status_code == 404
    page = as_user(cast.reporter).get(reverse("supervision:activities"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Giám sát việc quản lý chợ dân sinh" in text
    assert "Giám sát trật tự đô thị" not in text  # Phường Đại Kim's
    assert "2 kiến nghị đã quá hạn trả lời" in text
    board = as_user(cast.board)
    both = board.get(reverse("supervision:activities"), {"loai": "giam_sat"}).content.decode()
    assert "Giám sát trật tự đô thị" in both and "Phản biện dự thảo" not in both
    held = board.get(reverse("supervision:activities"), {"da_to_chuc": "1"}).content.decode()
    assert "Giám sát thu gom rác" not in held
    found = board.get(reverse("supervision:activities"), {"q": "chợ"}).content.decode()
    assert "chợ dân sinh" in found and "trật tự đô thị" not in found
    late = board.get(reverse("supervision:recommendations"), {"qua_han": "on"}).content.decode()
    assert f"/kien-nghi/{register.late.pk}/" in late
    assert f"/kien-nghi/{register.draft_rec.pk}/" in late
    assert f"/kien-nghi/{register.waiting.pk}/" not in late
    assert "Quá hạn" in late
    empty = board.get(reverse("supervision:activities"), {"q": "không có gì như thế"})
    assert "Không có hoạt động nào khớp bộ lọc." in empty.content.decode()
    other = UserFactory(username="lanh_dao_dai_kim")
    grant(other, Role.UNIT_LEADER, tree.dai_kim)
    client = as_user(other)
    assert client.get(reverse("supervision:activity", args=[register.market.pk])).status_code == 404
    assert client.get(reverse("supervision:activity", args=[register.far.pk])).status_code == 200
    url = reverse("supervision:recommendation", args=[register.late.pk])
    assert client.get(url).status_code == 404


def test_bad_filters_and_ids_never_500(register, cast, as_user):
    client = as_user(cast.board)
    for query in (
        {"tu": "31/02/2026"},
        {"nam": "99999999999999999999"},
        {"nam": "abc"},
        {"don_vi": "999999999999999999999"},
        {"loai": "khong_co"},
        {"page": "-1"},
    ):
        response = client.get(reverse("supervision:activities"), query)
        assert response.status_code == 200, query
    response = client.get(reverse("supervision:recommendations"), {"qua_han_ngay": "x"})
    assert response.status_code == 200
    assert client.get("/quan-ly/giam-sat/hoat-dong/99999999/").status_code == 404


def test_reporter_runs_the_whole_workflow(register, cast, tree, as_user, day):
    client = as_user(cast.reporter)
    # A programme of the ward's Front.
    response = client.post(
        reverse("supervision:programme_create"),
        {
            "org_unit": tree.mttq_dinh_cong.pk,
            "year": 2026,
            "title": "Kế hoạch giám sát chuyên đề năm 2026",
            "basis": "217-QĐ/TW",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    programme = Programme.objects.get(title="Kế hoạch giám sát chuyên đề năm 2026")
    response = client.post(
        reverse("supervision:activity_create", args=[programme.pk]),
        {
            "kind": "giam_sat",
            "form": "ban_ttnd",
            "title": "Giám sát việc thu phí trông giữ xe",
            "target": "Hợp tác xã dịch vụ",
            "starts_on": "2026-03-09",
            "members": "Ban Thanh tra nhân dân phường",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Giám sát việc thu phí trông giữ xe")
    assert activity.state == "ke_hoach" and activity.org_unit == tree.mttq_dinh_cong
    detail = reverse("supervision:activity", args=[activity.pk])
    page = client.get(detail).content.decode()
    assert "Bắt đầu thực hiện" in page and "Thêm kiến nghị" not in page
    # A recommendation is refused while the activity is only planned.
    refused = client.post(
        reverse("supervision:recommendation_create", args=[activity.pk]),
        {"content": "Công khai mức phí", "addressed_to": "HTX", "due_on": "2026-03-20"},
    )
    assert refused.status_code == 400
    assert "chỉ ghi kiến nghị của hoạt động đã tiến hành" in refused.content.decode()
    start = client.post(
        reverse("supervision:activity_start", args=[activity.pk]), {"version": activity.version}
    )
    assert start.status_code == 302
    activity.refresh_from_db()
    assert activity.state == "dang_thuc_hien"
    made = client.post(
        reverse("supervision:recommendation_create", args=[activity.pk]),
        {
            "content": "Công khai mức phí trông giữ xe",
            "addressed_to": "Hợp tác xã dịch vụ",
            "due_on": "2026-03-25",
        },
    )
    assert made.status_code == 302
    rec = Recommendation.objects.get(content="Công khai mức phí trông giữ xe")
    assert rec.made_on == day and rec.state == "cho_tra_loi"
    # Ending needs what was found.
    activity.refresh_from_db()
    no_findings = client.post(
        reverse("supervision:activity_end", args=[activity.pk]),
        {"findings": "", "version": activity.version},
    )
    assert no_findings.status_code == 400 and "Kết quả, phát hiện" in no_findings.content.decode()
    ended = client.post(
        reverse("supervision:activity_end", args=[activity.pk]),
        {"findings": "Mức thu đúng quy định, chưa niêm yết.", "version": activity.version},
    )
    assert ended.status_code == 302
    activity.refresh_from_db()
    assert activity.state == "da_ket_thuc" and activity.ends_on == day
    # The answer, then closing.
    rec_url = reverse("supervision:recommendation", args=[rec.pk])
    assert "Ghi nhận trả lời" in client.get(rec_url).content.decode()
    answered = client.post(
        reverse("supervision:response_create", args=[rec.pk]),
        {
            "received_on": "2026-03-10",
            "by_body": "",
            "summary": "Đã niêm yết mức phí.",
            "version": rec.version,
        },
    )
    assert answered.status_code == 302
    rec.refresh_from_db()
    assert rec.state == "da_tra_loi" and rec.answered_on == day
    assert Response.objects.get(recommendation=rec).by_body == "Hợp tác xã dịch vụ"
    closed = client.post(
        reverse("supervision:recommendation_close", args=[rec.pk]),
        {"outcome": "Đã thực hiện.", "version": rec.version},
    )
    assert closed.status_code == 302
    rec.refresh_from_db()
    assert rec.state == "da_dong" and rec.settled_on == day
    assert "Ghi nhận trả lời" not in client.get(rec_url).content.decode()


def test_escalate_and_cancel(register, cast, as_user):
    client = as_user(cast.leader)
    late = register.late
    response = client.post(
        reverse("supervision:recommendation_escalate", args=[late.pk]),
        {"escalated_to": "", "outcome": "Quá hạn", "version": late.version},
    )
    assert response.status_code == 400
    assert "Kiến nghị tiếp tới" in response.content.decode()
    response = client.post(
        reverse("supervision:recommendation_escalate", args=[late.pk]),
        {
            "escalated_to": "Ban Thường trực Ủy ban MTTQ thành phố",
            "outcome": "Quá hạn 2 tuần chưa trả lời.",
            "version": late.version,
        },
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.state == "kien_nghi_tiep" and late.escalated_to.startswith("Ban Thường trực")
    # A waiting recommendation cannot be closed (only an answered one).
    waiting = register.waiting
    refused = client.post(
        reverse("supervision:recommendation_close", args=[waiting.pk]),
        {"outcome": "x", "version": waiting.version},
    )
    assert refused.status_code == 400 and "không chuyển sang" in refused.content.decode()
    planned = register.planned
    no_reason = client.post(
        reverse("supervision:activity_cancel", args=[planned.pk]),
        {"reason": "", "version": planned.version},
    )
    assert no_reason.status_code == 400 and "Lý do hủy" in no_reason.content.decode()
    cancelled = client.post(
        reverse("supervision:activity_cancel", args=[planned.pk]),
        {"reason": "Trùng lịch kiểm tra của UBND", "version": planned.version},
    )
    assert cancelled.status_code == 302
    planned.refresh_from_db()
    assert planned.state == "huy" and planned.cancel_reason == "Trùng lịch kiểm tra của UBND"


def test_viewer_reads_but_does_not_write(register, cast, as_user):
    client = as_user(cast.viewer)
    detail = client.get(reverse("supervision:activity", args=[register.planned.pk]))
    assert detail.status_code == 200 and "Bắt đầu thực hiện" not in detail.content.decode()
    for name, pk in (
        ("supervision:activity_start", register.planned.pk),
        ("supervision:activity_cancel", register.planned.pk),
        ("supervision:response_create", register.waiting.pk),
        ("supervision:recommendation_escalate", register.waiting.pk),
    ):
        assert client.post(reverse(name, args=[pk]), {"version": 1}).status_code == 404, name
    assert client.get(reverse("supervision:programme_create")).status_code == 404
    register.planned.refresh_from_db()
    assert register.planned.state == "ke_hoach"


def test_stale_edit_refused_with_the_other_change_shown(register, cast, as_user):
    rec = register.waiting
    url = reverse("supervision:recommendation_edit", args=[rec.pk])
    first, second = as_user(cast.leader), as_user(cast.reporter)
    form = {
        "content": rec.content,
        "addressed_to": rec.addressed_to,
        "made_on": "2026-03-05",
        "due_on": "2026-04-10",
        "version": rec.version,
    }
    assert first.post(url, form).status_code == 302
    stale = second.post(url, form | {"addressed_to": "Ban quản lý chợ Định Công"})
    assert stale.status_code == 400
    text = stale.content.decode()
    assert "đã được" in text and "sau khi bạn mở trang" in text
    assert "10/04/2026" in text  # the other person's change, shown
    rec.refresh_from_db()
    assert rec.addressed_to == "Ban quản lý chợ" and rec.version == 2


def test_bad_input_answered_in_vietnamese(register, cast, tree, as_user):
    client = as_user(cast.reporter)
    create = reverse("supervision:programme_create")
    for data, field in (
        ({"org_unit": tree.mttq_dinh_cong.pk, "year": "99999999999", "title": "x"}, "Năm"),
        ({"org_unit": tree.mttq_dinh_cong.pk, "year": "2026", "title": "a\x00b"}, "ký tự"),
        ({"org_unit": tree.mttq_dinh_cong.pk, "year": "abc", "title": "x"}, "Năm"),
    ):
        response = client.post(create, data)
        assert response.status_code == 400, data
        assert field in response.content.decode()
    add = reverse("supervision:activity_create", args=[register.programme.pk])
    wrong_year = client.post(
        add,
        {
            "kind": "giam_sat",
            "form": "doan_giam_sat",
            "title": "x",
            "target": "y",
            "starts_on": "2025-12-01",
        },
    )
    assert wrong_year.status_code == 400 and "thuộc năm 2026" in wrong_year.content.decode()
    bad_kind = client.post(add, {"kind": "khac", "form": "x", "title": "", "starts_on": "x"})
    assert bad_kind.status_code == 400
    rec = reverse("supervision:recommendation_create", args=[register.market.pk])
    before = client.post(
        rec, {"content": "x", "addressed_to": "y", "made_on": "2026-03-05", "due_on": "2026-03-01"}
    )
    assert before.status_code == 400
    assert "Hạn trả lời không được trước ngày kiến nghị" in before.content.decode()
    future = client.post(
        reverse("supervision:response_create", args=[register.waiting.pk]),
        {"received_on": "2030-01-01", "summary": "x"},
    )
    assert future.status_code == 400 and "không được sau hôm nay" in future.content.decode()


def test_exports_open_with_the_rows(register, cast, as_user):
    client = as_user(cast.board)
    response = client.get(reverse("supervision:activities"), {"xuat": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]]
    assert len(rows) == 5
    market = next(r for r in rows if r[0] == "Giám sát việc quản lý chợ dân sinh")
    assert market[9] == 2  # its recommendations
    response = client.get(reverse("supervision:recommendations"), {"qua_han": "on", "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]]
    assert len(rows) == 2 and all(r[8] == "Có" for r in rows)


def test_programme_pages_and_edits(register, cast, as_user):
    client = as_user(cast.leader)
    listing = client.get(reverse("supervision:programmes")).content.decode()
    assert "Chương trình giám sát, phản biện xã hội năm 2026" in listing
    assert "Chương trình năm 2026 Đại Kim" not in listing
    detail = client.get(reverse("supervision:programme", args=[register.programme.pk]))
    text = detail.content.decode()
    assert detail.status_code == 200 and "Giám sát thu gom rác" in text
    assert "217-QĐ/TW, 218-QĐ/TW" in text
    edit = reverse("supervision:programme_edit", args=[register.programme.pk])
    assert client.get(edit).status_code == 200
    saved = client.post(
        edit,
        {
            "year": 2026,
            "title": "Chương trình giám sát, phản biện xã hội năm 2026 (điều chỉnh)",
            "basis": "217-QĐ/TW, 218-QĐ/TW",
            "approved_by": "Ban Thường vụ Đảng ủy phường",
            "approved_on": "2026-01-15",
            "version": register.programme.version,
        },
    )
    assert saved.status_code == 302
    register.programme.refresh_from_db()
    assert register.programme.title.endswith("(điều chỉnh)") and register.programme.version == 2
    # An ended activity keeps its facts: only findings and members are edited.
    ended = reverse("supervision:activity_edit", args=[register.market.pk])
    form = client.get(ended).content.decode()
    assert 'name="findings"' in form and 'name="starts_on"' not in form
    saved = client.post(
        ended,
        {
            "findings": "Đã làm rõ; chợ cần bố trí lại lối thoát hiểm.",
            "members": "Đoàn giám sát",
            "version": register.market.version,
        },
    )
    assert saved.status_code == 302
    register.market.refresh_from_db()
    assert "lối thoát hiểm" in register.market.findings
    page = client.get(reverse("supervision:recommendation", args=[register.answered.pk]))
    assert "Đã chỉ đạo sắp xếp lại khu vực chợ." in page.content.decode()
    assert "Đóng kiến nghị" in page.content.decode()
