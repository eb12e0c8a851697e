"""The people list as XLSX («Xuất Excel» on Cán bộ): one row per person, positions joined."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from danvan.core.exports import Column, xlsx_response
from danvan.people.models import Person


def _positions(person: Person, *, current: bool) -> str:
    held = [p for p in person.positions.all() if p.is_current == current]
    return "; ".join(f"{p.title} — {p.org_unit.name}" for p in held)


def people_xlsx(people: Iterable[Person], *, filters: Sequence[tuple[str, str]]) -> HttpResponse:
    columns = [
        Column("Họ và tên", lambda p: p.full_name, 28),
        Column("Giới tính", lambda p: p.get_gender_display(), 10),
        Column("Năm sinh", lambda p: p.birth_year, 9),
        Column("Đơn vị", lambda p: p.org_unit.name if p.org_unit_id else "", 30),
        Column("Chức vụ hiện nay", lambda p: _positions(p, current=True), 50, wrap=True),
        Column("Chức vụ đã thôi", lambda p: _positions(p, current=False), 40, wrap=True),
        Column("Điện thoại", lambda p: p.phone, 14),
        Column("Thư điện tử", lambda p: p.email, 26),
    ]
    return xlsx_response(
        title="Cán bộ", columns=columns, rows=people, filename="can-bo", filters=filters
    )
