"""The text import over underthesea (danvan/lib/vietnamese.py): sentence boundaries and
tone placement that keep offsets, and what they change in the extraction (our own
sentences, written the way portals write them)."""

from __future__ import annotations

import pytest

from danvan.lib.vietnamese import sentence_spans, tone_normalise
from danvan.textimport.extract import extract
from danvan.textimport.extract.text import normalise, sentences


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_abbreviations_and_degrees_do_not_end_a_sentence() -> None:
    text = (
        "Đồng chí TS. Nguyễn Văn An, Phó Chủ tịch UBND TP. Hà Nội dự hội nghị.  "
        "Bà Lê Thị Bình chủ trì."
    )
    assert _split(text) == [
        "Đồng chí TS. Nguyễn Văn An, Phó Chủ tịch UBND TP. Hà Nội dự hội nghị.",
        "Bà Lê Thị Bình chủ trì.",
    ]


def test_a_stop_without_a_space_is_inside_a_word() -> None:
    # underthesea alone cuts «UB.» from «MTTQ»; a boundary needs a space after it.
    assert _split("UB.MTTQ phường 7 họp. Hội nghị bế mạc.") == [
        "UB.MTTQ phường 7 họp.",
        "Hội nghị bế mạc.",
    ]


def test_a_line_break_ends_a_sentence_and_offsets_point_at_the_words() -> None:
    text = "Tiêu đề bài viết\n\n  Sáng 5/4, hội nghị khai mạc. Đại biểu thảo luận\nHết"
    pieces = sentences(text)
    assert [p.text for p in pieces] == [
        "Tiêu đề bài viết",
        "Sáng 5/4, hội nghị khai mạc.",
        "Đại biểu thảo luận",
        "Hết",
    ]
    assert all(text[p.start : p.end] == p.text for p in pieces)
    # A window inside the text: offsets stay those of the whole text.
    inner = sentences(text, text.index("Sáng"), text.index("Hết"))
    assert [text[p.start : p.end] for p in inner] == [
        "Sáng 5/4, hội nghị khai mạc.",
        "Đại biểu thảo luận",
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Quận uỷ Tây Hồ", "Quận ủy Tây Hồ"),
        ("Uỷ ban MTTQ, UỶ BAN", "Ủy ban MTTQ, ỦY BAN"),
        ("hoà giải ở cơ sở, toạ đàm, thuỷ lợi", "hòa giải ở cơ sở, tọa đàm, thủy lợi"),
        # Names keep their owner's spelling.
        ("bà Nguyễn Thị Thuý, tỉnh Hoà Bình", "bà Nguyễn Thị Thuý, tỉnh Hoà Bình"),
    ],
)
def test_tone_placement_in_common_words_only(written: str, expected: str) -> None:
    assert tone_normalise(written) == expected
    assert len(tone_normalise(written)) == len(written)


def test_the_stored_text_uses_one_placement() -> None:
    assert normalise("Chủ tịch Uỷ ban\u00a0MTTQ chủ toạ") == "Chủ tịch Ủy ban MTTQ chủ tọa"


def _lead(text: str) -> dict:
    return extract(f"Tin hoạt động\n\n{text}\n")


def test_a_degree_before_the_chair_s_name_keeps_the_chair() -> None:
    got = _lead(
        "Sáng 5/4/2024, Ban Dân vận Quận ủy Hoàng Mai tổ chức hội nghị giao ban công tác dân"
        " vận quý I/2024. Đồng chí TS. Nguyễn Văn An, Phó Bí thư Thường trực Quận ủy chủ trì"
        " hội nghị. Dự hội nghị có đồng chí Th.S. Phạm Văn Hoà, Phó Chủ tịch UBND quận."
    )
    assert got["chair_names"] == ["Nguyễn Văn An"]
    assert {"name": "Nguyễn Văn An", "position": "Phó Bí thư Thường trực Quận ủy"} in got[
        "officials"
    ]
    assert {"name": "Phạm Văn Hoà", "position": "Phó Chủ tịch UBND quận"} in got["officials"]


def test_a_dateline_is_not_a_name_and_a_position() -> None:
    got = _lead(
        "Hà Nội - Sáng 5/4/2024, Ban Dân vận Quận ủy Hoàng Mai tổ chức hội nghị giao ban quý"
        " I/2024. Dự có ông Trần Văn Bình, Trưởng Ban Dân vận Quận ủy."
    )
    assert [o["name"] for o in got["officials"]] == ["Trần Văn Bình"]


def test_old_style_marks_and_abbreviated_units_in_the_lead() -> None:
    got = _lead(
        "Ngày 20/10/2022, tại Hội trường UBND P. Định Công, Đảng ủy phường tổ chức hội nghị sơ"
        " kết 9 tháng đầu năm 2022. Bà Nguyễn Thị Lan, Bí thư Đảng ủy phường chủ toạ hội nghị."
    )
    assert got["location"] == "Hội trường UBND P. Định Công"
    assert got["organizer"] == "Đảng ủy phường"
    assert got["chair_names"] == ["Nguyễn Thị Lan"]
    assert got["officials"] == [{"name": "Nguyễn Thị Lan", "position": "Bí thư Đảng ủy phường"}]
