"""/quan-ly/thong-bao/ (namespace ``notifications``): the list, open one, mark read."""

from django.urls import path

from danvan.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/mo/", views.notification_open, name="open"),
    path("<int:pk>/da-doc/", views.notification_read, name="read"),
    path("da-doc-tat-ca/", views.notification_read_all, name="read_all"),
    path("cach-nhan/", views.preferences, name="preferences"),
    path("huy-nhan-thu/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
