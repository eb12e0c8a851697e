"""The meeting page's "Văn bản của hội nghị" section: generate and issue the giấy mời,
biên bản and thông báo kết luận; who sees the buttons; the files made."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from danvan.documents.models import Document
from danvan.drafting.models import GeneratedFile
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def meeting_page(user: Any, meeting: Any) -> str:
    response = client_for(user).get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_board_sees_the_three_documents_with_their_buttons(
    held_meeting: Any, cast: Any
) -> None:
    meeting = held_meeting.meeting
    body = meeting_page(cast.board, meeting)
    assert "Văn bản của hội nghị" in body
    for kind, label in (
        ("giay_moi", "Giấy mời"),
        ("bien_ban", "Biên bản"),
        ("thong_bao_ket_luan", "Thông báo kết luận"),
    ):
        assert label in body
        assert reverse("drafting:meeting_generate", args=[meeting.pk, kind]) in body
        assert reverse("drafting:meeting_issue", args=[meeting.pk, kind]) in body
    assert body.count("chưa cấp số") == 3


def test_the_meeting_page_opens_when_a_document_type_was_removed(
    held_meeting: Any, cast: Any
) -> None:
    """An administrator deleted «Giấy mời» from the catalogue: the page used to answer 500."""
    from danvan.documents.models import DocumentType

    DocumentType.objects.filter(name="Giấy mời").delete()
    body = meeting_page(cast.board, held_meeting.meeting)
    assert "Văn bản của hội nghị" in body and "Biên bản" in body


def test_a_viewer_sees_the_section_without_buttons(held_meeting: Any, cast: Any) -> None:
    meeting = held_meeting.meeting
    body = meeting_page(cast.viewer, meeting)
    assert "Văn bản của hội nghị" in body
    assert reverse("drafting:meeting_issue", args=[meeting.pk, "giay_moi"]) not in body
    url = reverse("drafting:meeting_issue", args=[meeting.pk, "giay_moi"])
    assert client_for(cast.viewer).post(url).status_code == 403
    generate = reverse("drafting:meeting_generate", args=[meeting.pk, "giay_moi"])
    assert client_for(cast.viewer).post(generate).status_code == 403
    assert not Document.objects.filter(direction="di").exists()
    assert not GeneratedFile.objects.exists()


def test_outside_scope_the_buttons_answer_not_found(held_meeting: Any, cast: Any) -> None:
    meeting = held_meeting.meeting
    for name in ("drafting:meeting_issue", "drafting:meeting_generate"):
        url = reverse(name, args=[meeting.pk, "bien_ban"])
        assert client_for(cast.stranger).post(url).status_code == 404
    unknown = reverse("drafting:meeting_issue", args=[meeting.pk, "bao_cao"])
    assert client_for(cast.board).post(unknown).status_code == 404


def test_generate_the_invitation_from_the_meeting_page(held_meeting: Any, cast: Any) -> None:
    meeting = held_meeting.meeting
    response = client_for(cast.board).post(
        reverse("drafting:meeting_generate", args=[meeting.pk, "giay_moi"]), follow=True
    )
    assert response.redirect_chain[-1][0].endswith(
        reverse("meetings:detail", args=[meeting.pk]) + "#van-ban-hoi-nghi"
    )
    row = GeneratedFile.objects.get()
    assert row.meeting == meeting and row.kind == "giay_moi"
    assert row.status == GeneratedFile.Status.DONE, row.message
    body = response.content.decode()
    assert "Đã tạo «Giấy mời — Hội nghị giao ban công tác Dân vận" in body
    assert reverse("drafting:file_download", args=[row.pk, "docx"]) in body


def test_issue_the_notice_from_the_meeting_page(held_meeting: Any, cast: Any) -> None:
    meeting = held_meeting.meeting
    url = reverse("drafting:meeting_issue", args=[meeting.pk, "thong_bao_ket_luan"])
    response = client_for(cast.board).post(url, follow=True)
    body = response.content.decode()
    assert "Đã cấp số thông báo kết luận: Số 01-TB/BDVQU, vào sổ văn bản đi." in body
    document = Document.objects.get(direction="di")
    assert reverse("documents:detail", args=[document.pk]) in body
    assert body.count("chưa cấp số") == 2
    assert reverse("drafting:meeting_issue", args=[meeting.pk, "thong_bao_ket_luan"]) not in body
    again = client_for(cast.board).post(url, follow=True).content.decode()
    assert "Chưa cấp số được: Thông báo kết luận của hội nghị này đã được cấp số" in again
    assert Document.objects.filter(direction="di").count() == 1


def test_a_closed_issuer_can_still_generate_but_not_issue(
    held_meeting: Any, district: Any, cast: Any
) -> None:
    import datetime as dt

    from danvan.org.models import OrgUnit

    OrgUnit.objects.filter(pk=district.board.pk).update(valid_to=dt.date(2023, 1, 1))
    meeting = held_meeting.meeting
    body = meeting_page(cast.board, meeting)
    assert reverse("drafting:meeting_generate", args=[meeting.pk, "bien_ban"]) in body
    assert reverse("drafting:meeting_issue", args=[meeting.pk, "bien_ban"]) not in body
    assert "«Ban Dân vận Quận ủy Hoàng Mai» đã ngừng hoạt động: vẫn tạo được tệp" in body


def test_the_files_of_the_meeting_poll_in_their_compact_form(held_meeting: Any, cast: Any) -> None:
    meeting = held_meeting.meeting
    row = GeneratedFile.objects.create(
        kind="bien_ban",
        title="Biên bản — giao ban",
        org_unit=meeting.org_unit,
        meeting=meeting,
        status=GeneratedFile.Status.QUEUED,
    )
    body = meeting_page(cast.board, meeting)
    status = reverse("drafting:file_status", args=[row.pk])
    assert f'hx-get="{status}?gon=1" hx-trigger="every 2s"' in body
    item = client_for(cast.board).get(status, {"gon": "1"}).content.decode()
    assert item.lstrip().startswith('<li id="tep-') and "every 2s" in item


def test_without_numbering_the_issue_button_is_disabled_with_the_reason(
    held_meeting: Any, district: Any, cast: Any
) -> None:
    district.numbering.delete()
    meeting = held_meeting.meeting
    body = meeting_page(cast.board, meeting)
    reason = (
        "«Ban Dân vận Quận ủy Hoàng Mai» chưa thiết lập cách đánh số văn bản "
        "(Văn bản › Đánh số): chưa cấp số được."
    )
    assert f'disabled title="{reason}"' in body
    # A post all the same (an old tab) says it once, not "Chưa cấp số được: … chưa cấp số được."
    url = reverse("drafting:meeting_issue", args=[meeting.pk, "bien_ban"])
    again = client_for(cast.board).post(url, follow=True).content.decode()
    assert reason in again and "Chưa cấp số được: «" not in again
