"""A petition's papers, driven through its page: attachments checked by content and
downloaded with a log line, letters numbered in the unit's outgoing register (no names in
the register, the DOCX with the petition), the periodic report counted from the register."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document as open_docx

from danvan.access.system import SYSTEM
from danvan.documents.issuing import numbering_configure
from danvan.documents.models import Document
from danvan.petitions import forwarding as across
from danvan.petitions import services
from danvan.petitions.models import Letter, PetitionKind, ReadLog
from tests.petitions.conftest import DAY, new_petition

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text_of(body: bytes) -> str:
    doc = open_docx(io.BytesIO(body))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def numbered(tree: Any, officers: Any) -> None:
    numbering_configure(
        actor=SYSTEM,
        org_unit=tree.mttq_dinh_cong,
        style="front",
        issuer_code="MTTQ-BTT",
        place_name="Hà Nội",
    )


def complaint(officers: Any, tree: Any) -> Any:
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong)
    services.petition_classify(
        actor=officers.mttq,
        petition=petition,
        kind=PetitionKind.COMPLAINT,
        eligible=True,
        competent=True,
    )
    return services.petition_accept(actor=officers.mttq, petition=petition)


def test_attachment_checked_by_content_and_every_download_logged(
    tree: Any, officers: Any, day: Any
) -> None:
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong)
    client = login(officers.mttq)
    url = f"/quan-ly/don-thu/{petition.pk}/tai-lieu/"
    fake = SimpleUploadedFile("giay-to.pdf", b"MZ\x90\x00 not a pdf")
    page = client.post(url, {"files": [fake]}, follow=True)
    assert "Tệp «giay-to.pdf» không phải định dạng được nhận" in page.content.decode()
    assert petition.attachments.count() == 0

    real = SimpleUploadedFile("ban-chup-don.pdf", PDF)
    client.post(url, {"files": [real], "caption": "Bản chụp đơn"})
    attachment = petition.attachments.get()
    assert attachment.kind == "pdf" and attachment.caption == "Bản chụp đơn"
    page = client.get(f"/quan-ly/don-thu/{petition.pk}/").content.decode()
    assert "ban-chup-don.pdf" in page

    before = ReadLog.objects.filter(action=ReadLog.Action.FILE).count()
    response = client.get(f"/quan-ly/don-thu/tai-lieu/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert ReadLog.objects.filter(action=ReadLog.Action.FILE).count() == before + 1

    # A mistake is removed with a reason: gone from the page and from download.
    client.post(f"/quan-ly/don-thu/tai-lieu/{attachment.pk}/go/", {"reason": "Đính kèm nhầm"})
    attachment.refresh_from_db()
    assert attachment.removed_reason == "Đính kèm nhầm"
    assert client.get(f"/quan-ly/don-thu/tai-lieu/{attachment.pk}/").status_code == 404


def test_outsider_and_denunciation_files_are_closed(tree: Any, officers: Any, cast: Any) -> None:
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong, kind=PetitionKind.DENUNCIATION)
    client = login(officers.mttq)
    client.post(
        f"/quan-ly/don-thu/{petition.pk}/tai-lieu/",
        {"files": [SimpleUploadedFile("a.pdf", PDF)]},
    )
    attachment = petition.attachments.get()
    # The UBND officer has the role elsewhere, a board leader none: neither opens it.
    assert (
        login(officers.ubnd).get(f"/quan-ly/don-thu/tai-lieu/{attachment.pk}/").status_code == 404
    )
    assert login(cast.leader).get(f"/quan-ly/don-thu/tai-lieu/{attachment.pk}/").status_code == 404
    # The board officer may read the petition but not a denouncer's papers.
    board = login(officers.board)
    assert board.get(f"/quan-ly/don-thu/{petition.pk}/").status_code == 200
    assert board.get(f"/quan-ly/don-thu/tai-lieu/{attachment.pk}/").status_code == 404


def test_acceptance_notice_numbered_in_the_register_without_names(
    tree: Any, officers: Any, day: Any, numbered: None
) -> None:
    petition = complaint(officers, tree)
    client = login(officers.mttq)
    page = client.get(f"/quan-ly/don-thu/{petition.pk}/").content.decode()
    assert "Thông báo thụ lý" in page and "Phiếu hướng dẫn" not in page

    draft = client.post(
        f"/quan-ly/don-thu/{petition.pk}/van-ban/", {"kind": "thu_ly", "du_thao": "1"}
    )
    assert draft.status_code == 200
    assert "Số: 01/TB-MTTQ-BTT" in text_of(draft.content)
    assert not Letter.objects.exists()

    client.post(f"/quan-ly/don-thu/{petition.pk}/van-ban/", {"kind": "thu_ly"})
    letter = Letter.objects.get()
    document = letter.document
    assert document.reference == "01/TB-MTTQ-BTT"
    assert document.direction == Document.Direction.OUTGOING
    assert "Nguyễn" not in document.title and petition.reference in document.title
    assert not document.file

    body = client.get(f"/quan-ly/don-thu/van-ban/{letter.pk}/")
    text = text_of(b"".join(body.streaming_content))
    assert "THÔNG BÁO" in text and "Số: 01/TB-MTTQ-BTT" in text
    assert "Kính gửi: Ông/Bà Nguyễn Văn An" in text
    assert f"thời hạn giải quyết đến ngày {petition.due_on:%d/%m/%Y}" in text

    # Once only: a second notice is refused, and the number is not used up.
    page = client.post(
        f"/quan-ly/don-thu/{petition.pk}/van-ban/", {"kind": "thu_ly"}, follow=True
    ).content.decode()
    assert "Đơn đã có thông báo thụ lý số 01/TB-MTTQ-BTT" in page
    assert Document.objects.filter(reference__startswith="02/TB").count() == 0


def test_refusal_needs_a_refused_case_and_a_reason(
    tree: Any, officers: Any, day: Any, numbered: None
) -> None:
    petition = complaint(officers, tree)
    client = login(officers.mttq)
    page = client.post(
        f"/quan-ly/don-thu/{petition.pk}/van-ban/", {"kind": "khong_thu_ly"}, follow=True
    ).content.decode()
    assert "Thông báo không thụ lý chỉ lập cho đơn đã lưu hoặc đã hướng dẫn" in page
    assert not Letter.objects.exists()


def test_forwarding_slip_keeps_a_denouncer_secret(
    tree: Any, officers: Any, day: Any, numbered: None
) -> None:
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong)
    services.petition_classify(
        actor=officers.mttq,
        petition=petition,
        kind=PetitionKind.DENUNCIATION,
        eligible=True,
        competent=False,
    )
    forwarding = across.petition_forward(
        actor=officers.mttq,
        petition=petition,
        to_unit=officers.ubnd_unit,
        reply_due=DAY + dt.timedelta(days=20),
    )
    client = login(officers.mttq)
    client.post(
        f"/quan-ly/don-thu/{petition.pk}/van-ban/",
        {"kind": "chuyen_don", "forwarding": forwarding.pk},
    )
    letter = Letter.objects.get(forwarding=forwarding)
    assert letter.document.reference == "01/PC-MTTQ-BTT"
    forwarding.refresh_from_db()
    assert forwarding.letter_id == letter.document_id
    text = text_of(b"".join(client.get(f"/quan-ly/don-thu/van-ban/{letter.pk}/").streaming_content))
    assert "PHIẾU CHUYỂN ĐƠN" in text
    assert "Kính gửi: Ủy ban nhân dân phường Định Công" in text
    assert "Nguyễn Văn An" not in text and "giữ bí mật" in text


def test_periodic_report_counts_the_register(
    tree: Any, officers: Any, day: Any, numbered: None
) -> None:
    complaint(officers, tree)
    new_petition(officers.mttq, tree.mttq_dinh_cong)
    client = login(officers.mttq)
    data = {"unit": tree.mttq_dinh_cong.pk, "ky": "2026-03", "du_thao": "1"}
    draft = client.post("/quan-ly/don-thu/bao-cao/", data)
    assert draft.status_code == 200
    text = text_of(draft.content)
    assert "tháng 3/2026" in text
    assert "Tiếp nhận 02 đơn (khiếu nại 01, chưa phân loại 01)" in text
    assert "Đã giải quyết 00/02 đơn, 02 đơn đang tiếp tục xem xét" in text

    data.pop("du_thao")
    response = client.post("/quan-ly/don-thu/bao-cao/", data)
    document = Document.objects.get(reference="01/BC-MTTQ-BTT")
    assert response.status_code == 302 and response["Location"].endswith(f"/{document.pk}/")
    assert document.file and "tiếp công dân, xử lý đơn thư tháng 3/2026" in document.title

    bad = client.post("/quan-ly/don-thu/bao-cao/", {"unit": "x", "ky": "2026-13"})
    assert bad.status_code == 200 and "Chọn kỳ trong danh sách" in bad.content.decode()


def test_compiled_report_paragraph_counts_the_register(
    tree: Any, officers: Any, day: Any, numbered: None
) -> None:
    from danvan.drafting import registers
    from danvan.lib.periods import parse
    from danvan.petitions import report
    from danvan.reporting.models import RegisterUse

    assert "petitions" in [c.key for c in registers.for_section("ket_qua")]
    petition = complaint(officers, tree)
    new_petition(officers.mttq, tree.mttq_dinh_cong)
    services.petition_move(actor=officers.mttq, petition=petition, to="giai_quyet")
    services.petition_move(
        actor=officers.mttq, petition=petition, to="tra_loi", note="Đã trả lời công dân."
    )
    (paragraph,) = report.paragraphs(officers.board, tree.hoang_mai, parse("2026-03"))
    assert paragraph.text == (
        "Tháng 3/2026, đã giải quyết 01/02 đơn đề nghị, kiến nghị, khiếu nại, tố cáo, "
        "01 đơn đang tiếp tục xem xét."
    )
    assert paragraph.source == "Sổ tiếp công dân, xử lý đơn thư"
    assert paragraph.link.startswith("/quan-ly/don-thu/?don_vi=")
    # A month with nothing, or a subtree that does not keep the register: no paragraph.
    assert report.paragraphs(officers.board, tree.hoang_mai, parse("2026-01")) == []
    RegisterUse.objects.all().delete()
    assert report.paragraphs(officers.board, tree.hoang_mai, parse("2026-03")) == []
