from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from danvan.api.api import api
from danvan.core import errors as core_errors
from danvan.core import views as core_views
from danvan.core import views_suggest
from danvan.core.dbrouter import replica_reads
from danvan.emulation import views as emulation_views

# JSON on /api/, the Vietnamese page elsewhere (danvan/core/errors.py).
handler400 = "danvan.core.errors.bad_request"
handler500 = "danvan.core.errors.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("quan-ly/goi-y/", views_suggest.suggest_view, name="suggest"),
    path("quan-ly/", include("danvan.core.urls")),
    path("quan-ly/don-vi/", include("danvan.org.urls")),
    path("quan-ly/can-bo/", include("danvan.people.urls")),
    path("quan-ly/nhat-ky/", include("danvan.audit.urls")),
    path("quan-ly/", include("danvan.accounts.user_urls")),
    path("quan-ly/bao-cao/", include("danvan.reporting.urls")),
    path("quan-ly/hoi-nghi/", include("danvan.meetings.urls")),
    path("quan-ly/nhiem-vu/", include("danvan.tasks.urls")),
    path("quan-ly/van-ban/", include("danvan.documents.urls")),
    path("quan-ly/soan-thao/", include("danvan.drafting.urls")),
    path("quan-ly/thong-bao/", include("danvan.notifications.urls")),
    path("quan-ly/dan-van-kheo/", include("danvan.emulation.urls")),
    path("quan-ly/khen-thuong/", include("danvan.awards.urls")),
    path("quan-ly/don-thu/", include("danvan.petitions.urls")),
    path("quan-ly/ton-giao/", include("danvan.religion.urls")),  # religion
    path("quan-ly/an-sinh/", include("danvan.welfare.urls")),  # welfare
    path("quan-ly/nhap-bai-viet/", include("danvan.textimport.urls")),  # text import
    path("quan-ly/giam-sat/", include("danvan.supervision.urls")),  # supervision
    path("quan-ly/dan-chu/", include("danvan.democracy.urls")),  # democracy
    path("tai-khoan/", include("danvan.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    # Any other /api/ address: a JSON 404 (not a redirect to the same address with a slash).
    re_path(r"^api/", core_errors.api_not_found),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("tep/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "dan-van-kheo-anh/<int:pk>/",
        emulation_views.public_photo,
        name="emulation_public_photo",
    ),
    path("", include("danvan.portal.urls")),
]
if settings.DEBUG:
    # Development only: the portal's images. Production serves /media/images/ and
    # /media/original_images/ from the web server; the rest of MEDIA_ROOT (register files,
    # evidence) is private and only ever served through views that check access.
    from django.views.static import serve

    urlpatterns.append(
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )
# Wagtail serves every other path as a portal page: keep it last. Its page view reads from
# a replica (danvan/core/dbrouter.py), routing included; named first, it is the one reversed.
urlpatterns += [
    re_path(wagtail_urls.serve_pattern, replica_reads(wagtail_views.serve), name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
