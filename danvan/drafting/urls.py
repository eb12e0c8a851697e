from django.urls import path
from django.views.generic import RedirectView

app_name = "drafting"
# Scaffolding until the pages land: the menu link must resolve.
urlpatterns = [path("", RedirectView.as_view(pattern_name="core:home"), name="home")]
