"""/quan-ly/bao-cao/: pages of periodic reporting. Entry, workflow and dashboards live in
``web_urls``; Excel in and out in ``excel_urls``."""

from django.urls import include, path

app_name = "reporting"
urlpatterns = [
    path("excel/", include("danvan.reporting.excel_urls")),
    path("", include("danvan.reporting.web_urls")),
]
