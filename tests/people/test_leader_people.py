"""A unit leader keeps its unit's people and positions (a new ward has someone to invite).

Before, the leader role had no people.manage: every one of these pages answered 403."""

from __future__ import annotations

from danvan.people.models import Person, Position
from tests.conftest import client_for


def _person(unit, name="Trần Văn Mới"):
    return {
        "full_name": name,
        "org_unit": unit.pk,
        "gender": "",
        "birth_year": "",
        "phone": "",
        "email": "",
        "note": "",
    }


def _position(unit, title="Chủ tịch Hội Cựu chiến binh phường"):
    return {
        "org_unit": unit.pk,
        "title": title,
        "term": "2025-2030",
        "start_date": "",
        "end_date": "",
        "is_primary": "on",
        "source": "",
    }


def test_leader_adds_a_person_and_a_position_in_its_ward(tree, cast):
    leader = client_for(cast.leader)
    response = leader.post("/quan-ly/can-bo/them/", _person(tree.mttq_dinh_cong))
    assert response.status_code == 302
    person = Person.objects.get(full_name="Trần Văn Mới")
    response = leader.post(f"/quan-ly/can-bo/{person.pk}/chuc-vu/them/", _position(tree.dinh_cong))
    assert response.status_code == 302
    assert Position.objects.get(person=person).org_unit == tree.dinh_cong


def test_leader_cannot_add_people_or_positions_in_another_ward(tree, cast, officials):
    leader = client_for(cast.leader)
    response = leader.post("/quan-ly/can-bo/them/", _person(tree.dai_kim))
    assert response.status_code == 200 and response.context["form"].errors["org_unit"]
    assert not Person.objects.filter(full_name="Trần Văn Mới").exists()
    ward = officials["ward"]
    response = leader.post(f"/quan-ly/can-bo/{ward.pk}/chuc-vu/them/", _position(tree.dai_kim))
    assert response.status_code == 200 and response.context["form"].errors["org_unit"]
    far = officials["tay_ho"]
    assert leader.get(f"/quan-ly/can-bo/{far.pk}/chuc-vu/them/").status_code == 404


def test_reporter_still_cannot_add_people(tree, cast):
    response = client_for(cast.reporter).post("/quan-ly/can-bo/them/", _person(tree.dinh_cong))
    assert response.status_code == 403
