"""Issuing a meeting's giấy mời, biên bản and thông báo kết luận: the issuer's next number,
the outgoing register with the meeting named and linked in the note, once per kind."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.documents.models import Document
from danvan.drafting import selectors, services
from danvan.drafting.context import CONCLUSIONS_NOTICE, INVITATION, MINUTES


def test_notice_of_conclusions_is_numbered_and_registered(
    held_meeting: Any, district: Any, cast: Any
) -> None:
    meeting = held_meeting.meeting
    document = services.meeting_document_issue(
        actor=cast.board, meeting=meeting, kind=CONCLUSIONS_NOTICE
    )
    assert document.reference == "01-TB/BDVQU"
    assert document.doc_type.name == "Thông báo"
    assert document.direction == Document.Direction.OUTGOING
    assert document.org_unit == district.board
    assert document.issued_on == dt.date(2023, 3, 3)
    assert document.note.startswith(
        "Thông báo kết luận hội nghị «Hội nghị giao ban công tác Dân vận"
    )
    assert "ngày 23/02/2023" in document.note
    assert reverse("meetings:detail", args=[meeting.pk]) in document.note
    assert document.title  # the notice's trích yếu
    assert selectors.meeting_issued(meeting=meeting, kind=CONCLUSIONS_NOTICE) == document
    assert selectors.meeting_issued(meeting=meeting, kind=INVITATION) is None


def test_each_kind_has_its_own_number_and_is_issued_once(held_meeting: Any, cast: Any) -> None:
    meeting = held_meeting.meeting
    invitation = services.meeting_document_issue(
        actor=cast.board, meeting=meeting, kind=INVITATION, on=dt.date(2023, 2, 20)
    )
    minutes = services.meeting_document_issue(actor=cast.board, meeting=meeting, kind=MINUTES)
    assert invitation.reference == "01-GM/BDVQU"
    assert invitation.issued_on == dt.date(2023, 2, 20)
    assert minutes.reference == "01-BB/BDVQU"
    with pytest.raises(ValidationError) as caught:
        services.meeting_document_issue(actor=cast.board, meeting=meeting, kind=INVITATION)
    assert caught.value.messages == [
        "Giấy mời của hội nghị này đã được cấp số 01-GM/BDVQU ngày 20/02/2023."
    ]
    assert Document.objects.filter(direction="di").count() == 2


def test_a_deleted_register_entry_can_be_issued_again(held_meeting: Any, cast: Any) -> None:
    from danvan.documents.services import document_delete

    meeting = held_meeting.meeting
    first = services.meeting_document_issue(actor=cast.board, meeting=meeting, kind=MINUTES)
    document_delete(actor=cast.board, document=first)
    again = services.meeting_document_issue(actor=cast.board, meeting=meeting, kind=MINUTES)
    assert again.reference == "02-BB/BDVQU"


def test_refusals(held_meeting: Any, cast: Any) -> None:
    meeting = held_meeting.meeting
    with pytest.raises(ValidationError) as caught:
        services.meeting_document_issue(actor=cast.board, meeting=meeting, kind="bao_cao")
    assert "Hội nghị chỉ có các văn bản" in caught.value.messages[0]
    for who in ("leader", "viewer"):
        with pytest.raises(PermissionDenied):
            services.meeting_document_issue(actor=getattr(cast, who), meeting=meeting, kind=MINUTES)
    assert not Document.objects.filter(direction="di").exists()
