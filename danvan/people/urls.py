from django.urls import path

from danvan.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("them/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/sua/", views.person_edit, name="edit"),
    path("<int:pk>/xoa/", views.person_delete, name="delete"),
    path("<int:person_pk>/chuc-vu/them/", views.position_create, name="position_create"),
    path("chuc-vu/<int:pk>/sua/", views.position_edit, name="position_edit"),
    path("chuc-vu/<int:pk>/xoa/", views.position_delete, name="position_delete"),
]
