"""Issue 3's acceptance, through the API as the district's board officer."""

from __future__ import annotations

import pytest

from danvan.reporting.models import DataValue, Status
from danvan.reporting.status_log import values_status_set


def _post(board, unit, period, **values):
    return board.post("/data-values", {"org_unit": unit.pk, "period": period, "values": values})


def _submit_approve(board, approver, unit, period, form="BC_THANG"):
    assert board.post(f"/reports/{unit.pk}/{period}/{form}/submit")[0] == 200
    assert approver.post(f"/reports/{unit.pk}/{period}/{form}/approve")[0] == 200


@pytest.fixture
def board(cast, catalog, open_tree, api):
    return api(cast.board)


@pytest.fixture
def approver(second_board, api):
    """The board officer who did not enter the figures approves them."""
    return api(second_board)


def test_district_value_is_the_sum_of_its_wards(board, approver, tree):
    assert (
        _post(board, tree.dinh_cong, "2024-03", TIEP_CONG_DAN=12, DON_NHAN=10, DON_GIAI_QUYET=3)[0]
        == 201
    )
    assert (
        _post(board, tree.dai_kim, "2024-03", TIEP_CONG_DAN=30, DON_NHAN=14, DON_GIAI_QUYET=5)[0]
        == 201
    )
    for ward in (tree.dinh_cong, tree.dai_kim):
        _submit_approve(board, approver, ward, "2024-03")
    status, body = board.get(
        "/analytics", indicator="TIEP_CONG_DAN", org_unit=tree.hoang_mai.pk, period="2024-03"
    )
    assert status == 200 and body["value"] == 42
    # The rate is the sum of resolved over the sum of received, not an average of rates.
    _, rate = board.get(
        "/analytics", indicator="TY_LE_GIAI_QUYET_DON", org_unit=tree.hoang_mai.pk, period="2024-03"
    )
    assert rate["value"] == pytest.approx(8 / 24 * 100)
    assert rate["value"] != pytest.approx((3 / 10 + 5 / 14) / 2 * 100)
    # The quarter rolls the month up.
    _, quarter = board.get(
        "/analytics", indicator="DON_NHAN", org_unit=tree.hoang_mai.pk, period="2024Q1"
    )
    assert quarter["value"] == 24


def test_drafts_do_not_count_until_submitted(board, tree):
    _post(board, tree.dinh_cong, "2024-03", TIEP_CONG_DAN=12)
    _, before = board.get(
        "/analytics", indicator="TIEP_CONG_DAN", org_unit=tree.hoang_mai.pk, period="2024-03"
    )
    assert before["value"] is None
    board.post(f"/reports/{tree.dinh_cong.pk}/2024-03/BC_THANG/submit")
    _, after = board.get(
        "/analytics", indicator="TIEP_CONG_DAN", org_unit=tree.hoang_mai.pk, period="2024-03"
    )
    assert after["value"] == 12


def test_approved_figures_are_locked(board, approver, tree):
    _post(board, tree.dinh_cong, "2024-03", TIEP_CONG_DAN=12)
    _submit_approve(board, approver, tree.dinh_cong, "2024-03")
    status, body = _post(board, tree.dinh_cong, "2024-03", TIEP_CONG_DAN=13)
    assert status == 409 and "đã được duyệt" in body["detail"]
    assert DataValue.objects.get(indicator__code="TIEP_CONG_DAN").value == 12


def test_resolved_above_received_is_refused_and_nothing_saved(board, tree):
    status, body = _post(
        board, tree.dinh_cong, "2024-03", TIEP_CONG_DAN=5, DON_NHAN=4, DON_GIAI_QUYET=9
    )
    assert status == 400
    assert "values.DON_GIAI_QUYET" in body["errors"]
    assert not DataValue.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"KHONG_CO": 1}, "values.KHONG_CO"),
        ({"TIEP_CONG_DAN": -1}, "values.TIEP_CONG_DAN"),
        ({"TIEP_CONG_DAN": "abc"}, "values.TIEP_CONG_DAN"),
        ({"TIEP_CONG_DAN": 1.5}, "values.TIEP_CONG_DAN"),
        ({"TY_LE_GIAI_QUYET_DON": 50}, "values.TY_LE_GIAI_QUYET_DON"),
    ],
)
def test_bad_values_name_the_field(board, tree, values, field):
    status, body = _post(board, tree.dinh_cong, "2024-03", **values)
    assert status == 400 and field in body["errors"], body
    assert not DataValue.objects.exists()


def test_bad_period_and_foreign_unit(board, tree):
    status, body = _post(board, tree.dinh_cong, "2024-13", TIEP_CONG_DAN=1)
    assert status == 400 and "period" in body["errors"]
    status, _ = _post(board, tree.buoi, "2024-03", TIEP_CONG_DAN=1)
    assert status == 404  # Tây Hồ is not the board's to see


def test_reporter_enters_but_cannot_submit_or_approve(cast, catalog, open_tree, api, tree):
    reporter = api(cast.reporter)
    assert _post(reporter, tree.dinh_cong, "2024-03", TIEP_CONG_DAN=3)[0] == 201
    assert reporter.post(f"/reports/{tree.dinh_cong.pk}/2024-03/BC_THANG/submit")[0] == 403
    leader = api(cast.leader)
    assert leader.post(f"/reports/{tree.dinh_cong.pk}/2024-03/BC_THANG/submit")[0] == 200
    # A ward leader approves the units under the ward, not the ward itself.
    assert leader.post(f"/reports/{tree.dinh_cong.pk}/2024-03/BC_THANG/approve")[0] == 403
    assert api(cast.board).post(f"/reports/{tree.dinh_cong.pk}/2024-03/BC_THANG/approve")[0] == 200


def test_compare_with_previous_last_year_and_a_baseline_year(board, tree):
    for period, members in (("2010", 4949), ("2019-12", 5400), ("2020-06", 5573)):
        _post(board, tree.dinh_cong, period, HOI_VIEN=members)
        values_status_set(DataValue.objects.filter(period=period), Status.APPROVED)
    _, body = board.get(
        "/analytics",
        indicator="HOI_VIEN",
        org_unit=tree.hoang_mai.pk,
        period="2020H1",
        compare="2010",
    )
    assert body["value"] == 5573 and body["compare_value"] == 4949
    assert round(body["change_percent"], 1) == 12.6
    _, body = board.get(
        "/analytics",
        indicator="HOI_VIEN",
        org_unit=tree.hoang_mai.pk,
        period="2020H1",
        compare="previous",
    )
    assert body["compare_period"] == "2019H2" and body["compare_value"] == 5400


def test_forms_list_codes_and_indicators(board):
    status, forms = board.get("/forms")
    assert status == 200
    monthly = next(f for f in forms if f["code"] == "BC_THANG")
    assert monthly["period_type"] == "month"
    assert {"TIEP_CONG_DAN", "DON_NHAN", "DON_GIAI_QUYET"} <= set(monthly["indicators"])


def test_analytics_by_organisation_kind(board, approver, tree):
    _post(board, tree.dinh_cong, "2024-03", TIEP_CONG_DAN=10)
    _post(board, tree.mttq_dinh_cong, "2024-03", TIEP_CONG_DAN=3)
    for unit in (tree.dinh_cong, tree.mttq_dinh_cong):
        _submit_approve(board, approver, unit, "2024-03")
    _, body = board.get(
        "/analytics",
        indicator="TIEP_CONG_DAN",
        org_unit=tree.hoang_mai.pk,
        period="2024-03",
        organisation_kind="mttq",
    )
    assert body["value"] == 3
