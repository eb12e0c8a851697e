"""Portal pages (Wagtail): home, sections of articles, notices, albums, the document list.

Every page an editor writes carries a folded copy of its text for search (marks stripped,
đ→d, see ``danvan.lib.text.fold``): the search page folds the query the same way, so
"dan van kheo" finds "Dân vận khéo" on SQLite and on PostgreSQL alike. View counts live
in their own table (``PageViewCount``), never on the page: publishing a revision would
otherwise roll the count back to what it was when the revision was saved.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from danvan.lib.text import fold
from danvan.portal.blocks import RICH_FEATURES, ArticleBody

PAGE_SIZE = 12


def _page_number(request: HttpRequest) -> str | int:
    return request.GET.get("trang") or 1


class CacheablePage(Page):
    """A page whose anonymous responses the portal cache may keep (see ``portal.cache``)."""

    class Meta:
        abstract = True

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().serve(request, *args, **kwargs)
        response.portal_cacheable = True  # type: ignore[attr-defined]
        return response


class SearchablePage(CacheablePage):
    """A page found by the portal search: a folded title and a folded text in the index."""

    published_on = models.DateTimeField(
        "ngày đăng",
        default=timezone.now,
        db_index=True,
        help_text="Hiện trên trang: \u201cNgày đăng 02/03/2023 | 11:15\u201d.",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("folded_title", boost=3),
        index.SearchField("folded_text"),
        index.FilterField("published_on"),
    ]

    class Meta:
        abstract = True

    def folded_title(self) -> str:
        return fold(self.title)

    def plain_text(self) -> str:
        """The page's readable text (no markup), for the search index and feeds."""
        return ""

    def folded_text(self) -> str:
        return fold(self.plain_text())


class HomePage(CacheablePage):
    """Trang chủ: featured news, the latest of each section, notices, albums, counters."""

    intro = models.CharField("khẩu hiệu", max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "portal.SectionPage",
        "portal.NoticeIndexPage",
        "portal.AlbumIndexPage",
        "portal.DocumentListPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "trang chủ"
        verbose_name_plural = "trang chủ"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from danvan.portal import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_blocks(home=self))
        return context


class ListingPage(RoutablePageMixin, CacheablePage):
    """A page listing its published children, newest first, with an RSS feed."""

    intro = RichTextField("giới thiệu", blank=True, features=RICH_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]

    class Meta:
        abstract = True

    def children_queryset(self) -> models.QuerySet[Any]:
        raise NotImplementedError

    @path("")
    def listing(self, request: HttpRequest) -> HttpResponse:
        items = Paginator(self.children_queryset(), PAGE_SIZE).get_page(_page_number(request))
        return self.render(request, context_overrides={"items": items})

    @path("rss/")
    def rss(self, request: HttpRequest) -> HttpResponse:
        from danvan.portal.feeds import listing_feed

        return listing_feed(request, page=self)


class SectionPage(ListingPage):
    """Chuyên mục (Tin tức – sự kiện, Dân vận khéo…): articles, newest first."""

    subpage_types = ["portal.ArticlePage"]

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def children_queryset(self) -> models.QuerySet[Any]:
        from danvan.portal import selectors

        return selectors.articles(section=self)


class ArticlePage(SearchablePage):
    """Bài viết: title, date, author, source line, rich body, views, comments, "Tin khác"."""

    lead = models.TextField("sapo", blank=True, help_text="Đoạn mở đầu in đậm, hiện trong danh sách.")
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBody(), verbose_name="nội dung", blank=True)
    author = models.CharField("tác giả", max_length=200, blank=True)
    source = models.CharField(
        "nguồn", max_length=250, blank=True, help_text="Ví dụ: Ban Dân vận Quận ủy."
    )
    featured = models.BooleanField("tin nổi bật", default=False, db_index=True)
    allow_comments = models.BooleanField("cho phép bình luận", default=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="hội nghị nguồn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        # No reverse accessor: Wagtail's page manager has no type stubs for mypy to follow.
        related_name="+",
        editable=False,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("cover"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("published_on"), FieldPanel("author"), FieldPanel("source")],
            heading="Thông tin đăng",
        ),
        MultiFieldPanel(
            [FieldPanel("featured"), FieldPanel("allow_comments")], heading="Hiển thị"
        ),
    ]
    parent_page_types = ["portal.SectionPage"]
    subpage_types: list[str] = []
    search_fields = [
        *SearchablePage.search_fields,
        index.FilterField("featured"),
    ]

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        indexes = [models.Index(fields=["featured", "-published_on"], name="portal_article_feat")]

    def plain_text(self) -> str:
        parts = [self.lead, self.author, self.source]
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "heading":
                parts.append(str(block.value))
            elif block.block_type == "image":
                parts.append(block.value.get("caption") or "")
            elif block.block_type == "quote":
                parts.append(block.value.get("text") or "")
        return " ".join(part for part in parts if part)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from danvan.portal import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_blocks(article=self))
        return context


class NoticeIndexPage(ListingPage):
    """Thông báo: the board's notices, newest first."""

    subpage_types = ["portal.NoticePage"]
    max_count = 1

    class Meta:
        verbose_name = "mục thông báo"
        verbose_name_plural = "mục thông báo"

    def children_queryset(self) -> models.QuerySet[Any]:
        from danvan.portal import selectors

        return selectors.notices(index=self)


class NoticePage(SearchablePage):
    """Thông báo: a dated notice with an optional attached file."""

    body = RichTextField("nội dung", features=RICH_FEATURES)
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="tệp đính kèm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_on"),
        FieldPanel("body"),
        FieldPanel("attachment"),
    ]
    parent_page_types = ["portal.NoticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"

    def plain_text(self) -> str:
        return strip_tags(self.body)


class AlbumIndexPage(ListingPage):
    """Album ảnh: the list of albums."""

    subpage_types = ["portal.AlbumPage"]
    max_count = 1

    class Meta:
        verbose_name = "mục album ảnh"
        verbose_name_plural = "mục album ảnh"

    def children_queryset(self) -> models.QuerySet[Any]:
        from danvan.portal import selectors

        return selectors.albums(index=self)


class AlbumPage(CacheablePage):
    """An album: dated photos with captions."""

    published_on = models.DateTimeField("ngày đăng", default=timezone.now, db_index=True)
    description = models.TextField("mô tả", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_on"),
        FieldPanel("description"),
        InlinePanel("photos", label="Ảnh", min_num=1),
    ]
    parent_page_types = ["portal.AlbumIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "album ảnh"
        verbose_name_plural = "album ảnh"

    def cover_photo(self) -> AlbumPhoto | None:
        return self.photos.select_related("image").first()


class AlbumPhoto(Orderable):
    album = ParentalKey(AlbumPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="ảnh", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField("chú thích", max_length=300, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh"


class DocumentListPage(CacheablePage):
    """Văn bản: the published entries of the document register (``documents`` app)."""

    intro = RichTextField("giới thiệu", blank=True, features=RICH_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "danh mục văn bản"
        verbose_name_plural = "danh mục văn bản"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from danvan.portal import selectors

        context = super().get_context(request, *args, **kwargs)
        docs = selectors.published_documents(q=request.GET.get("q", ""))
        context["q"] = request.GET.get("q", "")
        context["items"] = Paginator(docs, PAGE_SIZE * 2).get_page(_page_number(request))
        return context
