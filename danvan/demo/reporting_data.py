"""Demo figures: the seeds' numbers stored as counts, and two years of monthly figures.

Store counts, never rates (DESIGN.md): "99,95% cử tri đi bầu" is kept as voters on the
list and voters who voted, per ward; "08/24 đơn" as 8 resolved and 24 received. The
aggregates recompute the rates at every level.

- Seed 002 (Thành phố Tam Điệp, 6 tháng đầu năm 2021): each of the 9 xã/phường reports
  the six-month form BC_6THANG for 2021H1. The ward figures add up exactly to the
  article's: 9.081 suất quà worth 2.811,7 triệu đồng, 117 lượt tiếp công dân, 08/24
  đơn; 41.236 cử tri of whom 41.215 voted (99,949…% → "99,95%"), and 5 of the 9 wards
  have every voter voting (5/9 at 100%).
- Seed 003 (Quận Tây Hồ, 2020): the Hội Chữ thập đỏ of the 8 phường report 126 chi hội
  and 5.573 hội viên for 2020H1 (stocks, LAST); the district figure is their sum. The
  2010 baseline (112 chi hội, 4.949 hội viên) is stored at the annual period "2010".
  5.573 against 4.949 is +12,6% as the article says; 126 chi hội against any whole
  number of chi hội cannot give the article's +12,2% (126 / 1,122 = 112,3): 112 gives
  +12,5%, the nearest the counts allow.
- Monthly figures (BC_THANG), invented but plausible, so charts have shape: the 9 xã,
  phường of Tam Điệp around the seed (07/2020–12/2020 and 07/2021–06/2022), with
  the seasons of the work (gifts before Tết and on 27/7, "Dân vận khéo" models
  registered in the first quarter). Numbers come from a generator seeded by unit and
  period, so every load writes the same figures. The new wards' months, up to the last
  closed month before the day of the load, are written by ``danvan.demo.current_reporting``.

Every report goes through the services (``data_values_save``, ``report_submit``,
``report_approve``) as the System actor, so the figures are audited and counted. A
report that already exists (in any state) is left alone, so a second load changes
nothing and a report a demo user has since returned is not overwritten.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from danvan.access.system import SYSTEM
from danvan.demo import data
from danvan.demo.tree import code_part, new_ward_code
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting import rollup
from danvan.reporting.catalog import SOURCED, ensure_catalog
from danvan.reporting.models import DataValue, Report, ReportForm, Status
from danvan.reporting.services import (
    data_values_save,
    input_window,
    report_approve,
    report_submit,
)

CREATED, KEPT = "tạo mới", "giữ nguyên"

MONTHLY_FORM = "BC_THANG"
SIX_MONTH_FORM = "BC_6THANG"

# --- Seed 002: Thành phố Tam Điệp, 6 tháng đầu năm 2021 ---------------------------------

TAM_DIEP = "NB-TD"
TAM_DIEP_PERIOD = "2021H1"
_TD_CODES = (
    "CU_TRI",
    "CU_TRI_DI_BAU",
    "QUA_SUAT",
    "QUA_GIA_TRI",
    "TIEP_CONG_DAN",
    "DON_NHAN",
    "DON_GIAI_QUYET",
)
# ward: (cử tri, đi bầu, suất quà, giá trị quà (triệu đồng), lượt tiếp dân, đơn nhận,
# đơn đã giải quyết). Sums: 41.236 / 41.215 / 9.081 / 2.811,7 / 117 / 24 / 8.
_TD_ROWS: list[tuple[str, tuple[int, int, int, str, int, int, int]]] = [
    ("Phường Bắc Sơn", (6842, 6835, 1412, "437.2", 18, 4, 1)),
    ("Phường Nam Sơn", (6215, 6210, 1238, "383.5", 16, 3, 1)),
    ("Phường Tân Bình", (4987, 4984, 1046, "324.8", 14, 3, 1)),
    ("Phường Tây Sơn", (4406, 4406, 905, "280.1", 12, 2, 1)),
    ("Phường Trung Sơn", (6153, 6147, 1297, "401.6", 17, 4, 2)),
    ("Phường Yên Bình", (3528, 3528, 768, "237.9", 10, 2, 0)),
    ("Xã Đông Sơn", (4132, 4132, 1021, "316.0", 12, 3, 1)),
    ("Xã Quang Sơn", (3305, 3305, 862, "266.9", 11, 2, 1)),
    ("Xã Yên Sơn", (1668, 1668, 532, "163.7", 7, 1, 0)),
]
TAM_DIEP_2021H1: dict[str, dict[str, Any]] = {
    f"{TAM_DIEP}-{code_part(ward)}": dict(zip(_TD_CODES, row, strict=True))
    for ward, row in _TD_ROWS
}

# --- Seed 003: Quận Tây Hồ, Hội Chữ thập đỏ -----------------------------------------------

TAY_HO = "HN-TH"
TAY_HO_PERIOD = "2020H1"
TAY_HO_BASE_PERIOD = "2010"
# phường: (chi hội 2020, hội viên 2020, chi hội 2010, hội viên 2010).
# Sums: 126 / 5.573 / 112 / 4.949.
_TH_ROWS = [
    ("Phường Bưởi", (19, 842, 17, 751)),
    ("Phường Nhật Tân", (15, 651, 13, 578)),
    ("Phường Phú Thượng", (16, 703, 14, 622)),
    ("Phường Quảng An", (12, 512, 11, 458)),
    ("Phường Thụy Khuê", (18, 798, 16, 712)),
    ("Phường Tứ Liên", (13, 566, 12, 501)),
    ("Phường Xuân La", (20, 901, 18, 797)),
    ("Phường Yên Phụ", (13, 600, 11, 530)),
]
# Code of the ward's Hội Chữ thập đỏ → figures.
TAY_HO_2020H1 = {
    f"{TAY_HO}-{code_part(ward)}-CTD": {"CHI_HOI": row[0], "HOI_VIEN": row[1]}
    for ward, row in _TH_ROWS
}
TAY_HO_2010 = {
    f"{TAY_HO}-{code_part(ward)}-CTD": {"CHI_HOI": row[2], "HOI_VIEN": row[3]}
    for ward, row in _TH_ROWS
}

# --- Monthly figures ----------------------------------------------------------------------

# Around the seed's six months (2021H1, stored as six-month reports): the half-year
# before and the year after, so charts have shape and a year mixes both grains. Quận
# Hoàng Mai, where the demo users sit, has no figures here and none in 2024 on purpose (its
# wards are where one posts figures and checks the district total by hand); its 01–06/2023
# reports come from danvan.demo.drafting_data.
TAM_DIEP_MONTHS = (("2020-07", "2020-12"), ("2021-07", "2022-06"))
NEW_WARDS_PROVINCE = "HN"
# The month of Tết Nguyên đán: gifts are given in it and in the month before.
_TET_MONTH = {2020: 1, 2021: 2, 2022: 2, 2023: 1, 2024: 2, 2025: 1, 2026: 2, 2027: 2}


def tam_diep_wards() -> list[str]:
    return list(TAM_DIEP_2021H1)


def new_hanoi_wards() -> list[str]:
    return [
        new_ward_code(province, name)
        for province, name, _ in data.NEW_WARDS
        if province == NEW_WARDS_PROVINCE
    ]


def month_range(first: str, last: str) -> list[periods.Period]:
    start, end = periods.parse(first), periods.parse(last)
    months = []
    while start <= end:
        months.append(start)
        start = start.shifted(1)
    return months


def monthly_figures(
    unit_code: str, month: periods.Period, first: periods.Period, scale: float = 1.0
) -> dict[str, Any]:
    """One ward's plausible monthly figures; the same arguments give the same figures.
    ``scale`` sizes the ward (a new ward of 2025 joins several old ones)."""
    unit = random.Random(f"demo:{unit_code}")  # the ward's size and habits
    noise = random.Random(f"demo:{unit_code}:{month.code}")
    size = unit.uniform(0.7, 1.4) * scale
    elapsed = (month.year - first.year) * 12 + month.first_month - first.first_month

    tet = _TET_MONTH.get(month.year, 2)
    if month.first_month == tet:
        gift_season = 9.0
    elif month.first_month == tet - 1 or (tet == 1 and month.first_month == 12):
        gift_season = 5.0
    elif month.first_month == 7:  # Ngày Thương binh - Liệt sĩ 27/7
        gift_season = 4.0
    elif month.first_month in (9, 10):  # Tết Trung thu, flood relief
        gift_season = 1.5
    else:
        gift_season = 0.4
    gifts = max(0, round(35 * size * gift_season * noise.uniform(0.8, 1.2)))
    value_each = Decimal(str(round(noise.uniform(0.3, 0.45), 3)))  # triệu đồng a suất

    # Citizens come more before Tết and in the middle of the year (land, compensation).
    reception_season = {1: 1.3, 2: 0.8, 6: 1.2, 7: 1.2, 12: 1.3}.get(month.first_month, 1.0)
    received = max(0, round(3.5 * size * reception_season * noise.uniform(0.5, 1.5)))
    resolved = min(received, round(received * noise.uniform(0.45, 0.9)))

    # Stocks grow slowly: hội viên about 0,3% a month, a new chi hội now and then.
    members = round(unit.randint(500, 900) * size * (1.003**elapsed)) + noise.randint(-3, 3)
    branches = unit.randint(12, 20) + elapsed // unit.randint(9, 15)

    models_registered = noise.randint(2, 5) if month.first_month in (2, 3) else 0
    if month.first_month in (4, 8) and noise.random() < 0.4:
        models_registered = 1
    return {
        "TIEP_CONG_DAN": max(
            received, round(11 * size * reception_season * noise.uniform(0.7, 1.3))
        ),
        "DON_NHAN": received,
        "DON_GIAI_QUYET": resolved,
        "HOI_VIEN": members,
        "CHI_HOI": branches,
        "QUA_SUAT": gifts,
        "QUA_GIA_TRI": (value_each * gifts).quantize(Decimal("0.1")),
        "MO_HINH_DVK": models_registered,
    }


# --- Writing -----------------------------------------------------------------------------


def _units(codes: list[str]) -> dict[str, OrgUnit]:
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=codes).select_related("parent")}
    missing = sorted(set(codes) - set(found))
    if missing:
        raise ValueError(f"Thiếu đơn vị của dữ liệu trình diễn: {', '.join(missing)}")
    return found


class FigureLoader:
    """Write the demo reports; ``tally`` counts reports (and the 2010 baseline) by status."""

    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.tally: Counter[str] = Counter()

    def run(self) -> Counter[str]:
        ensure_catalog()
        self.forms = {
            f.code: f for f in ReportForm.objects.filter(code__in=[MONTHLY_FORM, SIX_MONTH_FORM])
        }
        self.progress("Số liệu: Tam Điệp 6 tháng đầu năm 2021 (bài viết 002)…")
        self._reports(SIX_MONTH_FORM, TAM_DIEP_PERIOD, TAM_DIEP_2021H1)
        self.progress("Số liệu: Hội Chữ thập đỏ quận Tây Hồ 2020 và năm 2010 (bài viết 003)…")
        self._reports(SIX_MONTH_FORM, TAY_HO_PERIOD, TAY_HO_2020H1)
        self._baseline(TAY_HO_BASE_PERIOD, TAY_HO_2010)
        self.progress("Số liệu tháng: Tam Điệp, 07/2020–06/2022 (trừ 6 tháng đầu 2021)…")
        for first, last in TAM_DIEP_MONTHS:
            self._monthly(tam_diep_wards(), first, last, scale=1.0)
        return self.tally

    def _existing(self, form: ReportForm, units: list[OrgUnit], period_codes: list[str]) -> set:
        return set(
            Report.objects.filter(
                form=form, org_unit__in=units, period__in=period_codes
            ).values_list("org_unit_id", "period")
        )

    def _reports(self, form_code: str, period: str, figures: dict[str, dict[str, Any]]) -> None:
        form = self.forms[form_code]
        units = _units(list(figures))
        done = self._existing(form, list(units.values()), [period])
        for code, values in figures.items():
            self._report(form, units[code], period, values, done)

    def _monthly(self, codes: list[str], first: str, last: str, scale: float) -> None:
        form = self.forms[MONTHLY_FORM]
        units = _units(codes)
        months = month_range(first, last)
        done = self._existing(form, list(units.values()), [m.code for m in months])
        for code in codes:
            for month in months:
                values = monthly_figures(code, month, months[0], scale)
                self._report(form, units[code], month.code, values, done)

    def _report(
        self,
        form: ReportForm,
        unit: OrgUnit,
        period: str,
        values: dict[str, Any],
        done: set,
    ) -> None:
        if (unit.pk, period) in done:
            self.tally[KEPT] += 1
            return
        if period == TAM_DIEP_PERIOD and unit.code in TAM_DIEP_2021H1:
            # Counted from the petitions register (danvan.demo.petitions_loader) at submit,
            # and the gifts from the welfare register (danvan.demo.welfare_loader). Only
            # those registers were kept there then: the other figures (the «Dân vận khéo»
            # models among them) stay as typed.
            kept = ("petitions.", "welfare.")  # welfare
            petitions = {c for c, key in SOURCED.items() if key.startswith(kept)}
            typed = {code: v for code, v in values.items() if code not in petitions}
            data_values_save(
                actor=SYSTEM,
                org_unit=unit,
                period=period,
                values=typed,
                form=form,
                before_register=True,
            )
        else:
            # A time before the register: the figures stay as typed.
            data_values_save(
                actor=SYSTEM,
                org_unit=unit,
                period=period,
                values=values,
                form=form,
                before_register=True,
            )
        report_submit(actor=SYSTEM, form=form, org_unit=unit, period=period)
        report_approve(actor=SYSTEM, form=form, org_unit=unit, period=period)
        self._backdate(form, unit, period)
        self.tally[CREATED] += 1

    @staticmethod
    def _backdate(form: ReportForm, unit: OrgUnit, period: str) -> None:
        """Demo history is loaded today but happened then: put each report's sending
        within its input window (most on time, one in seven a few days late) and its
        approval a few days later, so timeliness pages show something real."""
        _, due, _ = input_window(form, periods.parse(period))
        late = (unit.pk + int(periods.parse(period).start.toordinal())) % 7 == 0
        sent = due + dt.timedelta(days=3 if late else -((unit.pk % 3) + 1))
        moment = timezone.make_aware(dt.datetime.combine(sent, dt.time(9, unit.pk % 60)))
        Report.objects.filter(form=form, org_unit=unit, period=period).update(
            submitted_at=moment, decided_at=moment + dt.timedelta(days=2)
        )

    def _baseline(self, period: str, figures: dict[str, dict[str, Any]]) -> None:
        """Figures of a year before the system: no form or report of that time exists.
        They are saved through ``data_values_save`` (audited, validated) and then marked
        approved directly, as ``report_approve`` would mark a report's figures, because
        no report of 2010 can be sent and the article quotes them as final."""
        units = _units(list(figures))
        for code, values in figures.items():
            unit = units[code]
            stored = DataValue.objects.filter(
                org_unit=unit, period=period, indicator__code__in=list(values)
            )
            if stored.filter(status=Status.APPROVED).count() == len(values):
                self.tally[KEPT] += 1
                continue
            data_values_save(
                actor=SYSTEM, org_unit=unit, period=period, values=values, before_register=True
            )
            stored.update(status=Status.APPROVED)  # history: approved long ago, not audited
            rollup.refresh_units([unit.pk], [period])
            self.tally[CREATED] += 1


def load_figures(progress: Callable[[str], None]) -> Counter[str]:
    return FigureLoader(progress).run()
