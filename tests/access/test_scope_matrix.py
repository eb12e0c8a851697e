"""Who may open which page, on which unit: the whole cast against every management page.

The expectations come from the small table below, written from the specification, never
from ``danvan.access.roles.ROLE_CAPS``: a wrong ROLE_CAPS must make these tests fail.

    record outside the user's scope          → 404 (its existence is not revealed)
    record in scope, action not allowed       → 403
    list page, capability held nowhere        → 403
    anonymous                                 → 302 to the login page
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.org.models import OrgUnit
from danvan.people.models import Person, Position
from tests.factories import OrgUnitFactory, UserFactory, grant, make_person
from tests.helpers import (
    ALL_UNITS,
    DINH_CONG,
    HOANG_MAI,
    NOWHERE,
    person_form,
    position_form,
    unit_form,
)

# --- the specification, as data --------------------------------------------------------

VIEW = frozenset({"org.view", "people.view"})
MANAGE = frozenset({"org.manage", "people.manage"})


# role → (management capabilities it holds, the unit codes its role reaches)
# A unit leader keeps its unit's people (a new ward must have someone to invite) and
# adds its unit's users; the board and the administrator too.
USERS = frozenset({"users.manage"})
SPEC: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "admin": (VIEW | MANAGE | USERS | {"audit.view"}, ALL_UNITS),
    "board": (VIEW | MANAGE | USERS, HOANG_MAI),
    "leader": (VIEW | USERS | {"people.manage"}, DINH_CONG),
    "reporter": (VIEW, DINH_CONG),
    "viewer": (VIEW, HOANG_MAI),
    "editor": (NOWHERE, NOWHERE),
    "moderator": (NOWHERE, NOWHERE),
    "stranger": (NOWHERE, NOWHERE),
}
ROLES = [*SPEC, "anonymous"]

# target → the code of the unit the record sits in
TARGETS = {
    "own": "HN-HM-DINHCONG",
    "sibling": "HN-HM-DAIKIM",
    "parent": "HN-HM",
    "far": "HN-TH-BUOI",
}
TARGET_ATTR = {"own": "dinh_cong", "sibling": "dai_kim", "parent": "hoang_mai", "far": "buoi"}

LOGIN_PREFIX = "/tai-khoan/dang-nhap/"


@dataclass(frozen=True)
class Page:
    name: str
    url: str  # with {unit}, {person} or {position} for a record page
    cap: str | None  # what the action needs (None: any logged-in user)
    target: str | None = None  # "unit", "person" or "position"
    see: str | None = None  # what it takes to see the record at all


PAGES = [
    Page("home", "/quan-ly/", None),
    Page("org_list", "/quan-ly/don-vi/", "org.view"),
    Page("org_create", "/quan-ly/don-vi/them/", "org.manage"),
    Page("org_trash", "/quan-ly/don-vi/da-xoa/", "org.manage"),
    Page("people_list", "/quan-ly/can-bo/", "people.view"),
    Page("person_create", "/quan-ly/can-bo/them/", "people.manage"),
    Page("audit_list", "/quan-ly/nhat-ky/", "audit.view"),
    Page("users_list", "/quan-ly/nguoi-dung/", "users.manage"),
    Page("user_create", "/quan-ly/nguoi-dung/them/", "users.manage"),
    Page("profile", "/quan-ly/tai-khoan/", None),
    Page("org_detail", "/quan-ly/don-vi/{unit}/", "org.view", "unit", "org.view"),
    Page("org_edit", "/quan-ly/don-vi/{unit}/sua/", "org.manage", "unit", "org.view"),
    Page("org_move", "/quan-ly/don-vi/{unit}/chuyen/", "org.manage", "unit", "org.view"),
    Page("org_merge", "/quan-ly/don-vi/{unit}/sap-nhap/", "org.manage", "unit", "org.view"),
    Page("person_detail", "/quan-ly/can-bo/{person}/", "people.view", "person", "people.view"),
    Page("person_edit", "/quan-ly/can-bo/{person}/sua/", "people.manage", "person", "people.view"),
    Page(
        "position_create",
        "/quan-ly/can-bo/{person}/chuc-vu/them/",
        "people.manage",
        "person",
        "people.view",
    ),
    Page(
        "position_edit",
        "/quan-ly/can-bo/chuc-vu/{position}/sua/",
        "people.manage",
        "position",
        "people.view",
    ),
]


def expected_status(role: str, page: Page, target: str | None) -> int:
    if role == "anonymous":
        return 302
    caps, reach = SPEC[role]
    if page.target is None:
        return 200 if page.cap is None or page.cap in caps else 403
    assert target is not None
    if page.see not in caps or TARGETS[target] not in reach:
        return 404
    return 200 if page.cap in caps else 403


def _check_page(
    client: Client, role: str, page: Page, tree: Any, staff: dict[str, Person]
) -> list[str]:
    wrong = []
    for target in list(TARGETS) if page.target else [None]:
        url = page_url(page, tree, staff, target)
        response = client.get(url)
        want = expected_status(role, page, target)
        where = f"{role}/{target}" if target else role
        if response.status_code != want:
            wrong.append(f"{where}: GET {url} → {response.status_code}, want {want}")
        elif want == 302 and not (
            response["Location"].startswith(LOGIN_PREFIX) and "next=" in response["Location"]
        ):
            wrong.append(f"{where}: redirected to {response['Location']}")
    return wrong


# --- helpers ---------------------------------------------------------------------------


@pytest.fixture
def staff(tree: Any) -> dict[str, Person]:
    """One person (with one position, in the same unit) in every target unit."""
    names = {
        "own": "Lê Văn Định",
        "sibling": "Phạm Thị Kim",
        "parent": "Hoàng Văn Mai",
        "far": "Đỗ Thị Bưởi",
    }
    return {
        target: make_person(getattr(tree, TARGET_ATTR[target]), name, "Cán bộ chuyên trách")
        for target, name in names.items()
    }


def client_as(cast: Any, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(cast, role), backend="danvan.accounts.backends.DemoAwareBackend")
    return client


def page_url(page: Page, tree: Any, staff: dict[str, Person], target: str | None) -> str:
    if page.target is None:
        return page.url
    assert target is not None
    person = staff[target]
    return page.url.format(
        unit=getattr(tree, TARGET_ATTR[target]).pk,
        person=person.pk,
        position=Position.objects.get(person=person).pk,
    )


def unit_snapshot(unit: OrgUnit) -> dict[str, Any]:
    fresh = OrgUnit.all_objects.get(pk=unit.pk)
    return {
        f: getattr(fresh, f)
        for f in ("name", "code", "note", "parent_id", "path", "valid_to", "deleted_at")
    }


# --- the page matrix -------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_matrix(tree, cast, staff, page):
    """Every role (and anonymous) × this page × every target. One test per page: the tree
    is built once for its 9-36 requests, and the message lists every cell that is wrong."""
    wrong = []
    for role in ROLES:
        wrong += _check_page(client_as(cast, role), role, page, tree, staff)
    assert not wrong, "\n".join(wrong)


def test_the_table_itself_matches_the_specification_examples():
    """A guard on the table: the examples the specification spells out."""
    org_edit = next(p for p in PAGES if p.name == "org_edit")
    org_list = next(p for p in PAGES if p.name == "org_list")
    assert expected_status("reporter", org_edit, "own") == 403
    assert expected_status("board", org_edit, "far") == 404
    assert expected_status("board", org_edit, "sibling") == 200
    assert expected_status("stranger", org_list, None) == 403
    assert expected_status("editor", org_list, None) == 403
    assert expected_status("anonymous", org_list, None) == 302


# --- the scoping function itself -------------------------------------------------------

SCOPED_CAPS = [Cap.ORG_VIEW, Cap.ORG_MANAGE, Cap.PEOPLE_VIEW, Cap.PEOPLE_MANAGE, Cap.AUDIT_VIEW]


@pytest.mark.parametrize("role", list(SPEC))
def test_scoped_org_units_per_role(tree, cast, role):
    caps, reach = SPEC[role]
    user = getattr(cast, role)
    for cap in SCOPED_CAPS:
        got = set(scoped(OrgUnit.objects.all(), user, cap).values_list("code", flat=True))
        assert got == (set(reach) if str(cap) in caps else set()), f"{role} {cap}"


@pytest.mark.parametrize("role", list(SPEC))
def test_scoped_people_per_role(tree, cast, officials, staff, role):
    caps, reach = SPEC[role]
    user = getattr(cast, role)
    got = set(scoped(Person.objects.all(), user, Cap.PEOPLE_VIEW).values_list("pk", flat=True))
    everyone = Person.objects.select_related("org_unit")
    want = {p.pk for p in everyone if "people.view" in caps and p.org_unit.code in reach}
    assert got == want
    # a person visible through two units is listed once
    assert scoped(Person.objects.all(), user, Cap.PEOPLE_VIEW).count() == len(want)


def test_scoped_anonymous_sees_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    assert not scoped(OrgUnit.objects.all(), AnonymousUser(), Cap.ORG_VIEW).exists()


def test_scoped_person_visible_through_a_position_elsewhere(tree, cast):
    """A person whose record is kept at Tây Hồ but who holds a post at Đại Kim is
    visible to Hoàng Mai (through the post), still not to Định Công."""
    person = make_person(tree.buoi, "Vũ Văn Hai Nơi", "Cán bộ")
    from danvan.access.system import SYSTEM
    from danvan.people.services import position_create

    position_create(actor=SYSTEM, person=person, org_unit=tree.dai_kim, title="Phó Chủ tịch")
    people = Person.objects.filter(pk=person.pk)
    assert scoped(people, cast.board, Cap.PEOPLE_VIEW).count() == 1
    assert scoped(people, cast.viewer, Cap.PEOPLE_VIEW).count() == 1
    assert not scoped(people, cast.reporter, Cap.PEOPLE_VIEW).exists()


def test_two_roles_reach_the_union_of_their_subtrees(tree):
    user = UserFactory(username="hai-vai")
    grant(user, "viewer", tree.dai_kim)
    grant(user, "unit_reporter", tree.buoi)
    got = set(scoped(OrgUnit.objects.all(), user, Cap.ORG_VIEW).values_list("code", flat=True))
    assert got == {"HN-HM-DAIKIM", "HN-TH-BUOI"}
    assert not scoped(OrgUnit.objects.all(), user, Cap.ORG_MANAGE).exists()


def test_inactive_user_reaches_nothing(tree, cast):
    cast.board.is_active = False
    cast.board.save()
    assert not scoped(OrgUnit.objects.all(), cast.board, Cap.ORG_VIEW).exists()


def test_a_path_prefix_is_not_a_subtree(tree, cast):
    """ "/1/2/3/" must not reach "/1/2/35/": the trailing slash makes the prefix a subtree."""
    lookalike = OrgUnitFactory(
        parent=tree.hanoi,
        name="Quận Thử",
        code="HN-THU",
        level=tree.hoang_mai.level,
        kind=tree.hoang_mai.kind,
    )
    # the path it would have if its primary key extended Hoàng Mai's ("3" → "35")
    OrgUnit.all_objects.filter(pk=lookalike.pk).update(path=f"{tree.hoang_mai.path.rstrip('/')}5/")
    codes = set(
        scoped(OrgUnit.objects.all(), cast.board, Cap.ORG_VIEW).values_list("code", flat=True)
    )
    assert codes == set(HOANG_MAI)


# --- org create with a chosen parent ---------------------------------------------------


def test_create_form_under_a_manageable_parent(tree, cast):
    response = client_as(cast, "board").get(f"/quan-ly/don-vi/them/?parent={tree.dai_kim.pk}")
    assert response.status_code == 200
    assert response.context["form"].initial["parent"] == tree.dai_kim


def test_create_form_under_a_parent_outside_scope_is_404(tree, cast):
    response = client_as(cast, "board").get(f"/quan-ly/don-vi/them/?parent={tree.tay_ho.pk}")
    assert response.status_code == 404


def test_create_form_for_a_reader_is_403(tree, cast):
    response = client_as(cast, "viewer").get(f"/quan-ly/don-vi/them/?parent={tree.dai_kim.pk}")
    assert response.status_code == 403


# --- POSTs: refused writes change nothing ----------------------------------------------


WRITES = [
    "org_edit",
    "org_delete",
    "person_edit",
    "person_delete",
    "position_edit",
    "position_delete",
]


def _write_expectation(role: str, write: str, target: str) -> int | str:
    """The status a refused write gets, or "ok" when it must go through."""
    if role == "anonymous":
        return 302
    caps, reach = SPEC[role]
    area = "org" if write.startswith("org_") else "people"
    if f"{area}.view" not in caps or TARGETS[target] not in reach:
        return 404
    return "ok" if f"{area}.manage" in caps else 403


def _try_write(
    tree: Any, cast: Any, staff: dict[str, Person], role: str, write: str, target: str
) -> str | None:
    """POST one write on one target; a description of what went wrong, or None.

    Edits write a value of their own (``mark``); deletes work on a fresh record made for
    this role, so the roles can take turns on one tree."""
    from danvan.access.system import SYSTEM
    from danvan.people.services import position_create

    mark = f"{role}/{target}"
    unit = getattr(tree, TARGET_ATTR[target])
    person = staff[target]
    position = Position.objects.get(person=person, title="Cán bộ chuyên trách")
    if write == "org_delete":
        # a fresh leaf under the target: deletable, and in scope exactly when the target is
        unit = OrgUnitFactory(
            parent=unit,
            name=f"Tổ dân phố {mark}",
            code=f"TDP-{mark}",
            level=tree.dinh_cong.level,
            kind=tree.dinh_cong.kind,
        )
    elif write == "person_delete":
        person = make_person(unit, f"Cán bộ {mark}")
        position = Position.objects.get(pk=position.pk)  # untouched witness
    elif write == "position_delete":
        position = position_create(actor=SYSTEM, person=person, org_unit=unit, title=mark)
    urls = {
        "org_edit": (f"/quan-ly/don-vi/{unit.pk}/sua/", unit_form(unit, note=mark)),
        "org_delete": (f"/quan-ly/don-vi/{unit.pk}/xoa/", {}),
        "person_edit": (f"/quan-ly/can-bo/{person.pk}/sua/", person_form(person, note=mark)),
        "person_delete": (f"/quan-ly/can-bo/{person.pk}/xoa/", {}),
        "position_edit": (
            f"/quan-ly/can-bo/chuc-vu/{position.pk}/sua/",
            position_form(position, term=mark[:30]),
        ),
        "position_delete": (f"/quan-ly/can-bo/chuc-vu/{position.pk}/xoa/", {}),
    }
    url, data = urls[write]
    before = (
        unit_snapshot(unit),
        Person.all_objects.filter(pk=person.pk).values().get(),
        Position.all_objects.filter(pk=position.pk).values().get(),
    )
    response = client_as(cast, role).post(url, data)
    after_unit, after_person, after_position = after = (
        unit_snapshot(unit),
        Person.all_objects.filter(pk=person.pk).values().get(),
        Position.all_objects.filter(pk=position.pk).values().get(),
    )
    want = _write_expectation(role, write, target)
    if want == "ok":
        if response.status_code != 302:
            return f"{mark}: POST {url} → {response.status_code}, want 302 (done)"
        done = {
            "org_edit": after_unit["note"] == mark,
            "org_delete": after_unit["deleted_at"] is not None,
            "person_edit": after_person["note"] == mark,
            "person_delete": after_person["deleted_at"] is not None,
            "position_edit": after_position["term"] == mark[:30],
            "position_delete": after_position["deleted_at"] is not None,
        }[write]
        return None if done else f"{mark}: POST {url} did not take effect"
    if response.status_code != want:
        return f"{mark}: POST {url} → {response.status_code}, want {want}"
    if want == 302 and not response["Location"].startswith(LOGIN_PREFIX):
        return f"{mark}: redirected to {response['Location']}"
    if after != before:
        return f"{mark}: POST {url} was refused but changed the data"
    return None


@pytest.mark.parametrize("write", WRITES)
def test_write_matrix(tree, cast, staff, write):
    """Every role (and anonymous) × this write × every target: refused writes change
    nothing, allowed ones take effect. The message lists every cell that is wrong."""
    wrong = [
        _try_write(tree, cast, staff, role, write, target) for role in ROLES for target in TARGETS
    ]
    wrong = [w for w in wrong if w]
    assert not wrong, "\n".join(wrong)


def test_reporter_post_edit_of_own_unit_is_403_and_changes_nothing(tree, cast):
    before = unit_snapshot(tree.dinh_cong)
    response = client_as(cast, "reporter").post(
        f"/quan-ly/don-vi/{tree.dinh_cong.pk}/sua/", unit_form(tree.dinh_cong, name="Đổi tên")
    )
    assert response.status_code == 403
    assert unit_snapshot(tree.dinh_cong) == before


def test_board_post_edit_of_a_tay_ho_unit_is_404_and_changes_nothing(tree, cast):
    before = unit_snapshot(tree.buoi)
    response = client_as(cast, "board").post(
        f"/quan-ly/don-vi/{tree.buoi.pk}/sua/", unit_form(tree.buoi, name="Phường Bưởi mới")
    )
    assert response.status_code == 404
    assert unit_snapshot(tree.buoi) == before


def test_board_cannot_move_a_unit_out_of_its_subtree(tree, cast):
    before = unit_snapshot(tree.dai_kim)
    response = client_as(cast, "board").post(
        f"/quan-ly/don-vi/{tree.dai_kim.pk}/chuyen/", {"new_parent": tree.tay_ho.pk}
    )
    assert response.status_code == 200  # the form refuses the choice
    assert response.context["form"].errors["new_parent"]
    assert unit_snapshot(tree.dai_kim) == before


def test_board_cannot_move_a_far_unit_into_its_subtree(tree, cast):
    before = unit_snapshot(tree.buoi)
    response = client_as(cast, "board").post(
        f"/quan-ly/don-vi/{tree.buoi.pk}/chuyen/", {"new_parent": tree.hoang_mai.pk}
    )
    assert response.status_code == 404
    assert unit_snapshot(tree.buoi) == before


def test_viewer_cannot_move(tree, cast):
    before = unit_snapshot(tree.dai_kim)
    response = client_as(cast, "viewer").post(
        f"/quan-ly/don-vi/{tree.dai_kim.pk}/chuyen/", {"new_parent": tree.dinh_cong.pk}
    )
    assert response.status_code == 403
    assert unit_snapshot(tree.dai_kim) == before


def test_board_cannot_merge_into_a_far_unit(tree, cast):
    before = unit_snapshot(tree.dai_kim)
    response = client_as(cast, "board").post(
        f"/quan-ly/don-vi/{tree.dai_kim.pk}/sap-nhap/",
        {"target": tree.buoi.pk, "effective_date": "2025-07-01", "decision": "NQ"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["target"]
    assert unit_snapshot(tree.dai_kim) == before


def test_leader_cannot_merge(tree, cast):
    before = unit_snapshot(tree.dinh_cong)
    response = client_as(cast, "leader").post(
        f"/quan-ly/don-vi/{tree.dinh_cong.pk}/sap-nhap/",
        {"target": tree.dai_kim.pk, "effective_date": "2025-07-01", "decision": "NQ"},
    )
    assert response.status_code == 403
    assert unit_snapshot(tree.dinh_cong) == before


def test_board_cannot_create_under_a_far_parent(tree, cast):
    count = OrgUnit.all_objects.count()
    response = client_as(cast, "board").post(
        "/quan-ly/don-vi/them/",
        {
            "parent": tree.tay_ho.pk,
            "name": "Phường Mới",
            "code": "HN-TH-MOI",
            "level": tree.buoi.level_id,
            "kind": tree.buoi.kind_id,
            "organisation_kind": "",
            "valid_from": "",
            "valid_to": "",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    assert OrgUnit.all_objects.count() == count


def test_viewer_cannot_create(tree, cast):
    count = OrgUnit.all_objects.count()
    response = client_as(cast, "viewer").post(
        "/quan-ly/don-vi/them/",
        {
            "parent": tree.dai_kim.pk,
            "name": "Tổ mới",
            "code": "HN-HM-DAIKIM-TO",
            "level": tree.dai_kim.level_id,
            "kind": tree.dai_kim.kind_id,
        },
    )
    assert response.status_code == 403
    assert OrgUnit.all_objects.count() == count


def test_board_cannot_create_a_person_in_a_far_unit(tree, cast):
    count = Person.all_objects.count()
    response = client_as(cast, "board").post(
        "/quan-ly/can-bo/them/", {"full_name": "Người Ngoài", "org_unit": tree.buoi.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["org_unit"]
    assert Person.all_objects.count() == count


def test_reporter_cannot_add_a_position(tree, cast, staff):
    count = Position.all_objects.count()
    person = staff["own"]
    response = client_as(cast, "reporter").post(
        f"/quan-ly/can-bo/{person.pk}/chuc-vu/them/",
        {"org_unit": tree.dinh_cong.pk, "title": "Phó Chủ tịch", "is_primary": "on"},
    )
    assert response.status_code == 403
    assert Position.all_objects.count() == count


def test_board_cannot_add_a_position_to_a_far_person(tree, cast, staff):
    count = Position.all_objects.count()
    person = staff["far"]
    response = client_as(cast, "board").post(
        f"/quan-ly/can-bo/{person.pk}/chuc-vu/them/",
        {"org_unit": tree.dai_kim.pk, "title": "Phó Chủ tịch", "is_primary": "on"},
    )
    assert response.status_code == 404
    assert Position.all_objects.count() == count


# --- the trash and restore --------------------------------------------------------------


def _deleted_leaf(tree: Any, parent: OrgUnit, code: str) -> OrgUnit:
    from danvan.access.system import SYSTEM
    from danvan.org.services import org_unit_delete

    leaf = OrgUnitFactory(
        parent=parent,
        name=f"Tổ {code}",
        code=code,
        level=tree.dinh_cong.level,
        kind=tree.dinh_cong.kind,
    )
    return org_unit_delete(actor=SYSTEM, unit=leaf)


def test_trash_lists_only_the_deleted_units_in_scope(tree, cast):
    mine = _deleted_leaf(tree, tree.dai_kim, "TDP-DK")
    far = _deleted_leaf(tree, tree.buoi, "TDP-BUOI")
    response = client_as(cast, "board").get("/quan-ly/don-vi/da-xoa/")
    assert response.status_code == 200
    listed = {u.pk for u in response.context["page"]}
    assert listed == {mine.pk}
    assert far.pk not in listed
    admin_listed = {
        u.pk for u in client_as(cast, "admin").get("/quan-ly/don-vi/da-xoa/").context["page"]
    }
    assert admin_listed == {mine.pk, far.pk}


def test_board_restores_a_deleted_unit_in_scope(tree, cast):
    mine = _deleted_leaf(tree, tree.dai_kim, "TDP-DK")
    response = client_as(cast, "board").post(f"/quan-ly/don-vi/{mine.pk}/khoi-phuc/")
    assert response.status_code == 302
    assert OrgUnit.all_objects.get(pk=mine.pk).deleted_at is None


def test_restore_of_a_deleted_unit_outside_scope_is_404(tree, cast):
    far = _deleted_leaf(tree, tree.buoi, "TDP-BUOI")
    response = client_as(cast, "board").post(f"/quan-ly/don-vi/{far.pk}/khoi-phuc/")
    assert response.status_code == 404
    assert OrgUnit.all_objects.get(pk=far.pk).deleted_at is not None


def test_restore_of_a_unit_that_does_not_exist_is_404(tree, cast):
    response = client_as(cast, "admin").post("/quan-ly/don-vi/999999/khoi-phuc/")
    assert response.status_code == 404


def test_viewer_cannot_restore(tree, cast):
    mine = _deleted_leaf(tree, tree.dai_kim, "TDP-DK")
    response = client_as(cast, "viewer").post(f"/quan-ly/don-vi/{mine.pk}/khoi-phuc/")
    assert response.status_code in {403, 404}  # a deleted unit is not shown to readers
    assert OrgUnit.all_objects.get(pk=mine.pk).deleted_at is not None


def test_a_deleted_unit_is_404_on_its_detail_page(tree, cast):
    mine = _deleted_leaf(tree, tree.dai_kim, "TDP-DK")
    assert client_as(cast, "board").get(f"/quan-ly/don-vi/{mine.pk}/").status_code == 404


# --- what a page shows stays in scope ---------------------------------------------------


def test_org_list_search_shows_only_units_in_scope(tree, cast):
    response = client_as(cast, "reporter").get("/quan-ly/don-vi/?q=phuong")
    assert response.status_code == 200
    names = {u.name for u in response.context["page"]}
    assert names == {"Phường Định Công", "Ủy ban MTTQ phường Định Công"}


def test_people_list_shows_only_people_in_scope(tree, cast, officials):
    response = client_as(cast, "reporter").get("/quan-ly/can-bo/")
    assert response.status_code == 200
    names = {p.full_name for p in response.context["page"]}
    assert names == {"Nguyễn Thị Đào"}
    content = response.content.decode()
    assert "Khương Quốc Hưng" not in content
    assert "Trần Quang Đạo" not in content


def test_people_list_filtered_by_a_far_unit_is_404(tree, cast):
    response = client_as(cast, "board").get(f"/quan-ly/can-bo/?org_unit={tree.buoi.pk}")
    assert response.status_code == 404


def test_unit_detail_hides_out_of_scope_children_and_people(tree, cast, officials):
    response = client_as(cast, "admin").get(f"/quan-ly/don-vi/{tree.hanoi.pk}/")
    assert {u.code for u in response.context["children"]} == {"HN-HM", "HN-TH"}
    response = client_as(cast, "board").get(f"/quan-ly/don-vi/{tree.hoang_mai.pk}/")
    assert response.status_code == 200
    # the board may not open its ancestors: they are shown, not linked
    crumbs = {u.code: linked for u, linked in response.context["breadcrumbs"]}
    assert crumbs == {"VN": False, "HN": False}
    assert f'href="/quan-ly/don-vi/{tree.hanoi.pk}/"' not in response.content.decode()


def test_manage_buttons_only_for_managers(tree, cast):
    url = f"/quan-ly/don-vi/{tree.dinh_cong.pk}/"
    edit = f'href="/quan-ly/don-vi/{tree.dinh_cong.pk}/sua/"'
    assert edit in client_as(cast, "board").get(url).content.decode()
    assert edit not in client_as(cast, "reporter").get(url).content.decode()
    assert edit not in client_as(cast, "viewer").get(url).content.decode()
