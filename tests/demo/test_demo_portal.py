"""The demo's portal, after the real ``load_demo`` (issue 6's acceptance): the home page
lists the five seed articles, search finds them typed without marks, a visit counts, a
reader's comment waits for a moderator, and a second load writes nothing. One load for the
whole file (it takes 15–40 s)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.test import Client
from wagtail.images.models import Image
from wagtail.models import Page, Revision

from danvan.accounts.models import User
from danvan.core import clock
from danvan.demo import portal_data
from danvan.documents.selectors import public_documents
from danvan.portal import comments as portal_comments
from danvan.portal.models import (
    AlbumPage,
    ArticlePage,
    CommentStatus,
    NoticePage,
    PageViewCount,
    PortalSettings,
    ReaderComment,
)
from danvan.portal.roles import EDITORS, MODERATORS
from tests.demo_db import Demo

SEEDS = Path(__file__).parent.parent / "documents" / "seeds"
HOANG_MAI = "giao-ban-cong-tac-dan-van-thang-2-2023-hoang-mai"
TAY_HO = "tay-ho-tong-ket-10-nam-quyet-dinh-290-qd-tw"
# The last words of each seed's body, as the seed writes them (the page chrome around
# them is dropped): the whole article made it into the page.
LAST_WORDS = {
    "000": "nhiệm vụ chính trị của Quận.",
    "001": "trong dịp tết dương lịch 2023....",
    "002": "Khảo sát, đánh giá công tác tham mưu của các Khối Dân vận cơ sở năm 2021.",
    "003": "góp phần thực hiện thắng lợi nhiệm vu chung của toàn quận trong năm 2020./.",
    "004": "Quy chế dân chủ ở cơ sở năm 2019.",
}


def _counts() -> tuple[int, ...]:
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Image.objects.count(),
        ReaderComment.objects.count(),
        PageViewCount.objects.count(),
    )


def _seed_title(name: str) -> str:
    """A seed's title line: the line before its "Ngày đăng" line."""
    lines = [line.strip() for line in (SEEDS / name).read_text().splitlines()]
    at = next(i for i, line in enumerate(lines) if line.startswith("Ngày đăng"))
    return lines[at - 1]


@pytest.mark.slow
def test_demo_portal_acceptance(demo: Demo) -> None:
    reader = Client()

    # The home page lists the five seed articles, the Hoàng Mai one with its real title.
    home = reader.get("/").content.decode()
    seeds = [spec["slug"] for spec in portal_data.ARTICLES]
    articles = list(ArticlePage.objects.live().filter(slug__in=seeds).order_by("published_on"))
    assert len(articles) == 5
    for article in articles:
        assert article.title in home
    # Beside them, articles of the year of the load, under "Dân vận khéo", on the home
    # page too; the giao ban ones link to their meeting.
    today = clock.today()
    current = ArticlePage.objects.live().exclude(slug__in=seeds)
    assert current.count() == 3
    for article in current:
        assert today - dt.timedelta(days=366) < article.published_on.date() <= today
        assert article.get_parent().slug == "dan-van-kheo"
        assert article.title in home
    assert current.filter(meeting__isnull=False).count() == 2
    assert _seed_title("000_4e566c51960c507f.txt") in home
    assert _seed_title("003_ac480bf2e3db7916.txt") in home

    # Each article: its date line, author, source and whole body, its cover drawn.
    for article in articles:
        assert article.cover is not None
        assert article.meeting is not None, article.title
    hoang_mai = ArticlePage.objects.get(slug=HOANG_MAI)
    page = reader.get(hoang_mai.url).content.decode()
    assert "Ngày đăng 02/03/2023 | 11:15" in page
    assert "Nguồn: Ban Dân vận Quận ủy" in page
    assert LAST_WORDS["000"] in page
    assert hoang_mai.meeting.starts_at.date().isoformat() == "2023-02-23"
    tay_ho = ArticlePage.objects.get(slug=TAY_HO)
    page = reader.get(tay_ho.url).content.decode()
    assert "Ngày đăng 03/07/2020 | 09:58" in page
    assert "528" in page
    hoan_kiem = ArticlePage.objects.get(author="Công Thọ")
    assert hoan_kiem.source == "Kinhtedothi"
    for seed, words in LAST_WORDS.items():
        assert any(words in a.plain_text() for a in articles), seed
    assert "Tìm kiếm" not in tay_ho.plain_text()
    assert "Chia sẻ" not in hoan_kiem.plain_text()
    assert ArticlePage.objects.filter(featured=True).count() == 3

    # Search, typed without marks (long titles are shortened around the words found, so
    # the result is recognised by its link).
    found = reader.get("/tim-kiem/", {"q": "dan van kheo"})
    assert found.status_code == 200
    assert f'href="{tay_ho.url}"' in found.content.decode()
    found = reader.get("/tim-kiem/", {"q": "doan the"})
    assert f'href="{hoang_mai.url}"' in found.content.decode()

    # One album, two notices, pending and approved comments, the footer, public documents.
    album = AlbumPage.objects.get()
    assert album.title == "Hội nghị giao ban công tác dân vận tháng 2/2023"
    assert 4 <= album.photos.count() <= 6
    assert NoticePage.objects.live().count() == 2
    on_article = ReaderComment.objects.filter(page_id=hoang_mai.pk)
    assert on_article.filter(status=CommentStatus.APPROVED).count() == 2
    assert 3 <= on_article.filter(status=CommentStatus.PENDING).count() <= 4
    footer = PortalSettings.objects.get()
    assert footer.organisation and not footer.weather_provider_url
    assert {"18-CT/TW", "138-KH/QU", "290-QĐ/TW"} <= {d.reference for d in public_documents()}
    assert "138-KH/QU" in reader.get("/van-ban/").content.decode()
    assert set(User.objects.get(username="demo_editor").groups.values_list("name", flat=True)) == {
        EDITORS
    }
    assert set(
        User.objects.get(username="demo_moderator").groups.values_list("name", flat=True)
    ) == {MODERATORS}

    # A visit counts: the beacon answers the article's views, one more each time.
    # (another address each time: one address counts once per page per half hour)
    first = json.loads(reader.post("/_dem/", {"page": tay_ho.pk}).content)
    second = json.loads(
        reader.post("/_dem/", {"page": tay_ho.pk}, REMOTE_ADDR="198.51.100.9").content
    )
    assert first["views"] >= 529
    assert second["views"] == first["views"] + 1

    # A reader's comment is held until a moderator approves it.
    text = "Xin cảm ơn Ban Dân vận đã thông tin về hội nghị."
    response = reader.post(
        f"/binh-luan/{hoang_mai.pk}/", {"name": "Bạn đọc thử", "email": "", "text": text}
    )
    assert response.status_code in (200, 302)
    assert text not in reader.get(hoang_mai.url).content.decode()
    comment = ReaderComment.objects.get(text=text)
    moderator = User.objects.get(username="demo_moderator")
    portal_comments.comment_approve(user=moderator, comment=comment)
    assert text in reader.get(hoang_mai.url).content.decode()
    comment.delete()
