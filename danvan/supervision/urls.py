from django.urls import path

from danvan.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.activity_list, name="activities"),
    path("chuong-trinh/", views.programme_list, name="programmes"),
    path("chuong-trinh/them/", views.programme_create, name="programme_create"),
    path("chuong-trinh/<int:pk>/", views.programme_detail, name="programme"),
    path("chuong-trinh/<int:pk>/sua/", views.programme_edit, name="programme_edit"),
    path(
        "chuong-trinh/<int:programme_pk>/them-hoat-dong/",
        views.activity_create,
        name="activity_create",
    ),
    path("hoat-dong/<int:pk>/", views.activity_detail, name="activity"),
    path("hoat-dong/<int:pk>/sua/", views.activity_edit, name="activity_edit"),
    path("hoat-dong/<int:pk>/bat-dau/", views.activity_start, name="activity_start"),
    path("hoat-dong/<int:pk>/ket-thuc/", views.activity_end, name="activity_end"),
    path("hoat-dong/<int:pk>/huy/", views.activity_cancel, name="activity_cancel"),
    path(
        "hoat-dong/<int:pk>/kien-nghi/", views.recommendation_create, name="recommendation_create"
    ),
    path("kien-nghi/", views.recommendation_list, name="recommendations"),
    path("kien-nghi/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path("kien-nghi/<int:pk>/sua/", views.recommendation_edit, name="recommendation_edit"),
    path("kien-nghi/<int:pk>/tra-loi/", views.response_create, name="response_create"),
    path("kien-nghi/<int:pk>/dong/", views.recommendation_close, name="recommendation_close"),
    path(
        "kien-nghi/<int:pk>/kien-nghi-tiep/",
        views.recommendation_escalate,
        name="recommendation_escalate",
    ),
]
