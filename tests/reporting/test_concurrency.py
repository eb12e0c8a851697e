"""Saves racing the workflow and each other, on PostgreSQL (issue 11, point 1).

Each race is run many times with threads released together by a barrier: one thread
per API client, each with its own database connection. What is checked is what a
district officer would see: the total of the district, and the rule "số đơn đã giải
quyết ≤ số đơn nhận" on what is stored. SQLite serialises writers, so it skips.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from django.db import connection, connections

from danvan.lib import periods
from danvan.reporting.analytics import aggregate
from danvan.reporting.models import DataValue, Indicator, Report, ReportForm, Status
from danvan.reporting.services import report_save_narrative

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers anyway"
    ),
    pytest.mark.django_db(transaction=True),
]

ROUNDS = 20
# Past months: the ward's window is closed, but the district board may still write.
MONTHS = [f"{2022 + (6 + n) // 12}-{(6 + n) % 12 + 1:02d}" for n in range(ROUNDS)]


def _race(*calls: Callable[[], Any]) -> list[Any]:
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            start.wait()
            results[index] = call()
        except BaseException as error:  # reported below, a thread cannot fail the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def _values(unit: Any, period: str, **values: Any) -> dict[str, Any]:
    return {"org_unit": unit.pk, "period": period, "values": values}


def _district(code: str, district: Any, period: str) -> Decimal | None:
    indicator = Indicator.objects.get(code=code)
    return aggregate([indicator], district, periods.parse(period))[code]


@pytest.fixture
def clients(cast, catalog, open_tree, api):
    return {"leader": api(cast.leader), "board": api(cast.board), "board_2": api(cast.board)}


def test_a_figure_posted_while_the_report_is_submitted_is_counted_or_refused(clients, tree):
    board, leader = clients["board"], clients["leader"]
    outcomes = []
    for month in MONTHS:
        assert board.post("/data-values", _values(tree.dai_kim, month, TIEP_CONG_DAN=3))[0] == 201
        assert board.post(f"/reports/{tree.dai_kim.pk}/{month}/BC_THANG/submit")[0] == 200
        assert board.post("/data-values", _values(tree.dinh_cong, month, TIEP_CONG_DAN=5))[0] == 201

        submitted, posted = _race(
            partial(leader.post, f"/reports/{tree.dinh_cong.pk}/{month}/BC_THANG/submit"),
            partial(board.post, "/data-values", _values(tree.dinh_cong, month, TIEP_CONG_DAN=999)),
        )

        assert submitted[0] == 200, submitted
        assert posted[0] in (201, 409), posted
        accepted = 999 if posted[0] == 201 else 5
        outcomes.append(posted[0])
        report = Report.objects.get(org_unit=tree.dinh_cong, period=month, form__code="BC_THANG")
        figure = DataValue.objects.get(
            org_unit=tree.dinh_cong, period=month, indicator__code="TIEP_CONG_DAN"
        )
        # Never a sent report holding a draft figure: that figure would vanish from totals.
        assert (report.status, figure.status, figure.value) == (
            Status.SUBMITTED,
            Status.SUBMITTED,
            accepted,
        ), month
        assert _district("TIEP_CONG_DAN", tree.hoang_mai, month) == accepted + 3, month
    assert set(outcomes) <= {201, 409}


def test_two_posts_never_break_resolved_at_most_received_together(clients, tree):
    board, other = clients["board"], clients["board_2"]
    for month in MONTHS:
        stored = _values(tree.dinh_cong, month, DON_NHAN=10, DON_GIAI_QUYET=3)
        assert board.post("/data-values", stored)[0] == 201

        fewer_received, more_resolved = _race(
            partial(board.post, "/data-values", _values(tree.dinh_cong, month, DON_NHAN=5)),
            partial(other.post, "/data-values", _values(tree.dinh_cong, month, DON_GIAI_QUYET=8)),
        )

        # Each is valid alone (5 ≥ 3, 8 ≤ 10), not both: the second is judged on the first.
        assert sorted([fewer_received[0], more_resolved[0]]) == [201, 400], month
        refused = fewer_received if fewer_received[0] == 400 else more_resolved
        assert "không được lớn hơn số đơn nhận" in refused[1]["detail"]
        figures = dict(
            DataValue.objects.filter(org_unit=tree.dinh_cong, period=month).values_list(
                "indicator__code", "value"
            )
        )
        assert figures["DON_GIAI_QUYET"] <= figures["DON_NHAN"], month
        assert board.post(f"/reports/{tree.dinh_cong.pk}/{month}/BC_THANG/submit")[0] == 200
        received = _district("DON_NHAN", tree.hoang_mai, month)
        resolved = _district("DON_GIAI_QUYET", tree.hoang_mai, month)
        assert (received, resolved) == (figures["DON_NHAN"], figures["DON_GIAI_QUYET"]), month
        assert resolved is not None and received is not None and resolved <= received


def test_two_sections_and_a_figure_saved_at_once_all_stay(clients, cast, tree):
    """Autosave of one field (a section, a figure) never puts back another one, even
    when the report row does not exist yet and all three writers would create it."""
    form = ReportForm.objects.get(code="BC_THANG")
    board = clients["board"]
    first = {"ket_qua": "Tiếp 5 lượt công dân."}
    second = {"phuong_huong": "Tháng tới: đối thoại với nhân dân."}
    for month in MONTHS:
        write = partial(
            report_save_narrative,
            actor=cast.board,
            form=form,
            org_unit=tree.dinh_cong,
            period=month,
        )
        _race(
            partial(write, narrative=first),
            partial(write, narrative=second),
            partial(board.post, "/data-values", _values(tree.dinh_cong, month, TIEP_CONG_DAN=7)),
        )
        report = Report.objects.get(org_unit=tree.dinh_cong, period=month, form=form)
        assert report.narrative == {**first, **second}, month
        assert DataValue.objects.get(org_unit=tree.dinh_cong, period=month).value == 7
