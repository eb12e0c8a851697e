"""Write the portal's demo content (``danvan.demo.portal_data``) through Wagtail's own API.

Runs last in ``load_demo``, after the users: the tree comes from ``portal.setup.ensure_tree``,
pages are added with ``add_child`` and published with ``save_revision().publish()`` (written
by demo_editor, published by demo_moderator, so the CMS history reads like the real thing),
and the portal's Wagtail groups are resynchronised with the roles. Pictures are drawn here
with Pillow (no binary file in the repository) into the collection "Ảnh demo".

Safe to run twice: pages are found by slug, images by title in their collection, comments
by page, name and text, the view count by page; settings only fill empty fields. What
exists is left alone, so a second run writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText
from wagtail.search.index import insert_or_update_object

from danvan.core import clock
from danvan.demo import current_portal, meetings_data, portal_data
from danvan.documents.models import Document
from danvan.lib.text import fold
from danvan.meetings.models import Meeting
from danvan.org.models import OrgUnit
from danvan.portal.models import (
    AlbumPage,
    AlbumPhoto,
    ArticlePage,
    CommentStatus,
    NoticePage,
    PageViewCount,
    PortalSettings,
    ReaderComment,
)
from danvan.portal.roles import sync_all_cms_groups
from danvan.portal.setup import ensure_tree, section

_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CREATED, UPDATED, KEPT = "tạo mới", "cập nhật", "giữ nguyên"
COLLECTION = "Ảnh demo"
PHOTO = "ẢNH: "
# Fonts with Vietnamese marks (Debian: fonts-dejavu-core, fonts-liberation).
FONTS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
]
RED, DARK_RED, GOLD, CREAM = (178, 24, 30), (120, 12, 18), (246, 196, 68), (255, 246, 222)

Drawer = Callable[[str], bytes]


def _moment(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=_TZ)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONTS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill: Any) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _caption_block(
    draw: ImageDraw.ImageDraw, text: str, *, box: tuple[int, int, int, int], fill: Any
) -> None:
    """Centre ``text`` in ``box``, shrinking the font until it fits."""
    left, top, right, bottom = box
    for size in range(64, 18, -4):
        font = _font(size)
        lines = _wrap(draw, text, font, right - left)
        height = len(lines) * int(size * 1.3)
        if height <= bottom - top:
            break
    y = top + (bottom - top - height) // 2
    for line in lines:
        x = left + (right - left - draw.textlength(line, font=font)) // 2
        draw.text((x, y), line, font=font, fill=fill)
        y += int(size * 1.3)


def _png(picture: PILImage.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def draw_banner(caption: str) -> bytes:
    """An article's cover: a red banner with gold bands, a star and the caption."""
    width, height = 1200, 675
    picture = PILImage.new("RGB", (width, height), RED)
    draw = ImageDraw.Draw(picture)
    for y in range(height):  # darker towards the bottom
        shade = int(40 * y / height)
        draw.line([(0, y), (width, y)], fill=(RED[0] - shade, RED[1] - shade // 3, RED[2]))
    draw.rectangle([0, 0, width, 18], fill=GOLD)
    draw.rectangle([0, height - 18, width, height], fill=GOLD)
    _star(draw, 150, height / 2, 90, GOLD)
    _caption_block(draw, caption, box=(290, 110, width - 70, height - 150), fill=CREAM)
    footer = _font(22)
    draw.text((290, height - 110), "Ảnh minh họa · dữ liệu trình diễn", font=footer, fill=GOLD)
    return _png(picture)


def draw_photo(caption: str) -> bytes:
    """A stand-in for a meeting photo: a hall, a red stage banner, rows of delegates."""
    width, height = 1200, 800
    tone = int(hashlib.sha1(caption.encode()).hexdigest()[:2], 16) % 40
    picture = PILImage.new("RGB", (width, height), (226 - tone, 214 - tone, 196 - tone))
    draw = ImageDraw.Draw(picture)
    draw.rectangle([80, 60, width - 80, 300], fill=DARK_RED)
    draw.rectangle([80, 60, width - 80, 72], fill=GOLD)
    _star(draw, 150, 185, 45, GOLD)
    _caption_block(draw, caption, box=(220, 90, width - 110, 280), fill=CREAM)
    draw.rectangle([0, 330, width, height], fill=(150 - tone, 120 - tone, 96 - tone))
    for row in range(4):  # delegates, seen from the back of the hall
        y = 420 + row * 80
        for col in range(14 - row % 2):
            x = 60 + col * 84 + (row % 2) * 42
            draw.ellipse([x, y, x + 36, y + 36], fill=(48, 40, 36))
            draw.rectangle([x - 10, y + 34, x + 46, y + 76], fill=(40 + row * 12, 52, 86))
    draw.text((24, height - 40), "Ảnh minh họa · dữ liệu trình diễn", font=_font(20), fill=CREAM)
    return _png(picture)


def summary(tally: Counter[str]) -> str:
    counts = [f"{tally[status]} {status}" for status in (CREATED, UPDATED, KEPT) if tally[status]]
    return f"cổng thông tin: {', '.join(counts) or 'không có gì'}"


class PortalLoader:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.tally: Counter[str] = Counter()
        self.articles: dict[str, ArticlePage] = {}
        user_model = get_user_model()
        self.editor = user_model.objects.filter(username="demo_editor").first()
        self.moderator = user_model.objects.filter(username="demo_moderator").first()

    def run(self) -> Counter[str]:
        home = self.load_content()
        self.load_settings(home)
        self.load_documents()
        sync_all_cms_groups()
        return self.tally

    def load_content(self) -> Page:
        """The pages, pictures and comments alone (what a browser test needs); returns home."""
        home = ensure_tree()
        self.collection = self._collection()
        self.progress(
            "Cổng thông tin: năm bài viết mẫu và bài của năm nay, album ảnh, thông báo, ý kiến "
            "bạn đọc…"
        )
        self.load_articles()
        self.load_album()
        self.load_notices()
        self.load_comments()
        return home

    # --- helpers ----------------------------------------------------------------------

    def _collection(self) -> Collection:
        # A database flushed by a browser test has lost even the root collection.
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        found = root.get_children().filter(name=COLLECTION).first()
        if found is not None:
            return found
        return root.add_child(name=COLLECTION)

    def image(self, title: str, draw: Drawer) -> Image:
        found = Image.objects.filter(collection=self.collection, title=title).first()
        if found is not None:
            return found
        data = draw(title)
        name = f"{slugify(fold(title))[:60] or 'anh'}.png"
        image = Image(
            title=title,
            collection=self.collection,
            file=ImageFile(io.BytesIO(data), name=name),
            file_size=len(data),
            file_hash=hashlib.sha1(data).hexdigest(),
        )
        image.save()
        self.tally[CREATED] += 1
        return image

    def _publish(self, parent: Page, page: Page, when: dt.datetime) -> None:
        """Add ``page`` under ``parent``: the editor writes it, the moderator publishes it."""
        page.first_published_at = when
        parent.add_child(instance=page)
        page.save_revision(user=self.editor).publish(user=self.moderator)
        # The worker would index it later; the demo should be searchable at once.
        insert_or_update_object(page)
        self.tally[CREATED] += 1

    def _body(self, items: list[str]) -> list[tuple[str, Any]]:
        blocks: list[tuple[str, Any]] = []
        for text in items:
            if text.startswith(PHOTO):
                caption = text.removeprefix(PHOTO)
                image = self.image(caption, draw_photo)
                blocks.append(("image", {"image": image, "caption": caption}))
            else:
                blocks.append(("paragraph", RichText(f"<p>{escape(text)}</p>")))
        return blocks

    def _meeting(self, key: str, pk: int | None = None) -> Meeting | None:
        if pk is not None:
            return Meeting.objects.filter(pk=pk).first()
        spec = meetings_data.MEETINGS.get(key)
        if spec is None:
            return None
        when = _moment(spec["starts_at"])
        return Meeting.objects.filter(title=spec["title"], starts_at=when).first()

    # --- content ----------------------------------------------------------------------

    def load_articles(self) -> None:
        # The seeds' five, then the year of the load's (danvan.demo.current_portal).
        for spec in [*portal_data.ARTICLES, *current_portal.current_articles(clock.today())]:
            found = ArticlePage.objects.filter(slug=spec["slug"]).first()
            if found is None:
                when = _moment(spec["published_on"])
                found = ArticlePage(
                    title=spec["title"],
                    slug=spec["slug"],
                    published_on=when,
                    lead=spec["lead"],
                    cover=self.image(spec["cover"], draw_banner),
                    body=self._body(spec["body"]),
                    author=spec["author"],
                    source=spec["source"],
                    featured=spec["featured"],
                    meeting=self._meeting(spec.get("meeting", ""), spec.get("meeting_pk")),
                )
                self._publish(section(spec["section"]), found, when)
            else:
                self.tally[KEPT] += 1
            self.articles[spec["seed"]] = found
            if spec.get("views"):
                _, created = PageViewCount.objects.get_or_create(
                    page_id=found.pk, defaults={"views": spec["views"]}
                )
                self.tally[CREATED if created else KEPT] += 1

    def load_album(self) -> None:
        spec = portal_data.ALBUM
        if AlbumPage.objects.filter(slug=spec["slug"]).exists():
            self.tally[KEPT] += 1
            return
        when = _moment(spec["published_on"])
        photos = [
            AlbumPhoto(image=self.image(caption, draw_photo), caption=caption, sort_order=n)
            for n, caption in enumerate(spec["photos"])
        ]
        album = AlbumPage(
            title=spec["title"],
            slug=spec["slug"],
            published_on=when,
            description=spec["description"],
            photos=photos,
        )
        self._publish(section("album-anh"), album, when)

    def load_notices(self) -> None:
        for spec in portal_data.NOTICES:
            if NoticePage.objects.filter(slug=spec["slug"]).exists():
                self.tally[KEPT] += 1
                continue
            when = _moment(spec["published_on"])
            notice = NoticePage(
                title=spec["title"],
                slug=spec["slug"],
                published_on=when,
                body=spec["body"] + portal_data.DEMO_NOTE,
            )
            self._publish(section("thong-bao"), notice, when)

    def load_comments(self) -> None:
        article = self.articles.get(portal_data.COMMENTS_ON)
        if article is None:
            return
        for name, email, text, approved, sent in portal_data.COMMENTS:
            if ReaderComment.objects.filter(page_id=article.pk, name=name, text=text).exists():
                self.tally[KEPT] += 1
                continue
            created_at = _moment(sent)
            ReaderComment.objects.create(
                page_id=article.pk,
                name=name,
                email=email,
                text=text,
                created_at=created_at,
                status=CommentStatus.APPROVED if approved else CommentStatus.PENDING,
                moderated_by=self.moderator if approved else None,
                moderated_at=created_at + dt.timedelta(hours=2) if approved else None,
            )
            self.tally[CREATED] += 1

    def load_settings(self, home: Page) -> None:
        """Fill the footer's empty fields; an administrator's own words are kept."""
        site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
        if (site.hostname, site.port) == ("localhost", 80):
            # Links in feeds, the sitemap and Open Graph use the Site's address: in the
            # demo, the address `make run` serves (PORTAL_BASE_URL).
            address = urlsplit(django_settings.WAGTAILADMIN_BASE_URL)
            site.hostname = address.hostname or "127.0.0.1"
            site.port = address.port or (443 if address.scheme == "https" else 80)
            site.save(update_fields=["hostname", "port"])
        settings = PortalSettings.for_site(site)
        empty = [
            field for field, value in portal_data.SETTINGS.items() if not getattr(settings, field)
        ]
        for field in empty:
            setattr(settings, field, portal_data.SETTINGS[field])
        if empty:
            settings.save(update_fields=empty)
            self.tally[UPDATED] += 1
        else:
            self.tally[KEPT] += 1

    def load_documents(self) -> None:
        """Mark the register entries seed 000 cites as public, for /van-ban/."""
        for key in portal_data.PUBLIC_DOCUMENTS:
            spec = meetings_data.DOCUMENTS[key]
            holder = OrgUnit.all_objects.get(code=spec["holder"])
            document = Document.objects.filter(
                org_unit=holder, title=spec["title"], is_stub=False
            ).first()
            if document is None or document.is_public:
                self.tally[KEPT] += 1
                continue
            # demo history: Hoàng Mai published these in 2023, before the district closed;
            # the services refuse changes to a closed unit's register, so the flag is set
            # here (still recorded in the audit log).
            document.is_public = True
            document.save(update_fields=["is_public"])
            self.tally[UPDATED] += 1
