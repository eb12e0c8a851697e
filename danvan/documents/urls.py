from django.urls import path
from django.views.generic import RedirectView

app_name = "documents"
# Scaffolding until the app's pages land: the menu link must resolve.
urlpatterns = [path("", RedirectView.as_view(pattern_name="core:home"), name="list")]
