"""Ý kiến bạn đọc: posting (anonymous, held for moderation), approving, rejecting, reading.

Anyone may post, so the checks are the ones an open form needs: a honeypot field that
people never see (a bot that fills it is told "thank you" and nothing is saved), at most
``PORTAL_COMMENTS_PER_HOUR`` comments per address per rolling hour (counted in the
database, so every process agrees), and per-field validation. The sender's address is
kept only as a keyed hash (HMAC with ``SECRET_KEY``): enough to count, useless to read.

The text is stored as the reader typed it (control characters removed) and escaped when
shown, so a posted ``<script>`` comes back as text. Moderation needs
``Cap.PORTAL_PUBLISH``; it empties the portal page cache once the change is committed so
the article shows (or hides) the comment on its next request.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.models import Page

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core.audit import acting_as
from danvan.lib.text import normalize_spaces
from danvan.notifications.services import comment_pending_notify
from danvan.portal.cache import bump_version
from danvan.portal.models import ArticlePage, CommentStatus, ReaderComment

HONEYPOT_FIELD = "website"
NAME_MIN, NAME_MAX = 2, 80
TEXT_MIN, TEXT_MAX = 5, 2000
RATE_WINDOW = dt.timedelta(hours=1)
RATE_LIMIT_MESSAGE = "Bạn đã gửi quá nhiều ý kiến, vui lòng thử lại sau."

# C0/C1 controls except tab and newline, and the bidi overrides that can make a comment
# display differently from what it says.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BLANK_LINES = re.compile(r"\n{3,}")


# --- helpers ---------------------------------------------------------------------------


def address_hash(ip: str) -> str:
    """A keyed hash of the sender's address (64 hex characters), for the rate limit."""
    return salted_hmac("danvan.portal.comment-ip", ip or "", algorithm="sha256").hexdigest()


def clean_text(value: str) -> str:
    """Plain text as typed: NFC, no control characters, no more than one blank line."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text).replace("\t", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def clean_line(value: str) -> str:
    """One line (a name, an address): no control characters, spaces collapsed."""
    return normalize_spaces(_CONTROLS.sub("", value or ""))


def accepts_comments(page: Page | None) -> bool:
    specific = page.specific if page is not None else None
    return (
        isinstance(specific, ArticlePage)
        and specific.live
        and not specific.expired
        and specific.allow_comments
    )


def _field_errors(name: str, email: str, text: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if len(name) < NAME_MIN:
        errors["name"] = f"Họ tên: nhập ít nhất {NAME_MIN} ký tự."
    elif len(name) > NAME_MAX:
        errors["name"] = f"Họ tên: tối đa {NAME_MAX} ký tự (đang có {len(name)})."
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = f"Thư điện tử «{email[:100]}» không hợp lệ (ví dụ: ten@gmail.com)."
    if len(text) < TEXT_MIN:
        errors["text"] = f"Ý kiến: nhập ít nhất {TEXT_MIN} ký tự."
    elif len(text) > TEXT_MAX:
        errors["text"] = f"Ý kiến: tối đa {TEXT_MAX} ký tự (đang có {len(text)})."
    return errors


def _over_limit(ip_hash: str, now: dt.datetime) -> bool:
    # Two posts in the same instant may both pass: the limit stops floods, it is no quota.
    recent = ReaderComment.objects.filter(ip_hash=ip_hash, created_at__gt=now - RATE_WINDOW)
    return recent.count() >= settings.PORTAL_COMMENTS_PER_HOUR


# --- services --------------------------------------------------------------------------


@transaction.atomic
def comment_post(
    *, page: Page, name: str, email: str, text: str, ip: str, honeypot: str = ""
) -> ReaderComment:
    """Keep a reader's comment, pending moderation.

    A filled honeypot returns an unsaved comment: the bot sees the same thank-you as a
    person and learns nothing. Raises ``ValidationError`` (per field, Vietnamese) on bad
    input, on a page that takes no comments, and past the hourly limit.
    """
    name, email, text = clean_line(name), clean_line(email), clean_text(text)
    comment = ReaderComment(page=page, name=name[:NAME_MAX], email=email, text=text)
    if honeypot.strip():
        return comment
    errors: dict[str, Any] = dict(_field_errors(name, email, text))
    if not accepts_comments(page):
        errors[NON_FIELD_ERRORS] = "Bài viết này không nhận ý kiến bạn đọc."
    now = timezone.now()
    comment.ip_hash = address_hash(ip)
    if NON_FIELD_ERRORS not in errors and _over_limit(comment.ip_hash, now):
        errors[NON_FIELD_ERRORS] = RATE_LIMIT_MESSAGE
    if errors:
        raise ValidationError(errors)
    comment.created_at = now
    comment.status = CommentStatus.PENDING
    comment.full_clean(exclude=["page"])
    comment.save()
    comment_pending_notify(comment=comment)
    return comment


def _moderate(*, user: Any, comment: ReaderComment, status: str) -> ReaderComment:
    require(user, Cap.PORTAL_PUBLISH, None)
    if comment.status == status:
        return comment
    with acting_as(user), transaction.atomic():
        comment.status = status
        comment.moderated_by = user
        comment.moderated_at = timezone.now()
        comment.save(update_fields=["status", "moderated_by", "moderated_at"])
        # After the commit, or a reader could cache the page again from the old rows.
        transaction.on_commit(bump_version)
    return comment


def comment_approve(*, user: Any, comment: ReaderComment) -> ReaderComment:
    """Show the comment on its article (needs ``Cap.PORTAL_PUBLISH``)."""
    return _moderate(user=user, comment=comment, status=CommentStatus.APPROVED)


def comment_reject(*, user: Any, comment: ReaderComment) -> ReaderComment:
    """Keep the comment off the article (needs ``Cap.PORTAL_PUBLISH``); also hides an
    approved one."""
    return _moderate(user=user, comment=comment, status=CommentStatus.REJECTED)


# --- selectors -------------------------------------------------------------------------


def approved_comments(*, page: Page) -> list[ReaderComment]:
    """What readers see under an article: approved comments, oldest first."""
    return list(ReaderComment.objects.approved().filter(page_id=page.pk).order_by("created_at"))


def pending_count() -> int:
    return ReaderComment.objects.pending().count()


def moderation_queue() -> QuerySet[ReaderComment]:
    """Every comment for moderators, pending first, newest first within a status."""
    first = Case(
        When(status=CommentStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        ReaderComment.objects.select_related("page", "moderated_by")
        .annotate(pending_first=first)
        .order_by("pending_first", "-created_at", "-pk")
    )
