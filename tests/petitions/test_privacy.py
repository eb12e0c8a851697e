"""Masking, the tố cáo rule, and the read log: a user without the capability gets 404,
every read (list, record, export, API) is logged and shown to administrators."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.petitions import forwarding as across
from danvan.petitions import privacy, services
from danvan.petitions.models import ReadLog
from tests.petitions.conftest import new_petition

pytestmark = pytest.mark.django_db


def test_masking_keeps_the_family_name_initials_and_the_ward():
    assert privacy.mask_name("Nguyễn Văn An") == "Nguyễn V. A."
    assert privacy.mask_address("Số 8 ngõ 12, phường Định Công, Hà Nội") == "phường Định Công"
    assert privacy.mask_address("thôn Đông") == "…"


@pytest.mark.parametrize("who", ["board", "leader", "reporter", "viewer", "stranger", "editor"])
def test_a_user_without_the_capability_gets_404(cast, officers, tree, day, as_user, who):
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong)
    client = as_user(getattr(cast, who))
    assert client.get(reverse("petitions:list")).status_code == 404
    assert client.get(reverse("petitions:detail", args=[petition.pk])).status_code == 404
    assert client.get(reverse("petitions:sessions")).status_code == 404
    assert not ReadLog.objects.exists()


def test_an_officer_of_another_unit_gets_404(officers, tree, day, as_user):
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong)
    client = as_user(officers.ubnd)
    assert client.get(reverse("petitions:detail", args=[petition.pk])).status_code == 404


def test_the_list_is_masked_and_its_read_logged(officers, tree, day, as_user):
    new_petition(officers.mttq, tree.mttq_dinh_cong)
    page = as_user(officers.mttq).get(reverse("petitions:list")).content.decode()
    assert "Nguyễn V. A., phường Định Công" in page
    assert "Nguyễn Văn An" not in page and "0912" not in page
    entry = ReadLog.objects.get()
    assert entry.action == ReadLog.Action.LIST and "01/2026" in entry.what


def test_opening_as_a_board_officer_is_logged_and_the_administrator_sees_it(
    cast, officers, tree, day, as_user
):
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong)
    page = as_user(officers.board).get(reverse("petitions:detail", args=[petition.pk]))
    assert page.status_code == 200
    assert "Nguyễn Văn An" in page.content.decode()
    entry = ReadLog.objects.get(petition=petition)
    assert entry.user == officers.board and entry.identity_shown
    log = as_user(cast.admin).get(reverse("petitions:read_log") + f"?don={petition.pk}")
    text = log.content.decode()
    assert "can_bo_ban" in text and "Mở hồ sơ đơn" in text
    # The read log is for administrators only.
    assert as_user(officers.board).get(reverse("petitions:read_log")).status_code == 404


def test_a_denouncer_is_seen_only_by_the_handling_officer_and_administrators(
    cast, officers, tree, day, as_user
):
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong, kind="to_cao")
    url = reverse("petitions:detail", args=[petition.pk])
    assert "Nguyễn Văn An" in as_user(officers.mttq).get(url).content.decode()  # handler
    assert "Nguyễn Văn An" in as_user(cast.admin).get(url).content.decode()
    other = as_user(officers.board).get(url).content.decode()
    assert "Nguyễn Văn An" not in other and "001085012345" not in other
    assert "giữ bí mật" in other
    assert not ReadLog.objects.get(user=officers.board, petition=petition).identity_shown
    listing = as_user(cast.admin).get(reverse("petitions:list")).content.decode()
    assert "Nguyễn V. A." not in listing and "Người tố cáo" in listing


def test_exports_are_logged_and_leave_out_id_numbers_unless_a_manager_asks(
    cast, officers, tree, day, as_user
):
    new_petition(officers.mttq, tree.mttq_dinh_cong)

    def sheet(client, query: str) -> str:
        response = client.get(reverse("petitions:list") + query)
        rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        return " ".join(str(v) for row in rows for v in row if v is not None)

    plain = sheet(as_user(officers.mttq), "?xuat=xlsx")
    assert "Nguyễn Văn An" in plain and "001085012345" not in plain
    with_ids = sheet(as_user(officers.mttq), "?xuat=xlsx&giay_to=1")
    assert "001085012345" in with_ids
    actions = list(ReadLog.objects.order_by("id").values_list("action", flat=True))
    assert actions == [ReadLog.Action.EXPORT, ReadLog.Action.EXPORT_IDS]


def test_reads_of_the_api_are_logged(officers, tree, day):
    from tests.petitions.conftest import bearer

    petition = new_petition(officers.mttq, tree.mttq_dinh_cong)
    client = bearer(officers.mttq)
    assert client.get(f"/api/v1/petitions/{petition.pk}").status_code == 200
    assert client.get("/api/v1/petitions").status_code == 200
    actions = set(ReadLog.objects.values_list("action", flat=True))
    assert actions == {ReadLog.Action.API_DETAIL, ReadLog.Action.API_LIST}


def test_no_personal_data_in_a_notification(officers, tree, day):
    from danvan.notifications.models import Notification

    sent = new_petition(officers.mttq, tree.mttq_dinh_cong)
    services.petition_classify(
        actor=officers.mttq, petition=sent, kind="kien_nghi", eligible=True, competent=False
    )
    across.petition_forward(actor=officers.mttq, petition=sent, to_unit=officers.ubnd_unit)
    for note in Notification.objects.all():
        assert "Nguyễn" not in note.text and "0912" not in note.text and "đất" not in note.text
