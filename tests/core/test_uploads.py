"""The one check every upload goes through (danvan.core.uploads, danvan.lib.zipguard):
bombs, crowded archives, bad member names and macros are refused from the ZIP directory,
before anything is inflated; ordinary Office files pass."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from danvan.core import uploads
from danvan.lib import files, zipguard
from tests.documents.files import make_docx, make_odt
from tests.hostile import MB, docx_bomb, peak_memory, with_macros, xlsx_cells


def refusal(data: bytes, name: str = "tep.docx") -> str:
    with pytest.raises(ValidationError) as refused:
        uploads.refuse_hostile(io.BytesIO(data), name=name)
    return refused.value.messages[0]


def archive(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, data in members.items():
            zipped.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_the_360_mb_docx_is_refused_from_its_directory_without_inflating():
    bomb = docx_bomb()
    assert len(bomb) < 2 * MB
    with peak_memory() as peak:
        message = refusal(bomb, "ke-hoach.docx")
    assert message == (
        "Tệp «ke-hoach.docx» bị từ chối: dung lượng giải nén 360,6 MB vượt giới hạn 100 MB."
    )
    assert peak[0] < 4 * MB  # the directory, not the 360 MB member


def test_a_compression_ratio_past_the_limit_is_refused_below_the_size_limit(settings):
    # 50 MB of one byte: under the 100 MB limit, but no document compresses a thousandfold.
    bomb = archive({"word/document.xml": b"<" + b" " * (50 * MB)})
    message = refusal(bomb)
    assert "thành phần «word/document.xml» nén với tỉ lệ" in message
    assert "vượt giới hạn 100:1 (dấu hiệu tệp «bom nén»)" in message
    settings.UPLOAD_ZIP_MAX_RATIO = 5000
    uploads.refuse_hostile(io.BytesIO(bomb), name="tep.docx")  # the limit is the setting's


def test_small_members_are_never_judged_by_their_ratio():
    # A few kilobytes of repetitive XML compress a hundredfold in every real file.
    uploads.refuse_hostile(io.BytesIO(archive({"a.xml": b" " * 500_000})), name="a.docx")


def test_too_many_members_are_counted_before_the_directory_is_read(settings):
    settings.UPLOAD_ZIP_MAX_MEMBERS = 10
    crowded = archive({f"word/m{i}.xml": b"x" for i in range(11)})
    assert refusal(crowded) == "Tệp «tep.docx» bị từ chối: có 11 thành phần, vượt giới hạn 10."


def test_the_total_size_limit_is_the_settings(settings):
    settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_MB = 1
    data = make_docx(["Báo cáo"] * 20_000)
    assert "vượt giới hạn 1 MB" in refusal(data, "bao-cao.docx")


@pytest.mark.parametrize("name", ["../../etc/cron.d/x", "/etc/passwd", "C:\\Windows\\x.dll"])
def test_member_names_that_leave_the_archive_are_refused(name):
    message = refusal(archive({"word/document.xml": b"<w/>", name: b"x"}))
    assert "không hợp lệ (đường dẫn tuyệt đối hoặc có «..»)" in message


@pytest.mark.parametrize(
    ("vba", "content_type"),
    [(True, True), (True, False), (False, True)],
    ids=["docm", "bin", "type"],
)
def test_macro_enabled_documents_are_refused(vba, content_type):
    docm = with_macros(make_docx(["Kế hoạch"]), vba=vba, content_type=content_type)
    message = refusal(docm, "ke-hoach.docm")
    assert message.startswith("Tệp «ke-hoach.docm» bị từ chối: tệp có chứa macro")
    with pytest.raises(ValidationError) as refused:
        uploads.refuse_hostile(io.BytesIO(docm), name="x")
    assert refused.value.code == "macro"


def test_opendocument_basic_macros_are_refused():
    odt = io.BytesIO(make_odt(["Biên bản"]))
    with zipfile.ZipFile(odt, "a") as zipped:
        zipped.writestr("Basic/Standard/Module1.xml", "<script:module/>")
    assert "tệp có chứa macro" in refusal(odt.getvalue(), "bien-ban.odt")


def test_a_3_million_cell_workbook_is_refused_without_reading_it():
    data = xlsx_cells()
    with peak_memory() as peak:
        message = refusal(data, "so-lieu.xlsx")
    assert message.startswith("Tệp «so-lieu.xlsx» bị từ chối:")
    assert "tỉ lệ" in message
    assert peak[0] < 4 * MB


def test_ordinary_files_pass():
    for data in (make_docx(["Kế hoạch"], [["a", "b"]]), make_odt(["Biên bản"])):
        uploads.refuse_hostile(io.BytesIO(data), name="tep")
    # Not a ZIP at all: left to the content sniffing.
    uploads.refuse_hostile(io.BytesIO(b"%PDF-1.4"), name="tep.pdf")


def test_reading_a_member_stops_at_its_budget_whatever_the_directory_says():
    data = archive({"content.xml": b"<p/>" * 100_000})
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        assert len(zipguard.read_member(zipped, "content.xml", 400_000)) == 400_000
        with pytest.raises(zipguard.Refused):
            zipguard.read_member(zipped, "content.xml", 399_999)


def test_checked_kind_names_what_the_file_really_is():
    with pytest.raises(ValidationError) as refused:
        uploads.checked_kind(
            io.BytesIO(b"MZ\x90\x00program"), name="bien-ban.pdf", accepted=[files.PDF]
        )
    assert refused.value.messages == [
        "Tệp «bien-ban.pdf» không phải định dạng được nhận (PDF): nội dung là tệp chương "
        "trình Windows (.exe); định dạng được xét theo nội dung tệp, không theo tên."
    ]
