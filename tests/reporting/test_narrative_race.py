"""Two writers of one report's narrative at the same moment, on PostgreSQL (issue 11 §2).

Both opened the page with the same text. Same section: exactly one save goes in, the
other is refused with the winner's text (never both "saved", never a silent overwrite).
Different sections: both survive. SQLite serialises writers, so it skips."""

from __future__ import annotations

from functools import partial

import pytest
from django.db import connection

from danvan.core.concurrency import StaleText, text_token
from danvan.reporting.models import Report, ReportForm
from danvan.reporting.services import report_save_narrative
from tests.reporting.test_concurrency import MONTHS, _race

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers anyway"
    ),
    pytest.mark.django_db(transaction=True),
]


def _attempt(call):
    try:
        call()
    except StaleText as error:
        return error
    return "saved"


def test_one_section_written_by_two_at_once_keeps_one_and_refuses_the_other(
    cast, catalog, open_tree, second_board
):
    form = ReportForm.objects.get(code="BC_THANG")
    opened = {"ket_qua": text_token("Bản đầu.")}
    for month in MONTHS:
        write = partial(
            report_save_narrative, form=form, org_unit=open_tree.dinh_cong, period=month
        )
        write(actor=cast.board, narrative={"ket_qua": "Bản đầu."})
        outcomes = _race(
            partial(
                _attempt,
                partial(write, actor=cast.board, narrative={"ket_qua": "Của A."}, tokens=opened),
            ),
            partial(
                _attempt,
                partial(write, actor=second_board, narrative={"ket_qua": "Của B."}, tokens=opened),
            ),
        )
        stored = Report.objects.get(org_unit=open_tree.dinh_cong, period=month).narrative
        assert sorted(o == "saved" for o in outcomes) == [False, True], month
        refusal = next(o for o in outcomes if o != "saved")
        assert stored["ket_qua"] in ("Của A.", "Của B.")
        assert refusal.clashes[0].text == stored["ket_qua"], month


def test_two_sections_written_at_once_both_survive(cast, catalog, open_tree, second_board):
    form = ReportForm.objects.get(code="BC_THANG")
    empty = text_token("")
    for month in MONTHS:
        write = partial(
            report_save_narrative, form=form, org_unit=open_tree.dinh_cong, period=month
        )
        outcomes = _race(
            partial(
                _attempt,
                partial(
                    write, actor=cast.board, narrative={"ket_qua": "A"}, tokens={"ket_qua": empty}
                ),
            ),
            partial(
                _attempt,
                partial(
                    write,
                    actor=second_board,
                    narrative={"tinh_hinh": "B"},
                    tokens={"tinh_hinh": empty},
                ),
            ),
        )
        assert outcomes == ["saved", "saved"], month
        report = Report.objects.get(org_unit=open_tree.dinh_cong, period=month)
        assert report.narrative == {"ket_qua": "A", "tinh_hinh": "B"}, month
