"""The register as XLSX («Xuất Excel» on the list of models)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from danvan.core.exports import Column, names, xlsx_response
from danvan.emulation.models import EmulationModel


def models_xlsx(
    models: Iterable[EmulationModel], *, filters: Sequence[tuple[str, str]]
) -> HttpResponse:
    columns = [
        Column("Tên mô hình, điển hình", lambda m: m.name, 50, wrap=True),
        Column("Loại", lambda m: m.get_kind_display(), 12),
        Column("Tập thể / cá nhân", lambda m: m.get_holder_display(), 12),
        Column("Lĩnh vực", lambda m: m.field.name, 24),
        Column("Đơn vị đăng ký", lambda m: m.unit.name, 32),
        Column("Lực lượng chủ trì", lambda m: m.lead_unit.name, 32),
        Column("Lực lượng phối hợp", lambda m: names(m.partner_units.all()), 32, wrap=True),
        Column("Địa chỉ, địa bàn", lambda m: m.address, 32, wrap=True),
        Column("Đợt thi đua", lambda m: m.campaign.name, 36, wrap=True),
        Column("Ngày đăng ký", lambda m: m.registered_on, 12),
        Column("Tình trạng", lambda m: m.get_state_display(), 16),
        Column(
            "Cấp công nhận", lambda m: m.recognised_level.name if m.recognised_level else "", 14
        ),
        Column("Ngày công nhận", lambda m: m.recognised_on, 12),
        Column("Kinh phí (triệu đồng)", lambda m: m.funds, 14),
        Column("Xã hội hóa (triệu đồng)", lambda m: m.socialised_funds, 14),
        Column("Ngày công", lambda m: m.workdays, 10),
    ]
    return xlsx_response(
        title="Mô hình, điển hình «Dân vận khéo»",
        columns=columns,
        rows=models,
        filename="mo-hinh-dan-van-kheo",
        filters=filters,
    )
