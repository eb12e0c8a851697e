"""The register as XLSX («Xuất Excel» on the list; the sổ tiếp công dân). Petitioners are
masked as on the list unless the exporter may see them; ID numbers only when a manager
asks for them (``with_ids``); a tố cáo's petitioner is never exported except to its
handling officer and administrators. Every export is logged by the view."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from danvan.core import clock
from danvan.core.exports import Column, xlsx_response
from danvan.petitions import privacy
from danvan.petitions.models import Petition, ReceptionSession


def _people(user: Any, with_ids: bool) -> Any:
    def value(p: Petition) -> str:
        if p.anonymous:
            return privacy.ANONYMOUS
        if not privacy.may_see_identity(user, p):
            return privacy.list_label(p)
        parts = []
        for person in p.petitioners.all():
            bits = [person.full_name, person.address, person.phone]
            if with_ids and person.id_number:
                bits.append(f"CCCD {person.id_number}")
            parts.append(", ".join(b for b in bits if b))
        return "; ".join(parts)

    return value


def petitions_xlsx(
    petitions: Iterable[Petition],
    *,
    user: Any,
    with_ids: bool,
    filters: Sequence[tuple[str, str]],
) -> HttpResponse:
    today = clock.today()
    columns = [
        Column("Số vào sổ", lambda p: p.reference, 10),
        Column("Ngày nhận", lambda p: p.received_on, 12),
        Column("Đơn vị tiếp nhận", lambda p: p.org_unit.name, 28),
        Column("Nguồn đơn", lambda p: p.get_channel_display(), 18),
        Column("Loại đơn", lambda p: p.get_kind_display(), 16),
        Column("Người đứng đơn", _people(user, with_ids), 40, wrap=True),
        Column("Số người", lambda p: p.group_size, 8),
        Column("Nội dung", lambda p: p.subject, 60, wrap=True),
        Column("Giai đoạn", lambda p: p.get_stage_display(), 18),
        Column("Hạn", lambda p: p.due_on, 12),
        Column("Quá hạn", lambda p: p.is_overdue(today), 8),
        Column("Đơn trùng", lambda p: p.get_duplicate_state_display(), 16),
        Column("Xử lý xong ngày", lambda p: p.resolved_on, 12),
        Column("Kết quả", lambda p: p.outcome, 50, wrap=True),
    ]
    return xlsx_response(
        title="Sổ theo dõi xử lý đơn thư",
        columns=columns,
        rows=petitions,
        filename="so-don-thu",
        filters=filters,
    )


def sessions_xlsx(
    sessions: Iterable[ReceptionSession], *, filters: Sequence[tuple[str, str]]
) -> HttpResponse:
    """Sổ tiếp công dân: one row per citizen (or group) received. Names are masked."""
    rows = [(s, v) for s in sessions for v in s.visits.all()]
    columns = [
        Column("Ngày tiếp", lambda r: r[0].held_on, 12),
        Column("Đơn vị", lambda r: r[0].org_unit.name, 28),
        Column("Hình thức", lambda r: r[0].get_kind_display(), 16),
        Column("Người tiếp", lambda r: r[0].host, 24),
        Column("Công dân", lambda r: privacy.mask_name(r[1].full_name), 20),
        Column("Số người", lambda r: r[1].group_size, 8),
        Column("Nội dung trình bày", lambda r: r[1].raised, 50, wrap=True),
        Column("Trả lời, hướng dẫn", lambda r: r[1].answered, 50, wrap=True),
    ]
    return xlsx_response(
        title="Sổ tiếp công dân",
        columns=columns,
        rows=rows,
        filename="so-tiep-cong-dan",
        filters=filters,
    )
