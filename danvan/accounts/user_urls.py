from django.urls import path

from danvan.accounts import views

app_name = "users"
urlpatterns = [
    path("nguoi-dung/", views.user_list, name="list"),
    path("nguoi-dung/them/", views.user_create, name="create"),
    path("nguoi-dung/<int:pk>/", views.user_detail, name="detail"),
    path("nguoi-dung/<int:pk>/vai-tro/", views.role_grant, name="role_grant"),
    path(
        "nguoi-dung/<int:pk>/vai-tro/<int:assignment_pk>/thu-hoi/",
        views.role_withdraw,
        name="role_withdraw",
    ),
    path("nguoi-dung/<int:pk>/trang-thai/", views.user_set_active, name="set_active"),
    path("nguoi-dung/<int:pk>/mat-khau-tam/", views.user_temporary_password, name="temp_password"),
    path("nguoi-dung/<int:pk>/gui-lien-ket/", views.user_send_reset, name="send_reset"),
    path("nguoi-dung/<int:pk>/ho-so-can-bo/", views.user_person, name="person"),
    path("tai-khoan/", views.profile, name="profile"),
]
