"""«Nhập báo cáo đơn vị» driven through its pages: the ward's reporter brings its Word
report in, reviews it, accepts it into the draft report; the same file twice; a sent
report and a closed window refuse; a stale accept; a bad file; another unit's reporter."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.access.roles import Role
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import DataValue, Report, ReportForm, Status
from danvan.textimport.models import ReportImport
from tests.conftest import client_for
from tests.factories import UserFactory, grant
from tests.stale import form_data
from tests.textimport.report_docx import HEADER, report_docx

NEW = "/quan-ly/nhap-bai-viet/bao-cao-don-vi/"


def errors(answer: Any) -> list[str]:
    return re.findall(
        r"(?:errorlist|form-errors)[^>]*>(?:<li>|<p>)?([^<]+)",
        html.unescape(answer.content.decode()),
    )


@pytest.fixture
def november(tree: Any, reporting_clock: Any) -> Any:
    """The standard forms, on 29/11/2026: November 2026 is open for entry."""
    ensure_catalog()
    reporting_clock(dt.date(2026, 11, 29))
    return reporting_clock


@pytest.fixture
def reporter(cast: Any, november: Any) -> Any:
    return client_for(cast.reporter)


def _upload(client: Any, unit: Any, data: bytes | None = None, name: str = "bc-t11.docx") -> Any:
    upload = SimpleUploadedFile(name, report_docx() if data is None else data)
    return client.post(NEW, {"file": upload, "org_unit": unit.pk})


def _entry(unit: Any) -> str:
    return f"/quan-ly/bao-cao/nhap/{unit.pk}/2026-11/BC_THANG/"


def _value(code: str, unit: Any) -> Any:
    row = DataValue.objects.filter(indicator__code=code, org_unit=unit, period="2026-11").first()
    return row.value if row else None


def test_bring_review_accept_into_the_draft_report(reporter: Any, tree: Any) -> None:
    answer = _upload(reporter, tree.dinh_cong)
    assert answer.status_code == 302, errors(answer)
    item = ReportImport.objects.get()
    url = f"{NEW}{item.pk}/"
    assert answer["Location"] == url
    assert (item.org_unit, item.period, item.form.code) == (tree.dinh_cong, "2026-11", "BC_THANG")
    page = html.unescape(reporter.get(url).content.decode())
    # Each item beside the words it came from; the disagreement flagged in the text too.
    assert '<mark data-field="period" title="Kỳ báo cáo">tháng 11 năm 2026</mark>' in page
    assert (
        '<mark data-field="flag" title="Số liệu lệch giữa lời văn và bảng: Suất quà trao tặng: '
        'Số liệu trong lời văn (318) khác bảng (316)">318 suất quà</mark>'
    ) in page
    assert "⚠ Số liệu trong lời văn (318) khác bảng (316)" in page
    assert not Report.objects.exists() and not DataValue.objects.exists()  # nothing yet

    data = form_data(reporter, url)
    assert data["n_danh_gia"].strip().startswith("Công tác dân vận có nhiều chuyển biến")
    rows = {data[f"so_lieu-{i}-indicator"]: i for i in range(int(data["so_lieu-TOTAL_FORMS"]))}
    assert data[f"so_lieu-{rows['QUA_SUAT']}-value"] == "316"  # the table's, preselected
    accepted = reporter.post(f"{url}chap-nhan/", data)
    assert accepted.status_code == 302, errors(accepted)
    assert accepted["Location"] == _entry(tree.dinh_cong)

    report = Report.objects.get(org_unit=tree.dinh_cong, period="2026-11")
    assert report.status == Status.DRAFT
    assert report.narrative["kien_nghi"].startswith("Đề nghị Ban Dân vận Quận ủy")
    assert _value("QUA_SUAT", tree.dinh_cong) == 316
    assert _value("HOI_VIEN", tree.dinh_cong) == 1250
    entry = html.unescape(reporter.get(_entry(tree.dinh_cong)).content.decode())
    assert "Tiếp tục triển khai Quy chế dân chủ ở cơ sở" in entry
    assert re.search(r'id="v-QUA_SUAT" name="v-QUA_SUAT" value="316"', entry)
    assert re.search(r'id="v-TIEP_CONG_DAN" name="v-TIEP_CONG_DAN" value="45"', entry)
    assert "Đã ghi 5 mục lời văn" in entry
    item.refresh_from_db()
    assert (item.status, item.report) == (ReportImport.Status.ACCEPTED, report)
    # Audited like the article import.
    from auditlog.models import LogEntry

    assert LogEntry.objects.get_for_object(item).count() == 2

    # The same file again: the first import is shown, nothing new proposed or written.
    again = _upload(reporter, tree.dinh_cong, name="ban-sao.docx")
    assert again.status_code == 302 and again["Location"] == url
    assert ReportImport.objects.count() == 1
    shown = html.unescape(reporter.get(url).content.decode())
    assert "Chấp nhận và ghi vào báo cáo nháp" not in shown


def test_the_entry_page_links_to_the_word_import(reporter: Any, tree: Any) -> None:
    page = html.unescape(reporter.get(_entry(tree.dinh_cong)).content.decode())
    link = f"{NEW}?don_vi={tree.dinh_cong.pk}&ky=2026-11&bieu=BC_THANG"
    assert f'href="{link}">Nhập từ tệp Word</a>' in page
    form = reporter.get(link).content.decode()
    assert f'<option value="{tree.dinh_cong.pk}" selected>' in form


def _open_import(client: Any, unit: Any) -> tuple[str, dict[str, Any]]:
    answer = _upload(client, unit)
    assert answer.status_code == 302, errors(answer)
    url = answer["Location"]
    return url, form_data(client, url)


def test_a_sent_report_refuses(reporter: Any, tree: Any) -> None:
    url, data = _open_import(reporter, tree.dinh_cong)
    Report.objects.create(
        form=ReportForm.objects.get(code="BC_THANG"),
        org_unit=tree.dinh_cong,
        period="2026-11",
        status=Status.SUBMITTED,
    )
    answer = reporter.post(f"{url}chap-nhan/", data)
    assert answer.status_code == 400
    assert any("đã gửi, đang chờ duyệt" in e for e in errors(answer)), errors(answer)
    assert not DataValue.objects.exists()
    assert ReportImport.objects.get().status == ReportImport.Status.PROPOSED


def test_a_closed_window_refuses(reporter: Any, tree: Any, november: Any) -> None:
    url, data = _open_import(reporter, tree.dinh_cong)
    november(dt.date(2027, 2, 1))
    answer = reporter.post(f"{url}chap-nhan/", data)
    assert answer.status_code == 400
    assert any("đã khóa nhập" in e for e in errors(answer)), errors(answer)
    assert not Report.objects.filter(narrative__has_key="tinh_hinh").exists()
    assert not DataValue.objects.exists()


def test_a_section_typed_meanwhile_is_kept_unless_replaced(
    reporter: Any, cast: Any, tree: Any
) -> None:
    from danvan.reporting.services import report_save_narrative

    url, data = _open_import(reporter, tree.dinh_cong)
    form = ReportForm.objects.get(code="BC_THANG")
    report_save_narrative(
        actor=cast.leader,
        form=form,
        org_unit=tree.dinh_cong,
        period="2026-11",
        narrative={"danh_gia": "Đánh giá do lãnh đạo tự viết."},
    )
    page = html.unescape(reporter.get(url).content.decode())
    assert "Đánh giá do lãnh đạo tự viết." in page and "Thay thế nội dung" in page
    answer = reporter.post(f"{url}chap-nhan/", data)
    assert answer.status_code == 302, errors(answer)
    report = Report.objects.get(org_unit=tree.dinh_cong, period="2026-11")
    assert report.narrative["danh_gia"] == "Đánh giá do lãnh đạo tự viết."
    assert report.narrative["tinh_hinh"].startswith("Nhân dân trong phường")


def test_replace_overwrites_the_typed_section(reporter: Any, cast: Any, tree: Any) -> None:
    from danvan.reporting.services import report_save_narrative

    url, _ = _open_import(reporter, tree.dinh_cong)
    report_save_narrative(
        actor=cast.leader,
        form=ReportForm.objects.get(code="BC_THANG"),
        org_unit=tree.dinh_cong,
        period="2026-11",
        narrative={"danh_gia": "Đánh giá do lãnh đạo tự viết."},
    )
    data = {**form_data(reporter, url), "r_danh_gia": "on"}
    answer = reporter.post(f"{url}chap-nhan/", data)
    assert answer.status_code == 302, errors(answer)
    report = Report.objects.get(org_unit=tree.dinh_cong, period="2026-11")
    assert report.narrative["danh_gia"].startswith("Công tác dân vận có nhiều chuyển biến")


def test_a_register_counted_figure_is_skipped_with_a_note(reporter: Any, tree: Any) -> None:
    from danvan.reporting.models import RegisterUse

    RegisterUse.objects.create(
        register="welfare", org_unit=tree.dinh_cong, since=dt.date(2026, 1, 1)
    )
    url, data = _open_import(reporter, tree.dinh_cong)
    page = html.unescape(reporter.get(url).content.decode())
    assert "Tính từ sổ theo dõi: không ghi" in page
    rows = {data[f"so_lieu-{i}-indicator"]: i for i in range(int(data["so_lieu-TOTAL_FORMS"]))}
    assert f"so_lieu-{rows['QUA_SUAT']}-include" not in data  # not ticked: it is counted
    data[f"so_lieu-{rows['QUA_SUAT']}-include"] = "on"  # ticked anyway: still not written
    answer = reporter.post(f"{url}chap-nhan/", data, follow=True)
    assert "Không ghi số liệu tính từ sổ theo dõi: Suất quà trao tặng" in html.unescape(
        answer.content.decode()
    )
    assert _value("QUA_SUAT", tree.dinh_cong) in (None, 0)  # the register's count, not 316
    assert _value("HOI_VIEN", tree.dinh_cong) == 1250


def test_a_stale_accept_is_refused(reporter: Any, cast: Any, tree: Any) -> None:
    url, data = _open_import(reporter, tree.dinh_cong)
    leader = client_for(cast.leader)
    discarded = leader.post(f"{url}bo-qua/", {"version": data["version"], "note": "Trùng"})
    assert discarded.status_code == 302
    answer = reporter.post(f"{url}chap-nhan/", data)
    assert answer.status_code == 400
    assert any("sau khi bạn mở trang" in e for e in errors(answer)), errors(answer)
    assert not DataValue.objects.exists()
    assert ReportImport.objects.get().status == ReportImport.Status.DISCARDED


@pytest.mark.parametrize(
    ("data", "says"),
    [(b"not a word file", "không phải tệp Word"), (b"PK\x03\x04broken", "không phải tệp Word")],
)
def test_a_bad_file_is_a_form_error(reporter: Any, tree: Any, data: bytes, says: str) -> None:
    answer = _upload(reporter, tree.dinh_cong, data=data, name="bao-cao.docx")
    assert answer.status_code == 400
    assert any("«bao-cao.docx»" in e and says in e for e in errors(answer)), errors(answer)
    assert not ReportImport.objects.exists()


def test_another_units_reporter_cannot_see_or_accept(reporter: Any, tree: Any) -> None:
    url, data = _open_import(reporter, tree.dinh_cong)
    other = UserFactory(username="dai_kim_reporter")
    grant(other, Role.UNIT_REPORTER, tree.dai_kim)
    them = client_for(other)
    # Their one unit is the upload's unit already; Định Công is not offered.
    upload_page = them.get(NEW).content.decode()
    assert f'<option value="{tree.dai_kim.pk}" selected>' in upload_page
    assert f'<option value="{tree.dinh_cong.pk}"' not in upload_page
    assert them.get(url).status_code == 404
    assert them.post(f"{url}chap-nhan/", data).status_code == 404
    assert them.post(f"{url}bo-qua/", {"version": data["version"]}).status_code == 404
    # Nor bring a report in for a unit outside their scope.
    answer = _upload(them, tree.dinh_cong, data=report_docx(body=["I. TÌNH HÌNH", "Ổn định."]))
    assert answer.status_code == 400
    assert "Báo cáo đơn vị nhập từ tệp Word" in them.get("/quan-ly/nhap-bai-viet/").content.decode()
    assert "bc-t11.docx" not in them.get("/quan-ly/nhap-bai-viet/").content.decode()
    assert not DataValue.objects.exists()


def test_the_import_list_shows_report_imports(reporter: Any, tree: Any) -> None:
    _open_import(reporter, tree.dinh_cong)
    page = html.unescape(reporter.get("/quan-ly/nhap-bai-viet/").content.decode())
    assert "bc-t11.docx" in page and "Chờ xem xét" in page


def test_a_file_too_large_is_a_form_error(reporter: Any, tree: Any, settings: Any) -> None:
    settings.UPLOAD_MAX_MB = 0
    answer = _upload(reporter, tree.dinh_cong, name="bao-cao-lon.docx")
    assert answer.status_code == 400
    assert any("«bao-cao-lon.docx» nặng" in e for e in errors(answer)), errors(answer)
    assert not ReportImport.objects.exists()


def test_a_header_naming_another_ward_is_warned(reporter: Any, tree: Any) -> None:
    header = ["ĐẢNG BỘ PHƯỜNG ĐẠI KIM", *HEADER[1:]]
    answer = _upload(reporter, tree.dinh_cong, data=report_docx(header=header))
    assert answer.status_code == 302, errors(answer)
    page = html.unescape(reporter.get(answer["Location"]).content.decode())
    assert "Tiêu đề văn bản ghi «ĐẢNG BỘ PHƯỜNG ĐẠI KIM" in page
    assert "không nhắc «Phường Định Công»: kiểm tra lại đơn vị" in page


def test_the_own_header_is_not_warned(reporter: Any, tree: Any) -> None:
    answer = _upload(reporter, tree.dinh_cong)
    page = html.unescape(reporter.get(answer["Location"]).content.decode())
    assert "kiểm tra lại đơn vị trước khi chấp nhận" not in page


@pytest.mark.parametrize(
    ("header", "unit_name", "warned"),
    [
        ("ỦY BAN MTTQ VIỆT NAM PHƯỜNG ĐỊNH CÔNG", "Ủy ban MTTQ phường Định Công", False),
        ("UBMTTQ PHUONG DINH CONG", "Phường Định Công", False),
        ("ĐẢNG BỘ PHƯỜNG HOÀNG LIỆT", "Phường Định Công", True),
        ("", "Phường Định Công", False),
        ("ĐẢNG BỘ PHƯỜNG HOÀNG LIỆT", "Ban Dân vận", False),  # no place word: not judged
    ],
)
def test_header_mismatch(header: str, unit_name: str, warned: bool) -> None:
    from types import SimpleNamespace

    from danvan.textimport.report.selectors import header_mismatch

    unit = SimpleNamespace(name=unit_name)
    assert bool(header_mismatch(header, unit)) is warned  # type: ignore[arg-type]


def test_choosing_a_form_without_a_read_section_refuses_naming_it(reporter: Any, tree: Any) -> None:
    from danvan.reporting.models import FormSection

    other = ReportForm.objects.create(
        code="BC_THANG_GON", name="Báo cáo tháng gọn", period_type="month"
    )
    FormSection.objects.create(form=other, code="danh_gia", title="Đánh giá", is_narrative=True)
    url, data = _open_import(reporter, tree.dinh_cong)
    data["form"] = other.code
    answer = reporter.post(f"{url}chap-nhan/", data)
    assert answer.status_code == 400
    said = " ".join(errors(answer))
    assert "Biểu mẫu «Báo cáo tháng gọn» không có mục «" in said, said
    assert "Kiến nghị" in said or "kiến nghị" in said, said
    assert not Report.objects.exists() and not DataValue.objects.exists()
    assert ReportImport.objects.get().status == ReportImport.Status.PROPOSED
