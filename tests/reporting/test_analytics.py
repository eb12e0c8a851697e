"""The aggregation rules, checked on figures small enough to add up by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.access.system import SYSTEM
from danvan.lib.periods import parse
from danvan.reporting.analytics import aggregate, by_child, units_meeting
from danvan.reporting.models import DataValue, Indicator, Status
from danvan.reporting.services import data_values_save
from danvan.reporting.status_log import values_status_set


def _store(unit, period, status=Status.APPROVED, **values):
    data_values_save(actor=SYSTEM, org_unit=unit, period=period, values=values)
    values_status_set(DataValue.objects.filter(org_unit=unit, period=parse(period).code), status)


def _agg(codes, unit, period):
    indicators = list(
        Indicator.objects.filter(code__in=codes).select_related("numerator", "denominator")
    )
    return aggregate(indicators, unit, parse(period))


@pytest.fixture
def wards(catalog, open_tree):
    return open_tree


def test_sum_rolls_months_into_quarter_half_and_year(wards):
    for month, n in (("2024-01", 1), ("2024-02", 2), ("2024-04", 4), ("2024-07", 7)):
        _store(wards.dinh_cong, month, TIEP_CONG_DAN=n)
    hm = wards.hoang_mai
    assert _agg(["TIEP_CONG_DAN"], hm, "2024Q1")["TIEP_CONG_DAN"] == 3
    assert _agg(["TIEP_CONG_DAN"], hm, "2024H1")["TIEP_CONG_DAN"] == 7
    assert _agg(["TIEP_CONG_DAN"], hm, "2024")["TIEP_CONG_DAN"] == 14
    assert _agg(["TIEP_CONG_DAN"], hm, "2024-03")["TIEP_CONG_DAN"] is None


def test_a_coarser_figure_covers_its_own_months_but_not_others(wards):
    # Định Công sent a six-month report AND monthly ones; Đại Kim only monthly ones.
    _store(wards.dinh_cong, "2021H1", TIEP_CONG_DAN=117)
    for month in ("2021-01", "2021-02"):
        _store(wards.dinh_cong, month, TIEP_CONG_DAN=50)
        _store(wards.dai_kim, month, TIEP_CONG_DAN=5)
    assert _agg(["TIEP_CONG_DAN"], wards.hoang_mai, "2021H1")["TIEP_CONG_DAN"] == 117 + 10


def test_last_takes_each_units_latest_value_then_adds(wards):
    _store(wards.dinh_cong, "2024-01", HOI_VIEN=100)
    _store(wards.dinh_cong, "2024-05", HOI_VIEN=120)
    _store(wards.mttq_dinh_cong, "2024-03", HOI_VIEN=40)
    _store(wards.dai_kim, "2024-06", HOI_VIEN=60)
    assert _agg(["HOI_VIEN"], wards.hoang_mai, "2024H1")["HOI_VIEN"] == 120 + 40 + 60
    assert _agg(["HOI_VIEN"], wards.hoang_mai, "2024Q1")["HOI_VIEN"] == 100 + 40


def test_ratio_is_recomputed_from_counts_at_every_level(wards):
    _store(wards.dinh_cong, "2024-03", DON_NHAN=10, DON_GIAI_QUYET=3)
    _store(wards.dai_kim, "2024-03", DON_NHAN=14, DON_GIAI_QUYET=5)
    result = _agg(["TY_LE_GIAI_QUYET_DON"], wards.hoang_mai, "2024-03")
    assert result["TY_LE_GIAI_QUYET_DON"] == Decimal(8) / Decimal(24) * 100
    ward = _agg(["TY_LE_GIAI_QUYET_DON"], wards.dinh_cong, "2024-03")
    assert ward["TY_LE_GIAI_QUYET_DON"] == Decimal(30)


def test_average_and_none_rules(wards):
    score = Indicator.objects.create(
        code="DIEM",
        name="Điểm đánh giá",
        value_type="decimal",
        aggregation=Indicator.Aggregation.AVERAGE,
    )
    note = Indicator.objects.create(
        code="GHI_CHU",
        name="Số ghi chú",
        value_type="integer",
        aggregation=Indicator.Aggregation.NONE,
    )
    _store(wards.dinh_cong, "2024-03", DIEM=8, GHI_CHU=1)
    _store(wards.dai_kim, "2024-03", DIEM=6, GHI_CHU=2)
    result = aggregate([score, note], wards.hoang_mai, parse("2024-03"))
    assert result == {"DIEM": Decimal(7), "GHI_CHU": None}


def test_only_sent_figures_count_and_the_subtree_is_respected(wards):
    _store(wards.dinh_cong, "2024-03", status=Status.DRAFT, TIEP_CONG_DAN=99)
    _store(wards.buoi, "2024-03", TIEP_CONG_DAN=7)  # Tây Hồ, not Hoàng Mai
    _store(wards.dai_kim, "2024-03", status=Status.SUBMITTED, TIEP_CONG_DAN=4)
    assert _agg(["TIEP_CONG_DAN"], wards.hoang_mai, "2024-03")["TIEP_CONG_DAN"] == 4
    assert _agg(["TIEP_CONG_DAN"], wards.hanoi, "2024-03")["TIEP_CONG_DAN"] == 11


def test_by_child_and_units_meeting_a_condition(wards):
    _store(wards.dinh_cong, "2021H1", CU_TRI=1000, CU_TRI_DI_BAU=1000)
    _store(wards.mttq_dinh_cong, "2021H1", TIEP_CONG_DAN=3)
    _store(wards.dai_kim, "2021H1", CU_TRI=2000, CU_TRI_DI_BAU=1998)
    turnout = Indicator.objects.select_related("numerator", "denominator").get(
        code="TY_LE_CU_TRI_DI_BAU"
    )
    tiep = Indicator.objects.get(code="TIEP_CONG_DAN")
    children = [wards.dinh_cong, wards.dai_kim]
    values = by_child([turnout, tiep], wards.hoang_mai, children, parse("2021H1"))
    assert values[wards.dinh_cong.pk] == {
        "TY_LE_CU_TRI_DI_BAU": Decimal(100),
        "TIEP_CONG_DAN": Decimal(3),
    }
    assert values[wards.dai_kim.pk]["TIEP_CONG_DAN"] is None
    meeting = units_meeting(turnout, children, wards.hoang_mai, parse("2021H1"), ">=", Decimal(100))
    assert meeting.text == "1/2" and meeting.met == [wards.dinh_cong]
    whole = aggregate([turnout], wards.hoang_mai, parse("2021H1"))["TY_LE_CU_TRI_DI_BAU"]
    assert round(whole, 2) == Decimal("99.93")


def test_a_six_month_report_and_the_months_after_it_make_the_year(wards):
    # Định Công: a six-month report for H1, then monthly reports; months of H1 as well.
    _store(wards.dinh_cong, "2024H1", TIEP_CONG_DAN=100, HOI_VIEN=500)
    _store(wards.dinh_cong, "2024-02", TIEP_CONG_DAN=40, HOI_VIEN=490)
    for month, n in (("2024-07", 7), ("2024-08", 8), ("2024-12", 12)):
        _store(wards.dinh_cong, month, TIEP_CONG_DAN=n, HOI_VIEN=500 + n)
    _store(wards.dinh_cong, "2024Q4", TIEP_CONG_DAN=30)  # covers 2024-12 (and Oct, Nov)
    year = _agg(["TIEP_CONG_DAN", "HOI_VIEN"], wards.hoang_mai, "2024")
    assert year["TIEP_CONG_DAN"] == 100 + 7 + 8 + 30
    # The stock at the end of the year is the newest value that counts: December.
    assert year["HOI_VIEN"] == 512
    assert _agg(["HOI_VIEN"], wards.hoang_mai, "2024H1")["HOI_VIEN"] == 500


def test_figures_cut_by_organisation_kind(wards):
    _store(wards.dinh_cong, "2024-03", TIEP_CONG_DAN=10)  # the ward itself
    _store(wards.mttq_dinh_cong, "2024-03", TIEP_CONG_DAN=3)  # its Front committee
    _store(wards.bdv_hoang_mai, "2024-03", TIEP_CONG_DAN=20)  # the district board
    tiep = list(Indicator.objects.filter(code="TIEP_CONG_DAN"))
    month = parse("2024-03")
    assert aggregate(tiep, wards.hoang_mai, month)["TIEP_CONG_DAN"] == 33
    assert aggregate(tiep, wards.hoang_mai, month, organisation_kind="mttq")["TIEP_CONG_DAN"] == 3
    board = aggregate(tiep, wards.hoang_mai, month, organisation_kind="ban-dan-van")
    assert board["TIEP_CONG_DAN"] == 20
    # A half goes through the coverage query: the same cut applies.
    half = aggregate(tiep, wards.hoang_mai, parse("2024H1"), organisation_kind="mttq")
    assert half["TIEP_CONG_DAN"] == 3
