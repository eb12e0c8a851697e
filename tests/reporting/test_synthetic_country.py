"""generate_country on a tiny country: the counts, the paths org_unit_create would give,
nothing added twice, more months added in place, and national figures that follow the
coverage rule (a six-month report stands for its months)."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from danvan.lib.periods import MONTH, Period
from danvan.org.models import OrgUnit
from danvan.reporting import analytics, live, synthetic
from danvan.reporting import synthetic_country as country
from danvan.reporting.models import DataValue, Indicator, Report, Status

END = Period(2025, 12, MONTH)
ORGS = len(synthetic.ORGANISATIONS)


def _plan(months: int) -> country.Plan:
    # Two provinces of ten communes: communes 10 and 20 also send six-month reports.
    return country.Plan(months=months, provinces=2, communes=10, indicators=2, end=END)


def test_the_real_list_has_34_provinces_and_3321_communes() -> None:
    plan = country.Plan(end=END)
    assert len(plan.commune_counts()) == 34
    assert sum(plan.commune_counts()) == 3321
    assert plan.reporting_units == 3321 * ORGS
    assert plan.months * plan.reporting_units * plan.indicators == 25_505_280


@pytest.mark.django_db
def test_tiny_country_counts_paths_and_a_second_run_adds_nothing() -> None:
    plan = _plan(7)  # 2025-06 … 2025-12: the half 2025H2 is complete, 2025H1 is not
    assert [h.code for h in plan.half_list] == ["2025H2"]
    result = country.generate(plan)
    units = 1 + 2 + 20 + 20 * ORGS
    assert result.units == units
    assert country.counts() == {
        "units": units,
        "values": (20 * ORGS * 7 + 2 * ORGS) * 2,
        "reports": 20 * ORGS * 7 + 2 * ORGS,
    }
    assert plan.expected_values == country.counts()["values"]
    nation = OrgUnit.objects.get(code=country.COUNTRY_CODE)
    assert nation.name == "Việt Nam (dữ liệu thử)" and nation.parent is None
    assert nation.path == f"/{nation.pk}/" and nation.depth == 0
    for unit in OrgUnit.objects.filter(path__startswith=nation.path).exclude(pk=nation.pk):
        assert unit.path == f"{unit.parent.path}{unit.pk}/"
        assert unit.depth == unit.parent.depth + 1
    assert OrgUnit.objects.get(code="QGT-01").name == "Thành phố Hà Nội"
    assert not DataValue.objects.exclude(status=Status.APPROVED).exists()
    halves = DataValue.objects.filter(period="2025H2")
    assert halves.count() == 2 * ORGS * 2 and set(halves.values_list("period_span", flat=True)) == {
        6
    }
    assert set(halves.values_list("org_unit__parent__code", flat=True)) == {
        "QGT-01-010",
        "QGT-02-010",
    }

    again = country.generate(plan)
    assert (again.units, again.values, again.reports) == (0, 0, 0)

    # More months: only the earlier ones are added, and 2025H1 becomes complete.
    more = country.generate(_plan(12))
    assert more.values == (20 * ORGS * 5 + 2 * ORGS) * 2
    assert country.counts()["values"] == _plan(12).expected_values
    assert Report.objects.filter(period="2025H1").count() == 2 * ORGS


@pytest.mark.django_db
def test_national_half_year_counts_the_six_month_report_instead_of_its_months() -> None:
    country.generate(_plan(6))  # 2025-07 … 2025-12 = 2025H2
    flow = Indicator.objects.get(code=synthetic.indicator_code(1))
    nation = OrgUnit.objects.get(code=country.COUNTRY_CODE)
    half = Period(2025, 7, "half")
    expected = Decimal(0)
    for number in range(1, 21):
        for index in range(ORGS):
            unit = number * ORGS + index
            if number % country.HALF_EVERY == 0:
                expected += country.half_figure(1, unit, half)
            else:
                expected += sum(synthetic.figure(1, unit, m) for m in half.sub_periods())
    assert analytics.aggregate([flow], nation, half)[flow.code] == expected
    assert live.aggregate([flow], nation, half)[flow.code] == expected  # the rollup = live


@pytest.mark.django_db
def test_command_reset_deletes_and_builds_again() -> None:
    args = ["--months", "2", "--provinces", "1", "--communes", "3", "--indicators", "2"]
    out, err = StringIO(), StringIO()
    call_command("generate_country", *args, stdout=out, stderr=err)
    assert "Việt Nam (dữ liệu thử)" in err.getvalue()
    assert "hiện có 29 đơn vị, 96 số liệu, 48 báo cáo" in out.getvalue()
    out = StringIO()
    call_command("generate_country", *args, "--reset", stdout=out, stderr=StringIO())
    assert "thêm 29 đơn vị, 96 số liệu" in out.getvalue()
    assert country.counts() == {"units": 29, "values": 96, "reports": 48}
