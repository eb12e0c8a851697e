"""The portal's skeleton (home and sections), for a database that lost it.

Migration 0002 creates it on every new database. A test database flushed by a
browser test (``transactional_db``) loses it; ``ensure_tree`` puts it back through
Wagtail's own tree methods and is safe to call twice.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from wagtail.models import Locale, Page, Site

from danvan.portal.models import (
    AlbumIndexPage,
    DocumentListPage,
    HomePage,
    NoticeIndexPage,
    SectionPage,
)

SECTIONS: list[tuple[type[Page], str, str]] = [
    (SectionPage, "Tin tức – sự kiện", "tin-tuc-su-kien"),
    (SectionPage, "Dân vận khéo", "dan-van-kheo"),
    (NoticeIndexPage, "Thông báo", "thong-bao"),
    (DocumentListPage, "Văn bản", "van-ban"),
    (AlbumIndexPage, "Album ảnh", "album-anh"),
]
SITE_NAME = "Cổng thông tin công tác dân vận"


def ensure_tree() -> HomePage:
    """Return the portal's home page, creating it, its sections and the site if missing."""
    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(
            language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
    for cls, title, slug in SECTIONS:
        if not cls.objects.child_of(home).filter(slug=slug).exists():
            home.add_child(instance=cls(title=title, slug=slug, show_in_menus=True))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_NAME
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


def section(slug: str) -> Page:
    """A section of the home page by its slug ("tin-tuc-su-kien", "dan-van-kheo"…)."""
    return ensure_tree().get_children().get(slug=slug).specific
