"""The users list as XLSX («Xuất Excel» on Người dùng): roles held, state, last login."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse

from danvan.access.models import RoleAssignment
from danvan.accounts.models import User
from danvan.core.exports import Column, xlsx_response


def _state(user: User) -> str:
    if not user.is_active:
        return "đã khóa"
    return "chờ đổi mật khẩu" if user.must_change_password else "hoạt động"


def users_xlsx(users: QuerySet[User], *, filters: Sequence[tuple[str, str]]) -> HttpResponse:
    roles = RoleAssignment.objects.select_related("org_unit").order_by("org_unit__path", "role")
    users = users.prefetch_related(Prefetch("role_assignments", queryset=roles))
    columns = [
        Column("Họ và tên", lambda u: u.full_name, 26),
        Column("Tên đăng nhập", lambda u: u.username, 18),
        Column("Thư điện tử", lambda u: u.email, 26),
        Column("Điện thoại", lambda u: u.phone, 14),
        Column("Đơn vị công tác", lambda u: u.org_unit.name if u.org_unit_id else "", 30),
        Column(
            "Vai trò",
            lambda u: "; ".join(
                f"{r.get_role_display()} — {r.org_unit.name}" for r in u.role_assignments.all()
            ),
            50,
            wrap=True,
        ),
        Column("Trạng thái", _state, 16),
        Column("Đăng nhập gần nhất", lambda u: u.last_login, 17),
    ]
    return xlsx_response(
        title="Người dùng", columns=columns, rows=users, filename="nguoi-dung", filters=filters
    )
