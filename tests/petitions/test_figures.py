"""Figures from records: lượt tiếp công dân (a group counts its size), đơn nhận, đã giải
quyết, đang xem xét, trùng, đoàn đông người, by kind — read-only on the entry page,
written at submit, equal at every level; typed where the register was not kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from danvan.access.system import SYSTEM
from danvan.petitions import decisions, figures, reception, services
from danvan.petitions import forwarding as across
from danvan.petitions.models import Stage
from danvan.reporting import sources
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import DataValue, Indicator, RegisterUse, ReportForm
from danvan.reporting.services import data_values_save, report_submit
from tests.petitions.conftest import new_petition

pytestmark = pytest.mark.django_db
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@pytest.fixture
def records(officers, tree, day):
    session = reception.session_create(
        actor=officers.mttq, org_unit=tree.mttq_dinh_cong, held_on=day, kind="dinh_ky", host="A"
    )
    reception.visit_add(actor=officers.mttq, session=session, full_name="B", raised="x")
    reception.visit_add(
        actor=officers.mttq, session=session, full_name="C", raised="y", group_size=7
    )
    first = new_petition(officers.ubnd, officers.ubnd_unit, kind="khieu_nai")
    second = new_petition(
        officers.mttq, tree.mttq_dinh_cong, subject="Phản ánh rác thải", kind="kien_nghi"
    )
    services.petition_classify(
        actor=officers.mttq, petition=second, kind="kien_nghi", eligible=True, competent=True
    )
    services.petition_accept(actor=officers.mttq, petition=second)
    services.petition_move(actor=officers.mttq, petition=second, to=Stage.RESOLVING)
    services.petition_move(actor=officers.mttq, petition=second, to=Stage.ANSWERED, note="Xong")
    duplicate = new_petition(officers.ubnd, officers.ubnd_unit, kind="khieu_nai")
    decisions.petition_duplicate_decide(actor=officers.ubnd, petition=duplicate, confirm=True)
    return first, second, duplicate


def _count(code: str, units: list[int]) -> int | None:
    key = figures.KEYS[code]
    source = sources.get(key)
    assert source is not None
    value = source.count(units, *MARCH)
    return None if value is None else int(value)


def test_counts_of_the_ward(records, tree, officers):
    ward = [tree.dinh_cong.pk, tree.mttq_dinh_cong.pk, officers.ubnd_unit.pk]
    assert _count("TIEP_CONG_DAN", ward) == 8  # 1 + a group of 7
    assert _count("DOAN_DONG_NGUOI", ward) == 1
    assert _count("DON_NHAN", ward) == 2  # the confirmed duplicate is not counted twice
    assert _count("DON_GIAI_QUYET", ward) == 1
    assert _count("DON_DANG_XEM_XET", ward) == 1
    assert _count("DON_TRUNG", ward) == 1
    assert (_count("DON_KHIEU_NAI", ward), _count("DON_KIEN_NGHI", ward)) == (1, 1)
    assert _count("DON_TO_CAO", ward) == 0


def test_a_forwarded_petition_is_counted_once(officers, tree, day):
    sent = new_petition(officers.mttq, tree.mttq_dinh_cong)
    services.petition_classify(
        actor=officers.mttq, petition=sent, kind="kien_nghi", eligible=True, competent=False
    )
    across.petition_forward(actor=officers.mttq, petition=sent, to_unit=officers.ubnd_unit)
    ward = [tree.dinh_cong.pk, tree.mttq_dinh_cong.pk, officers.ubnd_unit.pk]
    assert _count("DON_NHAN", ward) == 1


def test_figures_equal_at_every_level_and_are_refused_when_typed(records, tree, officers):
    ensure_catalog()
    form = ReportForm.objects.get(code="BC_THANG")
    with pytest.raises(ValidationError, match="không nhập trực tiếp"):
        data_values_save(
            actor=SYSTEM,
            org_unit=tree.dinh_cong,
            period="2026-03",
            values={"DON_NHAN": 5},
            form=form,
        )
    # The reports of a subtree partition its records: the district's own figure plus its
    # wards' equal the register's count over the whole district, indicator by indicator.
    from danvan.org.models import OrgUnit

    parts = [tree.hoang_mai, tree.dinh_cong, tree.dai_kim]
    found = [sources.figures(form, unit, "2026-03") for unit in parts]
    subtree = list(
        OrgUnit.objects.filter(path__startswith=tree.hoang_mai.path).values_list("pk", flat=True)
    )
    for code, key in figures.KEYS.items():
        source = sources.get(key)
        assert source is not None
        indicator = Indicator.objects.get(code=code)
        total = sum(f[indicator.pk].value for f in found)
        assert total == source.count(subtree, *MARCH), code
    report_submit(actor=SYSTEM, form=form, org_unit=tree.dinh_cong, period="2026-03")
    stored = DataValue.objects.get(
        org_unit=tree.dinh_cong, period="2026-03", indicator__code="TIEP_CONG_DAN"
    )
    assert stored.value == Decimal(8)


def test_a_unit_before_the_register_types_its_figures_and_keeps_them(records, tree):
    ensure_catalog()
    RegisterUse.objects.create(
        register="petitions", org_unit=tree.hoang_mai, since=dt.date(2026, 4, 1)
    )
    form = ReportForm.objects.get(code="BC_THANG")
    assert sources.figures(form, tree.dinh_cong, "2026-03") == {}
    data_values_save(
        actor=SYSTEM,
        org_unit=tree.dinh_cong,
        period="2026-03",
        values={"DON_NHAN": 5},
        form=form,
    )
    report_submit(actor=SYSTEM, form=form, org_unit=tree.dinh_cong, period="2026-03")
    stored = DataValue.objects.get(
        org_unit=tree.dinh_cong, period="2026-03", indicator__code="DON_NHAN"
    )
    assert stored.value == 5
