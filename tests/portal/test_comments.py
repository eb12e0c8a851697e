"""Ý kiến bạn đọc: a reader posts, a moderator approves in the Wagtail admin, readers see it.

The cast: a reader (anonymous client), cast.moderator (portal moderator role), cast.editor
(portal editor: writes articles, may not moderate), cast.stranger (no role), a superuser.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from danvan.portal.comments import (
    address_hash,
    comment_approve,
    comment_post,
    comment_reject,
)
from danvan.portal.models import CommentStatus, ReaderComment
from tests.factories import UserFactory

THANKS = "Cảm ơn bạn. Ý kiến sẽ hiện sau khi được kiểm duyệt."
LIMIT = "Bạn đã gửi quá nhiều ý kiến, vui lòng thử lại sau."


@pytest.fixture
def article(make_article: Any) -> Any:
    return make_article("Tây Hồ tổng kết công tác dân vận")


@pytest.fixture
def superuser(db: Any) -> Any:
    return UserFactory(username="quantri", is_superuser=True, is_staff=True)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    """Run on-commit callbacks (the cache bump after moderation) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def post(client: Client, article: Any, ip: str = "203.0.113.7", **fields: str) -> Any:
    data = {"name": "Nguyễn Văn An", "email": "", "text": "Bài viết rất hay.", "website": ""}
    data.update(fields)
    return client.post(f"/binh-luan/{article.pk}/", data, REMOTE_ADDR=ip)


def approve_all(user: Any, on_commit: Any) -> None:
    with on_commit():
        for comment in ReaderComment.objects.all():
            comment_approve(user=user, comment=comment)


# --- posting ---------------------------------------------------------------------------


def test_script_comes_back_as_text_once_approved(
    client: Client, article: Any, cast: Any, on_commit: Any
) -> None:
    response = post(client, article, text="<script>alert(1)</script>\nDòng hai")
    assert response.status_code == 302
    approve_all(cast.moderator, on_commit)

    html = client.get(article.url).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Dòng hai" in html
    assert "<script>alert(1)" not in html
    assert "Tổng lượt bình luận: <strong>1</strong>" in html


def test_pending_comment_is_neither_shown_nor_counted(client: Client, article: Any) -> None:
    response = post(client, article, name="Trần Thị Bình", text="Ý kiến chờ duyệt.")

    assert response["Location"] == f"{article.url}?da-gui=1#y-kien"
    html = client.get(response["Location"]).content.decode()
    assert THANKS in html
    assert "Ý kiến chờ duyệt." not in html
    assert "Tổng lượt bình luận: <strong>0</strong>" in html
    assert 'Bình luận: <span data-counter="comments">0</span>' in html
    assert ReaderComment.objects.get().status == CommentStatus.PENDING


def test_honeypot_saves_nothing_yet_thanks_the_sender(client: Client, article: Any) -> None:
    response = post(client, article, website="http://quang-cao.example")

    assert response.status_code == 302
    assert THANKS in client.get(response["Location"]).content.decode()
    assert not ReaderComment.objects.exists()


def test_sixth_comment_in_an_hour_is_refused_another_address_still_can(
    client: Client, article: Any
) -> None:
    for n in range(5):
        assert post(client, article, text=f"Ý kiến số {n}").status_code == 302

    refused = post(client, article, text="Ý kiến số 6")
    other = post(client, article, ip="198.51.100.9", text="Ý kiến từ máy khác")

    assert refused.status_code == 400
    assert LIMIT in refused.content.decode()
    assert other.status_code == 302
    assert ReaderComment.objects.count() == 6


def test_errors_are_per_field_in_vietnamese_and_keep_the_values(
    client: Client, article: Any
) -> None:
    response = post(client, article, name="A", email="khong-phai-thu", text="Hay")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Họ tên: nhập ít nhất 2 ký tự." in html
    assert "Thư điện tử «khong-phai-thu» không hợp lệ" in html
    assert "Ý kiến: nhập ít nhất 5 ký tự." in html
    assert 'value="khong-phai-thu"' in html
    assert "<h1>Tây Hồ tổng kết công tác dân vận</h1>" in html  # the article, not a bare form
    assert "csrfmiddlewaretoken" not in html
    assert not ReaderComment.objects.exists()


def test_the_form_posts_without_a_csrf_token(article: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get(article.url)

    response = post(client, article)

    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert not page.cookies
    assert response.status_code == 302
    assert ReaderComment.objects.count() == 1


def test_htmx_post_answers_the_form_alone(client: Client, article: Any) -> None:
    ok = client.post(
        f"/binh-luan/{article.pk}/",
        {"name": "Lê Văn Cường", "text": "Cảm ơn ban biên tập."},
        headers={"HX-Request": "true"},
    )
    bad = client.post(
        f"/binh-luan/{article.pk}/", {"name": "", "text": ""}, headers={"HX-Request": "true"}
    )

    assert ok.status_code == 200
    assert THANKS in ok.content.decode()
    assert "<h1>" not in ok.content.decode()
    assert bad.status_code == 400
    assert "Họ tên: nhập ít nhất 2 ký tự." in bad.content.decode()


def test_a_nul_in_a_reader_comment_sent_as_multipart_shows_the_form_again(
    client: Client, article: Any
) -> None:
    # Multipart forms pass the middleware (it leaves uploads alone): the form refuses it.
    # It used to be read without its errors: KeyError 'text', a 500.
    response = post(client, article, text="Hay\x00")
    assert response.status_code == 400
    assert "ký tự NUL" in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_a_nul_in_a_reader_comment_answers_400(client: Client, article: Any) -> None:
    response = client.post(
        f"/binh-luan/{article.pk}/",
        "name=An&text=Hay%00&website=",
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 400
    assert "«text» chứa ký tự NUL" in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_get_is_not_allowed_and_unknown_pages_are_404(client: Client, article: Any) -> None:
    assert client.get(f"/binh-luan/{article.pk}/").status_code == 405
    assert post(client, article).status_code == 302
    assert client.post("/binh-luan/999999/", {"name": "An", "text": "Xin chào"}).status_code == 404


def test_article_closed_to_comments_refuses_and_shows_no_form(
    client: Client, make_article: Any
) -> None:
    closed = make_article("Bài không nhận ý kiến", allow_comments=False)

    with pytest.raises(ValidationError) as refused:
        comment_post(page=closed, name="An", email="", text="Xin góp ý", ip="1.2.3.4")
    html = client.get(closed.url).content.decode()

    assert "Bài viết này không nhận ý kiến bạn đọc." in refused.value.messages
    assert "Bài viết này không nhận ý kiến bạn đọc." in html
    assert 'action="/binh-luan/' not in html


def test_unpublished_article_takes_no_comment(make_article: Any) -> None:
    draft = make_article("Bản nháp", publish=False)

    with pytest.raises(ValidationError):
        comment_post(page=draft, name="An", email="", text="Xin góp ý", ip="1.2.3.4")


def test_text_is_kept_plain_without_control_characters_and_the_address_is_hashed(
    article: Any,
) -> None:
    comment = comment_post(
        page=article,
        name="  Phạm\u0000  Dũng ",
        email=" dung@example.vn ",
        text="  Dòng một\r\n\r\n\r\n\r\nDòng hai\u202e <b>đậm</b>  ",
        ip="203.0.113.7",
    )

    comment.refresh_from_db()
    assert comment.name == "Phạm Dũng"
    assert comment.email == "dung@example.vn"
    assert comment.text == "Dòng một\n\nDòng hai <b>đậm</b>"
    assert comment.ip_hash == address_hash("203.0.113.7")
    assert "203.0.113.7" not in comment.ip_hash and len(comment.ip_hash) == 64


# --- moderation ------------------------------------------------------------------------


def test_only_a_user_who_may_publish_can_moderate(article: Any, cast: Any) -> None:
    comment = comment_post(page=article, name="An", email="", text="Xin góp ý", ip="1.2.3.4")

    for user in (cast.editor, cast.stranger, None):
        with pytest.raises(PermissionDenied):
            comment_approve(user=user, comment=comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING

    comment_reject(user=cast.moderator, comment=comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert comment.moderated_by == cast.moderator
    assert comment.moderated_at is not None


def test_rejecting_an_approved_comment_takes_it_off_the_page(
    client: Client, article: Any, cast: Any, on_commit: Any
) -> None:
    post(client, article, name="Hoàng Văn Em", text="Ý kiến sẽ bị gỡ.")
    approve_all(cast.moderator, on_commit)
    assert "Ý kiến sẽ bị gỡ." in client.get(article.url).content.decode()

    with on_commit():
        comment_reject(user=cast.moderator, comment=ReaderComment.objects.get())

    assert "Ý kiến sẽ bị gỡ." not in client.get(article.url).content.decode()


# --- the Wagtail admin -----------------------------------------------------------------

LIST = "/cms/y-kien-ban-doc/"


def test_admin_lists_pending_first_for_a_superuser(
    client: Client, article: Any, superuser: Any, cast: Any
) -> None:
    older = comment_post(
        page=article, name="Người đã duyệt", email="", text="Ý kiến cũ", ip="1.1.1.1"
    )
    comment_approve(user=cast.moderator, comment=older)
    comment_post(page=article, name="Người chờ duyệt", email="", text="Ý kiến mới", ip="1.1.1.2")
    client.force_login(superuser)

    response = client.get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Người chờ duyệt") < html.index("Người đã duyệt")
    assert "Tây Hồ tổng kết công tác dân vận" in html
    pending = ReaderComment.objects.get(name="Người chờ duyệt")
    assert f'data-w-action-url-value="{LIST}duyet/{pending.pk}/"' in html
    assert f'data-w-action-url-value="{LIST}tu-choi/{pending.pk}/"' in html
    assert f'data-w-action-url-value="{LIST}duyet/{older.pk}/"' not in html  # approved already
    filtered = client.get(LIST, {"status": "approved"}).content.decode()
    assert "Người đã duyệt" in filtered and "Người chờ duyệt" not in filtered


def test_admin_approve_button_approves(
    client: Client, article: Any, superuser: Any, on_commit: Any
) -> None:
    comment = comment_post(page=article, name="Đỗ Thị Hoa", email="", text="Rất hay", ip="1.1.1.1")
    client.force_login(superuser)

    with on_commit():
        response = client.post(f"{LIST}duyet/{comment.pk}/", {"next": LIST})

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert comment.moderated_by == superuser
    client.logout()
    assert "Rất hay" in client.get(article.url).content.decode()


def test_admin_bulk_approve_and_reject(client: Client, article: Any, superuser: Any) -> None:
    first, second, third = (
        comment_post(page=article, name=f"Bạn đọc {n}", email="", text="Góp ý", ip=f"1.1.1.{n}")
        for n in range(3)
    )
    client.force_login(superuser)
    bulk = "/cms/bulk/portal/readercomment/{}/?id={}&id={}"

    confirm = client.get(bulk.format("approve", first.pk, second.pk))
    approved = client.post(bulk.format("approve", first.pk, second.pk))
    rejected = client.post(bulk.format("reject", third.pk, third.pk))

    assert confirm.status_code == 200 and "Bạn đọc 0" in confirm.content.decode()
    assert approved.status_code == 302 and rejected.status_code == 302
    statuses = dict(ReaderComment.objects.values_list("name", "status"))
    assert statuses == {
        "Bạn đọc 0": CommentStatus.APPROVED,
        "Bạn đọc 1": CommentStatus.APPROVED,
        "Bạn đọc 2": CommentStatus.REJECTED,
    }


def _admin_access(user: Any) -> None:
    """What the portal's Wagtail groups give (h4 maps roles to them): entry to /cms/."""
    group, _ = Group.objects.get_or_create(name="Vào trang quản trị (thử)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)


def test_admin_refuses_a_user_who_may_not_publish(client: Client, article: Any, cast: Any) -> None:
    comment = comment_post(page=article, name="An", email="", text="Xin góp ý", ip="1.2.3.4")
    _admin_access(cast.editor)
    client.force_login(cast.editor)

    listing = client.get(LIST)
    approving = client.post(f"{LIST}duyet/{comment.pk}/")
    bulk = client.post(f"/cms/bulk/portal/readercomment/approve/?id={comment.pk}")

    assert listing.status_code == 302  # Wagtail's "no permission": back to the dashboard
    assert approving.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert bulk.status_code in (200, 302)
    assert "Ý kiến bạn đọc" not in client.get("/cms/").content.decode()


def test_admin_works_for_a_portal_moderator_with_admin_access(
    client: Client, article: Any, cast: Any
) -> None:
    comment_post(page=article, name="An", email="", text="Xin góp ý", ip="1.2.3.4")
    comment_post(page=article, name="Bình", email="", text="Xin góp ý", ip="1.2.3.5")
    _admin_access(cast.moderator)
    client.force_login(cast.moderator)

    assert client.get(LIST).status_code == 200
    dashboard = client.get("/cms/").content.decode()
    assert json.dumps("Ý kiến bạn đọc (2)")[1:-1] in dashboard


def test_admin_has_no_add_edit_or_delete(client: Client, article: Any, superuser: Any) -> None:
    comment = comment_post(page=article, name="An", email="", text="Xin góp ý", ip="1.2.3.4")
    client.force_login(superuser)

    assert client.get(f"{LIST}inspect/{comment.pk}/").status_code == 200
    for url in (f"{LIST}add/", f"{LIST}edit/{comment.pk}/", f"{LIST}delete/{comment.pk}/"):
        assert client.get(url).status_code == 302, url
    assert ReaderComment.objects.filter(pk=comment.pk).exists()
