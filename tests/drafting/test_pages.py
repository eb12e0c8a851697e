"""The pages under /quan-ly/soan-thao/ as the cast uses them: the list with its filters,
composing a draft, editing, issuing, generating and downloading; who may do what."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document as Docx

from danvan.documents.models import Document
from danvan.drafting import services
from danvan.drafting.context import document_from_dict
from danvan.drafting.models import GeneratedFile, ReportDraft
from tests.conftest import client_for

HOME = reverse("drafting:home")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def draft(district: Any, cast: Any) -> ReportDraft:
    return services.draft_create(actor=cast.board, org_unit=district.hoang_mai, period="2023-02")


def page(user: Any, url: str = HOME, **params: Any) -> Any:
    return client_for(user).get(url, params)


def text(response: Any) -> str:
    return response.content.decode()


# --- the list -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "board", "leader", "reporter", "viewer"])
def test_home_opens_for_whoever_reads_documents(district: Any, cast: Any, who: str) -> None:
    response = page(getattr(cast, who))
    assert response.status_code == 200
    assert "Soạn thảo văn bản" in text(response)


@pytest.mark.parametrize("who", ["stranger", "editor"])
def test_home_is_refused_without_document_view(district: Any, cast: Any, who: str) -> None:
    assert page(getattr(cast, who)).status_code == 403


def test_home_empty_states_and_the_compose_form(district: Any, cast: Any) -> None:
    body = text(page(cast.board))
    assert "Chưa có dự thảo báo cáo tổng hợp nào." in body
    assert "Chưa tạo tệp văn bản nào." in body
    assert "Soạn báo cáo tổng hợp" in body
    assert 'value="2023-02"' in body  # a period with reports, offered in the list
    viewer = text(page(cast.viewer))
    assert "Tổng hợp dự thảo" not in viewer  # read-only: no form


def test_home_lists_only_drafts_in_scope(draft: ReportDraft, district: Any, cast: Any) -> None:
    services.draft_create(actor=cast.leader, org_unit=district.dinh_cong, period="2023-02")
    board = text(page(cast.board))
    assert reverse("drafting:draft", args=[draft.pk]) in board
    assert "Phường Định Công" in board
    leader = text(page(cast.leader))
    assert reverse("drafting:draft", args=[draft.pk]) not in leader
    assert "Phường Định Công" in leader


def test_home_filters_by_unit_period_and_kind(draft: ReportDraft, district: Any, cast: Any) -> None:
    link = reverse("drafting:draft", args=[draft.pk])
    assert link in text(page(cast.board, q="hoang mai"))
    assert link not in text(page(cast.board, q="tay ho"))
    assert link not in text(page(cast.board, period="2023-01"))
    assert link in text(page(cast.board, period="2023-02"))
    filtered = text(page(cast.board, kind="giay_moi"))
    assert link not in filtered
    assert "Không có dự thảo nào khớp bộ lọc." in filtered
    partial = client_for(cast.board).get(HOME, {"q": "hoang"}, HTTP_HX_REQUEST="true")
    assert link in text(partial) and "<html" not in text(partial)


# --- composing and editing ------------------------------------------------------------------


def test_compose_on_the_page_opens_the_draft(district: Any, cast: Any) -> None:
    response = client_for(cast.board).post(
        reverse("drafting:draft_create"),
        {"org_unit": district.hoang_mai.pk, "period": "2023-02", "issuer": ""},
        follow=True,
    )
    draft = ReportDraft.objects.get()
    assert response.redirect_chain[-1][0] == reverse("drafting:draft", args=[draft.pk])
    body = text(response)
    assert "Đã tổng hợp dự thảo báo cáo 2023-02" in body
    assert "I. TÌNH HÌNH NHÂN DÂN" in body
    assert "Nguồn: Phường Đại Kim" in body
    assert "<textarea" in body
    assert "Khi ban hành, báo cáo nhận số: <strong>Số 01-BC/BDVQU</strong>" in body
    assert "Tạo DOCX + PDF" in body and "Ban hành (cấp số)" in body


def test_compose_refuses_a_bad_period_on_the_form(district: Any, cast: Any) -> None:
    response = client_for(cast.board).post(
        reverse("drafting:draft_create"), {"org_unit": district.hoang_mai.pk, "period": "tháng 2"}
    )
    assert response.status_code == 200
    assert "Kỳ báo cáo «tháng 2» không hợp lệ" in text(response)
    assert not ReportDraft.objects.exists()


def test_compose_offers_only_units_the_user_manages(district: Any, cast: Any) -> None:
    response = client_for(cast.leader).post(
        reverse("drafting:draft_create"), {"org_unit": district.hoang_mai.pk, "period": "2023-02"}
    )
    assert "Select a valid choice" in text(response) or "Hãy chọn" in text(response)
    assert not ReportDraft.objects.exists()
    assert client_for(cast.viewer).get(reverse("drafting:draft_create")).status_code == 403


def test_draft_page_scope_and_rights(draft: ReportDraft, cast: Any) -> None:
    url = reverse("drafting:draft", args=[draft.pk])
    assert page(cast.board, url).status_code == 200
    viewer = page(cast.viewer, url)
    assert viewer.status_code == 200
    assert "<textarea" not in text(viewer) and "Ban hành (cấp số)" not in text(viewer)
    assert page(cast.leader, url).status_code == 404  # Định Công cannot see the district's
    assert page(cast.stranger, url).status_code == 404
    save = reverse("drafting:draft_save", args=[draft.pk])
    assert client_for(cast.viewer).post(save, {"subject": "x"}).status_code == 403
    assert client_for(cast.leader).post(save, {"subject": "x"}).status_code == 404


def test_edit_on_the_page_saves_the_text(draft: ReportDraft, cast: Any) -> None:
    document = document_from_dict(draft.content)
    index = next(i for i, b in enumerate(document.blocks) if b.source == "Phường Đại Kim")
    response = client_for(cast.board).post(
        reverse("drafting:draft_save", args=[draft.pk]),
        {
            f"text-{index}": "Phường Đại Kim trao quà cho 120 hộ nghèo.",
            "subject": document.subject,
            "recipients": "- Thường trực Quận ủy,\n- Lưu VP.",
            "authority": "K/T TRƯỞNG BAN",
            "title": "PHÓ TRƯỞNG BAN",
            "name": "Khương Quốc Hưng",
        },
        follow=True,
    )
    body = text(response)
    assert "Đã lưu các chỉnh sửa của dự thảo." in body
    assert "Phường Đại Kim trao quà cho 120 hộ nghèo." in body
    draft.refresh_from_db()
    saved = document_from_dict(draft.content)
    assert saved.blocks[index].text == "Phường Đại Kim trao quà cho 120 hộ nghèo."
    assert saved.recipients == ["- Thường trực Quận ủy,", "- Lưu VP."]


def test_edit_refused_keeps_what_was_typed(draft: ReportDraft, cast: Any) -> None:
    response = client_for(cast.board).post(
        reverse("drafting:draft_save", args=[draft.pk]),
        {"text-1": "Đoạn đang gõ dở", "subject": ""},
    )
    assert response.status_code == 400
    body = text(response)
    assert "Chưa lưu được" in body and "Đoạn đang gõ dở" in body


def test_issue_on_the_page(draft: ReportDraft, cast: Any) -> None:
    response = client_for(cast.board).post(
        reverse("drafting:draft_issue", args=[draft.pk]), follow=True
    )
    body = text(response)
    assert "Đã cấp số và vào sổ văn bản đi: Số 01-BC/BDVQU." in body
    assert "Đã ban hành" in body
    assert "<textarea" not in body and "Ban hành (cấp số)" not in body
    registered = Document.objects.get(direction="di")
    assert reverse("documents:detail", args=[registered.pk]) in body
    again = client_for(cast.board).post(
        reverse("drafting:draft_issue", args=[draft.pk]), follow=True
    )
    assert "Chưa ban hành được: Báo cáo đã ban hành (số 01-BC/BDVQU)" in text(again)
    assert Document.objects.filter(direction="di").count() == 1


def test_issue_without_numbering_says_why(district: Any, cast: Any) -> None:
    draft = services.draft_create(actor=cast.leader, org_unit=district.dinh_cong, period="2023-02")
    url = reverse("drafting:draft", args=[draft.pk])
    body = text(page(cast.leader, url))
    assert "Chưa ban hành được: «Phường Định Công» chưa thiết lập cách đánh số" in body
    response = client_for(cast.leader).post(
        reverse("drafting:draft_issue", args=[draft.pk]), follow=True
    )
    assert "chưa thiết lập cách đánh số văn bản" in text(response)


def test_issue_by_a_viewer_is_forbidden(draft: ReportDraft, cast: Any) -> None:
    url = reverse("drafting:draft_issue", args=[draft.pk])
    assert client_for(cast.viewer).post(url).status_code == 403
    assert client_for(cast.stranger).post(url).status_code == 404
    assert not Document.objects.filter(direction="di").exists()


def test_recompile_and_delete_on_the_page(draft: ReportDraft, cast: Any) -> None:
    client = client_for(cast.board)
    response = client.post(reverse("drafting:draft_recompile", args=[draft.pk]), follow=True)
    assert "Đã tổng hợp lại dự thảo" in text(response)
    response = client.post(reverse("drafting:draft_delete", args=[draft.pk]), follow=True)
    assert response.redirect_chain[-1][0] == HOME
    assert "Đã xóa dự thảo" in text(response)
    assert not ReportDraft.objects.exists()


def test_pdf_button_is_disabled_with_the_reason(
    draft: ReportDraft, cast: Any, monkeypatch: Any
) -> None:
    from danvan.drafting import pdf

    monkeypatch.setattr(pdf, "pdf_available", lambda: (False, "Máy chủ chưa cài LibreOffice."))
    body = text(page(cast.board, reverse("drafting:draft", args=[draft.pk])))
    assert 'disabled title="Máy chủ chưa cài LibreOffice."' in body
    assert "Chưa tạo được PDF: Máy chủ chưa cài LibreOffice." in body


# --- generating and downloading -------------------------------------------------------------


def test_generate_on_the_page_then_download(draft: ReportDraft, cast: Any) -> None:
    response = client_for(cast.board).post(
        reverse("drafting:draft_generate", args=[draft.pk]), follow=True
    )
    row = GeneratedFile.objects.get()
    assert row.status == GeneratedFile.Status.DONE
    body = text(response)
    assert "Đã tạo «Báo cáo tháng 2/2023 — Quận Hoàng Mai»" in body
    docx_url = reverse("drafting:file_download", args=[row.pk, "docx"])
    assert docx_url in body
    download = client_for(cast.viewer).get(docx_url)
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert "wordprocessingml" in download["Content-Type"]
    opened = Docx(io.BytesIO(b"".join(download.streaming_content)))
    assert any("BÁO CÁO" in p.text for p in opened.paragraphs)
    xlsx = client_for(cast.board).get(reverse("drafting:file_download", args=[row.pk, "xlsx"]))
    assert xlsx.status_code == 200
    assert (
        client_for(cast.board)
        .get(reverse("drafting:file_download", args=[row.pk, "pdf"]))
        .status_code
        == 404
    )  # not asked for
    home = text(page(cast.board))
    assert docx_url in home


@pytest.mark.parametrize("who", ["leader", "stranger"])
def test_downloads_outside_scope_are_not_found(draft: ReportDraft, cast: Any, who: str) -> None:
    row = services.generate(actor=cast.board, kind="bao_cao", draft=draft)
    user = getattr(cast, who)
    assert page(user, reverse("drafting:file_download", args=[row.pk, "docx"])).status_code == 404
    assert page(user, reverse("drafting:file_status", args=[row.pk])).status_code == 404


def test_generate_by_a_viewer_is_forbidden(draft: ReportDraft, cast: Any) -> None:
    url = reverse("drafting:draft_generate", args=[draft.pk])
    assert client_for(cast.viewer).post(url).status_code == 403
    assert not GeneratedFile.objects.exists()


def test_progress_polls_while_running_and_stops_when_done(draft: ReportDraft, cast: Any) -> None:
    row = GeneratedFile.objects.create(
        kind="bao_cao",
        title="Báo cáo tháng 2/2023 — Quận Hoàng Mai",
        org_unit=draft.org_unit,
        report_draft=draft,
        status=GeneratedFile.Status.RUNNING,
        progress=50,
    )
    url = reverse("drafting:file_status", args=[row.pk])
    running = text(page(cast.board, url))
    assert 'hx-trigger="every 2s"' in running
    assert '<progress value="50" max="100"' in running
    GeneratedFile.objects.filter(pk=row.pk).update(
        status=GeneratedFile.Status.FAILED, message="Không dàn trang được tệp DOCX: lỗi."
    )
    failed = text(page(cast.board, url))
    assert "hx-trigger" not in failed and "<progress" not in failed
    assert "Không dàn trang được tệp DOCX: lỗi." in failed


# --- the template pages are wired -----------------------------------------------------------


def test_template_pages_are_reachable_for_administrators(district: Any, cast: Any) -> None:
    assert page(cast.admin, reverse("drafting:templates")).status_code == 200
    assert page(cast.board, reverse("drafting:templates")).status_code == 403
    assert "Mẫu văn bản" in text(page(cast.admin))
    assert reverse("drafting:templates") not in text(page(cast.board))


def test_a_job_no_worker_took_says_so(draft: ReportDraft, cast: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    row = GeneratedFile.objects.create(
        kind="bao_cao", title="Báo cáo", org_unit=draft.org_unit, report_draft=draft
    )
    url = reverse("drafting:file_status", args=[row.pk])
    assert "manage.py db_worker" not in text(page(cast.board, url))
    GeneratedFile.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert "Chưa có tiến trình nền nhận việc" in text(page(cast.board, url))


# --- a section left to fill (issue 18 §3) -------------------------------------------------


def test_an_empty_section_is_marked_and_issuing_it_asks_first(district: Any, cast: Any) -> None:
    from tests.drafting.conftest import send_report

    # March: figures only, so I, III, IV and V have nothing reported.
    send_report(district.dinh_cong, "2023-03", figures={"TIEP_CONG_DAN": 12})
    draft = services.draft_create(actor=cast.board, org_unit=district.hoang_mai, period="2023-03")
    url = reverse("drafting:draft", args=[draft.pk])
    body = text(page(cast.board, url))
    # I, III, IV, V and the units' part of II (its figures are there).
    assert body.count("Cần bổ sung: chưa đơn vị nào báo cáo") == 5
    assert "Các đơn vị chưa báo cáo nội dung này trong kỳ." not in body
    board = client_for(cast.board)
    issue = reverse("drafting:draft_issue", args=[draft.pk])
    asked = board.post(issue)
    assert asked.status_code == 200
    assert "Báo cáo còn mục chưa có nội dung" in text(asked)
    assert "I. TÌNH HÌNH NHÂN DÂN" in text(asked) and 'name="confirm_empty"' in text(asked)
    assert not Document.objects.filter(direction="di").exists()
    draft.refresh_from_db()
    assert draft.status == ReportDraft.Status.DRAFT
    done = board.post(issue, {"confirm_empty": "1"}, follow=True)
    assert "Đã cấp số và vào sổ văn bản đi: Số 01-BC/BDVQU." in text(done)
    assert Document.objects.filter(direction="di").count() == 1


def test_a_filled_slot_is_kept_and_an_untouched_one_survives_a_save(
    district: Any, cast: Any
) -> None:
    from tests.drafting.conftest import send_report

    send_report(district.dinh_cong, "2023-03", figures={"TIEP_CONG_DAN": 12})
    draft = services.draft_create(actor=cast.board, org_unit=district.hoang_mai, period="2023-03")
    document = document_from_dict(draft.content)
    slots = [n for n, b in enumerate(document.blocks) if b.needed]
    assert len(slots) == 5
    posted = {f"text-{n}": b.text for n, b in enumerate(document.blocks)}
    posted[f"text-{slots[0]}"] = "Tình hình Nhân dân trên địa bàn quận ổn định."
    posted |= {"subject": document.subject, "recipients": "\n".join(document.recipients)}
    response = client_for(cast.board).post(reverse("drafting:draft_save", args=[draft.pk]), posted)
    assert response.status_code == 302
    draft.refresh_from_db()
    saved = document_from_dict(draft.content)
    assert [b.needed for b in saved.blocks].count(True) == 5
    assert saved.blocks[slots[0]].text == "Tình hình Nhân dân trên địa bàn quận ổn định."
    from danvan.drafting.context import empty_sections

    assert "I. TÌNH HÌNH NHÂN DÂN" not in empty_sections(saved)
