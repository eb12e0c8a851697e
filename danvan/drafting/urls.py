"""/quan-ly/soan-thao/ (namespace ``drafting``): official documents out."""

from __future__ import annotations

from django.urls import path

from danvan.drafting import views, views_meetings, views_templates

app_name = "drafting"
urlpatterns = [
    path("", views.home, name="home"),
    path("du-thao/them/", views.draft_create, name="draft_create"),
    path("du-thao/<int:pk>/", views.draft_detail, name="draft"),
    path("du-thao/<int:pk>/luu/", views.draft_save, name="draft_save"),
    path("du-thao/<int:pk>/tong-hop-lai/", views.draft_recompile, name="draft_recompile"),
    path("du-thao/<int:pk>/ban-hanh/", views.draft_issue, name="draft_issue"),
    path("du-thao/<int:pk>/xoa/", views.draft_delete, name="draft_delete"),
    path("du-thao/<int:pk>/tao-tep/", views.draft_generate, name="draft_generate"),
    path(
        "hoi-nghi/<int:pk>/<str:kind>/tao-tep/",
        views_meetings.meeting_generate,
        name="meeting_generate",
    ),
    path(
        "hoi-nghi/<int:pk>/<str:kind>/cap-so/", views_meetings.meeting_issue, name="meeting_issue"
    ),
    path("tep/<int:pk>/", views.file_status, name="file_status"),
    path("tep/<int:pk>/<str:fmt>/", views.file_download, name="file_download"),
    # Mẫu văn bản (docxtpl templates): list, download the built-in or current one, upload.
    path("mau/", views_templates.template_list, name="templates"),
    path(
        "mau/<str:kind>/<str:style>/tai-ve/",
        views_templates.template_download,
        name="template_download",
    ),
    path("mau/tai-len/", views_templates.template_upload, name="template_upload"),
]
