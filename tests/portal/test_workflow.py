"""The editorial workflow through Wagtail's own admin views, as our staff use it.

The portal editor (``cast.editor``) writes a draft in "Tin tức – sự kiện" and submits it;
she cannot publish. The portal moderator approves it and it goes live on the home page.
Scheduled publishing waits for ``publish_scheduled``; an older revision can be put back.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.models import Revision, WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from danvan.lib.text import fold
from danvan.portal.models import ArticlePage
from danvan.portal.setup import section
from tests.conftest import client_for

FORM_ID = "page-edit-form"


@pytest.fixture
def news(home: Any) -> Any:
    return section("tin-tuc-su-kien")


def _form(client: Client, url: str, *, paragraphs: list[str], **fields: str) -> dict[str, Any]:
    """What the browser would send: the form as rendered, our fields, and the body.

    The body (a StreamField) is drawn by JavaScript, so the test writes it out itself.
    """
    response = client.get(url)
    assert response.status_code == 200, url
    data: dict[str, Any] = dict(querydict_from_html(response.content.decode(), form_id=FORM_ID))
    data = {key: value[-1] if isinstance(value, list) else value for key, value in data.items()}
    data["allow_comments"] = "on"
    data.update(fields)
    body = streamfield([("paragraph", rich_text(f"<p>{text}</p>")) for text in paragraphs])
    data.update(nested_form_data({"body": body}))
    return data


def _errors(response: Any) -> Any:
    form = response.context and response.context.get("form")
    return form.errors if form is not None else response.status_code


def _add_url(parent: Any) -> str:
    return reverse("wagtailadmin_pages:add", args=("portal", "articlepage", parent.pk))


def _edit_url(page: Any) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def _create(
    client: Client, parent: Any, title: str, text: str, *, action: str = "", **extra: str
) -> ArticlePage:
    """Fill in Wagtail's "add article" form and press a button ("" saves a draft)."""
    data = _form(client, _add_url(parent), paragraphs=[text], title=title, **extra)
    data["slug"] = slugify(fold(title))  # the browser's script fills it from the title
    if action:
        data[f"action-{action}"] = action
    response = client.post(_add_url(parent), data)
    assert response.status_code == 302, _errors(response)
    return ArticlePage.objects.get(title=title)


def _edit(client: Client, page: Any, text: str, *, action: str = "", url: str = "") -> None:
    url = url or _edit_url(page)
    data = _form(client, url, paragraphs=[text])
    if action:
        data[f"action-{action}"] = action
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)


def test_editor_is_offered_submit_not_publish(cast: Any, news: Any) -> None:
    editor_form = client_for(cast.editor).get(_add_url(news)).content.decode()
    moderator_form = client_for(cast.moderator).get(_add_url(news)).content.decode()

    assert 'name="action-submit"' in editor_form
    assert 'name="action-publish"' not in editor_form
    assert 'name="action-publish"' in moderator_form


def test_editor_drafts_moderator_approves_and_it_goes_live(cast: Any, news: Any) -> None:
    editor = client_for(cast.editor)
    title = "Phường Định Công ra mắt mô hình tổ dân vận khu dân cư"
    article = _create(editor, news, title, "Sáng 15/3, phường Định Công ra mắt mô hình.")
    assert not article.live
    assert title not in Client().get("/").content.decode()

    # Asking to publish is refused: Wagtail only saves another draft.
    _edit(editor, article, "Bản sửa lần hai.", action="publish")
    article.refresh_from_db()
    assert not article.live
    assert title not in Client().get("/").content.decode()

    # "Gửi duyệt": the workflow "Duyệt bài trước khi đăng" starts, waiting for a moderator.
    _edit(editor, article, "Bản gửi duyệt.", action="submit")
    state = WorkflowState.objects.for_instance(article).get()
    assert state.workflow.name == "Duyệt bài trước khi đăng"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == cast.editor
    article.refresh_from_db()
    assert not article.live

    # The editor cannot approve her own article; the moderator can.
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk)
    )
    editor.post(approve, {"comment": ""})
    article.refresh_from_db()
    assert not article.live

    response = client_for(cast.moderator).post(approve, {"comment": "Đồng ý đăng."}, follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    state.refresh_from_db()
    assert article.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert title in Client().get("/").content.decode()
    assert "Bản gửi duyệt." in Client().get(article.url).content.decode()


def test_scheduled_article_waits_for_publish_scheduled(
    cast: Any, news: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = "Lịch tiếp công dân tháng 4/2023"
    go_live = timezone.localtime() + dt.timedelta(days=2)
    article = _create(
        client_for(cast.moderator),
        news,
        title,
        "Thường trực Ban tiếp công dân vào thứ Năm hằng tuần.",
        action="publish",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    assert not article.live
    assert article.latest_revision is not None
    assert article.latest_revision.approved_go_live_at is not None

    call_command("publish_scheduled", stdout=StringIO())
    article.refresh_from_db()
    assert not article.live
    assert title not in Client().get("/").content.decode()

    later = timezone.now() + dt.timedelta(days=2, minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("publish_scheduled", stdout=StringIO())
    monkeypatch.undo()

    article.refresh_from_db()
    assert article.live
    assert title in Client().get("/").content.decode()


def test_reverting_to_the_first_revision_puts_the_old_text_back(cast: Any, news: Any) -> None:
    moderator = client_for(cast.moderator)
    title = "Kết quả công tác dân vận tháng 3/2023"
    texts = ["Bản thứ nhất: 14 phường hoàn thành.", "Bản thứ hai: 13 phường.", "Bản thứ ba."]
    article = _create(moderator, news, title, texts[0], action="publish")
    for text in texts[1:]:
        _edit(moderator, article, text, action="publish")
    assert texts[2] in Client().get(article.url).content.decode()

    revisions = Revision.page_revisions.filter(object_id=str(article.pk)).order_by("pk")
    first = revisions[0]
    assert [strip_tags(block.value.source) for block in first.as_object().body] == [texts[0]]
    # The revert view opens the edit form on the old version; the moderator publishes it.
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(article.pk, first.pk))
    _edit(moderator, article, texts[0], action="publish", url=revert_url)

    html = Client().get(article.url).content.decode()
    assert texts[0] in html
    assert texts[2] not in html
    assert revisions.count() == 4


def test_a_vietnamese_slug_from_the_editor_is_folded_to_ascii(cast: Any, news: Any) -> None:
    """The editor's script keeps the title's letters (WAGTAIL_ALLOW_UNICODE_SLUGS); the
    address is folded, marks and đ included (issue 12 §6: it read "phng-djnh-cong")."""
    editor = client_for(cast.editor)
    title = "Phường Định Công tổ chức hội nghị"
    data = _form(editor, _add_url(news), paragraphs=["Nội dung."], title=title)
    data["slug"] = "phường-định-công-tổ-chức-hội-nghị"  # what the browser suggests
    response = editor.post(_add_url(news), data)
    assert response.status_code == 302, _errors(response)
    assert ArticlePage.objects.get(title=title).slug == "phuong-dinh-cong-to-chuc-hoi-nghi"


def test_the_cms_asks_no_avatar_from_gravatar(cast: Any, news: Any) -> None:
    page = client_for(cast.moderator).get(_add_url(news)).content.decode()
    assert "gravatar" not in page.lower()


def test_the_cms_speaks_vietnamese_where_staff_work(cast: Any, news: Any) -> None:
    """The project catalogue covers the editor's footer and the moderation actions that
    Wagtail's own Vietnamese leaves in English (issue 12 §6)."""
    editor = client_for(cast.editor)
    article = _create(editor, news, "Bài chờ duyệt", "Nội dung.", action="submit")
    page = client_for(cast.moderator).get(_edit_url(article)).content.decode()
    for english in ("Save draft", "More actions", "Request changes", "Phê chuẩnvà"):
        assert english not in page, english
    for vietnamese in ("Lưu bản nháp", "Thao tác khác", "Yêu cầu sửa", "Duyệt và đăng"):
        assert vietnamese in page, vietnamese
