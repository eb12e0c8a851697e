"""The project's URLs plus Django's reset confirm page, as the parallel password-reset
work names it, so the reset e-mail can be tested before that work is merged."""

from django.contrib.auth import views as auth_views
from django.urls import path

from danvan.urls import urlpatterns as project

urlpatterns = [
    path(
        "tai-khoan/dat-lai/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    *project,
]
