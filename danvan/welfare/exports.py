"""The gift list and the disclosure list as XLSX. Households appear as the pages show
them to the exporter (masked without the capability); never an ID number or a phone.
Every export is logged by the view."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from danvan.core.exports import Column, xlsx_response
from danvan.welfare import privacy
from danvan.welfare.models import Campaign, Gift


def _area(g: Gift) -> str:
    return privacy.area_label(g.beneficiary) or "—"


def gifts_xlsx(
    gifts: Iterable[Gift], *, user: Any, filters: Sequence[tuple[str, str]]
) -> HttpResponse:
    columns = [
        Column("Ngày trao", lambda g: g.given_on, 12),
        Column("Đợt", lambda g: g.campaign.name, 30, wrap=True),
        Column("Đơn vị trao", lambda g: g.giver.name, 30, wrap=True),
        Column("Hộ, người nhận", lambda g: privacy.gift_label(user, g), 32, wrap=True),
        Column("Đối tượng", lambda g: g.get_category_display(), 20),
        Column("Số suất", lambda g: g.portions, 8),
        Column("Giá trị (đồng)", lambda g: int(g.value), 16),
        Column("Hình thức", lambda g: g.get_form_display(), 12),
        Column("Nội dung quà", lambda g: g.description, 30, wrap=True),
        Column("Trùng", lambda g: g.get_duplicate_state_display() if g.duplicate_state else "", 22),
    ]
    return xlsx_response(
        title="Danh sách trao quà",
        columns=columns,
        rows=gifts,
        filename="trao-qua",
        filters=filters,
    )


def disclosure_xlsx(campaign: Campaign, gifts: Iterable[Gift], *, full_names: bool) -> HttpResponse:
    """Danh sách công khai: name (masked when not yet public for the reader), khu dân cư,
    category and what each household received."""
    counter = iter(range(1, 10**9))

    def name(g: Gift) -> str:
        return g.beneficiary.head_name if full_names else privacy.masked(g.beneficiary)

    columns = [
        Column("STT", lambda g: next(counter), 6),
        Column("Họ tên chủ hộ, người nhận", name, 30, wrap=True),
        Column("Khu dân cư", _area, 22),
        Column("Đối tượng", lambda g: g.get_category_display(), 20),
        Column("Đơn vị trao", lambda g: g.giver.name, 30, wrap=True),
        Column("Số suất", lambda g: g.portions, 8),
        Column("Giá trị (đồng)", lambda g: int(g.value), 16),
        Column("Hình thức", lambda g: g.get_form_display(), 12),
    ]
    state = (
        f"công khai ngày {campaign.published_on:%d/%m/%Y}" if campaign.published_on else "dự thảo"
    )
    return xlsx_response(
        title=f"Danh sách công khai — {campaign.name}",
        columns=columns,
        rows=gifts,
        filename=f"cong-khai-{campaign.pk}",
        filters=[("Đơn vị tổ chức", campaign.org_unit.name), ("Tình trạng", state)],
    )
