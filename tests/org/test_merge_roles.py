"""The merge page moves the closed units' roles to their successor, in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.org.models import OrgUnit
from danvan.org.services import org_unit_merge
from tests.conftest import client_for
from tests.factories import UserFactory, grant


def _merge(client, tree, roles, also=()):
    return client.post(
        f"/quan-ly/don-vi/{tree.dai_kim.pk}/sap-nhap/",
        {
            "target": tree.dinh_cong.pk,
            "also": [u.pk for u in also],
            "effective_date": "2025-07-01",
            "decision": "NQ 1656",
            "move_roles": [r.pk for r in roles],
        },
    )


def test_merge_page_offers_the_roles_of_the_unit_checked(tree, cast):
    """Its own roles checked; those of the siblings it may take along offered unchecked."""
    reporter = UserFactory(username="dk")
    held = grant(reporter, Role.UNIT_REPORTER, tree.dai_kim)
    form = (
        client_for(cast.board).get(f"/quan-ly/don-vi/{tree.dai_kim.pk}/sap-nhap/").context["form"]
    )
    offered = {(a.user.username, a.org_unit.code) for a in form.fields["move_roles"].queryset}
    assert offered == {
        ("dk", "HN-HM-DAIKIM"),
        ("leader", "HN-HM-DINHCONG"),
        ("reporter", "HN-HM-DINHCONG"),
    }
    assert form.initial["move_roles"] == [held.pk]


def test_checked_roles_move_to_the_successor_and_are_audited(tree, cast):
    reporter, viewer = UserFactory(username="dk"), UserFactory(username="dk-xem")
    moved = grant(reporter, Role.UNIT_REPORTER, tree.dai_kim)
    kept = grant(viewer, Role.VIEWER, tree.dai_kim)
    response = _merge(client_for(cast.board), tree, [moved])
    assert response.status_code == 302
    assert OrgUnit.objects.get(pk=tree.dai_kim.pk).valid_to is not None
    assert list(reporter.role_assignments.values_list("role", "org_unit")) == [
        (Role.UNIT_REPORTER, tree.dinh_cong.pk)
    ]
    assert RoleAssignment.objects.filter(pk=kept.pk).exists()
    logged = LogEntry.objects.filter(additional_data__user_id=reporter.pk)
    assert (
        logged.count() == 3
    )  # granted at Đại Kim (factory), withdrawn there, granted at Định Công
    assert set(logged.exclude(actor=None).values_list("actor_id", flat=True)) == {cast.board.pk}


def test_a_role_the_board_cannot_grant_is_not_offered(tree, cast):
    editor = UserFactory(username="bien-tap")
    grant(editor, Role.PORTAL_EDITOR, tree.dai_kim)
    form = (
        client_for(cast.board).get(f"/quan-ly/don-vi/{tree.dai_kim.pk}/sap-nhap/").context["form"]
    )
    offered = {a.user.username for a in form.fields["move_roles"].queryset}
    assert offered == {"leader", "reporter"}  # the Định Công roles; not the portal editor


def test_a_refused_move_undoes_the_merge(tree, cast):
    """Service level: a role the actor may not move rolls the whole merge back."""

    editor = UserFactory(username="bien-tap")
    held = grant(editor, Role.PORTAL_EDITOR, tree.dai_kim)
    with pytest.raises(PermissionDenied):
        org_unit_merge(
            actor=cast.board,
            sources=[tree.dai_kim],
            target=tree.dinh_cong,
            effective_date=dt.date(2025, 7, 1),
            move_roles=[held],
        )
    assert OrgUnit.objects.get(pk=tree.dai_kim.pk).valid_to is None
    assert RoleAssignment.objects.filter(pk=held.pk).exists()


def test_a_role_of_a_unit_not_merged_is_refused_on_the_form(tree, cast):
    """Đại Kim merges alone: a role checked at a sibling it does not take along stays."""
    other = UserFactory(username="dc")
    at_dinh_cong = grant(other, Role.UNIT_REPORTER, tree.dinh_cong)
    response = _merge(client_for(cast.board), tree, [at_dinh_cong])
    assert response.status_code == 200
    assert OrgUnit.objects.get(pk=tree.dai_kim.pk).valid_to is None
    assert RoleAssignment.objects.filter(pk=at_dinh_cong.pk).exists()
