"""The five seed articles as a regression: what each plainly states. The extractor is
written for articles in general (tests/textimport/test_extract.py); these guard it."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan.textimport.extract import extract

SEEDS = Path(__file__).resolve().parents[1] / "documents" / "seeds"

EXPECTED = {
    "000": ("2023-02-23", "giao_ban", "2023-02", []),
    "001": ("2022-10-06", "giao_ban", "2022Q3", ["Đinh Hồng Phong"]),
    "002": ("2021-07-02", "so_ket", "2021H1", ["Trần Thị Hồng Thanh"]),
    "003": ("2020-07-02", "tong_ket", "2020H1", []),
    "004": ("2020-01-13", "tong_ket", "2019", []),
}


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8")


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_meeting(prefix: str) -> None:
    found = extract(_seed(prefix))
    date, kind, period, chairs = EXPECTED[prefix]
    assert (found["meeting_date"], found["meeting_kind"], found["period_covered"]) == (
        date,
        kind,
        period,
    )
    assert found["chair_names"] == chairs


def test_seed_002_figures_and_venue() -> None:
    found = extract(_seed("002"))
    assert found["location"] == "phòng Hội thảo Nhà văn hóa thành phố"
    mapped = {(f["indicator"], f["value"]) for f in found["figures"]}
    assert {("QUA_SUAT", "9081"), ("QUA_GIA_TRI", "2811.7"), ("TIEP_CONG_DAN", "117")} <= mapped


def test_seed_003_guests_and_their_positions() -> None:
    found = extract(_seed("003"))
    positions = {o["name"]: o["position"] for o in found["officials"]}
    assert positions["Phạm Hải Hoa"] == "TUV, Phó Trưởng Ban Thường trực Ban Dân vận Thành ủy"
    assert positions["Trần Quang Đạo"] == "UVBTV, Chủ tịch UB MTTQ quận"
    assert {"290-QĐ/TW", "66-KL/TW", "43-CT/TW"} <= set(found["documents_cited"])
    assert found["organizer"] == "Quận ủy Tây Hồ"


def test_seed_004_awards_by_group() -> None:
    found = extract(_seed("004"))
    assert [(a["kind"], a["count"]) for a in found["awards"]] == [
        ("collective", 10),
        ("individual", 6),
        ("collective", 9),
        ("individual", 5),
    ]
    assert found["officials"][0]["name"] == "Phạm Thị Út"
