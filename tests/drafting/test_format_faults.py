"""Issue 18 §6, the format faults: each checked in the DOCX as python-docx reads it back
(and the last page through LibreOffice when it is installed)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from danvan.access.system import SYSTEM
from danvan.drafting import headings
from danvan.drafting.compile import compile_report
from danvan.drafting.context import (
    INVITATION,
    MINUTES,
    PARTY,
    REPORT,
    STATE,
    Block,
    Heading,
    OfficialDocument,
    Signature,
)
from danvan.drafting.layout import default_template, render_docx, render_with
from danvan.drafting.layout_closing import recipient_lines, spelled
from danvan.drafting.meeting_docs import meeting_document
from danvan.meetings.models import Attendance
from danvan.meetings.services import attendance_add
from danvan.org.models import OrgUnit
from tests.drafting.conftest import District, HeldMeeting
from tests.drafting.test_layout import cell_of, find, open_docx, texts
from tests.factories import OrganisationKindFactory, OrgUnitFactory, make_person

ON = dt.date(2023, 3, 3)


def _place_date(unit: OrgUnit) -> str:
    return headings.heading_for(headings.describe(unit), kind=REPORT, on=ON).place_date


def _ubnd(district: District) -> OrgUnit:
    government = OrganisationKindFactory(code="chinh-quyen", name="Chính quyền", short_name="UBND")
    return OrgUnitFactory(
        name="Ủy ban nhân dân phường Định Công",
        code="HN-HM-DINHCONG-UBND",
        parent=district.dinh_cong,
        level=district.dinh_cong.level,
        kind=district.ccb_dai_kim.kind,
        organisation_kind=government,
    )


# --- the date line names the seat -------------------------------------------------------


def test_the_date_line_names_the_administrative_unit_of_the_seat(district: District) -> None:
    assert _place_date(district.board) == "Hoàng Mai, ngày 03 tháng 3 năm 2023"
    assert _place_date(district.quan_uy) == "Hoàng Mai, ngày 03 tháng 3 năm 2023"
    assert _place_date(district.dinh_cong) == "Định Công, ngày 03 tháng 3 năm 2023"
    assert _place_date(district.mttq_dinh_cong) == "Định Công, ngày 03 tháng 3 năm 2023"
    assert _place_date(district.hanoi_board) == "Hà Nội, ngày 03 tháng 3 năm 2023"


def test_a_numbered_place_keeps_its_kind_word_and_the_numbering_may_name_another(
    district: District,
) -> None:
    ward = OrgUnitFactory(
        name="Phường 1",
        code="HN-HM-P1",
        parent=district.hoang_mai,
        level=district.dinh_cong.level,
        kind=district.dinh_cong.kind,
    )
    assert _place_date(ward) == "Phường 1, ngày 03 tháng 3 năm 2023"
    district.numbering.place_name = "TP. Hà Nội"
    district.numbering.save()
    assert _place_date(district.board) == "TP. Hà Nội, ngày 03 tháng 3 năm 2023"


def test_the_district_report_docx_is_dated_from_hoang_mai(district: District) -> None:
    document = compile_report(user=SYSTEM, org_unit=district.hoang_mai, period="2023-02")
    lines = [t.strip() for t in texts(open_docx(render_docx(document, issuer=district.board)))]
    assert "Hoàng Mai, ngày 03 tháng 3 năm 2023" in lines
    assert not any(line.startswith("Hà Nội, ngày") for line in lines)


# --- the Party heading of a district board ----------------------------------------------


def test_a_district_boards_heading_is_its_committee_then_the_board_then_the_star(
    district: District,
) -> None:
    document = compile_report(user=SYSTEM, org_unit=district.hoang_mai, period="2023-02")
    docx = open_docx(render_docx(document, issuer=district.board))
    superior, board = find(docx, "QUẬN ỦY HOÀNG MAI"), find(docx, "BAN DÂN VẬN")
    assert not any(run.bold for run in superior.runs if run.text.strip())
    assert all(run.bold for run in board.runs if run.text.strip())
    lines = [t.strip() for t in texts(docx)]
    at = lines.index("QUẬN ỦY HOÀNG MAI")
    assert lines[at + 1 : at + 3] == ["BAN DÂN VẬN", "*"]
    assert "ĐẢNG BỘ QUẬN HOÀNG MAI" not in lines and "BAN DÂN VẬN QUẬN ỦY" not in lines


# --- the State report's signer ----------------------------------------------------------


def test_a_wards_state_report_is_signed_by_the_chair_of_its_peoples_committee(
    district: District,
) -> None:
    make_person(_ubnd(district), "Trần Văn Bình", "Chủ tịch UBND phường")
    document = compile_report(user=SYSTEM, org_unit=district.dinh_cong, period="2023-02")
    assert document.heading.style == STATE
    assert document.signature == Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Bình")
    docx = open_docx(render_docx(document, issuer=district.dinh_cong))
    name = find(docx, "Trần Văn Bình")
    assert cell_of(name) is not None and cell_of(name)[1] == 1  # type: ignore[index]
    assert cell_of(find(docx, "CHỦ TỊCH")) == cell_of(name)


# --- nơi nhận ---------------------------------------------------------------------------


def test_recipients_are_punctuated_for_each_format() -> None:
    lines = ["- Thường trực Đảng ủy,", "- Lưu VT.", "Ban Dân vận Quận ủy"]
    assert recipient_lines(lines, STATE) == [
        "- Thường trực Đảng ủy;",
        "- Ban Dân vận Quận ủy;",
        "- Lưu: VT.",
    ]
    assert recipient_lines(lines, PARTY) == [
        "- Thường trực Đảng ủy,",
        "- Ban Dân vận Quận ủy,",
        "- Lưu VT.",
    ]
    assert recipient_lines(["- Như trên;", "- Lưu: VT, BDV."], STATE)[-1] == "- Lưu: VT, BDV."
    assert recipient_lines(["- Như trên,"], STATE) == ["- Như trên;", "- Lưu: VT."]
    assert recipient_lines([], STATE) == []


def test_the_state_report_docx_ends_its_recipients_the_nghi_dinh_30_way(
    district: District,
) -> None:
    document = compile_report(user=SYSTEM, org_unit=district.dinh_cong, period="2023-02")
    lines = [t.strip() for t in texts(open_docx(render_docx(document)))]
    at = lines.index("Nơi nhận:")
    listed = [line for line in lines[at + 1 :] if line.startswith("- ")]
    assert listed and listed[-1] == "- Lưu: VT."
    assert all(line.endswith(";") for line in listed[:-1])


# --- biên bản and giấy mời --------------------------------------------------------------


def test_the_minutes_are_signed_by_the_secretary_and_the_chair_and_count_the_attendees(
    held_meeting: HeldMeeting, district: District
) -> None:
    secretary = "Nguyễn Thị Minh Thư"
    attendance_add(
        actor=SYSTEM,
        meeting=held_meeting.meeting,
        person=make_person(district.board, secretary, "Chuyên viên Ban Dân vận Quận ủy"),
        position_as_written="Chuyên viên Ban Dân vận Quận ủy",
        role=Attendance.Role.SECRETARY,
    )
    document = meeting_document(user=SYSTEM, meeting=held_meeting.meeting, kind=MINUTES)
    body = [block.text for block in document.blocks]
    assert f"Thư ký: đồng chí {secretary} - Chuyên viên Ban Dân vận Quận ủy." in body
    # Chair, secretary and the unit that reported were there; one unit was not.
    assert "Số đại biểu có mặt: 03/04; vắng mặt: 01." in body
    docx = open_docx(render_docx(document))
    left, right = find(docx, "THƯ KÝ HỘI NGHỊ"), find(docx, "CHỦ TRÌ HỘI NGHỊ")
    assert cell_of(left) == cell_of(find(docx, secretary))
    assert cell_of(right) == cell_of(find(docx, "Khương Quốc Hưng"))
    assert cell_of(left)[1] == 0 and cell_of(right)[1] == 1  # type: ignore[index]
    assert "Nơi nhận:" not in [t.strip() for t in texts(docx)]


def test_minutes_without_a_secretary_still_leave_the_secretarys_place_to_sign(
    held_meeting: HeldMeeting,
) -> None:
    document = meeting_document(user=SYSTEM, meeting=held_meeting.meeting, kind=MINUTES)
    lines = [t.strip() for t in texts(open_docx(render_docx(document)))]
    assert "THƯ KÝ HỘI NGHỊ" in lines and "CHỦ TRÌ HỘI NGHỊ" in lines


def test_the_invitation_is_sent_to_every_invited_unit_but_not_to_its_signer(
    held_meeting: HeldMeeting, district: District
) -> None:
    official = make_person(district.ccb_dai_kim, "Lê Văn Sơn", "Chủ tịch Hội CCB phường")
    attendance_add(
        actor=SYSTEM,
        meeting=held_meeting.meeting,
        person=official,
        position_as_written="Chủ tịch Hội Cựu chiến binh phường Đại Kim",
    )
    document = meeting_document(user=SYSTEM, meeting=held_meeting.meeting, kind=INVITATION)
    assert document.signature.name == "Khương Quốc Hưng"
    assert not any("Khương Quốc Hưng" in block.text for block in document.blocks)
    assert document.recipients == [
        "- Ủy ban MTTQ phường Định Công,",
        "- Phường Đại Kim,",
        "- Hội Cựu chiến binh phường Đại Kim,",
        "- Lưu VT.",
    ]


# --- one spelling -----------------------------------------------------------------------


def test_one_spelling_per_word_in_the_printed_document() -> None:
    assert spelled("Quận uỷ, các tổ chức chính trị-xã hội") == (
        "Quận ủy, các tổ chức chính trị - xã hội"
    )
    assert spelled("QUẬN UỶ; chính trị – xã hội; Thuý") == "QUẬN ỦY; chính trị - xã hội; Thuý"
    document = _closing_test_document(3)
    document.heading.superior = "QUẬN UỶ HOÀNG MAI"
    document.blocks.append(Block("Quận uỷ chỉ đạo MTTQ và các tổ chức chính trị-xã hội."))
    document.recipients = ["- Thường trực Quận uỷ,"]
    words = " ".join(texts(open_docx(render_with(default_template(REPORT, PARTY), document))))
    assert "uỷ" not in words.lower() and "chính trị-xã hội" not in words
    assert "Quận ủy chỉ đạo MTTQ và các tổ chức chính trị - xã hội." in words
    assert "QUẬN ỦY HOÀNG MAI" in words and "- Thường trực Quận ủy," in words


# --- no blank last page -----------------------------------------------------------------


def _closing_test_document(paragraphs: int, kind: str = REPORT) -> OfficialDocument:
    return OfficialDocument(
        kind=kind,
        heading=Heading(
            PARTY, "QUẬN ỦY HOÀNG MAI", "BAN DÂN VẬN", "Số 01-BC/BDVQU", "Hoàng Mai, ngày 05"
        ),
        type_name="BÁO CÁO",
        subject="kết quả công tác dân vận",
        blocks=[Block(f"Nội dung dòng số {i} của báo cáo.") for i in range(paragraphs)],
        recipients=["- Thường trực Quận ủy,", "- Lưu VT."],
        signature=Signature("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn An"),
    )


@pytest.mark.parametrize("kind", [REPORT, MINUTES])
@pytest.mark.parametrize("style", [PARTY, STATE])
def test_the_paragraph_after_the_signature_table_is_one_point_high(kind: str, style: str) -> None:
    docx = open_docx(render_with(default_template(kind, style), _closing_test_document(3, kind)))
    body = [child for child in docx.element.body if not child.tag.endswith("sectPr")]
    assert body[-2].tag.endswith("}tbl")  # the closing table, then one paragraph
    last = docx.paragraphs[-1]
    assert last._p is body[-1] and last.text == ""
    fmt = last.paragraph_format
    assert fmt.space_before == 0 and fmt.space_after == 0
    assert fmt.line_spacing is not None and fmt.line_spacing.pt == 1  # exactly 1 pt
    mark = last._p.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr/"
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sz"
    )
    assert mark is not None and mark.get(mark.tag.replace("}sz", "}val")) == "2"


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdftotext) is not installed: the page "
    "count of the PDF cannot be checked here",
)
def test_no_document_ends_on_a_blank_page(tmp_path: Path) -> None:
    """Bodies of 15 to 22 lines move the signature block down the first page and over to
    the second; with the 2 pt paragraph of before, 19 lines left it alone on a blank page."""
    lengths = range(15, 23)
    for n in lengths:
        data = render_with(default_template(REPORT, PARTY), _closing_test_document(n))
        (tmp_path / f"n{n}.docx").write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path)]
        + [str(tmp_path / f"n{n}.docx") for n in lengths],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pages = {}
    for n in lengths:
        pdf = str(tmp_path / f"n{n}.pdf")
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True, text=True)
        count = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
        last = subprocess.run(
            ["pdftotext", "-f", str(count), "-l", str(count), pdf, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        assert "Nguyễn Văn An" in last, (n, count, last[-200:])
        pages[n] = count
    # The lengths did carry the signature block over a page end.
    assert set(pages.values()) == {1, 2}, pages
