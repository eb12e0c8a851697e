"""Drafts of compiled reports: create, edit, compile again, issue (number and register),
delete; and the refusals (frozen once issued, no numbering, closed issuer, no right)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.documents.models import Document, NumberSequence
from danvan.drafting import services
from danvan.drafting.context import REPORT, document_from_dict
from danvan.drafting.models import ReportDraft
from danvan.org.models import OrgUnit


@pytest.fixture
def draft(district: Any, cast: Any) -> ReportDraft:
    return services.draft_create(actor=cast.board, org_unit=district.hoang_mai, period="2023-02")


def texts(draft: ReportDraft) -> list[str]:
    return [b.text for b in document_from_dict(draft.content).blocks]


def blocks_of(draft: ReportDraft) -> list[dict[str, Any]]:
    return [dict(b) for b in draft.content["blocks"]]


def test_create_compiles_the_subtree_with_each_units_contribution(
    draft: ReportDraft, district: Any, cast: Any
) -> None:
    assert draft.issuer == district.board
    assert draft.period == "2023-02"
    assert draft.status == ReportDraft.Status.DRAFT
    assert draft.created_by == cast.board
    document = document_from_dict(draft.content)
    assert document.kind == REPORT
    assert document.heading.number_line == "Số 01-BC/BDVQU"  # the preview, not given out
    sources = {b.source for b in document.blocks if b.source}
    assert {"Phường Định Công", "Phường Đại Kim"} <= sources
    assert any("trao quà Tết" in text for text in texts(draft))
    assert not NumberSequence.objects.filter(last_number__gt=0).exists()


def test_create_takes_a_lower_case_period_and_an_explicit_issuer(district: Any, cast: Any) -> None:
    draft = services.draft_create(
        actor=cast.board, org_unit=district.dinh_cong, period="2023q1", issuer=district.board
    )
    assert draft.period == "2023Q1"
    assert draft.issuer == district.board


def test_create_refuses_a_bad_period(district: Any, cast: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.draft_create(actor=cast.board, org_unit=district.hoang_mai, period="2023-13")
    assert "Kỳ báo cáo «2023-13» không hợp lệ" in caught.value.message_dict["period"][0]
    assert not ReportDraft.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "reporter", "stranger"])
def test_create_needs_document_manage_on_the_issuer(district: Any, cast: Any, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.draft_create(
            actor=getattr(cast, who), org_unit=district.hoang_mai, period="2023-02"
        )
    assert not ReportDraft.objects.exists()


def test_update_keeps_sources_drops_emptied_paragraphs_and_saves_the_head(
    draft: ReportDraft, cast: Any
) -> None:
    blocks = blocks_of(draft)
    edited = next(i for i, b in enumerate(blocks) if b["source"] == "Phường Đại Kim")
    dropped = next(i for i, b in enumerate(blocks) if b["source"] == "Phường Định Công")
    blocks[edited]["text"] = "  Phường Đại Kim trao 4.081 suất quà Tết.  "
    blocks[dropped]["text"] = "   "
    services.draft_update(
        actor=cast.board,
        draft=draft,
        blocks=blocks,
        subject="kết quả công tác dân vận tháng 2/2023",
        recipients=["- Thường trực Quận ủy,", "", "- Lưu VP."],
        signature={"authority": "K/T TRƯỞNG BAN", "title": "PHÓ TRƯỞNG BAN", "name": "Lê Văn A"},
    )
    draft.refresh_from_db()
    document = document_from_dict(draft.content)
    kept = [b for b in document.blocks if b.text == "Phường Đại Kim trao 4.081 suất quà Tết."]
    assert len(kept) == 1 and kept[0].source == "Phường Đại Kim"
    assert len(document.blocks) == len(blocks) - 1
    assert document.subject == "kết quả công tác dân vận tháng 2/2023"
    assert document.recipients == ["- Thường trực Quận ủy,", "- Lưu VP."]
    assert document.signature.name == "Lê Văn A"


def test_update_refuses_a_table_that_is_not_there_and_an_empty_subject(
    draft: ReportDraft, cast: Any
) -> None:
    blocks = blocks_of(draft)
    blocks[1]["table"] = 9
    with pytest.raises(ValidationError) as caught:
        services.draft_update(actor=cast.board, draft=draft, blocks=blocks)
    assert "bảng số liệu không có" in caught.value.message_dict["blocks"][0]
    with pytest.raises(ValidationError) as caught:
        services.draft_update(actor=cast.board, draft=draft, blocks=blocks_of(draft), subject=" ")
    assert "Trích yếu" in caught.value.message_dict["subject"][0]


def test_update_needs_the_right_on_the_issuer(draft: ReportDraft, cast: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.draft_update(actor=cast.leader, draft=draft, blocks=blocks_of(draft))


def test_recompile_rebuilds_from_the_reports_losing_edits(draft: ReportDraft, cast: Any) -> None:
    original = texts(draft)
    blocks = blocks_of(draft)
    blocks[1]["text"] = "Đoạn đã sửa tay."
    services.draft_update(actor=cast.board, draft=draft, blocks=blocks)
    draft.refresh_from_db()
    assert "Đoạn đã sửa tay." in texts(draft)
    services.draft_recompile(actor=cast.board, draft=draft)
    draft.refresh_from_db()
    assert texts(draft) == original


def test_issue_numbers_once_registers_and_freezes(
    draft: ReportDraft, district: Any, cast: Any
) -> None:
    services.draft_issue(actor=cast.board, draft=draft)
    draft.refresh_from_db()
    assert draft.status == ReportDraft.Status.ISSUED
    registered = draft.document
    assert registered is not None
    assert registered.reference == "01-BC/BDVQU"
    assert registered.direction == Document.Direction.OUTGOING
    assert registered.org_unit == district.board
    assert registered.doc_type.name == "Báo cáo"
    assert registered.issued_on == dt.date(2023, 3, 3)
    assert registered.title.startswith("Kết quả công tác dân vận tháng 2/2023")
    heading = document_from_dict(draft.content).heading
    assert heading.number_line == "Số 01-BC/BDVQU"
    assert heading.place_date == "Hoàng Mai, ngày 03 tháng 3 năm 2023"
    assert NumberSequence.objects.get(numbering=district.numbering).last_number == 1

    for refused in (
        lambda: services.draft_issue(actor=cast.board, draft=draft),
        lambda: services.draft_update(actor=cast.board, draft=draft, blocks=blocks_of(draft)),
        lambda: services.draft_recompile(actor=cast.board, draft=draft),
        lambda: services.draft_delete(actor=cast.board, draft=draft),
    ):
        with pytest.raises(ValidationError) as caught:
            refused()
        assert "Báo cáo đã ban hành (số 01-BC/BDVQU)" in caught.value.messages[0]
    assert NumberSequence.objects.get(numbering=district.numbering).last_number == 1
    assert Document.objects.filter(direction="di").count() == 1


def test_issue_on_a_given_day_writes_that_date(draft: ReportDraft, cast: Any) -> None:
    services.draft_issue(actor=cast.board, draft=draft, on=dt.date(2023, 2, 5))
    draft.refresh_from_db()
    heading = document_from_dict(draft.content).heading
    assert heading.place_date == "Hoàng Mai, ngày 05 tháng 02 năm 2023"


def test_issue_refused_without_numbering_gives_no_number(district: Any, cast: Any) -> None:
    draft = services.draft_create(actor=cast.leader, org_unit=district.dinh_cong, period="2023-02")
    assert draft.issuer == district.dinh_cong
    with pytest.raises(ValidationError) as caught:
        services.draft_issue(actor=cast.leader, draft=draft)
    assert "«Phường Định Công» chưa thiết lập cách đánh số" in caught.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == ReportDraft.Status.DRAFT
    assert not Document.objects.filter(direction="di").exists()


def test_issue_refused_for_a_closed_issuer(draft: ReportDraft, district: Any, cast: Any) -> None:
    OrgUnit.objects.filter(pk=district.board.pk).update(valid_to=dt.date(2023, 1, 1))
    draft.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.draft_issue(actor=cast.board, draft=draft)
    assert "đã ngừng hoạt động: sổ văn bản của đơn vị cũ chỉ được xem" in caught.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == ReportDraft.Status.DRAFT
    assert not NumberSequence.objects.filter(last_number__gt=0).exists()


def test_issue_needs_the_right_on_the_issuer(draft: ReportDraft, cast: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.draft_issue(actor=cast.viewer, draft=draft)
    draft.refresh_from_db()
    assert draft.status == ReportDraft.Status.DRAFT


def test_delete_is_soft(draft: ReportDraft, cast: Any) -> None:
    services.draft_delete(actor=cast.board, draft=draft)
    assert not ReportDraft.objects.filter(pk=draft.pk).exists()
    assert ReportDraft.all_objects.get(pk=draft.pk).is_deleted
