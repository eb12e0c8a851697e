from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.access.system import SYSTEM
from danvan.people.models import Person
from danvan.people.selectors import person_search
from danvan.people.services import person_create, position_create


@pytest.mark.parametrize(
    "query",
    ["khuong quoc hung", "Khương Quốc Hưng", "KHUONG QUOC", "quốc hưng", "  khuong   quoc  hung "],
)
def test_people_search_ignores_marks_case_and_spaces(tree, cast, officials, query):
    found = list(person_search(user=cast.board, q=query))
    assert [p.full_name for p in found] == ["Khương Quốc Hưng"]


def test_search_folds_d_bar(tree, cast, officials):
    assert [p.full_name for p in person_search(user=cast.admin, q="dao")] == [
        "Nguyễn Thị Đào",
        "Trần Quang Đạo",
    ]


def test_search_finds_expanded_abbreviations_in_titles(tree, cast, officials):
    found = person_search(user=cast.board, q="uy vien ban thuong vu")
    assert [p.full_name for p in found] == ["Khương Quốc Hưng"]


def test_search_stays_in_scope(tree, cast, officials):
    assert not person_search(user=cast.reporter, q="khuong quoc hung").exists()
    assert [p.full_name for p in person_search(user=cast.reporter, q="")] == ["Nguyễn Thị Đào"]


def test_position_keeps_title_as_written(tree, officials):
    position = officials["hung"].positions.get()
    assert position.title == "UVTV, Trưởng Ban Dân vận Quận ủy"
    assert position.title_expanded == "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Quận ủy"


def test_position_dates_out_of_order_are_refused(tree):
    person = person_create(actor=SYSTEM, org_unit=tree.dinh_cong, full_name="Lê Văn A")
    with pytest.raises(ValidationError) as info:
        position_create(
            actor=SYSTEM,
            person=person,
            org_unit=tree.dinh_cong,
            title="Bí thư Đảng ủy phường",
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2024, 1, 1),
        )
    assert "01/01/2024" in info.value.message_dict["end_date"][0]
    assert not person.positions.exists()


def test_blank_name_is_refused(tree):
    with pytest.raises(ValidationError) as info:
        person_create(actor=SYSTEM, org_unit=tree.dinh_cong, full_name="   ")
    assert "Họ và tên" in info.value.message_dict["full_name"][0]
    assert not Person.objects.exists()
