"""/quan-ly/hoi-nghi/ (namespace ``meetings``): the list, each meeting's page and its
parts, the calendar, and recurring meetings with their iCal feed."""

from django.urls import URLPattern, path

from danvan.meetings import views, views_parts, views_series
from danvan.portal import views_staff

app_name = "meetings"


def _part_urls(part: str, slug: str) -> list[URLPattern]:
    base = f"<int:pk>/{slug}/"
    return [
        path(f"{base}them/", views_parts.part_add, {"part": part}, name=f"{part}_add"),
        path(
            f"{base}<int:row_pk>/sua/", views_parts.part_edit, {"part": part}, name=f"{part}_edit"
        ),
        path(
            f"{base}<int:row_pk>/xoa/",
            views_parts.part_remove,
            {"part": part},
            name=f"{part}_remove",
        ),
    ]


urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("them/", views.meeting_create, name="create"),
    path("da-xoa/", views.meeting_trash, name="trash"),
    path("lich/", views.calendar_current, name="calendar_current"),
    path("lich/<int:year>/<int:month>/", views.calendar_month, name="calendar"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/sua/", views.meeting_edit, name="edit"),
    path("<int:pk>/xoa/", views.meeting_delete, name="delete"),
    path("<int:pk>/khoi-phuc/", views.meeting_restore, name="restore"),
    path("<int:pk>/bien-ban/", views_parts.minutes_edit, name="minutes"),
    path("<int:pk>/tao-bai-viet/", views_staff.meeting_article, name="article"),
    *_part_urls("attendance", "thanh-phan"),
    *_part_urls("bridge", "diem-cau"),
    *_part_urls("agenda", "chuong-trinh"),
    *_part_urls("opinion", "y-kien"),
    *_part_urls("conclusion", "ket-luan"),
    path(
        "<int:pk>/chuong-trinh/<int:row_pk>/len/",
        views_parts.agenda_move,
        {"direction": "up"},
        name="agenda_up",
    ),
    path(
        "<int:pk>/chuong-trinh/<int:row_pk>/xuong/",
        views_parts.agenda_move,
        {"direction": "down"},
        name="agenda_down",
    ),
    path("dinh-ky/", views_series.series_list, name="series_list"),
    path("dinh-ky/them/", views_series.series_create, name="series_create"),
    path("dinh-ky/<int:pk>/", views_series.series_detail, name="series_detail"),
    path("dinh-ky/<int:pk>/sua/", views_series.series_edit, name="series_edit"),
    path("dinh-ky/<int:pk>/xoa/", views_series.series_delete, name="series_delete"),
    path("dinh-ky/<int:pk>/len-lich/", views_series.series_schedule, name="series_schedule"),
    path("dinh-ky/<int:pk>/lich.ics", views_series.series_ical, name="series_ical"),
    path("dinh-ky/<int:pk>/ma-lich/", views_series.feed_token_new, name="feed_token_new"),
]
