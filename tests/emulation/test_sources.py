"""The report's «Dân vận khéo» figures come from the register: at the ward and at the city
they equal the register's counts, typing them is refused, the entry page shows them
read-only with the list behind each, and a time before any campaign keeps typed figures."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.access.system import SYSTEM
from danvan.emulation import selectors
from danvan.emulation.models import State
from danvan.reporting import sources
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import DataValue, ReportForm
from danvan.reporting.services import data_values_save, report_submit
from tests.emulation.conftest import field, put_in, register


@pytest.fixture
def form(db):
    ensure_catalog()
    return ReportForm.objects.get(code="BC_THANG")


@pytest.fixture
def register_rows(tree, campaign):
    """Five models registered in February 2026, two of them recognised in March."""
    feb = dt.date(2026, 2, 10)
    a = register(campaign, tree.mttq_dinh_cong, name="Camera an ninh", registered_on=feb)
    register(
        campaign,
        tree.mttq_dinh_cong,
        name="Bữa cơm nghĩa tình",
        registered_on=feb,
        field=field("van-hoa-xa-hoi"),
    )
    b = register(campaign, tree.dai_kim, name="Vườn rau sạch", registered_on=feb)
    register(campaign, tree.buoi, name="Giữ sạch hồ Tây", registered_on=feb)
    register(campaign, tree.bdv_hoang_mai, name="Dân vận chính quyền", registered_on=feb)
    put_in(a, State.RECOGNISED, by=tree.dinh_cong)
    put_in(b, State.EXEMPLARY, by=tree.dai_kim)
    return a, b


def _figure(form, unit, period, code):
    found = {f.indicator_id: f for f in sources.figures(form, unit, period).values()}
    indicator = form.sections.get(code="phong_trao").indicators.get(code=code)
    return found[indicator.pk].value


def test_ward_and_city_figures_equal_the_registers_counts(cast, tree, form, register_rows):
    wards = [tree.dinh_cong, tree.dai_kim, tree.buoi]
    assert _figure(form, tree.dinh_cong, "2026-02", "MO_HINH_DVK") == 2
    assert _figure(form, tree.dinh_cong, "2026-02", "MO_HINH_DVK_KT") == 1
    assert _figure(form, tree.dinh_cong, "2026-02", "MO_HINH_DVK_VHXH") == 1
    assert _figure(form, tree.dinh_cong, "2026-03", "MO_HINH_DVK_CONG_NHAN") == 1
    # The city's own report counts what no ward reports (the district board's model):
    # the reports of the subtree add up to the register's count for the city.
    city_own = _figure(form, tree.hanoi, "2026-02", "MO_HINH_DVK")
    assert city_own == 1
    total = city_own + sum(_figure(form, w, "2026-02", "MO_HINH_DVK") for w in wards)
    counts = selectors.counts(user=cast.admin, unit=tree.hanoi)
    assert total == counts.total.registered == 5
    recognised = _figure(form, tree.hanoi, "2026-03", "MO_HINH_DVK_CONG_NHAN") + sum(
        _figure(form, w, "2026-03", "MO_HINH_DVK_CONG_NHAN") for w in wards
    )
    assert recognised == counts.total.recognised == 2
    for ward in wards:
        ward_counts = selectors.counts(user=cast.admin, unit=ward)
        assert _figure(form, ward, "2026-02", "MO_HINH_DVK") == ward_counts.total.registered


def test_a_stopped_model_no_longer_counts_as_recognised(cast, tree, form, register_rows):
    a, _ = register_rows
    put_in(a, State.STOPPED)
    assert _figure(form, tree.dinh_cong, "2026-03", "MO_HINH_DVK_CONG_NHAN") == 0
    assert selectors.counts(user=cast.admin, unit=tree.dinh_cong).total.recognised == 0


def test_typing_the_registers_figure_is_refused(cast, tree, form, register_rows):
    with pytest.raises(ValidationError) as refused:
        data_values_save(
            actor=cast.reporter,
            org_unit=tree.dinh_cong,
            period="2026-02",
            values={"MO_HINH_DVK": 7},
            form=form,
        )
    assert "Sổ mô hình «Dân vận khéo»" in str(refused.value)


def test_the_sent_report_holds_the_registers_count(cast, tree, form, register_rows):
    data_values_save(
        actor=SYSTEM, org_unit=tree.dinh_cong, period="2026-03", values={"HOI_VIEN": 900}, form=form
    )
    report_submit(actor=SYSTEM, form=form, org_unit=tree.dinh_cong, period="2026-03")
    stored = DataValue.objects.get(
        org_unit=tree.dinh_cong, period="2026-03", indicator__code="MO_HINH_DVK_CONG_NHAN"
    )
    assert stored.value == 1


def test_entry_page_shows_the_recognised_count_with_its_list(
    cast, tree, form, register_rows, as_user, reporting_clock
):
    reporting_clock(dt.date(2026, 4, 2))
    url = reverse("reporting:entry", args=[tree.dinh_cong.pk, "2026-03", form.code])
    page = unescape(as_user(cast.reporter).get(url).content.decode())
    list_url = sources.get("emulation.recognised").list_url(
        tree.dinh_cong, dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    )
    assert unescape(list_url) in page
    listing = unescape(as_user(cast.reporter).get(list_url).content.decode())
    assert "Camera an ninh" in listing and "Bữa cơm nghĩa tình" not in listing


def test_a_time_before_any_campaign_keeps_its_typed_figures(cast, tree, form, register_rows):
    data_values_save(
        actor=SYSTEM,
        org_unit=tree.dinh_cong,
        period="2023-02",
        values={"MO_HINH_DVK": 3},
        form=form,
        before_register=True,
    )
    report_submit(actor=SYSTEM, form=form, org_unit=tree.dinh_cong, period="2023-02")
    stored = DataValue.objects.get(
        org_unit=tree.dinh_cong, period="2023-02", indicator__code="MO_HINH_DVK"
    )
    assert stored.value == 3
