from django.urls import path

from danvan.religion import views, views_events

app_name = "religion"
urlpatterns = [
    path("", views.place_list, name="places"),
    path("co-so/them/", views.place_create, name="place_create"),
    path("co-so/<int:pk>/", views.place_detail, name="place"),
    path("co-so/<int:pk>/sua/", views.place_edit, name="place_edit"),
    path("co-so/<int:pk>/tinh-trang/", views.place_state, name="place_state"),
    path("to-chuc/", views.organisation_list, name="organisations"),
    path("to-chuc/them/", views.organisation_create, name="organisation_create"),
    path("to-chuc/<int:pk>/", views.organisation_detail, name="organisation"),
    path("to-chuc/<int:pk>/sua/", views.organisation_edit, name="organisation_edit"),
    path("chuc-sac/", views.figure_list, name="figures"),
    path("chuc-sac/them/", views.figure_create, name="figure_create"),
    path("chuc-sac/<int:pk>/", views.figure_detail, name="figure"),
    path("chuc-sac/<int:pk>/sua/", views.figure_edit, name="figure_edit"),
    path("mo-hinh/", views.models_list, name="models"),
    path("nhat-ky-doc/", views.read_log, name="read_log"),
    path("su-kien/", views_events.event_list, name="events"),
    path("su-kien/them/", views_events.event_create, name="event_create"),
    path("su-kien/<int:pk>/", views_events.event_detail, name="event"),
    path("su-kien/<int:pk>/sua/", views_events.event_edit, name="event_edit"),
    path("su-kien/<int:pk>/da-dien-ra/", views_events.event_held, name="event_held"),
    path("su-kien/<int:pk>/huy/", views_events.event_cancel, name="event_cancel"),
    path("tinh-hinh/", views_events.situation_list, name="situations"),
    path("tinh-hinh/them/", views_events.situation_create, name="situation_create"),
    path("tinh-hinh/<int:pk>/", views_events.situation_detail, name="situation"),
    path("tinh-hinh/<int:pk>/sua/", views_events.situation_edit, name="situation_edit"),
    path("tinh-hinh/<int:pk>/ket-thuc/", views_events.situation_close, name="situation_close"),
]
