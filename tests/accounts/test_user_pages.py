"""/quan-ly/nguoi-dung/ and /quan-ly/tai-khoan/ as people use them (Django test client)."""

from __future__ import annotations

from django.core import mail
from django.test import Client

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.accounts.models import User
from tests.conftest import client_for
from tests.factories import UserFactory, grant

TEMPORARY = "Tam-thoi-2026!"
OWN = "Mat-khau-rieng-2026"


def _create_form(unit, role=Role.UNIT_REPORTER, username="pv.daikim", **extra):
    return {
        "full_name": "Phạm Văn Phóng",
        "username": username,
        "org_unit": unit.pk,
        "role": role,
        "email": f"{username}@example.vn",
        "phone": "",
        "password": TEMPORARY,
        **extra,
    }


def test_admin_creates_a_reporter_who_must_change_password_then_sees_only_the_ward(
    tree, cast, client
):
    response = client_for(cast.admin).post("/quan-ly/nguoi-dung/them/", _create_form(tree.dai_kim))
    assert response.status_code == 302
    user = User.objects.get(username="pv.daikim")
    assert response["Location"] == f"/quan-ly/nguoi-dung/{user.pk}/"

    # the first login lands on the password change page, whatever page is asked for
    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": "pv.daikim", "password": TEMPORARY}
    )
    assert response.status_code == 302
    response = client.get("/quan-ly/don-vi/", follow=True)
    assert response.redirect_chain[-1][0] == "/tai-khoan/doi-mat-khau/"
    assert "mật khẩu tạm" in response.content.decode()
    assert client.get("/quan-ly/bao-cao/").status_code == 302

    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": TEMPORARY, "new_password1": OWN, "new_password2": OWN},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password(OWN)

    # still logged in, and the ward is all it sees
    response = client.get("/quan-ly/don-vi/?q=phuong")
    assert response.status_code == 200
    codes = {u.code for u in response.context["page"].object_list}
    assert codes == {"HN-HM-DAIKIM"}


def test_wrong_old_password_is_told_in_vietnamese(tree, cast):
    response = client_for(cast.reporter).post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": "sai", "new_password1": OWN, "new_password2": OWN},
    )
    assert response.status_code == 200
    assert "Mật khẩu hiện tại không đúng" in response.content.decode()


def test_leader_adds_a_viewer_to_its_unit(tree, cast):
    response = client_for(cast.leader).post(
        "/quan-ly/nguoi-dung/them/", _create_form(tree.dinh_cong, Role.VIEWER, "xem.dc")
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(
        user__username="xem.dc", role=Role.VIEWER, org_unit=tree.dinh_cong
    ).exists()


def test_leader_is_offered_only_reporter_and_viewer(tree, cast):
    response = client_for(cast.leader).get("/quan-ly/nguoi-dung/them/")
    offered = [v for v, _ in response.context["form"].fields["role"].widget.choices if v]
    assert offered == [Role.UNIT_REPORTER, Role.VIEWER]
    units = set(response.context["form"].fields["org_unit"].queryset.values_list("code", flat=True))
    assert units == {"HN-HM-DINHCONG", "HN-HM-DINHCONG-MTTQ"}


def test_leader_cannot_add_board_staff_403(tree, cast):
    response = client_for(cast.leader).post(
        "/quan-ly/nguoi-dung/them/", _create_form(tree.dinh_cong, Role.BOARD_STAFF, "ban.dc")
    )
    assert response.status_code == 403
    assert "Cán bộ Ban" in response.content.decode()
    assert not User.objects.filter(username="ban.dc").exists()


def test_leader_cannot_create_in_another_unit(tree, cast):
    response = client_for(cast.leader).post(
        "/quan-ly/nguoi-dung/them/", _create_form(tree.dai_kim, Role.VIEWER, "xem.dk")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["org_unit"]
    assert not User.objects.filter(username="xem.dk").exists()


def test_a_user_of_another_unit_is_404_for_the_leader(tree, cast):
    other = UserFactory(username="dk.reporter")
    grant(other, Role.UNIT_REPORTER, tree.dai_kim)
    leader = client_for(cast.leader)
    for url in (
        f"/quan-ly/nguoi-dung/{other.pk}/",
        f"/quan-ly/nguoi-dung/{other.pk}/ho-so-can-bo/",
    ):
        assert leader.get(url).status_code == 404
    response = leader.post(f"/quan-ly/nguoi-dung/{other.pk}/trang-thai/", {"active": "0"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.is_active


def test_in_scope_but_not_allowed_is_403(tree, cast):
    """The board officer holds a viewer role in the ward: the leader sees the account,
    cannot lock it or set its password."""
    grant(cast.board, Role.VIEWER, tree.dinh_cong)
    leader = client_for(cast.leader)
    page = leader.get(f"/quan-ly/nguoi-dung/{cast.board.pk}/")
    assert page.status_code == 200
    assert "vượt quá quyền của bạn" in page.content.decode()
    assert len(page.context["roles"]) == 1 and page.context["hidden_roles"] == 1
    response = leader.post(
        f"/quan-ly/nguoi-dung/{cast.board.pk}/mat-khau-tam/", {"password": TEMPORARY}
    )
    assert response.status_code == 403
    response = leader.post(f"/quan-ly/nguoi-dung/{cast.board.pk}/trang-thai/", {"active": "0"})
    assert response.status_code == 403
    cast.board.refresh_from_db()
    assert cast.board.is_active and not cast.board.check_password(TEMPORARY)


def test_list_searches_without_marks_and_filters(tree, cast):
    cast.reporter.full_name = "Nguyễn Thị Đào"
    cast.reporter.save()
    board = client_for(cast.board)
    response = board.get("/quan-ly/nguoi-dung/?q=nguyen thi dao")
    assert [u.username for u in response.context["page"].object_list] == ["reporter"]
    response = board.get(f"/quan-ly/nguoi-dung/?role={Role.UNIT_LEADER}")
    assert [u.username for u in response.context["page"].object_list] == ["leader"]
    everyone = {u.username for u in board.get("/quan-ly/nguoi-dung/").context["page"].object_list}
    assert everyone == {"board", "leader", "reporter", "viewer"}
    cast.viewer.is_active = False
    cast.viewer.save()
    response = board.get("/quan-ly/nguoi-dung/?active=0")
    assert [u.username for u in response.context["page"].object_list] == ["viewer"]


def test_list_is_403_for_a_reporter_and_the_menu_hides_it(tree, cast):
    reporter = client_for(cast.reporter)
    assert reporter.get("/quan-ly/nguoi-dung/").status_code == 403
    assert "/quan-ly/nguoi-dung/" not in reporter.get("/quan-ly/").content.decode()
    assert "/quan-ly/nguoi-dung/" in client_for(cast.leader).get("/quan-ly/").content.decode()


def test_grant_and_withdraw_from_the_detail_page(tree, cast):
    target = UserFactory(username="an")
    grant(target, Role.VIEWER, tree.dai_kim)
    board = client_for(cast.board)
    response = board.post(
        f"/quan-ly/nguoi-dung/{target.pk}/vai-tro/",
        {"role": Role.UNIT_LEADER, "org_unit": tree.dai_kim.pk},
    )
    assert response.status_code == 302
    leader_role = target.role_assignments.get(role=Role.UNIT_LEADER)
    response = board.post(f"/quan-ly/nguoi-dung/{target.pk}/vai-tro/{leader_role.pk}/thu-hoi/")
    assert response.status_code == 302
    assert list(target.role_assignments.values_list("role", flat=True)) == [Role.VIEWER]
    page = board.get(f"/quan-ly/nguoi-dung/{target.pk}/")
    assert len(page.context["history"]) >= 3  # the viewer role, the leader's grant and withdrawal


def test_temporary_password_from_the_detail_page(tree, cast, client):
    response = client_for(cast.leader).post(
        f"/quan-ly/nguoi-dung/{cast.reporter.pk}/mat-khau-tam/", {"password": TEMPORARY}
    )
    assert response.status_code == 302
    cast.reporter.refresh_from_db()
    assert cast.reporter.must_change_password


def test_weak_temporary_password_is_a_400_on_its_field(tree, cast):
    response = client_for(cast.leader).post(
        f"/quan-ly/nguoi-dung/{cast.reporter.pk}/mat-khau-tam/", {"password": "12345"}
    )
    assert response.status_code == 400
    assert response.context["password_form"].errors["password"]


def test_reset_link_is_mailed_to_that_user_only(tree, cast):
    twin = UserFactory(username="twin", email=cast.reporter.email)
    grant(twin, Role.VIEWER, tree.dinh_cong)
    response = client_for(cast.leader).post(f"/quan-ly/nguoi-dung/{cast.reporter.pk}/gui-lien-ket/")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.reporter.email]
    assert "«reporter»" in message.body and "/tai-khoan/dat-lai-mat-khau/" in message.body


def test_link_a_person_by_searching_without_marks(tree, cast, officials):
    leader = client_for(cast.leader)
    page = leader.get(f"/quan-ly/nguoi-dung/{cast.reporter.pk}/ho-so-can-bo/?q=nguyen thi dao")
    assert [p.full_name for p in page.context["candidates"]] == ["Nguyễn Thị Đào"]
    page = leader.get(f"/quan-ly/nguoi-dung/{cast.reporter.pk}/ho-so-can-bo/?q=khuong quoc hung")
    assert page.context["candidates"] == []  # kept at the district board: out of scope
    response = leader.post(
        f"/quan-ly/nguoi-dung/{cast.reporter.pk}/ho-so-can-bo/", {"person": officials["ward"].pk}
    )
    assert response.status_code == 302
    cast.reporter.refresh_from_db()
    assert cast.reporter.person == officials["ward"]
    response = leader.post(
        f"/quan-ly/nguoi-dung/{cast.reporter.pk}/ho-so-can-bo/", {"person": officials["hung"].pk}
    )
    assert response.status_code == 404


def test_profile_page_saves_name_email_phone(tree, cast):
    client = client_for(cast.reporter)
    page = client.get("/quan-ly/tai-khoan/")
    assert page.status_code == 200 and "Tài khoản của tôi" in page.content.decode()
    response = client.post(
        "/quan-ly/tai-khoan/",
        {"form": "profile", "full_name": "Lê Thị Hoa", "email": "hoa@example.vn", "phone": "0912"},
    )
    assert response.status_code == 302
    cast.reporter.refresh_from_db()
    assert (cast.reporter.full_name, cast.reporter.email, cast.reporter.phone) == (
        "Lê Thị Hoa",
        "hoa@example.vn",
        "0912",
    )
    response = client.post(
        "/quan-ly/tai-khoan/", {"form": "profile", "full_name": "", "email": "x"}
    )
    assert response.status_code == 400


def test_profile_page_changes_the_password_and_keeps_the_session(tree, cast):
    client = client_for(cast.reporter)
    response = client.post(
        "/quan-ly/tai-khoan/",
        {
            "form": "password",
            "old_password": "Mat-khau-dai-2026",
            "new_password1": OWN,
            "new_password2": OWN,
        },
    )
    assert response.status_code == 302
    cast.reporter.refresh_from_db()
    assert cast.reporter.check_password(OWN)
    assert client.get("/quan-ly/tai-khoan/").status_code == 200


def test_anonymous_goes_to_login(db):
    response = Client().get("/quan-ly/nguoi-dung/")
    assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/dang-nhap/")
