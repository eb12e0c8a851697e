"""Notifications in the admin, read-only: administrators see the mails that failed
(filter "Thư điện tử: Gửi lỗi", with the error) and whom each notice went to."""

from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import ReadOnlyAdmin
from danvan.notifications.models import EmailPreference, Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "text", "read_at", "email_state"]
    list_filter = ["email_state", "kind"]
    search_fields = ["text", "recipient__username", "email_error"]
    date_hierarchy = "created_at"


@admin.register(EmailPreference)
class EmailPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "delivery", "updated_at"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__username"]
