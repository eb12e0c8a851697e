"""Figures counted from a register (danvan/reporting/sources.py), with a register made
for the test: the meetings a unit held count as «Hội nghị đã tổ chức»."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.access.system import SYSTEM
from danvan.meetings.models import Meeting, MeetingKind
from danvan.reporting import sources
from danvan.reporting.models import DataValue, FormIndicator, Indicator, ReportForm, Status
from danvan.reporting.services import data_values_save, report_submit
from tests.tasks.conftest import at

PERIOD = "2024-03"
KEY = "test.meetings_held"


def _count(units: list[int], start: dt.date, end: dt.date) -> int:
    return Meeting.objects.filter(
        org_unit_id__in=units, starts_at__date__gte=start, starts_at__date__lte=end
    ).count()


def _url(unit, start: dt.date, end: dt.date) -> str:
    return f"/quan-ly/hoi-nghi/?don-vi={unit.pk}&tu={start:%d/%m/%Y}"


@pytest.fixture
def counted(catalog, open_tree):
    sources.register(sources.Source(key=KEY, register="Sổ hội nghị", count=_count, list_url=_url))
    indicator = Indicator.objects.create(
        code="HOI_NGHI_TEST", name="Hội nghị đã tổ chức", source=KEY
    )
    form = ReportForm.objects.get(code="BC_THANG")
    section = form.sections.filter(is_narrative=False).first()
    FormIndicator.objects.create(section=section, indicator=indicator, order=99)
    yield indicator
    sources._SOURCES.pop(KEY, None)


def _meeting(unit, day: dt.date) -> Meeting:
    kind, _ = MeetingKind.objects.get_or_create(code="giao_ban", defaults={"name": "Giao ban"})
    return Meeting.objects.create(
        title="Giao ban", kind=kind, org_unit=unit, starts_at=at(day), status=Meeting.Status.HELD
    )


def test_typing_a_counted_figure_is_refused_naming_the_register(cast, counted, open_tree):
    with pytest.raises(ValidationError) as raised:
        data_values_save(
            actor=cast.reporter,
            org_unit=open_tree.dinh_cong,
            period=PERIOD,
            values={"HOI_NGHI_TEST": 4},
        )
    assert "Sổ hội nghị" in str(raised.value) and "không nhập trực tiếp" in str(raised.value)


def test_a_form_may_let_units_type_it(cast, counted, open_tree):
    FormIndicator.objects.filter(indicator=counted).update(typed=True)
    data_values_save(
        actor=cast.reporter,
        org_unit=open_tree.dinh_cong,
        period=PERIOD,
        values={"HOI_NGHI_TEST": 4},
    )
    assert DataValue.objects.get(indicator=counted, org_unit=open_tree.dinh_cong).value == 4


def test_entry_page_shows_the_count_read_only_with_its_list(cast, counted, open_tree, as_user):
    tree = open_tree
    _meeting(tree.dinh_cong, dt.date(2024, 3, 5))
    _meeting(tree.mttq_dinh_cong, dt.date(2024, 3, 20))  # the ward's Front counts for the ward
    _meeting(tree.dinh_cong, dt.date(2024, 4, 2))  # next month
    url = reverse("reporting:entry", args=[tree.dinh_cong.pk, PERIOD, "BC_THANG"])
    page = unescape(as_user(cast.reporter).get(url).content.decode())
    assert 'id="v-HOI_NGHI_TEST"' in page
    assert 'name="v-HOI_NGHI_TEST"' not in page  # no input: it is not typed
    assert "<output>2</output>" in page and "Tính từ Sổ hội nghị" in page
    assert f"don-vi={tree.dinh_cong.pk}&tu=01/03/2024" in page


def test_submit_writes_the_count_and_a_sent_report_keeps_it(cast, counted, open_tree):
    tree = open_tree
    _meeting(tree.dinh_cong, dt.date(2024, 3, 5))
    report = report_submit(
        actor=cast.leader,
        form=ReportForm.objects.get(code="BC_THANG"),
        org_unit=tree.dinh_cong,
        period=PERIOD,
    )
    assert report.status == Status.SUBMITTED
    row = DataValue.objects.get(indicator=counted, org_unit=tree.dinh_cong, period=PERIOD)
    assert row.value == Decimal(1) and row.status == Status.SUBMITTED
    _meeting(tree.dinh_cong, dt.date(2024, 3, 9))  # after sending: the report is history
    sources.refresh(report=report)
    row.refresh_from_db()
    assert row.value == Decimal(1)


def test_reports_partition_the_records_so_every_level_adds_up(counted, open_tree):
    tree = open_tree
    form = ReportForm.objects.get(code="BC_THANG")
    ward = sources.covered_units(form, tree.dinh_cong)
    district = sources.covered_units(form, tree.hoang_mai)
    assert tree.mttq_dinh_cong.pk in ward and tree.dinh_cong.pk in ward
    # The district's own report leaves out the wards, which report themselves.
    assert tree.dinh_cong.pk not in district and tree.mttq_dinh_cong.pk not in district
    assert tree.hoang_mai.pk in district and tree.bdv_hoang_mai.pk in district
    assert not set(ward) & set(district)


def test_system_refresh_of_a_draft(counted, open_tree):
    from danvan.reporting.models import Report

    tree = open_tree
    form = ReportForm.objects.get(code="BC_THANG")
    report = Report.objects.create(form=form, org_unit=tree.dinh_cong, period=PERIOD)
    _meeting(tree.dinh_cong, dt.date(2024, 3, 5))
    _meeting(tree.dinh_cong, dt.date(2024, 3, 6))
    sources.refresh(report=report)
    assert DataValue.objects.get(indicator=counted, org_unit=tree.dinh_cong).value == 2
    assert SYSTEM is not None
