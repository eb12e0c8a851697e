"""The pages: intake, the actions on a petition, the calendar, voter batches, search
without marks, bad input answered with a message (never a 500)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.petitions import reception
from danvan.petitions.models import Petition, Stage
from tests.petitions.conftest import DAY, new_petition

pytestmark = pytest.mark.django_db


def test_intake_form_registers_and_warns_of_a_duplicate(officers, tree, day, as_user):
    client = as_user(officers.mttq)
    assert client.get(reverse("petitions:create")).status_code == 200
    data = {
        "org_unit": tree.mttq_dinh_cong.pk,
        "received_on": DAY.isoformat(),
        "channel": "buu_dien",
        "kind": "chua_phan_loai",
        "subject": "Đề nghị sửa đường ngõ 12 bị sụt lún",
        "full_name": "Trần Thị Bình",
        "address": "ngõ 12, phường Định Công",
        "group_size": "1",
    }
    response = client.post(reverse("petitions:create"), data)
    petition = Petition.objects.get()
    assert response.status_code == 302 and petition.petitioners.get().full_name == "Trần Thị Bình"
    again = client.post(reverse("petitions:create"), data, follow=True)
    assert "có thể trùng" in again.content.decode()


def test_bad_input_is_answered_with_a_message(officers, tree, day, as_user):
    client = as_user(officers.mttq)
    response = client.post(
        reverse("petitions:create"),
        {
            "org_unit": tree.mttq_dinh_cong.pk,
            "received_on": "31/02/2026",
            "channel": "x",
            "subject": "a\x00b",
            "group_size": "99999999999999999999",
        },
    )
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()
    assert not Petition.objects.exists()
    listing = client.get(reverse("petitions:list") + "?tu=2026-99-01&page=abc&han=x")
    assert listing.status_code == 200
    nul = client.get(reverse("petitions:list") + "?q=%00")
    assert nul.status_code == 400 and "«q»" in nul.content.decode()


def test_classify_accept_and_answer_from_the_page(officers, tree, day, as_user):
    petition = new_petition(officers.ubnd, officers.ubnd_unit)
    client = as_user(officers.ubnd)
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "Phân loại đơn" in page and "còn 10 ngày làm việc" in page
    client.post(
        reverse("petitions:classify", args=[petition.pk]),
        {"kind": "khieu_nai", "eligible": "1", "competent": "1"},
    )
    client.post(reverse("petitions:step", args=[petition.pk]), {"to": "thu_ly"})
    refused = client.post(reverse("petitions:step", args=[petition.pk]), {"to": "ket_thuc"})
    assert refused.status_code == 400
    client.post(reverse("petitions:step", args=[petition.pk]), {"to": "giai_quyet"})
    client.post(
        reverse("petitions:step", args=[petition.pk]), {"to": "tra_loi", "note": "Đã trả lời"}
    )
    petition.refresh_from_db()
    assert petition.stage == Stage.ANSWERED
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "Đã trả lời" in page and "Thụ lý" in page


def test_forwarded_petition_shows_the_reply_on_both_sides(officers, tree, day, as_user):
    sent = new_petition(officers.mttq, tree.mttq_dinh_cong)
    mttq, ubnd = as_user(officers.mttq), as_user(officers.ubnd)
    mttq.post(
        reverse("petitions:classify", args=[sent.pk]),
        {"kind": "kien_nghi", "eligible": "1", "competent": "0"},
    )
    page = mttq.get(reverse("petitions:detail", args=[sent.pk])).content.decode()
    assert "Ủy ban nhân dân phường Định Công" in page  # offered as a receiver
    mttq.post(reverse("petitions:forward", args=[sent.pk]), {"to_unit": officers.ubnd_unit.pk})
    entry = Petition.objects.get(forwarded_from=sent)
    for step in ({"to": "thu_ly"}, {"to": "giai_quyet"}):
        ubnd.post(
            reverse("petitions:classify", args=[entry.pk]),
            {"kind": "kien_nghi", "eligible": "1", "competent": "1"},
        )
        ubnd.post(reverse("petitions:step", args=[entry.pk]), step)
    ubnd.post(
        reverse("petitions:step", args=[entry.pk]),
        {"to": "tra_loi", "note": "UBND phường sẽ sửa ngõ 12 trong quý II."},
    )
    for client, pk in ((mttq, sent.pk), (ubnd, entry.pk)):
        text = client.get(reverse("petitions:detail", args=[pk])).content.decode()
        assert "sẽ sửa ngõ 12 trong quý II" in text


def test_search_without_marks_and_by_number(officers, tree, day, as_user):
    new_petition(officers.mttq, tree.mttq_dinh_cong)
    new_petition(officers.mttq, tree.mttq_dinh_cong, subject="Phản ánh tiếng ồn ban đêm")
    client = as_user(officers.mttq)
    found = client.get(reverse("petitions:list") + "?q=tieng on").content.decode()
    assert "02/2026" in found and "01/2026" not in found
    by_number = client.get(reverse("petitions:list") + "?q=01/2026").content.decode()
    assert "01/2026" in by_number and "02/2026" not in by_number
    by_name = client.get(reverse("petitions:list") + "?q=nguyen van an").content.decode()
    assert "01/2026" in by_name


def test_reception_calendar_and_a_group(officers, tree, day, as_user):
    session = reception.session_create(
        actor=officers.mttq,
        org_unit=tree.mttq_dinh_cong,
        held_on=DAY,
        kind="dinh_ky",
        host="Nguyễn Thị Đào",
        host_title="Chủ tịch Ủy ban MTTQ phường",
    )
    client = as_user(officers.mttq)
    client.post(
        reverse("petitions:session_detail", args=[session.pk]),
        {"full_name": "Lê Văn Cường", "group_size": "12", "raised": "Đền bù giải phóng mặt bằng"},
    )
    detail = client.get(reverse("petitions:session_detail", args=[session.pk])).content.decode()
    assert "Đoàn đông người" in detail and "12 lượt" in detail
    calendar = client.get(reverse("petitions:sessions") + "?thang=2026-03").content.decode()
    assert "Nguyễn Thị Đào" in calendar
    xlsx = client.get(reverse("petitions:sessions") + "?thang=2026-03&xuat=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_voter_batch_with_a_joint_reply(officers, tree, day, as_user):
    batch = reception.batch_create(
        actor=officers.mttq,
        org_unit=tree.mttq_dinh_cong,
        title="Tiếp xúc cử tri trước kỳ họp HĐND phường",
        met_on=DAY - dt.timedelta(days=2),
    )
    client = as_user(officers.mttq)
    url = reverse("petitions:batch_detail", args=[batch.pk])
    client.post(url, {"subject": "Đề nghị lắp đèn chiếu sáng ngõ 5", "voter": "Phạm Văn Dũng"})
    client.post(url, {"subject": "Đề nghị nạo vét mương thoát nước"})
    client.post(url, {"status": "da_chuyen"})
    client.post(url, {"status": "co_quan_tra_loi", "joint_reply": "UBND phường đã bố trí kinh phí"})
    batch.refresh_from_db()
    assert batch.status == "co_quan_tra_loi"
    assert set(batch.petitions.values_list("stage", flat=True)) == {Stage.ANSWERED}
    assert "bố trí kinh phí" in client.get(url).content.decode()
