"""Figures from records: DC_* count the register's records in the window (a draft is not
disclosed, a withdrawn one was; a matter passes on more than half of all households),
only where the register is kept, equal at every level; the checklist's missing items;
the compiled report's paragraphs, each linking to the list it counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest

from danvan.democracy import figures, report, selectors
from danvan.democracy.models import DisclosureItem, PeopleDecision
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting import sources
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import Indicator, ReportForm
from tests.democracy.conftest import MARCH

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
    assert _count("DC_CONG_KHAI", ward) == 3  # budget, withdrawn plan, area notice
    assert _count("DC_BIEU_QUYET", ward) == 2
    assert _count("DC_THONG_QUA", ward) == 1  # 50 of 100 households is not more than half
    assert _count("DC_LAY_Y_KIEN", ward) == 1
    assert _count("DC_GIAM_SAT", ward) == 1
    february = (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert _count("DC_CONG_KHAI", ward, february) == 0
    assert _count("DC_LAY_Y_KIEN", ward, february) == 1
    assert _count("DC_CONG_KHAI", ward, (dt.date(2026, 1, 1), dt.date(2026, 1, 31))) == 1


def test_the_passing_rule():
    assert PeopleDecision.passes(100, 51)
    assert not PeopleDecision.passes(100, 50)
    assert PeopleDecision.passes(3, 2)


def test_outcome_stored_from_the_votes(register):
    assert register.rule.outcome == "thong_qua"
    assert register.lights.outcome == "khong_thong_qua"
    assert register.planned.outcome == ""


def test_typed_where_the_register_is_not_kept(register, tree):
    before = (dt.date(2025, 1, 1), dt.date(2025, 1, 31))  # Hà Nội keeps it from 01/7/2025
    assert _count("DC_CONG_KHAI", _subtree(tree.dinh_cong), before) is None


def test_figures_equal_at_every_level(register, tree):
    ensure_catalog()
    form = ReportForm.objects.get(code="BC_THANG")
    codes = list(
        form.sections.get(code="dan_chu")
        .formindicator_set.order_by("order")
        .values_list("indicator__code", flat=True)
    )
    assert codes == [
        "DC_CONG_KHAI",
        "DC_BIEU_QUYET",
        "DC_THONG_QUA",
        "DC_LAY_Y_KIEN",
        "DC_GIAM_SAT",
    ]
    assert ReportForm.objects.get(code="BC_6THANG").sections.filter(code="dan_chu").exists()
    parts = [tree.hoang_mai, tree.dinh_cong, tree.dai_kim]
    found = [sources.figures(form, unit, "2026-03") for unit in parts]
    for code, key in figures.KEYS.items():
        source = sources.get(key)
        assert source is not None
        indicator = Indicator.objects.get(code=code)
        assert indicator.source == key
        total = sum(f[indicator.pk].value for f in found)
        assert total == source.count(_subtree(tree.hoang_mai), *MARCH), code
    ward, far = found[1], found[2]
    assert ward[Indicator.objects.get(code="DC_CONG_KHAI").pk].value == Decimal(3)
    assert far[Indicator.objects.get(code="DC_CONG_KHAI").pk].value == Decimal(1)
    assert far[Indicator.objects.get(code="DC_THONG_QUA").pk].value == Decimal(1)
    # The list behind a number shows exactly the records counted.
    figure = ward[Indicator.objects.get(code="DC_THONG_QUA").pk]
    assert figure.url.startswith("/quan-ly/dan-chu/bieu-quyet/?")
    query = {k: v[0] for k, v in parse_qs(urlparse(figure.url).query).items()}
    assert query == {
        "don_vi": str(tree.dinh_cong.pk),
        "tu": "01/03/2026",
        "den": "31/03/2026",
        "tinh_trang": "da_bieu_quyet",
        "ket_qua": "thong_qua",
    }


def test_checklist_shows_what_is_missing(register, tree, cast):
    rows = selectors.checklist(user=cast.leader, unit=tree.dinh_cong, year=2026)
    assert len(rows) == DisclosureItem.objects.count() >= 10
    by_code = {r.item.code: r for r in rows}
    assert [d.pk for d in by_code["ngan-sach"].disclosures] == [register.budget.pk]
    assert by_code["dong-gop"].disclosures == [register.area_notice]  # its tổ dân phố's
    assert by_code["thu-tuc-hanh-chinh"].disclosures == [register.old]  # public in January
    assert by_code["vay-von-ho-ngheo"].missing  # only a draft
    assert by_code["ke-hoach-ktxh"].missing  # withdrawn: to be disclosed again
    assert by_code["dat-dai"].missing
    # Đại Kim's disclosure is not Định Công's; 2025 has nothing.
    assert register.far not in by_code["ngan-sach"].disclosures
    assert all(
        r.missing for r in selectors.checklist(user=cast.leader, unit=tree.dinh_cong, year=2025)
    )


def test_report_paragraphs_from_records(register, tree, cast):
    march = periods.parse("2026-03")
    found = report.paragraphs(cast.leader, tree.dinh_cong, march)
    texts = [p.text for p in found]
    assert texts[0] == (
        "Thực hiện Luật Thực hiện dân chủ ở cơ sở, trong kỳ đã công khai 3 nội dung để Nhân "
        "dân biết (dự toán ngân sách phường năm 2026; kết quả huy động đóng góp xây dựng nhà "
        "văn hóa; kế hoạch phát triển kinh tế - xã hội năm 2026), bằng hình thức niêm yết tại "
        "trụ sở."
    )
    assert texts[1] == (
        "Tổ chức để Nhân dân bàn và quyết định trực tiếp 2 nội dung, 1 nội dung được thông "
        "qua (hương ước tổ dân phố số 1 (Tổ dân phố số 1): 160/200 hộ tham gia, 150 hộ tán "
        "thành, thông qua; đóng góp lắp đèn chiếu sáng ngõ 12 (Phường Định Công): 60/100 hộ "
        "tham gia, 50 hộ tán thành, không thông qua)."
    )
    assert texts[2] == (
        "Lấy ý kiến Nhân dân về 1 nội dung (phương án chỉnh trang đường ven hồ); 1 nội dung "
        "đang lấy ý kiến."
    )
    assert texts[3] == (
        "Ban Thanh tra nhân dân thực hiện 1 cuộc kiểm tra, giám sát (quỹ Đền ơn đáp nghĩa năm "
        "2025); 1 kiến nghị đang chờ xử lý."
    )
    assert all(p.source == figures.REGISTER for p in found)
    assert found[1].link == figures.decisions_url(tree.dinh_cong, *MARCH)
    assert found[3].link.startswith("/quan-ly/dan-chu/giam-sat/?")
    # The district reads the whole subtree; a user without the capability reads nothing.
    district = report.paragraphs(cast.board, tree.hoang_mai, march)
    assert "công khai 4 nội dung" in district[0].text
    assert "trực tiếp 3 nội dung, 2 nội dung được thông qua" in district[1].text
    assert report.paragraphs(cast.stranger, tree.hoang_mai, march) == []
    # Nothing where the register is not kept, nor in a month without records.
    assert report.paragraphs(cast.board, tree.hoang_mai, periods.parse("2025-03")) == []
    assert report.paragraphs(cast.board, tree.hoang_mai, periods.parse("2026-05")) == []


def test_the_contribution_is_registered():
    from danvan.drafting import registers

    found = [c for c in registers.for_section("ket_qua") if c.key == "democracy"]
    assert found and found[0].heading == "Thực hiện dân chủ ở cơ sở" and found[0].order == 20
