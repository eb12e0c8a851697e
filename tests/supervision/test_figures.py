"""Figures from records: the activities held in the window by kind, the recommendations
made in it (answered + not answered = made), the overdue stock at the window's end; equal
at every level; the compiled report's paragraphs, traceable to their lists."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from danvan.access.system import SYSTEM
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting import sources
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import Indicator, ReportForm
from danvan.supervision import figures, report, services
from tests.supervision.conftest import FEBRUARY, MARCH

pytestmark = pytest.mark.django_db
ROW = re.compile(r'href="/quan-ly/giam-sat/kien-nghi/\d+/"')


def _count(code: str, units: list[int], window: tuple[dt.date, dt.date] = MARCH) -> int | None:
    source = sources.get(figures.KEYS[code])
    assert source is not None
    value = source.count(units, *window)
    return None if value is None else int(value)


def _subtree(unit: OrgUnit) -> list[int]:
    return list(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def test_counts_of_the_ward(register, tree):
    ward = _subtree(tree.dinh_cong)
    # Held in March: the market supervision (begun 02/3) and the draft criticism; the
    # planned one (25/3) is not held; the feedback began in February.
    assert _count("GIAM_SAT_CUOC", ward) == 1
    assert _count("PHAN_BIEN_CUOC", ward) == 1
    assert _count("GOP_Y_218", ward) == 0
    assert _count("GOP_Y_218", ward, FEBRUARY) == 1
    assert _count("KIEN_NGHI_GS", ward) == 3
    assert _count("KIEN_NGHI_DA_TRA_LOI", ward) == 1
    assert _count("KIEN_NGHI_CHUA_TRA_LOI", ward) == 2
    # At 31/3: the February one (due 25/2) and the draft's (due 09/3); the waiting one is
    # due on 31/3 itself, not past it.
    assert _count("KIEN_NGHI_QUA_HAN", ward) == 2
    # At the end of February only the February one was made: due 25/2, overdue on 28/2.
    assert _count("KIEN_NGHI_GS", ward, FEBRUARY) == 1
    assert _count("KIEN_NGHI_QUA_HAN", ward, FEBRUARY) == 1


def test_an_answer_moves_the_cohort_from_its_day(register, tree):
    ward = _subtree(tree.dinh_cong)
    services.response_record(
        actor=SYSTEM,
        recommendation=register.draft_rec,
        received_on=dt.date(2026, 3, 10),
        by_body="Phòng Kinh tế",
        summary="Tiếp thu, điều chỉnh dự thảo.",
    )
    assert _count("KIEN_NGHI_DA_TRA_LOI", ward) == 2
    assert _count("KIEN_NGHI_CHUA_TRA_LOI", ward) == 1
    assert _count("KIEN_NGHI_QUA_HAN", ward) == 1
    # Before its answer it was overdue (on 09/3 it was due that day: not yet past).
    assert _count("KIEN_NGHI_QUA_HAN", ward, (dt.date(2026, 3, 1), dt.date(2026, 3, 9))) == 1
    assert _count("KIEN_NGHI_QUA_HAN", ward, (dt.date(2026, 3, 1), dt.date(2026, 3, 9))) == 1
    first_week = (dt.date(2026, 3, 1), dt.date(2026, 3, 7))
    assert _count("KIEN_NGHI_DA_TRA_LOI", ward, first_week) == 0


def test_escalated_leaves_the_overdue_stock_but_stays_unanswered(register, tree):
    ward = _subtree(tree.dinh_cong)
    services.recommendation_escalate(
        actor=SYSTEM,
        recommendation=register.late,
        escalated_to="Ủy ban MTTQ thành phố",
        outcome="Quá hạn không trả lời.",
    )
    assert _count("KIEN_NGHI_QUA_HAN", ward) == 1
    assert _count("KIEN_NGHI_CHUA_TRA_LOI", ward, FEBRUARY) == 1
    # Before the escalation (10/3) it was overdue at the end of February.
    assert _count("KIEN_NGHI_QUA_HAN", ward, FEBRUARY) == 1


def test_typed_where_the_register_is_not_kept(register, tree):
    before = (dt.date(2025, 1, 1), dt.date(2025, 1, 31))  # Hà Nội keeps it from 01/7/2025
    assert _count("GIAM_SAT_CUOC", _subtree(tree.dinh_cong), before) is None


def test_figures_equal_at_every_level(register, tree):
    ensure_catalog()
    form = ReportForm.objects.get(code="BC_THANG")
    assert form.sections.filter(code="giam_sat").exists()
    assert ReportForm.objects.get(code="BC_6THANG").sections.filter(code="giam_sat").exists()
    assert Indicator.objects.get(code="KIEN_NGHI_QUA_HAN").aggregation == "last"
    parts = [tree.hoang_mai, tree.dinh_cong, tree.dai_kim]
    found = [sources.figures(form, unit, "2026-03") for unit in parts]
    for code, key in figures.KEYS.items():
        source = sources.get(key)
        assert source is not None
        indicator = Indicator.objects.get(code=code)
        assert indicator.source == key
        total = sum(f[indicator.pk].value for f in found)
        assert total == source.count(_subtree(tree.hoang_mai), *MARCH), code
    made, answered, unanswered = (
        Indicator.objects.get(code=c).pk
        for c in ("KIEN_NGHI_GS", "KIEN_NGHI_DA_TRA_LOI", "KIEN_NGHI_CHUA_TRA_LOI")
    )
    for f in found:
        assert f[answered].value + f[unanswered].value == f[made].value
    assert found[1][made].value == Decimal(3)
    assert found[2][answered].value == Decimal(1)


def test_report_paragraphs_from_records(register, tree, cast):
    march = periods.parse("2026-03")
    found = report.paragraphs(cast.leader, tree.dinh_cong, march)
    texts = [p.text for p in found]
    assert texts == [
        "Tháng 3/2026, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội đã tổ chức "
        "1 cuộc giám sát và 1 cuộc phản biện xã hội (Giám sát việc quản lý chợ dân sinh; "
        "Phản biện dự thảo đề án chỉnh trang ngõ).",
        "Qua giám sát, phản biện, góp ý đã đưa ra 3 kiến nghị, đã có trả lời 1, "
        "2 kiến nghị chưa có trả lời.",
        "Đến ngày 31/03/2026, còn 2 kiến nghị quá hạn chưa được trả lời (gửi Phòng Kinh tế "
        "và UBND phường Định Công); đề nghị các cơ quan sớm trả lời.",
    ]
    assert all(p.source == figures.REGISTER for p in found)
    assert found[0].link.startswith("/quan-ly/giam-sat/?")
    assert f"don_vi={tree.dinh_cong.pk}" in found[0].link and "da_to_chuc=1" in found[0].link
    assert found[1].link.startswith("/quan-ly/giam-sat/kien-nghi/?")
    assert "tu=01%2F03%2F2026" in found[1].link and "den=31%2F03%2F2026" in found[1].link
    assert "qua_han_ngay=31%2F03%2F2026" in found[2].link
    # The district reads its whole subtree; a user without the capability reads nothing.
    district = report.paragraphs(cast.board, tree.hoang_mai, march)
    assert "2 cuộc giám sát" in district[0].text and "4 kiến nghị" in district[1].text
    assert report.paragraphs(cast.stranger, tree.hoang_mai, march) == []


def test_no_paragraph_where_the_register_is_not_kept(register, tree, cast):
    assert report.paragraphs(cast.leader, tree.dinh_cong, periods.parse("2025-01")) == []


def test_the_links_open_the_records_counted(register, tree, cast, as_user):
    march = periods.parse("2026-03")
    client = as_user(cast.leader)
    activities, made, late = report.paragraphs(cast.leader, tree.dinh_cong, march)
    page = client.get(activities.link)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Giám sát việc quản lý chợ dân sinh" in body and "Giám sát thu gom rác" not in body
    body = client.get(made.link).content.decode()
    assert len(ROW.findall(body)) == 3
    body = client.get(late.link).content.decode()
    assert len(ROW.findall(body)) == 2


def test_the_contribution_is_registered():
    from danvan.drafting import registers

    found = [c for c in registers.for_section("ket_qua") if c.key == "supervision"]
    assert found and found[0].heading == "Công tác giám sát, phản biện xã hội"
    assert found[0].order == 45


def test_entry_page_shows_the_figures_read_only_with_their_lists(
    register, cast, tree, as_user, reporting_clock
):
    from html import unescape

    from django.urls import reverse

    ensure_catalog()
    form = ReportForm.objects.get(code="BC_THANG")
    reporting_clock(dt.date(2026, 4, 2))
    url = reverse("reporting:entry", args=[tree.dinh_cong.pk, "2026-03", form.code])
    page = unescape(as_user(cast.reporter).get(url).content.decode())
    overdue = sources.get("supervision.overdue")
    assert overdue is not None
    link = overdue.list_url(tree.dinh_cong, *MARCH)
    assert unescape(link) in page
    # Read-only, from the register: the count links to the list behind it.
    made = sources.get("supervision.recommendations")
    assert made is not None
    made_link = unescape(made.list_url(tree.dinh_cong, *MARCH))
    assert f'<a href="{made_link}"' in page
    shown = page.split(f'<a href="{made_link}"', 1)[1].split("</output>", 1)[0]
    assert shown.endswith(">3")
    assert f"Tính từ {figures.REGISTER}" in page
