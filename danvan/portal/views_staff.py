"""Staff pages of the portal outside the CMS: "Tạo bài viết" on a recorded meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from danvan.core.http import AppRequest
from danvan.meetings.selectors import meeting_get
from danvan.portal.from_meeting import ArticleExists, article_from_meeting


@login_required
@require_POST
def meeting_article(request: AppRequest, pk: int) -> HttpResponse:
    """Make the meeting's draft article and open it in the CMS editor. Without
    ``Cap.PORTAL_EDIT``: 403; a meeting out of scope: 404; an article already made: its
    editor, with a warning; other refusals: back to the meeting with the reason."""
    meeting = meeting_get(user=request.user, pk=pk)
    try:
        article = article_from_meeting(user=request.user, meeting=meeting)
    except ArticleExists as exists:
        messages.warning(request, " ".join(exists.messages))
        return redirect("wagtailadmin_pages:edit", exists.article.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:detail", pk=meeting.pk)
    messages.success(
        request,
        f"Đã tạo bản nháp «{article.title}». Đọc lại, sửa nếu cần rồi gửi duyệt để đăng.",
    )
    return redirect("wagtailadmin_pages:edit", article.pk)
