"""The awards list as XLSX («Xuất Excel» on Khen thưởng), with the filters asked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from danvan.awards.models import Award
from danvan.core.exports import Column, xlsx_response


def awards_xlsx(awards: Iterable[Award], *, filters: Sequence[tuple[str, str]]) -> HttpResponse:
    columns = [
        Column("Tập thể, cá nhân", lambda a: a.recipient_name, 36, wrap=True),
        Column("Đối tượng", lambda a: a.get_recipient_kind_display(), 12),
        Column("Chức vụ, đơn vị công tác", lambda a: a.recipient_detail, 30, wrap=True),
        Column("Hình thức", lambda a: a.decision.form.name, 22),
        Column("Thành tích", lambda a: a.achievement, 50, wrap=True),
        Column("Cơ quan quyết định", lambda a: a.decision.issuer.name, 30),
        Column("Số quyết định", lambda a: a.decision.reference, 16),
        Column("Ngày quyết định", lambda a: a.decision.decided_on, 14),
        Column("Trao tại hội nghị", lambda a: a.meeting.title if a.meeting else "", 40, wrap=True),
        Column("Thu hồi ngày", lambda a: a.revoked_on, 14),
        Column("Lý do thu hồi", lambda a: a.revoked_reason, 30, wrap=True),
    ]
    return xlsx_response(
        title="Khen thưởng", columns=columns, rows=awards, filename="khen-thuong", filters=filters
    )
