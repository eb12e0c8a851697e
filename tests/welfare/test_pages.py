"""The pages: who sees what (names masked for the board, 404 for another ward), gift
entry with the household search, a campaign's moves, stale edits and bad input answered
with a message, the «trùng» list, the disclosure list and the XLSX exports."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.welfare.models import Beneficiary, Campaign, DuplicateState, Gift, ReadLog
from tests.welfare.conftest import DAY, give, household

pytestmark = pytest.mark.django_db


@pytest.fixture
def given(campaign, officers, tree, units):
    person = household(officers.front, tree, units)
    first = give(officers.front, campaign, person, tree.mttq_dinh_cong)
    second = give(officers.red_cross, campaign, person, units.red_cross)
    return person, first, second


def test_who_sees_the_campaign_and_the_names(given, campaign, officers, cast, as_user):
    url = reverse("welfare:detail", args=[campaign.pk])
    front = as_user(officers.front).get(url).content.decode()
    assert "Nguyễn Văn An, Tổ dân phố số 1" in front and "001085012345" not in front
    board = as_user(cast.board).get(url).content.decode()
    assert "Nguyễn V. A., Tổ dân phố số 1" in board and "Nguyễn Văn An" not in board
    assert ">2</b><span>suất quà đã trao" in board.replace("\n", "")
    assert as_user(officers.other).get(url).status_code == 404
    assert as_user(cast.stranger).get(reverse("welfare:list")).status_code == 404
    listing = as_user(cast.viewer).get(reverse("welfare:list")).content.decode()
    assert campaign.name in listing
    # A masked list is not searchable by the name it hides.
    found = as_user(cast.board).get(reverse("welfare:gifts") + "?q=nguyen+van+an")
    assert "Nguyễn V. A." not in found.content.decode()
    found = as_user(officers.front).get(reverse("welfare:gifts") + "?q=nguyen+van+an")
    assert "Nguyễn Văn An" in found.content.decode()
    assert ReadLog.objects.filter(user=cast.board, identity_shown=False).exists()
    assert ReadLog.objects.filter(user=officers.front, identity_shown=True).exists()
    assert as_user(cast.board).get(reverse("welfare:beneficiaries")).status_code == 404


def test_gift_entry_with_the_household_search(campaign, officers, tree, units, as_user):
    client = as_user(officers.women)
    person = household(officers.front, tree, units)
    search = client.get(
        reverse("welfare:household_search") + "?ho=nguyen van", HTTP_HX_REQUEST="true"
    )
    assert f'value="{person.pk}"' in search.content.decode()
    assert ReadLog.objects.filter(action=ReadLog.Action.SEARCH, user=officers.women).exists()
    url = reverse("welfare:gift_create", args=[campaign.pk])
    assert client.get(url).status_code == 200
    data = {
        "beneficiary": str(person.pk),
        "giver": units.women.pk,
        "given_on": DAY.isoformat(),
        "portions": "1",
        "value": "300.000",
        "form": "hien_vat",
        "description": "Gạo, dầu ăn",
    }
    assert client.post(url, data).status_code == 302
    gift = Gift.objects.get()
    assert gift.beneficiary == person and gift.value == 300_000 and gift.giver == units.women
    # A new household, entered with its gift; then the Red Cross gives to it too: flagged.
    new = {
        **data,
        "beneficiary": "",
        "head_name": "Lê Thị Cúc",
        "address": "Số 3 ngõ 9",
        "category": "nguoi_cao_tuoi",
        "area": units.area.pk,
    }
    assert client.post(url, new).status_code == 302
    cuc = Beneficiary.objects.get(head_name="Lê Thị Cúc")
    assert cuc.org_unit == tree.dinh_cong
    other = as_user(officers.red_cross)
    warned = other.post(
        url, {**data, "beneficiary": str(cuc.pk), "giver": units.red_cross.pk}, follow=True
    )
    assert "gắn cờ trùng" in warned.content.decode()
    assert Gift.objects.filter(duplicate_state=DuplicateState.FLAGGED).count() == 1


def test_bad_gift_input_is_answered_with_a_message(campaign, officers, units, as_user):
    client = as_user(officers.women)
    url = reverse("welfare:gift_create", args=[campaign.pk])
    response = client.post(
        url,
        {
            "giver": units.women.pk,
            "given_on": "31/02/2026",
            "portions": "99999999999999999999",
            "value": "-5",
            "form": "x",
            "head_name": "a\x00b",
        },
    )
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()
    outside = client.post(
        url,
        {
            "giver": units.women.pk,
            "given_on": "2025-01-01",
            "portions": "1",
            "value": "100000",
            "form": "tien_mat",
            "head_name": "Trần Văn Bảo",
            "category": "ho_ngheo",
        },
    )
    assert outside.status_code == 400 and "thời gian của đợt" in outside.content.decode()
    assert not Gift.objects.exists() and not Beneficiary.objects.exists()
    nul = client.get(reverse("welfare:gifts") + "?q=%00")
    assert nul.status_code == 400
    assert client.get(reverse("welfare:gifts") + "?tu=2026-99-01&page=abc").status_code == 200


def test_create_edit_and_move_a_campaign_from_the_pages(officers, tree, units, day, as_user):
    client = as_user(officers.front)
    response = client.post(
        reverse("welfare:create"),
        {
            "org_unit": tree.mttq_dinh_cong.pk,
            "name": "Tết Nguyên đán Bính Ngọ 2026",
            "kind": "tet",
            "starts_on": "2026-01-05",
            "ends_on": "2026-02-10",
            "participants": [units.women.pk],
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    edit = reverse("welfare:edit", args=[campaign.pk])
    form = {
        "name": "Tết Bính Ngọ 2026",
        "kind": "tet",
        "starts_on": "2026-01-05",
        "ends_on": "2026-02-10",
        "participants": [units.women.pk],
        "version": str(campaign.version),
    }
    assert client.post(edit, form).status_code == 302
    stale = client.post(edit, {**form, "name": "Tên khác"})
    assert stale.status_code == 200 and "chưa được lưu" in stale.content.decode()
    assert Campaign.objects.get().name == "Tết Bính Ngọ 2026"
    move = reverse("welfare:move", args=[campaign.pk])
    assert client.post(move, {"to": "da_cong_khai"}).status_code == 400
    assert client.post(move, {"to": "dang_trien_khai"}).status_code == 302
    assert as_user(officers.women).post(move, {"to": "da_ket_thuc"}).status_code == 403
    assert Campaign.objects.get().state == "dang_trien_khai"
    bad = client.post(
        reverse("welfare:create"),
        {
            "org_unit": tree.mttq_dinh_cong.pk,
            "name": "X",
            "kind": "tet",
            "starts_on": "2026-02-10",
            "ends_on": "2026-01-05",
        },
    )
    assert "không được trước" in bad.content.decode()


def test_duplicates_page_and_decision(given, campaign, officers, as_user):
    _person, _first, second = given
    client = as_user(officers.red_cross)
    page = client.get(reverse("welfare:duplicates", args=[campaign.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "Xác nhận" in page
    decide = reverse("welfare:duplicate_decide", args=[second.pk])
    client.post(decide, {"keep": "1", "note": "Hộ neo đơn, hỗ trợ thêm"})
    second.refresh_from_db()
    assert second.duplicate_state == DuplicateState.KEPT


def test_disclosure_list_and_exports(given, campaign, officers, cast, as_user):
    url = reverse("welfare:disclosure", args=[campaign.pk])
    draft = as_user(cast.board).get(url).content.decode()
    assert "Dự thảo" in draft and "Nguyễn V. A." in draft and "Nguyễn Văn An" not in draft
    for to in ("da_ket_thuc", "da_cong_khai"):
        as_user(officers.front).post(reverse("welfare:move", args=[campaign.pk]), {"to": to})
    public = as_user(cast.board).get(url).content.decode()
    assert "Nguyễn Văn An" in public and "001085012345" not in public
    sheet = as_user(cast.board).get(url + "?xuat=xlsx")
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    body = [r for r in rows[4:] if r and r[0]]
    assert [(r[1], r[2], r[5], r[6]) for r in body] == [
        ("Nguyễn Văn An", "Tổ dân phố số 1", 1, 500000),
        ("Nguyễn Văn An", "Tổ dân phố số 1", 1, 500000),
    ]
    assert not any("001085012345" in str(cell) for row in rows for cell in row)
    gifts = as_user(cast.board).get(reverse("welfare:gifts") + f"?dot={campaign.pk}&xuat=xlsx")
    rows = list(load_workbook(io.BytesIO(gifts.content)).active.iter_rows(values_only=True))
    households = sorted(r[3] for r in rows[4:] if r and r[3])
    assert households == ["Nguyễn V. A., Tổ dân phố số 1"] * 2
    assert ReadLog.objects.filter(action=ReadLog.Action.EXPORT, user=cast.board).exists()
    assert ReadLog.objects.filter(action=ReadLog.Action.DISCLOSURE).count() == 3
