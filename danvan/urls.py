from django.contrib import admin
from django.urls import include, path

from danvan.api.api import api
from danvan.core import views as core_views

urlpatterns = [
    path("", core_views.portal_placeholder, name="portal-home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("quan-ly/", include("danvan.core.urls")),
    path("quan-ly/don-vi/", include("danvan.org.urls")),
    path("quan-ly/can-bo/", include("danvan.people.urls")),
    path("quan-ly/nhat-ky/", include("danvan.audit.urls")),
    path("quan-ly/bao-cao/", include("danvan.reporting.urls")),
    path("quan-ly/hoi-nghi/", include("danvan.meetings.urls")),
    path("quan-ly/nhiem-vu/", include("danvan.tasks.urls")),
    path("quan-ly/van-ban/", include("danvan.documents.urls")),
    path("quan-ly/soan-thao/", include("danvan.drafting.urls")),
    path("tai-khoan/", include("danvan.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
