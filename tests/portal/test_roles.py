"""Wagtail's editor and moderator groups follow our portal roles, and staff log in once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.portal.roles import EDITORS, MODERATORS, sync_all_cms_groups
from danvan.portal.setup import section
from tests.factories import UserFactory, grant

PASSWORD = "Mat-khau-dai-2026"


def _groups(user: Any) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_portal_roles_put_users_in_their_cms_groups(cast: Any) -> None:
    assert _groups(cast.editor) == {EDITORS}
    assert _groups(cast.moderator) == {MODERATORS}
    # A system administrator may publish anywhere; other roles do not reach the CMS.
    assert _groups(cast.admin) == {MODERATORS}
    for user in (cast.board, cast.leader, cast.reporter, cast.viewer, cast.stranger):
        assert _groups(user) == set(), user.username


def test_withdrawing_the_role_takes_the_user_out_of_the_group(cast: Any, tree: Any) -> None:
    RoleAssignment.objects.get(user=cast.editor, role=Role.PORTAL_EDITOR).delete()
    assert _groups(cast.editor) == set()

    # Held twice (two units): withdrawing one keeps the user in.
    grant(cast.moderator, Role.PORTAL_MODERATOR, tree.tay_ho)
    RoleAssignment.objects.get(
        user=cast.moderator, role=Role.PORTAL_MODERATOR, org_unit=tree.hanoi
    ).delete()
    assert _groups(cast.moderator) == {MODERATORS}


def test_both_roles_give_both_groups(cast: Any, tree: Any) -> None:
    grant(cast.editor, Role.PORTAL_MODERATOR, tree.hoang_mai)
    assert _groups(cast.editor) == {EDITORS, MODERATORS}


def test_resync_all_repairs_groups_changed_by_hand(cast: Any) -> None:
    cast.editor.groups.clear()
    cast.stranger.groups.add(Group.objects.get(name=MODERATORS))

    sync_all_cms_groups()

    assert _groups(cast.editor) == {EDITORS}
    assert _groups(cast.stranger) == set()


def test_other_groups_are_left_alone(cast: Any) -> None:
    other = Group.objects.create(name="Nhóm khác")
    cast.editor.groups.add(other)

    sync_all_cms_groups()

    assert _groups(cast.editor) == {EDITORS, "Nhóm khác"}


def test_cms_groups_edit_but_only_moderators_publish(cast: Any, home: Any) -> None:
    news = section("tin-tuc-su-kien")
    editor_perms = news.permissions_for_user(cast.editor)
    moderator_perms = news.permissions_for_user(cast.moderator)

    assert editor_perms.can_add_subpage() and editor_perms.can_edit()
    assert not editor_perms.can_publish()
    assert moderator_perms.can_publish() and moderator_perms.can_edit()
    for user in (cast.editor, cast.moderator):
        assert user.has_perm("wagtailadmin.access_admin")
        assert user.has_perm("wagtailimages.add_image")
        assert user.has_perm("wagtaildocs.add_document")
    assert not cast.board.has_perm("wagtailadmin.access_admin")


def test_an_editor_logged_in_through_our_login_reaches_the_cms(cast: Any) -> None:
    client = Client()
    response = client.post(
        reverse("accounts:login") + "?next=/cms/",
        {"username": cast.editor.username, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/cms/"

    assert client.get("/cms/").status_code == 200


def test_the_cms_sends_anonymous_staff_to_our_login(client: Client) -> None:
    response = client.get("/cms/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=/cms/")


def test_a_new_user_with_a_role_gets_the_group(tree: Any) -> None:
    user = UserFactory(username="bien_tap_moi")
    grant(user, Role.PORTAL_EDITOR, tree.buoi)
    assert _groups(user) == {EDITORS}


def test_a_database_without_the_cms_groups_still_grants_roles(tree: Any) -> None:
    # A browser test's flushed database has no Wagtail groups; granting must not fail.
    Group.objects.filter(name__in=(EDITORS, MODERATORS)).delete()
    user = UserFactory(username="bien_tap_khong_nhom")

    grant(user, Role.PORTAL_EDITOR, tree.hanoi)

    assert user.role_assignments.count() == 1
    assert _groups(user) == set()


def test_staff_without_a_portal_role_get_a_vietnamese_403_not_a_redirect_loop(
    cast: Any, home: Any
) -> None:
    from tests.conftest import client_for

    response = client_for(cast.board).get("/cms/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "chưa có vai trò biên tập viên hay kiểm duyệt viên cổng thông tin" in text
    assert "quản trị hệ thống hoặc cán bộ Ban" in text
    # Portal staff still reach the CMS.
    assert client_for(cast.editor).get("/cms/").status_code == 200
