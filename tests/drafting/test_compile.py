"""The compiled period report of Quận Hoàng Mai (conftest ``district``): its sections and
where each block came from, its figures in prose and in the table, its scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from danvan.access.roles import ROLE_CAPS, Cap, Role
from danvan.access.system import SYSTEM
from danvan.documents.issuing import number_allocate
from danvan.drafting.compile import compile_report, subject_for
from danvan.drafting.context import REPORT, Block, OfficialDocument, empty_sections
from danvan.drafting.headings import doc_type_for
from danvan.lib.periods import parse
from danvan.org.models import OrgUnit
from danvan.reporting import analytics
from danvan.reporting.models import Indicator, ReportForm
from danvan.reporting.services import (
    data_values_save,
    report_approve,
    report_save_narrative,
    report_submit,
)
from tests.drafting.conftest import District, send_report
from tests.factories import OrgUnitFactory

SECTION_TITLES = [
    "I. TÌNH HÌNH NHÂN DÂN",
    "II. KẾT QUẢ CÔNG TÁC DÂN VẬN",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 3/2023",
    "V. KIẾN NGHỊ, ĐỀ XUẤT",
]


def _compile(district: District, period: str = "2023-02", **kwargs: Any) -> OfficialDocument:
    return compile_report(user=SYSTEM, org_unit=district.hoang_mai, period=period, **kwargs)


def _section(document: OfficialDocument, title_start: str) -> list[Block]:
    """The blocks under the level-1 heading starting with ``title_start``."""
    found: list[Block] = []
    inside = False
    for block in document.blocks:
        if block.level == 1:
            inside = block.text.startswith(title_start)
            continue
        if inside:
            found.append(block)
    return found


def test_report_has_the_heading_title_and_five_sections(district: District) -> None:
    document = _compile(district)
    assert document.kind == REPORT
    assert document.type_name == "BÁO CÁO"
    assert document.subject == (
        "kết quả công tác dân vận tháng 2/2023, phương hướng, nhiệm vụ tháng 3/2023"
    )
    heading = document.heading
    assert (heading.style, heading.superior, heading.issuer) == (
        "party",
        "QUẬN ỦY HOÀNG MAI",
        "BAN DÂN VẬN",
    )
    # The board's first report of the term, from its register; the clock reads 03/03/2023.
    assert heading.number_line == "Số 01-BC/BDVQU"
    assert heading.place_date == "Hoàng Mai, ngày 03 tháng 3 năm 2023"
    assert [b.text for b in document.blocks if b.level == 1] == SECTION_TITLES
    assert document.recipients == ["- Thường trực Quận ủy,", "- Ban Dân vận Thành ủy,", "- Lưu VT."]
    assert (document.signature.authority, document.signature.title) == (
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
    )


def test_each_units_words_are_attributed_with_the_unit_as_source(
    district: District,
) -> None:
    document = _compile(district)
    situation = _section(document, "I.")
    # The board's words lead as written; a ward's stand under its own name, written once.
    assert [(b.source, b.text) for b in situation] == [
        (
            "Ban Dân vận Quận ủy Hoàng Mai",
            "Tình hình Nhân dân trên địa bàn quận ổn định, phấn khởi đón Tết.",
        ),
        ("Phường Định Công", "Nhân dân phường Định Công tin tưởng vào sự lãnh đạo của Đảng ủy."),
    ]
    assert situation[1].sources == ["Phường Định Công"]
    assert situation[1].origins == ["Phường Định Công (tháng 2/2023)"]
    results = [
        b
        for b in _section(document, "II.")
        if b.level == 0 and b.table is None and b.source != "Quận Hoàng Mai"
    ]
    # The board first, then the wards by name, each ward's own organisations after it;
    # what one unit said is written with its name as the subject.
    assert [(b.source, b.text) for b in results] == [
        (
            "Ban Dân vận Quận ủy Hoàng Mai",
            "Ban Dân vận Quận ủy tham mưu tổ chức giao ban với MTTQ và các đoàn thể.",
        ),
        ("Phường Đại Kim", "Phường Đại Kim trao quà Tết cho hộ nghèo, hộ cận nghèo."),
        (
            "Phường Định Công",
            "Phường Định Công tổ chức tiếp công dân định kỳ và thăm hỏi gia đình chính sách.",
        ),
        (
            "Ủy ban MTTQ phường Định Công",
            "Ủy ban MTTQ phường Định Công vận động Quỹ Vì người nghèo.",
        ),
        ("Ủy ban MTTQ phường Định Công", "Ủy ban MTTQ phường Định Công đăng ký 02 mô hình."),
    ]
    assessment = _section(document, "III.")
    assert [b.text for b in assessment] == [
        "Tại phường Định Công, công tác tiếp dân được duy trì; việc giải quyết đơn còn chậm."
    ]
    assert [b.source for b in _section(document, "V.")] == ["Phường Đại Kim"]


def test_a_section_nobody_wrote_is_left_to_fill_never_a_stock_line(district: District) -> None:
    form = ReportForm.objects.get(code="BC_THANG")
    # Only figures for March: every narrative section is empty.
    send_report(district.dinh_cong, "2023-03", figures={"TIEP_CONG_DAN": 12})
    document = _compile(district, "2023-03")
    for title in ("I.", "III.", "IV.", "V."):
        (line,) = _section(document, title)
        assert (line.text, line.source, line.needed) == ("", "", True)
    texts = " ".join(b.text for b in document.blocks)
    assert "chưa báo cáo" not in texts and "Chưa có đơn vị" not in texts
    assert empty_sections(document) == [
        "I. TÌNH HÌNH NHÂN DÂN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 4/2023",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    assert form.sections.filter(is_narrative=True).count() == 5


def test_figures_in_prose_with_both_comparisons(district: District) -> None:
    document = _compile(district)
    texts = [b.text for b in _section(document, "II.")]
    activity = next(t for t in texts if t.startswith("Trong tháng 2/2023"))
    assert "các cơ quan, đơn vị trên địa bàn quận Hoàng Mai đã tiếp 117 lượt công dân" in activity
    assert "(tăng 17,0% so với tháng trước, bằng cùng kỳ năm trước)" in activity
    assert "đã giải quyết 8/24 đơn đề nghị, kiến nghị, đạt 33,3%" in activity
    assert (
        "tiếp nhận và chuyển 9.081 suất quà với tổng số tiền 2.811,7 triệu đồng "
        "(giảm 6,3% so với cùng kỳ năm trước)" in activity
    )
    assert "đăng ký 2 mô hình “Dân vận khéo”" in activity
    members = next(t for t in texts if t.startswith("Tính đến hết"))
    assert "5.573 hội viên (tăng 1,3% so với tháng trước, tăng 12,6% so với cùng kỳ năm trước)" in (
        members
    )
    assert "126 chi hội" in members


def test_table_rows_are_the_children_with_figures_and_the_total_is_the_aggregate(
    district: District,
) -> None:
    document = _compile(district)
    (table,) = document.tables
    placed = [b for b in _section(document, "II.") if b.table is not None]
    assert [b.table for b in placed] == [0]
    assert table.columns[:2] == ["TT", "Đơn vị"]
    # Only the columns that have figures; Quận ủy, the board and Hội CCB have none.
    assert "Cử tri" not in table.columns
    assert [row[1] for row in table.rows] == ["Phường Đại Kim", "Phường Định Công"]
    assert table.total is not None and table.total[1] == "Tổng cộng"
    headers = dict(zip(table.columns, table.total, strict=True))
    codes = {
        "Tiếp công dân (lượt)": "TIEP_CONG_DAN",
        "Đơn nhận": "DON_NHAN",
        "Đơn đã giải quyết": "DON_GIAI_QUYET",
        "Quà (suất)": "QUA_SUAT",
        "Giá trị quà (triệu đồng)": "QUA_GIA_TRI",
        "Hội viên": "HOI_VIEN",
        "Chi hội": "CHI_HOI",
        "Mô hình “Dân vận khéo”": "MO_HINH_DVK",
    }
    indicators = list(Indicator.objects.filter(code__in=codes.values()))
    totals = analytics.aggregate(indicators, district.hoang_mai, parse("2023-02"))
    for header, code in codes.items():
        value = totals[code]
        assert value is not None
        shown = f"{value:,.1f}" if code == "QUA_GIA_TRI" else f"{value:,.0f}"
        assert headers[header] == shown.replace(",", "X").replace(".", ",").replace("X", ".")
    assert headers["Quà (suất)"] == "9.081" and headers["Giá trị quà (triệu đồng)"] == "2.811,7"
    # Each row adds up to the total.
    for col in range(2, len(table.columns)):
        numbers = [Decimal(r[col].replace(".", "").replace(",", ".") or 0) for r in table.rows]
        assert sum(numbers) == Decimal(table.total[col].replace(".", "").replace(",", "."))


@pytest.mark.parametrize(
    ("code", "subject"),
    [
        ("2023-02", "kết quả công tác dân vận tháng 2/2023, phương hướng, nhiệm vụ tháng 3/2023"),
        ("2023-12", "kết quả công tác dân vận tháng 12/2023, phương hướng, nhiệm vụ tháng 1/2024"),
        ("2023Q4", "kết quả công tác dân vận quý IV/2023, phương hướng, nhiệm vụ quý I/2024"),
        (
            "2023H1",
            "kết quả công tác dân vận 6 tháng đầu năm 2023, phương hướng, nhiệm vụ 6 tháng "
            "cuối năm 2023",
        ),
        ("2023", "kết quả công tác dân vận năm 2023, phương hướng, nhiệm vụ năm 2024"),
    ],
)
def test_subject_names_the_period_and_the_next(code: str, subject: str) -> None:
    assert subject_for(parse(code)) == subject


def test_six_months_take_each_units_coarsest_reports_and_the_months_of_the_others(
    district: District,
) -> None:
    send_report(
        district.dinh_cong,
        "2023-03",
        narrative={
            "ket_qua": "Tháng Ba: phường ra quân Tháng Thanh niên.",
            "phuong_huong": "Chuẩn bị sơ kết 6 tháng.",
        },
    )
    six_months = ReportForm.objects.get(code="BC_6THANG")
    report_save_narrative(
        actor=SYSTEM,
        form=six_months,
        org_unit=district.dai_kim,
        period="2023H1",
        narrative={"ket_qua": "Sáu tháng: Đại Kim hoàn thành các chỉ tiêu."},
    )
    report_submit(actor=SYSTEM, form=six_months, org_unit=district.dai_kim, period="2023H1")
    document = _compile(district, "2023H1")
    assert [b.text for b in document.blocks if b.level == 1][3] == (
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023"
    )
    results = [(b.source, b.text) for b in _section(document, "II.") if b.level == 0 and b.source]
    # Đại Kim's six-month report stands for its February report; Định Công's months follow
    # each other, each statement once.
    assert ("Phường Đại Kim", "Sáu tháng: phường Đại Kim hoàn thành các chỉ tiêu.") in results
    assert not any("trao quà Tết" in text for _, text in results)
    dinh_cong = [text for source, text in results if source == "Phường Định Công"]
    assert dinh_cong == [
        "Phường Định Công tổ chức tiếp công dân định kỳ và thăm hỏi gia đình chính sách.",
        "Tháng Ba: phường ra quân Tháng Thanh niên (phường Định Công).",
    ]
    situation = [(b.source, b.text) for b in _section(document, "I.")]
    assert (
        "Phường Định Công",
        "Nhân dân phường Định Công tin tưởng vào sự lãnh đạo của Đảng ủy.",
    ) in situation
    # The directions are for the second half: none of the units' reports ends with June
    # (the board's and Định Công's speak of March and April), so the section is left to
    # write.
    directions = _section(document, "IV.")
    assert [(b.text, b.needed) for b in directions] == [("", True)]
    activity = next(t for _, t in results if t.startswith("Trong 6 tháng đầu năm 2023"))
    # January's 100 lượt and February's 117.
    assert "đã tiếp 217 lượt công dân" in activity
    # The first half of 2022 has only February: no comparison with it.
    assert "so với cùng kỳ năm trước" not in activity


def test_six_month_directions_come_from_the_reports_ending_with_it(district: District) -> None:
    send_report(
        district.dinh_cong,
        "2023-06",
        narrative={
            "phuong_huong": "Triển khai nhiệm vụ công tác tháng 7; tổ chức tốt Ngày Thương "
            "binh - Liệt sĩ.\nTriển khai nhiệm vụ công tác tháng 3/2023.",
        },
    )
    document = _compile(district, "2023H1")
    section = _section(document, "IV.")
    directions = [b.text for b in section]
    # The lead line stands for the directions under it: their units are its source.
    assert section[0].sources == ["Phường Định Công"]
    # July is in the next six months, March is not; the board's February words
    # ("chào mừng 20 năm") are not directions for the second half.
    assert directions == [
        "Trong 6 tháng cuối năm 2023, các cơ quan, đơn vị trên địa bàn quận Hoàng Mai tập "
        "trung thực hiện tốt các nhiệm vụ sau:",
        "Phường Định Công triển khai nhiệm vụ công tác tháng 7; tổ chức tốt Ngày Thương binh "
        "- Liệt sĩ.",
    ]


def test_draft_and_returned_reports_are_not_compiled(district: District) -> None:
    form = ReportForm.objects.get(code="BC_THANG")
    report_save_narrative(
        actor=SYSTEM,
        form=form,
        org_unit=district.ccb_dai_kim,
        period="2023-02",
        narrative={"ket_qua": "Bản nháp chưa gửi."},
    )
    document = _compile(district)
    assert not any("Bản nháp" in b.text for b in document.blocks)


def test_number_line_is_the_registers_next_number_or_given(district: District) -> None:
    number_allocate(
        actor=SYSTEM, issuer=district.board, doc_type=doc_type_for(REPORT), on=dt.date(2023, 1, 5)
    )
    assert _compile(district).heading.number_line == "Số 02-BC/BDVQU"
    given = _compile(district, number_line="Số 15-BC/BDVQU", on=dt.date(2023, 2, 3))
    assert given.heading.number_line == "Số 15-BC/BDVQU"
    assert given.heading.place_date == "Hoàng Mai, ngày 03 tháng 02 năm 2023"


def test_scope_outside_is_404_and_without_the_right_403(
    district: District, cast: Any, monkeypatch: Any
) -> None:
    assert _compile(district).blocks  # as the System
    ok = compile_report(user=cast.viewer, org_unit=district.hoang_mai, period="2023-02")
    assert ok.tables
    for outsider in (cast.leader, cast.stranger, cast.editor):
        with pytest.raises(Http404):
            compile_report(user=outsider, org_unit=district.hoang_mai, period="2023-02")
    # A role that sees the tree but not the reports is refused (403).
    monkeypatch.setitem(ROLE_CAPS, Role.VIEWER, frozenset({Cap.ORG_VIEW}))
    with pytest.raises(PermissionDenied):
        compile_report(
            user=type(cast.viewer).objects.get(pk=cast.viewer.pk),
            org_unit=district.hoang_mai,
            period="2023-02",
        )


def test_a_ward_leader_compiles_the_ward_in_the_state_layout(district: District, cast: Any) -> None:
    document = compile_report(user=cast.leader, org_unit=district.dinh_cong, period="2023-02")
    # No board in the ward: the ward issues, as its People's Committee.
    assert document.heading.style == "state"
    assert document.heading.issuer == "ỦY BAN NHÂN DÂN\nPHƯỜNG ĐỊNH CÔNG"
    assert document.heading.number_line == "Số:    /BC-UBND"
    assert document.signature.authority == "TM. ỦY BAN NHÂN DÂN"
    sources = {b.source for b in document.blocks if b.source}
    assert sources == {"Phường Định Công", "Ủy ban MTTQ phường Định Công"}
    (table,) = document.tables
    assert [row[1] for row in table.rows] == ["Ủy ban MTTQ phường Định Công"]


def test_an_unknown_period_is_refused_in_vietnamese(district: District) -> None:
    with pytest.raises(ValidationError) as refused:
        _compile(district, "2023-13")
    assert "Kỳ báo cáo «2023-13» không hợp lệ" in refused.value.message_dict["period"][0]


def test_compiling_reads_the_same_few_queries_whatever_the_number_of_units(
    district: District,
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _compile(district)
        return len(captured.captured_queries)

    before = queries()
    body = district.ccb_dai_kim.kind
    for n in range(4):
        ward = OrgUnitFactory(
            name=f"Phường Thử {n}",
            code=f"HN-HM-THU{n}",
            parent=district.hoang_mai,
            level=district.dai_kim.level,
            kind=district.dai_kim.kind,
        )
        union = OrgUnitFactory(
            name=f"Hội Cựu chiến binh phường Thử {n}",
            code=f"HN-HM-THU{n}-CCB",
            parent=ward,
            level=ward.level,
            kind=body,
            organisation_kind=district.ccb_dai_kim.organisation_kind,
        )
        for unit in (ward, union):
            send_report(
                unit,
                "2023-02",
                figures={"TIEP_CONG_DAN": 3, "HOI_VIEN": 100},
                narrative={"ket_qua": f"{unit.name} làm tốt."},
            )
    assert queries() == before
    # A fixed few of its own, and at most three per register writing a section (whether
    # the register is kept, then its counts): never a query per unit.
    from danvan.drafting import registers
    from danvan.reporting.catalog import NARRATIVE

    writers = sum(len(registers.for_section(code)) for code, _title in NARRATIVE)
    assert before <= 14 + 3 * writers, (before, writers)


def test_the_default_issuer_is_the_board_and_another_can_be_named(district: District) -> None:
    committee = _compile(district, issuer=district.quan_uy)
    assert committee.heading.superior == "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
    assert committee.heading.issuer == "QUẬN ỦY HOÀNG MAI"
    assert committee.heading.number_line == "Số    -BC/QU"
    assert committee.signature.authority == "T/M BAN THƯỜNG VỤ"
    assert committee.recipients == [
        "- Thường trực Thành ủy,",
        "- Ban Dân vận Thành ủy,",
        "- Lưu VT.",
    ]
    assert OrgUnit.objects.filter(code="HN-HM-CU").exists()


def test_figures_only_from_reports_sent_up(district: District) -> None:
    form = ReportForm.objects.get(code="BC_THANG")
    data_values_save(
        actor=SYSTEM,
        org_unit=district.ccb_dai_kim,
        period="2023-02",
        values={"TIEP_CONG_DAN": 1000},
        form=form,
    )
    activity = " ".join(b.text for b in _compile(district).blocks)
    assert "117 lượt công dân" in activity and "1.117" not in activity
    report_submit(actor=SYSTEM, form=form, org_unit=district.ccb_dai_kim, period="2023-02")
    report_approve(actor=SYSTEM, form=form, org_unit=district.ccb_dai_kim, period="2023-02")
    assert "1.117 lượt công dân" in " ".join(b.text for b in _compile(district).blocks)
