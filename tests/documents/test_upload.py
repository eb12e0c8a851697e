"""Files in the register: refused by content whatever their name, accepted PDF, DOCX,
ODT and DOC whose text becomes searchable with and without marks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.access.system import SYSTEM
from danvan.documents import selectors, services
from danvan.documents.extract import MAX_CHARS, extract_bytes
from danvan.documents.models import Document
from tests.documents.files import make_doc, make_docx, make_odt, make_pdf

BODY = "Hội nghị tổng kết phong trào Dân vận khéo của Đảng bộ phường Định Công"


def create(unit, doc_type, upload, **fields):
    values = {
        "actor": SYSTEM,
        "org_unit": unit,
        "direction": Document.Direction.INCOMING,
        "doc_type": doc_type,
        "number": "05",
        "symbol": "KH",
        "issuer_code": "ĐU",
        "issuer_name": "Đảng ủy phường Định Công",
        "issued_on": dt.date(2023, 3, 1),
        "title": "Kế hoạch tổng kết",
        "upload": upload,
    }
    values.update(fields)
    return services.document_create(**values)


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("ke-hoach.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "tệp chương trình Windows"),
        ("bao-cao.docx", "Chỉ là văn bản thuần, không phải Word".encode(), "văn bản thuần"),
        ("anh.odt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "ảnh PNG"),
    ],
)
def test_content_decides_not_the_name(tree, types, name, content, what):
    with pytest.raises(ValidationError) as refused:
        create(tree.dinh_cong, types["Kế hoạch"], SimpleUploadedFile(name, content))
    message = refused.value.message_dict["file"][0]
    assert message.startswith(f"Tệp «{name}» không phải PDF, DOCX, DOC hoặc ODT (nội dung là")
    assert what in message
    assert not Document.objects.exists()


def test_a_file_over_the_limit_is_refused_with_its_size(tree, types, settings):
    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("to.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024 // 2))
    with pytest.raises(ValidationError) as refused:
        create(tree.dinh_cong, types["Kế hoạch"], big)
    assert refused.value.message_dict["file"] == ["Tệp «to.pdf» nặng 1,5 MB, vượt giới hạn 1 MB."]


FILES = [
    ("ke-hoach.pdf", lambda: make_pdf(BODY), "pdf"),
    ("ke-hoach.docx", lambda: make_docx(["Phần mở đầu"], [["Nội dung", BODY]]), "docx"),
    ("ke-hoach.odt", lambda: make_odt(["Phần mở đầu", BODY]), "odt"),
    ("ke-hoach.doc", lambda: make_doc(BODY), "doc"),
]


@pytest.mark.parametrize(("name", "build", "kind"), FILES, ids=[f[2] for f in FILES])
def test_accepted_files_are_searchable_by_their_text(tree, types, cast, name, build, kind):
    doc = create(tree.dinh_cong, types["Kế hoạch"], SimpleUploadedFile(name, build()))
    doc.refresh_from_db()
    assert (doc.file_kind, doc.file_name) == (kind, name)
    assert doc.file_size == doc.file.size and doc.file.read().startswith(build()[:4])
    assert BODY in doc.file_text
    for query in ("Dân vận khéo", "dan van kheo", "dang bo dinh cong", "ĐẢNG"):
        found = selectors.document_search(user=cast.leader, q=query)
        assert list(found) == [doc], query
    assert not selectors.document_search(user=cast.leader, q="dan van kheo tay ho").exists()


def test_a_broken_file_is_kept_without_text(tree, types):
    doc = create(
        tree.dinh_cong, types["Kế hoạch"], SimpleUploadedFile("hong.pdf", b"%PDF-1.7 rubbish")
    )
    doc.refresh_from_db()
    assert doc.file and doc.file_kind == "pdf" and doc.file_text == "" and doc.file_folded == ""


def test_stored_text_is_capped():
    text = extract_bytes(make_docx(["chữ " * 60_000, "thêm " * 60_000]), "docx")
    assert len(text) == MAX_CHARS


def test_replacing_the_file_replaces_the_searchable_text(tree, types, cast):
    doc = create(tree.dinh_cong, types["Kế hoạch"], SimpleUploadedFile("a.odt", make_odt([BODY])))
    services.document_update(
        actor=SYSTEM,
        document=doc,
        upload=SimpleUploadedFile("b.docx", make_docx(["Tuyên truyền bầu cử đại biểu"])),
    )
    assert list(selectors.document_search(user=cast.leader, q="bau cu")) == [doc]
    assert not selectors.document_search(user=cast.leader, q="kheo").exists()
