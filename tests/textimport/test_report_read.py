"""Reading a ward's Word report (issue 17 §3): header, period, sections, figures, the
prose/table disagreement, paragraphs without a heading, bad files."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from danvan.reporting.catalog import NARRATIVE, STORED
from danvan.textimport.report import Indicator, Section, read
from danvan.textimport.report.figures import match_row
from tests.textimport.report_docx import report_docx

SECTIONS = [Section(code, title) for code, title in NARRATIVE]
INDICATORS = [Indicator(code, name, unit) for code, name, unit, _, _ in STORED]


def _read(data: bytes) -> dict:
    return read(data, sections=SECTIONS, indicators=INDICATORS, name="bao-cao.docx")


def _sections(proposal: dict) -> dict[str, str]:
    return {s["code"]: s["text"] for s in proposal["sections"]}


def test_header_and_period_from_the_title() -> None:
    proposal = _read(report_docx())
    assert proposal["number"] == "15-BC/BDVĐU"
    assert proposal["date"] == "2026-11-28"
    assert proposal["place"] == "Định Công"
    assert "PHƯỜNG ĐỊNH CÔNG" in proposal["unit"]
    # The month reviewed, not the December the report prepares.
    assert proposal["period"] == "2026-11"
    start, end = proposal["spans"]["period"][0]
    assert proposal["text"][start:end] == "tháng 11 năm 2026"


def test_roman_sections_and_their_subsections() -> None:
    proposal = _read(report_docx())
    texts = _sections(proposal)
    assert texts["tinh_hinh"].startswith("Nhân dân trong phường phấn khởi")
    assert "1. Công tác lãnh đạo, chỉ đạo" in texts["ket_qua"]
    assert "trao 318 suất quà" in texts["ket_qua"]
    assert texts["danh_gia"].startswith("Công tác dân vận có nhiều chuyển biến")
    assert texts["phuong_huong"].startswith("Tiếp tục triển khai")
    assert texts["kien_nghi"].startswith("Đề nghị Ban Dân vận Quận ủy")
    # The preamble, the table, the appendix heading and the signature are no section's.
    whole = "\n".join(texts.values())
    for outside in ("báo cáo như sau", "Nơi nhận", "K/T TRƯỞNG BAN", "PHỤ LỤC", "Lũy kế"):
        assert outside not in whole
    ket_qua = next(s for s in proposal["sections"] if s["code"] == "ket_qua")
    assert len(ket_qua["subsections"]) == 3


def test_a_heading_is_placed_by_its_words_when_the_report_skips_a_section() -> None:
    body = [
        "I. TÌNH HÌNH NHÂN DÂN TRÊN ĐỊA BÀN",
        "Tình hình an ninh trật tự trên địa bàn phường ổn định.",
        "II. KẾT QUẢ THỰC HIỆN",
        "Tham gia tiếp 18 lượt công dân cùng UBND phường.",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 12 NĂM 2026",
        "Chuẩn bị tổng kết công tác Mặt trận năm 2026.",
        "IV. KIẾN NGHỊ",
        "Sớm công khai phương án thi công tuyến đường.",
    ]
    texts = _sections(_read(report_docx(body=body, table=False)))
    assert texts["phuong_huong"].startswith("Chuẩn bị tổng kết")
    assert texts["kien_nghi"].startswith("Sớm công khai")
    assert texts["danh_gia"] == ""  # no assessment written: nothing put there
    assert texts["ket_qua"].startswith("Tham gia tiếp 18 lượt")


def test_a_state_style_number_and_an_appendix_heading_that_is_not_phu_luc() -> None:
    header = ["ỦY BAN MTTQ VIỆT NAM PHƯỜNG ĐỊNH CÔNG", "Số: 27/BC-MTTQ", "BÁO CÁO",
              "Kết quả công tác dân vận tháng 11 năm 2026"]  # fmt: skip
    body = ["I. TÌNH HÌNH NHÂN DÂN", "Nhân dân phấn khởi.", "V. KIẾN NGHỊ",
            "Đề nghị mở lớp bồi dưỡng.", "BIỂU SỐ LIỆU"]  # fmt: skip
    proposal = _read(report_docx(header=header, body=body, table=False))
    assert proposal["number"] == "27/BC-MTTQ"
    assert _sections(proposal)["kien_nghi"] == "Đề nghị mở lớp bồi dưỡng."


def test_figures_from_prose_and_table_with_the_disagreement_flagged() -> None:
    proposal = _read(report_docx())
    figures = {f["indicator"]: f for f in proposal["figures"]}
    gifts = figures["QUA_SUAT"]
    assert gifts["value"] == "316"  # the table's value is preselected
    assert gifts["prose"] == ["318"] and gifts["table"] == "316"
    assert gifts["flag"] == "Số liệu trong lời văn (318) khác bảng (316)"
    # Prose and table agree: no flag; the «Lũy kế» column is not the month's figure.
    assert figures["TIEP_CONG_DAN"]["value"] == "45" and not figures["TIEP_CONG_DAN"]["flag"]
    assert figures["HOI_VIEN"]["value"] == "1250"
    assert figures["DON_NHAN"]["value"] == "12" and figures["DON_NHAN"]["source"] == "loi_van"
    # Both places of the flagged figure are marked in the text.
    marked = [proposal["text"][a:b] for a, b in proposal["spans"]["flag"]]
    assert marked == ["316", "318 suất quà"]


def test_a_table_row_is_matched_by_its_words() -> None:
    assert match_row("Suất quà trao tặng", INDICATORS).code == "QUA_SUAT"  # type: ignore[union-attr]
    assert match_row("Số hội viên", INDICATORS).code == "HOI_VIEN"  # type: ignore[union-attr]
    assert match_row("Chỉ tiêu", INDICATORS) is None


def test_paragraphs_without_a_heading_are_placed_by_their_words() -> None:
    body = [
        "Nhân dân phấn khởi, tin tưởng vào sự lãnh đạo của Đảng; tình hình an ninh ổn định.",
        "Tuy nhiên, việc nắm tình hình ở một số khu dân cư còn chậm, hạn chế do thiếu cán bộ.",
        "Thời gian tới, tiếp tục triển khai Quy chế dân chủ ở cơ sở trong tháng tới.",
        "Đề nghị Ban Dân vận Quận ủy mở lớp bồi dưỡng nghiệp vụ cho cán bộ phường.",
    ]
    proposal = _read(report_docx(body=body, table=False))
    texts = _sections(proposal)
    assert texts["tinh_hinh"].startswith("Nhân dân phấn khởi")
    assert texts["danh_gia"].startswith("Tuy nhiên")
    assert texts["phuong_huong"].startswith("Thời gian tới")
    assert texts["kien_nghi"].startswith("Đề nghị")
    assert len(proposal["spans"]["placed"]) == 4


def test_cue_words_break_a_tie() -> None:
    from danvan.textimport.report import outline

    two = [Section("danh_gia", "III. Đánh giá"), Section("phuong_huong", "IV. Phương hướng")]
    assert outline._cue("Tuy nhiên, còn hạn chế.", two) == "danh_gia"
    assert outline._cue("Tiếp tục vận động Nhân dân.", two) == "phuong_huong"
    assert outline._cue("Nhân dân đồng tình.", two) is None


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "trống"),
        ("Báo cáo tháng 11".encode(), "không phải tệp Word"),
        (b"%PDF-1.4 ...", "PDF"),
        (_zip({"word/document.xml": b"<not xml"}), "hỏng"),
    ],
)
def test_a_bad_file_is_refused_by_name(data: bytes, says: str, settings: object) -> None:
    with pytest.raises(ValidationError) as refused:
        _read(data)
    message = " ".join(refused.value.messages)
    assert "«bao-cao.docx»" in message and says in message


def test_a_file_too_large_is_refused(settings: object) -> None:
    settings.UPLOAD_MAX_MB = 0  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as refused:
        _read(report_docx())
    assert "«bao-cao.docx»" in " ".join(refused.value.messages)
