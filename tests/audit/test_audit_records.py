"""Every write leaves an audit entry naming who did it and what changed.

Writes go through the pages (session login) and the API (Bearer token: the actor is
learnt after auditlog's middleware has run, which is the path most likely to lose it).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from danvan.access.system import SYSTEM
from danvan.accounts.services import api_token_create
from danvan.org.models import OrgUnit, OrgUnitSuccession
from danvan.org.services import org_unit_update
from danvan.people.models import Person, Position
from danvan.people.services import person_update
from tests.helpers import person_form, position_form, unit_form

CREATE, UPDATE, DELETE = LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE


# --- helpers ---------------------------------------------------------------------------


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend="danvan.accounts.backends.DemoAwareBackend")
    return client


def entries_for(obj: Any) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(obj).order_by("id"))


def last_entry(obj: Any) -> LogEntry:
    entries = entries_for(obj)
    assert entries, f"no audit entry for {obj!r}"
    return entries[-1]


def is_blank(value: Any) -> bool:
    return value in (None, "None", "")


def assert_entry(entry: LogEntry, action: int, actor: Any) -> None:
    assert entry.action == action, entry.changes_dict
    assert entry.actor_id == actor.pk, f"actor {entry.actor} instead of {actor}"


def new_entries_since(marker: int) -> list[LogEntry]:
    """The writes recorded after ``marker`` (the logins of the clients are left out)."""
    entries = LogEntry.objects.filter(pk__gt=marker).exclude(action=LogEntry.Action.ACCESS)
    return list(entries.order_by("id"))


def marker() -> int:
    last = LogEntry.objects.order_by("-id").first()
    return last.pk if last else 0


# --- org units through the pages -------------------------------------------------------


def test_org_create_page_is_audited(tree, cast):
    response = login(cast.board).post(
        "/quan-ly/don-vi/them/",
        {
            "parent": tree.dai_kim.pk,
            "name": "Ủy ban MTTQ phường Đại Kim",
            "code": "HN-HM-DAIKIM-MTTQ",
            "level": tree.dai_kim.level_id,
            "kind": tree.mttq_dinh_cong.kind_id,
            "organisation_kind": tree.mttq_dinh_cong.organisation_kind_id,
            "valid_from": "2020-01-01",
            "valid_to": "",
            "note": "Thêm qua trang",
        },
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="HN-HM-DAIKIM-MTTQ")
    entry = last_entry(unit)
    assert_entry(entry, CREATE, cast.board)
    changes = entry.changes_dict
    assert is_blank(changes["name"][0])
    assert changes["name"][1] == "Ủy ban MTTQ phường Đại Kim"
    assert changes["code"][1] == "HN-HM-DAIKIM-MTTQ"
    assert changes["parent"][1] == str(tree.dai_kim.pk)
    assert changes["valid_from"][1] == "2020-01-01"
    assert changes["note"][1] == "Thêm qua trang"
    assert len(entries_for(unit)) == 1  # setting the path afterwards is not a second entry


def test_create_entry_records_only_the_units_own_fields(tree, cast):
    """Reverse relations (children, people, positions...) are not fields of the unit:
    they show as "people.Person.None" rows in the history panel."""
    entry = entries_for(tree.dai_kim)[0]
    own = {f.name for f in OrgUnit._meta.concrete_fields}
    assert set(entry.changes_dict) <= own, sorted(set(entry.changes_dict) - own)


def test_org_edit_page_is_audited(tree, cast):
    unit = tree.dai_kim
    response = login(cast.board).post(
        f"/quan-ly/don-vi/{unit.pk}/sua/",
        unit_form(unit, name="Phường Đại Kim (mới)", note="Đổi tên theo nghị quyết"),
    )
    assert response.status_code == 302
    entry = last_entry(unit)
    assert_entry(entry, UPDATE, cast.board)
    assert entry.changes_dict["name"] == ["Phường Đại Kim", "Phường Đại Kim (mới)"]
    assert entry.changes_dict["note"] == ["", "Đổi tên theo nghị quyết"]
    assert "code" not in entry.changes_dict  # unchanged fields are not listed
    assert entry.actor_email == cast.board.email


def test_org_move_page_is_audited(tree, cast):
    unit = tree.mttq_dinh_cong
    response = login(cast.board).post(
        f"/quan-ly/don-vi/{unit.pk}/chuyen/", {"new_parent": tree.dai_kim.pk}
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(pk=unit.pk).parent_id == tree.dai_kim.pk
    entry = last_entry(unit)
    assert_entry(entry, UPDATE, cast.board)
    assert entry.changes_dict["parent"] == [str(tree.dinh_cong.pk), str(tree.dai_kim.pk)]


def test_org_merge_page_is_audited(tree, cast):
    start = marker()
    response = login(cast.board).post(
        f"/quan-ly/don-vi/{tree.dinh_cong.pk}/sap-nhap/",
        {
            "target": tree.dai_kim.pk,
            "effective_date": "2025-07-01",
            "decision": "Nghị quyết số 1656/NQ-UBTVQH15",
        },
    )
    assert response.status_code == 302
    for closed in (tree.dinh_cong, tree.mttq_dinh_cong):  # the source and its subtree
        entry = last_entry(closed)
        assert_entry(entry, UPDATE, cast.board)
        assert is_blank(entry.changes_dict["valid_to"][0])
        assert entry.changes_dict["valid_to"][1] == "2025-06-30"
    link = OrgUnitSuccession.objects.get(predecessor=tree.dinh_cong, successor=tree.dai_kim)
    entry = last_entry(link)
    assert_entry(entry, CREATE, cast.board)
    assert entry.changes_dict["decision"][1] == "Nghị quyết số 1656/NQ-UBTVQH15"
    assert all(e.actor_id == cast.board.pk for e in new_entries_since(start))


def test_org_delete_and_restore_pages_are_audited(tree, cast):
    unit = tree.dai_kim
    client = login(cast.board)
    response = client.post(f"/quan-ly/don-vi/{unit.pk}/xoa/")
    assert response.status_code == 302
    row = OrgUnit.all_objects.get(pk=unit.pk)  # soft: the row is still there
    assert row.deleted_at is not None
    assert not OrgUnit.objects.filter(pk=unit.pk).exists()
    deleted = last_entry(unit)
    assert_entry(deleted, UPDATE, cast.board)
    assert is_blank(deleted.changes_dict["deleted_at"][0])
    assert not is_blank(deleted.changes_dict["deleted_at"][1])

    response = client.post(f"/quan-ly/don-vi/{unit.pk}/khoi-phuc/")
    assert response.status_code == 302
    assert OrgUnit.objects.get(pk=unit.pk).deleted_at is None
    restored = last_entry(unit)
    assert restored.pk != deleted.pk
    assert_entry(restored, UPDATE, cast.board)
    assert not is_blank(restored.changes_dict["deleted_at"][0])
    assert is_blank(restored.changes_dict["deleted_at"][1])


def test_admin_writes_are_audited_under_the_admin(tree, cast):
    response = login(cast.admin).post(
        f"/quan-ly/don-vi/{tree.buoi.pk}/sua/", unit_form(tree.buoi, note="Quản trị sửa")
    )
    assert response.status_code == 302
    entry = last_entry(tree.buoi)
    assert_entry(entry, UPDATE, cast.admin)
    assert entry.changes_dict["note"] == ["", "Quản trị sửa"]


def test_a_refused_write_leaves_no_entry(tree, cast):
    start = marker()
    response = login(cast.reporter).post(
        f"/quan-ly/don-vi/{tree.dinh_cong.pk}/sua/", unit_form(tree.dinh_cong, name="X")
    )
    assert response.status_code == 403
    response = login(cast.board).post(
        "/quan-ly/don-vi/them/",
        {
            "parent": tree.dai_kim.pk,
            "name": "Trùng mã",
            "code": "HN-HM-DINHCONG",
            "level": tree.dai_kim.level_id,
            "kind": tree.dai_kim.kind_id,
        },
    )
    assert response.status_code == 200  # the form shows the refusal
    assert "Mã đơn vị" in response.content.decode()
    assert new_entries_since(start) == []


# --- people and positions through the pages --------------------------------------------


def test_person_create_edit_delete_pages_are_audited(tree, cast):
    client = login(cast.board)
    response = client.post(
        "/quan-ly/can-bo/them/",
        {
            "full_name": "Ngô Thị Lan",
            "org_unit": tree.dai_kim.pk,
            "gender": "nu",
            "birth_year": "1982",
            "phone": "0912 345 678",
            "email": "lan@example.vn",
            "note": "",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Ngô Thị Lan")
    created = last_entry(person)
    assert_entry(created, CREATE, cast.board)
    assert is_blank(created.changes_dict["full_name"][0])
    assert created.changes_dict["full_name"][1] == "Ngô Thị Lan"
    assert created.changes_dict["org_unit"][1] == str(tree.dai_kim.pk)
    assert created.changes_dict["birth_year"][1] == "1982"

    response = client.post(
        f"/quan-ly/can-bo/{person.pk}/sua/", person_form(person, phone="0987 654 321")
    )
    assert response.status_code == 302
    edited = last_entry(person)
    assert_entry(edited, UPDATE, cast.board)
    assert edited.changes_dict["phone"] == ["0912 345 678", "0987 654 321"]

    response = client.post(f"/quan-ly/can-bo/{person.pk}/xoa/")
    assert response.status_code == 302
    assert Person.all_objects.get(pk=person.pk).deleted_at is not None
    deleted = last_entry(person)
    assert_entry(deleted, UPDATE, cast.board)
    assert is_blank(deleted.changes_dict["deleted_at"][0])
    assert not is_blank(deleted.changes_dict["deleted_at"][1])


def test_person_delete_audits_the_positions_too(tree, cast, officials):
    hung = officials["hung"]
    position = Position.objects.get(person=hung)
    response = login(cast.board).post(f"/quan-ly/can-bo/{hung.pk}/xoa/")
    assert response.status_code == 302
    entry = last_entry(position)
    assert_entry(entry, UPDATE, cast.board)
    assert not is_blank(entry.changes_dict["deleted_at"][1])


def test_position_create_edit_delete_pages_are_audited(tree, cast, officials):
    hung = officials["hung"]
    client = login(cast.board)
    response = client.post(
        f"/quan-ly/can-bo/{hung.pk}/chuc-vu/them/",
        {
            "org_unit": tree.hoang_mai.pk,
            "title": "Ủy viên BCH Đảng bộ quận",
            "term": "2020-2025",
            "start_date": "2020-10-01",
            "end_date": "",
            "is_primary": "",
            "source": "Quyết định 12-QĐ/QU",
        },
    )
    assert response.status_code == 302
    position = Position.objects.get(person=hung, title="Ủy viên BCH Đảng bộ quận")
    created = last_entry(position)
    assert_entry(created, CREATE, cast.board)
    assert created.changes_dict["title"][1] == "Ủy viên BCH Đảng bộ quận"
    assert created.changes_dict["person"][1] == str(hung.pk)
    assert created.changes_dict["start_date"][1] == "2020-10-01"

    response = client.post(
        f"/quan-ly/can-bo/chuc-vu/{position.pk}/sua/",
        position_form(position, title="UVBCH Đảng bộ quận", end_date="2025-06-30"),
    )
    assert response.status_code == 302
    edited = last_entry(position)
    assert_entry(edited, UPDATE, cast.board)
    assert edited.changes_dict["title"] == ["Ủy viên BCH Đảng bộ quận", "UVBCH Đảng bộ quận"]
    assert is_blank(edited.changes_dict["end_date"][0])
    assert edited.changes_dict["end_date"][1] == "2025-06-30"

    response = client.post(f"/quan-ly/can-bo/chuc-vu/{position.pk}/xoa/")
    assert response.status_code == 302
    assert Position.all_objects.get(pk=position.pk).deleted_at is not None
    deleted = last_entry(position)
    assert_entry(deleted, UPDATE, cast.board)
    assert not is_blank(deleted.changes_dict["deleted_at"][1])


# --- through the API: the actor is the token's user ------------------------------------


def _bearer(user: Any) -> dict[str, str]:
    _, raw = api_token_create(actor=SYSTEM, user=user, name="thử")
    return {"Authorization": f"Bearer {raw}"}


def test_api_create_is_audited_under_the_tokens_user(tree, cast):
    start = marker()
    response = Client().post(
        "/api/v1/org-units",
        data=json.dumps(
            {
                "parent_id": tree.dai_kim.pk,
                "name": "Tổ dân phố số 5",
                "code": "HN-HM-DAIKIM-TDP5",
                "level": "xa",
                "kind": "phuong",
                "note": "qua API",
            }
        ),
        content_type="application/json",
        headers=_bearer(cast.board),
    )
    assert response.status_code == 201, response.content
    unit = OrgUnit.objects.get(code="HN-HM-DAIKIM-TDP5")
    entry = last_entry(unit)
    assert_entry(entry, CREATE, cast.board)
    assert entry.actor_email == cast.board.email
    assert entry.changes_dict["name"][1] == "Tổ dân phố số 5"
    assert entry.changes_dict["parent"][1] == str(tree.dai_kim.pk)
    assert [e.actor_id for e in new_entries_since(start) if e.object_pk == str(unit.pk)] == [
        cast.board.pk
    ]


def test_api_patch_is_audited_under_the_tokens_user(tree, cast):
    headers = _bearer(cast.board)
    response = Client().patch(
        f"/api/v1/org-units/{tree.dai_kim.pk}",
        data=json.dumps({"name": "Phường Đại Kim (API)", "note": "sửa qua API"}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    entry = last_entry(tree.dai_kim)
    assert_entry(entry, UPDATE, cast.board)
    assert entry.changes_dict["name"] == ["Phường Đại Kim", "Phường Đại Kim (API)"]
    assert entry.changes_dict["note"] == ["", "sửa qua API"]

    response = Client().patch(
        f"/api/v1/org-units/{tree.mttq_dinh_cong.pk}",
        data=json.dumps({"parent_id": tree.dai_kim.pk}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    moved = last_entry(tree.mttq_dinh_cong)
    assert_entry(moved, UPDATE, cast.board)
    assert moved.changes_dict["parent"] == [str(tree.dinh_cong.pk), str(tree.dai_kim.pk)]


def test_api_actor_is_the_token_user_even_with_another_session(tree, cast):
    """A browser logged in as the administrator sends the board's token: the token wins,
    and the entry must say so (auditlog's middleware only knew the session user)."""
    client = login(cast.admin)
    response = client.patch(
        f"/api/v1/org-units/{tree.dai_kim.pk}",
        data=json.dumps({"note": "token thắng"}),
        content_type="application/json",
        headers=_bearer(cast.board),
    )
    assert response.status_code == 200, response.content
    assert_entry(last_entry(tree.dai_kim), UPDATE, cast.board)


def test_api_actor_does_not_leak_into_the_next_request(tree, cast):
    """After a Bearer request, a write with no request actor is the system's, not the board's."""
    Client().patch(
        f"/api/v1/org-units/{tree.dai_kim.pk}",
        data=json.dumps({"note": "một"}),
        content_type="application/json",
        headers=_bearer(cast.board),
    )
    org_unit_update(actor=SYSTEM, unit=OrgUnit.objects.get(pk=tree.dai_kim.pk), note="hai")
    entry = last_entry(tree.dai_kim)
    assert entry.changes_dict["note"] == ["một", "hai"]
    assert entry.actor_id is None


def test_api_refused_write_leaves_no_entry(tree, cast):
    start = marker()
    response = Client().patch(
        f"/api/v1/org-units/{tree.dinh_cong.pk}",
        data=json.dumps({"note": "không được"}),
        content_type="application/json",
        headers=_bearer(cast.reporter),
    )
    assert response.status_code == 403
    response = Client().post(
        "/api/v1/org-units",
        data=json.dumps(
            {
                "parent_id": tree.dai_kim.pk,
                "name": "Trùng",
                "code": "HN-HM-DINHCONG",
                "level": "xa",
                "kind": "phuong",
            }
        ),
        content_type="application/json",
        headers=_bearer(cast.board),
    )
    assert response.status_code == 400
    assert [e for e in new_entries_since(start) if e.content_type.model == "orgunit"] == []


# --- the audit page --------------------------------------------------------------------


@pytest.fixture
def history(tree, cast, officials) -> dict[str, Any]:
    """A few writes by different people, one of them dated January 2024."""
    org_unit_update(actor=cast.board, unit=tree.dai_kim, note="board sửa Đại Kim")
    org_unit_update(actor=cast.admin, unit=tree.buoi, note="admin sửa Bưởi")
    person_update(actor=cast.board, person=officials["hung"], phone="0243 000 111")
    old = last_entry(tree.buoi)
    LogEntry.objects.filter(pk=old.pk).update(
        timestamp=timezone.make_aware(dt.datetime(2024, 1, 15, 12, 0))
    )
    org_unit_update(
        actor=cast.admin, unit=OrgUnit.objects.get(pk=tree.buoi.pk), note="admin sửa Bưởi lần hai"
    )
    return {"old": old}


def audit_page(client: Client, **params: Any) -> tuple[Any, set[int]]:
    response = client.get("/quan-ly/nhat-ky/", params)
    assert response.status_code == 200, params
    found = {e.pk for e in response.context["page"].paginator.object_list}
    return response, found


def test_audit_page_shows_entries(tree, cast, history):
    response, found = audit_page(login(cast.admin))
    assert found == set(LogEntry.objects.values_list("pk", flat=True))
    content = response.content.decode()
    assert "Phường Bưởi" in content
    assert "admin sửa Bưởi" in content


def test_audit_page_is_for_administrators_only(tree, cast, history):
    for role in ("board", "viewer", "reporter", "editor", "stranger"):
        assert login(getattr(cast, role)).get("/quan-ly/nhat-ky/").status_code == 403, role


def test_audit_filter_by_content_type(tree, cast, history):
    client = login(cast.admin)
    _, everything = audit_page(client)
    person_type = ContentType.objects.get_for_model(Person)
    _, found = audit_page(client, content_type=person_type.pk)
    assert found
    assert found < everything
    assert set(LogEntry.objects.filter(pk__in=found).values_list("content_type", flat=True)) == {
        person_type.pk
    }


def test_audit_filter_by_action(tree, cast, history):
    client = login(cast.admin)
    _, everything = audit_page(client)
    _, found = audit_page(client, action=int(UPDATE))
    assert found and found < everything
    assert set(LogEntry.objects.filter(pk__in=found).values_list("action", flat=True)) == {UPDATE}
    _, created = audit_page(client, action=int(CREATE))
    assert created and not (created & found)


def test_audit_filter_by_actor(tree, cast, history):
    client = login(cast.admin)
    _, everything = audit_page(client)
    _, found = audit_page(client, actor="board")
    assert found and found < everything
    assert set(LogEntry.objects.filter(pk__in=found).values_list("actor", flat=True)) == {
        cast.board.pk
    }
    assert len(found) == 2  # the Đại Kim note and the phone number


def test_audit_filter_by_record(tree, cast, history):
    client = login(cast.admin)
    _, everything = audit_page(client)
    _, found = audit_page(client, q="Đại Kim")
    assert found and found < everything
    reprs = set(LogEntry.objects.filter(pk__in=found).values_list("object_repr", flat=True))
    assert reprs == {"Phường Đại Kim"}


def test_audit_filter_by_dates(tree, cast, history):
    client = login(cast.admin)
    _, everything = audit_page(client)
    old = history["old"].pk
    _, until = audit_page(client, date_to="2024-01-31")
    assert until == {old}
    _, since = audit_page(client, date_from="2024-02-01")
    assert since == everything - {old}
    _, on_the_day = audit_page(client, date_from="2024-01-15", date_to="2024-01-15")
    assert on_the_day == {old}
    _, before = audit_page(client, date_to="2024-01-14")
    assert before == set()


def test_audit_filters_combine(tree, cast, history):
    client = login(cast.admin)
    _, found = audit_page(client, actor="admin", q="Bưởi", date_from="2024-02-01")
    entries = LogEntry.objects.filter(pk__in=found)
    assert len(found) == 1
    entry = entries.get()
    assert entry.actor_id == cast.admin.pk
    assert entry.changes_dict["note"] == ["admin sửa Bưởi", "admin sửa Bưởi lần hai"]


# --- the history panel on the detail pages ---------------------------------------------


def test_history_panel_on_the_unit_page(tree, cast):
    client = login(cast.board)
    client.post(
        f"/quan-ly/don-vi/{tree.dai_kim.pk}/sua/",
        unit_form(tree.dai_kim, name="Phường Đại Kim (mới)"),
    )
    response = client.get(f"/quan-ly/don-vi/{tree.dai_kim.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Lịch sử thay đổi" in content
    assert "<del>Phường Đại Kim</del>" in content
    assert "<ins>Phường Đại Kim (mới)</ins>" in content
    assert str(cast.board) in content
    entries = [row.entry for row in response.context["history"]]
    assert entries[0].action == UPDATE and entries[0].actor_id == cast.board.pk


def test_history_panel_on_the_person_page(tree, cast, officials):
    hung = officials["hung"]
    client = login(cast.board)
    client.post(f"/quan-ly/can-bo/{hung.pk}/sua/", person_form(hung, phone="0243 999 888"))
    response = client.get(f"/quan-ly/can-bo/{hung.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Lịch sử thay đổi" in content
    assert "<ins>0243 999 888</ins>" in content
    assert str(cast.board) in content


def test_history_panel_shows_no_reverse_relation_noise(tree, cast):
    """The creation entry lists the unit's own fields, not "people.Person.None"."""
    response = login(cast.board).get(f"/quan-ly/don-vi/{tree.dai_kim.pk}/")
    content = response.content.decode()
    assert "Lịch sử thay đổi" in content
    assert ".None" not in content


@pytest.mark.django_db
def test_the_same_decimal_at_another_scale_is_no_change() -> None:
    from decimal import Decimal

    from danvan.reporting.models import Indicator

    indicator = Indicator.objects.create(code="TY_LE_THU", name="Tỷ lệ thử", factor=Decimal(100))
    entries = LogEntry.objects.get_for_object(indicator)
    assert entries.count() == 1  # created
    indicator.factor = Decimal(100)  # as an administrator types «100» for a 4-place column
    indicator.save()
    indicator.factor = 100
    indicator.save()
    assert entries.count() == 1
    indicator.factor = Decimal("12.5")
    indicator.save()
    assert entries.count() == 2
    assert entries.first().changes["factor"] == ["100.0000", "12.5000"]
