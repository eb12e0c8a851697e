"""Public portal routes that are not Wagtail pages (those are served by Wagtail's catch-all)."""

from django.urls import path

from danvan.portal import views_comments, views_counters, views_search

app_name = "portal"

urlpatterns = [
    path("tim-kiem/", views_search.search, name="search"),
    path("van-ban/<int:pk>/tai-ve/", views_search.document_file, name="document_file"),
    path("_dem/", views_counters.hit, name="hit"),
    path("binh-luan/<int:page_id>/", views_comments.post_comment, name="comment"),
]
