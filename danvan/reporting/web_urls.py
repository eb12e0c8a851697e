"""/quan-ly/bao-cao/ (namespace ``reporting``): the report list, entry with autosave,
workflow buttons, attachments, and the dashboard with its XLSX export."""

from django.urls import path

from danvan.reporting import views

_REPORT = "<int:unit_id>/<str:period>/<slug:form_code>/"

urlpatterns = [
    path("", views.report_home, name="home"),
    path(f"nhap/{_REPORT}", views.entry, name="entry"),
    path(f"nhap/{_REPORT}luu/", views.entry_save, name="entry_save"),
    path(f"nhap/{_REPORT}chep-ky-truoc/", views.entry_copy, name="entry_copy"),
    path(f"nhap/{_REPORT}tep/", views.attachment_add, name="attachment_add"),
    path(f"nhap/{_REPORT}gui/", views.workflow, {"action": "submit"}, name="submit"),
    path(f"nhap/{_REPORT}duyet/", views.workflow, {"action": "approve"}, name="approve"),
    path(f"nhap/{_REPORT}tra-lai/", views.workflow, {"action": "return"}, name="return"),
    path(f"nhap/{_REPORT}huy-duyet/", views.workflow, {"action": "unapprove"}, name="unapprove"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("tep/<int:pk>/xoa/", views.attachment_delete, name="attachment_delete"),
    path("tong-hop/", views.dashboard_page, name="dashboard"),
    path("tong-hop/xlsx/", views.dashboard_xlsx, name="dashboard_xlsx"),
]
