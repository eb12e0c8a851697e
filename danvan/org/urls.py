from django.urls import path

from danvan.core import views_suggest
from danvan.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("them/", views.unit_create, name="create"),
    path("goi-y/", views_suggest.suggest_view, name="suggest"),
    path("da-xoa/", views.unit_trash, name="trash"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/sua/", views.unit_edit, name="edit"),
    path("<int:pk>/chuyen/", views.unit_move, name="move"),
    path("<int:pk>/sap-nhap/", views.unit_merge, name="merge"),
    path("<int:pk>/xoa/", views.unit_delete, name="delete"),
    path("<int:pk>/khoi-phuc/", views.unit_restore, name="restore"),
]
