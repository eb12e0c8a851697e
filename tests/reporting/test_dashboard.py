"""Completeness and timeliness of a small tree, and the dashboard: key figures with their
comparisons, targets met, the pivot (its total is the subtree aggregate) and its XLSX."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.access.system import SYSTEM
from danvan.lib.periods import parse
from danvan.org.models import OrganisationKind, OrgLevel
from danvan.reporting import analytics, completeness, dashboard
from danvan.reporting.models import DataValue, Report, ReportForm, Status
from danvan.reporting.services import (
    data_values_save,
    input_window,
    report_approve,
    report_return,
    report_submit,
)
from danvan.reporting.status_log import values_status_set
from tests.factories import OrgUnitFactory

PERIOD = parse("2024-03")


@pytest.fixture
def form(catalog):
    return ReportForm.objects.get(code="BC_THANG")


@pytest.fixture
def tree(open_tree):
    return open_tree


def sent(form, unit, *, days_after_due, period=PERIOD, **values):
    """Figures entered and the report sent ``days_after_due`` days after the due date."""
    data_values_save(
        actor=SYSTEM, org_unit=unit, period=period.code, values=values or {"CHI_HOI": 1}
    )
    report = report_submit(actor=SYSTEM, form=form, org_unit=unit, period=period.code)
    due = input_window(form, period)[1]
    when = dt.datetime.combine(due + dt.timedelta(days=days_after_due), dt.time(23, 30))
    Report.objects.filter(pk=report.pk).update(submitted_at=timezone.make_aware(when))
    return report


def approved(unit, period, **values):
    """Figures stored as approved, with their approved monthly report."""
    data_values_save(actor=SYSTEM, org_unit=unit, period=period, values=values)
    values_status_set(DataValue.objects.filter(org_unit=unit, period=period), Status.APPROVED)
    Report.objects.update_or_create(
        form=ReportForm.objects.get(code="BC_THANG"),
        org_unit=unit,
        period=period,
        defaults={"status": Status.APPROVED},
    )


# --- completeness ----------------------------------------------------------------------------


def test_completeness_counts_expected_submitted_on_time_and_missing(cast, tree, form):
    # Not expected: a ward that starts after the period, the district-level board, and the
    # bodies under a ward (the form names no organisation kind: "2/2 phường", not "2/3").
    OrgUnitFactory(
        name="Phường Mới",
        code="HN-HM-MOI",
        parent=tree.hoang_mai,
        level=tree.dinh_cong.level,
        kind=tree.dinh_cong.kind,
        valid_from=dt.date(2025, 7, 1),
    )
    sent(form, tree.dinh_cong, days_after_due=0)  # 23:30 on the due date: on time
    report_approve(actor=SYSTEM, form=form, org_unit=tree.dinh_cong, period=PERIOD.code)
    sent(form, tree.dai_kim, days_after_due=2)  # late

    status = completeness.completeness(
        user=cast.board, form=form, root=tree.hoang_mai, period=PERIOD
    )
    assert {row.unit for row in status.rows} == {tree.dinh_cong, tree.dai_kim}
    assert (status.expected, status.submitted, status.on_time, status.approved) == (2, 2, 1, 1)
    assert status.missing == []
    assert status.due == dt.date(2024, 4, 3)


def test_a_returned_report_counts_as_missing_until_sent_again(cast, tree, form):
    sent(form, tree.dai_kim, days_after_due=-1)
    report_return(actor=SYSTEM, form=form, org_unit=tree.dai_kim, period=PERIOD.code, reason="Sai")
    status = completeness.completeness(
        user=cast.board, form=form, root=tree.hoang_mai, period=PERIOD
    )
    assert (status.submitted, status.returned) == (0, 1)
    assert tree.dai_kim in status.missing


def test_completeness_follows_the_forms_assignment(cast, tree, form):
    form.organisation_kinds.set([OrganisationKind.objects.get(code="mttq")])
    status = completeness.completeness(
        user=cast.board, form=form, root=tree.hoang_mai, period=PERIOD
    )
    assert [row.unit for row in status.rows] == [tree.mttq_dinh_cong]

    form.organisation_kinds.clear()
    form.levels.set([OrgLevel.objects.get(code="huyen")])
    status = completeness.completeness(user=cast.admin, form=form, root=tree.hanoi, period=PERIOD)
    assert {row.unit for row in status.rows} == {tree.hoang_mai, tree.bdv_hoang_mai, tree.tay_ho}
    # The board sees its own district only, even when asked about the city.
    status = completeness.completeness(user=cast.board, form=form, root=tree.hanoi, period=PERIOD)
    assert {row.unit for row in status.rows} == {tree.hoang_mai, tree.bdv_hoang_mai}


def test_completeness_stays_in_the_users_scope(cast, tree, form):
    status = completeness.completeness(
        user=cast.reporter, form=form, root=tree.dinh_cong, period=PERIOD
    )
    assert {row.unit for row in status.rows} == {tree.dinh_cong}
    assert not any(row.can_decide for row in status.rows if row.unit == tree.dinh_cong)
    # A form for the Front: the ward's leader approves the bodies under the ward, not
    # the ward itself.
    form.organisation_kinds.set([OrganisationKind.objects.get(code="mttq")])
    leader = completeness.completeness(
        user=cast.leader, form=form, root=tree.dinh_cong, period=PERIOD
    )
    decides = {row.unit: row.can_decide for row in leader.rows}
    assert decides == {tree.mttq_dinh_cong: True}


def test_report_list_page_shows_the_counts(cast, tree, form, as_user):
    sent(form, tree.dinh_cong, days_after_due=0)
    sent(form, tree.dai_kim, days_after_due=3)
    page = as_user(cast.board).get(f"{reverse('reporting:home')}?period={PERIOD.code}").content
    text = page.decode()
    assert "2/2</b><span>phường" in text and "tổ chức đã gửi" not in text
    assert "đúng hạn" in text and "muộn" in text
    assert "Còn thiếu" not in text


def test_default_period_is_the_period_due_now(cast, tree, form, reporting_clock):
    # Figures of May do not move the list off the period due: on 2 April, March
    # (opened 26/03, due 03/04) is due; April opens only at its end.
    sent(form, tree.dai_kim, days_after_due=0, period=parse("2024-05"))
    assert dashboard.default_period(user=cast.board, form=form, root=tree.hoang_mai) == parse(
        "2024-03"
    )
    opens = input_window(form, parse("2024-04"))[0]
    reporting_clock(opens)
    assert dashboard.default_period(user=cast.admin, form=form, root=tree.tay_ho) == parse(
        "2024-04"
    )
    # A unit closed since: the last period it lived through.
    tree.tay_ho.valid_to = dt.date(2024, 1, 20)
    assert dashboard.default_period(user=cast.admin, form=form, root=tree.tay_ho) == parse(
        "2024-01"
    )


# --- dashboard ---------------------------------------------------------------------------


@pytest.fixture
def figures(tree, form):
    approved(tree.dinh_cong, "2024-03", TIEP_CONG_DAN=30, DON_NHAN=10, DON_GIAI_QUYET=10)
    approved(tree.mttq_dinh_cong, "2024-03", TIEP_CONG_DAN=5, HOI_VIEN=1200)
    approved(tree.dai_kim, "2024-03", TIEP_CONG_DAN=15, DON_NHAN=4, DON_GIAI_QUYET=2)
    approved(tree.hoang_mai, "2024-03", TIEP_CONG_DAN=100)  # the district's own figure
    approved(tree.dinh_cong, "2024-02", TIEP_CONG_DAN=100)
    approved(tree.dinh_cong, "2023-03", TIEP_CONG_DAN=40)
    return tree


def test_pivot_total_equals_the_subtree_aggregate(cast, figures, form):
    indicators = dashboard.form_indicators(form)
    table = dashboard.pivot(
        user=cast.board, indicators=indicators, root=figures.hoang_mai, period=PERIOD
    )
    expected = analytics.aggregate(indicators, figures.hoang_mai, PERIOD)
    assert table.total == [expected[i.code] for i in indicators]
    rows = {
        unit.code: dict(zip([i.code for i in indicators], values, strict=True))
        for unit, values in table.rows
    }
    assert set(rows) == {"HN-HM-BDV", "HN-HM-DINHCONG", "HN-HM-DAIKIM"}
    assert rows["HN-HM-DINHCONG"]["TIEP_CONG_DAN"] == 35  # the ward with its MTTQ
    assert rows["HN-HM-DAIKIM"]["TY_LE_GIAI_QUYET_DON"] == 50
    assert expected["TIEP_CONG_DAN"] == 150
    assert expected["TY_LE_GIAI_QUYET_DON"] == Decimal(12) / 14 * 100  # never an average


def _tiep(cast, root, form):
    [tiep] = [
        f
        for f in dashboard.key_figures(
            user=cast.board,
            form=form,
            indicators=dashboard.form_indicators(form),
            root=root,
            period=PERIOD,
        )
        if f.indicator.code == "TIEP_CONG_DAN"
    ]
    return tiep


def test_a_comparison_over_partial_data_says_so(cast, figures, form):
    # The district: both wards reported in March 2024, only Định Công in February 2024
    # and in March 2023 (1/2).
    tiep = _tiep(cast, figures.hoang_mai, form)
    assert (tiep.value, tiep.previous, tiep.last_year) == (150, 100, 40)
    assert tiep.change_previous.value is None
    assert tiep.change_previous.partial == "chưa đủ số liệu tháng 2/2024: 1/2 đơn vị đã gửi"
    assert tiep.change_last_year.partial == "chưa đủ số liệu tháng 3/2023: 1/2 đơn vị đã gửi"


def test_key_figures_compare_with_the_previous_period_and_last_year(cast, figures, form):
    # The ward (with its MTTQ): every expected report is in for the three periods.
    tiep = _tiep(cast, figures.dinh_cong, form)
    assert (tiep.value, tiep.previous, tiep.last_year) == (35, 100, 40)
    assert not tiep.change_previous.partial
    assert tiep.change_previous.value == pytest.approx(-65.0)
    assert tiep.change_last_year.value == pytest.approx(-12.5)
    # The district once Đại Kim's February and last March are in.
    approved(figures.dai_kim, "2024-02", HOI_VIEN=10)
    approved(figures.dai_kim, "2023-03", HOI_VIEN=10)
    tiep = _tiep(cast, figures.hoang_mai, form)
    assert tiep.change_previous.value == pytest.approx(50.0)


def test_targets_count_the_wards_that_meet_them(cast, figures, form):
    results = dashboard.targets(
        user=cast.board,
        indicators=dashboard.form_indicators(form),
        root=figures.hoang_mai,
        period=PERIOD,
    )
    [solved] = [r for r in results if r.target.indicator == "TY_LE_GIAI_QUYET_DON"]
    assert solved.meeting.text == "1/2" and solved.meeting.met == [figures.dinh_cong]
    assert solved.noun == "phường"


def test_dashboard_page_for_each_role(cast, figures, form, as_user):
    url = f"{reverse('reporting:dashboard')}?period={PERIOD.code}&unit={figures.hoang_mai.pk}"
    page = as_user(cast.board).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "150" in text and "85,71%" in text  # 12/14 đơn, Vietnamese style
    assert "1/2" in text and "trend-data" in text
    assert "chart-4.6.1.umd.min.js" in text
    assert as_user(cast.viewer).get(url).status_code == 200
    assert as_user(cast.stranger).get(url).status_code == 403
    outside = f"{reverse('reporting:dashboard')}?unit={figures.buoi.pk}"
    assert as_user(cast.board).get(outside).status_code == 404
    # The reporter sees the ward, not the district.
    assert as_user(cast.reporter).get(url).status_code == 404
    assert as_user(cast.reporter).get(reverse("reporting:dashboard")).status_code == 200


def test_dashboard_queries_do_not_grow_with_the_units(
    cast, figures, form, as_user, django_assert_max_num_queries
):
    client = as_user(cast.board)
    url = f"{reverse('reporting:dashboard')}?period={PERIOD.code}&unit={figures.hoang_mai.pk}"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    # 12 trend aggregates, 3 comparisons, coverage, pivot, targets; the menu's Việc cần làm
    # and bell counts (about 7 queries on every management page)
    assert len(before) <= 60
    for n in range(5):
        OrgUnitFactory(
            name=f"Phường Thêm {n}",
            code=f"HN-HM-THEM{n}",
            parent=figures.hoang_mai,
            level=figures.dinh_cong.level,
            kind=figures.dinh_cong.kind,
        )
    with django_assert_max_num_queries(len(before)):
        assert client.get(url).status_code == 200


def test_pivot_exports_to_xlsx(cast, figures, form, as_user):
    url = f"{reverse('reporting:dashboard_xlsx')}?period={PERIOD.code}&unit={figures.hoang_mai.pk}"
    response = as_user(cast.board).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "tong-hop-BC_THANG-HN-HM-2024-03.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "B4"
    header = [cell.value for cell in sheet[3]]
    assert header[0] == "Đơn vị" and header[1] == "Lượt tiếp công dân (lượt)"
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["Phường Định Công"][0] == 35
    assert rows["Tổng cộng"][0] == 150
    ratio_column = header.index("Tỷ lệ đơn thư đã giải quyết (%)")
    assert rows["Tổng cộng"][ratio_column - 1] == pytest.approx(85.714, abs=0.001)
    assert sheet.cell(row=4, column=2).number_format == "#,##0"
    assert as_user(cast.stranger).get(url).status_code == 403
