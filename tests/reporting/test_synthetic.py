"""generate_synthetic: the expected counts, nothing added twice, and aggregates that match
a sum done by hand."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from danvan.lib.periods import Period, parse
from danvan.org.models import OrgUnit
from danvan.reporting import synthetic
from danvan.reporting.analytics import aggregate, by_child
from danvan.reporting.models import DataValue, Indicator, Report, Status

TINY = ["--communes", "2", "--months", "3", "--indicators", "2"]


def _generate(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("generate_synthetic", *args, stdout=out, stderr=err)
    assert "Tỉnh Tổng hợp" in err.getvalue()  # progress goes to stderr
    return out.getvalue()


def _naive(indicator: Indicator, root: OrgUnit, months: list[Period]) -> Decimal:
    """The province figure the slow way: every unit, every month, one query each."""
    total = Decimal(0)
    for unit in OrgUnit.objects.filter(path__startswith=root.path):
        for month in months:
            row = DataValue.objects.filter(
                indicator=indicator, org_unit=unit, period=month.code, status=Status.APPROVED
            ).first()
            if row is not None and row.value is not None:
                total += row.value
    return total


@pytest.mark.django_db
def test_tiny_dataset_has_the_expected_counts_and_a_second_run_adds_nothing() -> None:
    _generate(*TINY)
    province = OrgUnit.objects.get(code=synthetic.PROVINCE_CODE)
    assert province.name == "Tỉnh Tổng hợp (dữ liệu thử)"
    organisations = len(synthetic.ORGANISATIONS)
    assert synthetic.counts() == {
        "units": 1 + 2 + 2 * organisations,
        "indicators": 3,  # SYN_01, SYN_02 and the ratio SYN_TY_LE
        "values": 2 * organisations * 2 * 3,
        "reports": 2 * organisations * 3,
    }
    # Paths are those org_unit_create would give.
    for unit in OrgUnit.objects.filter(path__startswith=province.path).exclude(pk=province.pk):
        assert unit.path == f"{unit.parent.path}{unit.pk}/"
        assert unit.depth == unit.parent.depth + 1
    assert not DataValue.objects.exclude(status=Status.APPROVED).exists()
    assert not Report.objects.exclude(status=Status.APPROVED).exists()
    assert set(DataValue.objects.values_list("period", flat=True)) == {
        "2025-10",
        "2025-11",
        "2025-12",
    }

    before = sorted(DataValue.objects.values_list("indicator_id", "org_unit_id", "period", "value"))
    summary = _generate(*TINY)
    assert "thêm 0 đơn vị, 0 chỉ tiêu, 0 số liệu, 0 báo cáo" in summary
    after = sorted(DataValue.objects.values_list("indicator_id", "org_unit_id", "period", "value"))
    assert after == before

    # A bigger plan adds only what is missing, and the tiny figures stay as they were.
    _generate("--communes", "3", "--months", "4", "--indicators", "2")
    assert synthetic.counts()["values"] == 3 * organisations * 2 * 4
    kept = DataValue.objects.values_list("indicator_id", "org_unit_id", "period", "value")
    assert set(before) <= set(kept)


@pytest.mark.django_db
def test_province_aggregate_equals_the_naive_sum() -> None:
    _generate("--communes", "3", "--months", "6", "--indicators", "5")
    province = OrgUnit.objects.get(code=synthetic.PROVINCE_CODE)
    flow, share, stock = (
        Indicator.objects.select_related("numerator", "denominator").get(code=code)
        for code in ("SYN_01", "SYN_TY_LE", "SYN_05")
    )
    assert stock.aggregation == Indicator.Aggregation.LAST
    half = parse("2025H2")
    months = half.sub_periods()
    result = aggregate([flow, share, stock], province, half)
    assert result["SYN_01"] == _naive(flow, province, months)
    numerator = Indicator.objects.get(code="SYN_02")
    assert result["SYN_TY_LE"] == (
        _naive(numerator, province, months) / _naive(flow, province, months) * 100
    )
    # LAST: each unit's December figure, added up.
    assert result["SYN_05"] == _naive(stock, province, [parse("2025-12")])
    # By commune, the pieces add up to the province.
    communes = list(OrgUnit.objects.filter(parent=province))
    pieces = by_child([flow], province, communes, half)
    assert sum(p["SYN_01"] for p in pieces.values()) == result["SYN_01"]
    for commune in communes:
        assert pieces[commune.pk]["SYN_01"] == _naive(flow, commune, months)
