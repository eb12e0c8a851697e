"""Separation of duties (issue 11, point 3): whoever sent a report up or entered its
figures does not approve it; another approver of the unit above must. On the service,
the page, the API and for figures that came in through an Excel file."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.access.system import SYSTEM
from danvan.reporting.duties import ApproverMustDiffer
from danvan.reporting.models import Report, ReportForm, Status
from danvan.reporting.services import (
    data_values_save,
    report_approve,
    report_submit,
    report_unapprove,
)
from tests.reporting.test_excel import download, fill, upload

PERIOD = "2024-03"


@pytest.fixture
def form(catalog):
    return ReportForm.objects.get(code="BC_THANG")


@pytest.fixture
def ward(open_tree):
    return {"org_unit": open_tree.dinh_cong, "period": PERIOD}


def _enter(actor, ward, **values):
    data_values_save(actor=actor, **ward, values=values or {"TIEP_CONG_DAN": 5})


def _status():
    return Report.objects.get().status


def test_who_sent_the_report_cannot_approve_it_and_is_told_who_can(cast, ward, form, second_board):
    _enter(cast.board, ward)
    report_submit(actor=cast.board, form=form, **ward)
    with pytest.raises(ApproverMustDiffer) as refused:
        report_approve(actor=cast.board, form=form, **ward)
    message = str(refused.value)
    assert message.startswith("Bạn đã gửi báo cáo này.")
    assert "không được tự duyệt" in message
    assert "cán bộ khác có quyền duyệt báo cáo của «Phường Định Công» tại «Quận Hoàng Mai»" in (
        message
    )
    # Named among those who may: the other board officer, not the one refused.
    assert "(ví dụ: Lê Thị Duyệt, Admin) duyệt." in message
    assert _status() == Status.SUBMITTED
    assert report_approve(actor=second_board, form=form, **ward).status == Status.APPROVED


def test_who_entered_a_figure_cannot_approve(cast, ward, form, second_board):
    _enter(cast.reporter, ward, DON_NHAN=4)
    _enter(cast.board, ward, TIEP_CONG_DAN=5)
    report_submit(actor=cast.leader, form=form, **ward)
    with pytest.raises(ApproverMustDiffer, match="Bạn đã nhập số liệu «Lượt tiếp công dân»"):
        report_approve(actor=cast.board, form=form, **ward)
    report_approve(actor=second_board, form=form, **ward)


def test_a_figure_entered_then_overwritten_by_a_colleague_still_counts(
    cast, ward, form, second_board
):
    _enter(cast.board, ward, TIEP_CONG_DAN=5)
    _enter(cast.reporter, ward, TIEP_CONG_DAN=6)  # the figure's last writer is the reporter
    report_submit(actor=cast.leader, form=form, **ward)
    with pytest.raises(ApproverMustDiffer, match="đã nhập số liệu"):
        report_approve(actor=cast.board, form=form, **ward)


def test_deciding_is_not_entering(cast, ward, form):
    """Approving, unapproving and approving again: the approver's own status changes on
    the figures do not make them its author."""
    _enter(cast.reporter, ward)
    report_submit(actor=cast.leader, form=form, **ward)
    report_approve(actor=cast.board, form=form, **ward)
    report_unapprove(actor=cast.board, form=form, **ward)
    assert report_approve(actor=cast.board, form=form, **ward).status == Status.APPROVED


def test_the_setting_off_lets_one_officer_do_it_all(cast, ward, form, settings):
    settings.REPORT_APPROVER_MUST_DIFFER = False
    _enter(cast.board, ward)
    report_submit(actor=cast.board, form=form, **ward)
    assert report_approve(actor=cast.board, form=form, **ward).status == Status.APPROVED


def test_the_system_actor_is_nobody_and_is_never_refused(cast, ward, form):
    _enter(SYSTEM, ward)
    report_submit(actor=SYSTEM, form=form, **ward)
    assert report_approve(actor=SYSTEM, form=form, **ward).status == Status.APPROVED


def test_the_api_answers_403_with_the_message_and_documents_it(cast, ward, form, api):
    board = api(cast.board)
    unit = ward["org_unit"]
    body = {"org_unit": unit.pk, "period": PERIOD, "values": {"TIEP_CONG_DAN": 3}}
    assert board.post("/data-values", body)[0] == 201
    assert board.post(f"/reports/{unit.pk}/{PERIOD}/BC_THANG/submit")[0] == 200
    status, answer = board.post(f"/reports/{unit.pk}/{PERIOD}/BC_THANG/approve")
    assert status == 403 and "không được tự duyệt" in answer["detail"]
    assert _status() == Status.SUBMITTED
    schema = board.client.get("/api/v1/openapi.json").json()
    approve = schema["paths"]["/api/v1/reports/{org_unit}/{period}/{form}/approve"]["post"]
    assert "REPORT_APPROVER_MUST_DIFFER" in approve["responses"]["403"]["description"]


def test_the_page_says_why_and_leaves_the_report_sent(cast, ward, form, as_user):
    _enter(cast.board, ward)
    report_submit(actor=cast.leader, form=form, **ward)
    url = reverse("reporting:approve", args=[ward["org_unit"].pk, PERIOD, "BC_THANG"])
    response = as_user(cast.board).post(url, follow=True)
    assert response.status_code == 200
    assert "Người đã gửi hoặc nhập số liệu báo cáo này không được tự duyệt" in (
        response.content.decode()
    )
    assert _status() == Status.SUBMITTED


def test_figures_imported_from_excel_count_as_entered(cast, ward, form, open_tree):
    book = fill(download(cast.board, open_tree.hoang_mai), {"HN-HM-DINHCONG": {"TIEP_CONG_DAN": 9}})
    assert upload(book, cast.board).ok
    report_submit(actor=cast.leader, form=form, **ward)
    with pytest.raises(ApproverMustDiffer, match="đã nhập số liệu «Lượt tiếp công dân»"):
        report_approve(actor=cast.board, form=form, **ward)
