"""Each figure's status change on submit, approve, return and unapprove is in the audit
log (issue 11, point 9), under the officer who made it, at a fixed number of queries."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.reporting.models import DataValue, FormIndicator, ReportForm
from danvan.reporting.services import (
    data_values_save,
    report_approve,
    report_return,
    report_submit,
    report_unapprove,
)
from tests.conftest import client_for

PERIOD = "2024-03"


@pytest.fixture
def form(catalog):
    return ReportForm.objects.get(code="BC_THANG")


@pytest.fixture
def ward(open_tree):
    return {"org_unit": open_tree.dinh_cong, "period": PERIOD}


def _status_entries():
    """(figure, actor, before, after) of every status change logged, oldest first."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(DataValue), changes__has_key="status"
    ).order_by("timestamp", "pk")
    return [
        (e.object_repr.split()[0], e.actor.username, *e.changes["status"])
        for e in entries
        if set(e.changes) == {"status"}
    ]


def test_every_figure_change_of_status_is_logged_under_its_officer(cast, ward, form):
    data_values_save(actor=cast.reporter, **ward, values={"TIEP_CONG_DAN": 5, "DON_NHAN": 2})
    report_submit(actor=cast.leader, form=form, **ward)
    report_approve(actor=cast.board, form=form, **ward)
    report_unapprove(actor=cast.board, form=form, **ward)
    report_return(actor=cast.board, form=form, **ward, reason="Thiếu số đơn giải quyết")

    steps = [
        ("leader", "draft", "submitted"),
        ("board", "submitted", "approved"),
        ("board", "approved", "submitted"),
        ("board", "submitted", "draft"),
    ]
    expected = [(code, *step) for step in steps for code in ("DON_NHAN", "TIEP_CONG_DAN")]
    logged = _status_entries()
    assert sorted(logged, key=lambda e: (steps.index(e[1:]), e[0])) == expected
    assert len(logged) == len(expected)


def test_the_audit_page_shows_the_figures_status_in_words(cast, ward, form):
    data_values_save(actor=cast.reporter, **ward, values={"TIEP_CONG_DAN": 5})
    report_submit(actor=cast.leader, form=form, **ward)
    page = client_for(cast.admin).get("/quan-ly/nhat-ky/", {"q": "TIEP_CONG_DAN"})
    content = page.content.decode()
    assert "TIEP_CONG_DAN Phường Định Công 2024-03" in content
    assert "<del>Nháp</del> → <ins>Đã gửi</ins>" in content


def test_a_submit_costs_the_same_queries_for_two_figures_or_eight(cast, open_tree, form):
    # The form lets units type the register's figures here: eight typed figures.
    FormIndicator.objects.filter(section__form=form).exclude(indicator__source="").update(
        typed=True
    )
    codes = list(
        form.sections.filter(is_narrative=False)
        .values_list("indicators__code", flat=True)
        .exclude(indicators__value_type__in=["computed", "text", "boolean"])
    )
    assert len(codes) >= 8
    costs = []
    for unit, count in ((open_tree.dinh_cong, 2), (open_tree.dai_kim, 8)):
        target = {"org_unit": unit, "period": PERIOD}
        data_values_save(
            actor=cast.board, **target, values={code: 0 for code in codes[:count]}, form=form
        )
        with CaptureQueriesContext(connection) as queries:
            report_submit(actor=cast.board, form=form, **target)
        costs.append(len(queries))
    assert costs[0] == costs[1]
    assert len(_status_entries()) == 2 + 8
