"""Generation in the background: the task fills in the files and the progress (immediate
backend under tests, and once through the database backend and ``db_worker``); a failure
is shown as a Vietnamese message, never a stack trace; PDF only when LibreOffice is there."""

from __future__ import annotations

import io
import shutil
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from docx import Document as Docx
from openpyxl import load_workbook

from danvan.drafting import services
from danvan.drafting.context import CONCLUSIONS_NOTICE, INVITATION, REPORT, document_from_dict
from danvan.drafting.models import GeneratedFile, ReportDraft
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def draft(district: Any, cast: Any) -> ReportDraft:
    return services.draft_create(actor=cast.board, org_unit=district.hoang_mai, period="2023-02")


def docx_text(row: GeneratedFile) -> str:
    with row.docx.open("rb") as handle:
        document = Docx(io.BytesIO(handle.read()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for r in table.rows for cell in r.cells]
    return "\n".join(parts)


def edit_a_paragraph(draft: ReportDraft, actor: Any, new_text: str) -> None:
    blocks = [dict(b) for b in draft.content["blocks"]]
    index = next(i for i, b in enumerate(blocks) if b["source"] == "Phường Đại Kim")
    blocks[index]["text"] = new_text
    services.draft_update(actor=actor, draft=draft, blocks=blocks)


def test_report_generation_makes_the_docx_with_the_edits_and_the_xlsx(
    draft: ReportDraft, cast: Any
) -> None:
    edit_a_paragraph(draft, cast.board, "Phường Đại Kim đã trao 4.081 suất quà Tết (đã sửa).")
    row = services.generate(actor=cast.board, kind=REPORT, draft=draft)
    row.refresh_from_db()
    assert row.status == GeneratedFile.Status.DONE
    assert row.progress == 100
    assert row.task_id
    assert row.finished_at is not None
    assert row.created_by == cast.board
    assert row.title == "Báo cáo tháng 2/2023 — Quận Hoàng Mai"
    body = docx_text(row)
    assert "Phường Đại Kim đã trao 4.081 suất quà Tết (đã sửa)." in body
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in body
    assert "Số 01-BC/BDVQU" in body  # the preview, until issued
    with row.xlsx.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    assert workbook.worksheets
    assert not row.pdf


def test_an_issued_report_carries_its_number(draft: ReportDraft, cast: Any) -> None:
    services.draft_issue(actor=cast.board, draft=draft)
    draft.refresh_from_db()
    row = services.generate(actor=cast.board, kind=REPORT, draft=draft)
    body = docx_text(row)
    assert "Số 01-BC/BDVQU" in body
    assert "Hoàng Mai, ngày 03 tháng 3 năm 2023" in body
    # The issued report's file is now in the register, its text searchable there.
    registered = draft.document
    registered.refresh_from_db()
    assert registered.file.name.endswith(".docx")
    assert "phuong dai kim" in registered.file_folded
    again = services.generate(actor=cast.board, kind=REPORT, draft=draft)
    registered.refresh_from_db()
    assert again.status == "done" and registered.file.name.endswith(f"-{row.pk}.docx")


def test_pdf_unavailable_still_gives_the_docx_and_says_why(
    draft: ReportDraft, cast: Any, monkeypatch: Any
) -> None:
    from danvan.drafting import pdf

    monkeypatch.setattr(
        pdf, "pdf_available", lambda: (False, "Máy chủ chưa cài LibreOffice (soffice).")
    )
    row = services.generate(actor=cast.board, kind=REPORT, draft=draft, want_pdf=True)
    row.refresh_from_db()
    assert row.status == GeneratedFile.Status.DONE
    assert row.docx and row.xlsx and not row.pdf
    assert row.message == "Không tạo được PDF: Máy chủ chưa cài LibreOffice (soffice)."


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) chưa cài")
def test_pdf_is_made_with_libreoffice(draft: ReportDraft, cast: Any) -> None:
    row = services.generate(actor=cast.board, kind=REPORT, draft=draft, want_pdf=True)
    row.refresh_from_db()
    assert row.status == GeneratedFile.Status.DONE, row.message
    with row.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    download = client_for(cast.board).get(reverse("drafting:file_download", args=[row.pk, "pdf"]))
    assert download["Content-Type"] == "application/pdf"


def test_a_failure_is_told_in_vietnamese_without_a_trace(
    draft: ReportDraft, cast: Any, monkeypatch: Any
) -> None:
    from danvan.drafting import layout

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("boom: KeyError in docxtpl")

    monkeypatch.setattr(layout, "render_docx", broken)
    row = services.generate(actor=cast.board, kind=REPORT, draft=draft)
    row.refresh_from_db()
    assert row.status == GeneratedFile.Status.FAILED
    assert row.message == (
        "Không dàn trang được tệp DOCX: lỗi hệ thống; hãy thử lại hoặc báo quản trị viên."
    )
    assert row.progress == 10 and not row.docx
    body = client_for(cast.board).get(reverse("drafting:home")).content.decode()
    assert "Không dàn trang được tệp DOCX: lỗi hệ thống" in body
    assert "boom" not in body and "Traceback" not in body


def test_a_template_error_is_quoted(draft: ReportDraft, cast: Any, monkeypatch: Any) -> None:
    from danvan.drafting import layout

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise layout.TemplateRenderError("thẻ «{{ tieu_de» chưa đóng", where="dòng 3")

    monkeypatch.setattr(layout, "render_docx", broken)
    row = services.generate(actor=cast.board, kind=REPORT, draft=draft)
    row.refresh_from_db()
    assert row.status == GeneratedFile.Status.FAILED
    assert row.message == "Không dàn trang được tệp DOCX: dòng 3: thẻ «{{ tieu_de» chưa đóng."


def test_a_deleted_draft_fails_cleanly(draft: ReportDraft, cast: Any) -> None:
    row = GeneratedFile.objects.create(
        kind=REPORT, title="x", org_unit=draft.org_unit, report_draft=draft
    )
    services.draft_delete(actor=cast.board, draft=draft)
    from danvan.drafting.tasks import run

    assert run(row.pk) == "failed"
    row.refresh_from_db()
    assert row.message == "Dự thảo báo cáo đã bị xóa."


def test_generate_refusals(draft: ReportDraft, held_meeting: Any, cast: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.generate(actor=cast.viewer, kind=REPORT, draft=draft)
    with pytest.raises(ValidationError):
        services.generate(actor=cast.board, kind=INVITATION, draft=draft)
    with pytest.raises(ValidationError):
        services.generate(actor=cast.board, kind=REPORT)
    with pytest.raises(ValidationError):
        services.generate(actor=cast.board, kind=REPORT, meeting=held_meeting.meeting)
    assert not GeneratedFile.objects.exists()


def test_meeting_notice_generation_uses_the_issued_number(held_meeting: Any, cast: Any) -> None:
    meeting = held_meeting.meeting
    before = services.generate(actor=cast.board, kind=CONCLUSIONS_NOTICE, meeting=meeting)
    assert before.status == GeneratedFile.Status.DONE, before.message
    assert before.org_unit == meeting.org_unit
    assert not before.xlsx  # no appendix for a meeting document
    assert "THÔNG BÁO" in docx_text(before)
    assert "Đánh giá kết quả hoạt động từng tuần, từng tháng." in docx_text(before)
    services.meeting_document_issue(actor=cast.board, meeting=meeting, kind=CONCLUSIONS_NOTICE)
    after = services.generate(actor=cast.board, kind=CONCLUSIONS_NOTICE, meeting=meeting)
    assert "Số 01-TB/BDVQU" in docx_text(after)


def test_the_database_backend_and_db_worker(
    draft: ReportDraft, cast: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker drops "old" connections between tasks; inside the test's transaction
    # that would close PostgreSQL's connection (a real worker runs in autocommit).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    from django_tasks_db.models import DBTaskResult

    edit_a_paragraph(draft, cast.board, "Đoạn sửa trước khi xếp hàng chờ.")
    row = services.generate(actor=cast.board, kind=REPORT, draft=draft)
    row.refresh_from_db()
    assert row.status == GeneratedFile.Status.QUEUED
    assert row.progress == 0 and not row.docx
    assert DBTaskResult.objects.filter(id=row.task_id).exists()
    queued = client_for(cast.board).get(reverse("drafting:file_status", args=[row.pk]))
    assert 'hx-trigger="every 2s"' in queued.content.decode()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    row.refresh_from_db()
    assert row.status == GeneratedFile.Status.DONE, row.message
    assert row.progress == 100
    assert "Đoạn sửa trước khi xếp hàng chờ." in docx_text(row)
    assert DBTaskResult.objects.get(id=row.task_id).status == "SUCCESSFUL"
    done = client_for(cast.board).get(reverse("drafting:file_status", args=[row.pk]))
    assert "hx-trigger" not in done.content.decode()


def test_document_stays_editable_after_generation(draft: ReportDraft, cast: Any) -> None:
    services.generate(actor=cast.board, kind=REPORT, draft=draft)
    draft.refresh_from_db()
    assert draft.status == ReportDraft.Status.DRAFT
    assert document_from_dict(draft.content).blocks
