"""Figures from records: QUA_SUAT, QUA_GIA_TRI (triệu đồng), QUA_TRUNG, UNG_HO_GIA_TRI —
counted where the gift was given, refused when typed, equal at every level, typed before
the register; and the compiled report's «Công tác an sinh xã hội» paragraph."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from danvan.access.system import SYSTEM
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting import sources
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import DataValue, Indicator, RegisterUse, ReportForm
from danvan.reporting.services import data_values_save, report_submit
from danvan.welfare import figures, report, services
from tests.welfare.conftest import DAY, give, household

pytestmark = pytest.mark.django_db
JANUARY = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))


@pytest.fixture
def records(campaign, officers, tree, units):
    poor = household(officers.front, tree, units)
    elderly = household(
        officers.front, tree, units, head_name="Lê Thị Cúc", category="nguoi_cao_tuoi"
    )
    give(officers.front, campaign, poor, tree.mttq_dinh_cong, value=Decimal(1_250_000))
    give(officers.women, campaign, elderly, units.women, value=Decimal(300_000), form="hien_vat")
    give(officers.red_cross, campaign, poor, units.red_cross, value=Decimal(400_000), portions=2)
    services.contribution_add(
        actor=officers.front,
        campaign=campaign,
        received_by=tree.mttq_dinh_cong,
        donor_name="Doanh nghiệp trên địa bàn",
        received_on=DAY,
        cash=Decimal(3_000_000),
        in_kind="Gạo",
        in_kind_value=Decimal(450_000),
    )
    return poor, elderly


def _count(code: str, units: list[int]) -> Decimal | None:
    source = sources.get(figures.KEYS[code])
    assert source is not None
    value = source.count(units, *JANUARY)
    return None if value is None else Decimal(value)


def test_counts_of_the_ward(records, tree, units):
    ward = list(
        OrgUnit.objects.filter(path__startswith=tree.dinh_cong.path).values_list("pk", flat=True)
    )
    assert _count("QUA_SUAT", ward) == 4  # 1 + 1 + a gift of 2 suất
    assert _count("QUA_GIA_TRI", ward) == Decimal("1.95")  # 1.950.000 đồng
    assert _count("QUA_TRUNG", ward) == 2  # the Red Cross's 2 suất to the Front's household
    assert _count("UNG_HO_GIA_TRI", ward) == Decimal("3.45")
    assert _count("QUA_SUAT", [units.women.pk]) == 1
    assert _count("QUA_SUAT", [tree.dai_kim.pk]) == 0


def test_figures_equal_at_every_level_and_are_refused_when_typed(records, tree, officers):
    ensure_catalog()
    form = ReportForm.objects.get(code="BC_THANG")
    with pytest.raises(ValidationError, match="không nhập trực tiếp"):
        data_values_save(
            actor=SYSTEM,
            org_unit=tree.dinh_cong,
            period="2026-01",
            values={"QUA_SUAT": 5},
            form=form,
        )
    parts = [tree.hoang_mai, tree.dinh_cong, tree.dai_kim]
    found = [sources.figures(form, unit, "2026-01") for unit in parts]
    subtree = list(
        OrgUnit.objects.filter(path__startswith=tree.hoang_mai.path).values_list("pk", flat=True)
    )
    for code, key in figures.KEYS.items():
        source = sources.get(key)
        assert source is not None
        indicator = Indicator.objects.get(code=code)
        total = sum(f[indicator.pk].value for f in found)
        assert total == source.count(subtree, *JANUARY), code
    assert found[1][Indicator.objects.get(code="QUA_SUAT").pk].url.startswith(
        "/quan-ly/an-sinh/qua/?don_vi="
    )
    report_submit(actor=SYSTEM, form=form, org_unit=tree.dinh_cong, period="2026-01")
    stored = DataValue.objects.get(
        org_unit=tree.dinh_cong, period="2026-01", indicator__code="QUA_GIA_TRI"
    )
    assert stored.value == Decimal("1.95")


def test_a_unit_before_the_register_types_its_figures(records, tree):
    ensure_catalog()
    RegisterUse.objects.create(
        register="welfare", org_unit=tree.hoang_mai, since=dt.date(2026, 2, 1)
    )
    form = ReportForm.objects.get(code="BC_THANG")
    assert sources.figures(form, tree.dinh_cong, "2026-01") == {}
    saved = data_values_save(
        actor=SYSTEM, org_unit=tree.dinh_cong, period="2026-01", values={"QUA_SUAT": 7}, form=form
    )
    assert saved.saved


def test_the_report_paragraph_says_the_counts_with_its_source_and_link(records, tree, officers):
    period = periods.parse("2026-01")
    (paragraph,) = report.paragraphs(officers.front, tree.dinh_cong, period)
    assert paragraph.text.startswith(
        f"Trong {period.label}, các tổ chức trên địa bàn đã tiếp nhận và chuyển 4 suất quà với "
        "tổng số tiền 2,0 triệu đồng tới các đối tượng (hộ nghèo 3 suất, người cao tuổi 1 suất) "
        "trong đợt “Tết Nguyên đán Bính Ngọ 2026”."
    )
    assert "tiền, hàng ủng hộ trị giá 3,5 triệu đồng" in paragraph.text
    assert "phát hiện 2 suất quà trùng đối tượng" in paragraph.text
    assert paragraph.source == figures.REGISTER
    assert paragraph.link == (
        f"/quan-ly/an-sinh/qua/?don_vi={tree.dinh_cong.pk}&tu=01%2F01%2F2026&den=31%2F01%2F2026"
    )
    # Nothing in February: no paragraph, the sub-heading is left out.
    assert report.paragraphs(officers.front, tree.dinh_cong, periods.parse("2026-02")) == []
    # A user of another ward reads nothing of Định Công.
    assert report.paragraphs(officers.other, tree.dinh_cong, period) == []


def test_the_contribution_is_registered_in_section_two():
    from danvan.drafting import registers

    (found,) = [c for c in registers.for_section("ket_qua") if c.key == "welfare"]
    assert (found.heading, found.order) == ("Công tác an sinh xã hội", 50)


def test_duplicates_sentence_says_only_what_happened() -> None:
    from danvan.welfare.report import duplicates_sentence

    assert duplicates_sentence(0, 0) == ""
    assert duplicates_sentence(1, 0).endswith(
        "phát hiện 1 suất quà trùng đối tượng (đang xem xét 1 suất)."
    )
    both = duplicates_sentence(3, 1)
    assert "(giữ lại có lý do 1 suất, đang xem xét 2 suất)" in both
    assert "0 suất" not in duplicates_sentence(2, 2)
