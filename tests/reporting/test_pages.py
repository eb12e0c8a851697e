"""The reporting pages as each member of the cast sees them: the report list, the entry
page with its autosave, the workflow buttons and the attachments."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.access.system import SYSTEM
from danvan.reporting.models import DataValue, Report, ReportAttachment, ReportForm, Status
from danvan.reporting.services import data_values_save, report_save_narrative, report_submit

PERIOD = "2024-03"


@pytest.fixture
def form(catalog):
    return ReportForm.objects.get(code="BC_THANG")


@pytest.fixture
def tree(open_tree):
    return open_tree


def entry_url(unit, period=PERIOD, name="entry", code="BC_THANG"):
    return reverse(f"reporting:{name}", args=[unit.pk, period, code])


def html(response):
    return response.content.decode()


def value_of(unit, code, period=PERIOD):
    row = DataValue.objects.filter(org_unit=unit, indicator__code=code, period=period).first()
    return None if row is None else row.value


# --- the report list --------------------------------------------------------------------


def test_report_list_shows_each_role_its_subtree(cast, tree, form, as_user):
    home = reverse("reporting:home")
    board = html(as_user(cast.board).get(f"{home}?period={PERIOD}"))
    assert "Phường Định Công" in board and "Phường Đại Kim" in board
    assert "Phường Bưởi" not in board

    reporter = html(as_user(cast.reporter).get(f"{home}?period={PERIOD}"))
    assert "Ủy ban MTTQ phường Định Công" in reporter
    assert "Phường Đại Kim" not in reporter

    viewer = as_user(cast.viewer).get(f"{home}?period={PERIOD}")
    assert viewer.status_code == 200 and "Phường Đại Kim" in html(viewer)

    assert as_user(cast.stranger).get(home).status_code == 403
    outside = as_user(cast.board).get(f"{home}?unit={tree.buoi.pk}")
    assert outside.status_code == 404


def test_report_list_offers_approval_only_to_those_who_may(cast, tree, form, as_user):
    data_values_save(
        actor=cast.reporter, org_unit=tree.dinh_cong, period=PERIOD, values={"CHI_HOI": 3}
    )
    report_submit(actor=cast.leader, form=form, org_unit=tree.dinh_cong, period=PERIOD)
    query = f"{reverse('reporting:home')}?period={PERIOD}&unit={tree.hoang_mai.pk}"
    approve = entry_url(tree.dinh_cong, name="approve")
    assert approve in html(as_user(cast.board).get(query))
    assert approve not in html(as_user(cast.viewer).get(query))


# --- the entry page ---------------------------------------------------------------------


def test_reporter_gets_inputs_that_save_themselves(cast, tree, form, as_user):
    page = html(as_user(cast.reporter).get(entry_url(tree.dinh_cong)))
    assert 'id="v-TIEP_CONG_DAN"' in page
    assert f'hx-post="{entry_url(tree.dinh_cong, name="entry_save")}"' in page
    assert 'name="n-ket_qua"' in page  # narrative sections as textareas
    assert "Gửi báo cáo" not in page  # the reporter enters; the leader submits


def test_viewer_reads_with_the_reason(cast, tree, form, as_user):
    data_values_save(actor=SYSTEM, org_unit=tree.dinh_cong, period=PERIOD, values={"CHI_HOI": 3})
    page = html(as_user(cast.viewer).get(entry_url(tree.dinh_cong)))
    assert "chỉ có quyền xem" in page
    assert "hx-post" not in page
    assert 'value="3"' in page and "readonly" in page


def test_entry_refuses_strangers_and_units_outside_the_scope(cast, tree, form, as_user):
    assert as_user(cast.stranger).get(entry_url(tree.dinh_cong)).status_code == 403
    assert as_user(cast.reporter).get(entry_url(tree.dai_kim)).status_code == 404
    assert as_user(cast.board).get(entry_url(tree.buoi)).status_code == 404
    assert as_user(cast.board).get(entry_url(tree.dinh_cong, period="2024Q1")).status_code == 404
    assert as_user(cast.board).get(entry_url(tree.dinh_cong, period="2024-13")).status_code == 404


def test_autosave_stores_one_value_and_returns_the_status_partial(cast, tree, form, as_user):
    client = as_user(cast.reporter)
    save = entry_url(tree.dinh_cong, name="entry_save")
    response = client.post(save, {"v-DON_NHAN": "8"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Đã lưu" in html(response) and "<html" not in html(response)
    assert value_of(tree.dinh_cong, "DON_NHAN") == 8

    response = client.post(save, {"v-DON_GIAI_QUYET": "6"})
    # The ratio is recomputed and swapped out of band: 6 / 8 = 75%.
    assert 'id="c-TY_LE_GIAI_QUYET_DON"' in html(response)
    assert "75,00%" in html(response)

    client.post(save, {"v-QUA_GIA_TRI": "2811,7"})
    assert value_of(tree.dinh_cong, "QUA_GIA_TRI") == Decimal("2811.7")


def test_a_blocking_rule_is_shown_inline_and_nothing_is_stored(cast, tree, form, as_user):
    client = as_user(cast.reporter)
    save = entry_url(tree.dinh_cong, name="entry_save")
    client.post(save, {"v-DON_NHAN": "4"})
    response = client.post(save, {"v-DON_GIAI_QUYET": "9"})
    assert response.status_code == 200  # htmx swaps it in next to the field
    assert "không được lớn hơn số đơn nhận" in html(response)
    assert "Đã lưu" not in html(response)
    assert value_of(tree.dinh_cong, "DON_GIAI_QUYET") is None

    response = client.post(save, {"v-TIEP_CONG_DAN": "mười"})
    assert "không phải là số" in html(response)


def test_autosave_of_a_narrative_section(cast, tree, form, as_user):
    client = as_user(cast.reporter)
    response = client.post(
        entry_url(tree.dinh_cong, name="entry_save"), {"n-ket_qua": "Tiếp 5 lượt công dân."}
    )
    assert "Đã lưu" in html(response)
    assert Report.objects.get().narrative == {"ket_qua": "Tiếp 5 lượt công dân."}


def test_autosave_refuses_a_viewer_and_a_second_field(cast, tree, form, as_user):
    save = entry_url(tree.dinh_cong, name="entry_save")
    refused = as_user(cast.viewer).post(save, {"v-CHI_HOI": "2"})
    assert refused.status_code == 403 and "không có quyền" in html(refused)
    two = as_user(cast.reporter).post(save, {"v-CHI_HOI": "2", "v-HOI_VIEN": "5"})
    assert two.status_code == 400
    assert not DataValue.objects.exists()


def test_a_submitted_report_is_read_only_with_the_status_explained(cast, tree, form, as_user):
    data_values_save(
        actor=cast.reporter, org_unit=tree.dinh_cong, period=PERIOD, values={"CHI_HOI": 3}
    )
    report_submit(actor=cast.leader, form=form, org_unit=tree.dinh_cong, period=PERIOD)
    client = as_user(cast.reporter)
    page = html(client.get(entry_url(tree.dinh_cong)))
    assert "đang chờ duyệt" in page and "hx-post" not in page
    response = client.post(entry_url(tree.dinh_cong, name="entry_save"), {"v-CHI_HOI": "4"})
    assert "bị khóa" in html(response) or "chờ duyệt" in html(response)
    assert value_of(tree.dinh_cong, "CHI_HOI") == 3


def test_copy_last_periods_narrative_into_empty_sections(cast, tree, form, as_user):
    report_save_narrative(
        actor=SYSTEM,
        form=form,
        org_unit=tree.dinh_cong,
        period="2024-02",
        narrative={"tinh_hinh": "Ổn định.", "ket_qua": "Tháng 2."},
    )
    report_save_narrative(
        actor=SYSTEM,
        form=form,
        org_unit=tree.dinh_cong,
        period=PERIOD,
        narrative={"ket_qua": "Tháng 3 đã viết."},
    )
    client = as_user(cast.reporter)
    assert "Chép phần lời văn kỳ trước" in html(client.get(entry_url(tree.dinh_cong)))
    response = client.post(entry_url(tree.dinh_cong, name="entry_copy"), follow=True)
    assert "Đã chép 1 mục lời văn từ tháng 2/2024" in html(response)
    narrative = Report.objects.get(period=PERIOD).narrative
    assert narrative == {"tinh_hinh": "Ổn định.", "ket_qua": "Tháng 3 đã viết."}


def test_whole_sheet_post_without_javascript(cast, tree, form, as_user):
    client = as_user(cast.reporter)
    response = client.post(
        entry_url(tree.dinh_cong),
        {"v-DON_NHAN": "5", "v-DON_GIAI_QUYET": "4", "n-kien_nghi": "Không"},
    )
    assert response.status_code == 302
    assert value_of(tree.dinh_cong, "DON_GIAI_QUYET") == 4
    refused = client.post(entry_url(tree.dinh_cong), {"v-DON_GIAI_QUYET": "40"})
    assert refused.status_code == 400 and "không được lớn hơn" in html(refused)
    assert value_of(tree.dinh_cong, "DON_GIAI_QUYET") == 4


def _sheet_as_a_browser_posts_it(page):
    """Every field of the entry form with the value the page showed, as a browser without
    JavaScript sends them with «Lưu tất cả»."""
    sheet = {
        name: unescape(value)
        for name, value in re.findall(
            r'<input type="(?:text|hidden)" (?:id="[^"]+" )?'
            r'name="([^"]+)" value="([^"]*)"',
            page,
        )
    }
    for name, text in re.findall(
        r'<textarea id="[^"]+" name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S
    ):
        sheet[name] = unescape(text)
    for name, options in re.findall(
        r'<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', page, re.S
    ):
        chosen = re.search(r'value="([^"]*)" selected', options)
        sheet[name] = chosen.group(1) if chosen else ""
    sheet.pop("csrfmiddlewaretoken", None)
    return sheet


def test_the_sheet_saves_only_what_its_user_changed(cast, tree, form, as_user):
    """The reporter opens the sheet; meanwhile the leader autosaves a figure and a section;
    the reporter's «Lưu tất cả» stores her two changes and leaves the leader's alone."""
    data_values_save(
        actor=cast.reporter,
        org_unit=tree.dinh_cong,
        period=PERIOD,
        values={"TIEP_CONG_DAN": 2, "DON_NHAN": 5},
    )
    report_save_narrative(
        actor=cast.reporter,
        form=form,
        org_unit=tree.dinh_cong,
        period=PERIOD,
        narrative={"ket_qua": "Bản đầu."},
    )
    reporter = as_user(cast.reporter)
    sheet = _sheet_as_a_browser_posts_it(html(reporter.get(entry_url(tree.dinh_cong))))
    assert sheet["v-TIEP_CONG_DAN"] == "2" and sheet["n-ket_qua"] == "Bản đầu."

    leader, save = as_user(cast.leader), entry_url(tree.dinh_cong, name="entry_save")
    assert leader.post(save, {"v-TIEP_CONG_DAN": "9"}).status_code == 200
    assert leader.post(save, {"n-ket_qua": "Bản của lãnh đạo."}).status_code == 200

    sheet.update({"v-DON_NHAN": "6", "n-kien_nghi": "Không"})
    assert reporter.post(entry_url(tree.dinh_cong), sheet).status_code == 302
    assert value_of(tree.dinh_cong, "TIEP_CONG_DAN") == 9
    assert value_of(tree.dinh_cong, "DON_NHAN") == 6
    assert Report.objects.get().narrative == {"ket_qua": "Bản của lãnh đạo.", "kien_nghi": "Không"}


# --- workflow through the pages -------------------------------------------------------------


def test_submit_approve_return_and_unapprove_through_the_pages(cast, tree, form, as_user):
    data_values_save(
        actor=cast.reporter, org_unit=tree.dinh_cong, period=PERIOD, values={"CHI_HOI": 3}
    )
    leader, board = as_user(cast.leader), as_user(cast.board)

    assert as_user(cast.reporter).post(entry_url(tree.dinh_cong, name="submit")).status_code == 403
    response = leader.post(entry_url(tree.dinh_cong, name="submit"), follow=True)
    assert "Đã gửi báo cáo «Báo cáo công tác dân vận tháng» tháng 3/2024" in html(response)
    assert Report.objects.get().status == Status.SUBMITTED

    # Approval is checked on the parent unit: the ward's own leader may not approve it.
    assert leader.post(entry_url(tree.dinh_cong, name="approve")).status_code == 403
    response = board.post(entry_url(tree.dinh_cong, name="approve"), follow=True)
    assert "Đã duyệt báo cáo" in html(response)
    assert Report.objects.get().status == Status.APPROVED

    response = board.post(entry_url(tree.dinh_cong, name="unapprove"), follow=True)
    assert "Đã hủy duyệt" in html(response)
    assert Report.objects.get().status == Status.SUBMITTED

    response = board.post(entry_url(tree.dinh_cong, name="return"), {"reason": " "}, follow=True)
    assert "Cần ghi lý do trả lại" in html(response)
    assert Report.objects.get().status == Status.SUBMITTED

    home = f"{reverse('reporting:home')}?period={PERIOD}"
    response = board.post(
        entry_url(tree.dinh_cong, name="return"),
        {"reason": "Thiếu số đơn thư", "next": home},
    )
    assert response.status_code == 302 and response["Location"] == home
    report = Report.objects.get()
    assert report.status == Status.RETURNED and report.return_reason == "Thiếu số đơn thư"
    page = html(as_user(cast.reporter).get(entry_url(tree.dinh_cong)))
    assert "Thiếu số đơn thư" in page and "hx-post" in page  # editable again


def test_workflow_refusal_comes_back_as_a_message(cast, tree, form, as_user):
    response = as_user(cast.board).post(entry_url(tree.dinh_cong, name="approve"), follow=True)
    assert "Chỉ duyệt được báo cáo đã gửi" in html(response)


def test_next_must_stay_on_this_site(cast, tree, form, as_user):
    response = as_user(cast.leader).post(
        entry_url(tree.dinh_cong, name="submit"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == entry_url(tree.dinh_cong)


# --- attachments ----------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_attach_list_download_and_delete_a_file(cast, tree, form, as_user, media):
    client = as_user(cast.reporter)
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 noi dung", "application/pdf")
    response = client.post(
        entry_url(tree.dinh_cong, name="attachment_add"), {"file": upload}, follow=True
    )
    assert "Đã đính kèm tệp «bien-ban.pdf»" in html(response)
    attachment = ReportAttachment.objects.get()
    assert "bien-ban.pdf" in html(client.get(entry_url(tree.dinh_cong)))

    download = as_user(cast.viewer).get(reverse("reporting:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 noi dung"
    stranger = as_user(cast.stranger).get(reverse("reporting:attachment", args=[attachment.pk]))
    assert stranger.status_code == 404

    assert (
        as_user(cast.viewer)
        .post(reverse("reporting:attachment_delete", args=[attachment.pk]))
        .status_code
        == 403
    )
    response = client.post(
        reverse("reporting:attachment_delete", args=[attachment.pk]), follow=True
    )
    assert "Đã xóa tệp «bien-ban.pdf»" in html(response)
    assert not ReportAttachment.objects.exists()


def test_a_file_over_10_mb_is_refused_in_vietnamese(cast, tree, form, as_user, media):
    big = SimpleUploadedFile("anh.jpg", b"x" * (10 * 1024 * 1024 + 1), "image/jpeg")
    response = as_user(cast.reporter).post(
        entry_url(tree.dinh_cong, name="attachment_add"), {"file": big}, follow=True
    )
    assert "vượt giới hạn 10 MB" in html(response)
    assert not ReportAttachment.objects.exists()


def test_no_attachment_once_the_report_is_sent(cast, tree, form, as_user, media):
    data_values_save(
        actor=cast.reporter, org_unit=tree.dinh_cong, period=PERIOD, values={"CHI_HOI": 3}
    )
    report_submit(actor=cast.leader, form=form, org_unit=tree.dinh_cong, period=PERIOD)
    upload = SimpleUploadedFile("muon.txt", b"muon", "text/plain")
    response = as_user(cast.reporter).post(
        entry_url(tree.dinh_cong, name="attachment_add"), {"file": upload}, follow=True
    )
    assert "khóa" in html(response)
    assert not ReportAttachment.objects.exists()
