"""Lists handed on as XLSX: each list page's «Xuất Excel» gives the rows it finds, with
its filters, in a sheet that opens with Vietnamese headers, a frozen header row, real dates."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.documents.models import Document, DocumentType
from danvan.meetings.models import MeetingKind
from danvan.meetings.services import meeting_create
from danvan.people.services import person_create
from danvan.tasks.services import task_create
from tests.factories import UserFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 4


def sheet_of(response: Any) -> Any:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(response.content))
    return book.worksheets[0]


def headers(sheet: Any) -> list[str]:
    return [c.value for c in sheet[HEADER_ROW] if c.value]


def column(sheet: Any, header: str) -> list[Any]:
    index = headers(sheet).index(header)
    rows = sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    return [row[index] for row in rows if any(v is not None for v in row)]


@pytest.fixture
def today(monkeypatch: Any) -> dt.date:
    day = dt.date(2026, 11, 20)
    monkeypatch.setattr(clock, "today", lambda: day)
    return day


def test_tasks_export_keeps_the_filters_and_writes_real_dates(tree, cast, as_user, today):
    hm = tree.hoang_mai
    task_create(
        actor=SYSTEM,
        title="Rà soát hộ nghèo",
        lead_unit=tree.dinh_cong,
        owner_unit=hm,
        deadline=dt.date(2026, 11, 15),
        co_units=[tree.dai_kim],
    )
    task_create(actor=SYSTEM, title="Chỉnh trang đô thị", lead_unit=tree.dai_kim, owner_unit=hm)
    task_create(actor=SYSTEM, title="Giữ gìn hồ Tây", lead_unit=tree.buoi, owner_unit=tree.tay_ho)
    client = as_user(cast.board)
    page = client.get(reverse("tasks:list"), {"q": "ra soat"}).content.decode()
    assert "Xuất Excel" in page and "xuat=xlsx" in page

    sheet = sheet_of(client.get(reverse("tasks:list"), {"q": "ra soat", "xuat": "xlsx"}))
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert headers(sheet)[:4] == ["Nhiệm vụ", "Nguồn", "Đơn vị giao", "Đơn vị chủ trì"]
    assert column(sheet, "Nhiệm vụ") == ["Rà soát hộ nghèo"]  # the filter held, no paging
    assert column(sheet, "Đơn vị phối hợp") == ["Phường Đại Kim"]
    assert column(sheet, "Tình trạng") == ["Quá hạn"]
    deadline = column(sheet, "Thời hạn")[0]
    assert isinstance(deadline, dt.datetime) and deadline.date() == dt.date(2026, 11, 15)
    assert "Từ khóa: ra soat" in sheet["A2"].value

    everything = sheet_of(client.get(reverse("tasks:list"), {"xuat": "xlsx"}))
    # Tây Hồ is outside the Hoàng Mai officer's scope, in the sheet as on the page.
    assert sorted(column(everything, "Nhiệm vụ")) == ["Chỉnh trang đô thị", "Rà soát hộ nghèo"]
    assert "không lọc" in everything["A2"].value


def test_meetings_export_lists_the_chair_and_the_unit_filter_by_name(tree, cast, as_user):
    kind = MeetingKind.objects.get(code="giao-ban-thang")
    at = timezone.make_aware(dt.datetime(2026, 10, 5, 8))
    meeting_create(
        actor=SYSTEM, title="Giao ban tháng 10/2026", kind=kind, org_unit=tree.dinh_cong,
        starts_at=at, place="Hội trường phường",
    )  # fmt: skip
    meeting_create(
        actor=SYSTEM, title="Giao ban quận tháng 10", kind=kind, org_unit=tree.hoang_mai,
        starts_at=at,
    )  # fmt: skip
    client = as_user(cast.board)
    url = reverse("meetings:list")
    sheet = sheet_of(client.get(url, {"org_unit": tree.dinh_cong.pk, "xuat": "xlsx"}))
    assert column(sheet, "Hội nghị") == ["Giao ban tháng 10/2026"]
    assert column(sheet, "Địa điểm") == ["Hội trường phường"]
    assert column(sheet, "Bắt đầu")[0] == dt.datetime(2026, 10, 5, 8)
    assert "Đơn vị: Phường Định Công" in sheet["A2"].value


def test_documents_export_and_a_reporter_sees_only_the_ward(tree, cast, as_user):
    chi_thi = DocumentType.objects.get(name="Chỉ thị")
    Document.objects.create(
        org_unit=tree.dinh_cong, reference="05-CT/ĐU", number="05", doc_type=chi_thi,
        title="Về tăng cường công tác dân vận", issued_on=dt.date(2026, 3, 2),
    )  # fmt: skip
    Document.objects.create(org_unit=tree.dai_kim, reference="07-KH/ĐU", number="07")
    mine = sheet_of(as_user(cast.reporter).get(reverse("documents:list"), {"xuat": "xlsx"}))
    assert column(mine, "Số, ký hiệu") == ["05-CT/ĐU"]
    assert column(mine, "Loại") == ["Chỉ thị"]
    board = sheet_of(
        as_user(cast.board).get(reverse("documents:list"), {"doc_type": "x", "xuat": "xlsx"})
    )
    assert sorted(column(board, "Số, ký hiệu")) == ["05-CT/ĐU", "07-KH/ĐU"]


def test_people_export_joins_positions(tree, cast, as_user, officials):
    sheet = sheet_of(as_user(cast.board).get(reverse("people:list"), {"xuat": "xlsx"}))
    names = column(sheet, "Họ và tên")
    assert "Khương Quốc Hưng" in names and "Trần Quang Đạo" not in names  # Tây Hồ: out
    row = names.index("Khương Quốc Hưng")
    assert "Trưởng Ban Dân vận Quận ủy" in column(sheet, "Chức vụ hiện nay")[row]
    person_create(actor=SYSTEM, org_unit=tree.dai_kim, full_name="Lê Văn Bình")
    one = sheet_of(as_user(cast.board).get(reverse("people:list"), {"q": "binh", "xuat": "xlsx"}))
    assert column(one, "Họ và tên") == ["Lê Văn Bình"]


def test_users_export_lists_roles_and_state(tree, cast, as_user):
    locked = UserFactory(username="da_khoa", full_name="Người Đã Khóa", org_unit=tree.dai_kim)
    locked.is_active = False
    locked.save()
    sheet = sheet_of(as_user(cast.admin).get(reverse("users:list"), {"xuat": "xlsx"}))
    usernames = column(sheet, "Tên đăng nhập")
    assert {"board", "reporter", "da_khoa"} <= set(usernames)
    roles = dict(zip(usernames, column(sheet, "Vai trò"), strict=True))
    assert roles["reporter"].endswith("— Phường Định Công")
    states = dict(zip(usernames, column(sheet, "Trạng thái"), strict=True))
    assert states["da_khoa"] == "đã khóa" and states["board"] == "hoạt động"


def test_an_export_nobody_may_see_is_refused(tree, cast, as_user):
    assert as_user(cast.stranger).get(reverse("tasks:list"), {"xuat": "xlsx"}).status_code == 403
    assert as_user(cast.reporter).get(reverse("users:list"), {"xuat": "xlsx"}).status_code == 403
