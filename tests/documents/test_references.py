"""The reference parser, as a table: every form the issue names and every citation of
the seed articles."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from danvan.lib.references import find_references

# The five seed articles (shared/seeds), kept beside the test so it runs on any clone.
SEEDS = Path(__file__).resolve().parent / "seeds"

# text → (type, number, symbol, issuer, date) of each reference, in order
CASES = [
    ("Kế hoạch số 138-KH/QU ngày 31/01/2023", [("Kế hoạch", "138", "KH", "QU", "2023-01-31")]),
    (
        "Chỉ thị số 18-CT/TW ngày 26/10/2022 của Ban Bí thư",
        [("Chỉ thị", "18", "CT", "Ban Bí thư", "2022-10-26")],
    ),
    ("Quyết định số 290-QĐ/TW", [("Quyết định", "290", "QĐ", "TW", None)]),
    ("Công văn số 507-CV/QU", [("Công văn", "507", "CV", "QU", None)]),
    (
        "Quyết định 217, 218 của Bộ Chính trị",
        [
            ("Quyết định", "217", None, "Bộ Chính trị", None),
            ("Quyết định", "218", None, "Bộ Chính trị", None),
        ],
    ),
    ("Chỉ thị số 30 - CT/TW", [("Chỉ thị", "30", "CT", "TW", None)]),
    ("Số: 12/QĐ-UBND", [("Quyết định", "12", "QĐ", "UBND", None)]),
    ("249/MTTQ-BTT", [("Công văn", "249", None, "MTTQ-BTT", None)]),
    ("03-CTr/BDVTW-BCSĐCP", [("Chương trình", "03", "CTr", "BDVTW-BCSĐCP", None)]),
    (
        "Kết luận số 66, ngày 04/03/2010 của Ban Bí thư",
        [("Kết luận", "66", None, "Ban Bí thư", "2010-03-04")],
    ),
    # Unseen forms: a symbol implies the type; the long date; a Quy định written QĐi.
    ("theo 08-QĐi/TW", [("Quy định", "08", "QĐi", "TW", None)]),
    (
        "Hướng dẫn số 03-HD/BTGDVTU ngày 25 tháng 02 năm 2010",
        [("Hướng dẫn", "03", "HD", "BTGDVTU", "2010-02-25")],
    ),
    (
        "Nghị quyết số 09 của Bộ Chính trị (khóa IX)",
        [("Nghị quyết", "09", None, "Bộ Chính trị", None)],
    ),
    # State legal forms numbered with their year (issue 17 §4).
    (
        "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ",
        [("Nghị định", "59", "NĐ", "Chính phủ", "2023-08-14")],
    ),
    ("Luật số 10/2022/QH15", [("Luật", "10", None, "QH15", None)]),
    ("Thông tư 01/2021/TT-BNV", [("Thông tư", "01", "TT", "BNV", None)]),
    # A list sharing one suffix; a dash date; issuers written in full.
    (
        "Quyết định 217, 218-QĐ/TW",
        [("Quyết định", "217", "QĐ", "TW", None), ("Quyết định", "218", "QĐ", "TW", None)],
    ),
    (
        "Chỉ thị số 05-CT/TW ngày 30-7-2021",
        [("Chỉ thị", "05", "CT", "TW", "2021-07-30")],
    ),
    (
        "Nghị quyết số 43 của BCH Trung ương Đảng",
        [("Nghị quyết", "43", None, "BCH Trung ương Đảng", None)],
    ),
    (
        "Kết luận số 12 của Ban Chấp hành Đảng bộ tỉnh",
        [("Kết luận", "12", None, "Ban Chấp hành Đảng bộ tỉnh", None)],
    ),
    # Not references: counts before a type, a plain year, a programme without number.
    ("thực hiện có hiệu quả 07 Chương trình, 33 Đề án của Quận ủy năm 2023", []),
    ("Chương trình công tác năm 2023 của Ban", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_reference_forms(text, expected):
    found = [(r.type, r.number, r.symbol, r.issuer, r.date) for r in find_references(text)]
    assert found == expected


def test_every_citation_of_the_seeds():
    texts = {p.name[:3]: p.read_text() for p in sorted(SEEDS.glob("*.txt"))}
    cited = {
        key: [(r.type, r.number, r.symbol) for r in find_references(text)]
        for key, text in texts.items()
    }
    assert cited["000"] == [
        ("Công văn", "507", "CV"),
        ("Kế hoạch", "138", "KH"),
        ("Chỉ thị", "18", "CT"),
        ("Thông báo", "187", "TB"),
    ]
    assert cited["001"] == [
        ("Quyết định", "217", None),
        ("Quyết định", "218", None),
        ("Quyết định", "217", None),
        ("Quyết định", "218", None),
    ]
    assert set(cited["003"]) == {
        ("Quyết định", "290", "QĐ"),
        ("Quyết định", "209", "QĐ"),
        ("Kết luận", "66", "KL"),
        ("Chỉ thị", "43", "CT"),
        ("Kết luận", "66", None),
        ("Nghị quyết", "09", None),
        ("Kết luận", "114", None),
        ("Đề án", "212", None),
    }
    assert cited["002"] == [] and cited["004"] == []
    chi_thi_18 = find_references(texts["000"])[2]
    assert (chi_thi_18.issuer, chi_thi_18.date) == ("Ban Bí thư Trung ương Đảng", "2022-10-26")


def test_command_prints_one_json_object_per_reference(monkeypatch):
    monkeypatch.setattr(
        sys,
        "stdin",
        io.StringIO(
            "Kế hoạch số 138-KH/QU ngày 31/01/2023 thực hiện Quyết định 217, 218 của Bộ Chính trị"
        ),
    )
    out = io.StringIO()
    call_command("parse_references", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["number"] for r in rows] == ["138", "217", "218"]
    assert rows[0] == {
        "raw": "Kế hoạch số 138-KH/QU ngày 31/01/2023",
        "type": "Kế hoạch",
        "number": "138",
        "symbol": "KH",
        "issuer": "QU",
        "issuer_code": "QU",
        "date": "2023-01-31",
        "code": "138-KH/QU",
    }
    assert [r["code"] for r in rows[1:]] == ["217-QĐ/TW", "218-QĐ/TW"]


# text → the number-symbol as the house writes it, each reference in order
CODES = [
    ("Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ", ["59/2023/NĐ-CP"]),
    ("Luật số 10/2022/QH15", ["10/2022/QH15"]),
    ("Quyết định 217, 218-QĐ/TW", ["217-QĐ/TW", "218-QĐ/TW"]),
    ("Quyết định 217, 218 của Bộ Chính trị", ["217-QĐ/TW", "218-QĐ/TW"]),
    ("Nghị quyết số 43 của BCH Trung ương Đảng", ["43-NQ/TW"]),
    ("Kết luận số 12 của Ban Chấp hành Đảng bộ tỉnh", ["12-KL/TU"]),
    ("Chỉ thị số 30 - CT/TW", ["30-CT/TW"]),
    ("Số: 12/QĐ-UBND", ["12/QĐ-UBND"]),
    ("249/MTTQ-BTT", ["249/MTTQ-BTT"]),
    # A State body's document without its number-symbol stays as written.
    ("Quyết định 1234 của Thủ tướng Chính phủ", ["Quyết định 1234"]),
]


@pytest.mark.parametrize(("text", "expected"), CODES, ids=[c[0][:40] for c in CODES])
def test_reference_codes(text, expected):
    assert [r.code for r in find_references(text)] == expected


def test_issuers_in_full_resolve_to_their_codes():
    from danvan.lib.references import code_of

    assert code_of("BCH Trung ương Đảng") == "TW"
    assert code_of("Ban Chấp hành Đảng bộ tỉnh") == "TU"
    assert code_of("Chính phủ") == "CP"
    assert code_of("một cơ quan lạ") == ""
