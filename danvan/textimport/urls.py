from django.urls import path

from danvan.textimport import views
from danvan.textimport.report import views as report_views

app_name = "textimport"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("moi/", views.import_new, name="new"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/chap-nhan/", views.import_accept, name="accept"),
    path("<int:pk>/bo-qua/", views.import_discard, name="discard"),
    # A unit's report brought in from Word (issue 17 §3).
    path("bao-cao-don-vi/", report_views.report_new, name="report_new"),
    path("bao-cao-don-vi/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("bao-cao-don-vi/<int:pk>/chap-nhan/", report_views.report_accept, name="report_accept"),
    path("bao-cao-don-vi/<int:pk>/bo-qua/", report_views.report_discard, name="report_discard"),
]
