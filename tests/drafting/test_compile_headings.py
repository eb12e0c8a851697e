"""The heading, number line, date and signature an issuer gets (danvan.drafting.headings)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from danvan.access.system import SYSTEM
from danvan.documents.issuing import numbering_configure
from danvan.drafting import headings
from danvan.drafting.context import CONCLUSIONS_NOTICE, INVITATION, MINUTES, REPORT
from danvan.org.models import OrganisationKind, OrgUnit, UnitKind
from tests.drafting.conftest import District
from tests.factories import OrganisationKindFactory, OrgLevelFactory, OrgUnitFactory, make_person

ON = dt.date(2023, 3, 3)


def _heading(unit: OrgUnit, kind: str = REPORT, on: dt.date = ON) -> Any:
    return headings.heading_for(headings.describe(unit), kind=kind, on=on)


def _signature(unit: OrgUnit) -> tuple[str, str, str]:
    signature = headings.signature_for(headings.describe(unit), user=SYSTEM)
    return signature.authority, signature.title, signature.name


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (dt.date(2023, 2, 3), "ngày 03 tháng 02 năm 2023"),
        (dt.date(2010, 2, 25), "ngày 25 tháng 02 năm 2010"),
        (dt.date(2018, 4, 3), "ngày 03 tháng 4 năm 2018"),
        (dt.date(2023, 1, 31), "ngày 31 tháng 01 năm 2023"),
        (dt.date(2023, 12, 9), "ngày 09 tháng 12 năm 2023"),
    ],
)
def test_date_pads_days_below_ten_and_the_first_two_months(day: dt.date, written: str) -> None:
    assert headings.vietnamese_date(day) == written


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (REPORT, "Báo cáo"),
        (INVITATION, "Giấy mời"),
        (MINUTES, "Biên bản"),
        (CONCLUSIONS_NOTICE, "Thông báo"),
    ],
)
def test_each_kind_is_a_type_of_the_register(db: Any, kind: str, name: str) -> None:
    assert headings.doc_type_for(kind).name == name


def test_an_unknown_kind_has_no_type(db: Any) -> None:
    with pytest.raises(ValidationError):
        headings.doc_type_for("cong_van")


def test_party_board_of_a_district(district: District) -> None:
    heading = _heading(district.board, INVITATION)
    # Hướng dẫn 36: an advisory body under its committee ("TỈNH ỦY KIÊN GIANG / VĂN PHÒNG").
    assert (heading.superior, heading.issuer) == ("QUẬN ỦY HOÀNG MAI", "BAN DÂN VẬN")
    assert heading.number_line == "Số 01-GM/BDVQU"
    # Dated from its seat, the district, by its name without «Quận».
    assert heading.place_date == "Hoàng Mai, ngày 03 tháng 3 năm 2023"


def test_without_numbering_the_number_is_left_blank_and_the_place_is_the_seat(
    district: District,
) -> None:
    district.numbering.delete()
    heading = _heading(district.board)
    assert heading.style == "party"  # a Ban Dân vận is a Party body
    assert heading.number_line == "Số    -BC/BDVQU"
    assert heading.place_date == "Hoàng Mai, ngày 03 tháng 3 năm 2023"


def test_front_numbering_gives_the_state_layout(district: District) -> None:
    numbering_configure(
        actor=SYSTEM,
        org_unit=district.mttq_dinh_cong,
        style="front",
        issuer_code="MTTQ-BTT",
        place_name="Hà Nội",
    )
    heading = _heading(district.mttq_dinh_cong)
    assert heading.style == "state"
    assert heading.superior == ""
    assert heading.issuer == "ỦY BAN MTTQ VIỆT NAM\nPHƯỜNG ĐỊNH CÔNG"
    assert heading.number_line == "Số: 01/BC-MTTQ-BTT"
    assert _signature(district.mttq_dinh_cong) == ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "")


def test_a_people_committee_without_numbering(district: District) -> None:
    government = OrganisationKindFactory(
        code="chinh-quyen", name="Chính quyền (UBND)", short_name="UBND"
    )
    ubnd = OrgUnitFactory(
        name="Ủy ban nhân dân phường Đại Kim",
        code="HN-HM-DAIKIM-UBND",
        parent=district.dai_kim,
        level=district.dai_kim.level,
        kind=district.ccb_dai_kim.kind,
        organisation_kind=government,
    )
    make_person(ubnd, "Trần Văn Bình", "Chủ tịch UBND phường")
    heading = _heading(ubnd)
    assert heading.issuer == "ỦY BAN NHÂN DÂN\nPHƯỜNG ĐẠI KIM"
    assert heading.number_line == "Số:    /BC-UBND"
    assert _signature(ubnd) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Bình")


def test_signature_names_the_deputy_head_or_the_head(district: District) -> None:
    assert _signature(district.board) == ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "")
    make_person(district.board, "Khương Quốc Hưng", "UVTV, Trưởng Ban Dân vận Quận ủy")
    # Only the head: he signs himself.
    assert _signature(district.board) == ("", "TRƯỞNG BAN", "Khương Quốc Hưng")
    make_person(district.board, "Nguyễn Thị Hoa", "Phó Trưởng Ban Dân vận Quận ủy")
    assert _signature(district.board) == ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Thị Hoa")


def test_a_committee_is_signed_on_behalf_of_its_standing_committee(district: District) -> None:
    assert _signature(district.quan_uy) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "")
    make_person(district.quan_uy, "Đinh Hồng Phong", "Phó Bí thư Thường trực Quận ủy")
    assert _signature(district.quan_uy) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Đinh Hồng Phong")


def test_a_provincial_city_and_its_board(db: Any) -> None:
    """Tam Điệp: a Thành ủy of a provincial city writes ThU (DOMAIN.md §1.1)."""
    province_level = OrgLevelFactory(code="tinh", name="Cấp tỉnh", rank=1)
    district_level = OrgLevelFactory(code="huyen", name="Cấp huyện", rank=2)
    province_kind = UnitKind.objects.create(code="tinh", name="Tỉnh")
    city_kind = UnitKind.objects.create(code="thanh-pho-thuoc-tinh", name="Thành phố thuộc tỉnh")
    body = UnitKind.objects.create(code="co-quan", name="Cơ quan, tổ chức", is_place=False)
    board_kind = OrganisationKind.objects.create(
        code="ban-dan-van", name="Ban Dân vận", is_coordinating_board=True
    )
    ninh_binh = OrgUnitFactory(
        name="Tỉnh Ninh Bình", code="NB", level=province_level, kind=province_kind
    )
    tam_diep = OrgUnitFactory(
        name="Thành phố Tam Điệp",
        code="NB-TD",
        parent=ninh_binh,
        level=district_level,
        kind=city_kind,
    )
    board = OrgUnitFactory(
        name="Ban Dân vận Thành ủy Tam Điệp",
        code="NB-TD-BDV",
        parent=tam_diep,
        level=district_level,
        kind=body,
        organisation_kind=board_kind,
    )
    heading = _heading(board, on=dt.date(2021, 7, 5))
    # No committee unit in this tree: its name is made of the word and the place.
    assert heading.superior == "THÀNH ỦY TAM ĐIỆP"
    assert heading.issuer == "BAN DÂN VẬN"
    assert heading.number_line == "Số    -BC/BDVThU"
    assert heading.place_date == "Tam Điệp, ngày 05 tháng 7 năm 2021"


@pytest.mark.parametrize(
    ("body", "place", "own"),
    [
        ("Ban Dân vận Quận ủy Hoàng Mai", "Quận Hoàng Mai", "Ban Dân vận Quận ủy"),
        ("Khối dân vận phường Định Công", "Phường Định Công", "Khối dân vận"),
        (
            "Ban Xây dựng Đảng Đảng ủy phường Hoàng Mai",
            "Phường Hoàng Mai",
            "Ban Xây dựng Đảng Đảng ủy",
        ),
        ("Ủy ban MTTQ phường Định Công", "Phường Định Công", "Ủy ban MTTQ"),
        ("Đảng ủy Phường 1", "Phường 1", "Đảng ủy"),
        ("Hội Chữ thập đỏ Thành phố Hà Nội", "Thành phố Hà Nội", "Hội Chữ thập đỏ"),
        (
            "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
            "Thành phố Hà Nội",
            "Ban Tuyên giáo và Dân vận Thành ủy",
        ),
        ("Hoàng Mai", "Quận Hoàng Mai", "Hoàng Mai"),
    ],
)
def test_a_bodys_own_name_is_its_name_without_the_place(body: str, place: str, own: str) -> None:
    assert headings.strip_place(body, OrgUnit(name=place)) == own


def test_a_ward_board_after_2025(district: District) -> None:
    """Since 1/7/2025 dân vận at ward level sits in the Ban Xây dựng Đảng of the Đảng ủy."""
    board = OrgUnitFactory(
        name="Ban Xây dựng Đảng Đảng ủy phường Đại Kim",
        code="HN-HM-DAIKIM-BXDD",
        parent=district.dai_kim,
        level=district.dai_kim.level,
        kind=district.ccb_dai_kim.kind,
        organisation_kind=district.board.organisation_kind,
    )
    heading = _heading(board)
    assert (heading.superior, heading.issuer) == (
        "ĐẢNG ỦY PHƯỜNG ĐẠI KIM",
        "BAN XÂY DỰNG ĐẢNG",
    )
    assert heading.number_line == "Số    -BC/BXDĐĐU"
