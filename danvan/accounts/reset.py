"""Password reset by e-mail ("Quên mật khẩu?"): Django's views, our templates and limits.

The answer is the same whether or not an account has the address (no user enumeration):
Django's form sends mail only to active users with a usable password and says nothing
either way. Requests are throttled in the cache, per address and per client IP
(``PASSWORD_RESET_PER_HOUR``); past the limit the same "check your mail" page is shown and
nothing is sent. Demo accounts never get a reset mail (their password is public).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path, reverse_lazy
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 3600


def _allowed(kind: str, value: str) -> bool:
    """One more request for this address/IP inside the hour, or False past the limit."""
    mark = salted_hmac("danvan.accounts.reset", f"{kind}\n{value}", algorithm="sha256")
    key = f"reset:{mark.hexdigest()}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= settings.PASSWORD_RESET_PER_HOUR


class ResetForm(PasswordResetForm):
    def get_users(self, email: str) -> Any:
        return (user for user in super().get_users(email) if not getattr(user, "is_demo", False))


class ResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/reset/password_reset_form.html"
    email_template_name = "accounts/reset/password_reset_email.txt"
    subject_template_name = "accounts/reset/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_email_context = {"timeout_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)}

    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        ip = str(self.request.META.get("REMOTE_ADDR") or "")
        # Both counters move on every request, so neither limit can be dodged by the other.
        by_ip = _allowed("ip", ip)
        by_email = _allowed("email", email)
        if by_ip and by_email:
            return super().form_valid(form)
        return HttpResponse(status=302, headers={"Location": str(self.success_url)})


urlpatterns = [
    path("quen-mat-khau/", ResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/reset/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/reset/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/reset/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
