"""Hostile files posted to the register's entry page: a ZIP bomb and a macro document are
refused on the form without being inflated; a PDF or DOCX that makes its parser hang or
swallow memory is kept, without searchable text, and the worker never sees the blow-up."""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.documents.models import Document
from tests.documents.files import make_docx
from tests.hostile import MB, big_docx, docx_bomb, peak_memory, slow_pdf, with_macros


def post_entry(client, tree, types, upload):
    return client.post(
        reverse("documents:create"),
        {
            "org_unit": tree.bdv_hoang_mai.pk,
            "direction": "den",
            "doc_type": types["Kế hoạch"].pk,
            "number": "45",
            "symbol": "KH",
            "issuer_code": "QU",
            "issuer_name": "Quận ủy Hoàng Mai",
            "issued_on": "2023-09-05",
            "title": "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
            "file": upload,
        },
    )


def test_the_zip_bomb_is_refused_on_the_form_without_being_inflated(cast, tree, types, as_user):
    client = as_user(cast.board)
    upload = SimpleUploadedFile("ke-hoach.docx", docx_bomb())
    with peak_memory() as peak:
        response = post_entry(client, tree, types, upload)
    assert response.status_code == 200
    assert (
        "Tệp «ke-hoach.docx» bị từ chối: dung lượng giải nén 360,6 MB vượt giới hạn 100 MB."
        in response.content.decode()
    )
    assert not Document.objects.exists()
    # The 360 MB member was never read: the whole request stays far below it.
    assert peak[0] < 64 * MB


def test_a_macro_document_is_refused(cast, tree, types, as_user):
    docm = SimpleUploadedFile("ke-hoach.docx", with_macros(make_docx(["Kế hoạch"])))
    response = post_entry(as_user(cast.board), tree, types, docm)
    assert "Tệp «ke-hoach.docx» bị từ chối: tệp có chứa macro" in response.content.decode()
    assert not Document.objects.exists()


@pytest.fixture
def warnings(caplog):
    caplog.set_level(logging.WARNING, logger="danvan.documents.extract")
    return caplog


def test_a_pdf_that_keeps_the_parser_busy_is_kept_without_text(
    cast, tree, types, as_user, settings, warnings
):
    settings.UPLOAD_EXTRACT_TIMEOUT = 2
    response = post_entry(
        as_user(cast.board), tree, types, SimpleUploadedFile("kh.pdf", slow_pdf())
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert (document.file_kind, document.file_name, document.file_text) == ("pdf", "kh.pdf", "")
    assert "Đọc nội dung tệp pdf quá 2 giây, đã dừng" in warnings.text


def test_a_docx_that_needs_more_memory_than_allowed_is_kept_without_text(
    cast, tree, types, as_user, settings, warnings
):
    settings.UPLOAD_EXTRACT_MAX_MEMORY_MB = 150
    data = big_docx()
    assert len(data) < 2 * MB  # it passes every ZIP check: 12 MB of ordinary paragraphs
    with peak_memory() as peak:
        response = post_entry(as_user(cast.board), tree, types, SimpleUploadedFile("kh.docx", data))
    document = Document.objects.get()
    assert response.status_code == 302
    assert (document.file_kind, document.file_text) == ("docx", "")
    assert "Không đọc được nội dung tệp docx (tiến trình đọc thoát với mã 1" in warnings.text
    assert peak[0] < 64 * MB  # the parse happened elsewhere
