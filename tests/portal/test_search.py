"""/tim-kiem/: readers find articles, notices and published documents with or without marks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from danvan.documents.folding import refresh_search
from danvan.documents.models import Document
from danvan.portal.search import excerpt, portal_search

SEARCH = "/tim-kiem/"
SEEDS = Path(__file__).parent.parent / "documents" / "seeds"  # the five real articles


def found_raw(client: Client, q: str, **params: Any) -> str:
    response = client.get(SEARCH, {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def found(client: Client, q: str, **params: Any) -> str:
    """The results part of the page (not the menu or sidebar), without the <mark> tags."""
    html = found_raw(client, q, **params)
    start = html.find('<h1 class="search-title">')
    end = html.find('<aside class="sidebar"')
    return html[start:end].replace("<mark>", "").replace("</mark>", "")


@pytest.fixture
def make_document(tree: Any, settings: Any, tmp_path: Any) -> Callable[..., Document]:
    settings.MEDIA_ROOT = tmp_path

    def make(reference: str, title: str, *, public: bool = True, data: bytes = b"") -> Document:
        document = Document(
            org_unit=tree.hanoi,
            reference=reference,
            title=title,
            issued_on=dt.date(2023, 2, 23),
            is_public=public,
        )
        if data:
            document.file = ContentFile(data, name="tep.pdf")
            document.file_name = f"{reference.replace('/', '-')}.pdf"
        refresh_search(document)
        document.save()
        return document

    return make


def test_unmarked_query_finds_marked_title(client: Client, make_article: Any) -> None:
    make_article("Dân vận khéo ở phường Định Công", section_slug="dan-van-kheo")
    make_article("Hội nghị giao ban tháng 3")

    html = found(client, "dan van kheo")

    assert "Dân vận khéo ở phường Định Công" in html
    assert "Hội nghị giao ban tháng 3" not in html
    assert "Tìm thấy 1 bài viết, 0 văn bản cho “dan van kheo”" in html
    assert 'value="dan van kheo"' in html  # the query stays in the box


def test_unmarked_query_finds_marked_body_and_marks_the_words(
    client: Client, make_article: Any
) -> None:
    make_article("Giao ban tháng 2", text="Ban Dân vận làm việc với Mặt trận và các Đoàn thể.")

    dang = found(client, "dang")
    assert "Giao ban tháng 2" not in dang  # "dang" is a whole word, not inside "Dân"
    doan_the = found_raw(client, "doan the")
    assert "Giao ban tháng 2" in doan_the
    assert "<mark>Đoàn</mark> <mark>thể</mark>" in doan_the
    assert "Tin tức – sự kiện</a></span>" in doan_the  # the section it belongs to


def test_dang_finds_dang_with_marks_and_capital_d(client: Client, make_article: Any) -> None:
    make_article("Học tập Nghị quyết", text="Đảng bộ phường tổ chức học tập.")
    make_article("Chào mừng ngày thành lập ĐẢNG")

    html = found(client, "dang")

    assert "Học tập Nghị quyết" in html
    assert "Chào mừng ngày thành lập ĐẢNG" in html
    assert "Tìm thấy 2 bài viết" in html


@pytest.mark.parametrize("query", ["dân vận", "DÂN VẬN", "Dân Vận", "  dan   van  "])
def test_marked_and_capital_queries_find_the_same(
    client: Client, make_article: Any, query: str
) -> None:
    make_article("Tổng kết công tác dân vận năm 2022")

    assert "Tổng kết công tác dân vận năm 2022" in found(client, query)


def test_the_seed_articles_found_without_marks(client: Client, make_article: Any) -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        make_article(f"Bài mẫu {seed.name[:3]}", text=escape(seed.read_text(encoding="utf-8")))

    html = found(client, "dan van kheo")
    assert "Tìm thấy 3 bài viết" in html
    assert all(f"Bài mẫu {n}" in html for n in ("000", "002", "003"))
    assert "Khương Quốc Hưng" in found(client, "khuong quoc hung")  # in 000's excerpt


def test_every_word_must_be_there(client: Client, make_article: Any) -> None:
    make_article("Dân vận khéo ở phường Định Công")

    assert "Dân vận khéo ở phường Định Công" in found(client, "dan van dinh cong")
    html = found(client, "dan van hoang mai")
    assert "Dân vận khéo ở phường Định Công" not in html
    assert "Không tìm thấy bài viết hay văn bản nào cho “dan van hoang mai”" in html


def test_drafts_unpublished_and_private_pages_never_appear(
    client: Client, make_article: Any
) -> None:
    make_article("Dân vận bản nháp", publish=False)
    withdrawn = make_article("Dân vận bài đã gỡ")
    withdrawn.unpublish()
    private = make_article("Dân vận bài nội bộ")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    make_article("Dân vận bài công khai")

    html = found(client, "dan van")

    assert "Dân vận bài công khai" in html
    for hidden in ("Dân vận bản nháp", "Dân vận bài đã gỡ", "Dân vận bài nội bộ"):
        assert hidden not in html
    assert "Tìm thấy 1 bài viết" in html


def test_publishing_a_revision_reindexes_and_a_draft_does_not(
    client: Client, make_article: Any
) -> None:
    article = make_article("Giao ban tháng 2", text="Nội dung cũ về chuyển đổi số.")
    assert "Giao ban tháng 2" in found(client, "chuyen doi so")

    article.body = [("paragraph", "<p>Nội dung nháp về phòng cháy chữa cháy.</p>")]
    article.save_revision()
    assert "Giao ban tháng 2" not in found(client, "phong chay")  # not published yet

    article.body = [("paragraph", "<p>Nội dung mới về bình dân học vụ số.</p>")]
    article.save_revision().publish()
    assert "Giao ban tháng 2" in found(client, "binh dan hoc vu")
    assert "Giao ban tháng 2" not in found(client, "chuyen doi so")


def test_notices_appear_with_their_section(client: Client, make_notice: Any) -> None:
    make_notice("Thông báo lịch tiếp công dân", text="Đồng chí Bí thư Đảng ủy tiếp công dân.")

    html = found(client, "tiep cong dan")

    assert "Thông báo lịch tiếp công dân" in html
    assert ">Thông báo</a></span>" in html  # the section, on the result's date line


def test_excerpt_shows_rich_text_symbols_once_escaped(client: Client, make_notice: Any) -> None:
    make_notice("Thông báo họp", text="Mặt trận &amp; đoàn thể họp &lt;quý I&gt;.")

    html = found(client, "doan the")

    assert "Mặt trận &amp; đoàn thể họp &lt;quý I&gt;." in html
    assert "&amp;amp;" not in html


def test_public_documents_appear_and_private_ones_do_not(
    client: Client, make_document: Any
) -> None:
    make_document("138-KH/QU", "Triển khai công tác dân vận khéo năm 2023", data=b"%PDF-1.4")
    make_document("15-KH/QU", "Kế hoạch dân vận khéo (nội bộ)", public=False)

    html = found(client, "dan van kheo")

    assert "138-KH/QU" in html and "Triển khai công tác dân vận khéo năm 2023" in html
    assert "15-KH/QU" not in html
    assert "Tìm thấy 0 bài viết, 1 văn bản cho “dan van kheo”" in html
    assert "Tải về" in html


def test_a_document_without_file_has_no_download_link(client: Client, make_document: Any) -> None:
    make_document("18-CT/TW", "Chỉ thị về phát huy vai trò của Nhân dân")

    html = found(client, "nhan dan")

    assert "18-CT/TW" in html
    assert "Tải về" not in html


@pytest.mark.parametrize(
    "query", ['"', "*", "(", ")", "-", "AND", "OR NOT", 'dan"van', '"dan van', "dan*", "^:{}", "'"]
)
def test_punctuation_and_search_syntax_never_break_the_page(
    client: Client, make_article: Any, query: str
) -> None:
    make_article("Bài kiểm tra dân vận")

    html = found(client, query)

    # Nothing to look for is not "everything": the article is not listed by accident.
    if query in ("dan*", 'dan"van', '"dan van'):
        assert "Bài kiểm tra dân vận" in html
    else:
        assert "Bài kiểm tra dân vận" not in html


@pytest.mark.parametrize("query", ["", "   ", "?!…"])
def test_empty_query_explains_what_to_do(client: Client, make_article: Any, query: str) -> None:
    make_article("Bài kiểm tra dân vận")

    html = found(client, query)

    assert "Tìm thấy" not in html and "Bài kiểm tra dân vận" not in html
    assert "“dan van kheo” tìm được “Dân vận khéo”" in html or "không có chữ hay số" in html


def test_results_are_paginated_by_ten(client: Client, make_article: Any) -> None:
    for n in range(12):
        make_article(f"Dân vận số {n:02d}")

    first = found_raw(client, "dan van")
    second = found_raw(client, "dan van", trang=2)

    assert "Tìm thấy 12 bài viết" in first
    assert first.count("<mark>Dân</mark> <mark>vận</mark> số") == 10
    assert second.count("<mark>Dân</mark> <mark>vận</mark> số") == 2
    assert "Trang 1/2" in first and "q=dan%20van&amp;trang=2" in first


def test_search_is_never_served_from_the_page_cache(
    client: Client, make_document: Any, settings: Any
) -> None:
    settings.PORTAL_CACHE_SECONDS = 300
    assert "Không tìm thấy" in found(client, "binh dan hoc vu")

    # A new register entry does not empty the page cache (publishing a page would).
    make_document("01-KH/QU", "Kế hoạch bình dân học vụ số")

    assert "Kế hoạch bình dân học vụ số" in found(client, "binh dan hoc vu")


def test_download_streams_a_public_document(client: Client, make_document: Any) -> None:
    document = make_document("138-KH/QU", "Kế hoạch", data=b"%PDF-1.4 noi dung")

    response = client.get(f"/van-ban/{document.pk}/tai-ve/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 noi dung"  # type: ignore[attr-defined]
    assert 'attachment; filename="138-KH-QU.pdf"' in response["Content-Disposition"]


def test_download_is_404_for_private_missing_or_fileless_documents(
    client: Client, make_document: Any
) -> None:
    private = make_document("15-KH/QU", "Nội bộ", public=False, data=b"%PDF-1.4 mat")
    fileless = make_document("18-CT/TW", "Chỉ thị")
    stub = make_document("20-CV/QU", "Trích dẫn", data=b"%PDF-1.4")
    stub.is_stub = True
    stub.save()
    deleted = make_document("21-CV/QU", "Đã xóa khỏi sổ", data=b"%PDF-1.4")
    Document.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())

    for pk in (private.pk, fileless.pk, stub.pk, deleted.pk, 999_999):
        assert client.get(f"/van-ban/{pk}/tai-ve/").status_code == 404, pk


def test_excerpt_centres_on_the_first_hit_and_keeps_marks() -> None:
    text = "Mở đầu dài. " * 30 + "Ban Dân vận Quận ủy tổ chức giao ban. " + "Kết thúc. " * 40

    segments = excerpt(text, ["dan", "van"])

    shown = "".join(s.text for s in segments)
    assert shown.startswith("… ") and shown.endswith(" …")
    assert [s.text for s in segments if s.hit] == ["Dân", "vận"]
    assert len(shown) < 300


def test_selector_reports_terms_and_nothing_searched_for_punctuation(make_article: Any) -> None:
    make_article("Dân vận khéo")

    assert portal_search(q="Dân VẬN!").terms == ["dan", "van"]
    nothing = portal_search(q="- * (")
    assert not nothing.searched and nothing.page_count == 0


def test_a_long_title_is_shown_whole_with_its_words_marked(client: Any, make_article: Any) -> None:
    title = (
        "Hội nghị tổng kết 10 năm thực hiện Quyết định số 290-QĐ/TW, Kết luận 66-KL/TW, "
        "Chỉ thị 43-CT/TW; sơ kết công tác Dân vận 6 tháng đầu năm"
    )
    make_article(title)

    html = client.get("/tim-kiem/", {"q": "dan van"}).content.decode()

    assert "Hội nghị tổng kết 10 năm thực hiện" in html
    assert "<mark>Dân</mark> <mark>vận</mark>" in html or "<mark>Dân vận</mark>" in html


def test_rare_and_common_words_list_the_same_pages_in_the_same_order(
    make_article: Any, monkeypatch: Any
) -> None:
    # Under COUNT_CAP matches a word's pages come from the index and are sorted; above it
    # (PostgreSQL) the newest entries are walked: both list newest indexed first.
    from danvan.portal import search

    monkeypatch.setattr(search, "COUNT_CAP", 12)
    old = timezone.now() - dt.timedelta(days=30)
    for n in range(15):
        extra = " nghêu" if n % 3 == 0 else ""
        make_article(f"Giao ban số {n:02d}{extra}", published_on=old + dt.timedelta(days=n))

    def titles(q: str, page: int = 1) -> list[str]:
        results = portal_search(q=q, page_number=page)
        return [hit.page.title for hit in results.hits]

    common = titles("giao ban") + titles("giao ban", 2)  # counted up to COUNT_CAP + 1
    newest = [f"Giao ban số {n:02d}" + (" nghêu" if n % 3 == 0 else "") for n in range(14, 1, -1)]
    assert common == newest
    assert portal_search(q="giao ban").capped
    rare = titles("ngheu")
    assert rare == [f"Giao ban số {n:02d} nghêu" for n in (12, 9, 6, 3, 0)]
    assert not portal_search(q="nghêu").capped
