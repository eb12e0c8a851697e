from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# The account pages (log in and out, change or reset the password) and the language switch.
_OPEN_PREFIXES = ("/tai-khoan/", "/i18n/")


class TemporaryPasswordMiddleware:
    """A user whose password was set by a manager sees only the password change page
    until they choose their own. Must sit after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.open_prefixes = (*_OPEN_PREFIXES, settings.STATIC_URL or "/static/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(self.open_prefixes)
        ):
            messages.warning(
                request, "Mật khẩu của bạn là mật khẩu tạm: hãy đặt mật khẩu mới để tiếp tục."
            )
            return redirect(reverse("accounts:password_change"))
        return self.get_response(request)
