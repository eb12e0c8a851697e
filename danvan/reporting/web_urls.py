from django.urls import path

from danvan.reporting import views

urlpatterns = [path("", views.report_home, name="home")]
