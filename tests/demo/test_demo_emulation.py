"""Issue 14 acceptance on the demo (the register's part): loaded on 02/12/2026, the city's
2026 «Dân vận khéo» campaign has models of today's Hà Nội wards in every state, some
recognised, with evidence pictures marked as illustrations; demo_board sees them by state
and field for Hà Nội; demo_reporter's ward report for last month counts the recognised
model from the register; a second load writes nothing new. One test: a load takes tens of
seconds."""

from __future__ import annotations

import datetime as dt
from html import unescape
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from danvan.accounts.models import User
from danvan.core import clock
from danvan.demo import current_data
from danvan.emulation.models import Campaign, EmulationModel, Evidence, State, Transition
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting import sources
from danvan.reporting.models import DataValue, ReportForm

DAY = dt.date(2026, 12, 2)


def _freeze(monkeypatch: Any, day: dt.date) -> None:
    real = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> dt.date:
        return day if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    monkeypatch.setattr(clock, "today", lambda: day)


def _client(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="danvan.accounts.backends.DemoAwareBackend"
    )
    return client


@pytest.mark.django_db
def test_demo_register_of_models(monkeypatch: Any, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.DEBUG = True  # demo accounts log in only while DEBUG is on, as on `make run`
    _freeze(monkeypatch, DAY)
    call_command("load_demo", verbosity=0, stdout=StringIO())

    city = OrgUnit.objects.get(code="HN")
    campaign = Campaign.objects.get(launching_unit=city, year=2026)
    assert campaign.document is not None and campaign.document.reference == "12-KH/BTGDVTU"
    models = EmulationModel.objects.filter(campaign=campaign)
    assert models.count() >= 12
    assert set(models.values_list("state", flat=True)) == set(State.values)
    assert all(m.unit.code.startswith("HN-") and not m.unit.is_historical for m in models)
    recognised = models.filter(state=State.RECOGNISED)
    assert recognised.count() >= 2 and models.filter(is_public=True).exists()
    photos = Evidence.objects.filter(model__campaign=campaign, kind="png")
    assert photos.exists() and all(p.is_illustration for p in photos)
    # The moves were made by the people whose move it is.
    ward_moves = Transition.objects.filter(model__unit__code__startswith=current_data.DEMO_WARD)
    assert ward_moves.filter(move="dang_ky", actor__username="demo_reporter").exists()
    assert ward_moves.filter(move="cong_nhan", actor__username="demo_leader").exists()
    assert Transition.objects.filter(move="cong_nhan", actor__username="demo_board").exists()

    # demo_board: the campaign's models by state and field, for Hà Nội.
    board = _client("demo_board")
    page = unescape(board.get(f"/quan-ly/dan-van-kheo/dot-thi-dua/{campaign.pk}/").content.decode())
    for label in ("Đăng ký", "Đang thực hiện", "Công nhận", "Dừng", "Kinh tế", "Văn hóa – xã hội"):
        assert label in page
    stats = unescape(
        board.get("/quan-ly/dan-van-kheo/thong-ke/", {"don_vi": city.pk}).content.decode()
    )
    assert "Phường Định Công" in stats and "Thành phố Hà Nội" in stats
    listing = board.get("/quan-ly/dan-van-kheo/", {"campaign": campaign.pk}).content.decode()
    assert f"{models.count()} mô hình, điển hình" in listing

    # demo_reporter's ward: last month's report (not sent yet) shows the recognised
    # count from the register, read-only, with the list behind it.
    ward = OrgUnit.objects.get(code=current_data.DEMO_WARD)
    form = ReportForm.objects.get(code="BC_THANG")
    last = periods.period_of(periods.MONTH, DAY).previous()
    found = sources.figures(form, ward, last.code)
    by_code = {f.indicator_id: f for f in found.values()}
    recognised_code = form.sections.get(code="phong_trao").indicators.get(
        code="MO_HINH_DVK_CONG_NHAN"
    )
    assert by_code[recognised_code.pk].value == 1
    entry = _client("demo_reporter").get(f"/quan-ly/bao-cao/nhap/{ward.pk}/{last.code}/BC_THANG/")
    assert unescape(by_code[recognised_code.pk].url) in unescape(entry.content.decode())
    # The sent months of 2026 hold the register's counts, never typed figures.
    january = DataValue.objects.get(org_unit=ward, period="2026-01", indicator__code="MO_HINH_DVK")
    assert (
        january.value
        == models.filter(unit__path__startswith=ward.path, registered_on__month=1).count()
    )
    # The portal's section shows the published models.
    portal = Client().get("/dan-van-kheo/").content.decode()
    assert models.filter(is_public=True).first().name in unescape(portal)

    before = (EmulationModel.objects.count(), Transition.objects.count(), Evidence.objects.count())
    call_command("load_demo", verbosity=0, stdout=StringIO())
    after = (EmulationModel.objects.count(), Transition.objects.count(), Evidence.objects.count())
    assert before == after
