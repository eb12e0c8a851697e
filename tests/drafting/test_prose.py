"""Figures written as a report writes them: the seeds' sentences, comparisons, and nothing
said that the figures do not say."""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.drafting import prose
from danvan.lib.periods import parse

D = Decimal
TAM_DIEP_2021H1 = {
    "TIEP_CONG_DAN": D(117),
    "DON_NHAN": D(24),
    "DON_GIAI_QUYET": D(8),
    "QUA_SUAT": D(9081),
    "QUA_GIA_TRI": D("2811.7"),
    "CU_TRI": D(41236),
    "CU_TRI_DI_BAU": D(41215),
}


@pytest.mark.parametrize(
    ("numerator", "denominator", "written"),
    [
        (D(8), D(24), "8/24"),
        (D(1), D(3), "1/3"),
        (D(3), D(4), "3/4"),
        (D(12), D(24), "12/24"),
        (D(0), D(5), "0/5"),
        (D(1200), D(1500), "1.200/1.500"),
        (None, D(5), ""),
    ],
)
def test_ratio_never_pads_a_small_count(
    numerator: Decimal | None, denominator: Decimal, written: str
) -> None:
    assert prose.ratio_text(numerator, denominator) == written


@pytest.mark.parametrize(
    ("current", "base", "written"),
    [
        (D(5573), D(4949), "tăng 12,6% so với cùng kỳ năm trước"),
        (D(90), D(100), "giảm 10,0% so với cùng kỳ năm trước"),
        (D(117), D(117), "bằng cùng kỳ năm trước"),
        (D(100001), D(100000), "tương đương cùng kỳ năm trước"),
        (D(5), D(0), ""),
        (D(5), None, ""),
        (None, D(5), ""),
    ],
)
def test_change_says_increase_decrease_or_equal_and_nothing_without_a_base(
    current: Decimal | None, base: Decimal | None, written: str
) -> None:
    assert prose.change_text(current, base, "cùng kỳ năm trước") == written


def test_the_seed_figures_read_as_the_article_writes_them() -> None:
    (activity, election) = prose.figure_paragraphs(
        TAM_DIEP_2021H1, period=parse("2021H1"), subject="các xã, phường"
    )
    assert activity == (
        "Trong 6 tháng đầu năm 2021, các xã, phường đã tiếp 117 lượt công dân, đã giải quyết "
        "8/24 đơn đề nghị, kiến nghị, đạt 33,3%; tiếp nhận và chuyển 9.081 suất quà với tổng "
        "số tiền "
        "2.811,7 triệu đồng."
    )
    assert election == "Tỷ lệ cử tri đi bỏ phiếu đạt 99,95% (41.215/41.236 cử tri)."


def test_members_compared_with_the_same_period_last_year() -> None:
    last_year = prose.Comparison({"HOI_VIEN": D(4949)}, "cùng kỳ năm trước")
    (members,) = prose.figure_paragraphs(
        {"HOI_VIEN": D(5573), "CHI_HOI": D(126)},
        period=parse("2020H1"),
        subject="các phường",
        comparisons=[last_year],
    )
    assert members == (
        "Tính đến hết 6 tháng đầu năm 2020, các tổ chức hội có 5.573 hội viên (tăng 12,6% so "
        "với cùng kỳ năm trước), 126 chi hội."
    )


def test_both_comparisons_follow_the_figure_and_a_missing_one_is_left_out() -> None:
    comparisons = [
        prose.Comparison({"TIEP_CONG_DAN": D(100), "QUA_GIA_TRI": None}, "tháng trước"),
        prose.Comparison({"TIEP_CONG_DAN": D(130), "QUA_GIA_TRI": D(3000)}, "cùng kỳ năm trước"),
    ]
    clauses = prose.activity_clauses(
        {"TIEP_CONG_DAN": D(117), "QUA_SUAT": D(9081), "QUA_GIA_TRI": D("2811.7")}, comparisons
    )
    assert clauses == [
        "tiếp 117 lượt công dân (tăng 17,0% so với tháng trước, giảm 10,0% so với cùng kỳ "
        "năm trước)",
        "tiếp nhận và chuyển 9.081 suất quà với tổng số tiền 2.811,7 triệu đồng (giảm 6,3% "
        "so với cùng kỳ năm trước)",
    ]


def test_only_what_the_data_has_is_said() -> None:
    assert prose.figure_paragraphs({}, period=parse("2023-02"), subject="x") == []
    nothing = {code: None for code in prose.CODES}
    assert prose.figure_paragraphs(nothing, period=parse("2023-02"), subject="x") == []
    # Zero gifts and zero models are not news; received letters without a resolved count
    # are stated as received, never as a made-up ratio.
    (only,) = prose.figure_paragraphs(
        {"QUA_SUAT": D(0), "MO_HINH_DVK": D(0), "DON_NHAN": D(7)},
        period=parse("2023-02"),
        subject="phường",
    )
    assert only == "Trong tháng 2/2023, phường đã tiếp nhận 7 đơn đề nghị, kiến nghị."
    assert "suất quà" not in only and "mô hình" not in only


def test_models_of_the_dan_van_kheo_movement() -> None:
    assert prose.activity_clauses({"MO_HINH_DVK": D(12)}) == ["đăng ký 12 mô hình “Dân vận khéo”"]


@pytest.mark.parametrize(
    ("code", "labels"),
    [
        ("2023-02", ["tháng trước", "cùng kỳ năm trước"]),
        ("2023Q1", ["quý trước", "cùng kỳ năm trước"]),
        ("2023H1", ["6 tháng cuối năm 2022", "cùng kỳ năm trước"]),
        ("2023", ["năm trước"]),
    ],
)
def test_what_each_kind_of_period_is_compared_with(code: str, labels: list[str]) -> None:
    compared = prose.comparison_labels(parse(code))
    assert [label for _, label in compared] == labels
    if code == "2023-02":
        assert [p.code for p, _ in compared] == ["2023-01", "2022-02"]


@pytest.mark.parametrize(
    ("numerator", "denominator", "written"),
    [
        (D(209), D(318), "đạt 65,7%"),
        (D(8), D(24), "đạt 33,3%"),
        (D(24), D(24), "đạt 100,0%"),
        (D(0), D(0), ""),
        (None, D(5), ""),
    ],
)
def test_a_rate_is_written_once_with_one_decimal(
    numerator: Decimal | None, denominator: Decimal, written: str
) -> None:
    assert prose.rate_text(numerator, denominator) == written
