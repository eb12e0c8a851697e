"""Figures from records: TG_CO_SO and TG_DIEM_NHOM a stock at the window's end (a place
suspended then is not counted), TG_SU_KIEN and TG_THAM_DU the events held in the window;
equal at every level; the compiled report's paragraph, never a situation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from danvan.access.system import SYSTEM
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.religion import figures, report, services
from danvan.reporting import sources
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import Indicator, ReportForm
from tests.religion.conftest import MARCH

pytestmark = pytest.mark.django_db


def _count(code: str, units: list[int], window: tuple[dt.date, dt.date] = MARCH) -> int | None:
    source = sources.get(figures.KEYS[code])
    assert source is not None
    value = source.count(units, *window)
    return None if value is None else int(value)


def _subtree(unit: OrgUnit) -> list[int]:
    return list(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def test_counts_of_the_ward(register, tree):
    ward = _subtree(tree.dinh_cong)
    assert _count("TG_CO_SO", ward) == 2
    assert _count("TG_DIEM_NHOM", ward) == 1
    assert _count("TG_SU_KIEN", ward) == 2
    assert _count("TG_THAM_DU", ward) == 3500
    # A group point counts from its decision; before it, not yet.
    assert _count("TG_DIEM_NHOM", ward, (dt.date(2025, 8, 1), dt.date(2025, 8, 31))) == 0
    assert _count("TG_SU_KIEN", ward, (dt.date(2026, 2, 1), dt.date(2026, 2, 28))) == 0


def test_a_suspended_place_leaves_the_stock_from_its_day(register, tree):
    services.place_set_state(
        actor=SYSTEM, place=register.pagoda, state="tam_ngung", on=dt.date(2026, 3, 6)
    )
    ward = _subtree(tree.dinh_cong)
    assert _count("TG_CO_SO", ward) == 1
    assert _count("TG_CO_SO", ward, (dt.date(2026, 2, 1), dt.date(2026, 2, 28))) == 2


def test_typed_where_the_register_is_not_kept(register, tree):
    before = (dt.date(2025, 1, 1), dt.date(2025, 1, 31))  # Hà Nội keeps it from 01/7/2025
    assert _count("TG_CO_SO", _subtree(tree.dinh_cong), before) is None


def test_figures_equal_at_every_level(register, tree):
    ensure_catalog()
    form = ReportForm.objects.get(code="BC_THANG")
    assert form.sections.filter(code="ton_giao").exists()
    assert Indicator.objects.get(code="TG_CO_SO").aggregation == Indicator.Aggregation.LAST
    parts = [tree.hoang_mai, tree.dinh_cong, tree.dai_kim]
    found = [sources.figures(form, unit, "2026-03") for unit in parts]
    for code, key in figures.KEYS.items():
        source = sources.get(key)
        assert source is not None
        indicator = Indicator.objects.get(code=code)
        total = sum(f[indicator.pk].value for f in found)
        assert total == source.count(_subtree(tree.hoang_mai), *MARCH), code
    ward = found[1]
    assert ward[Indicator.objects.get(code="TG_THAM_DU").pk].value == Decimal(3500)
    assert found[2][Indicator.objects.get(code="TG_SU_KIEN").pk].value == Decimal(1)


def test_report_paragraph_from_records_without_situations(register, tree, cast):
    march = periods.parse("2026-03")
    found = report.paragraphs(cast.leader, tree.dinh_cong, march)
    assert len(found) == 1
    text = found[0].text
    assert text == (
        "Trên địa bàn có 2 cơ sở thờ tự và 1 điểm nhóm sinh hoạt tôn giáo tập trung; trong kỳ "
        "diễn ra 2 lễ hội, sự kiện tôn giáo với khoảng 3.500 lượt người tham dự (Lễ hội chùa "
        "Định Công tại chùa Định Công, Thánh lễ bổn mạng tại nhà thờ giáo xứ Định Công); các "
        "hoạt động tôn giáo diễn ra đúng quy định."
    )
    assert "ngoài giờ" not in text and "điểm nhóm sinh hoạt ngoài" not in text
    assert found[0].source == figures.REGISTER
    assert found[0].link.startswith("/quan-ly/ton-giao/su-kien/?")
    assert f"don_vi={tree.dinh_cong.pk}" in found[0].link
    assert "tu=01%2F03%2F2026" in found[0].link and "tinh_trang=da_dien_ra" in found[0].link
    # The district reads the whole subtree; a user without the capability reads nothing.
    district = report.paragraphs(cast.board, tree.hoang_mai, march)[0].text
    assert "3 lễ hội" in district and "3.800 lượt" in district
    assert report.paragraphs(cast.stranger, tree.hoang_mai, march) == []


def test_the_contribution_is_registered():
    from danvan.drafting import registers

    found = [c for c in registers.for_section("ket_qua") if c.key == "religion"]
    assert found and found[0].heading == "Công tác dân tộc, tôn giáo" and found[0].order == 60
