"""The demo load stores the seeds' figures as counts, and they come back exactly (over the
run's one shared load, tests/demo_db.py; a second load is tests/demo/test_demo_second_load.py).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.core import clock
from danvan.core.templatetags.vn import vn_percent
from danvan.demo.current_reporting import last_closed as report_plan_last
from danvan.demo.current_reporting import ward_codes
from danvan.demo.reporting_data import (
    TAM_DIEP,
    month_range,
    new_hanoi_wards,
    tam_diep_wards,
)
from danvan.lib.numbers import format_number
from danvan.lib.periods import parse, percent_change
from danvan.org.models import OrgUnit
from danvan.reporting.analytics import aggregate, units_meeting
from danvan.reporting.models import DataValue, Indicator, Report, Status
from danvan.reporting.services import input_window
from tests.demo_db import Demo


def _indicators(*codes: str) -> list[Indicator]:
    rows = Indicator.objects.filter(code__in=codes).select_related("numerator", "denominator")
    by_code = {row.code: row for row in rows}
    return [by_code[code] for code in codes]


@pytest.mark.slow
def test_load_demo_stores_the_seed_figures_exactly(demo: Demo) -> None:

    # Seed 002 — Thành phố Tam Điệp, 6 tháng đầu năm 2021.
    tam_diep = OrgUnit.all_objects.get(code=TAM_DIEP)
    h1_2021 = parse("2021H1")
    codes = (
        "QUA_SUAT",
        "QUA_GIA_TRI",
        "TIEP_CONG_DAN",
        "DON_NHAN",
        "DON_GIAI_QUYET",
        "TY_LE_CU_TRI_DI_BAU",
    )
    figures = aggregate(_indicators(*codes), tam_diep, h1_2021)
    assert figures["QUA_SUAT"] == 9081
    assert figures["QUA_GIA_TRI"] == Decimal("2811.7")
    assert format_number(figures["QUA_SUAT"]) == "9.081"
    assert format_number(figures["QUA_GIA_TRI"]) == "2.811,7"
    assert figures["TIEP_CONG_DAN"] == 117
    assert (figures["DON_GIAI_QUYET"], figures["DON_NHAN"]) == (8, 24)
    assert vn_percent(figures["TY_LE_CU_TRI_DI_BAU"]) == "99,95%"
    wards = list(OrgUnit.all_objects.filter(parent=tam_diep, kind__is_place=True).order_by("code"))
    (turnout,) = _indicators("TY_LE_CU_TRI_DI_BAU")
    meeting = units_meeting(turnout, wards, tam_diep, h1_2021, ">=", Decimal(100))
    assert meeting.text == "5/9"

    # Seed 003 — Hội Chữ thập đỏ quận Tây Hồ, 2020 against 2010.
    tay_ho = OrgUnit.all_objects.get(code="HN-TH")
    members, branches = _indicators("HOI_VIEN", "CHI_HOI")
    now = aggregate([members, branches], tay_ho, parse("2020H1"))
    then = aggregate([members, branches], tay_ho, parse("2010"))
    assert (now["HOI_VIEN"], now["CHI_HOI"]) == (5573, 126)
    assert f"{percent_change(now['HOI_VIEN'], then['HOI_VIEN']):.1f}" == "12.6"
    # The article's +12,2% chi hội cannot come from whole chi hội (126 / 1,122 = 112,3):
    # 112 in 2010 gives +12,5%, the nearest two counts allow (see reporting_data).
    assert then["CHI_HOI"] == 112
    assert f"{percent_change(now['CHI_HOI'], then['CHI_HOI']):.1f}" == "12.5"
    # The stocks sit on the wards' Hội Chữ thập đỏ; the district figure is their sum.
    stored = DataValue.objects.filter(
        period="2020H1", indicator=members, org_unit__path__startswith=tay_ho.path
    )
    assert stored.count() == 8
    assert set(stored.values_list("org_unit__organisation_kind__code", flat=True)) == {"ctd"}

    # Monthly figures around the seed: Tam Điệp 07/2020–12/2020 and 07/2021–06/2022 (the
    # six months of the seed stay six-month reports); the new Hà Nội wards from 07/2025 to
    # the last closed month (danvan.demo.current_reporting: that month is still in play).
    monthly = Report.objects.filter(form__code="BC_THANG")
    assert monthly.filter(org_unit__code__in=tam_diep_wards()).count() == 9 * (6 + 12)
    last = report_plan_last(clock.today())
    settled = month_range("2025-07", last.previous().code)
    assert monthly.filter(
        org_unit__code__in=new_hanoi_wards(),
        period__in=[m.code for m in settled],
        status=Status.APPROVED,
    ).count() == len(new_hanoi_wards()) * len(settled)
    assert not monthly.filter(period__in=["2021-01", "2021-06"]).exists()
    # The seeds' history is all approved (today's wards have their mix of states).
    history = Report.objects.exclude(org_unit__code__in=new_hanoi_wards() + ward_codes("NB"))
    assert not history.exclude(status=Status.APPROVED).exists()
    assert (
        not DataValue.objects.filter(org_unit__valid_to__isnull=False)
        .exclude(status=Status.APPROVED)
        .exists()
    )
    # Quận Hoàng Mai, where the demo users sit, holds only its 14 phường's monthly figures
    # of 01–06/2023 (for the compiled report, danvan.demo.drafting_data) and nothing in
    # 2024: posting two wards' figures for 2024 and reading the district total gives
    # exactly their sum.
    hoang_mai = OrgUnit.all_objects.get(code="HN-HM")
    in_hoang_mai = DataValue.objects.filter(org_unit__path__startswith=hoang_mai.path)
    assert set(in_hoang_mai.values_list("period", flat=True)) == {
        m.code for m in month_range("2023-01", "2023-06")
    }
    assert in_hoang_mai.values("org_unit").distinct().count() == 14
    received, resolved, gifts = _indicators("DON_NHAN", "DON_GIAI_QUYET", "QUA_SUAT")
    for month in month_range("2021-07", "2022-06"):
        per_month = aggregate([received, resolved, gifts], tam_diep, month)
        assert per_month["QUA_SUAT"] is not None
        assert per_month["DON_GIAI_QUYET"] <= per_month["DON_NHAN"]
    # Seasons: gifts before Tết Nhâm Dần (02/2022) outnumber a quiet month.
    tet = aggregate([gifts], tam_diep, parse("2022-02"))["QUA_SUAT"]
    quiet = aggregate([gifts], tam_diep, parse("2022-04"))["QUA_SUAT"]
    assert tet > 5 * quiet
    # The year 2021 is the seed's six-month report plus the months of the second half.
    second_half = sum(
        aggregate([gifts], tam_diep, month)["QUA_SUAT"]
        for month in month_range("2021-07", "2021-12")
    )
    assert aggregate([gifts], tam_diep, parse("2021"))["QUA_SUAT"] == 9081 + second_half
    # The new wards carry Hà Nội on after 07/2025.
    hanoi = OrgUnit.all_objects.get(code="HN")
    assert aggregate([gifts], hanoi, parse("2026Q1"))["QUA_SUAT"] > 0

    # Demo history is sent within its window: most reports on time, a few late.
    on_time = late = 0
    for report in monthly.filter(org_unit__code__in=tam_diep_wards()).select_related("form"):
        _, due, _ = input_window(report.form, parse(report.period))
        if report.submitted_at.date() <= due:
            on_time += 1
        else:
            late += 1
    assert late > 0 and on_time > 5 * late
