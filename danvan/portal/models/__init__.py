"""The public portal: Wagtail pages, reader comments, counters, site settings."""

from danvan.portal.models.comments import CommentStatus, ReaderComment
from danvan.portal.models.counters import PageViewCount, PortalVisitor, SiteCounter
from danvan.portal.models.pages import (
    AlbumIndexPage,
    AlbumPage,
    AlbumPhoto,
    ArticlePage,
    DocumentListPage,
    HomePage,
    NoticeIndexPage,
    NoticePage,
    SearchablePage,
    SectionPage,
)
from danvan.portal.models.settings import PortalSettings, WeatherSnapshot

__all__ = [
    "AlbumIndexPage",
    "AlbumPage",
    "AlbumPhoto",
    "ArticlePage",
    "CommentStatus",
    "DocumentListPage",
    "HomePage",
    "NoticeIndexPage",
    "NoticePage",
    "PageViewCount",
    "PortalSettings",
    "PortalVisitor",
    "ReaderComment",
    "SearchablePage",
    "SectionPage",
    "SiteCounter",
    "WeatherSnapshot",
]
