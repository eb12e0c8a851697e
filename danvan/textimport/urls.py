from django.urls import path

from danvan.textimport import views

app_name = "textimport"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("moi/", views.import_new, name="new"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/chap-nhan/", views.import_accept, name="accept"),
    path("<int:pk>/bo-qua/", views.import_discard, name="discard"),
]
