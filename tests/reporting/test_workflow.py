"""The report workflow: nháp → đã gửi → đã duyệt (khóa) / trả lại, and its refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from danvan.org.models import OrgUnit
from danvan.reporting.models import DataValue, Report, ReportForm, Status
from danvan.reporting.services import (
    ReportLocked,
    data_values_save,
    report_approve,
    report_return,
    report_save_narrative,
    report_submit,
    report_unapprove,
)


@pytest.fixture
def form(catalog):
    return ReportForm.objects.get(code="BC_THANG")


def _enter(cast, tree, **values):
    data_values_save(
        actor=cast.reporter,
        org_unit=tree.dinh_cong,
        period="2024-03",
        values=values or {"TIEP_CONG_DAN": 5},
    )


def test_full_cycle_with_a_return(cast, open_tree, form):
    tree = open_tree
    _enter(cast, tree)
    report_save_narrative(
        actor=cast.reporter,
        form=form,
        org_unit=tree.dinh_cong,
        period="2024-03",
        narrative={"ket_qua": "Tiếp 5 lượt công dân."},
    )
    report = report_submit(actor=cast.leader, form=form, org_unit=tree.dinh_cong, period="2024-03")
    assert report.status == Status.SUBMITTED and report.submitted_by == cast.leader
    assert DataValue.objects.get().status == Status.SUBMITTED
    with pytest.raises(ReportLocked, match="đang chờ duyệt"):
        _enter(cast, tree, TIEP_CONG_DAN=6)
    with pytest.raises(ValidationError, match="lý do"):
        report_return(
            actor=cast.board, form=form, org_unit=tree.dinh_cong, period="2024-03", reason="  "
        )
    report_return(
        actor=cast.board,
        form=form,
        org_unit=tree.dinh_cong,
        period="2024-03",
        reason="Thiếu số đơn thư",
    )
    assert Report.objects.get().return_reason == "Thiếu số đơn thư"
    assert DataValue.objects.get().status == Status.DRAFT
    _enter(cast, tree, TIEP_CONG_DAN=6)
    report_submit(actor=cast.leader, form=form, org_unit=tree.dinh_cong, period="2024-03")
    report = report_approve(actor=cast.board, form=form, org_unit=tree.dinh_cong, period="2024-03")
    assert report.status == Status.APPROVED and report.is_locked
    with pytest.raises(ReportLocked):
        report_save_narrative(
            actor=cast.reporter,
            form=form,
            org_unit=tree.dinh_cong,
            period="2024-03",
            narrative={"ket_qua": "sửa"},
        )
    report_unapprove(actor=cast.board, form=form, org_unit=tree.dinh_cong, period="2024-03")
    assert Report.objects.get().status == Status.SUBMITTED


def test_illegal_transitions_are_refused(cast, open_tree, form):
    tree = open_tree
    with pytest.raises(ReportLocked, match="chưa có"):
        report_approve(actor=cast.board, form=form, org_unit=tree.dinh_cong, period="2024-03")
    _enter(cast, tree)
    report_submit(actor=cast.leader, form=form, org_unit=tree.dinh_cong, period="2024-03")
    with pytest.raises(ReportLocked, match="đã được gửi"):
        report_submit(actor=cast.leader, form=form, org_unit=tree.dinh_cong, period="2024-03")
    with pytest.raises(ReportLocked):
        report_unapprove(actor=cast.board, form=form, org_unit=tree.dinh_cong, period="2024-03")


def test_closed_units_take_figures_only_for_periods_they_lived(cast, open_tree, catalog):
    tree = open_tree
    OrgUnit.objects.filter(pk=tree.dinh_cong.pk).update(valid_to=dt.date(2025, 6, 30))
    tree.dinh_cong.refresh_from_db()
    data_values_save(
        actor=cast.board, org_unit=tree.dinh_cong, period="2025-06", values={"TIEP_CONG_DAN": 1}
    )
    with pytest.raises(ValidationError, match="ngừng hoạt động"):
        data_values_save(
            actor=cast.board, org_unit=tree.dinh_cong, period="2025-07", values={"TIEP_CONG_DAN": 1}
        )


def test_vietnamese_decimal_comma_is_read(cast, open_tree, catalog):
    data_values_save(
        actor=cast.board,
        org_unit=open_tree.dinh_cong,
        period="2021H1",
        values={"QUA_GIA_TRI": "2.811,7"},
    )
    assert str(DataValue.objects.get().value.normalize()) == "2811.7"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("9.081", "9081"), ("1.234.567", "1234567"), ("12", "12"), (" 1 200 ", "1200")],
)
def test_vietnamese_thousand_dots_in_text_are_read(cast, open_tree, catalog, raw, stored):
    data_values_save(
        actor=cast.board, org_unit=open_tree.dinh_cong, period="2021H1", values={"QUA_SUAT": raw}
    )
    assert DataValue.objects.get().value == Decimal(stored)


def test_the_input_window_holds_the_ward_but_not_its_approvers(
    cast, open_tree, catalog, reporting_clock
):
    tree = open_tree
    reporting_clock(dt.date(2024, 3, 20))  # March opens on 26/03 (5 days before its end)
    with pytest.raises(ReportLocked, match="mở nhập từ ngày 26/03/2024"):
        _enter(cast, tree)
    reporting_clock(dt.date(2024, 5, 4))  # locked from 03/05: due 03/04 + 30 days
    with pytest.raises(ReportLocked, match="khóa nhập từ ngày 03/05/2024"):
        _enter(cast, tree)
    assert not DataValue.objects.exists()
    # The district board approves the ward's reports, so it may still correct them.
    data_values_save(
        actor=cast.board, org_unit=tree.dinh_cong, period="2024-03", values={"TIEP_CONG_DAN": 5}
    )
    reporting_clock(dt.date(2024, 5, 3))
    _enter(cast, tree, TIEP_CONG_DAN=6)
    assert DataValue.objects.get().value == 6
