from __future__ import annotations

from auditlog.models import LogEntry

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.org.models import UnitKind
from tests.conftest import client_for
from tests.factories import UserFactory


def _superuser():
    return UserFactory(username="quan_tri", is_staff=True, is_superuser=True)


def test_administrator_grants_a_role_in_the_admin(tree):
    admin_user = _superuser()
    officer = UserFactory(username="can_bo_moi")
    client = client_for(admin_user)
    url = f"/django-admin/accounts/user/{officer.pk}/change/"
    assert client.get(url).status_code == 200
    form = {
        "username": "can_bo_moi",
        "full_name": "Cán bộ mới",
        "email": "moi@example.vn",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "22/11/2026",
        "date_joined_1": "08:00:00",
        "role_assignments-TOTAL_FORMS": "1",
        "role_assignments-INITIAL_FORMS": "0",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
        "role_assignments-0-role": Role.UNIT_REPORTER,
        "role_assignments-0-org_unit": str(tree.dai_kim.pk),
        "role_assignments-0-granted_at_0": "22/11/2026",
        "role_assignments-0-granted_at_1": "08:00:00",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    grant = RoleAssignment.objects.get(user=officer)
    assert (grant.role, grant.org_unit_id) == (Role.UNIT_REPORTER, tree.dai_kim.pk)
    assert LogEntry.objects.get_for_object(grant).filter(actor=admin_user).exists()


def test_administrator_adds_a_unit_kind_as_data(db):
    client = client_for(_superuser())
    response = client.post(
        "/django-admin/org/unitkind/add/",
        {"code": "dac-khu", "name": "Đặc khu", "is_place": "on", "sort_order": "5"},
    )
    assert response.status_code == 302
    assert UnitKind.objects.get(code="dac-khu").name == "Đặc khu"


def test_org_units_are_read_only_in_the_admin(tree):
    client = client_for(_superuser())
    assert client.get("/django-admin/org/orgunit/").status_code == 200
    assert client.get("/django-admin/org/orgunit/add/").status_code == 403
