"""The register's figures for the reports (``danvan.reporting.sources``).

Registered in :meth:`EmulationConfig.ready`. The keys are named in
``danvan.reporting.catalog.SOURCED``:

- ``emulation.registered``: models registered (``registered_on``) in the report's window;
- ``emulation.recognised``: models recognised (``recognised_on``) in the window, not
  stopped since;
- ``emulation.registered.<field code>``: registered in the window, in that field.

Counted by the model's registering unit, with the same querysets as the register's
"Thống kê" page (``danvan.emulation.selectors``).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse

from danvan.emulation import selectors
from danvan.org.models import OrgUnit
from danvan.reporting import sources

REGISTER = "Sổ mô hình «Dân vận khéo»"
REGISTERED = "emulation.registered"
RECOGNISED = "emulation.recognised"
# (field code, indicator code): the four fields of DOMAIN.md §3.
BY_FIELD = (
    ("kinh-te", "MO_HINH_DVK_KT"),
    ("van-hoa-xa-hoi", "MO_HINH_DVK_VHXH"),
    ("quoc-phong-an-ninh", "MO_HINH_DVK_QPAN"),
    ("xay-dung-he-thong-chinh-tri", "MO_HINH_DVK_XDHTCT"),
)


def field_key(code: str) -> str:
    return f"{REGISTERED}.{code}"


def list_url(
    unit: OrgUnit, start: dt.date, end: dt.date, *, recognised: bool = False, field: str = ""
) -> str:
    params = {"don_vi": str(unit.pk), "tu": start.isoformat(), "den": end.isoformat()}
    if recognised:
        params["theo"] = "cong_nhan"
    if field:
        params["linh_vuc"] = field
    return f"{reverse('emulation:list')}?{urlencode(params)}"


def _field_source(code: str) -> sources.Source:
    return sources.Source(
        key=field_key(code),
        register=REGISTER,
        count=lambda ids, start, end: selectors.count_registered(ids, start, end, code),
        list_url=lambda unit, start, end: list_url(unit, start, end, field=code),
    )


def register() -> None:
    sources.register(
        sources.Source(
            key=REGISTERED,
            register=REGISTER,
            count=selectors.count_registered,
            list_url=list_url,
        )
    )
    sources.register(
        sources.Source(
            key=RECOGNISED,
            register=REGISTER,
            count=selectors.count_recognised,
            list_url=lambda unit, start, end: list_url(unit, start, end, recognised=True),
        )
    )
    for code, _ in BY_FIELD:
        sources.register(_field_source(code))
