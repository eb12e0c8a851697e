"""The register's pages driven with the Django client: scope per role (404 outside),
the list's filters and search without marks, XLSX, registering, moving, the stats page,
evidence photos, bad input answered 400 or on the form, never 500."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from danvan.emulation.models import EmulationModel, State
from tests.emulation.conftest import field, level, put_in, register


@pytest.fixture
def three(tree, campaign):
    """A model in Định Công's Front, one in Đại Kim (same district), one in Bưởi (Tây Hồ)."""
    return (
        register(campaign, tree.mttq_dinh_cong, name="Camera an ninh Định Công"),
        register(campaign, tree.dai_kim, name="Vườn rau Đại Kim"),
        register(campaign, tree.buoi, name="Giữ sạch hồ Tây"),
    )


def _names(response) -> set[str]:
    page = response.content.decode()
    return {
        n for n in ("Camera an ninh Định Công", "Vườn rau Đại Kim", "Giữ sạch hồ Tây") if n in page
    }


def test_each_role_sees_exactly_its_subtree(cast, city_board, three, as_user):
    url = reverse("emulation:list")
    seen = {
        "admin": {"Camera an ninh Định Công", "Vườn rau Đại Kim", "Giữ sạch hồ Tây"},
        "board": {"Camera an ninh Định Công", "Vườn rau Đại Kim"},
        "viewer": {"Camera an ninh Định Công", "Vườn rau Đại Kim"},
        "leader": {"Camera an ninh Định Công"},
        "reporter": {"Camera an ninh Định Công"},
    }
    for name, expected in seen.items():
        assert _names(as_user(getattr(cast, name)).get(url)) == expected, name
    assert _names(as_user(city_board).get(url)) == seen["admin"]
    assert as_user(cast.stranger).get(url).status_code == 403
    bui = three[2]
    for name in ("board", "viewer", "leader", "reporter"):
        detail = as_user(getattr(cast, name)).get(reverse("emulation:detail", args=[bui.pk]))
        assert detail.status_code == 404, name
    assert as_user(cast.stranger).get(reverse("emulation:detail", args=[bui.pk])).status_code == 404


def test_ward_users_see_the_citys_campaign(cast, campaign, as_user):
    page = as_user(cast.reporter).get(reverse("emulation:campaign_list")).content.decode()
    assert campaign.name in page
    detail = as_user(cast.reporter).get(reverse("emulation:campaign_detail", args=[campaign.pk]))
    assert detail.status_code == 200


def test_search_without_marks_and_filters(cast, three, as_user):
    client = as_user(cast.admin)
    url = reverse("emulation:list")
    assert _names(client.get(url, {"q": "vuon rau dai kim"})) == {"Vườn rau Đại Kim"}
    assert _names(client.get(url, {"linh_vuc": "kinh-te", "state": "dang_ky"})) == _names(
        client.get(url)
    )
    assert _names(client.get(url, {"state": "da_cong_nhan"})) == set()
    empty = client.get(url, {"q": "khong co gi"}).content.decode()
    assert "Không có mô hình nào khớp" in empty
    # Values that do not parse are ignored, never an error page.
    assert client.get(url, {"nam": "99999999999999999999", "tu": "32/13/2026"}).status_code == 200


def test_xlsx_export_follows_the_filters(cast, three, as_user):
    response = as_user(cast.board).get(reverse("emulation:list"), {"xuat": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    rows = [r[0] for r in book.active.iter_rows(values_only=True) if r and r[0]]
    assert "Camera an ninh Định Công" in rows and "Giữ sạch hồ Tây" not in rows


def test_reporter_registers_and_leader_checks(cast, tree, campaign, as_user, today):
    reporter = as_user(cast.reporter)
    response = reporter.post(
        reverse("emulation:create"),
        {
            "campaign": campaign.pk,
            "unit": tree.mttq_dinh_cong.pk,
            "name": "Tổ hòa giải giỏi",
            "kind": "mo_hinh",
            "holder": "tap_the",
            "field": field("xay-dung-he-thong-chinh-tri").pk,
            "address": "Tổ dân phố số 4",
            "funds": "12,5",
            "registered_on": "",
        },
    )
    # The registration deadline (31/03) has passed on 15/06: refused on the form, not 500.
    assert response.status_code == 200 and "quá hạn đăng ký" in response.content.decode()
    today(dt.date(2026, 3, 2))
    response = reporter.post(
        reverse("emulation:create"),
        {
            "campaign": campaign.pk,
            "unit": tree.mttq_dinh_cong.pk,
            "name": "Tổ hòa giải giỏi",
            "kind": "mo_hinh",
            "holder": "tap_the",
            "field": field("xay-dung-he-thong-chinh-tri").pk,
            "address": "Tổ dân phố số 4",
            "funds": "12,5",
        },
    )
    model = EmulationModel.objects.get(name="Tổ hòa giải giỏi")
    assert response.status_code == 302 and str(model.funds) == "12.5"
    move = {"move": "kiem_tra", "version": model.version, "note": "Đã khảo sát"}
    refused = reporter.post(reverse("emulation:move", args=[model.pk]), move)
    assert refused.status_code == 403
    done = as_user(cast.leader).post(reverse("emulation:move", args=[model.pk]), move)
    assert done.status_code == 302
    model.refresh_from_db()
    assert model.state == State.CHECKING


def test_a_wrong_move_is_shown_on_the_page(cast, tree, campaign, as_user):
    model = register(campaign, tree.mttq_dinh_cong)
    response = as_user(cast.leader).post(
        reverse("emulation:move", args=[model.pk]), {"move": "so_ket", "note": "x"}
    )
    assert response.status_code == 400
    assert "Không thể «sơ kết» mô hình đang ở tình trạng «Đăng ký»" in response.content.decode()
    bad = as_user(cast.leader).post(
        reverse("emulation:move", args=[model.pk]), {"move": "kiem_tra", "on": "2026-99-99"}
    )
    assert bad.status_code == 400


def test_detail_offers_only_the_users_moves(cast, tree, campaign, as_user):
    model = put_in(register(campaign, tree.mttq_dinh_cong), State.EVALUATED)
    leader = as_user(cast.leader).get(reverse("emulation:detail", args=[model.pk])).content.decode()
    assert f'action="/quan-ly/dan-van-kheo/{model.pk}/cong-nhan/"' in leader
    reporter = as_user(cast.reporter).get(reverse("emulation:detail", args=[model.pk]))
    assert "cong-nhan/" not in reporter.content.decode()


def test_evaluation_and_recognition_through_the_page(cast, tree, campaign, as_user):
    model = put_in(register(campaign, tree.mttq_dinh_cong), State.REVIEWED)
    client = as_user(cast.leader)
    data = {f"diem_{c.pk}": "8" for c in campaign.criteria.all()}
    data["comment"] = "Mô hình có địa chỉ, kết quả rõ."
    assert client.post(reverse("emulation:evaluate", args=[model.pk]), data).status_code == 302
    recognised = client.post(
        reverse("emulation:recognise", args=[model.pk]), {"level": level("co-so").pk}
    )
    assert recognised.status_code == 302
    model.refresh_from_db()
    assert model.state == State.RECOGNISED and model.evaluations.get().total == 24


def test_evidence_photo_shown_to_those_who_see_the_model(cast, tree, campaign, media, as_user):
    model = register(campaign, tree.mttq_dinh_cong)
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 40)).save(out, format="PNG")
    client = as_user(cast.reporter)
    response = client.post(
        reverse("emulation:note_add", args=[model.pk]),
        {"text": "Lắp camera", "evidence": SimpleUploadedFile("a.png", out.getvalue())},
    )
    assert response.status_code == 302
    evidence = model.evidence.get()
    photo = client.get(reverse("emulation:evidence", args=[evidence.pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    assert (
        as_user(cast.stranger).get(reverse("emulation:evidence", args=[evidence.pk])).status_code
        == 404
    )


def test_stats_page_by_state_field_and_unit(cast, three, as_user):
    _, dai_kim, _ = three
    put_in(dai_kim, State.RECOGNISED)
    page = (
        as_user(cast.board)
        .get(reverse("emulation:stats"), {"don_vi": three[0].unit.parent.parent_id})
        .content.decode()
    )
    assert "Phường Định Công" in page and "Phường Đại Kim" in page
    assert "Giữ sạch hồ Tây" not in page


def test_campaign_created_with_criteria_and_milestones(cast, tree, as_user, today):
    response = as_user(cast.board).post(
        reverse("emulation:campaign_create"),
        {
            "name": "10 năm thực hiện Kết luận 66",
            "kind": "chuyen_de",
            "year": "2026",
            "launching_unit": tree.hoang_mai.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "criteria_text": "Có địa chỉ | 10\nNhân dân hưởng ứng | 20,5",
            "milestones_text": "Sơ kết | 30/6/2026",
        },
    )
    assert response.status_code == 302
    detail = as_user(cast.board).get(response["Location"]).content.decode()
    assert "Nhân dân hưởng ứng" in detail and "30/06/2026" in detail
    bad = as_user(cast.board).post(
        reverse("emulation:campaign_create"),
        {
            "name": "x",
            "kind": "chuyen_de",
            "year": "2026",
            "launching_unit": tree.hoang_mai.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "criteria_text": "Không điểm",
        },
    )
    assert bad.status_code == 200 and "Dòng 1" in bad.content.decode()
    leader = as_user(cast.leader).get(reverse("emulation:campaign_create"))
    assert leader.status_code == 200  # a ward leader launches the ward's own campaigns
    assert as_user(cast.reporter).get(reverse("emulation:campaign_create")).status_code == 403


def test_menu_entry_for_those_who_may_see_the_register(cast, as_user):
    assert "Dân vận khéo" in as_user(cast.reporter).get(reverse("core:home")).content.decode()
    assert (
        'href="/quan-ly/dan-van-kheo/"'
        not in as_user(cast.editor).get(reverse("core:home")).content.decode()
    )


def test_the_inbox_lists_models_waiting_for_the_leader(cast, tree, campaign, as_user):
    waiting = register(campaign, tree.mttq_dinh_cong, name="Chờ kiểm tra")
    put_in(register(campaign, tree.mttq_dinh_cong, name="Đang chạy"), State.RUNNING)
    home = as_user(cast.leader).get(reverse("core:home")).content.decode()
    assert "Chờ kiểm tra" in home and "Đang chạy" not in home
    assert reverse("emulation:detail", args=[waiting.pk]) in home
    assert "Chờ kiểm tra" not in as_user(cast.reporter).get(reverse("core:home")).content.decode()


def test_a_stale_edit_on_the_page_shows_the_other_persons_change(cast, tree, campaign, as_user):
    model = register(campaign, tree.mttq_dinh_cong)
    url = reverse("emulation:edit", args=[model.pk])
    form = {
        "name": model.name,
        "kind": "mo_hinh",
        "holder": "tap_the",
        "field": model.field_id,
        "address": "Ngõ 5",
        "version": model.version,
    }
    assert as_user(cast.leader).post(url, form).status_code == 302
    stale = as_user(cast.reporter).post(url, {**form, "address": "Ngõ 6"})
    page = stale.content.decode()
    assert stale.status_code == 200 and "Leader" in page and "Ngõ 5" in page
    model.refresh_from_db()
    assert model.address == "Ngõ 5"
