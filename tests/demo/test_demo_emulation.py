"""Issue 14 acceptance on the demo (the register's part): loaded on 02/12/2026, the city's
2026 «Dân vận khéo» campaign has models of today's Hà Nội wards in every state, some
recognised, with evidence pictures marked as illustrations; demo_board sees them by state
and field for Hà Nội; demo_reporter's ward report for last month counts the recognised
model from the register; a second load writes nothing new. One test: a load takes tens of
seconds."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.demo import current_data
from danvan.emulation.models import Campaign, EmulationModel, Evidence, State, Transition
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting import sources
from danvan.reporting.models import DataValue, ReportForm
from tests.demo_db import DEMO_DAY, Demo

DAY = DEMO_DAY


def _client(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="danvan.accounts.backends.DemoAwareBackend"
    )
    return client


@pytest.mark.slow
def test_demo_register_of_models(demo: Demo) -> None:
    # demo: DEBUG is on (demo accounts log in only then, as on `make run`), today is DAY.

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
