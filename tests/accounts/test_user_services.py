"""The user services and every refusal: nobody grants beyond their own scope and
capabilities, nobody locks or resets an account they could not have made."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.access.scope import can
from danvan.access.services import role_grant, role_withdraw
from danvan.access.system import SYSTEM
from danvan.accounts import services
from danvan.accounts.models import User
from danvan.org.services import org_unit_update
from tests.factories import UserFactory, grant

PASSWORD = "Tam-thoi-2026!"


def _create(actor, unit, role=Role.UNIT_REPORTER, username="moi"):
    return services.user_create(
        actor=actor,
        username=username,
        full_name="Nguyễn Văn Mới",
        org_unit=unit,
        role=role,
        password=PASSWORD,
        email="moi@example.vn",
    )


def test_admin_creates_a_reporter_who_must_change_the_password(tree, cast):
    user = _create(cast.admin, tree.dai_kim)
    assert user.must_change_password and user.check_password(PASSWORD)
    assert user.org_unit == tree.dai_kim
    assert list(user.role_assignments.values_list("role", "org_unit")) == [
        (Role.UNIT_REPORTER, tree.dai_kim.pk)
    ]


def test_leader_adds_a_viewer_to_its_own_unit(tree, cast):
    user = _create(cast.leader, tree.mttq_dinh_cong, Role.VIEWER)
    assert user.role_assignments.get().org_unit == tree.mttq_dinh_cong


@pytest.mark.parametrize(
    "role", [Role.BOARD_STAFF, Role.UNIT_LEADER, Role.SYSTEM_ADMIN, Role.PORTAL_EDITOR]
)
def test_leader_cannot_make_a_role_wider_than_a_reporter_or_viewer(tree, cast, role):
    with pytest.raises(PermissionDenied):
        _create(cast.leader, tree.dinh_cong, role)
    assert not User.objects.filter(username="moi").exists()


def test_leader_cannot_create_a_user_in_another_unit(tree, cast):
    with pytest.raises(PermissionDenied, match="Đại Kim"):
        _create(cast.leader, tree.dai_kim, Role.VIEWER)


def test_board_appoints_a_leader_but_not_an_administrator(tree, cast):
    _create(cast.board, tree.dai_kim, Role.UNIT_LEADER)
    with pytest.raises(PermissionDenied, match="quản trị hệ thống"):
        _create(cast.board, tree.dai_kim, Role.SYSTEM_ADMIN, username="admin2")


def test_board_cannot_grant_portal_roles_or_outside_its_district(tree, cast):
    target = UserFactory(username="an")
    with pytest.raises(PermissionDenied):
        role_grant(actor=cast.board, user=target, role=Role.PORTAL_EDITOR, org_unit=tree.dai_kim)
    with pytest.raises(PermissionDenied):
        role_grant(actor=cast.board, user=target, role=Role.VIEWER, org_unit=tree.buoi)
    assert not target.role_assignments.exists()


def test_viewer_and_reporter_grant_nothing(tree, cast):
    target = UserFactory(username="an")
    for actor in (cast.viewer, cast.reporter, cast.editor, cast.stranger):
        with pytest.raises(PermissionDenied):
            role_grant(actor=actor, user=target, role=Role.VIEWER, org_unit=tree.dinh_cong)


def test_nobody_grants_in_a_closed_unit(tree, cast):
    org_unit_update(actor=SYSTEM, unit=tree.dai_kim, valid_to=dt.date(2025, 6, 30))
    target = UserFactory(username="an")
    with pytest.raises(PermissionDenied, match="ngừng hoạt động"):
        role_grant(actor=cast.board, user=target, role=Role.VIEWER, org_unit=tree.dai_kim)


def test_a_granted_role_takes_effect_at_once_and_is_refused_twice(tree, cast):
    target = UserFactory(username="an")
    assert not can(target, "org.view", tree.dinh_cong)
    role_grant(actor=cast.leader, user=target, role=Role.VIEWER, org_unit=tree.dinh_cong)
    assert can(target, "org.view", tree.dinh_cong)
    with pytest.raises(ValidationError):
        role_grant(actor=cast.leader, user=target, role=Role.VIEWER, org_unit=tree.dinh_cong)


def test_withdraw_follows_the_grant_rule_and_never_oneself(tree, cast):
    leader_role = cast.leader.role_assignments.get()
    with pytest.raises(ValidationError, match="chính mình"):
        role_withdraw(actor=cast.leader, assignment=leader_role)
    other_leader = UserFactory(username="pho")
    assignment = grant(other_leader, Role.UNIT_LEADER, tree.dinh_cong)
    with pytest.raises(PermissionDenied):
        role_withdraw(actor=cast.leader, assignment=assignment)
    role_withdraw(actor=cast.board, assignment=assignment)
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_leader_cannot_act_on_a_board_officer_who_holds_a_role_in_the_ward(tree, cast):
    """The takeover the rule exists for: a ward leader resetting a board officer's password."""
    grant(cast.board, Role.VIEWER, tree.dinh_cong)
    with pytest.raises(PermissionDenied, match="vượt quá"):
        services.user_set_temporary_password(actor=cast.leader, user=cast.board, password=PASSWORD)
    with pytest.raises(PermissionDenied):
        services.user_set_active(actor=cast.leader, user=cast.board, active=False)
    cast.board.refresh_from_db()
    assert cast.board.is_active and not cast.board.check_password(PASSWORD)


def test_nobody_locks_themselves_out(tree, cast):
    with pytest.raises(ValidationError, match="chính mình"):
        services.user_set_active(actor=cast.admin, user=cast.admin, active=False)


def test_lock_and_unlock_a_reporter(tree, cast):
    services.user_set_active(actor=cast.leader, user=cast.reporter, active=False)
    cast.reporter.refresh_from_db()
    assert not cast.reporter.is_active
    with pytest.raises(ValidationError, match="đã bị khóa"):
        services.user_set_active(actor=cast.leader, user=cast.reporter, active=False)
    services.user_set_active(actor=cast.leader, user=cast.reporter, active=True)
    cast.reporter.refresh_from_db()
    assert cast.reporter.is_active


def test_only_a_superuser_acts_on_a_staff_account(tree, cast):
    cast.reporter.is_staff = True
    cast.reporter.save()
    with pytest.raises(PermissionDenied, match="quản trị Django"):
        services.user_set_active(actor=cast.admin, user=cast.reporter, active=False)


def test_temporary_password_is_checked_by_the_policy(tree, cast):
    with pytest.raises(ValidationError) as error:
        services.user_set_temporary_password(actor=cast.leader, user=cast.reporter, password="123")
    assert "password" in error.value.message_dict


def test_own_password_change_ends_the_temporary_one(tree, cast):
    services.user_set_temporary_password(actor=cast.leader, user=cast.reporter, password=PASSWORD)
    cast.reporter.refresh_from_db()
    assert cast.reporter.must_change_password
    services.user_change_own_password(
        actor=cast.reporter, user=cast.reporter, new_password="Cua-rieng-toi-2026"
    )
    cast.reporter.refresh_from_db()
    assert not cast.reporter.must_change_password
    with pytest.raises(PermissionDenied):
        services.user_change_own_password(
            actor=cast.leader, user=cast.reporter, new_password="Cua-leader-2026"
        )


def test_duplicate_username_is_refused_whatever_the_case(tree, cast):
    with pytest.raises(ValidationError) as error:
        _create(cast.admin, tree.dai_kim, username="REPORTER")
    assert "username" in error.value.message_dict


def test_link_person_in_scope_only_and_once(tree, cast, officials):
    services.user_link_person(actor=cast.leader, user=cast.reporter, person=officials["ward"])
    cast.reporter.refresh_from_db()
    assert cast.reporter.person == officials["ward"]
    with pytest.raises(PermissionDenied):
        services.user_link_person(actor=cast.leader, user=cast.reporter, person=officials["hung"])
    other = _create(cast.leader, tree.dinh_cong, Role.VIEWER)
    with pytest.raises(ValidationError, match="đã gắn"):
        services.user_link_person(actor=cast.leader, user=other, person=officials["ward"])


def test_profile_update_by_oneself_or_a_manager_only(tree, cast):
    services.user_update_profile(
        actor=cast.reporter, user=cast.reporter, full_name="  Lê  Thị Hoa ", phone="0912 345 678"
    )
    cast.reporter.refresh_from_db()
    assert (cast.reporter.full_name, cast.reporter.phone) == ("Lê Thị Hoa", "0912 345 678")
    with pytest.raises(PermissionDenied):
        services.user_update_profile(actor=cast.reporter, user=cast.leader, full_name="X")
    with pytest.raises(ValidationError):
        services.user_update_profile(actor=cast.reporter, user=cast.reporter, full_name=" ")


def test_reset_link_needs_an_email(tree, cast, rf):
    cast.reporter.email = ""
    cast.reporter.save()
    with pytest.raises(ValidationError, match="thư điện tử"):
        services.user_send_password_reset(
            actor=cast.leader, user=cast.reporter, request=rf.get("/")
        )


def test_every_change_is_audited_with_its_actor(tree, cast):
    from auditlog.models import LogEntry

    from danvan.accounts.selectors import user_history

    user = _create(cast.board, tree.dai_kim, Role.VIEWER)
    assignment = user.role_assignments.get()
    role_withdraw(actor=cast.board, assignment=assignment)
    services.user_set_active(actor=cast.board, user=user, active=False)
    entries = user_history(target=user)
    assert len(entries) == 4  # created, role granted, role withdrawn, locked
    assert {row.entry.actor_id for row in entries} == {cast.board.pk}
    assert LogEntry.objects.filter(additional_data__user_id=user.pk).count() == 2
