"""Ý kiến bạn đọc in the Wagtail admin (``/cms/``): the moderation queue.

A snippet viewset (for its bulk actions) in the main menu, the pending count beside its
label. Pending comments come first; a filter by status and a search by name and text.
Each row has "Duyệt" and "Từ chối" buttons (a POST through Wagtail's ``w-action``), and
ticked rows can be approved or rejected together. Everything goes through
``portal.comments``' services, which check ``Cap.PORTAL_PUBLISH`` and empty the page
cache.

Who sees it is decided by :class:`CommentModerationPolicy` from the portal's roles
(``Cap.PORTAL_PUBLISH``; superusers hold every cap), not by Django model permissions:
no one adds, edits or deletes a reader's comment here, they only moderate. Reaching
``/cms/`` at all still needs Wagtail's "access admin" permission (the portal groups).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from danvan.access.roles import Cap, roles_with
from danvan.access.scope import can
from danvan.portal.comments import (
    comment_approve,
    comment_reject,
    moderation_queue,
    pending_count,
)
from danvan.portal.models import CommentStatus, ReaderComment

MENU_LABEL = "Ý kiến bạn đọc"
NAMESPACE = "portal_comments"
MODERATE = "moderate"


class CommentModerationPolicy(BasePermissionPolicy):
    """Moderators (``Cap.PORTAL_PUBLISH``) may list, read and moderate; nobody adds, edits
    or deletes a reader's words from the admin."""

    ACTIONS = frozenset({"view", MODERATE})

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in self.ACTIONS and can(user, Cap.PORTAL_PUBLISH, None)

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet[Any]:
        users = get_user_model().objects.filter(is_active=True)
        if not self.ACTIONS.intersection(actions):
            return users.none()
        roles = roles_with(Cap.PORTAL_PUBLISH)
        return users.filter(Q(is_superuser=True) | Q(role_assignments__role__in=roles)).distinct()


policy = CommentModerationPolicy(ReaderComment)
register_permission_policy(ReaderComment, policy, exact_class=True)


# --- the per-row moderation views ------------------------------------------------------


def _moderate_view(
    service: Callable[..., ReaderComment], done: str, index_url_name: str
) -> Callable[..., HttpResponse]:
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        if not policy.user_has_permission(request.user, MODERATE):
            return permission_denied(request)
        comment = get_object_or_404(ReaderComment, pk=pk)
        try:
            service(user=request.user, comment=comment)
        except PermissionDenied:
            return permission_denied(request)
        messages.success(request, done.format(name=comment.name))
        return redirect(get_valid_next_url_from_request(request) or reverse(index_url_name))

    return view


def _post_button(label: str, url: str, icon: str, priority: int) -> ListingButton:
    # Wagtail's ``w-action`` controller posts (with the CSRF token) and comes back here.
    return ListingButton(
        label,
        icon_name=icon,
        priority=priority,
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": url,
        },
    )


class CommentIndexView(IndexView):
    def get_list_more_buttons(self, instance: ReaderComment) -> list[Any]:
        buttons: list[Any] = list(super().get_list_more_buttons(instance))
        if not policy.user_has_permission(self.request.user, MODERATE):
            return buttons
        if instance.status != CommentStatus.APPROVED:
            url = reverse(f"{NAMESPACE}:approve", args=[instance.pk])
            buttons.append(_post_button("Duyệt", url, "check", 1))
        if instance.status != CommentStatus.REJECTED:
            url = reverse(f"{NAMESPACE}:reject", args=[instance.pk])
            buttons.append(_post_button("Từ chối", url, "cross", 2))
        return buttons


def _excerpt(comment: ReaderComment) -> str:
    return truncatechars(comment.text, 160)


class ReaderCommentViewSet(SnippetViewSet):
    model = ReaderComment
    icon = "comment"
    menu_label = MENU_LABEL
    menu_name = "y-kien-ban-doc"
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "y-kien-ban-doc"
    url_namespace = NAMESPACE
    index_view_class = CommentIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "page",
        "name",
        "email",
        "text",
        "status",
        "created_at",
        "moderated_by",
        "moderated_at",
    ]
    list_display = [
        "name",
        Column("page", label="Bài viết", accessor="page.title"),
        Column("text", label="Ý kiến", accessor=_excerpt),
        StatusTagColumn(
            "status",
            label="Trạng thái",
            accessor="get_status_display",
            primary=lambda c: c.status == CommentStatus.PENDING,
            sort_key="status",
        ),
        DateColumn("created_at", label="Gửi lúc", sort_key="created_at"),
    ]
    list_filter = ["status"]
    search_fields = ["name", "text"]
    search_backend_name = None
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReaderComment]:
        return moderation_queue()

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        # The policy reads the portal's roles: Django's add/change/delete permissions for
        # this model would be checkboxes in the group editor that change nothing.
        return Permission.objects.none()

    def get_urlpatterns(self) -> list[Any]:
        index = self.get_url_name("list")
        approve = _moderate_view(comment_approve, "Đã duyệt ý kiến của «{name}».", index)
        reject = _moderate_view(comment_reject, "Đã từ chối ý kiến của «{name}».", index)
        return [
            *super().get_urlpatterns(),
            path("duyet/<int:pk>/", approve, name="approve"),
            path("tu-choi/<int:pk>/", reject, name="reject"),
        ]

    def get_menu_item(self, order: int | None = None) -> MenuItem:
        return PendingCountMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )


class PendingCountMenuItem(MenuItem):
    """ "Ý kiến bạn đọc (3)": the label carries how many comments wait for moderation."""

    def is_shown(self, request: HttpRequest) -> bool:
        return policy.user_has_permission(request.user, "view")

    def render_component(self, request: HttpRequest) -> LinkMenuItem:
        waiting = pending_count()
        label = f"{self.label} ({waiting})" if waiting else self.label
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


register_snippet(ReaderCommentViewSet)


# --- bulk actions ----------------------------------------------------------------------


class _ModerateBulkAction(SnippetBulkAction):
    models = [ReaderComment]
    template_name = "portal/comments/confirm_bulk_moderate.html"
    done = ""
    question = ""

    def check_perm(self, obj: ReaderComment) -> bool:
        return policy.user_has_permission(self.request.user, MODERATE)

    def get_execution_context(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(action_label=self.display_name, question=self.question)
        return context

    def get_success_message(self, num_parent_objects: int, num_child_objects: int) -> str:
        return self.done.format(n=num_parent_objects)


class ApproveBulkAction(_ModerateBulkAction):
    display_name = "Duyệt"
    action_type = "approve"
    aria_label = "Duyệt các ý kiến đã chọn"
    action_priority = 10
    done = "Đã duyệt {n} ý kiến."
    question = "Duyệt và cho hiện các ý kiến sau trên trang bài viết?"

    @classmethod
    def execute_action(
        cls, objects: list[ReaderComment], user: Any = None, **kwargs: Any
    ) -> tuple[int, int]:
        for comment in objects:
            comment_approve(user=user, comment=comment)
        return len(objects), 0


class RejectBulkAction(_ModerateBulkAction):
    display_name = "Từ chối"
    action_type = "reject"
    aria_label = "Từ chối các ý kiến đã chọn"
    action_priority = 20
    classes = {"serious"}
    done = "Đã từ chối {n} ý kiến."
    question = "Từ chối các ý kiến sau (không hiện trên trang bài viết)?"

    @classmethod
    def execute_action(
        cls, objects: list[ReaderComment], user: Any = None, **kwargs: Any
    ) -> tuple[int, int]:
        for comment in objects:
            comment_reject(user=user, comment=comment)
        return len(objects), 0


hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)
