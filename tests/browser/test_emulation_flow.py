"""A ward's model from đăng ký to công nhận in a real browser (Debian's chromium): the
ward reporter registers it on the form and reports progress with a photo, the ward leader
checks, follows, reviews, scores and recognises it; the reporter is never offered those
moves. Screenshots at 1280 and 390 px (DANVAN_SCREENSHOTS=<dir>)."""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from danvan.core import clock
from danvan.emulation.lookups import ensure_lookups
from danvan.emulation.models import EmulationModel, State
from tests.browser.pages import login, shot, unit_choose
from tests.emulation.conftest import make_campaign

pytestmark = pytest.mark.browser
PASSWORD = "Mat-khau-dai-2026"


@pytest.fixture
def today(monkeypatch):
    """Move ``clock.today()`` (the live server runs in this process)."""

    def set_day(day: dt.date) -> None:
        monkeypatch.setattr(clock, "today", lambda: day)

    return set_day


def _open_move(page: Page, label: str) -> None:
    page.locator("summary", has_text=label).first.click()


@pytest.mark.django_db(transaction=True)
def test_from_registration_to_recognition(
    live_server, browser, tree, cast, today, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    ensure_lookups()
    today(dt.date(2026, 3, 2))
    campaign = make_campaign(tree.hanoi)
    url = live_server.url

    reporter = browser.new_page(viewport={"width": 1280, "height": 900})
    login(reporter, url, "reporter", PASSWORD)
    reporter.goto(f"{url}/quan-ly/dan-van-kheo/dang-ky/?dot={campaign.pk}")
    unit_choose(reporter, "id_unit", "Ủy ban MTTQ phường Định Công — Phường Định Công")
    reporter.fill("#id_name", "Camera an ninh «Mắt thần khu phố»")
    reporter.select_option("#id_field", label="Quốc phòng – an ninh")
    reporter.fill("#id_address", "Tổ dân phố số 1, phường Định Công")
    reporter.fill("#id_funds", "12,5")
    reporter.fill("#id_outputs", "16 camera ở các ngõ; không còn mất trộm xe máy.")
    shot(reporter, "dvk-dang-ky")
    reporter.click("form.card button[type=submit]")
    expect(reporter.locator(".msg-success")).to_contain_text("Đã đăng ký")
    model = EmulationModel.objects.get(name="Camera an ninh «Mắt thần khu phố»")
    detail = f"{url}/quan-ly/dan-van-kheo/{model.pk}/"
    expect(reporter.locator("#chuyen")).to_contain_text("Bạn không có thao tác nào ở bước này")

    leader = browser.new_page(viewport={"width": 1280, "height": 900})
    login(leader, url, "leader", PASSWORD)
    for label in ("Kiểm tra, khảo sát", "Xác nhận triển khai thực hiện"):
        leader.goto(detail)
        _open_move(leader, label)
        leader.locator("details[open] button[type=submit]").click()
        expect(leader.locator(".msg-success")).to_be_visible()

    today(dt.date(2026, 6, 20))
    photo = tmp_path / "camera.png"
    Image.new("RGB", (320, 200), (30, 110, 60)).save(photo)
    reporter.goto(detail)
    reporter.fill("#tien-do textarea[name=text]", "Lắp xong 16 camera, bàn giao cho tổ bảo vệ.")
    reporter.set_input_files("#tien-do input[type=file]", str(photo))
    reporter.click("#tien-do button[type=submit]")
    expect(reporter.locator(".dvk-photos img")).to_have_count(1)

    leader.goto(detail)
    _open_move(leader, "Sơ kết")
    leader.fill("details[open] textarea[name=note]", "Sơ kết 6 tháng: đạt mục tiêu.")
    leader.locator("details[open] button[type=submit]").click()
    expect(leader.locator(".msg-success")).to_be_visible()
    leader.locator("#danh-gia summary").click()
    for criterion in campaign.criteria.all():
        leader.fill(f"#id_diem_{criterion.pk}", "8")
    leader.fill("#danh-gia textarea[name=comment]", "Có địa chỉ, kết quả rõ, Nhân dân đồng tình.")
    leader.click("#danh-gia button[type=submit]")
    expect(leader.locator(".msg-success")).to_contain_text("24 điểm")
    leader.locator("#cong-nhan summary").click()
    leader.select_option("#cong-nhan select[name=level]", label="Cấp cơ sở")
    leader.click("#cong-nhan button[type=submit]")
    expect(leader.locator(".msg-success")).to_contain_text("Đã công nhận")
    expect(leader.locator(".page-head")).to_contain_text("Cấp cơ sở — Phường Định Công")
    model.refresh_from_db()
    assert model.state == State.RECOGNISED
    shot(leader, "dvk-cong-nhan")
    leader.set_viewport_size({"width": 390, "height": 844})
    shot(leader, "dvk-cong-nhan")
    leader.goto(f"{url}/quan-ly/dan-van-kheo/thong-ke/?don_vi={tree.dinh_cong.pk}")
    expect(leader.locator(".dvk-tally")).to_contain_text("1")
    shot(leader, "dvk-thong-ke")
    leader.set_viewport_size({"width": 1280, "height": 900})
    shot(leader, "dvk-thong-ke")
    reporter.goto(f"{url}/quan-ly/dan-van-kheo/")
    expect(reporter.locator("#results")).to_contain_text("Công nhận")
    shot(reporter, "dvk-danh-sach")
    reporter.set_viewport_size({"width": 390, "height": 844})
    shot(reporter, "dvk-danh-sach")
