"""Staff without a portal role who open ``/cms/`` get a Vietnamese 403 that says who
grants the role, instead of Wagtail's redirect to the login page, which sends a signed-in
user straight back to ``/cms/`` (ERR_TOO_MANY_REDIRECTS)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CMS_PREFIX = "/cms/"
MESSAGE = (
    "Tài khoản của bạn chưa có vai trò biên tập viên hay kiểm duyệt viên cổng thông tin, "
    "nên chưa vào được trang biên tập. Vai trò này do quản trị hệ thống hoặc cán bộ Ban "
    "phụ trách đơn vị của bạn cấp, tại trang Người dùng của phần quản lý."
)


class CmsAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            request.path.startswith(CMS_PREFIX)
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            return render(request, "403.html", {"exception": MESSAGE}, status=403)
        return self.get_response(request)
