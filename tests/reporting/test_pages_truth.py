"""Reporting pages that tell the truth (issue 12 §5): an entry sheet that cannot take
figures says so before anyone types, the report list opens on the period that is due,
completeness counts wards and organisations apart, and a comparison over partial data
says it is partial instead of printing a percentage."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.access.system import SYSTEM
from danvan.lib.periods import parse
from danvan.reporting import completeness
from danvan.reporting.models import DataValue, Report, ReportForm, Status
from danvan.reporting.services import data_values_save, input_window, report_submit
from danvan.reporting.status_log import values_status_set

PERIOD = parse("2024-03")


@pytest.fixture
def form(catalog):
    return ReportForm.objects.get(code="BC_THANG")


@pytest.fixture
def tree(open_tree):
    return open_tree


def entry_url(unit, period="2024-03"):
    return reverse("reporting:entry", args=[unit.pk, period, "BC_THANG"])


def html(response):
    return response.content.decode()


def sent(form, unit, period="2024-03", **values):
    data_values_save(actor=SYSTEM, org_unit=unit, period=period, values=values or {"CHI_HOI": 1})
    return report_submit(actor=SYSTEM, form=form, org_unit=unit, period=period)


# --- the entry sheet --------------------------------------------------------------------


def test_a_period_not_yet_open_renders_read_only_with_the_day_it_opens(cast, tree, form, as_user):
    # On 02/04/2024 April opens only at its end: no live field, the reason on top.
    page = html(as_user(cast.reporter).get(entry_url(tree.dinh_cong, "2024-04")))
    opens = input_window(form, parse("2024-04"))[0]
    assert f"Tháng 4/2024 chưa mở nhập: biểu «{form.name}» mở từ ngày {opens:%d/%m/%Y}." in page
    assert "hx-post" not in page and "readonly" in page


def test_a_locked_period_is_read_only_for_the_reporter_and_open_to_the_approver(
    cast, tree, form, as_user
):
    # On 02/04/2024 the window of January 2024 is long locked.
    locks = input_window(form, parse("2024-01"))[2]
    reporter = html(as_user(cast.reporter).get(entry_url(tree.dinh_cong, "2024-01")))
    assert f"Tháng 1/2024 đã khóa sổ từ ngày {locks:%d/%m/%Y}" in reporter
    assert "hx-post" not in reporter
    # The board approves the ward: it may still correct, so its sheet is live.
    board = html(as_user(cast.board).get(entry_url(tree.dinh_cong, "2024-01")))
    assert "đã khóa sổ" not in board and "hx-post" in board


def test_the_open_period_stays_live(cast, tree, form, as_user):
    page = html(as_user(cast.reporter).get(entry_url(tree.dinh_cong)))
    assert "hx-post" in page and "chưa mở nhập" not in page


def test_the_country_has_no_entry_sheet_of_its_own(cast, tree, form, as_user):
    page = html(as_user(cast.admin).get(entry_url(tree.root)))
    assert "không lập «Báo cáo công tác dân vận tháng» của riêng mình" in page
    assert "hx-post" not in page and "Gửi báo cáo" not in page
    home = html(as_user(cast.admin).get(f"{reverse('reporting:home')}?unit={tree.root.pk}"))
    assert f"Báo cáo của {tree.root.name}" not in home
    ward = html(as_user(cast.board).get(f"{reverse('reporting:home')}?unit={tree.dinh_cong.pk}"))
    assert f"Báo cáo của {tree.dinh_cong.name}" in ward


# --- the report list ------------------------------------------------------------------------


def test_the_report_list_opens_on_the_period_due_not_the_latest_with_data(
    cast, tree, form, as_user
):
    sent(form, tree.dai_kim, period="2024-05")  # figures ahead of time do not move it
    page = html(as_user(cast.board).get(reverse("reporting:home")))
    assert "<strong>tháng 3/2024</strong>" in page


def test_completeness_counts_the_wards_the_form_expects(cast, tree, form, as_user):
    # Both wards sent; the MTTQ under Định Công did not, and the form does not expect it.
    sent(form, tree.dinh_cong)
    sent(form, tree.dai_kim)
    status = completeness.completeness(
        user=cast.board, form=form, root=tree.hoang_mai, period=PERIOD
    )
    [wards] = status.groups
    assert (wards.noun, wards.submitted, wards.expected) == ("phường", 2, 2)
    page = html(as_user(cast.board).get(f"{reverse('reporting:home')}?period=2024-03"))
    assert "<b>2/2</b><span>phường đã gửi (100%)" in page


def test_a_form_that_expects_wards_and_bodies_counts_them_apart(cast, tree, form, as_user):
    from danvan.org.models import OrganisationKind, UnitKind

    form.unit_kinds.set([tree.dinh_cong.kind, UnitKind.objects.get(pk=tree.mttq_dinh_cong.kind_id)])
    sent(form, tree.dinh_cong)
    status = completeness.completeness(
        user=cast.board, form=form, root=tree.hoang_mai, period=PERIOD
    )
    [wards, bodies] = status.groups
    assert (wards.noun, wards.submitted, wards.expected) == ("phường", 1, 2)
    # Organisations of that kind: the MTTQ phường and the district board.
    assert (bodies.noun, bodies.submitted, bodies.expected) == ("tổ chức", 0, 2)
    assert OrganisationKind.objects.exists()


# --- comparisons and trends ----------------------------------------------------------------


def test_the_dashboard_says_a_comparison_is_partial_instead_of_a_percentage(
    cast, tree, form, as_user
):
    # March: both wards (and the MTTQ) sent; February: only Định Công (1/2).
    sent(form, tree.dinh_cong, TIEP_CONG_DAN=30)
    sent(form, tree.mttq_dinh_cong, TIEP_CONG_DAN=5)
    sent(form, tree.dai_kim, TIEP_CONG_DAN=15)
    data_values_save(
        actor=SYSTEM, org_unit=tree.dinh_cong, period="2024-02", values={"TIEP_CONG_DAN": 600}
    )
    values_status_set(DataValue.objects.filter(period="2024-02"), Status.APPROVED)
    Report.objects.update_or_create(
        form=form, org_unit=tree.dinh_cong, period="2024-02", defaults={"status": Status.APPROVED}
    )
    url = f"{reverse('reporting:dashboard')}?period=2024-03&unit={tree.hoang_mai.pk}"
    page = html(as_user(cast.board).get(url))
    assert (
        "Chưa so sánh được vì chưa đủ báo cáo — tháng 2/2024: 1/2 đơn vị đã gửi; "
        "tháng 3/2023: 0/2 đơn vị đã gửi."
    ) in page
    assert "chưa đủ số liệu tháng 2/2024: 1/2 đơn vị đã gửi" in page  # each figure's title
    assert "-92,5%" not in page  # 50 against February's one ward: not a fall
    assert "Kỳ đánh dấu * chưa đủ báo cáo" in page
    assert '"02/2024*"' in page and '"03/2024"' in page


def test_trend_marks_each_incomplete_period(cast, tree, form):
    from danvan.reporting import dashboard

    sent(form, tree.dinh_cong)
    chart = dashboard.trend(
        user=cast.board,
        form=form,
        indicators=dashboard.form_indicators(form),
        root=tree.dinh_cong,
        period=PERIOD,
        length=2,
    )
    # March: the ward sent; February: nobody.
    assert chart["partial"] == ["0/1 đơn vị đã gửi", ""]
    assert chart["labels"] == ["02/2024*", "03/2024"]


def test_coverage_follows_each_units_life(cast, tree, form):
    tree.dai_kim.valid_to = dt.date(2024, 2, 29)
    tree.dai_kim.save()
    sent(form, tree.dinh_cong)
    sent(form, tree.mttq_dinh_cong)
    covered = completeness.coverage(
        user=cast.board, form=form, root=tree.hoang_mai, span=[parse("2024-02"), PERIOD]
    )
    assert (covered["2024-02"].submitted, covered["2024-02"].expected) == (0, 2)
    assert (covered["2024-03"].submitted, covered["2024-03"].expected) == (1, 1)
    assert covered["2024-03"].complete
