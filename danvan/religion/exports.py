"""The registers as XLSX («Xuất Excel» on each list). A figure's name is masked and its
phone left out for those who may not see them; the view logs a figures export."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from danvan.core.exports import Column, xlsx_response
from danvan.religion import privacy
from danvan.religion.models import Event, Figure, Organisation, Place


def places_xlsx(places: Iterable[Place], *, filters: Sequence[tuple[str, str]]) -> HttpResponse:
    columns = [
        Column("Tên cơ sở", lambda p: p.name, 36, wrap=True),
        Column("Loại", lambda p: p.get_kind_display(), 24),
        Column("Tôn giáo", lambda p: p.religion.name, 16),
        Column("Tổ chức tôn giáo", lambda p: p.organisation.name if p.organisation else "", 30),
        Column("Địa chỉ", lambda p: p.address, 36, wrap=True),
        Column("Đơn vị, địa bàn", lambda p: p.org_unit.name, 28),
        Column("Văn bản chấp thuận", lambda p: p.decision_ref, 18),
        Column("Ngày chấp thuận", lambda p: p.decision_on, 12),
        Column("Số tín đồ", lambda p: p.followers, 10),
        Column("Tình trạng", lambda p: p.get_state_display(), 16),
        Column("Tạm ngừng từ", lambda p: p.suspended_on, 12),
    ]
    return xlsx_response(
        title="Sổ theo dõi cơ sở thờ tự, điểm nhóm",
        columns=columns,
        rows=places,
        filename="co-so-tho-tu",
        filters=filters,
    )


def organisations_xlsx(
    rows: Iterable[Organisation], *, filters: Sequence[tuple[str, str]]
) -> HttpResponse:
    columns = [
        Column("Tên tổ chức", lambda o: o.name, 40, wrap=True),
        Column("Tôn giáo", lambda o: o.religion.name, 16),
        Column("Tình trạng pháp lý", lambda o: o.get_status_display(), 28),
        Column("Quyết định", lambda o: o.decision_ref, 18),
        Column("Ngày", lambda o: o.decision_on, 12),
        Column("Đơn vị, địa bàn", lambda o: o.org_unit.name, 28),
        Column("Số cơ sở", lambda o: getattr(o, "place_count", 0), 10),
    ]
    return xlsx_response(
        title="Tổ chức tôn giáo",
        columns=columns,
        rows=rows,
        filename="to-chuc-ton-giao",
        filters=filters,
    )


def events_xlsx(events: Iterable[Event], *, filters: Sequence[tuple[str, str]]) -> HttpResponse:
    columns = [
        Column("Sự kiện, lễ hội", lambda e: e.name, 36, wrap=True),
        Column("Tại cơ sở", lambda e: e.place.name, 30),
        Column("Tôn giáo", lambda e: e.place.religion.name, 16),
        Column("Đơn vị, địa bàn", lambda e: e.org_unit.name, 28),
        Column("Từ ngày", lambda e: e.starts_on, 12),
        Column("Đến ngày", lambda e: e.ends_on, 12),
        Column("Dự kiến", lambda e: e.expected_attendance, 10),
        Column("Tham dự", lambda e: e.actual_attendance, 10),
        Column("Tình trạng", lambda e: e.get_state_display(), 16),
        Column("Ghi chú", lambda e: e.note, 40, wrap=True),
    ]
    return xlsx_response(
        title="Sự kiện, lễ hội tôn giáo",
        columns=columns,
        rows=events,
        filename="su-kien-le-hoi",
        filters=filters,
    )


def figures_xlsx(figures: Iterable[Figure], *, user: Any) -> HttpResponse:
    columns = [
        Column("Họ và tên", lambda f: privacy.name_for(user, f), 28),
        Column("Là", lambda f: f.get_role_display(), 16),
        Column("Phẩm sắc, chức vụ", lambda f: f.title, 28),
        Column("Sinh hoạt tại", lambda f: f.place.name if f.place else "", 30),
        Column("Đơn vị, địa bàn", lambda f: f.org_unit.name, 28),
        Column("Điện thoại", lambda f: privacy.phone_for(user, f), 16),
    ]
    return xlsx_response(
        title="Chức sắc, chức việc, tín đồ cốt cán",
        columns=columns,
        rows=figures,
        filename="chuc-sac-cot-can",
    )
