from django.contrib.auth import views as auth_views
from django.urls import path

from danvan.accounts import reset, views
from danvan.accounts.forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    *reset.urlpatterns,  # "Quên mật khẩu?" (accounts/reset.py)
]
