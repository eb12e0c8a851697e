"""The article extractor on sentences written the way Party and Front portals write them
(none taken from the seeds: the seeds are checked separately, as a regression)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from danvan.textimport.extract import KEYS, extract
from danvan.textimport.extract.text import normalise


def article(
    lead: str, *, headline: str = "Tin hoạt động", published: str = "", body: str = ""
) -> str:
    head = f"{headline}\n{published}\n" if published else f"{headline}\n"
    filler = (
        " Các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết, trách nhiệm vào báo cáo"
        " và thống nhất với phương hướng, nhiệm vụ đã đề ra."
    )
    return f"{head}\n{lead}{filler}\n\n{body}\n"


@pytest.mark.parametrize(
    ("lead", "published", "expected"),
    [
        (
            "Chiều 13/1, Ban Dân vận Huyện ủy tổ chức hội nghị tổng kết công tác dân vận năm 2024.",
            "",
            "2025-01-13",
        ),
        ("Sáng 5-4, Ủy ban MTTQ phường tổ chức hội nghị giao ban quý I/2024.", "", "2024-04-05"),
        (
            "Chiều 6.10, Hội Nông dân huyện tổ chức hội nghị sơ kết 9 tháng đầu năm 2021.",
            "",
            "2021-10-06",
        ),
        ("Ngày 13 tháng 10 năm 2017, Đảng ủy xã tổ chức hội nghị.", "", "2017-10-13"),
        ("Ngày 23/02/2023, Ban Dân vận Thị ủy tổ chức giao ban tháng 2.", "", "2023-02-23"),
        # The year from the publication line: the meeting comes before the article.
        (
            "Sáng 28/12, Ban Dân vận Tỉnh ủy tổ chức hội nghị giao ban.",
            "Ngày đăng 05/01/2024 | 08:00",
            "2023-12-28",
        ),
    ],
)
def test_meeting_date_in_the_ways_it_is_written(lead: str, published: str, expected: str) -> None:
    assert extract(article(lead, published=published))["meeting_date"] == expected


def test_a_page_timestamp_is_not_the_meeting_date_and_a_date_in_parentheses_is_not_either() -> None:
    text = article(
        "Chiều 2/7, Thành ủy tổ chức hội nghị kỷ niệm ngày thành lập (25/11/2003 - 25/11/2023).",
        published="Cập nhật: 04/07/2022 10:15",
    )
    assert extract(text)["meeting_date"] == "2022-07-02"
    undated = article("Ban Dân vận Huyện ủy vừa tổ chức hội nghị giao ban công tác dân vận.")
    assert extract(undated)["meeting_date"] is None


def test_a_date_after_a_document_number_is_not_the_meeting() -> None:
    lead = (
        "Thực hiện Kế hoạch số 138-KH/QU ngày 31/01/2023 của Quận ủy, chiều 15/3/2023 Ban Dân"
        " vận Quận ủy tổ chức hội nghị."
    )
    assert extract(article(lead))["meeting_date"] == "2023-03-15"


@pytest.mark.parametrize(
    ("lead", "headline", "kind"),
    [
        (
            "Sáng 5/4/2024, Ban Dân vận tổ chức lớp bồi dưỡng nghiệp vụ công tác dân vận cho "
            "cán bộ cơ sở.",
            "Tin hoạt động",
            "tap_huan",
        ),
        (
            "Sáng 5/4/2024, Ban Dân vận tổ chức tọa đàm về vai trò của người có uy tín.",
            "Tin hoạt động",
            "hoi_thao",
        ),
        (
            "Sáng 5/4/2024, tại phòng Hội thảo của Huyện ủy, Ban Dân vận tổ chức hội nghị sơ "
            "kết 6 tháng đầu năm.",
            "Tin",
            "so_ket",
        ),
        (
            "Sáng 5/4/2024, Huyện ủy tổ chức hội nghị quán triệt, triển khai Chỉ thị 18-CT/TW.",
            "Tin",
            "trien_khai",
        ),
        # The body wins over the headline.
        (
            "Sáng 5/1/2024, Ban Dân vận tổ chức hội nghị tổng kết công tác năm 2023.",
            "Giao ban khối dân vận",
            "tong_ket",
        ),
    ],
)
def test_meeting_kind(lead: str, headline: str, kind: str) -> None:
    assert extract(article(lead, headline=headline))["meeting_kind"] == kind


@pytest.mark.parametrize(
    ("lead", "period"),
    [
        (
            "Ngày 6/10/2022, Quận ủy tổ chức giao ban 9 tháng đầu năm 2022, triển khai nhiệm "
            "vụ quý IV.",
            "2022Q3",
        ),
        ("Ngày 6/10/2022, Ban Dân vận tổ chức giao ban quý III/2022.", "2022Q3"),
        ("Ngày 5/5/2022, Ban Dân vận tổ chức giao ban 4 tháng đầu năm 2022.", "2022-01..2022-04"),
        (
            "Chiều 2/7, Thành ủy tổ chức hội nghị sơ kết 6 tháng đầu năm, triển khai phương "
            "hướng, nhiệm vụ 6 tháng cuối năm 2021.",
            "2021H1",
        ),
        (
            "Chiều 13/1, Quận ủy tổ chức hội nghị tổng kết công tác dân vận năm 2019, triển "
            "khai nhiệm vụ năm 2020.",
            "2019",
        ),
        (
            "Sáng 10/5/2019, Ban Dân vận tổ chức hội nghị tổng kết giai đoạn 2014–2018.",
            "2014..2018",
        ),
        (
            "Ngày 23/02/2023, Ban Dân vận tổ chức hội nghị đánh giá kết quả công tác tháng 2 "
            "và triển khai nhiệm vụ công tác tháng 3 năm 2023.",
            "2023-02",
        ),
        # A two-digit month before «/year» (read as January before: the demo's own article).
        ("Sáng 3/12/2026, Ủy ban MTTQ phường tổ chức giao ban tháng 11/2026.", "2026-11"),
        ("Ngày 2/4/2024, Ban Dân vận tổ chức giao ban công tác dân vận tháng 3/2024.", "2024-03"),
    ],
)
def test_period_covered_is_the_reviewed_one_not_the_next(lead: str, period: str) -> None:
    assert extract(article(lead))["period_covered"] == period


def test_chairs_are_only_those_said_to_chair() -> None:
    lead = (
        "Sáng 5/4/2024, Ban Dân vận Huyện ủy tổ chức hội nghị giao ban. Đồng chí Lê Văn Tám,"
        " Phó Bí thư Thường trực Huyện ủy dự và chỉ đạo hội nghị. Đồng chí Phạm Thị Lan -"
        " Trưởng Ban Dân vận Huyện ủy chủ trì hội nghị. Đồng chí Ngô Minh Đức, Chủ tịch Ủy ban"
        " MTTQ huyện phát biểu kết luận."
    )
    found = extract(article(lead))
    assert found["chair_names"] == ["Phạm Thị Lan"]
    names = {o["name"]: o["position"] for o in found["officials"]}
    assert names == {
        "Lê Văn Tám": "Phó Bí thư Thường trực Huyện ủy",
        "Phạm Thị Lan": "Trưởng Ban Dân vận Huyện ủy",
        "Ngô Minh Đức": "Chủ tịch Ủy ban MTTQ huyện",
    }


def test_title_first_and_co_chairs() -> None:
    lead = (
        "Chiều 6/10/2022, Phó Bí thư Thường trực Quận ủy Hoàng Mai Nguyễn Quang Hiếu và Chủ tịch"
        " Ủy ban MTTQ quận Trần Thị Nga đồng chủ trì hội nghị đối thoại với Nhân dân."
    )
    found = extract(article(lead))
    assert found["chair_names"] == ["Nguyễn Quang Hiếu", "Trần Thị Nga"]
    positions = {o["name"]: o["position"] for o in found["officials"]}
    assert positions["Nguyễn Quang Hiếu"] == "Phó Bí thư Thường trực Quận ủy Hoàng Mai"


def test_shared_positions_and_no_ranks_in_names() -> None:
    body = (
        "Dự hội nghị có các đồng chí Đỗ Văn Chiến, Hầu A Lềnh, Bùi Thị Minh Hoài - Ủy viên"
        " Trung ương Đảng; đồng chí Thượng tướng Trần Quang Phương, Phó Chủ tịch Quốc hội;"
        " đồng chí TS. Nguyễn Thị Hà - Phó Trưởng Ban Dân vận Trung ương."
    )
    found = extract(article("Sáng 5/4/2024, Ban Dân vận Trung ương tổ chức hội nghị.", body=body))
    positions = {o["name"]: o["position"] for o in found["officials"]}
    for name in ("Đỗ Văn Chiến", "Hầu A Lềnh", "Bùi Thị Minh Hoài"):
        assert positions[name] == "Ủy viên Trung ương Đảng"
    assert positions["Trần Quang Phương"] == "Phó Chủ tịch Quốc hội"
    assert positions["Nguyễn Thị Hà"] == "Phó Trưởng Ban Dân vận Trung ương"
    assert not any("tướng" in n or "TS" in n for n in positions)


def test_documents_are_normalised() -> None:
    body = (
        "Hội nghị quán triệt Chỉ thị số 30 - CT/TW, Quyết định 217, 218 của Bộ Chính trị và"
        " Công văn 249/MTTQ-BTT của Ban Thường trực."
    )
    found = extract(article("Sáng 5/4/2024, Huyện ủy tổ chức hội nghị.", body=body))
    assert {"30-CT/TW", "217-QĐ/TW", "218-QĐ/TW", "249/MTTQ-BTT"} <= set(found["documents_cited"])


def test_awards_one_per_group_households_are_not_awards_body_beats_headline() -> None:
    body = (
        "Dịp này, Ủy ban nhân dân huyện tặng Giấy khen cho 12 tập thể, 8 cá nhân có thành tích"
        " xuất sắc; 35 hộ gia đình được biểu dương là gia đình văn hóa tiêu biểu."
    )
    found = extract(
        article(
            "Sáng 5/1/2024, Huyện ủy tổ chức hội nghị tổng kết.",
            headline="Khen thưởng 20 tập thể và cá nhân điển hình",
            body=body,
        )
    )
    assert [(a["kind"], a["count"]) for a in found["awards"]] == [
        ("collective", 12),
        ("individual", 8),
    ]
    assert found["awards"][0]["form"] == "Giấy khen"


def test_figures_map_to_indicators_and_counters_are_not_figures() -> None:
    body = (
        "Trong năm, các tổ chức đã trao 1.250 suất quà trị giá 625,5 triệu đồng cho hộ nghèo;"
        " tiếp 86 lượt công dân, đã giải quyết 14/20 đơn.\nLượt xem: 1.024\n"
    )
    found = extract(
        article(
            "Sáng 5/1/2024, Huyện ủy tổ chức hội nghị tổng kết.",
            published="Ngày đăng 06/01/2024",
            body=body,
        )
    )
    mapped = {(f["indicator"], f["value"]) for f in found["figures"]}
    assert {("QUA_SUAT", "1250"), ("QUA_GIA_TRI", "625.5"), ("TIEP_CONG_DAN", "86")} <= mapped
    assert {("DON_GIAI_QUYET", "14"), ("DON_NHAN", "20")} <= mapped
    assert not any("1.024" in f["text"] or f["value"] in ("2024", "1024") for f in found["figures"])


def test_a_figure_is_read_by_the_words_of_its_own_clause() -> None:
    body = (
        "Vận động ủng hộ Quỹ Vì người nghèo được 86,5 triệu đồng; trao 120 suất quà cho hộ"
        " nghèo với tổng trị giá 60 triệu đồng. Tham gia tiếp 18 lượt công dân; tiếp nhận 5"
        " đơn, đã giải quyết 4 đơn. Trao 300 suất, tổng trị giá 150 triệu đồng.\n"
    )
    found = extract(
        article("Sáng 5/1/2024, Huyện ủy tổ chức hội nghị tổng kết.", published="", body=body)
    )
    mapped = {(f["indicator"], f["value"]) for f in found["figures"]}
    assert {("QUA_GIA_TRI", "60"), ("QUA_SUAT", "120"), ("TIEP_CONG_DAN", "18")} <= mapped
    assert {("DON_NHAN", "5"), ("DON_GIAI_QUYET", "4"), ("QUA_GIA_TRI", "150")} <= mapped
    assert (None, "86.5") in mapped  # a fund raised is not the gifts' value
    assert ("DON_GIAI_QUYET", "5") not in mapped and ("DON_NHAN", "4") not in mapped


def test_every_field_carries_its_span() -> None:
    raw = article(
        "Chiều 2/7/2021, tại Hội trường Nhà văn hóa huyện, Ban Dân vận Huyện ủy tổ chức hội nghị"
        " sơ kết 6 tháng đầu năm. Đồng chí Lê Văn Tám, Bí thư Huyện ủy chủ trì hội nghị."
    )
    found = extract(raw)
    text = normalise(raw)
    spans = found["spans"]
    assert set(found) == {*KEYS, "spans"}
    a, b = spans["meeting_date"]
    assert text[a:b] == "Chiều 2/7/2021"
    a, b = spans["location"]
    assert text[a:b] == found["location"] == "Hội trường Nhà văn hóa huyện"
    a, b = spans["organizer"]
    assert text[a:b] == found["organizer"] == "Ban Dân vận Huyện ủy"
    a, b = spans["chair_names"][0]
    assert text[a:b] == "Lê Văn Tám"
    a, b = spans["period_covered"]
    assert text[a:b].startswith("6 tháng đầu năm")


def test_no_venue_when_none_is_stated() -> None:
    found = extract(
        article(
            "Sáng 2/7/2021, Ban Dân vận Huyện ủy tổ chức hội nghị. Tại hội nghị, các đại biểu "
            "thảo luận."
        )
    )
    assert found["location"] is None


def test_command_prints_one_json_object(tmp_path: Path) -> None:
    path = tmp_path / "bai.txt"
    path.write_text(
        article("Chiều 13/1/2020, Ban Dân vận Quận ủy tổ chức hội nghị tổng kết năm 2019."), "utf-8"
    )
    out = StringIO()
    call_command("import_article", str(path), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {*KEYS, "spans"}
    assert (data["meeting_date"], data["meeting_kind"], data["period_covered"]) == (
        "2020-01-13",
        "tong_ket",
        "2019",
    )


def test_command_refuses_what_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "anh.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(CommandError, match="không phải văn bản UTF-8"):
        call_command("import_article", str(path), "--json", stdout=StringIO())
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("import_article", str(tmp_path / "khong-co.txt"), stdout=StringIO())


def test_nul_bytes_and_control_characters_do_not_break_it() -> None:
    found = extract(
        "Tin\x00\n\nChiều 13/1/2020,\x07 Ban Dân vận tổ chức hội nghị tổng kết năm 2019 và "
        "nhiều nội dung khác nữa.\n"
    )
    assert found["meeting_date"] == "2020-01-13"


def test_degrees_compound_family_names_and_bodies_named_after_people() -> None:
    body = (
        "Đến dự có PGS.TS Lương Văn Hòa, Phó Giám đốc Học viện Chính trị khu vực I; bà Tôn Nữ"
        " Thu Hằng, Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Dân vận Huyện ủy; ThS Đặng Văn"
        " Tuấn, Phó Hiệu trưởng trường Chính trị Trần Phú; đồng chí Hà Thị Lệ, Bí thư T.Ư Đoàn."
    )
    found = extract(article("Sáng 5/4/2024, Huyện ủy tổ chức khai giảng lớp bồi dưỡng.", body=body))
    positions = {o["name"]: o["position"] for o in found["officials"]}
    assert positions["Lương Văn Hòa"] == "Phó Giám đốc Học viện Chính trị khu vực I"
    assert positions["Tôn Nữ Thu Hằng"].endswith("Trưởng Ban Dân vận Huyện ủy")
    assert positions["Đặng Văn Tuấn"] == "Phó Hiệu trưởng trường Chính trị Trần Phú"
    assert positions["Hà Thị Lệ"] == "Bí thư T.Ư Đoàn"
    assert "Trần Phú" not in positions


def test_a_preamble_before_the_lead_and_a_year_written_elsewhere() -> None:
    text = (
        "Tổng kết công tác Mặt trận năm 2023\n\n"
        "Thực hiện chương trình công tác của Ủy ban MTTQ Việt Nam huyện khóa XV, nhiệm kỳ"
        " 2024 - 2029 đã được thông qua.\n\n"
        "Sáng 18/12, Ban Thường trực Ủy ban MTTQ Việt Nam huyện tổ chức hội nghị tổng kết"
        " công tác Mặt trận năm 2023. Hội nghị diễn ra trong hai ngày (18-19/12/2023) với"
        " nhiều tham luận.\n"
    )
    found = extract(text)
    assert found["meeting_date"] == "2023-12-18"
    assert found["organizer"] == "Ban Thường trực Ủy ban MTTQ Việt Nam huyện"
    assert found["period_covered"] == "2023"


def test_organizer_is_who_held_it_not_its_partners() -> None:
    lead = (
        "Sáng 20/8/2024, UB.MTTQ Việt Nam phường 7 phối hợp với Hội Liên hiệp Phụ nữ phường tổ"
        " chức chương trình trao quà cho hộ nghèo."
    )
    assert extract(article(lead))["organizer"] == "UB.MTTQ Việt Nam phường 7"


def test_titles_with_du_khuyet_and_organizers_listing_levels() -> None:
    lead = (
        "Chiều ngày 28/12/2022, tại thành phố Cam Ranh, Khối thi đua Ban Dân vận các huyện,"
        " thị, thành ủy của tỉnh đã tổ chức hội nghị tổng kết công tác thi đua năm 2022. Tham"
        " dự có ông Võ Văn Sơn – Ủy viên dự khuyết Trung ương Đảng, Bí thư Tỉnh ủy."
    )
    found = extract(article(lead))
    assert found["organizer"] == "Khối thi đua Ban Dân vận các huyện, thị, thành ủy của tỉnh"
    assert found["location"] == "thành phố Cam Ranh"
    assert found["officials"][0]["position"] == "Ủy viên dự khuyết Trung ương Đảng, Bí thư Tỉnh ủy"


def test_chair_named_after_the_word_stops_at_the_next_role() -> None:
    lead = (
        "Sáng 28/6/2024, Ủy ban MTTQ Việt Nam xã Phú Lâm tổ chức hội nghị sơ kết 6 tháng đầu"
        " năm. Chủ trì hội nghị là ông Lê Văn Bảy – Phó Bí thư Đảng ủy, Chủ tịch Ủy ban MTTQ"
        " xã, thư ký là bà Ngô Thị Hoa, cán bộ Mặt trận xã."
    )
    assert extract(article(lead))["chair_names"] == ["Lê Văn Bảy"]
    also = (
        "Sáng 3/7/2024, Huyện ủy tổ chức hội nghị. Dự, chủ trì hội nghị có đồng chí Vi Văn"
        " Hùng, Bí thư Huyện ủy."
    )
    assert extract(article(also))["chair_names"] == ["Vi Văn Hùng"]


def test_a_meeting_reviewing_a_period_without_a_kind_word_is_that_period_s_review() -> None:
    half = extract(
        article(
            "Ngày 5/7/2024, Hội Nông dân huyện tổ chức hội nghị đánh giá công tác hội 6 tháng"
            " đầu năm 2024 với sự tham dự của nhiều đại biểu."
        )
    )
    assert (half["meeting_kind"], half["period_covered"]) == ("so_ket", "2024H1")
    plain = extract(article("Ngày 5/7/2024, Hội Nông dân huyện tổ chức buổi gặp mặt hội viên."))
    assert plain["meeting_kind"] == "other"
