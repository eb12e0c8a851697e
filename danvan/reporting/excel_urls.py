"""/quan-ly/bao-cao/excel/: download a form's XLSX template, upload it back filled."""

from django.urls import path

from danvan.reporting import excel_views

urlpatterns = [
    path("", excel_views.excel_template, name="excel_template"),
    path("tai-xuong/", excel_views.excel_export, name="excel_export"),
    path("tai-len/", excel_views.excel_upload, name="excel_upload"),
]
